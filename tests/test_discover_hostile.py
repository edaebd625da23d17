"""discover against hostile documents on 127.0.0.1: each bad document is a warning, every other
document and SITE goes on, and sitemaps and feeds are fetched on the SITE's own domain only."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newsextract
from newsextract.fetch import FetchConfig

ROOT = Path(__file__).resolve().parent.parent
FAST = FetchConfig(per_host_delay=0, max_attempts=1, read_timeout=2.0, total_timeout=10.0)
OTHER = "127.0.0.2"  # another registrable "domain" on the loopback: a host the SITE may name

HOME = """<!doctype html><html><head>
<link rel="alternate" type="application/rss+xml" href="http://[::1/feed">
<link rel="alternate" type="application/rss+xml" href="/feed.rss">
<link rel="alternate" type="application/atom+xml" href="{O}/elsewhere-feed.xml">
</head><body>Home</body></html>"""

ROBOTS = """User-agent: *
Sitemap: http://[::1/sitemap.xml
Sitemap: http://example.com:99999/sitemap.xml
Sitemap: /to-bad-port.xml
Sitemap: {O}/elsewhere-sitemap.xml
Sitemap: /sitemap.xml
"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel>
<item><title>Overflowing date</title><link>{B}/news/overflow</link>
  <pubDate>Fri, 12 Jul 2024 19:50:00 +9999999999999999999</pubDate></item>
<item><title>Broken link</title><link>http://[::1/news</link></item>
<item><title>Port out of range</title><link>http://x.example:70000/news</link></item>
<item><title>Fine</title><link>{B}/news/fine</link><pubDate>Thu, 11 Jul 2024 09:30:00 +0300</pubDate></item>
</channel></rss>"""

SITEMAP = """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{B}/news/from-sitemap</loc><lastmod>2024-07-11T25:99:00+99:99</lastmod></url>
<url><loc>http://[::1/x</loc></url>
</urlset>"""

ELSEWHERE = """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{O}/news/elsewhere</loc></url></urlset>"""


class _Site(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: Counter[str] = Counter()
    other = ""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        host = self.headers["Host"]
        _Site.hits[f"{host}{self.path}"] += 1
        base = f"http://{host}"
        pages = {
            "/": ("text/html", HOME),
            "/robots.txt": ("text/plain", ROBOTS),
            "/feed.rss": ("application/rss+xml", FEED),
            "/sitemap.xml": ("application/xml", SITEMAP),
            "/elsewhere-sitemap.xml": ("application/xml", ELSEWHERE),
            "/elsewhere-feed.xml": ("application/xml", ELSEWHERE),
        }
        if self.path == "/to-bad-port.xml":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:65536/sitemap.xml")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ctype, text = pages.get(self.path, ("text/plain", "not here"))
        status = 200 if self.path in pages else 404
        body = text.replace("{B}", base).replace("{O}", _Site.other).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Servers:
    def __init__(self) -> None:
        _Site.hits = Counter()
        self.site = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
        self.other = ThreadingHTTPServer((OTHER, 0), _Site)
        for httpd in (self.site, self.other):
            httpd.daemon_threads = True
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.site.server_address[1]}"
        self.other_base = _Site.other = f"http://{OTHER}:{self.other.server_address[1]}"

    def other_hits(self) -> int:
        """Requests for documents (robots.txt aside) on the other host."""
        host = self.other_base.removeprefix("http://")
        return sum(
            n for key, n in _Site.hits.items() if key.startswith(host) and not key.endswith("/robots.txt")
        )

    def close(self) -> None:
        for httpd in (self.site, self.other):
            httpd.shutdown()
            httpd.server_close()


@pytest.fixture(scope="module")
def servers():
    srv = _Servers()
    yield srv
    srv.close()


def test_hostile_documents_are_warnings_and_the_rest_is_read(servers, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        found = newsextract.discover(servers.base + "/", config=FAST)
    urls = {f.url: f for f in found}
    assert set(urls) == {
        servers.base + "/news/overflow",
        servers.base + "/news/fine",
        servers.base + "/news/from-sitemap",
    }
    overflow = urls[servers.base + "/news/overflow"].published  # kept; its offset is never taken
    assert overflow is None or overflow.count(":") == 2 and "+" not in overflow
    assert urls[servers.base + "/news/fine"].published == "2024-07-11T09:30:00+03:00"
    warnings = " ".join(r.getMessage() for r in caplog.records)
    assert "http://[::1/sitemap.xml" in warnings and "http://[::1/feed" in warnings
    assert "/to-bad-port.xml" in warnings and "Port out of range" in warnings


def test_documents_on_another_host_are_not_requested(servers, caplog) -> None:
    before = servers.other_hits()
    with caplog.at_level(logging.WARNING, logger="newsextract"):
        found = newsextract.discover(servers.base + "/", config=FAST, any_host=True)
    assert servers.other_hits() == before  # neither the robots.txt sitemap nor the page's feed
    assert not any("/news/elsewhere" in f.url for f in found)
    assert "on another site" in " ".join(r.getMessage() for r in caplog.records)


def test_another_host_by_explicit_option(servers) -> None:
    before = servers.other_hits()
    found = newsextract.discover(servers.base + "/", config=FAST, any_host=True, sitemap_hosts=[OTHER])
    assert servers.other_hits() - before == 2  # its sitemap and its feed
    assert servers.other_base + "/news/elsewhere" in {f.url for f in found}
    again = newsextract.discover(servers.base + "/", config=FAST, any_host=True, sitemap_hosts=OTHER)
    assert servers.other_hits() - before == 4 and {f.url for f in again} == {f.url for f in found}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsextract", "discover", "--delay", "0", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )


def test_cli_reads_every_site_and_exits_1_only_for_the_one_that_gave_nothing(servers) -> None:
    proc = cli(servers.base + "/", "http://[::1/", servers.base + "/gone.xml", servers.base + "/feed.rss")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {r["url"] for r in rows} >= {servers.base + "/news/fine", servers.base + "/news/from-sitemap"}
    assert "http://[::1/: UnsupportedURLError" in proc.stderr
    assert "/gone.xml: FetchError: nothing could be fetched" in proc.stderr
    ok = cli(servers.base + "/", "--sitemap-host", OTHER, "--any-host")
    assert ok.returncode == 0 and servers.other_base + "/news/elsewhere" in ok.stdout


@pytest.mark.parametrize(
    "declaration",
    ['<?xml version="1.0" encoding="utf-7"?>', '<?xml version="1.0" encoding="no-such-charset"?>'],
)
def test_xml_in_an_encoding_expat_cannot_read_is_a_warning(declaration: str) -> None:
    from newsextract.discover._listing import parse_listing

    data = (declaration + "<urlset><url><loc>https://example.com/a</loc></url></urlset>").encode()
    listing = parse_listing(data, "https://example.com/sitemap.xml")
    assert listing.entries == [] and len(listing.warnings) == 1
    assert "https://example.com/sitemap.xml" in listing.warnings[0]
