"""Authors on pages of the open web (blogs, CMS templates, forums): handles, desks, structured-data
references, credits under the text, and teasers of other articles that are not the byline."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsextract
from newsextract.extractors.generic.signals import other_content_token

URL = "https://ov-auenwinkel.example/2030/05/hochbeete/"
TEXT = "".join(
    f"<p>Paragraph {i} of the story, with commas, long enough to be article text, and more words.</p>"
    for i in range(4)
)


def _extract(fixtures: Path, name: str) -> newsextract.Article:
    return newsextract.extract((fixtures / "generic" / name).read_bytes(), URL, site_rules=False)


def _page(head: str, page: str, url: str = URL) -> newsextract.Article:
    html = f"<html><head>{head}</head><body><h1>Hochbeete am Fluss</h1>{page}<article>{TEXT}</article></body></html>"
    return newsextract.extract(html, url, site_rules=False)


def test_user_name_of_a_promoted_drupal_node(fixtures: Path) -> None:
    # "node-promoted" is a state of the node, not a promotion box; the user name is the credit.
    assert _extract(fixtures, "authors-drupal-submitted.html").authors == ("lumen42",)


def test_author_in_a_microformats_h_card(fixtures: Path) -> None:
    assert _extract(fixtures, "authors-microformats.html").authors == ("Frida Holmqvist",)


def test_structured_data_author_given_as_a_reference_into_the_graph(fixtures: Path) -> None:
    assert _extract(fixtures, "authors-yoast-graph.html").authors == ("kleinbahn",)


def test_credits_under_the_text_beat_the_teasers_of_other_articles(fixtures: Path) -> None:
    article = _extract(fixtures, "authors-credits-listing.html")
    assert article.authors == ("Ursel Brandtner",)


def test_a_teaser_of_another_article_is_not_the_byline() -> None:
    teaser = """<div class="c-listing__item"><a href="/rosen"><h3>Rosen richtig schneiden</h3>
    <div class="c-listing__author">Von <span>Jonas Feldmann</span> am <span>08.04.2030</span></div></a></div>"""
    assert _page("", teaser).authors == ()


def test_a_printed_byline_beats_the_account_the_graph_refers_to() -> None:
    head = """<script type="application/ld+json">{"@graph": [
    {"@type": "Article", "headline": "Hochbeete am Fluss", "author": {"@id": "#p1"}},
    {"@type": "Person", "@id": "#p1", "name": "Redaktionskonto Web"}]}</script>"""
    page = '<div class="byline">Von Marta Quist und Ole Brand</div>'
    assert _page(head, page).authors == ("Marta Quist", "Ole Brand")


@pytest.mark.parametrize(
    "page,authors",
    [
        # A handle where the page marks its author: a rel=author link, a vCard's name.
        ('<div class="meta">By <a rel="author" href="/author/oradmin/">oradmin</a></div>', ("oradmin",)),
        ('<p class="headline_meta">by <span class="author vcard fn">oz</span></p>', ("oz",)),
        # A desk credited alone, and a blog's lead-in before the name.
        ('<div class="author-box"><span class="author">Redaktion</span></div>', ("Redaktion",)),
        (
            '<div class="post-author vcard">Eingestellt von <span class="fn">Karla Stein</span></div>',
            ("Karla Stein",),
        ),
        # An agency and its desk's initials are one credit.
        ('<p class="byline">det/dpa</p>', ("det/dpa",)),
        # A logo named in a byline's BEM block is no author.
        (
            '<div class="authors"><span class="authors__brand-identifier">capital</span>'
            '<a href="/p/jk" class="authors__name">Jemima Keller</a></div>',
            ("Jemima Keller",),
        ),
    ],
)
def test_credits_as_printed(page: str, authors: tuple[str, ...]) -> None:
    assert _page("", page).authors == authors


def test_a_lower_case_word_in_running_text_is_no_author() -> None:
    # A handle counts only where the page marks the author, never in a line of prose.
    assert _page("", '<p class="intro">posted in gardening</p>').authors == ()


@pytest.mark.parametrize(
    "classes,other",
    [
        ("h-card", False),  # a microformat: the author's own card
        ("node node-promoted", False),  # a state, not a promotion box
        ("tag-fair-fashion-cardigan", False),  # a taxonomy class; "cardigan" is no card
        ("l-grid--article-sidebar", False),  # a grid that has a sidebar
        ("c-article-card__author", False),  # BEM: the element is an author
        ("has-sidebar", False),
        ("content-area sidebar-right", False),  # where the sidebar sits, on the content's element
        ("post-sidebar", True),  # the post's sidebar itself
        ("m-card", True),
        ("comment-list", True),
        ("region-sidebar-first", True),
        ("views-row view-mode-related-teaser", True),
    ],
)
def test_class_tokens_read_as_tokens(classes: str, other: bool) -> None:
    assert other_content_token(classes) is other


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


@pytest.mark.parametrize(
    "head,authors",
    [
        # Older Yoast versions name the author on the WebPage; a recipe names its cook.
        (
            _ld(
                '{"@graph": [{"@type": "WebPage", "author": {"@id": "#p"}}, {"@type": "Person", "@id": "#p", "name": "flink"}]}'
            ),
            ("flink",),
        ),
        (
            _ld(
                '{"@type": "Recipe", "name": "Hochbeet-Salat", "author": {"@type": "Person", "name": "gartenfee"}}'
            ),
            ("gartenfee",),
        ),
        # A structured name field is a name whatever the case of its words; entities are text.
        (
            _ld('{"@type": "BlogPosting", "author": {"@type": "Person", "name": "Mobin karimi"}}'),
            ("Mobin karimi",),
        ),
        (
            _ld(
                '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Redacci&oacute;n Diario Sur"}}'
            ),
            ("Redacción Diario Sur",),
        ),
    ],
)
def test_structured_data_credits(head: str, authors: tuple[str, ...]) -> None:
    assert _page(head, "").authors == authors


def test_a_label_line_near_the_headline_is_the_byline() -> None:
    # No byline class: a short line under the headline that opens with a label.
    html = f"""<html><body><div class="story"><h1>Hochbeete am Fluss</h1>
    <div class="longText"><p>Auteur : Kossi Amavi</p><p>Édition : M. Pioche</p></div>{TEXT}</div></body></html>"""
    assert newsextract.extract(html, URL, site_rules=False).authors == ("Kossi Amavi",)


def test_a_source_line_is_no_byline() -> None:
    # "Source:" opens a citation as often as a credit.
    html = f"""<html><body><div class="story"><h1>Hochbeete am Fluss</h1>
    <div><p>Source: Gartenamt - Jahresbericht</p></div>{TEXT}</div></body></html>"""
    assert newsextract.extract(html, URL, site_rules=False).authors == ()


@pytest.mark.parametrize(
    "line,authors",
    [
        ("<p>von <em>Klaus Bergner</em></p>", ("Klaus Bergner",)),
        # A picture credit after the name, a dateline after a line break.
        ("<p><em>Text von Carla Weiss &nbsp; Illustration von Max Ruh</em></p>", ("Carla Weiss",)),
        (
            "<p>Von Rolf Brandt und Senta Dreier<br>Kakuma. Die Lage im Lager</p>",
            ("Rolf Brandt", "Senta Dreier"),
        ),
        # A sentence that opens with "Von" is text.
        ("<p>Von Anfang an war klar, dass der Verein die Beete behalten will.</p>", ()),
    ],
)
def test_a_credit_paragraph_on_a_page_without_a_headline_element(line: str, authors: tuple[str, ...]) -> None:
    html = f"<html><body><div class='entry'><h2>Hochbeete am Fluss</h2>{line}{TEXT}</div></body></html>"
    assert newsextract.extract(html, URL, site_rules=False).authors == authors


@pytest.mark.parametrize(
    "meta",
    [
        "ovr.de",  # the page's host, a name too short to compare by its labels
        "Auenwinkel &amp; Umland",  # the site's name, whole, though "&" joins two names
    ],
)
def test_author_meta_that_names_the_site_is_no_author(meta: str) -> None:
    head = f'<meta property="og:site_name" content="Auenwinkel &amp; Umland"><meta name="author" content="{meta}">'
    assert _page(head, "", "https://www.ovr.de/2030/05/hochbeete.html").authors == ()


def test_nitf_byline_element() -> None:
    assert _page("", "<byline>Von Dora Hettich, dpa</byline>").authors == ("Dora Hettich", "dpa")


def test_a_by_line_under_a_headline_written_as_h2() -> None:
    html = f"""<html><body><div class="story_flow"><h2>Hochbeete am Fluss</h2>
    <div class="wrote_by">Written by <a href="/u/jv">Jorge de la Vega</a></div>{TEXT}</div></body></html>"""
    assert newsextract.extract(html, URL, site_rules=False).authors == ("Jorge de la Vega",)
