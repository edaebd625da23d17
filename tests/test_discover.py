"""Site discovery against a real HTTP server on 127.0.0.1 serving invented sitemaps and feeds."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newsextract
from newsextract import BlockedError, Fetcher, FetchError, UnsupportedURLError, adiscover
from newsextract.batch import run
from newsextract.batch.sources import iter_items
from newsextract.discover import DateWindow, _crawl, normalize_url
from newsextract.discover._listing import parse_listing
from newsextract.discover._window import read_date
from newsextract.fetch import FetchConfig

FAST = FetchConfig(per_host_delay=0, max_attempts=1, read_timeout=2.0, total_timeout=10.0)
ROOT = Path(__file__).resolve().parent.parent

SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'

# ------------------------------------------------------------------ the invented site ({B} = base URL)
HOME = """<!doctype html><html><head><title>Riverside Courier</title>
<link rel="alternate" type="application/rss+xml" title="News" href="/feed.rss">
<link rel="alternate" type="application/atom+xml" href="{B}/atom.xml">
<link rel="alternate" type="application/rdf+xml" href="/rdf.xml">
<link rel="stylesheet" href="/site.css">
</head><body><h1>Riverside Courier</h1></body></html>"""

ROBOTS = """User-agent: *
Disallow: /private/
Sitemap: {B}/sitemap_index.xml
Sitemap: /news-sitemap.xml
"""

INDEX = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex {SM}>
  <sitemap><loc>{{B}}/sitemaps/older-index.xml</loc><lastmod>2023-12-31</lastmod></sitemap>
  <sitemap><loc>{{B}}/sitemaps/2024-07.xml</loc><lastmod>2024-07-31T23:00:00Z</lastmod></sitemap>
  <sitemap><loc>{{B}}/sitemaps/broken.xml</loc><lastmod>2024-06-15</lastmod></sitemap>
  <sitemap><loc>{{B}}/sitemaps/bomb.xml</loc><lastmod>2024-06-01</lastmod></sitemap>
  <sitemap><loc>{{B}}/private/sitemap.xml</loc><lastmod>2024-07-20</lastmod></sitemap>
  <sitemap><loc>https://cdn.elsewhere.example/sitemap.xml</loc><lastmod>2024-07-30</lastmod></sitemap>
</sitemapindex>"""

OLDER_INDEX = f"""<?xml version="1.0"?>
<sitemapindex {SM}>
  <sitemap><loc>{{B}}/sitemaps/2023-12.xml.gz</loc><lastmod>2023-12-31</lastmod></sitemap>
</sitemapindex>"""

JULY = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset {SM} xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>{{B}}/news/2024/07/ferry-timetable</loc><lastmod>2024-07-12T10:00:00+03:00</lastmod>
    <image:image><image:loc>{{B}}/img/ferry.jpg</image:loc></image:image></url>
  <url><loc>{{B}}/news/2024/07/library?utm_source=sitemap&amp;page=2#comments</loc><lastmod>2024-07-02</lastmod></url>
  <url><loc>https://elsewhere.example/story</loc><lastmod>2024-07-05</lastmod></url>
  <url><loc>{{B}}/news/undated</loc></url>
  <url><loc>{{B}}/news/2024/07/bridge-opens</loc><lastmod>2024-07-11</lastmod></url>
</urlset>"""

DECEMBER = f"""<?xml version="1.0"?>
<urlset {SM}><url><loc>{{B}}/news/2023/12/winter-market</loc><lastmod>2023-12-20</lastmod></url></urlset>"""

BROKEN = f"""<?xml version="1.0"?>
<urlset {SM}>
  <url><loc>{{B}}/news/2024/06/first</loc><lastmod>2024-06-10</lastmod></url>
  <url><loc>{{B}}/news/2024/06/second</loc><lastmod>2024-06-11</lastmod></url>
  <url><loc>{{B}}/news/2024/06/thi"""

BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10)
    )
    + f"]>\n<urlset {SM}><url><loc>{{B}}/news/&lol9;</loc></url></urlset>"
)

NEWS_SITEMAP = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset {SM} {NEWS}>
  <url><loc>{{B}}/news/2024/07/dam-repairs</loc>
    <news:news><news:publication><news:name>Riverside Courier</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-07-10T08:00:00+03:00</news:publication_date>
      <news:title>Dam repairs begin after the spring floods</news:title></news:news></url>
  <url><loc>{{B}}/news/2024/06/council-vote</loc>
    <news:news><news:publication_date>2024-06-28</news:publication_date><news:title>Council votes on the budget</news:title></news:news></url>
</urlset>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
  <title>Riverside Courier</title><link>{B}/</link>
  <atom:link href="{B}/feed.rss" rel="self" type="application/rss+xml"/>
  <item><title>Bridge opens to  traffic</title><link>{B}/news/2024/07/bridge-opens?fbclid=abc</link>
    <pubDate>Thu, 11 Jul 2024 09:30:00 +0300</pubDate></item>
  <item><title>Orchard harvest festival</title><guid>{B}/news/2024/07/orchard</guid>
    <pubDate>Mon, 08 Jul 2024 18:00:00 GMT</pubDate></item>
  <item><title>No date here</title><link>{B}/news/2024/07/no-date</link><pubDate>sometime soon</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><updated>2024-07-09T12:00:00Z</updated>
  <entry><title type="html">Tram line &amp;amp; new &lt;b&gt;stops&lt;/b&gt;</title>
    <link rel="alternate" type="text/html" href="/news/2024/07/tram-line"/>
    <link rel="edit" href="/edit/17"/>
    <published>2024-07-09T12:00:00Z</published><updated>2024-07-09T13:00:00Z</updated></entry>
  <entry><title>Only updated</title><link href="{B}/news/2024/06/only-updated"/><updated>2024-06-20T07:00:00Z</updated></entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="{B}/rdf.xml"><title>Courier</title></channel>
  <item rdf:about="{B}/news/2024/07/school-year"><title>School year plans</title>
    <link>{B}/news/2024/07/school-year</link><dc:date>2024-07-03</dc:date></item>
</rdf:RDF>"""

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    + "<p>The riverside town council met on Tuesday, and residents asked many questions.</p>" * 5
    + "</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: Counter[str] = Counter()
    pages: dict[str, tuple[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _Handler.hits[self.path] += 1
        base = f"http://{self.headers['Host']}"
        if self.path in _Handler.pages:
            ctype, body = _Handler.pages[self.path]
            status = 200
        elif self.path.startswith("/news/"):
            ctype, body, status = (
                "text/html; charset=utf-8",
                ARTICLE.format(title=self.path[6:]).encode(),
                200,
            )
        else:
            ctype, body, status = "text/plain", b"not here", 404
        body = body.replace(b"{B}", base.encode())
        if self.path.endswith(".gz"):
            body = gzip.compress(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


_Handler.pages = {
    "/": ("text/html; charset=utf-8", HOME.encode()),
    "/robots.txt": ("text/plain", ROBOTS.encode()),
    "/sitemap_index.xml": ("application/xml", INDEX.encode()),
    "/sitemaps/older-index.xml": ("application/xml", OLDER_INDEX.encode()),
    "/sitemaps/2024-07.xml": ("text/xml; charset=utf-8", JULY.encode()),
    "/sitemaps/2023-12.xml.gz": ("application/x-gzip", DECEMBER.encode()),
    "/sitemaps/broken.xml": ("application/xml", BROKEN.encode()),
    "/sitemaps/bomb.xml": ("application/xml", BOMB.encode()),
    "/private/sitemap.xml": ("application/xml", JULY.encode()),
    "/news-sitemap.xml": ("application/xml", NEWS_SITEMAP.encode()),
    "/feed.rss": ("application/rss+xml; charset=utf-8", RSS.encode()),
    "/atom.xml": ("application/atom+xml", ATOM.encode()),
    "/rdf.xml": ("application/rdf+xml", RDF.encode()),
}


class SiteServer:
    def __init__(self) -> None:
        _Handler.hits = Counter()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def hits(self) -> Counter[str]:
        return _Handler.hits

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server():
    srv = SiteServer()
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def everything(server):
    """The whole site discovered once, no filters (the hits of that one run kept)."""
    before = server.hits.copy()
    found = newsextract.discover(server.base + "/", config=FAST)
    return {f.url: f for f in found}, [f.url for f in found], server.hits - before


def discover(server, target: str = "/", **options):
    return newsextract.discover(server.base + target, config=FAST, **options)


# ------------------------------------------------------------------ the whole site
def test_every_source_contributes(server, everything) -> None:
    by_url, _, _ = everything
    b = server.base
    assert by_url[f"{b}/news/2024/07/orchard"].source == f"{b}/feed.rss"  # RSS, a permalink guid
    assert by_url[f"{b}/news/2024/07/tram-line"].source == f"{b}/atom.xml"  # Atom, relative href
    assert by_url[f"{b}/news/2024/07/school-year"].source == f"{b}/rdf.xml"  # RDF
    assert by_url[f"{b}/news/2024/07/dam-repairs"].source == f"{b}/news-sitemap.xml"  # robots, relative
    assert by_url[f"{b}/news/2024/07/ferry-timetable"].source == f"{b}/sitemaps/2024-07.xml"  # nested
    assert by_url[f"{b}/news/2023/12/winter-market"].source == f"{b}/sitemaps/2023-12.xml.gz"  # gzip, 2 deep


def test_dates_and_titles_as_the_sources_say(server, everything) -> None:
    by_url, _, _ = everything
    b = server.base
    dam = by_url[f"{b}/news/2024/07/dam-repairs"]
    assert (dam.published, dam.title) == (
        "2024-07-10T08:00:00+03:00",
        "Dam repairs begin after the spring floods",
    )
    assert by_url[f"{b}/news/2024/06/council-vote"].published == "2024-06-28"  # a date stays a date
    assert by_url[f"{b}/news/2024/07/orchard"].published == "2024-07-08T18:00:00+00:00"  # RFC 822 GMT
    assert by_url[f"{b}/news/2024/07/tram-line"].published == "2024-07-09T12:00:00+00:00"  # Z
    assert by_url[f"{b}/news/2024/07/tram-line"].title == "Tram line & new stops"
    assert by_url[f"{b}/news/2024/07/school-year"].published == "2024-07-03"
    assert by_url[f"{b}/news/2024/07/no-date"].published is None  # garbage pubDate
    # lastmod and Atom's updated are modification dates: never output as published
    assert by_url[f"{b}/news/2024/07/ferry-timetable"].published is None
    assert by_url[f"{b}/news/2024/06/only-updated"].published is None
    assert by_url[f"{b}/news/2024/07/ferry-timetable"].to_dict() == {
        "url": f"{b}/news/2024/07/ferry-timetable",
        "published": None,
        "title": None,
        "language": None,
        "source": f"{b}/sitemaps/2024-07.xml",
    }


def test_each_url_once_first_seen_wins(server, everything) -> None:
    by_url, urls, _ = everything
    assert len(urls) == len(set(urls))
    bridge = by_url[f"{server.base}/news/2024/07/bridge-opens"]  # in the feed (fbclid) and the sitemap
    assert bridge.source == f"{server.base}/feed.rss" and bridge.title == "Bridge opens to traffic"
    assert f"{server.base}/news/2024/07/library?page=2" in by_url  # utm_* and the fragment dropped


def test_off_site_urls_and_sitemaps_are_left_out(server, everything) -> None:
    by_url, _, hits = everything
    assert not any("elsewhere.example" in url for url in by_url)
    assert not any(url.endswith("ferry.jpg") for url in by_url)  # image:loc is not the url's loc
    assert hits["/private/sitemap.xml"] == 0  # robots.txt disallows it: a warning, never requested


def test_any_host_keeps_other_sites(server) -> None:
    urls = {f.url for f in discover(server, "/sitemaps/2024-07.xml", any_host=True)}
    assert "https://elsewhere.example/story" in urls


def test_usual_feed_paths_are_not_probed_when_the_site_declares_its_own(everything) -> None:
    _, _, hits = everything
    assert hits["/feed"] == hits["/sitemap.xml"] == 0
    assert hits["/feed.rss"] == hits["/sitemap_index.xml"] == 1


# ------------------------------------------------------------------ hostile and broken documents
def test_malformed_sitemap_gives_what_came_before_the_break(server, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        found = discover(server, "/sitemaps/broken.xml")
    assert [f.url.rsplit("/", 1)[-1] for f in found] == ["first", "second"]
    assert any(
        "malformed XML" in r.getMessage() and "kept the 2 entries" in r.getMessage() for r in caplog.records
    )


def test_entity_bomb_is_skipped_fast(server, caplog) -> None:
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        found = discover(server, "/sitemaps/bomb.xml")
    assert found == [] and time.monotonic() - start < 5
    assert any("declares entities" in r.getMessage() for r in caplog.records)


def test_a_failed_sitemap_is_a_warning_not_the_end(server, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        found = discover(server)
    assert found  # the rest of the site still came out
    messages = [r.getMessage() for r in caplog.records]
    assert any("private/sitemap.xml" in m and "robots.txt disallows" in m for m in messages)


def test_nothing_fetchable_is_an_error(server) -> None:
    with pytest.raises(FetchError, match="nothing could be fetched"):
        discover(server, "/no-such-sitemap.xml")


def test_unsupported_scheme_is_a_typed_error() -> None:
    with pytest.raises(UnsupportedURLError):
        newsextract.discover("ftp://example.com/sitemap.xml", config=FAST)


def test_block_private_refuses_the_loopback_server(server) -> None:
    before = server.hits.copy()
    with pytest.raises(BlockedError, match="127.0.0.1") as info:
        newsextract.discover(server.base + "/", config=FetchConfig(per_host_delay=0, block_private=True))
    assert info.value.url == server.base + "/"
    assert server.hits == before  # not one request reached it


# ------------------------------------------------------------------ since / until / limit
def test_since_prunes_old_child_sitemaps_unfetched(server) -> None:
    before = server.hits.copy()
    found = discover(server, since="2024-07-01")
    hits = server.hits - before
    assert hits["/sitemaps/2024-07.xml"] == 1
    for old in (
        "/sitemaps/older-index.xml",
        "/sitemaps/2023-12.xml.gz",
        "/sitemaps/broken.xml",
        "/sitemaps/bomb.xml",
    ):
        assert hits[old] == 0, old
    names = {f.url.split("/news/", 1)[-1] for f in found}
    assert {"2024/07/dam-repairs", "2024/07/orchard", "2024/07/ferry-timetable"} <= names
    assert "2024/06/council-vote" not in names  # published before
    assert "2024/06/only-updated" not in names  # modified before, so published before
    assert "undated" not in names and "2024/07/no-date" not in names  # undated: out under a filter


def test_until_is_inclusive_of_its_day(server) -> None:
    found = discover(server, "/news-sitemap.xml", until=date(2024, 7, 10))
    assert {f.url.rsplit("/", 1)[-1] for f in found} == {"dam-repairs", "council-vote"}
    found = discover(server, "/news-sitemap.xml", until="2024-07-09")
    assert [f.url.rsplit("/", 1)[-1] for f in found] == ["council-vote"]


def test_limit_stops_fetching(server) -> None:
    before = server.hits.copy()
    found = discover(server, limit=2)
    hits = server.hits - before
    assert len(found) == 2 and all(f.source.endswith("/feed.rss") for f in found)
    assert hits["/atom.xml"] == hits["/sitemap_index.xml"] == 0


def test_bad_bounds_are_value_errors(server) -> None:
    with pytest.raises(ValueError, match="not a date"):
        discover(server, since="last tuesday")
    with pytest.raises(ValueError, match="after until"):
        discover(server, since="2024-07-02", until="2024-07-01")
    with pytest.raises(ValueError, match="limit"):
        discover(server, limit=0)


def test_async_counterpart(server) -> None:
    found = asyncio.run(adiscover(server.base + "/feed.rss", config=FAST, since="2024-07-09"))
    assert [f.url.rsplit("/", 1)[-1] for f in found] == ["bridge-opens"]


def test_sync_iteration_stopped_early_closes_cleanly(server) -> None:
    with Fetcher(FAST) as fetcher:
        first = next(iter(fetcher.discover(server.base + "/feed.rss")))
        assert first.title == "Bridge opens to traffic"
        again = list(fetcher.discover(server.base + "/feed.rss"))  # the fetcher is still usable
    assert len(again) == 3


# ------------------------------------------------------------------ units
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://WWW.Example.COM:443/News/1?id=7#top", "https://www.example.com/News/1?id=7"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        (
            "https://example.com/a?utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&mc_cid=3&mc_eid=4",
            "https://example.com/a",
        ),
        ("https://example.com/a?b=2&utm_campaign=z&a=1", "https://example.com/a?b=2&a=1"),
        ("  https://example.com/a?q=  ", "https://example.com/a?q="),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_normalize_url_resolves_and_refuses() -> None:
    assert normalize_url("/news/1", "https://example.com/sitemap.xml") == "https://example.com/news/1"
    for bad in ("mailto:desk@example.com", "javascript:void(0)", "http://", "http://example.com:port/"):
        with pytest.raises(UnsupportedURLError):
            normalize_url(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thu, 11 Jul 2024 09:30:00 +0300",
            datetime(2024, 7, 11, 9, 30, tzinfo=timezone(timedelta(hours=3))),
        ),
        ("Thu, 11 Jul 2024 06:30:00 GMT", datetime(2024, 7, 11, 6, 30, tzinfo=timezone.utc)),
        ("2024-07-11T06:30:00Z", datetime(2024, 7, 11, 6, 30, tzinfo=timezone.utc)),
        (
            "2024-07-11T06:30:00.123456789-05:00",
            datetime(2024, 7, 11, 6, 30, 0, tzinfo=timezone(timedelta(hours=-5))),  # to the second
        ),
        (
            "2024-07-11T06:30+0530",
            datetime(2024, 7, 11, 6, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        ("2024-07-11T06:30:00", datetime(2024, 7, 11, 6, 30)),  # no offset given: none invented
        ("2024-07-11", date(2024, 7, 11)),
        ("2024-07", None),
        ("2024-13-01", None),
        ("2024-07-11T25:00:00Z", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_read_date(text: str | None, expected: object) -> None:
    parsed = read_date(text)
    assert parsed == expected and type(parsed) is type(expected)


def test_date_window_compares_at_the_precision_both_have() -> None:
    kyiv = timezone(timedelta(hours=3))
    window = DateWindow(since=date(2024, 7, 1), until=date(2024, 7, 31))
    assert window.admits(datetime(2024, 7, 1, 0, 30, tzinfo=kyiv))  # July 1st where it was written
    assert window.admits(datetime(2024, 7, 31, 23, 59))
    assert not window.admits(date(2024, 6, 30)) and not window.admits(date(2024, 8, 1))
    assert not window.admits(None)
    instant = DateWindow(since=datetime(2024, 7, 1, 12, 0, tzinfo=timezone.utc))
    assert not instant.admits(datetime(2024, 7, 1, 14, 0, tzinfo=kyiv))  # 11:00 UTC
    assert instant.admits(datetime(2024, 7, 1, 16, 0, tzinfo=kyiv))
    assert instant.admits(date(2024, 7, 1))  # the day may hold it
    assert DateWindow().admits(None)  # no filter: undated entries stay


def test_parse_listing_kinds() -> None:
    page = b'<!DOCTYPE html><html><head><link rel="Alternate feed" type="application/atom+xml" href="/a.xml"></head></html>'
    assert parse_listing(page, "https://example.com/").feeds == ["https://example.com/a.xml"]
    text = parse_listing(b"https://example.com/1\n\nhttps://example.com/2\n", "https://example.com/s.txt")
    assert (text.kind, [e.url for e in text.entries]) == (
        "text",
        ["https://example.com/1", "https://example.com/2"],
    )
    other = parse_listing(b"<?xml version='1.0'?><svg/>", "https://example.com/x.xml")
    assert other.kind == "unknown" and other.warnings
    dtd = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><link>&x;</link></item></channel></rss>'
    external = parse_listing(dtd, "https://example.com/f.xml")
    assert external.entries == [] and "entities or external references" in external.warnings[0]


# ------------------------------------------------------------------ CLI and batch
def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "newsextract", "discover", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_cli_prints_jsonl_and_warnings(server) -> None:
    proc = cli(server.base + "/", server.base + "/feed.rss", "--delay", "0")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and all(set(r) == {"url", "published", "title", "language", "source"} for r in rows)
    assert len({r["url"] for r in rows}) == len(rows)  # the second SITE repeats nothing
    assert "newsextract: warning: " in proc.stderr and "malformed XML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_filters_and_exit_codes(server) -> None:
    proc = cli(server.base + "/news-sitemap.xml", "--since", "2024-07-01", "--delay", "0")
    assert proc.returncode == 0
    assert [json.loads(line)["title"] for line in proc.stdout.splitlines()] == [
        "Dam repairs begin after the spring floods"
    ]
    assert cli(server.base + "/", "--since", "someday").returncode == 2
    assert cli(server.base + "/", "--limit", "0").returncode == 2
    assert cli(server.base + "/", "--since", "2024-07-02", "--until", "2024-07-01").returncode == 2
    failed = cli(server.base + "/gone.xml", "--delay", "0")
    assert failed.returncode == 1 and "nothing could be fetched" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_batch_fetches_discovered_urls(server, tmp_path: Path) -> None:
    found = discover(server, "/rdf.xml") + discover(server, "/news-sitemap.xml", since="2024-07-01")
    listing = tmp_path / "urls.jsonl"
    listing.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in found))
    items = list(iter_items(listing))
    assert [i.extra for i in items] == [{"fetch": True}] * 2 and items[0].data is None
    summary = run([listing], tmp_path / "out.jsonl", workers=1, fetch_config=FAST)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert summary.ok == 2 and summary.errors == 0
    assert sorted(r["title"] for r in out) == ["2024/07/dam-repairs", "2024/07/school-year"]


def test_bounds_on_nesting_and_documents(server, monkeypatch, caplog) -> None:
    monkeypatch.setattr(_crawl, "MAX_INDEX_DEPTH", 1)  # the index's children, not theirs
    before = server.hits.copy()
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        discover(server, "/sitemap_index.xml")
    hits = server.hits - before
    assert hits["/sitemaps/older-index.xml"] == 1 and hits["/sitemaps/2023-12.xml.gz"] == 0
    assert any("MAX_INDEX_DEPTH" in r.getMessage() for r in caplog.records)

    monkeypatch.setattr(_crawl, "MAX_DOCUMENTS", 2)
    before = server.hits.copy()
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        discover(server, "/sitemap_index.xml")
    hits = server.hits - before
    del hits["/robots.txt"]
    assert sum(hits.values()) == 2 and hits["/sitemaps/2024-07.xml"] == 1  # the index, its newest child
    assert any("MAX_DOCUMENTS" in r.getMessage() for r in caplog.records)


def test_default_fetchers_discover(server) -> None:
    """Discovery asks for XML per request: a fetcher built with a default config discovers."""
    with Fetcher() as fetcher:
        assert fetcher.config.accept_content_types == ("text/html", "application/xhtml+xml")
        found = list(fetcher.discover(server.base + "/feed.rss"))
    assert len(found) == 3

    async def run() -> list[str]:
        async with newsextract.AsyncFetcher() as fetcher:
            return [f.url async for f in fetcher.discover(server.base + "/rdf.xml")]

    assert asyncio.run(run()) == [server.base + "/news/2024/07/school-year"]


def test_import_stays_light() -> None:
    code = "import sys, newsextract; print(sorted(m for m in ('httpx', 'defusedxml') if m in sys.modules))"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")}
    )
    assert (
        proc.stdout.strip() == "[]" and callable(newsextract.discover) and "discover" in newsextract.__all__
    )


class _BareSite(BaseHTTPRequestHandler):
    """A site that declares no sitemap or feed: every path is a soft 404 but /rss.xml."""

    protocol_version = "HTTP/1.1"
    paths: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _BareSite.paths.append(self.path)
        if self.path == "/rss.xml":
            ctype, body = (
                "application/rss+xml",
                b"<rss><channel><item><link>/news/quiet</link></item></channel></rss>",
            )
        else:
            ctype, body = "text/html", b"<html><body>Nothing here, but a 200.</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_usual_paths_are_probed_only_when_nothing_is_declared(caplog) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _BareSite)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with caplog.at_level(logging.WARNING, logger="newsextract"):
            found = newsextract.discover(base + "/", config=FAST)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert [f.url for f in found] == [base + "/news/quiet"]
    assert _BareSite.paths == ["/robots.txt", "/", "/sitemap.xml", "/feed", "/rss.xml"]  # not /atom.xml
    assert not caplog.records  # soft 404s of guessed paths are no news
