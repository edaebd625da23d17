"""AsyncFetcher: httpx + tenacity, with per-host politeness, robots.txt and hard limits.

One request goes: URL check (http(s), a host, a valid port) -> robots.txt -> global and
per-host slots (with the host's minimum delay) -> GET with redirects followed by hand (each hop
checked like the URL; private addresses refused when asked) -> status, content type and size
checks while the body streams. Timeouts, connection resets, 408, 429 and 5xx are retried with
exponential backoff and full jitter, or after the server's Retry-After; a malformed URL or
redirect target is final at once (BlockedError); everything ends in a FetchResult or a
FetchError. No cookies are kept unless ``max_cookies`` asks for a few; a connection whose
response overran its length is closed.

``stream(url, offset)`` is the same request for an archive: its bytes from ``offset`` on (an
HTTP Range request), handed out as they arrive and never held whole, so ``max_bytes`` does not
apply; whoever reads them knows where a broken stream may start again.

This package turns URLs into FetchResults and byte streams, and nothing else: extraction and
discovery live above it (``newsextract._facade``, ``newsextract.discover``).
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from http.cookiejar import Cookie, CookieJar
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
)

from ..errors import (
    BadStatusError,
    BlockedError,
    ContentTypeError,
    FetchError,
    ResponseTooLargeError,
)
from ._config import FetchConfig
from ._decode import Decompressor
from ._guard import PrivateAddressError, Resolver, guarded_transport, public_addresses, resolve
from ._robots import RobotsCache
from ._wire import close_if_overrun

__all__ = ["AsyncFetcher", "FetchResult"]

# `async with` gives the subclass a caller built (newsextract.AsyncFetcher, which also extracts).
_Self = TypeVar("_Self", bound="AsyncFetcher")
T = TypeVar("T")

log = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A downloaded page: bytes as sent (decompressed), and what the response said about them."""

    url: str
    final_url: str
    status: int
    content: bytes
    encoding: str | None
    content_type: str | None
    fetched_at: datetime
    attempts: int


class _Retry(Exception):
    """A failure worth another attempt; carries the error to raise if attempts run out."""

    def __init__(self, error: FetchError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


class _Host:
    """Politeness state of one host: a concurrency slot and the time of the last request start."""

    __slots__ = ("slots", "lock", "next_start", "in_flight", "peak")

    def __init__(self, concurrency: int) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.lock = asyncio.Lock()
        self.next_start = 0.0
        self.in_flight = 0
        self.peak = 0


class AsyncFetcher:
    """Downloads pages politely. Use as ``async with AsyncFetcher() as f: await f.fetch(url)``.

    transport: an httpx transport (tests pass a mock); the default is httpx's own, or with
        ``block_private`` one that connects only to the public address it resolved and checked.
    resolver: ``async (host, port) -> [address, ...]`` for that transport (the system's by default).
    """

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.config = config or FetchConfig()
        cfg = self.config
        self._transport = transport
        self._resolver = resolver or resolve
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._global = asyncio.Semaphore(cfg.global_concurrency)
        self._hosts: dict[str, _Host] = {}
        self._robots = RobotsCache(self._client_for)

    def _client_for(self, url: str) -> httpx.AsyncClient:
        """One small connection pool per origin: httpcore scans its whole pool on every request,
        so one pool of a few connections per host stays cheap where one big shared pool does not."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        client = self._clients.get(origin)
        if client is None:
            cfg = self.config
            limits = httpx.Limits(
                max_connections=cfg.per_host_concurrency + 1,
                max_keepalive_connections=cfg.per_host_concurrency + 1,
            )
            transport = self._transport
            if transport is None and cfg.block_private:
                transport = guarded_transport(self._resolver, limits=limits, verify=_tls_context())
            client = self._clients[origin] = httpx.AsyncClient(
                transport=transport,
                verify=_tls_context(),
                cookies=_BoundedJar(cfg.max_cookies),
                follow_redirects=False,
                event_hooks={"response": [_check_location]},
                timeout=httpx.Timeout(
                    connect=cfg.connect_timeout,
                    read=cfg.read_timeout,
                    write=cfg.write_timeout,
                    pool=cfg.pool_timeout,
                ),
                limits=limits,
                headers={
                    "User-Agent": cfg.user_agent,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "gzip, deflate",  # decoded here, under the size limit
                },
            )
        return client

    async def __aenter__(self: _Self) -> _Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    def host_peaks(self) -> dict[str, int]:
        """Most requests ever in flight at once, per host (what the benchmark checks)."""
        return {host: state.peak for host, state in self._hosts.items()}

    # ------------------------------------------------------------------ public
    async def fetch(self, url: str, *, accept: Iterable[str] | None = None) -> FetchResult:
        """Download one page, or raise a FetchError subclass carrying url, status and attempts.

        accept: the content types taken for this request instead of ``accept_content_types``
        (discovery asks for XML and gzip besides HTML).
        """
        _fetchable(url, url)
        accepted = self.config.accept_content_types if accept is None else tuple(accept)
        return await self._retried(url, lambda number: self._attempt(url, number, accepted), "gave up")

    async def _retried(self, url: str, attempt: Callable[[int], Awaitable[T]], gave_up: str) -> T:
        """``attempt(number)`` under the retry policy, within one wall-clock deadline over
        robots.txt, connects, headers, bodies, retries and their sleeps (a server trickling a byte
        a second cannot hold a URL for hours); the FetchError raised names the attempts made."""
        attempts = 0
        retrying = AsyncRetrying(
            stop=_stop(self.config),
            wait=self._wait,
            retry=retry_if_exception_type(_Retry),
            reraise=True,
        )
        deadline = self.config.total_timeout
        try:
            async with asyncio.timeout(deadline):
                async for try_ in retrying:
                    with try_:
                        attempts = try_.retry_state.attempt_number
                        return await attempt(attempts)
        except TimeoutError as exc:
            raise FetchError(
                f"{gave_up} after {deadline:g} s (total_timeout)", url=url, attempts=attempts
            ) from exc
        except _Retry as exc:
            exc.error.attempts = attempts
            raise exc.error from exc.error.__cause__
        except FetchError as exc:
            exc.attempts = attempts
            raise
        raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover

    async def fetch_many(self, urls: Iterable[str]) -> AsyncIterator[FetchResult | FetchError]:
        """Results as they complete; a failed URL yields its FetchError (nothing is dropped).

        Only a bounded number of URLs is in progress at once, so the input may be a long iterator.
        """
        pending: set[asyncio.Task[FetchResult]] = set()
        window = self.config.global_concurrency * 2
        source = iter(urls)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                try:
                    url = next(source)
                except StopIteration:
                    exhausted = True
                    break
                task = asyncio.ensure_future(self.fetch(url))
                task.url = url  # type: ignore[attr-defined]
                pending.add(task)
            if not pending:
                break
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                exc = task.exception()
                if exc is None:
                    yield task.result()
                elif isinstance(exc, FetchError):
                    yield exc
                else:
                    yield FetchError(f"{type(exc).__name__}: {exc}", url=task.url)  # type: ignore[attr-defined]

    async def robots_sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` lines in the robots.txt of ``url``'s host as written (relative ones
        resolve against that robots.txt; a line may be no URL at all: the caller judges). Read
        once, cached with its rules; an unreadable robots.txt names none. BlockedError for a URL
        that is not fetchable or, with ``block_private``, a private address."""
        _fetchable(url, url)
        if self.config.block_private:
            await _check_public(urlsplit(url).hostname or "", url, self._resolver)
        robots = await self._robots.get(url)
        if robots is None:
            return []
        return [line.strip() for line in robots.sitemaps if line.strip()]

    async def allows(self, url: str) -> bool:
        """Whether this fetcher would request ``url`` as robots.txt goes: True when
        ``respect_robots`` is off or the host's robots.txt is unreadable (read once, cached)."""
        if not self.config.respect_robots:
            return True
        robots = await self._robots.get(url)
        return robots is None or bool(robots.can_fetch(url, self.config.user_agent))

    async def stream(self, url: str, offset: int = 0) -> AsyncIterator[bytes]:
        """The bytes of ``url`` from byte ``offset`` on, in the chunks they arrive in: for
        archives, which are read as they stream and never held whole (``max_bytes`` does not
        apply; the caller bounds what it keeps).

        The request goes like ``fetch``'s (URL check, robots.txt, the private-address guard,
        per-host politeness, redirects), and opening it is retried the same way within
        ``total_timeout``; it holds its host slot until the stream ends or is closed. A positive
        ``offset`` is asked for with ``Range: bytes=offset-``: a server that answers 206 sends
        from there; one that ignores ranges (200) sends the whole resource, whose first
        ``offset`` bytes are read and dropped here, so either way the first byte handed out is
        byte ``offset``. Bytes go as sent (``Accept-Encoding: identity``): offsets are the
        resource's own.

        Raises FetchError (or a subclass) when the stream cannot be opened, and FetchError with
        the byte it reached when the connection is lost or stalls past ``read_timeout``
        midway: the caller decides where to start again.
        """
        _fetchable(url, url)
        if offset < 0:
            raise ValueError(f"offset must be 0 or more, not {offset}")
        headers = {"Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        async with AsyncExitStack() as held:
            response = await self._open_stream(url, headers, held)
            skip = offset if response.status_code == 200 else 0
            if response.status_code == 206:
                _check_range(response, offset, url)
            position = offset - skip  # the resource's byte the next chunk starts at
            try:
                async for chunk in response.aiter_raw():
                    if skip:
                        dropped = min(skip, len(chunk))
                        skip -= dropped
                        position += dropped
                        chunk = chunk[dropped:]
                        if not chunk:
                            continue
                    position += len(chunk)
                    yield chunk
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                raise _chain(
                    FetchError(
                        f"stream broken at byte {position}: {exc or type(exc).__name__}",
                        url=url,
                        status=response.status_code,
                    ),
                    exc,
                ) from exc
            if skip:
                raise FetchError(
                    f"stream ended at byte {position}, before the asked offset {offset}",
                    url=url,
                    status=response.status_code,
                )

    async def _open_stream(self, url: str, headers: dict[str, str], held: AsyncExitStack) -> httpx.Response:
        """The response of a stream request (200 or 206), its slots and itself held by ``held``."""
        return await self._retried(
            url, lambda _: self._stream_attempt(url, headers, held), "gave up opening the stream"
        )

    async def _stream_attempt(
        self, url: str, headers: dict[str, str], held: AsyncExitStack
    ) -> httpx.Response:
        current = url
        for _ in range(self.config.max_redirects + 1):
            host, delay = await self._admit(current, url)
            async with AsyncExitStack() as attempt:
                await attempt.enter_async_context(self._global)
                await attempt.enter_async_context(self._slot(host, delay))
                response = await self._send(current, url, headers)
                attempt.push_async_callback(response.aclose)
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = _redirect_target(current, response.headers["location"], url)
                    continue
                self._check_status(response, url)
                if response.status_code not in (200, 206):
                    raise BadStatusError(
                        f"HTTP {response.status_code} for a stream", url=url, status=response.status_code
                    )
                held.push_async_exit(attempt.pop_all())  # the stream's caller holds them now
                return response
        raise FetchError(f"more than {self.config.max_redirects} redirects", url=url)

    # ------------------------------------------------------------------ one attempt
    async def _attempt(self, url: str, attempt: int, accept: tuple[str, ...]) -> FetchResult:
        cfg = self.config
        current = url
        for _ in range(cfg.max_redirects + 1):
            host, delay = await self._admit(current, url)
            async with self._global, self._slot(host, delay):
                response = await self._send(current, url)
                try:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = _redirect_target(current, response.headers["location"], url)
                        continue
                    return await self._read(response, url, attempt, accept)
                finally:
                    await response.aclose()
        raise FetchError(f"more than {cfg.max_redirects} redirects", url=url)

    async def _admit(self, current: str, url: str) -> tuple[str, float]:
        """The host of ``current`` and the delay between request starts on it, once the
        private-address guard and robots.txt let it through (BlockedError otherwise)."""
        cfg = self.config
        host = urlsplit(current).hostname or ""
        if cfg.block_private:
            await _check_public(host, url, self._resolver)
        delay = cfg.per_host_delay
        if cfg.respect_robots:
            robots = await self._robots.get(current)
            if robots is not None:
                if not robots.can_fetch(current, cfg.user_agent):
                    raise BlockedError("robots.txt disallows this URL", url=url)
                crawl_delay = robots.crawl_delay(cfg.user_agent)
                if crawl_delay:
                    delay = max(delay, float(crawl_delay))
        return host, delay

    async def _send(self, current: str, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        try:
            client = self._client_for(current)
            return await client.send(client.build_request("GET", current, headers=headers), stream=True)
        except httpx.TimeoutException as exc:
            raise _Retry(_chain(FetchError(f"timed out: {type(exc).__name__}", url=url), exc)) from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Retry(
                _chain(FetchError(f"connection failed: {exc or type(exc).__name__}", url=url), exc)
            ) from exc
        except PrivateAddressError as exc:
            raise _chain(BlockedError(str(exc), url=url), exc) from exc
        except _BadLocation as exc:
            raise _chain(BlockedError(str(exc), url=url), exc) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise _chain(BlockedError(f"not a fetchable URL: {exc}", url=url), exc) from exc
        except httpx.HTTPError as exc:
            raise _chain(FetchError(f"{type(exc).__name__}: {exc}", url=url), exc) from exc

    async def _read(
        self, response: httpx.Response, url: str, attempt: int, accept: tuple[str, ...]
    ) -> FetchResult:
        cfg = self.config
        status = response.status_code
        self._check_status(response, url)
        content_type = response.headers.get("content-type", "")
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime and mime not in accept:
            raise ContentTypeError(f"not HTML: {mime}", url=url, status=status)
        declared = response.headers.get("content-length")
        if (
            declared
            and declared.isdigit()
            and int(declared) > cfg.max_bytes
            and not response.headers.get("content-encoding")
        ):
            raise ResponseTooLargeError(
                f"body of {declared} bytes is over the {cfg.max_bytes}-byte limit", url=url, status=status
            )
        content = await self._body(response, url)
        if await close_if_overrun(response):
            log.warning("%s: the server sent bytes past the response's length; connection closed", url)
        return FetchResult(
            url=url,
            final_url=str(response.url),
            status=status,
            content=content,
            encoding=response.charset_encoding,
            content_type=mime or None,
            fetched_at=datetime.now(timezone.utc),
            attempts=attempt,
        )

    def _check_status(self, response: httpx.Response, url: str) -> None:
        """A 4xx or 5xx is a BadStatusError: 408, 429 and 5xx worth another attempt (after
        Retry-After, unless it asks for longer than ``max_retry_after``), the others final."""
        status = response.status_code
        if status >= 400:
            error = BadStatusError(f"HTTP {status}", url=url, status=status)
            if status in _RETRY_STATUS:
                retry_after = _retry_after(response.headers.get("retry-after"))
                if retry_after is not None and retry_after > self.config.max_retry_after:
                    raise error  # asked to come back later than we are willing to wait
                raise _Retry(error, retry_after)
            raise error

    async def _body(self, response: httpx.Response, url: str) -> bytes:
        """The body, decompressed by hand so the size limit holds after decompression (gzip bombs)."""
        limit = self.config.max_bytes
        parts: list[bytes] = []
        size = 0
        try:
            decoder = Decompressor(response.headers.get("content-encoding", ""))
            async for raw in response.aiter_raw():
                for chunk in decoder.feed(raw, limit - size + 1):
                    size += len(chunk)
                    if size > limit:
                        raise ResponseTooLargeError(
                            f"body over the {limit}-byte limit", url=url, status=response.status_code
                        )
                    parts.append(chunk)
            tail = decoder.flush()
            size += len(tail)
            if size > limit:
                raise ResponseTooLargeError(
                    f"body over the {limit}-byte limit", url=url, status=response.status_code
                )
            parts.append(tail)
        except httpx.TimeoutException as exc:
            raise _Retry(
                _chain(FetchError("timed out reading the body", url=url, status=response.status_code), exc)
            ) from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Retry(
                _chain(
                    FetchError(
                        f"connection lost mid-body: {exc or type(exc).__name__}",
                        url=url,
                        status=response.status_code,
                    ),
                    exc,
                )
            ) from exc
        except zlib.error as exc:
            raise _chain(
                FetchError(f"undecodable body: {exc}", url=url, status=response.status_code), exc
            ) from exc
        return b"".join(parts)

    # ------------------------------------------------------------------ politeness
    def _slot(self, host: str, delay: float) -> _HostSlot:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(self.config.per_host_concurrency)
        return _HostSlot(state, delay)

    def _wait(self, retry_state: RetryCallState) -> float:
        """Retry-After when the server gave one, else exponential backoff with full jitter."""
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, _Retry) and exc.retry_after is not None:
            return exc.retry_after
        cap = min(self.config.backoff_max, self.config.backoff_base * 2 ** (retry_state.attempt_number - 1))
        return random.uniform(0, cap)


class _HostSlot:
    """``async with``: a per-host concurrency slot, entered no sooner than the host's delay allows."""

    __slots__ = ("state", "delay")

    def __init__(self, state: _Host, delay: float) -> None:
        self.state = state
        self.delay = delay

    async def __aenter__(self) -> None:
        state = self.state
        await state.slots.acquire()
        async with state.lock:  # request starts on one host are spaced by its delay
            now = time.monotonic()
            wait = state.next_start - now
            state.next_start = max(now, state.next_start) + self.delay
        if wait > 0:
            await asyncio.sleep(wait)
        state.in_flight += 1
        state.peak = max(state.peak, state.in_flight)

    async def __aexit__(self, *exc: object) -> None:
        self.state.in_flight -= 1
        self.state.slots.release()


@cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default TLS context (certificates verified against certifi's roots), made once
    per process: each client would otherwise read the CA bundle again, tens of milliseconds
    for every new host of a crawl."""
    return httpx.create_ssl_context()


def _stop(cfg: FetchConfig):  # type: ignore[no-untyped-def]
    stop = stop_after_attempt(cfg.max_attempts)
    return stop | stop_after_delay(cfg.total_timeout) if cfg.total_timeout else stop


def _chain(error: FetchError, cause: BaseException) -> FetchError:
    error.__cause__ = cause
    return error


def _fetchable(target: str, url: str) -> str:
    """``target`` when it is an http(s) URL with a host and a valid port that httpx can send;
    else BlockedError, which is final: a malformed URL does not improve with retries."""
    try:
        parts = urlsplit(target)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        httpx.URL(target)
    except (ValueError, httpx.InvalidURL) as exc:
        raise BlockedError(f"not a URL: {target[:80]!r} ({exc})", url=url) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedError(
            f"refused: {scheme or 'no'} scheme in {target[:80]!r} (http and https only)", url=url
        )
    if not parts.hostname:
        raise BlockedError(f"not a URL: no host in {target[:80]!r}", url=url)
    return target


def _check_range(response: httpx.Response, offset: int, url: str) -> None:
    """A 206 must start where it was asked to (``Content-Range: bytes offset-...``): bytes from
    anywhere else would be read as if they were there."""
    header = response.headers.get("content-range", "")
    unit, _, spec = header.partition(" ")
    start = spec.split("-", 1)[0].strip()
    if unit.strip().lower() != "bytes" or not start.isdigit() or int(start) != offset:
        raise FetchError(
            f"asked for bytes from {offset}, the server sent Content-Range {header[:80]!r}",
            url=url,
            status=response.status_code,
        )


def _redirect_target(current: str, location: str, url: str) -> str:
    """Where a redirect leads, checked like any URL we fetch (BlockedError, final, if malformed)."""
    try:
        target = urljoin(current, location.strip())
    except ValueError as exc:  # a broken IPv6 literal in the Location
        raise BlockedError(f"redirect to a malformed URL: {location[:80]!r} ({exc})", url=url) from exc
    return _fetchable(target, url)


class _BadLocation(httpx.HTTPError):
    """A redirect whose Location is no fetchable URL (raised from inside httpx's send; an
    httpx error, so robots.txt reading, which follows redirects too, treats it as unreadable)."""


async def _check_location(response: httpx.Response) -> None:
    """Response hook: a malformed redirect target is refused here, before httpx reads it as a
    protocol error (which would be retried as if the network had failed)."""
    if response.status_code in _REDIRECTS and "location" in response.headers:
        current = str(response.request.url)
        try:
            _redirect_target(current, response.headers["location"], current)
        except BlockedError as exc:
            raise _BadLocation(exc.message) from exc


class _BoundedJar(CookieJar):
    """A cookie jar that holds at most ``limit`` cookies (0: none); a cookie that would go
    past the limit is dropped, one that replaces a held cookie is taken."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def set_cookie(self, cookie: Cookie) -> None:
        held = self._cookies.get(cookie.domain, {}).get(cookie.path, {})  # type: ignore[attr-defined]
        if cookie.name in held or len(self) < self.limit:
            super().set_cookie(cookie)


async def _check_public(host: str, url: str, resolver: Resolver) -> None:
    """Refuse hosts that resolve to loopback, private, link-local or reserved addresses early,
    with a clear error (the guarded transport enforces it again at the socket)."""
    try:
        await public_addresses(host, 0, resolver)
    except PrivateAddressError as exc:
        raise _chain(BlockedError(str(exc), url=url), exc) from exc
    except OSError as exc:
        raise _chain(FetchError(f"cannot resolve {host}: {exc}", url=url), exc) from exc


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # str.isdigit() is True for "²", which float() refuses
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):  # OverflowError: an offset of 10**19 s
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    try:
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    except OverflowError:
        return None
