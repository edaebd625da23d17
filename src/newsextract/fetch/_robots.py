"""robots.txt per host, fetched once and cached, parsed with Protego."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
from protego import Protego

__all__ = ["RobotsCache"]

log = logging.getLogger(__name__)

# Larger robots.txt files are cut here (Google reads 500 KiB).
MAX_ROBOTS_BYTES = 512 * 1024
ROBOTS_TIMEOUT = 10.0


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
            response = await self._client_for(origin).get(
                f"{origin}/robots.txt", follow_redirects=True, timeout=ROBOTS_TIMEOUT
            )
        except httpx.HTTPError as exc:
            log.warning("robots.txt of %s unreachable (%s); fetching as allowed", origin, exc)
            return None
        if response.status_code >= 400:
            if response.status_code >= 500:
                log.warning("robots.txt of %s answered %d; fetching as allowed", origin, response.status_code)
            return None
        return Protego.parse(response.content[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"))
