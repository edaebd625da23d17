"""Fetcher behaviour against a real, misbehaving HTTP server on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

import newsextract
from newsextract import (
    BadStatusError,
    BlockedError,
    ContentTypeError,
    Fetcher,
    FetchError,
    ResponseTooLargeError,
)
from newsextract.fetch import FetchConfig

from .faultserver import FaultServer, fast_config

FAST = fast_config()


@pytest.fixture(scope="module")
def server():
    with FaultServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def fetcher():
    with Fetcher(FAST) as f:
        yield f


def test_ok_page_becomes_a_record(server, fetcher) -> None:
    art = fetcher.extract_url(server.base + "/redirect-ok")
    assert art.title == "Fault server article"
    assert art.url == server.base + "/ok"  # the final URL after redirects


def test_slow_headers_time_out_after_retries(server, fetcher) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as info:
        fetcher.fetch(server.base + "/slow-headers")
    assert info.value.attempts == 3 and time.monotonic() - start < 10


def test_slow_body_times_out(server, fetcher) -> None:
    with pytest.raises(FetchError, match="timed out") as info:
        fetcher.fetch(server.base + "/slow-body")
    assert info.value.status == 200 and info.value.attempts == 3


def test_reset_mid_body(server, fetcher) -> None:
    with pytest.raises(FetchError, match="connection") as info:
        fetcher.fetch(server.base + "/reset")
    assert info.value.attempts == 3


def test_429_with_retry_after_is_honoured(server, fetcher) -> None:
    start = time.monotonic()
    result = fetcher.fetch(server.base + "/429-once")
    assert result.status == 200 and result.attempts == 2
    assert time.monotonic() - start >= 0.9  # waited the server's Retry-After: 1


def test_retry_after_too_long_fails_at_once(server, fetcher) -> None:
    with pytest.raises(BadStatusError) as info:
        fetcher.fetch(server.base + "/429-long")
    assert info.value.status_code == 429 and info.value.attempts == 1


def test_503_then_200(server, fetcher) -> None:
    assert fetcher.fetch(server.base + "/503-once").attempts == 2


def test_503_forever_gives_up(server, fetcher) -> None:
    with pytest.raises(BadStatusError) as info:
        fetcher.fetch(server.base + "/503-always")
    assert info.value.status == 503 and info.value.attempts == 3


def test_404_is_not_retried(server, fetcher) -> None:
    with pytest.raises(BadStatusError) as info:
        fetcher.fetch(server.base + "/gone")
    assert info.value.status == 404 and info.value.attempts == 1 and server.hits["/gone"] == 1


def test_redirect_loop(server, fetcher) -> None:
    with pytest.raises(FetchError, match="redirects"):
        fetcher.fetch(server.base + "/loop")


def test_redirect_to_file_is_refused(server, fetcher) -> None:
    with pytest.raises(BlockedError, match="file"):
        fetcher.fetch(server.base + "/to-file")


def test_gzip_bomb_stops_at_the_limit(server, fetcher) -> None:
    with pytest.raises(ResponseTooLargeError):
        fetcher.fetch(server.base + "/bomb")


def test_fifty_megabyte_body_stops_at_the_limit(server, fetcher) -> None:
    with pytest.raises(ResponseTooLargeError) as info:
        fetcher.fetch(server.base + "/big")
    assert info.value.attempts == 1


def test_wrong_content_type(server, fetcher) -> None:
    with pytest.raises(ContentTypeError, match="image/png"):
        fetcher.fetch(server.base + "/image")


def test_invalid_charset_still_decodes(server, fetcher) -> None:
    art = fetcher.extract_url(server.base + "/bad-charset")
    assert art.title == "Fault server article"


def test_robots_txt_is_honoured(server, fetcher) -> None:
    with pytest.raises(BlockedError, match="robots"):
        fetcher.fetch(server.base + "/private/page")
    with Fetcher(FetchConfig(respect_robots=False, per_host_delay=0)) as rude:
        assert rude.fetch(server.base + "/private/page").status == 200


def test_private_address_guard(server) -> None:
    with Fetcher(FetchConfig(block_private=True)) as guarded:
        with pytest.raises(BlockedError, match="non-public"):
            guarded.fetch(server.base + "/ok")


def test_non_http_scheme_refused(fetcher) -> None:
    with pytest.raises(BlockedError):
        fetcher.fetch("ftp://example.com/x")


def test_fetch_many_loses_nothing(server, fetcher) -> None:
    urls = [server.base + p for p in ("/ok", "/gone", "/image", "/redirect-ok")]
    results = list(fetcher.fetch_many(urls))
    assert len(results) == 4
    assert sorted(type(r).__name__ for r in results) == [
        "BadStatusError",
        "ContentTypeError",
        "FetchResult",
        "FetchResult",
    ]


def test_per_host_delay_spaces_requests(server) -> None:
    with Fetcher(FetchConfig(per_host_delay=0.3, respect_robots=False)) as polite:
        start = time.monotonic()
        list(polite.fetch_many([server.base + "/ok"] * 4))
        assert time.monotonic() - start >= 0.85  # three gaps of 0.3 s


def test_cli_fetches_urls(server) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "newsextract", "extract", server.base + "/ok", server.base + "/gone"],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert b"Fault server article" in proc.stdout
    assert b"BadStatusError: HTTP 404" in proc.stderr


def test_public_extract_url(server) -> None:
    assert newsextract.extract_url(server.base + "/ok").title == "Fault server article"
