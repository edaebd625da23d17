"""Fetcher.fetch against a hostile server on 127.0.0.1: every failure is a FetchError subclass,
no session state piles up, and one response cannot answer for another."""

from __future__ import annotations

import gzip
import logging
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsextract import BadStatusError, BlockedError, FetchError
from newsextract.fetch import FetchConfig, Fetcher
from newsextract.fetch._decode import Decompressor

from .faultserver import ARTICLE, SMUGGLED, FaultServer, fast_config

ROOT = Path(__file__).resolve().parent.parent
FAST = fast_config(read_timeout=1.0)


@pytest.fixture(scope="module")
def server():
    with FaultServer() as srv:
        yield srv


@pytest.fixture
def fetcher():
    with Fetcher(FAST) as f:
        yield f


def test_retry_after_whose_offset_overflows_is_ignored(server, fetcher) -> None:
    with pytest.raises(BadStatusError) as info:
        fetcher.fetch(server.base + "/503-overflow")
    assert info.value.status == 503 and info.value.attempts == FAST.max_attempts  # backoff, not a crash


@pytest.mark.parametrize(
    ("path", "why"), [("/to-port-65536", "Port out of range"), ("/to-broken-ipv6", "Invalid IPv6 URL")]
)
def test_malformed_redirect_is_final_at_once(server, fetcher, path: str, why: str) -> None:
    before = server.hits[path]
    with pytest.raises(BlockedError, match=why) as info:
        fetcher.fetch(server.base + path)
    assert server.hits[path] - before == 1 and info.value.attempts == 1  # no retry
    assert info.value.url == server.base + path


@pytest.mark.parametrize(
    "url", ["http://[::1/x", "http://127.0.0.1:65536/", "http:///nohost", "http://exa mple.com/"]
)
def test_malformed_url_is_a_fetch_error(fetcher, url: str) -> None:
    with pytest.raises(FetchError):
        fetcher.fetch(url)


def test_no_cookie_jar_by_default(server, fetcher) -> None:
    for _ in range(5):
        fetcher.fetch(server.base + "/cookies")
    assert server.cookie_bytes[-5:] == [0] * 5  # nothing a server set is ever sent back


def test_opt_in_cookie_jar_is_bounded(server) -> None:
    with Fetcher(FetchConfig(per_host_delay=0, max_cookies=10)) as fetcher:
        for _ in range(5):
            fetcher.fetch(server.base + "/cookies")
    sent = server.cookie_bytes[-5:]
    assert sent[0] == 0 and 0 < sent[1] == sent[4] < 400  # ten cookies of 26 bytes, then no more
    with pytest.raises(ValueError):
        FetchConfig(max_cookies=-1)


def test_every_gzip_member_is_decoded(server, fetcher) -> None:
    assert fetcher.fetch(server.base + "/gzip-members").content == ARTICLE


def test_gzip_members_stay_under_the_limit(server) -> None:
    with Fetcher(FetchConfig(per_host_delay=0, max_bytes=len(ARTICLE) - 1)) as fetcher:
        with pytest.raises(FetchError, match="limit"):
            fetcher.fetch(server.base + "/gzip-members")


def test_gzip_members_split_anywhere_padding_and_trailing_bytes() -> None:
    body = gzip.compress(b"one ") + b"\0\0" + gzip.compress(b"two ") + gzip.compress(b"three")
    for cut in range(len(body)):  # the chunk boundary falls everywhere, headers included
        decoder = Decompressor("gzip")
        out = b"".join(decoder.feed(body[:cut], 1000)) + b"".join(decoder.feed(body[cut:], 1000))
        assert out + decoder.flush() == b"one two three", cut
    decoder = Decompressor("gzip")
    assert b"".join(decoder.feed(gzip.compress(b"page") + b"<trailing junk>", 1000)) == b"page"


def test_a_response_longer_than_its_length_closes_its_connection(server, fetcher) -> None:
    first = fetcher.fetch(server.base + "/smuggle")
    assert first.content == b"short"
    after = fetcher.fetch(server.base + "/ok")  # the same host: a pooled connection if one is left
    assert after.content == ARTICLE and SMUGGLED not in after.content
    assert server.hits["/ok"] >= 1


def test_fetch_imports_nothing_above_it() -> None:
    """fetch/ loaded under a bare package (no newsextract/__init__, which loads the pipeline)
    pulls in no extraction, discovery or batch module."""
    code = (
        "import sys, types; "
        "pkg = types.ModuleType('newsextract'); pkg.__path__ = [sys.argv[1]]; sys.modules['newsextract'] = pkg; "
        "import newsextract.fetch; "
        "print(sorted(m for m in sys.modules if m.startswith('newsextract.') and "
        "m.split('.')[1] in ('pipeline', 'extractors', 'discover', '_facade', 'document', 'batch')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "src" / "newsextract")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


class _RobotsToNowhere(BaseHTTPRequestHandler):
    """robots.txt redirects to a malformed URL; every other path is the article."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_response(302)
            self.send_header("Location", "http://[::1")
            body = b""
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            body = ARTICLE
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_robots_txt_redirected_to_a_malformed_url_is_unreadable_not_a_crash(fetcher, caplog) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RobotsToNowhere)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with caplog.at_level(logging.WARNING, logger="newsextract"):
            result = fetcher.fetch(f"http://127.0.0.1:{httpd.server_address[1]}/page")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.content == ARTICLE
    assert any("robots.txt" in r.getMessage() and "unreadable" in r.getMessage() for r in caplog.records)
