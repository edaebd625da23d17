"""The record's ``links``: the hyperlinks of the kept body, resolved, in order, each pointing at its
paragraph; the JSON Schema and the Parquet columns that carry them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import newsextract
from newsextract import Article, Link
from newsextract.extractors.blocks import paragraphs
from newsextract.render import to_markdown

from .conftest import FIXTURES, shared_dir

NEWS_URL = "https://www.coastalherald.example/news/2031/03/14/harbour-reopens/"
PRAVDA_URL = "https://www.pravda.com.ua/eng/news/2031/02/10/8200001/"
# Long enough to be an article on its own, so a test page needs only the links it is about.
FILLER = (
    "<p>" + "The ferries ran again on Monday after the storm, and the quay was busy all day. " * 3 + "</p>"
)


def _fixture(name: str, url: str | None) -> Article:
    return newsextract.extract((FIXTURES / "generic" / name).read_bytes(), url)


def _prose(links: str) -> str:
    """A paragraph of prose around ``links``: mostly unlinked, as article text is."""
    return f"<p>The harbour council met on Monday evening and, {links}, agreed to keep the quay open all winter.</p>"


def _page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>Quay</title>{head}</head><body><article>{FILLER}{body}</article></body></html>"
    )


def _assert_in_place(article: Article) -> None:
    """Every link's text stands in the paragraph it points at."""
    for link in article.links:
        assert link.text in article.body[link.paragraph], link


def test_generic_page_gives_the_body_links_in_order_resolved() -> None:
    article = _fixture("links-news.html", NEWS_URL)
    assert [(link.url, link.text) for link in article.links] == [
        ("https://port.example.org/notices/2031-17", "the port authority said in a notice"),
        ("https://ferries.example.net/timetable", "ferry timetable is back"),  # protocol-relative
        (
            "https://www.coastalherald.example/news/2031/03/14/budget/2031-harbour-fund.html",
            "according to its budget papers",
        ),
        ("https://www.coastguard.example/", "coastguard"),
        ("https://www.coastalherald.example/photos/divers/", ""),  # a linked image, no text
    ]
    _assert_in_place(article)
    by_text = {link.text: article.body[link.paragraph] for link in article.links}
    assert by_text["coastguard"].startswith("Divers checked the harbour wall")
    assert article.body[article.links[-1].paragraph] == by_text["coastguard"]


def test_links_in_removed_chrome_and_dropped_lines_are_not_the_articles() -> None:
    article = _fixture("links-news.html", NEWS_URL)
    urls = {link.url for link in article.links}
    # navigation, byline (a header line, dropped), share tools, a "Read more" line, related
    # stories, tags and footer all link, and are not the article's text
    for path in (
        "/",
        "/news/",
        "/authors/marta-fenwick/",
        "/news/storm-damage-tally/",
        "/news/storm-warning-issued/",
        "/tags/harbour/",
        "/about/",
    ):
        assert "https://www.coastalherald.example" + path not in urls, path
    assert not any("social.example" in url for url in urls)
    assert not any(p.startswith(("By ", "Read more")) for p in article.body)


def test_links_that_lead_nowhere_a_reader_can_follow_are_out() -> None:
    article = _fixture("links-news.html", NEWS_URL)
    urls = [link.url for link in article.links]
    assert not [u for u in urls if not u.startswith(("http://", "https://"))]
    assert not [u for u in urls if "#" in u]  # the "#repairs" fragment of the subheading
    assert "video.example.com" not in " ".join(urls)  # an anchor with neither text nor image
    assert "press@westcombe.example" not in " ".join(urls)  # mailto:
    assert "a report" not in [link.text for link in article.links]  # javascript:


def test_a_dropped_paragraph_before_a_link_does_not_shift_its_index() -> None:
    body = (
        '<p>By <a href="/authors/jo/">Jo Marsh</a></p>'  # a byline line: dropped as header
        '<p>Read more: <a href="/other/">Another story</a></p>'  # chrome line: dropped
        '<p>Harbour staff, <a href="/staff/">all twelve of them</a>, worked through the night.</p>'
    )
    html = f"<html><head><title>Quay</title></head><body><article><h1>Quay</h1>{body}{FILLER}</article></body></html>"
    article = newsextract.extract(html, "https://news.example/quay")
    assert article.body[0] == "Harbour staff, all twelve of them, worked through the night."
    assert article.links == (Link(url="https://news.example/staff/", text="all twelve of them", paragraph=0),)


def test_site_extractor_links_come_from_its_body_field() -> None:
    article = _fixture("links-pravda-e5.html", PRAVDA_URL)
    assert article.extractor == "pravda"
    assert [(link.url, link.text) for link in article.links] == [
        ("https://www.eurointegration.com.ua/eng/news/2031/02/09/7200002/", "European Pravda reported"),
        ("https://www.pravda.com.ua/eng/tags/transport/", "trams"),
    ]
    _assert_in_place(article)
    # the "Read also" paragraph the extractor drops stood between the two: no shift
    assert article.body[article.links[1].paragraph].startswith("The city council said")
    urls = {link.url for link in article.links}
    assert "https://photos.example.org/tram" not in urls  # in a caption the body Field cleans
    assert "https://www.pravda.com.ua/eng/authors/def456/" not in urls
    assert "https://www.pravda.com.ua/eng/tags/kyiv/" not in urls


def test_base_href_is_what_relative_links_resolve_against() -> None:
    html = _page(
        _prose('see <a href="notes/7.html">the notes</a> and <a href="/root">the root</a>'),
        head='<base href="/archive/2031/">',
    )
    article = newsextract.extract(html, "https://news.example/today/quay")
    assert [link.url for link in article.links] == [
        "https://news.example/archive/2031/notes/7.html",  # the base, itself resolved against the URL
        "https://news.example/root",
    ]
    html = _page(
        _prose('see <a href="notes/7.html">the notes</a>'), head='<base href="https://mirror.example/a/">'
    )
    assert newsextract.extract(html).links[0].url == "https://mirror.example/a/notes/7.html"
    html = _page(_prose('see <a href="notes/7.html">the notes</a>'), head='<base href="javascript:x()">')
    assert (
        newsextract.extract(html, "https://news.example/q").links[0].url
        == "https://news.example/notes/7.html"
    )


def test_without_a_url_relative_links_are_dropped_and_absolute_ones_kept() -> None:
    html = _page(
        _prose(
            '<a href="notes/7.html">notes</a>, <a href="//x.example/y">this</a>, <a href="https://x.example/z">that</a>'
        )
    )
    assert [(link.url, link.text) for link in newsextract.extract(html).links] == [
        ("https://x.example/z", "that")
    ]


def test_anchor_text_is_whitespace_collapsed_as_shown() -> None:
    html = _page(_prose('as <a href="/a">one\n   <b>two</b>&nbsp;three<br>four</a> said'))
    article = newsextract.extract(html, "https://news.example/q")
    (link,) = article.links
    assert link.text == "one two three four"
    assert "as one two three four said" in article.body[link.paragraph]


def test_an_anchor_over_several_blocks_belongs_to_the_first_with_all_its_text() -> None:
    tree = LexborHTMLParser(
        '<div><p>Intro</p><a href="/card"><h3>Card headline</h3><p>and its <i>summary</i></p></a>'
        '<p>After <a href="/x">x</a></p></div>'
    )
    assert tree.body is not None
    blocks = paragraphs(tree.body)
    assert [(b.text, [(a.href, a.text) for a in b.links]) for b in blocks] == [
        ("Intro", []),
        ("Card headline", [("/card", "Card headline and its summary")]),
        ("and its summary", []),
        ("After x", [("/x", "x")]),
    ]


def test_a_link_in_a_data_table_cell_belongs_to_its_row() -> None:
    tree = LexborHTMLParser(
        "<div><p>Before</p><table><tr><th>Team</th><th>Source</th></tr>"
        '<tr><td>North</td><td><a href="/report">the report</a></td></tr>'
        '<tr><td>South</td><td>none</td></tr></table><p>After <a href="/x">x</a></p></div>'
    )
    assert tree.body is not None
    blocks = paragraphs(tree.body)
    assert [(b.text, [(a.href, a.text) for a in b.links]) for b in blocks] == [
        ("Before", []),
        ("Team | Source", []),
        ("North | the report", [("/report", "the report")]),
        ("South | none", []),
        ("After x", [("/x", "x")]),
    ]


def test_an_image_link_alone_in_a_block_has_no_paragraph_and_does_not_move_on() -> None:
    html = _page('<p><a href="/gallery"><img src="/x.jpg"></a></p>' + _prose('<a href="/t">a link</a>'))
    article = newsextract.extract(html, "https://news.example/q")
    assert [(link.url, link.text) for link in article.links] == [("https://news.example/t", "a link")]
    _assert_in_place(article)


def test_link_is_public_and_serialises_in_the_record() -> None:
    assert "Link" in newsextract.__all__ and Link.__module__ == "newsextract"
    record = _fixture("links-news.html", NEWS_URL).to_dict()
    keys = list(record)
    assert keys.index("links") == keys.index("images") + 1
    assert record["links"][0] == {
        "url": "https://port.example.org/notices/2031-17",
        "text": "the port authority said in a notice",
        "paragraph": 0,
    }
    jsonschema.validate(record, newsextract.json_schema())


def test_an_older_copy_of_the_schema_validates_a_record_with_links() -> None:
    """A reader holding the schema as it was before ``links`` (its fixture: that schema, which
    admits further top-level keys) keeps validating today's records."""
    older = json.loads((FIXTURES / "newsextract-1-without-links.schema.json").read_text(encoding="utf-8"))
    assert "links" not in older["properties"]
    record = _fixture("links-news.html", NEWS_URL).to_dict()
    assert record["links"]
    jsonschema.Draft202012Validator.check_schema(older)
    jsonschema.validate(record, older)
    with pytest.raises(jsonschema.ValidationError):  # the older copy still checks what it knows
        jsonschema.validate(record | {"body": "not a list"}, older)


def test_schema_types_links_and_keeps_every_key_required() -> None:
    schema = newsextract.json_schema()
    assert schema["additionalProperties"] is True
    assert set(schema["required"]) == set(schema["properties"]) >= {"links"}
    record = _fixture("links-news.html", NEWS_URL).to_dict()
    for bad in (
        [{"url": "https://x.example/", "text": "x"}],
        [{"url": "https://x.example/", "text": "x", "paragraph": -1}],
        [{"url": None, "text": "x", "paragraph": 0}],
        "https://x.example/",
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(record | {"links": bad}, schema)


def test_parquet_holds_links_as_a_list_of_structs(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from newsextract.batch import run

    html = (FIXTURES / "generic" / "links-news.html").read_text(encoding="utf-8")
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"url": NEWS_URL, "html": html}) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    run([source], out, workers=1)
    table = pq.read_table(out)
    assert table.schema.field("links").type == pa.list_(
        pa.struct([("url", pa.string()), ("text", pa.string()), ("paragraph", pa.int64())])
    )
    (row,) = table.to_pylist()
    assert row["links"] == _fixture("links-news.html", NEWS_URL).to_dict()["links"]


def test_every_link_of_the_benchmark_pages_stands_in_its_paragraph() -> None:
    """Across real layouts: whatever the body's steps drop, each link points at the paragraph
    that shows its text (an anchor running over paragraphs begins in it)."""
    html_dir = shared_dir("bench", "scrapinghub", "html")
    truth = json.loads((html_dir.parent / "ground-truth.json").read_text())
    misplaced, with_links = [], 0
    for path in sorted(html_dir.glob("*.html.gz")):
        key = path.name.split(".")[0]
        article = newsextract.extract(gzip.decompress(path.read_bytes()), truth.get(key, {}).get("url"))
        with_links += bool(article.links)
        for link in article.links:
            shown = article.body[link.paragraph]
            if link.text not in shown and link.text.split()[0] not in shown:  # over blocks: its first word
                misplaced.append((key, link))
            assert link.url.startswith(("http://", "https://")), link
    assert misplaced == []
    assert with_links > 90  # most of the 181 articles link out: the check is not vacuous


def test_markdown_shows_the_links_where_their_text_stands() -> None:
    body = (
        "The port said so, and the port said it again (see *notes*).",
        "Timetable",
        "1. Ferries run hourly.",
    )
    links = (
        Link(url="https://a.example/second", text="port", paragraph=0),
        Link(url="https://a.example/third word (x)", text="port", paragraph=0),
        Link(url="https://a.example/notes", text="*notes*", paragraph=0),
        Link(url="javascript:alert(1)", text="said", paragraph=0),  # as read back from any JSON
        Link(url="https://a.example/img", text="", paragraph=1),  # an image link: nothing to show
        Link(url="https://a.example/t", text="Timetable", paragraph=1),
        Link(url="https://a.example/gone", text="Ferries", paragraph=7),  # no such paragraph
        Link(url="https://a.example/hourly", text="hourly", paragraph=2),
    )
    article = Article(url=None, title="T", body=body, body_tags=("p", "h2", "p"), links=links)
    rendered = to_markdown(article).split("\n\n")
    assert rendered[1] == (
        "The [port](<https://a.example/second>) said so, and the [port](<https://a.example/third%20word%20(x)>)"
        " said it again (see [\\*notes\\*](<https://a.example/notes>))."
    )
    assert rendered[2] == "## [Timetable](<https://a.example/t>)"
    assert rendered[3] == "1\\. Ferries run [hourly](<https://a.example/hourly>).\n"
    assert "javascript" not in to_markdown(article)


_ELEMENTS = st.sampled_from(["p", "div", "h3", "li", "span", "b", "a", "a", "br", "img", "text"])
_WORDS = st.sampled_from(["quay", "ferry", "Harbour", "said", "  ", "\n", "київ", "東京", "&nbsp;"])


@st.composite
def _fragments(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested markup of blocks, inline elements, links (some around images) and text."""
    out = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        kind = draw(_ELEMENTS)
        if kind == "text":
            out.append(draw(_WORDS))
        elif kind in ("br", "img"):
            out.append(f"<{kind}>")
        else:
            attrs = f' href="/{draw(st.integers(0, 9))}"' if kind == "a" and draw(st.booleans()) else ""
            out.append(f"<{kind}{attrs}>{draw(_fragments(depth + 1))}{draw(_WORDS)}</{kind}>")
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(_fragments())
def test_every_anchor_with_text_is_placed_once_where_its_text_begins(markup: str) -> None:
    tree = LexborHTMLParser(f"<div>{markup}</div>")
    assert tree.body is not None
    blocks = paragraphs(tree.body)
    placed = [(anchor, block) for block in blocks for anchor in block.links]
    for anchor, block in placed:
        assert anchor.image or anchor.text.split()[0] in block.text
    # as the parser nested them: every <a href> showing text is one link, its whole text
    shown = [a for a in tree.body.css("a[href]") if a.text(strip=True)]
    assert len([a for a, _ in placed if a.text]) == len(shown)
    squeeze = "".join
    assert [squeeze(a.text.split()) for a, _ in placed if a.text] == [
        squeeze(n.text().split()) for n in shown
    ]
