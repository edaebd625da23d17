"""Fetchers: polite, resilient downloading of pages (httpx + tenacity): URLs -> FetchResults.

>>> from newsextract.fetch import Fetcher, FetchConfig
>>> with Fetcher(FetchConfig(per_host_delay=2.0)) as f:          # doctest: +SKIP
...     result = f.fetch("https://www.pravda.com.ua/eng/news/2024/07/12/7465312/")

Extraction and discovery are built on top (``newsextract.Fetcher`` adds ``extract_url`` and
``discover``); nothing here imports them.
"""

from __future__ import annotations

from ._async import AsyncFetcher, FetchResult
from ._config import DEFAULT_USER_AGENT, FetchConfig
from ._guard import PrivateAddressError
from ._sync import Fetcher

__all__ = [
    "DEFAULT_USER_AGENT",
    "AsyncFetcher",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "PrivateAddressError",
]
