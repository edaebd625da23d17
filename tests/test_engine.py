"""SiteExtractor + Field: validation at class creation, candidate order, strict matches, register()."""

from __future__ import annotations

import pytest

import newsextract
from newsextract import Field, SiteExtractor, attr, jsonld, meta
from newsextract.extractors import _registered, lookup

PAGE = """<html><head><meta property="og:title" content="Meta title">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2030-01-02T03:04:05Z", "author": [{"name": "A One"}, {"name": "B Two"}]}</script>
</head><body><h1 class="a">First</h1><h1 class="a">Second</h1><h2 class="b">Only</h2>
<div class="text"><p>Paragraph one is long enough to be a paragraph of the article.</p><div class="ad">Buy now</div>
<p>Paragraph two, also long enough to be kept in the article body.</p></div>
<img class="lead" src="/i.jpg"></body></html>"""


@pytest.fixture
def cleanup():
    before = list(_registered)
    yield
    _registered[:] = before


def test_bad_declarations_fail_at_class_creation() -> None:
    with pytest.raises(ValueError):
        type("NoDomains", (SiteExtractor,), {"domains": ()})
    with pytest.raises(ValueError):
        type("Upper", (SiteExtractor,), {"domains": ("Example.com",)})
    with pytest.raises(TypeError):
        type("UnknownField", (SiteExtractor,), {"domains": ("x.example",), "headline": Field("h1")})
    with pytest.raises(ValueError):
        type("UnknownTrust", (SiteExtractor,), {"domains": ("x.example",), "trust_missing": ("nope",)})
    with pytest.raises(TypeError):
        Field(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Field()


def test_candidates_in_order_single_must_match_once(cleanup) -> None:
    @newsextract.register
    class Example(SiteExtractor):
        domains = ("engine.example",)
        title = Field("h1.a", "h2.b", meta("og:title"))  # h1.a matches twice: skipped
        authors = Field(".byline", jsonld("author.name"), many=True)
        published = Field(jsonld("datePublished"))
        body = Field("div.text", html=True, clean=(".ad",))
        image = Field(attr("img.lead", "src"))

    art = newsextract.extract(PAGE, "https://www.engine.example/n/1")
    assert art.extractor == Example.name == "Example"
    assert art.title == "Only"
    assert art.authors == ("A One", "B Two")
    assert art.published == "2030-01-02T03:04:05+00:00"
    assert art.body == (
        "Paragraph one is long enough to be a paragraph of the article.",
        "Paragraph two, also long enough to be kept in the article body.",
    )
    assert art.images[0].url == "https://www.engine.example/i.jpg"


def test_missed_field_falls_back_with_warning(cleanup) -> None:
    @newsextract.register
    class Missing(SiteExtractor):
        domains = ("engine.example",)
        title = Field("h3.none")
        body = Field("div.text", html=True)

    art = newsextract.extract(PAGE, "https://engine.example/n/1")
    assert art.title == "Meta title"
    assert "title: site rules missed; used generic" in art.warnings


def test_registered_extractor_wins_over_builtin(cleanup) -> None:
    class Mine(SiteExtractor):
        domains = ("pravda.com.ua",)
        name = "mine"
        body = Field("div.text", html=True)

    newsextract.register(Mine)
    assert isinstance(lookup("https://www.pravda.com.ua/news/1/"), Mine)
    with pytest.raises(TypeError):
        newsextract.register(object)  # type: ignore[arg-type]


def test_article_path_sends_other_urls_to_generic(cleanup) -> None:
    class Paths(SiteExtractor):
        domains = ("paths.example",)
        article_path = r"^/story/"

    newsextract.register(Paths)
    assert isinstance(lookup("https://paths.example/story/1"), Paths)
    assert lookup("https://paths.example/about") is None


def test_bug_in_site_code_is_an_extraction_error(cleanup) -> None:
    class Broken(SiteExtractor):
        domains = ("broken.example",)
        body = Field("div.text", html=True)

        def postprocess(self, raw, doc):  # type: ignore[no-untyped-def]
            raise KeyError("oops")

    newsextract.register(Broken)
    with pytest.raises(newsextract.ExtractionError) as info:
        newsextract.extract(PAGE, "https://broken.example/1")
    assert info.value.expected is False and info.value.extractor == "Broken"
    assert isinstance(info.value.__cause__, KeyError)


def test_declared_date_formats_are_used(cleanup) -> None:
    @newsextract.register
    class Formats(SiteExtractor):
        domains = ("formats.example",)
        timezone = "Europe/Paris"
        published = Field(".stamp", date_formats=("%d/%m/%Y %Hh%M",))
        body = Field("div.text", html=True)

    page = PAGE.replace(
        '<h2 class="b">Only</h2>', '<h2 class="b">Only</h2><span class="stamp">07/03/2030 09h15</span>'
    )
    art = newsextract.extract(page, "https://formats.example/n/1")
    assert art.published == "2030-03-07T09:15:00+01:00"  # day first, as the site declares
