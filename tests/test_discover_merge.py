"""Discovery keeps its promises: robots.txt-disallowed URLs are left out, the listings of one URL
are merged, a page with no sitemap or feed gives its article links; against a real HTTP server on
127.0.0.1 serving invented sites."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newsextract
from newsextract import AsyncFetcher, Fetcher
from newsextract.discover import _crawl
from newsextract.discover._urls import language_code, looks_like_article
from newsextract.fetch import FetchConfig

FAST = FetchConfig(per_host_delay=0, max_attempts=1, read_timeout=2.0, total_timeout=10.0)
ROOT = Path(__file__).resolve().parent.parent
SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'

# ------------------------------------------------------------------ an invented site ({B} = base URL)
ROBOTS = """User-agent: *
Disallow: /members/
Sitemap: {B}/sitemap.xml
Sitemap: {B}/news-sitemap.xml
"""

# Read first (robots.txt names it first): only lastmod, as plain sitemaps say.
PLAIN = f"""<?xml version="1.0"?>
<urlset {SM}>
  <url><loc>{{B}}/news/2024/07/ferry-strike</loc><lastmod>2024-07-12T10:00:00Z</lastmod></url>
  <url><loc>{{B}}/news/2024/07/old-mill</loc><lastmod>2024-07-11</lastmod></url>
  <url><loc>{{B}}/members/2024/07/insider-briefing</loc><lastmod>2024-07-11</lastmod></url>
  <url><loc>{{B}}/news/2024/07/only-here</loc><lastmod>2024-07-10</lastmod></url>
</urlset>"""

NEWS_SITEMAP = f"""<?xml version="1.0"?>
<urlset {SM} {NEWS}>
  <url><loc>{{B}}/news/2024/07/ferry-strike?utm_source=news</loc>
    <news:news><news:publication><news:name>Harbour Post</news:name><news:language>en-GB</news:language></news:publication>
      <news:publication_date>2024-07-12T08:30:00+01:00</news:publication_date>
      <news:title>Ferry crews strike for a second day</news:title></news:news></url>
  <url><loc>{{B}}/news/2024/07/old-mill</loc>
    <news:news><news:publication><news:language>en</news:language></news:publication>
      <news:publication_date>2024-06-30</news:publication_date><news:title>The old mill reopens</news:title></news:news></url>
  <url><loc>{{B}}/members/2024/07/insider-briefing</loc>
    <news:news><news:publication_date>2024-07-11</news:publication_date><news:title>Insiders</news:title></news:news></url>
</urlset>"""

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Post</title><language>de-DE</language>
  <item><title>Hafenfest</title><link>{B}/news/2024/07/hafenfest</link><pubDate>Sat, 13 Jul 2024 09:00:00 +0200</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <entry><title>Marché</title><link href="{B}/news/2024/07/marche"/><published>2024-07-13T07:00:00Z</published></entry>
  <entry xml:lang="nl"><title>Markt</title><link href="{B}/news/2024/07/markt"/><published>2024-07-13T07:00:00Z</published></entry>
</feed>"""

SECTION = """<!doctype html><html><head><title>Harbour Post: Local</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a> <a href="/tag/ferries">Ferries</a>
<a href="/author/jane-doe">Jane Doe</a> <a href="/about">About us</a></nav>
<main>
<h2><a href="/local/2024/07/13/ferry-timetable-changes">Ferry timetable changes</a></h2>
<h2><a href="/local/council-approves-new-harbour-wall?ref=section#top">Council approves new wall</a></h2>
<h2><a href="{B}/story/8812345">Storm damage at the pier</a></h2>
<a href="/local/2024/07/13/ferry-timetable-changes">Read more</a>
<a href="/members/2024/07/13/behind-the-paywall-story">Members only</a>
<a href="/files/annual-report-2024-final.pdf">Annual report</a>
<a href="https://elsewhere.example/news/2024/07/13/other-site-story">Elsewhere</a>
<a href="/local?page=2">More local news</a>
</main></body></html>"""


class _Site(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages: dict[str, tuple[str, str]] = {}
    paths: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _Site.paths.append(self.path)
        base = f"http://{self.headers['Host']}"
        if self.path in _Site.pages:
            ctype, text = _Site.pages[self.path]
            status = 200
        else:
            ctype, text, status = "text/plain", "not here", 404
        body = text.replace("{B}", base).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    """A site whose pages each test sets in ``_Site.pages``; yields its base URL."""
    _Site.pages = {}
    _Site.paths = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _sitemap_site() -> None:
    _Site.pages = {
        "/": ("text/html", "<html><head><title>Harbour Post</title></head><body>Home</body></html>"),
        "/robots.txt": ("text/plain", ROBOTS),
        "/sitemap.xml": ("application/xml", PLAIN),
        "/news-sitemap.xml": ("application/xml", NEWS_SITEMAP),
    }


# ------------------------------------------------------------------ robots.txt
def test_urls_robots_txt_disallows_are_left_out(site: str, caplog: pytest.LogCaptureFixture) -> None:
    _sitemap_site()
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        urls = [f.url for f in newsextract.discover(site + "/", config=FAST)]
    assert urls and not any("/members/" in url for url in urls)
    assert f"{site}/news/2024/07/only-here" in urls
    assert any("left out 1 URLs robots.txt disallows" in r.getMessage() for r in caplog.records)


def test_urls_on_other_hosts_are_listed_without_requesting_their_robots_txt(site: str) -> None:
    """any_host: another host's robots.txt is the batch's to read; discovery requests no other host."""
    hits: list[str] = []

    class Other(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    other = ThreadingHTTPServer(("127.0.0.2", 0), Other)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    elsewhere = f"http://127.0.0.2:{other.server_address[1]}/news/2024/07/elsewhere"
    _Site.pages = {
        "/sitemap.xml": ("application/xml", f"<urlset {SM}><url><loc>{elsewhere}</loc></url></urlset>")
    }
    try:
        found = newsextract.discover(site + "/sitemap.xml", config=FAST, any_host=True)
    finally:
        other.shutdown()
        other.server_close()
    assert [f.url for f in found] == [elsewhere] and hits == []


def test_include_disallowed_lists_them(site: str) -> None:
    _sitemap_site()
    found = newsextract.discover(site + "/", config=FAST, include_disallowed=True)
    insider = [f for f in found if "/members/" in f.url]
    assert [(f.published, f.title) for f in insider] == [("2024-07-11", "Insiders")]  # merged too


def test_a_fetcher_that_ignores_robots_txt_lists_them(site: str) -> None:
    _sitemap_site()
    config = FetchConfig(per_host_delay=0, max_attempts=1, respect_robots=False)
    assert any("/members/" in f.url for f in newsextract.discover(site + "/sitemap.xml", config=config))


# ------------------------------------------------------------------ one URL, several listings
def test_a_date_from_any_listing_wins_over_none_whichever_is_read_first(site: str) -> None:
    _sitemap_site()
    by_url = {f.url: f for f in newsextract.discover(site + "/", config=FAST)}
    ferry = by_url[f"{site}/news/2024/07/ferry-strike"]  # plain sitemap first, news sitemap second
    assert (ferry.published, ferry.title, ferry.language) == (
        "2024-07-12T08:30:00+01:00",
        "Ferry crews strike for a second day",
        "en",
    )
    assert ferry.source == f"{site}/sitemap.xml"  # where it was first listed
    assert by_url[f"{site}/news/2024/07/only-here"].published is None  # no listing dates it
    assert len(by_url) == 3  # each URL once (tracking parameters dropped before merging)


def test_the_window_judges_the_merged_entry(site: str) -> None:
    _sitemap_site()
    # old-mill: lastmod 2024-07-11 in the plain sitemap, published 2024-06-30 in the news one
    found = newsextract.discover(site + "/", config=FAST, since="2024-07-01")
    names = {f.url.rsplit("/", 1)[-1] for f in found}
    assert "old-mill" not in names and {"ferry-strike", "only-here"} <= names


def test_feeds_carry_their_language(site: str) -> None:
    _Site.pages = {"/feed.rss": ("application/rss+xml", RSS), "/atom.xml": ("application/atom+xml", ATOM)}
    rss = newsextract.discover(site + "/feed.rss", config=FAST)
    assert [(f.title, f.language) for f in rss] == [("Hafenfest", "de")]
    atom = newsextract.discover(site + "/atom.xml", config=FAST)
    assert [(f.title, f.language) for f in atom] == [("Marché", "fr"), ("Markt", "nl")]


def test_held_entries_are_bounded(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _sitemap_site()
    monkeypatch.setattr(_crawl, "MAX_HELD", 1)
    by_url = {f.url: f for f in newsextract.discover(site + "/", config=FAST)}
    assert len(by_url) == 3  # every URL still comes out once
    # held entries past the bound went out before the news sitemap was read: undated
    assert by_url[f"{site}/news/2024/07/ferry-strike"].published is None


def test_a_limit_still_stops_fetching(site: str) -> None:
    _sitemap_site()
    found = newsextract.discover(site + "/", config=FAST, limit=2)
    assert len(found) == 2
    assert "/news-sitemap.xml" not in _Site.paths


def test_the_default_fetchers_discover_as_the_readme_shows(site: str) -> None:
    _sitemap_site()
    with Fetcher() as fetcher:
        synced = [f.url for f in fetcher.discover(site + "/sitemap.xml")]

    async def run() -> list[str]:
        async with AsyncFetcher() as async_fetcher:
            return [f.url async for f in async_fetcher.discover(site + "/sitemap.xml")]

    assert synced == asyncio.run(run()) and len(synced) == 3


# ------------------------------------------------------------------ a page with no sitemap or feed
def test_a_section_page_gives_the_article_links_it_shows(site: str, caplog: pytest.LogCaptureFixture) -> None:
    _Site.pages = {
        "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /members/\n"),
        "/local": ("text/html; charset=utf-8", SECTION),
    }
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        found = newsextract.discover(site + "/local", config=FAST)
    assert [f.url for f in found] == [
        f"{site}/local/2024/07/13/ferry-timetable-changes",
        f"{site}/local/council-approves-new-harbour-wall?ref=section",
        f"{site}/story/8812345",
    ]
    assert all(f.source == f"{site}/local" and f.published is None for f in found)
    assert any("listed the 4 article links the page shows" in r.getMessage() for r in caplog.records)
    assert any("left out 1 URLs robots.txt disallows" in r.getMessage() for r in caplog.records)


def test_a_home_page_with_no_sitemap_or_feed_gives_its_links_after_the_usual_paths(site: str) -> None:
    _Site.pages = {"/": ("text/html", SECTION)}
    found = newsextract.discover(site + "/", config=FAST)
    assert f"{site}/story/8812345" in {f.url for f in found}
    assert {"/sitemap.xml", "/feed", "/rss.xml", "/atom.xml"} <= set(_Site.paths)


def test_a_section_page_with_a_feed_gives_the_feed(site: str) -> None:
    page = SECTION.replace(
        "<title>", '<link rel="alternate" type="application/rss+xml" href="/feed.rss"><title>'
    )
    _Site.pages = {"/local": ("text/html", page), "/feed.rss": ("application/rss+xml", RSS)}
    assert [f.title for f in newsextract.discover(site + "/local", config=FAST)] == ["Hafenfest"]


def test_cli_include_disallowed(site: str) -> None:
    _sitemap_site()

    def run(*extra: str) -> list[dict[str, str | None]]:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        proc = subprocess.run(
            [sys.executable, "-m", "newsextract", "discover", site + "/", "--delay", "0", *extra],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line) for line in proc.stdout.splitlines()]

    assert not any("/members/" in str(row["url"]) for row in run())
    rows = run("--include-disallowed")
    assert any("/members/" in str(row["url"]) for row in rows)
    assert all(set(row) == {"url", "published", "title", "language", "source"} for row in rows)


# ------------------------------------------------------------------ units
@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://example.com/news/2024/07/12/7465312/", True),
        ("https://example.com/2024-07-12-bridge", True),
        ("https://example.com/world/bridge-opens-to-traffic", True),
        ("https://example.com/story/a41234567.html", True),
        ("https://example.com/", False),
        ("https://example.com/news/politics", False),
        ("https://example.com/world-news", False),
        ("https://example.com/tag/big-river-floods", False),
        ("https://example.com/author/jane-mary-doe", False),
        ("https://example.com/files/annual-report-2024-final.pdf", False),
        ("https://example.com/news/2024/07/photo.jpg", False),
    ],
)
def test_looks_like_article(url: str, article: bool) -> None:
    assert looks_like_article(url) is article


@pytest.mark.parametrize(
    ("value", "code"),
    [("en-US", "en"), ("DE", "de"), (" uk ", "uk"), ("zh_Hans_CN", "zh"), ("english", None), (None, None)],
)
def test_language_code(value: str | None, code: str | None) -> None:
    assert language_code(value) == code
