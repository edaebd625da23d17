"""Site discovery: a site's article URLs from its robots.txt, sitemaps, news sitemaps and feeds,
fetched through ``newsextract.fetch``.

>>> from newsextract.discover import discover
>>> for found in discover("https://www.pravda.com.ua/", since="2024-07-01"):  # doctest: +SKIP
...     print(found.url, found.published)

Modules by job: ``_urls`` (one spelling per URL), ``_window`` (dates and the since/until window),
``_sitemaps`` and ``_feeds`` (the readers), ``_listing`` (a document -> a Listing), ``_crawl``
(the crawl plan of one site), ``_api`` (discover / adiscover with a fetcher of their own),
``_ccnews`` (the CC-NEWS archives of a period, from Common Crawl's monthly listings).
Importing this package loads neither httpx nor the XML reader; they load on first use.
"""

from __future__ import annotations

from ._api import adiscover, discover, discover_config
from ._ccnews import CCNEWS_BASE, ccnews_period, ccnews_warcs
from ._model import DiscoveredURL
from ._urls import normalize_url
from ._window import DateWindow, parse_bound

__all__ = [
    "CCNEWS_BASE",
    "DateWindow",
    "DiscoveredURL",
    "adiscover",
    "ccnews_period",
    "ccnews_warcs",
    "discover",
    "discover_config",
    "normalize_url",
    "parse_bound",
]
