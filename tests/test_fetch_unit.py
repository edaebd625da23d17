"""Fetcher units with respx: retry policy, headers, charset hand-off, Retry-After parsing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest
import respx

from newsextract import BadStatusError, Fetcher, FetchError, ResponseTooLargeError
from newsextract.fetch import DEFAULT_USER_AGENT, FetchConfig
from newsextract.fetch._async import _retry_after

CFG = FetchConfig(
    max_attempts=3, backoff_base=0.001, backoff_max=0.01, per_host_delay=0, respect_robots=False
)
URL = "https://news.example/story/1"
PAGE = (
    "<html><body><article><h1>Заголовок</h1>"
    + "<p>Київ вітає весну, і це довгий абзац тексту статті.</p>" * 6
    + "</article></body></html>"
)


@pytest.fixture
def mock():
    with respx.mock(assert_all_called=False) as router:
        yield router


def test_default_user_agent_names_the_project(mock) -> None:
    route = mock.get(URL).respond(200, html=PAGE)
    with Fetcher(CFG) as f:
        f.fetch(URL)
    assert route.calls.last.request.headers["user-agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("newsextract/")


def test_5xx_is_retried_then_succeeds(mock) -> None:
    mock.get(URL).mock(side_effect=[httpx.Response(502), httpx.Response(500), httpx.Response(200, html=PAGE)])
    with Fetcher(CFG) as f:
        assert f.fetch(URL).attempts == 3


def test_timeout_is_retried_and_typed(mock) -> None:
    route = mock.get(URL).mock(side_effect=httpx.ConnectTimeout("slow"))
    with Fetcher(CFG) as f, pytest.raises(FetchError) as info:
        f.fetch(URL)
    assert route.call_count == 3 and info.value.attempts == 3
    assert isinstance(info.value.__cause__, httpx.ConnectTimeout)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_client_errors_are_not_retried(mock, status: int) -> None:
    route = mock.get(URL).respond(status)
    with Fetcher(CFG) as f, pytest.raises(BadStatusError):
        f.fetch(URL)
    assert route.call_count == 1


def test_declared_length_over_limit_fails_before_reading(mock) -> None:
    mock.get(URL).respond(
        200, headers={"Content-Type": "text/html", "Content-Length": str(50 * 1024 * 1024)}, content=b"x"
    )
    with Fetcher(CFG) as f, pytest.raises(ResponseTooLargeError):
        f.fetch(URL)


def test_http_charset_reaches_decoding(mock) -> None:
    mock.get(URL).respond(
        200, headers={"Content-Type": "text/html; charset=windows-1251"}, content=PAGE.encode("cp1251")
    )
    with Fetcher(CFG) as f:
        art = f.extract_url(URL)
    assert art.title == "Заголовок" and art.url == URL and art.body[0].startswith("Київ")


def test_retry_after_forms() -> None:
    assert _retry_after("7") == 7.0
    later = datetime.now(timezone.utc) + timedelta(seconds=30)
    assert 25 <= (_retry_after(format_datetime(later, usegmt=True)) or 0) <= 31
    assert _retry_after("soon") is None
    assert _retry_after(None) is None


def test_bad_config_is_refused() -> None:
    with pytest.raises(ValueError):
        FetchConfig(max_attempts=0)


def test_unrequested_content_encoding_is_a_clear_error(mock) -> None:
    mock.get(URL).respond(
        200, headers={"Content-Type": "text/html", "Content-Encoding": "br"}, content=b"\x1b\x00"
    )
    with Fetcher(CFG) as f, pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        f.fetch(URL)


def test_plain_text_is_not_html(mock) -> None:
    from newsextract import ContentTypeError

    mock.get(URL).respond(200, headers={"Content-Type": "text/plain"}, content=b"hello")
    with Fetcher(CFG) as f, pytest.raises(ContentTypeError):
        f.fetch(URL)


@pytest.mark.parametrize("value", ["²", "1²", "٣", "nonsense"])
def test_retry_after_that_is_not_ascii_seconds_or_a_date_is_ignored(value: str) -> None:
    assert _retry_after(value) is None
