"""Fetchers: polite, resilient downloading of article pages (httpx + tenacity).

>>> from newsextract.fetch import Fetcher, FetchConfig
>>> with Fetcher(FetchConfig(per_host_delay=2.0)) as f:          # doctest: +SKIP
...     article = f.extract_url("https://www.pravda.com.ua/eng/news/2024/07/12/7465312/")
>>> from newsextract.fetch import discover
>>> for found in discover("https://www.pravda.com.ua/", since="2024-07-01"):  # doctest: +SKIP
...     print(found.url, found.published)
"""

from __future__ import annotations

from ..record import Article
from ._async import AsyncFetcher, FetchResult
from ._config import DEFAULT_USER_AGENT, FetchConfig
from ._discover import DiscoveredURL, adiscover, discover, discover_config, parse_bound
from ._sync import Fetcher

__all__ = [
    "DEFAULT_USER_AGENT",
    "AsyncFetcher",
    "DiscoveredURL",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "adiscover",
    "discover",
    "discover_config",
    "extract_url",
    "parse_bound",
]


def extract_url(url: str, *, site_rules: bool = True, config: FetchConfig | None = None) -> Article:
    """Fetch one page with a short-lived Fetcher and extract it."""
    with Fetcher(config) as fetcher:
        return fetcher.extract_url(url, site_rules=site_rules)
