"""robots.txt per host, fetched once and cached, parsed with Protego."""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from ._decode import Decompressor
from ._guard import PrivateAddressError

__all__ = ["RobotsCache"]

log = logging.getLogger(__name__)

# Larger robots.txt files are cut here (Google reads 500 KiB).
MAX_ROBOTS_BYTES = 512 * 1024
# robots.txt is read in at most this long (connect, redirects and body together).
ROBOTS_TIMEOUT = 10.0
MAX_ROBOTS_REDIRECTS = 5


class RobotsCache:
    """Protego parsers by scheme+host. 4xx means no rules; a network failure or 5xx allows too,
    but is logged: an unreachable robots.txt should not stop an archive run."""

    def __init__(self, client_for: Callable[[str], httpx.AsyncClient]) -> None:
        self._client_for = client_for
        self._cache: dict[str, Protego | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def get(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key in self._cache:
            return self._cache[key]
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._cache:
                self._cache[key] = await self._load(key)
        return self._cache[key]

    async def _load(self, origin: str) -> Protego | None:
        try:
            async with asyncio.timeout(ROBOTS_TIMEOUT):
                status, content = await self._read(f"{origin}/robots.txt")
        except (httpx.HTTPError, PrivateAddressError, zlib.error, TimeoutError) as exc:
            log.warning(
                "robots.txt of %s unreadable (%s); fetching as allowed", origin, exc or type(exc).__name__
            )
            return None
        if status >= 400:
            if status >= 500:
                log.warning("robots.txt of %s answered %d; fetching as allowed", origin, status)
            return None
        return Protego.parse(content.decode("utf-8", errors="replace"))

    async def _read(self, url: str) -> tuple[int, bytes]:
        """Status and at most MAX_ROBOTS_BYTES of the (decompressed) body. Redirects are followed
        through the same client: with block_private its transport checks every hop's address."""
        client = self._client_for(url)
        for _ in range(MAX_ROBOTS_REDIRECTS + 1):
            async with client.stream("GET", url) as response:
                if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                    target = urljoin(url, response.headers["location"])
                    if urlsplit(target).scheme.lower() not in ("http", "https"):
                        return 404, b""  # nothing fetchable: no rules
                    url = target
                    client = self._client_for(url)
                    continue
                decoder = Decompressor(response.headers.get("content-encoding", ""))
                parts: list[bytes] = []
                size = 0
                async for raw in response.aiter_raw():
                    for chunk in decoder.feed(raw, MAX_ROBOTS_BYTES - size):
                        parts.append(chunk)
                        size += len(chunk)
                    if size >= MAX_ROBOTS_BYTES:
                        break  # cut, as Google does; the rest is never read
                return response.status_code, b"".join(parts)[:MAX_ROBOTS_BYTES]
        return 404, b""  # a redirect loop: no rules
