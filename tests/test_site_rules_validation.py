"""Site rules that cannot work are refused when the class is defined, naming the class and field;
an extractor is named by its declared ``name`` or its class name."""

from __future__ import annotations

import pytest

import newsextract
from newsextract import Field, SiteExtractor, attr, jsonld, meta
from newsextract.extractors import _registered

PAGE = """<html><head><title>t</title></head><body>
<h1 class="headline">A headline for the rules test</h1>
<p class="byline">By <a href="/a/one">Ann One</a> and <a href="/a/two">Bob Two</a></p>
<div class="article-body"><p>The first paragraph of the article is long enough to be kept.</p>
<p>The second paragraph is also long enough to be kept in the body.</p></div>
</body></html>"""


@pytest.fixture
def cleanup():
    before = list(_registered)
    yield
    _registered[:] = before


def _define(name: str, **fields: object) -> type:
    return type(name, (SiteExtractor,), {"domains": ("rules.example",), **fields})


@pytest.mark.parametrize(
    ("key", "field", "words"),
    [
        ("headline", Field("h1"), "not a field site rules can fill"),
        ("quotes", Field("blockquote", many=True), "not a field site rules can fill"),
        ("images", Field(attr("img", "src")), "image, image_caption and image_credit"),
        ("byline", Field(".byline a", many=True), "authors = Field(..., many=True)"),
        ("title", Field("h1", many=True), "holds one value"),
        ("published", Field("time", many=True), "holds one value"),
        ("image", Field(attr("img", "src"), many=True), "holds one value"),
        ("authors", Field(".byline a"), "is a list: declare it with many=True"),
        ("tags", Field(".tags a"), "is a list"),
        ("body", Field(".article-body"), "declare html=True"),
        ("body", Field(meta("og:description"), html=True), "gives no container"),
        ("body", Field(".article-body", html=True, transform=str.upper), "transform applies to text"),
        ("title", Field("h1", html=True), "applies to body only"),
        ("title", Field("h1", date_formats=("%Y",)), "published and modified only"),
    ],
)
def test_a_field_that_cannot_apply_is_refused_at_definition(key: str, field: Field, words: str) -> None:
    with pytest.raises(TypeError) as info:
        _define("BadRules", **{key: field})
    message = str(info.value)
    assert f"BadRules.{key}" in message
    assert words in message


def test_an_inherited_bad_field_names_the_subclass() -> None:
    # The base is valid; the subclass adds the mistake, and the message points at the subclass.
    base = _define("GoodBase", title=Field("h1"))
    with pytest.raises(TypeError, match=r"Child\.section"):
        type("Child", (base,), {"section": Field(".crumbs a", many=True)})


def test_valid_declarations_of_every_kind_are_accepted() -> None:
    cls = _define(
        "AllKinds",
        title=Field("h1.headline", meta("og:title")),
        description=Field(meta("description")),
        byline=Field(".byline"),
        authors=Field(".byline a", jsonld("author.name"), many=True),
        published=Field(attr("time", "datetime"), date_formats=("%d.%m.%Y",)),
        modified=Field(jsonld("dateModified")),
        tags=Field(".tags a", many=True),
        section=Field(".crumbs a:last-child"),
        language=Field(attr("html", "lang")),
        background=Field(".key-points li", many=True),
        body=Field(".article-body", html=True, clean=("figure",)),
        image=Field(attr("img.lead", "src")),
        image_caption=Field("figcaption"),
        image_credit=Field(".credit", transform=str.strip),
    )
    assert cls.declares("body") and cls.declares("images")


def test_name_is_declared_name_else_class_name_never_the_module(cleanup) -> None:
    @newsextract.register
    class ExampleNews(SiteExtractor):
        domains = ("rules.example",)
        title = Field("h1.headline")
        authors = Field(".byline a", many=True)
        body = Field(".article-body", html=True)

    art = newsextract.extract(PAGE, "https://www.rules.example/news/1")
    assert art.extractor == "ExampleNews" != __name__.rsplit(".", 1)[-1]
    assert art.authors == ("Ann One", "Bob Two")
    assert art.title == "A headline for the rules test"

    class Named(ExampleNews):
        name = "example_news"

    class Unnamed(Named):  # a declared name belongs to its class, not to subclasses
        pass

    assert (Named.name, Unnamed.name) == ("example_news", "Unnamed")
