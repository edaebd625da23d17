"""Fetcher: the synchronous face of AsyncFetcher (same configuration, same behaviour).

It runs one AsyncFetcher on a private event loop in a daemon thread, so it works from plain
scripts and from code that already runs an event loop in another thread, and keeps its
connection pool between calls.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator
from typing import Any, TypeVar

import httpx

from ..errors import FetchError
from ._async import AsyncFetcher, FetchResult
from ._config import FetchConfig
from ._guard import Resolver

__all__ = ["Fetcher"]

T = TypeVar("T")
_Self = TypeVar("_Self", bound="Fetcher")  # `with` gives the subclass a caller built (newsextract.Fetcher)


class Fetcher:
    """Synchronous fetcher. Use as ``with Fetcher() as f: f.fetch(url)``."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="newsextract-fetcher", daemon=True
        )
        self._thread.start()
        self._async: AsyncFetcher = self._run(_make(config, transport, resolver))
        self.config = self._async.config

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._run(self._async.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def fetch(self, url: str, *, accept: Iterable[str] | None = None) -> FetchResult:
        """Download one page (see AsyncFetcher.fetch)."""
        return self._run(self._async.fetch(url, accept=accept))

    def stream(self, url: str, offset: int = 0) -> Iterator[bytes]:
        """The bytes of ``url`` from byte ``offset`` on, as they arrive (see AsyncFetcher.stream).
        Stopping early closes the request."""
        yield from self._iterate(self._async.stream(url, offset))

    def fetch_many(self, urls: Iterable[str]) -> Iterator[FetchResult | FetchError]:
        """Results in completion order, one per URL (a FetchError for each failure)."""
        yield from self._iterate(self._async.fetch_many(urls))

    def run_iter(self, make: Callable[[AsyncFetcher], AsyncIterator[T]]) -> Iterator[T]:
        """The items of ``make(async_fetcher)``, an async iterator over this fetcher's own
        AsyncFetcher, run on its loop: how the layers above fetching (discovery, extraction)
        stream through a synchronous Fetcher. Stopping early closes the iterator on that loop."""
        yield from self._iterate(make(self._async))

    def _iterate(self, agen: Any) -> Iterator[Any]:
        try:
            while True:
                try:
                    yield self._run(agen.__anext__())
                except StopAsyncIteration:
                    return
        finally:  # a caller that stops early: the generator is closed on its own loop, not by GC
            if self._loop.is_running():
                self._run(agen.aclose())


async def _make(
    config: FetchConfig | None, transport: httpx.AsyncBaseTransport | None, resolver: Resolver | None
) -> AsyncFetcher:
    return AsyncFetcher(config, transport=transport, resolver=resolver)  # built on the fetcher's own loop
