"""Ukrainska Pravda family: every shared page gives its .expected.json; our own fixtures cover the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsextract
from newsextract.extractors import lookup
from newsextract.extractors.sites.pravda import PravdaExtractor

from .conftest import FIXTURES, SHARED, shared_dir

SHARED_PAGES = sorted((SHARED / "sites" / "pravda").glob("*/*.html"))
CASES_DIR = FIXTURES / "pravda"
CASES = json.loads((CASES_DIR / "cases.json").read_text(encoding="utf-8"))
FIELDS = ("url", "site", "language", "title", "authors", "published", "body", "background", "tags")


def _shared_ids() -> list[str]:
    return [p.stem for p in SHARED_PAGES] or ["shared-pages-missing"]


@pytest.fixture(params=SHARED_PAGES or [None], ids=_shared_ids())
def shared_case(request: pytest.FixtureRequest) -> tuple[dict, dict]:
    shared_dir("sites", "pravda")
    page: Path = request.param
    expected = json.loads(
        page.with_name(page.name.removesuffix(".html") + ".expected.json").read_text(encoding="utf-8")
    )
    record = newsextract.extract(page.read_bytes(), expected["url"]).to_dict()
    return record, expected


def test_shared_page_fields(shared_case: tuple[dict, dict]) -> None:
    record, expected = shared_case
    assert record["extractor"] == "pravda"
    for field in FIELDS:
        assert record[field] == expected[field], field


def test_shared_page_quotes_and_image(shared_case: tuple[dict, dict]) -> None:
    record, expected = shared_case
    assert [{"text": q["text"], "speaker": q["speaker"]} for q in record["quotes"]] == expected["quotes"]
    image = record["images"][0] if record["images"] else None
    assert (image and {"caption": image["caption"], "credit": image["credit"]}) == expected["image"]


def test_shared_page_has_no_chrome_and_no_fallback(shared_case: tuple[dict, dict]) -> None:
    record, expected = shared_case
    for chrome in expected["must_not_contain"]:
        assert not any(chrome in p for p in record["body"]), chrome
    assert not [w for w in record["warnings"] if "used generic" in w]
    for quote in record["quotes"]:
        assert quote["text"] in record["body"][quote["paragraph"]]


@pytest.mark.parametrize("page", sorted(CASES), ids=lambda p: Path(p).stem)
def test_own_fixture(page: str) -> None:
    case = CASES[page]
    expected = json.loads(
        (CASES_DIR / (Path(page).name.removesuffix(".html") + ".expected.json")).read_text(encoding="utf-8")
    )
    record = newsextract.extract((CASES_DIR / page).read_bytes(), case["url"]).to_dict()
    assert lookup(case["url"]).__class__ is PravdaExtractor
    for field in expected:
        assert record[field] == expected[field], field
    for chrome in case["must_not_contain"]:
        assert not any(chrome in p for p in record["body"]), chrome
    assert not [w for w in record["warnings"] if "used generic" in w]


def test_fixture_without_charset_is_windows_1251() -> None:
    data = (CASES_DIR / "e2-uk-news-cp1251-nocharset.html").read_bytes()
    assert b"charset=" not in data.lower() and b"<meta charset" not in data.lower()
    record = newsextract.extract(data, CASES["e2-uk-news-cp1251-nocharset.html"]["url"])
    assert record.title == "Рада підтримала закон про нічні трамваї"


def test_tag_page_is_not_an_article() -> None:
    with pytest.raises(newsextract.NotAnArticleError) as info:
        newsextract.extract(
            (CASES_DIR / "tag-page.html").read_bytes(), "https://www.pravda.com.ua/tags/transport/"
        )
    assert info.value.extractor == "pravda"


@pytest.mark.parametrize("url", PravdaExtractor.test_urls)
def test_routing(url: str) -> None:
    assert isinstance(lookup(url), PravdaExtractor)


@pytest.mark.parametrize(
    "url", ["https://www.example.com/news/1", "https://notpravda.com.ua/x", "https://com.ua/", None]
)
def test_other_sites_are_generic(url: str | None) -> None:
    assert lookup(url) is None


def test_generic_only_ignores_site_rules() -> None:
    case = CASES["e5-eng-news.html"]
    record = newsextract.extract((CASES_DIR / "e5-eng-news.html").read_bytes(), case["url"], site_rules=False)
    assert record.extractor == "generic"
