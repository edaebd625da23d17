"""AsyncFetcher: httpx + tenacity, with per-host politeness, robots.txt and hard limits.

One request goes: scheme check -> robots.txt -> global and per-host slots (with the host's
minimum delay) -> GET with redirects followed by hand (each hop checked: http(s) only, private
addresses refused when asked) -> status, content type and size checks while the body streams.
Timeouts, connection resets, 408, 429 and 5xx are retried with exponential backoff and full
jitter, or after the server's Retry-After; everything ends in a FetchResult or a FetchError.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import zlib
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
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
    NewsExtractError,
    ResponseTooLargeError,
)
from ..record import Article
from ._config import FetchConfig
from ._decode import Decompressor
from ._guard import PrivateAddressError, Resolver, guarded_transport, public_addresses, resolve
from ._robots import RobotsCache

if TYPE_CHECKING:
    from ._discover import DiscoveredURL

__all__ = ["AsyncFetcher", "FetchResult"]

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
                transport = guarded_transport(self._resolver, limits=limits)
            client = self._clients[origin] = httpx.AsyncClient(
                transport=transport,
                follow_redirects=False,
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

    async def __aenter__(self) -> AsyncFetcher:
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
    async def fetch(self, url: str) -> FetchResult:
        """Download one page, or raise a FetchError subclass carrying url, status and attempts."""
        _check_scheme(url, url)
        attempts = 0
        retrying = AsyncRetrying(
            stop=_stop(self.config),
            wait=self._wait,
            retry=retry_if_exception_type(_Retry),
            reraise=True,
        )
        deadline = self.config.total_timeout
        try:
            # One wall-clock deadline over robots.txt, connects, headers, bodies, retries and
            # their sleeps: a server trickling a byte a second cannot hold a URL for hours.
            async with asyncio.timeout(deadline):
                async for attempt in retrying:
                    with attempt:
                        attempts = attempt.retry_state.attempt_number
                        return await self._attempt(url, attempts)
        except TimeoutError as exc:
            raise FetchError(
                f"gave up after {deadline:g} s (total_timeout)", url=url, attempts=attempts
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

    async def extract_url(self, url: str, *, site_rules: bool = True) -> Article:
        """Fetch and extract one page; the final URL and the fetch time go into the record."""
        from ..pipeline import extract

        result = await self.fetch(url)
        return extract(
            result.content,
            result.final_url,
            fetched_at=result.fetched_at,
            site_rules=site_rules,
            encoding=result.encoding,
        )

    async def extract_urls(
        self, urls: Iterable[str], *, site_rules: bool = True
    ) -> AsyncIterator[tuple[str, Article | NewsExtractError]]:
        """``(url, Article or the error)`` for every URL, as downloads complete."""
        from ..pipeline import extract

        async for item in self.fetch_many(urls):
            if isinstance(item, FetchError):
                yield item.url or "", item
                continue
            try:
                yield (
                    item.url,
                    extract(
                        item.content,
                        item.final_url,
                        fetched_at=item.fetched_at,
                        site_rules=site_rules,
                        encoding=item.encoding,
                    ),
                )
            except NewsExtractError as exc:
                yield item.url, exc

    async def robots_sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` URLs in the robots.txt of ``url``'s host (read once, cached with its
        rules; an unreadable robots.txt names none). BlockedError for a refused scheme or, with
        ``block_private``, a private address."""
        _check_scheme(url, url)
        if self.config.block_private:
            await _check_public(urlsplit(url).hostname or "", url, self._resolver)
        robots = await self._robots.get(url)
        if robots is None:
            return []
        return [urljoin(urljoin(url, "/robots.txt"), s.strip()) for s in robots.sitemaps if s.strip()]

    def discover(
        self,
        site: str,
        *,
        since: date | datetime | str | None = None,
        until: date | datetime | str | None = None,
        limit: int | None = None,
        any_host: bool = False,
    ) -> AsyncIterator[DiscoveredURL]:
        """A site's article URLs, as its sitemaps and feeds are read (see ``newsextract.discover``).

        site: a home page (robots.txt sitemaps, /sitemap.xml, the page's feeds), or a sitemap,
            feed or section-page URL (that document alone, and what it leads to).
        since, until: inclusive bounds (date, datetime or ISO text). An entry is checked against
            its publication date, else its modification date (sitemap lastmod, Atom updated,
            which publication cannot follow); one with neither is left out when a bound is set.
        limit: stop (fetching too) after this many URLs. any_host: keep URLs of other sites.

        The fetcher's config must accept XML and gzip types (``discover_config(config)``).
        Raises UnsupportedURLError for a non-http(s) ``site``, ValueError for bad bounds, and a
        FetchError when nothing at all could be fetched; one failed document is only a warning.
        """
        from ._discover import discover_site

        return discover_site(self, site, since=since, until=until, limit=limit, any_host=any_host)

    # ------------------------------------------------------------------ one attempt
    async def _attempt(self, url: str, attempt: int) -> FetchResult:
        cfg = self.config
        current = url
        for _ in range(cfg.max_redirects + 1):
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
            async with self._global, self._slot(host, delay):
                response = await self._send(current, url)
                try:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = urljoin(current, response.headers["location"])
                        _check_scheme(target, url)
                        current = target
                        continue
                    return await self._read(response, url, attempt)
                finally:
                    await response.aclose()
        raise FetchError(f"more than {cfg.max_redirects} redirects", url=url)

    async def _send(self, current: str, url: str) -> httpx.Response:
        try:
            client = self._client_for(current)
            return await client.send(client.build_request("GET", current), stream=True)
        except httpx.TimeoutException as exc:
            raise _Retry(_chain(FetchError(f"timed out: {type(exc).__name__}", url=url), exc)) from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Retry(
                _chain(FetchError(f"connection failed: {exc or type(exc).__name__}", url=url), exc)
            ) from exc
        except PrivateAddressError as exc:
            raise _chain(BlockedError(str(exc), url=url), exc) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise _chain(BlockedError(f"not a fetchable URL: {exc}", url=url), exc) from exc
        except httpx.HTTPError as exc:
            raise _chain(FetchError(f"{type(exc).__name__}: {exc}", url=url), exc) from exc

    async def _read(self, response: httpx.Response, url: str, attempt: int) -> FetchResult:
        cfg = self.config
        status = response.status_code
        if status >= 400:
            error = BadStatusError(f"HTTP {status}", url=url, status=status)
            if status in _RETRY_STATUS:
                retry_after = _retry_after(response.headers.get("retry-after"))
                if retry_after is not None and retry_after > cfg.max_retry_after:
                    raise error  # asked to come back later than we are willing to wait
                raise _Retry(error, retry_after)
            raise error
        content_type = response.headers.get("content-type", "")
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime and mime not in cfg.accept_content_types:
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


def _stop(cfg: FetchConfig):  # type: ignore[no-untyped-def]
    stop = stop_after_attempt(cfg.max_attempts)
    return stop | stop_after_delay(cfg.total_timeout) if cfg.total_timeout else stop


def _chain(error: FetchError, cause: BaseException) -> FetchError:
    error.__cause__ = cause
    return error


def _check_scheme(target: str, url: str) -> None:
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedError(
            f"refused: {scheme or 'no'} scheme in {target[:80]!r} (http and https only)", url=url
        )


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
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
