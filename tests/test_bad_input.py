"""Bad input ends in a typed error naming the input, or in a record; never a crash."""

from __future__ import annotations

import gzip
import struct
import zlib
from datetime import datetime, timezone

import pytest

import newsextract
from newsextract import NotAnArticleError, ParseError
from newsextract.limits import gunzip_bounded

URL = "https://example.com/news/1"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes() -> bytes:
    raw = b"\x00" + b"\xff\x00\x00" * 64
    chunk = _png_chunk
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("data", [b"", b"   \n\t ", ""])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(ParseError) as info:
        newsextract.extract(data, URL)
    assert "empty" in str(info.value) and info.value.url == URL


def test_binary_input() -> None:
    with pytest.raises(ParseError, match="binary"):
        newsextract.extract(png_bytes(), URL)


def test_plain_text_is_not_html() -> None:
    with pytest.raises(ParseError, match="no markup"):
        newsextract.extract("just a line of text, no markup at all", URL)


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Only a title</title></head><body>  <div>\n </div>&nbsp;<p> </p></body></html>",
        "<html><body>" + "<div>\t</div>" * 500 + "</body></html>",
    ],
)
def test_markup_without_visible_text_is_not_a_page(html: str) -> None:
    with pytest.raises(ParseError, match="no visible text"):
        newsextract.extract(html, URL)


def test_text_after_thousands_of_empty_tags_is_found() -> None:
    html = "<html><body>" + "<div> </div>" * 3000 + "<article><h1>Late headline</h1>"
    html += "<p>" + "A sentence of the article that comes after all the empty markup. " * 5 + "</p>" * 3
    art = newsextract.extract(html + "</article></body></html>", URL)
    assert art.title == "Late headline"


def test_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        newsextract.extract(42, URL)  # type: ignore[arg-type]


def test_page_without_article_text() -> None:
    html = "<html><body><nav><a href='/a'>Home</a> <a href='/b'>News</a></nav><p>Welcome!</p></body></html>"
    with pytest.raises(NotAnArticleError) as info:
        newsextract.extract(html, URL)
    assert info.value.url == URL and info.value.extractor == "generic" and info.value.expected


def test_a_short_japanese_article_is_an_article_and_as_short_an_english_one_is_not() -> None:
    # Fifty CJK characters say what a paragraph of English does; fifty Latin ones are a stub.
    page = "<html><body><h1>Title</h1><article><p>{}</p></article></body></html>"
    ja = "港の古い倉庫が市民の図書館に生まれ変わり、週末には多くの家族連れが訪れて本を読んだり話したりしている。"
    assert newsextract.extract(page.format(ja), URL, site_rules=False).body == (ja,)
    with pytest.raises(NotAnArticleError):
        newsextract.extract(page.format("The old harbour warehouse is a library now."), URL, site_rules=False)


def test_truncated_html_still_gives_a_record(fixtures) -> None:
    html = (fixtures / "generic" / "wp-news-graph.html").read_text()
    cut = html[: html.index("Volunteers will watch") + 40]  # cut mid-paragraph, tags left open
    art = newsextract.extract(cut, URL)
    assert art.title == "Harbour seals return to the old canal"
    assert art.body[-1].startswith("Volunteers will watch")


def test_truncated_mid_tag(fixtures) -> None:
    html = (fixtures / "generic" / "wp-news-graph.html").read_text()
    cut = html[: html.index("<p>The trust has") + 2]
    art = newsextract.extract(cut, URL)
    assert art.body[0].startswith("A family of harbour seals")


def test_twenty_megabyte_page(fixtures) -> None:
    html = (fixtures / "generic" / "wp-news-graph.html").read_text()
    filler = "<div class='junk'>" + ("<span>x</span>" * 50_000) + "</div>\n"
    big = html.replace('<footer class="site-footer">', filler * 29 + '<footer class="site-footer">')
    assert len(big) > 20_000_000
    # Over the default limit (the fetcher's, 10 MiB) it is refused, typed; under a raised one it
    # is read like any page.
    with pytest.raises(newsextract.InputTooLargeError):
        newsextract.extract(big.encode(), URL)
    art = newsextract.extract(big.encode(), URL, max_bytes=32 * 1024 * 1024)
    assert art.body[0].startswith("A family of harbour seals")


def test_deeply_nested_page() -> None:
    html = (
        "<html><body>"
        + "<div>" * 20_000
        + "<p>"
        + "Deep text, with commas, " * 20
        + "</p>"
        + "</div>" * 20_000
        + "</body></html>"
    )
    try:
        art = newsextract.extract(html, URL)
    except newsextract.NewsExtractError as exc:  # a typed error is fine; a crash is not
        assert exc.url == URL
    else:
        assert "Deep text" in art.body[0]


_RELATIVE_PAGE = (
    "<html><head><title>T</title></head><body><article><h1>Harbour reopens</h1>"
    "<time>3 hours ago</time>"
    + "<p>The harbour reopened to small boats this week, the council said.</p>" * 4
    + "</article></body></html>"
)


def test_fetched_at_as_iso_text_keeps_its_offset() -> None:
    art = newsextract.extract(_RELATIVE_PAGE, "https://example.org/a", fetched_at="2024-05-03T12:00:00+02:00")
    assert art.published is not None and art.published.startswith("2024-05-03T09:00")
    assert art.published.endswith("+02:00")


@pytest.mark.parametrize("bad", [1714737600, b"2024-05-03", object()])
def test_fetched_at_of_another_type_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="fetched_at"):
        newsextract.extract(_RELATIVE_PAGE, "https://example.org/a", fetched_at=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["yesterday noon", "2024-13-45", "2024-05-03T12:00:00+99:00"])
def test_fetched_at_text_that_is_not_iso_is_ignored_with_a_warning(bad: str) -> None:
    art = newsextract.extract(_RELATIVE_PAGE, "https://example.org/a", fetched_at=bad)
    assert art.fetched_at is None and art.title == "Harbour reopens"
    assert f"fetched_at: {bad!r} is not an ISO 8601 time; ignored" in art.warnings


@pytest.mark.parametrize(
    "bad",
    [
        "9999-12-31T23:59:59Z",  # a WARC-Date placeholder: "3 hours ago" against it overflows
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
        "0001-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",  # an epoch of zero: before the web
    ],
)
def test_a_capture_time_that_cannot_be_real_is_ignored_with_a_warning(bad: str | datetime) -> None:
    art = newsextract.extract(_RELATIVE_PAGE.encode(), "https://example.org/a", fetched_at=bad)
    assert art.fetched_at is None and art.title == "Harbour reopens"
    assert any(w.startswith("fetched_at:") and "no real capture time; ignored" in w for w in art.warnings)
    assert art.published is None  # "3 hours ago" has nothing real to resolve against


def test_a_capture_time_at_the_edges_of_the_range_is_kept() -> None:
    art = newsextract.extract(_RELATIVE_PAGE, "https://example.org/a", fetched_at="2099-12-31T23:00:00Z")
    assert art.fetched_at == "2099-12-31T23:00:00+00:00" and art.published == "2099-12-31T20:00:00+00:00"


@pytest.mark.parametrize("bad", ["utf-8\x00", "no-such-charset", "base64", " \x00 "])
def test_an_encoding_that_is_no_charset_is_ignored_with_a_warning(bad: str) -> None:
    art = newsextract.extract(_RELATIVE_PAGE.encode(), "https://example.org/a", encoding=bad)
    assert art.title == "Harbour reopens"
    assert f"charset: {bad!r} (the caller's encoding) is no charset; ignored" in art.warnings


def test_an_encoding_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="encoding"):
        newsextract.extract(_RELATIVE_PAGE.encode(), "https://example.org/a", encoding=b"utf-8")  # type: ignore[arg-type]


def test_a_date_later_than_the_capture_is_dropped_with_a_warning() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2031-01-01T10:00:00Z"></head>'
        "<body><h1>Title</h1><article>"
        + "<p>A paragraph long enough to be article text, with commas, and more words.</p>" * 3
        + "</article></body></html>"
    )
    art = newsextract.extract(html, URL, fetched_at="2024-05-01T12:00:00Z")
    assert art.published is None
    assert any("later than the capture" in w for w in art.warnings)
    assert (
        newsextract.extract(html, URL, fetched_at="2031-01-01T12:00:00Z").published
        == "2031-01-01T10:00:00+00:00"
    )


_PROSE = "<p>A paragraph long enough to be article text, with commas, and more words.</p>" * 3


@pytest.mark.parametrize("label", ["undefined", "punycode", "idna", "utf-7"])
def test_a_charset_label_naming_no_page_charset_falls_back(label: str) -> None:
    html = f'<html><head><meta charset="{label}"></head><body><h1>Café au lait</h1><article>{_PROSE}</article></body></html>'
    assert newsextract.extract(html.encode("utf-8"), URL).title == "Café au lait"


def test_malformed_urls_in_the_page_are_ignored() -> None:
    html = (
        '<html><head><link rel="canonical" href="http://[::1"><meta property="og:image" content="http://[::1">'
        f'</head><body><h1>Title</h1><article>{_PROSE}<a href="http://x:port/">x</a></article></body></html>'
    )
    art = newsextract.extract(html, URL)
    assert art.canonical_url is None and art.images == ()


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "http://example.com:port/", "hard::example.com-story.html", "javascript:alert(1)//"],
)
def test_a_url_argument_that_is_no_url_is_ignored_with_a_warning(url: str) -> None:
    art = newsextract.extract(f"<html><body><h1>T</h1><article>{_PROSE}</article></body></html>", url)
    assert art.url is None and art.body
    assert any(w.startswith("url:") and "not an absolute http(s) URL" in w for w in art.warnings)


def test_a_json_ld_block_nested_too_deep_is_skipped_and_the_page_extracted() -> None:
    deep = "[" * 10_000 + "]" * 10_000
    good = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Mika Sato"}}'
    html = (
        f'<html><head><script type="application/ld+json">{deep}</script>'
        f'<script type="application/ld+json">{good}</script></head>'
        f"<body><h1>Title</h1><article>{_PROSE}</article></body></html>"
    )
    assert newsextract.extract(html, URL).authors == ("Mika Sato",)


def test_a_gzip_bomb_costs_the_limit_not_its_size() -> None:
    bomb = gzip.compress(b"<p>" + b"x" * (50 * 1024 * 1024))
    with pytest.raises(newsextract.InputTooLargeError):
        gunzip_bounded(bomb, 1024 * 1024)
    page = b"<html><body><p>hello</p></body></html>"
    assert gunzip_bounded(gzip.compress(page) + gzip.compress(page)) == page * 2  # two members
    with pytest.raises(newsextract.ParseError, match="truncated"):
        gunzip_bounded(gzip.compress(page)[:-12])


def _depth(node) -> int:
    depth = 0
    while node.parent is not None:
        node, depth = node.parent, depth + 1
    return depth


@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "utf-8 bytes"])
def test_nesting_tens_of_thousands_deep_is_flattened_before_the_parse(as_bytes: bool) -> None:
    from newsextract.document import MAX_DEPTH, Document

    story = "".join(
        f"<p>Deep text {i} of the story, with commas, long enough to be article text.</p>" for i in range(3)
    )
    html = (
        "<html><body><h1>Flattened page</h1>"
        + "<section>" * 50_000
        + story
        + "</section>" * 50_000
        + "</body></html>"
    )
    page = html.encode("utf-8") if as_bytes else html  # UTF-8 bytes go to the parser undecoded
    doc = Document.parse(page, URL)
    assert _depth(doc.tree.css_first("p")) <= MAX_DEPTH + 10  # the parse never saw 50,000 levels
    assert len(newsextract.extract(page, URL).body) == 3  # and the text and its paragraphs stay


def test_a_tag_with_a_hundred_thousand_attributes_keeps_the_first_thousand() -> None:
    from newsextract.document import MAX_ATTRIBUTES, Document

    attributes = " ".join(f"data-a{i}" for i in range(100_000))
    story = "".join(
        f"<p>Text {i} of the story, with commas, long enough to be article text, and more.</p>"
        for i in range(3)
    )
    html = f"<html><body><h1>Wide</h1><div id=wide {attributes}>{story}</div></body></html>"
    doc = Document.parse(html, URL)
    assert len(doc.tree.css_first("#wide").attributes) == MAX_ATTRIBUTES
    assert len(newsextract.extract(html, URL).body) == 3


def test_a_tag_left_open_to_the_end_of_a_large_page_is_left_to_the_parser() -> None:
    """100,000 "<a" with no ">" after them: the taming scan takes the open tag in one match (trying
    every "<" against the rest of the page would take minutes), and the nesting before it
    is still flattened."""
    from newsextract.document import MAX_DEPTH, tame_markup

    story = "".join(
        f"<p>Open text {i} of the story, with commas, long enough to be article text.</p>" for i in range(3)
    )
    levels = MAX_DEPTH + 500
    page = "<html><body><h1>Open</h1>" + "<div>" * levels + story + "</div>" * levels + "<a" * 100_000
    tamed = tame_markup(page)
    assert isinstance(tamed, str) and tamed.endswith("<a" * 100_000)  # the parser drops it
    assert MAX_DEPTH - 10 <= tamed.count("<div>") <= MAX_DEPTH  # <html> and <body> are levels too
    assert len(newsextract.extract(page, URL).body) == 3


def test_paragraphs_of_a_tree_deeper_than_the_recursion_limit() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from newsextract.extractors.blocks import paragraphs

    tree = LexborHTMLParser("<div>" * 2500 + "<p>Deep text.</p><p>More text.</p>" + "</div>" * 2500)
    assert [b.text for b in paragraphs(tree.body)] == ["Deep text.", "More text."]


@pytest.mark.parametrize(
    "codec,label", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "utf-16be"), ("utf-32-le", "utf-32le")]
)
def test_utf16_and_utf32_without_a_bom_decode_when_the_caller_names_them(codec: str, label: str) -> None:
    html = f"<html><body><h1>Київ весною</h1><article>{_PROSE}</article></body></html>"
    assert newsextract.extract(html.encode(codec), URL, encoding=label).title == "Київ весною"
    with pytest.raises(ParseError, match="binary"):  # unnamed, the zero bytes say binary
        newsextract.extract(html.encode(codec), URL)
