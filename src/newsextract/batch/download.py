"""The pages of URL lists (and of JSONL lines that carry only a URL), downloaded in the parent.

One process downloads them all, which is what keeps the fetcher's per-host politeness; the
fetcher runs them concurrently, and the Items come out in input order as their downloads
complete. Other Items pass through untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import NewsExtractError
from ..limits import MAX_INPUT_BYTES
from .sources import Item

__all__ = ["URL_BATCH", "downloaded"]

# URLs handed to the fetcher at a time: its concurrency works within one batch.
URL_BATCH = 64


def downloaded(
    items: Iterator[Item], fetch_config: Any = None, max_bytes: int = MAX_INPUT_BYTES
) -> Iterator[Item]:
    """``items`` with every Item that asks to be fetched downloaded (its page, or its error), by
    a Fetcher with ``fetch_config`` (None: the defaults, bodies up to ``max_bytes``)."""
    fetcher = None
    pending: list[Item] = []

    def flush() -> Iterator[Item]:
        nonlocal fetcher
        if fetcher is None:
            from ..fetch import FetchConfig, Fetcher

            fetcher = Fetcher(fetch_config or FetchConfig(max_bytes=max_bytes))
        results: dict[str, Any] = {}
        head = 0
        for result in fetcher.fetch_many(dict.fromkeys(it.url or "" for it in pending)):
            results[getattr(result, "url", None) or ""] = result
            while head < len(pending) and (pending[head].url or "") in results:
                yield _filled(pending[head], results[pending[head].url or ""])
                head += 1
        pending.clear()

    try:
        for item in items:
            if item.extra.get("fetch"):
                pending.append(item)
                if len(pending) >= URL_BATCH:
                    yield from flush()
            else:
                if pending:
                    yield from flush()
                yield item
        if pending:
            yield from flush()
    finally:
        if fetcher is not None:
            fetcher.close()


def _filled(item: Item, result: Any) -> Item:
    if isinstance(result, NewsExtractError):
        item.error = (result.kind, result.message)
    else:
        item.url, item.data, item.encoding = result.final_url, result.content, result.encoding
        item.fetched_at = result.fetched_at
    return item
