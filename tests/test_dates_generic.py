"""The generic extractor's published date on layouts of the open web (fixtures/generic/dates-*)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsextract


def _published(page: Path | str, url: str | None = None) -> str | None:
    html = page.read_bytes() if isinstance(page, Path) else page
    return newsextract.extract(html, url, site_rules=False).published


def _page(head: str, meta: str, url: str = "https://www.daily.example/story") -> str | None:
    """A small article page: ``head`` in <head>, ``meta`` above the text."""
    text = "".join(
        f"<p>Paragraph {i} of the story, with commas, long enough to be article text, and more words.</p>"
        for i in range(4)
    )
    html = (
        f"<html><head>{head}</head><body><main><h1>Storm closes the coast road</h1>{meta}"
        f"<article>{text}</article></main></body></html>"
    )
    return _published(html, url)


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


# --------------------------------------------------------------------------- printed late or outside


def test_a_labelled_date_in_the_footer_is_the_publication(fixtures: Path) -> None:
    """An office's press page: no date in the text or its markup, "Stand: 09.10.2017" in the
    footer. The dates in a script's code ("Datum: 03.03.2031") are not printed ones."""
    assert _published(fixtures / "generic" / "dates-footer-stand.html") == "2017-10-09"


@pytest.mark.parametrize(
    "meta,expected",
    [
        ('<div class="info">Von Jan Berg | 02.12.19</div>', "2019-12-02"),  # a two-digit year
        ('<div class="info">Drucken 26 | 01 | 2022</div>', "2022-01-26"),  # parts set apart by bars
        ("<div>Ausgabe vom 2019-10-19, Seite 3</div>", "2019-10-19"),  # ISO in running text
    ],
)
def test_dates_printed_in_the_forms_of_small_sites(meta: str, expected: str) -> None:
    assert _page("", meta, "https://www.verein.example/aktuell/bericht") == expected


def test_a_wordpress_themes_sentence_names_the_publication() -> None:
    """Twenty Ten's German footer line, after the text, which mentions an older date first."""
    text = (
        "<p>Am 5. Juni 2010 hatte die Behörde gewarnt, und seitdem ist wenig geschehen, sagen Fachleute.</p>"
    )
    text += "".join(
        f"<p>Absatz {i} des Beitrags, mit Kommas, lang genug für Artikeltext und mehr.</p>" for i in range(4)
    )
    meta = "<p>Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 14:00 Uhr veröffentlicht.</p>"
    html = f"<html><body><h1>Kein Cyberterrorismus diesmal</h1><div>{text}</div><footer>{meta}</footer></body></html>"
    assert _published(html, "https://www.blog.example/kein-titel/") == "2011-12-03T14:00:00"


def test_a_labelled_publication_date_beats_an_update_printed_before_it() -> None:
    meta = "<p>Letzte Änderung: 31.10.2023 - 14:49:39 Erschienen am: 01.11.2023</p>"
    assert _page("", meta, "https://www.rezensionen.example/buch") == "2023-11-01"


# --------------------------------------------------------------------------- attributes not read before


@pytest.mark.parametrize(
    "meta,expected",
    [
        (
            '<div class="news-time-ago" title="2020-09-20T14:20:02Z">3 hours ago</div>',
            "2020-09-20T14:20:02+00:00",
        ),
        (
            '<span class="meta" data-date-time="2021-05-04T08:15:00+02:00">vor 2 Tagen</span>',
            "2021-05-04T08:15:00+02:00",
        ),
        ('<abbr class="timestamp" data-utime="1600611602">Sunday</abbr>', "2020-09-20T14:20:02+00:00"),
    ],
)
def test_dates_held_in_attributes(meta: str, expected: str) -> None:
    assert _page("", meta) == expected


def test_a_video_page_is_dated_by_its_upload() -> None:
    head = _ld('{"@type": "VideoObject", "name": "Trailer", "uploadDate": "2019-10-19T07:49:00+02:00"}')
    assert _page(head, "") == "2019-10-19T07:49:00+02:00"


# --------------------------------------------------------------------------- a UTC instant in local time


def test_a_utc_instant_takes_the_offset_of_the_wall_time_printed_for_it(fixtures: Path) -> None:
    """Structured data says 03:28:35Z on 9 November; the page prints 7:28 PM on 8 November."""
    page = fixtures / "generic" / "dates-utc-instant.html"
    assert _published(page, "https://www.valley9.example/news/local-news/oak/") == "2023-11-08T19:28:35-08:00"


@pytest.mark.parametrize(
    "meta",
    [
        '<span class="date">November 8, 2023 | 7:28pm</span>',  # a wall time printed for the instant
        '<time datetime="2023-11-08T20:02:10-08:00">Updated</time>',  # the offset of another stamp
    ],
)
def test_the_site_offset_is_read_from_what_the_page_prints(meta: str) -> None:
    head = _ld('{"@type": "NewsArticle", "datePublished": "2023-11-09T03:28:35Z"}')
    assert _page(head, meta) == "2023-11-08T19:28:35-08:00"


@pytest.mark.parametrize(
    "meta",
    [
        '<p class="byline">Por Rodolfo Costa Brasília 03/05/2022 21:44</p>',  # a slashed day, day first
        "<p>Ariel Melgar Cabrera 3/5/2022 21:44</p>",  # printed under the headline, in no date element
    ],
)
def test_the_wall_time_printed_for_a_utc_instant_gives_its_offset(meta: str) -> None:
    head = _ld('{"@type": "NewsArticle", "datePublished": "2022-05-04T00:44:52Z"}')
    assert _page(head, meta) == "2022-05-03T21:44:52-03:00"


def test_a_utc_instant_whose_local_day_only_is_known_gives_that_day(fixtures: Path) -> None:
    """23:01Z on 1 November, printed as 2 November and so named in the URL: the day is known,
    the offset is not, and none is invented."""
    page = fixtures / "generic" / "dates-utc-url-day.html"
    assert _published(page, "https://www.corrierelago.example/cronaca/2023/11/02/diretta/") == "2023-11-02"
    assert _published(page, "https://www.corrierelago.example/cronaca/diretta-maltempo/") == "2023-11-02"


def test_a_utc_instant_without_local_evidence_stays_utc() -> None:
    head = _ld('{"@type": "NewsArticle", "datePublished": "2023-11-01T23:01:00Z"}')
    assert _page(head, "") == "2023-11-01T23:01:00+00:00"
    # A clock or an update printed with its own time is another moment, not the instant's day.
    meta = '<div class="site-time">11:39 GMT 2 November 2023</div>'
    assert _page(head, meta) == "2023-11-01T23:01:00+00:00"
    # The URL names the day, not a day the instant falls on: no evidence either.
    assert (
        _page(head, "", "https://www.weekly.example/magazine/2023/11/13/story") == "2023-11-01T23:01:00+00:00"
    )


# --------------------------------------------------------------------------- structured and printed disagree


def test_the_date_under_the_headline_beats_a_stale_structured_date(fixtures: Path) -> None:
    """JSON-LD says 4 January; the page prints 6 January under the headline, and its
    article:published_time says so too: the day the page shows is the publication."""
    page = fixtures / "generic" / "dates-printed-vs-structured.html"
    assert _published(page, "https://www.draussen.example/reise/lappland/") == "2022-01-06"


def test_a_date_under_the_headline_without_a_witness_is_not_taken() -> None:
    head = _ld('{"@type": "NewsArticle", "datePublished": "2022-01-04T07:29:00+01:00"}')
    meta = "<p>Am 6. Januar 2022 beginnt die Saison.</p>"  # a date the text mentions
    assert _page(head, meta) == "2022-01-04T07:29:00+01:00"
    # A modification stamp is no witness of the publication.
    head += '<meta property="article:modified_time" content="2022-01-06T10:00:00+01:00">'
    assert _page(head, meta) == "2022-01-04T07:29:00+01:00"


def test_a_generic_date_meta_yields_to_the_printed_publication() -> None:
    """<meta name=date> is often the day the page was generated or edited."""
    head = '<meta name="date" content="2022-01-21T15:38:44+01:00">'
    meta = '<time itemprop="datePublished">27.01.2022</time>'
    assert _page(head, meta) == "2022-01-27"
    assert _page(head, "<p>Erschienen am: 25.01.2022</p>") == "2022-01-25"
    assert _page(head, "") == "2022-01-21T15:38:44+01:00"  # alone, it is the date


# --------------------------------------------------------------------------- dates that are not the page's


def test_a_forums_clock_is_not_the_publication() -> None:
    meta = '<div class="navbar-time">Aktuelle Zeit: 14.10.2020, 12:18</div><span class="post-date">21.01.2009, 05:42</span>'
    assert _page("", meta, "https://forum.example/viewtopic.php?t=167") == "2009-01-21T05:42:00"


def test_a_portals_edition_of_the_day_is_not_the_publication() -> None:
    meta = '<div class="edition-date">Édition du 12 octobre 2020</div><p class="date">Par Matthieu Hy le 7 mai 2020</p>'
    assert _page("", meta, "https://www.revue.example/node/libre-cours") == "2020-05-07"


def test_an_embedded_posts_date_is_not_the_publication() -> None:
    meta = (
        '<blockquote class="instagram-media"><p>A post</p>'
        '<time datetime="2018-03-12T19:30:12+00:00">Mar 12, 2018</time></blockquote>'
        '<p class="date">Dienstag, 29. Januar 2019</p>'
    )
    assert _page("", meta, "https://www.marketing.example/kommentare/influencer") == "2019-01-29"


@pytest.mark.parametrize(
    "root,expected",
    [
        ('<html lang="en-GB">', "2020-10-02"),  # British English writes the day first
        ('<html xml:lang="en-GB">', "2020-10-02"),
        ('<html lang="en-US">', "2020-02-10"),
        ("<html>", "2020-02-10"),  # English of no country: read month first, as US sites print it
    ],
)
def test_a_slashed_date_is_read_in_the_pages_locale(root: str, expected: str) -> None:
    text = "".join(
        f"<p>Paragraph {i} of the story, with commas, long enough to be article text.</p>" for i in range(4)
    )
    html = f'{root}<body><h1>Halls too full, experts warn</h1><span class="date">02/10/2020</span><article>{text}</article></body></html>'
    assert _published(html, "https://www.news.example/uk/halls") == expected
