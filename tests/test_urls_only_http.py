"""Only absolute http(s) URLs reach the record, and only they are rendered as links."""

from __future__ import annotations

import pytest

import newsextract
from newsextract import Article
from newsextract.render import to_markdown

_PROSE = "<p>The harbour reopened to small boats this week, the council said on Monday.</p>" * 3


def _page(head: str, body: str = "") -> str:
    return f"<html><head>{head}</head><body><h1>Harbour reopens</h1><article>{body}{_PROSE}</article></body></html>"


def _urls(article: Article) -> list[str | None]:
    return [article.url, article.canonical_url, *(image.url for image in article.images)]


NOT_HTTP = [
    "javascript:alert(1)//",
    "JavaScript:alert(1)",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",  # protocol-relative, with no base to resolve it against
    "ftp://files.example/a",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.mark.parametrize("href", NOT_HTTP)
def test_a_canonical_link_that_is_no_http_url_is_dropped_with_a_warning(href: str) -> None:
    article = newsextract.extract(_page(f'<link rel="canonical" href="{href}">'))
    assert article.url is None and article.canonical_url is None and article.site is None
    if not href.startswith("data:"):  # a data: URI is no link at all: resolving it already drops it
        assert any(
            w.startswith("canonical_url:") and "not an absolute http(s) URL" in w for w in article.warnings
        )


@pytest.mark.parametrize("href", NOT_HTTP)
def test_og_url_and_og_image_that_are_no_http_urls_are_dropped(href: str) -> None:
    head = f'<meta property="og:url" content="{href}"><meta property="og:image" content="{href}">'
    article = newsextract.extract(_page(head))
    assert _urls(article) == [None, None]
    assert article.images == ()


def test_a_bad_canonical_link_gives_way_to_a_good_og_url() -> None:
    head = '<link rel="canonical" href="javascript:alert(1)//"><meta property="og:url" content="https://news.example/a">'
    article = newsextract.extract(_page(head))
    assert article.url == article.canonical_url == "https://news.example/a"
    assert article.site == "news.example"


def test_relative_links_resolve_against_the_page_url_to_http_urls() -> None:
    head = '<link rel="canonical" href="//news.example/a"><meta property="og:image" content="/lead.jpg">'
    article = newsextract.extract(_page(head), "https://news.example/a?utm=1")
    assert _urls(article) == [
        "https://news.example/a?utm=1",
        "https://news.example/a",
        "https://news.example/lead.jpg",
    ]
    assert not any("not an absolute http(s) URL" in w for w in article.warnings)


def test_a_relative_image_without_a_base_is_dropped() -> None:
    article = newsextract.extract(_page('<meta property="og:image" content="/lead.jpg">'))
    assert article.images == ()
    assert "images: '/lead.jpg' is not an absolute http(s) URL; ignored" in article.warnings


def test_an_image_with_a_bad_url_keeps_its_caption_without_the_url() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour reopens",'
        ' "image": {"url": "file:///etc/passwd", "caption": "The harbour at dawn"}}</script>'
    )
    article = newsextract.extract(_page(ld), "https://news.example/a")
    assert [(i.url, i.caption) for i in article.images] == [(None, "The harbour at dawn")]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)//", "file:///etc/passwd", "//evil.example/x", "vbscript:x"]
)
def test_markdown_never_autolinks_anything_but_http(url: str) -> None:
    article = Article(url=url, title="T", body=("A paragraph.",))  # as read back from any JSON
    rendered = to_markdown(article)
    assert "<" not in rendered and url not in rendered


def test_markdown_autolinks_an_http_url_that_cannot_break_out_of_the_link() -> None:
    article = Article(url="https://news.example/a b>c<d", title="T", body=("A paragraph.",))
    assert to_markdown(article).endswith("\n\n<https://news.example/a%20b%3Ec%3Cd>\n")
