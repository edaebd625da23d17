"""Properties that hold for any input, checked on inputs hypothesis makes up: the pipeline ends
in a record or a typed error, and each normalizer keeps its contract."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsextract
from newsextract.extractors.generic import lines as generic_lines
from newsextract.normalize.dates import parse_date
from newsextract.normalize.language import MIN_DECLARED_SHARE, MIN_WIDE_CHARS, SAMPLE_CHARS, script_disagrees
from newsextract.normalize.people import split_byline
from newsextract.normalize.quotes import find_quotes
from newsextract.normalize.text import clean_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = newsextract.json_schema()

WORDS = st.sampled_from(
    [
        "Harbour",
        "seals",
        "said",
        "Anna Roth",
        "By",
        "dpa",
        "12 March 2020",
        "2024-07-12T19:50:00+03:00",
        "«",
        "»",
        '"',
        "“",
        "”",
        "—",
        "київ",
        "東京",
        "\u200b",
        "&amp;",
        "&#0;",
        "<",
        ">",
        "31.12.99999",
        "+99:99",
        "http://[::1",
    ]
)
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=30).map(" ".join)
TAGS = st.sampled_from(
    ["p", "div", "article", "h1", "h2", "span", "a", "li", "ul", "script", "style", "time", "meta", "figure"]
)
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' class="byline"',
        ' class="article-body"',
        ' itemprop="articleBody"',
        ' datetime="2024-07-12T19:50:00+03:00"',
        ' href="http://[::1"',
        ' property="og:title" content="Seals"',
        ' name="author" content="Anna Roth"',
        ' charset="punycode"',
        ' aria-hidden="true"',
        ' class="related"',
    ]
)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """HTML-ish text: well-formed or not, with the fields extractors look for scattered in."""
    parts = ["<html><head><title>", draw(TEXT), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 25))):
        tag, attrs = draw(TAGS), draw(ATTRIBUTES)
        parts.append(f"<{tag}{attrs}>{draw(TEXT)}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    if draw(st.booleans()):
        parts.append('<script type="application/ld+json">' + draw(st.text(max_size=80)) + "</script>")
    parts.append("</body></html>")
    return "".join(parts)


def _extract_or_typed_error(data: str | bytes) -> None:
    try:
        article = newsextract.extract(data, "https://news.example/2024/07/12/story")
    except newsextract.NewsExtractError as exc:
        assert exc.expected, f"a bug escaped as {exc!r}"  # every error on input is a property of it
        return
    jsonschema.validate(article.to_dict(), SCHEMA)
    for quote in article.quotes:
        assert 0 <= quote.paragraph < len(article.body)


@SETTINGS
@given(pages())
def test_any_page_gives_a_valid_record_or_a_typed_error(html: str) -> None:
    _extract_or_typed_error(html)


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_give_a_record_or_a_typed_error(data: bytes) -> None:
    _extract_or_typed_error(b"<html><body><h1>x</h1><p>" + data + b"</p></body></html>")
    _extract_or_typed_error(data)


@SETTINGS
@given(TEXT)
def test_a_date_is_a_real_one_or_none(text: str) -> None:
    value = parse_date(text, fuzzy=True, fetched_at=datetime(2024, 7, 12))
    assert value is None or isinstance(value, date)
    if value is not None:
        assert 1990 <= value.year <= 9999
    if isinstance(value, datetime) and value.tzinfo is not None:
        offset = value.utcoffset()
        assert offset is not None and abs(offset) <= timedelta(hours=14)


@SETTINGS
@given(TEXT)
def test_byline_names_come_from_the_byline(text: str) -> None:
    folded = clean_text(text).casefold()
    for name in split_byline(text):
        assert name and all(word.casefold().strip(".,") in folded for word in name.split())


@SETTINGS
@given(st.lists(TEXT, max_size=8))
def test_quotes_point_into_their_paragraph(body: list[str]) -> None:
    for quote in find_quotes(body):
        assert 0 <= quote.paragraph < len(body) and quote.text


@SETTINGS
@given(st.text(max_size=200))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


# Runs of Latin and Cyrillic letters and of characters that are no letters, in proportions drawn
# on both sides of the declared script's share: the script test's C shortcut must say what
# counting every letter says.
_RUNS = st.lists(
    st.tuples(st.sampled_from(["abcXYZ", "éüßÀ", "київЖ", "’“”—… 0123456789.,!", "µª"]), st.integers(0, 120)),
    max_size=12,
)


@SETTINGS
@given(_RUNS)
def test_the_declared_script_shortcut_agrees_with_counting_letters(runs: list[tuple[str, int]]) -> None:
    text = "".join((chars * n)[:n] for chars, n in runs)
    sample = text[:SAMPLE_CHARS]
    letters = len(re.findall(r"[^\W\d_]", sample))
    latin = len(re.findall("[A-Za-z\u00c0-\u024f]", sample))
    counted = letters >= MIN_WIDE_CHARS and latin < MIN_DECLARED_SHARE * letters
    assert script_disagrees("en", text) == counted


# Lines of pitch words, their near misses and other words: the promo test's substring prefilter
# must say what the two regex scans alone say.
_PROMO_WORDS = st.lists(
    st.sampled_from(
        [
            "Sign up",
            "subscribe",
            "Abonnez",
            "follow us",
            "newsletter",
            "NEWSLETTERS",
            "WhatsApp-Kanal",
            "e-Paper",
            "ePaper",
            "app",
            "apps",
            "happy",
            "inbox",
            "Telegram",
            "push-Nachrichten",
            "by signing up",
            "promotional offers",
            "réservée aux abonnés",
            "se connecter",
            "the",
            "news",
            "paper",
            "-",
            ",",
        ]
    ),
    max_size=8,
)


@SETTINGS
@given(_PROMO_WORDS, st.sampled_from([" ", "", "\u00a0"]))
def test_the_promo_prefilter_agrees_with_the_patterns(words: list[str], glue: str) -> None:
    line = glue.join(words)
    low = line.casefold()
    scanned = bool(
        generic_lines._PROMO_PHRASE.search(low)
        or (generic_lines._PROMO_OFFER.search(low) and generic_lines._PROMO_CALL.search(low))
    )
    assert generic_lines._is_promo_line(line) == scanned


@pytest.mark.parametrize(
    "line",
    [
        *(
            f"Sign up for our {offer} today"
            for offer in ("newsletter", "inbox", "WhatsApp-Kanal", "Telegram", "e-Paper", "ePaper", "app")
        ),
        "Folgen Sie uns: Push-Nachrichten",
        "Cet article est réservée aux abonnés",
        "Se connecter",
        "Mit meiner Anmeldung zum Newsletter stimme ich zu",
        "By signing up you agree",
        "Receive promotional offers",
    ],
)
def test_every_kind_of_pitch_passes_the_prefilter(line: str) -> None:
    assert generic_lines._is_promo_line(line)
