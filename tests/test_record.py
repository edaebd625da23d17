"""The record: exact keys and order, JSON round trip, and the JSON Schema."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

import newsextract
from newsextract import Article, Image, Quote

DESIGN_KEYS = [
    "schema",
    "url",
    "canonical_url",
    "site",
    "language",
    "extractor",
    "title",
    "description",
    "byline",
    "authors",
    "published",
    "modified",
    "body",
    "quotes",
    "background",
    "tags",
    "section",
    "images",
    "links",
    "fetched_at",
    "fingerprint",
    "warnings",
]


def sample() -> Article:
    return Article(
        url="https://example.com/a",
        title="T",
        authors=("A B",),
        published="2024-07-12T19:50:00+03:00",
        body=("One.", '"Two," she said.'),
        quotes=(Quote(text="Two", speaker="A B", paragraph=1),),
        images=(Image(url="https://example.com/i.jpg", credit="Photo: X"),),
    )


def test_to_dict_has_exactly_the_design_keys_in_order() -> None:
    assert list(sample().to_dict()) == DESIGN_KEYS


def test_to_json_round_trips_and_keeps_unicode() -> None:
    art = dataclasses.replace(sample(), title="Київ")
    text = art.to_json()
    assert "Київ" in text
    assert json.loads(text) == art.to_dict()


def test_record_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample().title = "x"  # type: ignore[misc]


def test_schema_validates_records_and_rejects_wrong_ones() -> None:
    schema = newsextract.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(sample().to_dict(), schema)
    bad = sample().to_dict() | {"published": "12 July 2024"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    missing = sample().to_dict()
    del missing["links"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(missing, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sample().to_dict() | {"links": [{"url": "https://x.example/"}]}, schema)
    # keys are only ever added within newsextract/1: a record with a later key still validates
    jsonschema.validate(sample().to_dict() | {"extra": 1}, schema)


def test_docstring_documents_every_field() -> None:
    doc = Article.__doc__ or ""
    for key in DESIGN_KEYS:
        assert f"{key}:" in doc, key


def test_the_record_keeps_the_capture_time_with_its_offset() -> None:
    html = (
        "<html><body><h1>Storm</h1>"
        + "<p>The storm closed the coast road on Monday, and it stays shut.</p>" * 5
        + "</body></html>"
    )
    assert newsextract.extract(html, "https://a.example/s", fetched_at="2024-05-01T10:00:00Z").fetched_at == (
        "2024-05-01T10:00:00+00:00"
    )
    assert newsextract.extract(html, "https://a.example/s").fetched_at is None


ZH = (
    "市议会周一在暴风雨过后关闭了沿海公路。港口工程预计需要数周时间才能完成，居民被要求绕行。"
    "气象部门表示，本周末还可能有强降雨，提醒市民注意安全。交通部门已经在主要路口安排了工作人员，引导车辆从山区道路通行。"
    "部分学校宣布停课一天，商店也提前关门。市长在新闻发布会上说，政府将尽快修复受损的防波堤，并为受灾家庭提供临时住所。"
)
DE = (
    "Der Stadtrat hat am Montag nach dem Sturm die Küstenstraße gesperrt. Die Arbeiten am Hafen werden nach "
    "Angaben der Verwaltung mehrere Wochen dauern, und die Anwohner sollen bis dahin Umleitungen nutzen. Der "
    "Wetterdienst rechnet für das Wochenende mit weiterem Starkregen und warnt vor Überschwemmungen in den tiefer "
    "gelegenen Vierteln. Schulen in der Nähe des Hafens bleiben am Dienstag geschlossen, die Busse fahren auf "
    "geänderten Strecken. Die Feuerwehr war in der Nacht mehr als vierzig Mal im Einsatz, vor allem wegen "
    "umgestürzter Bäume und vollgelaufener Keller."
)


def _page(text: str, lang: str = "") -> str:
    sentences = [s for s in text.replace("。", "。|").replace(". ", ".|").split("|") if s]
    attr = f' lang="{lang}"' if lang else ""
    return f"<html{attr}><body><h1>Storm</h1>" + "".join(f"<p>{s}</p>" for s in sentences) + "</body></html>"


def test_a_page_that_declares_no_language_gets_the_one_its_text_reads_as() -> None:
    for text, lang in ((ZH, "zh"), (DE, "de")):
        article = newsextract.extract(_page(text), "https://a.example/s", site_rules=False)
        assert article.language == lang, text[:20]
        assert any("the text reads as" in w for w in article.warnings)
    # a declared language in the text's script stands: the model is not asked
    assert newsextract.extract(_page(DE, "nl"), "https://a.example/s", site_rules=False).language == "nl"


UK = (
    "Міська рада в понеділок закрила прибережну дорогу після шторму. Роботи в порту триватимуть кілька "
    "тижнів, а мешканцям радять користуватися об'їздом. Синоптики попереджають про нові зливи на вихідних "
    "і можливі підтоплення в нижніх кварталах. Школи поблизу порту у вівторок не працюватимуть, автобуси "
    "їздитимуть зміненими маршрутами. Рятувальники вночі понад сорок разів виїжджали на виклики."
)


def test_a_declared_language_in_another_script_than_the_text_gives_way_to_the_text() -> None:
    for text, lang in ((UK, "uk"), (ZH, "zh")):
        article = newsextract.extract(_page(text, "en"), "https://a.example/s", site_rules=False)
        assert article.language == lang, text[:20]
        assert any("declares en" in w and f"reads as {lang}" in w for w in article.warnings)
    german = newsextract.extract(_page(DE, "de"), "https://a.example/s", site_rules=False)
    assert german.language == "de" and not any(w.startswith("language") for w in german.warnings)


_STORM = (
    "<html><body><h1>Storm</h1>"
    + "<p>The storm closed the coast road on Monday, and it stays shut.</p>" * 5
    + "</body></html>"
)


def test_a_page_without_a_url_has_null_url_and_site() -> None:
    article = newsextract.extract(_STORM)
    assert article.url is None and article.site is None
    record = article.to_dict()
    assert record["url"] is None and record["site"] is None
    jsonschema.validate(record, newsextract.json_schema())
    assert "url: not given and the page names no canonical URL" in record["warnings"]
    with_url = newsextract.extract(_STORM, "https://www.news.example.co.uk/s").to_dict()
    assert (with_url["url"], with_url["site"]) == ("https://www.news.example.co.uk/s", "example.co.uk")
    jsonschema.validate(with_url, newsextract.json_schema())


def test_the_canonical_url_stands_in_for_a_missing_url() -> None:
    html = _STORM.replace("<body>", '<head><link rel="canonical" href="https://a.example/s"></head><body>')
    article = newsextract.extract(html)
    assert (article.url, article.site) == ("https://a.example/s", "a.example")
