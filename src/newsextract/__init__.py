"""newsextract: news article pages -> clean structured records.

>>> import newsextract
>>> art = newsextract.extract(html, url="https://www.example.com/news/1")  # doctest: +SKIP
>>> art.title, art.published, art.body[0]                                   # doctest: +SKIP
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import (
    BadStatusError,
    BlockedError,
    ContentTypeError,
    ExtractionError,
    FetchError,
    InputTooLargeError,
    MissingFieldError,
    NewsExtractError,
    NotAnArticleError,
    ParseError,
    ResponseTooLargeError,
    UnsupportedURLError,
)
from .extractors import Field, SiteExtractor, attr, jsonld, meta, register
from .pipeline import extract
from .record import SCHEMA, Article, Image, Quote, json_schema

if TYPE_CHECKING:
    from .fetch import DiscoveredURL, FetchConfig

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Article",
    "BadStatusError",
    "BlockedError",
    "ContentTypeError",
    "ExtractionError",
    "FetchError",
    "Field",
    "Image",
    "InputTooLargeError",
    "MissingFieldError",
    "NewsExtractError",
    "NotAnArticleError",
    "ParseError",
    "Quote",
    "ResponseTooLargeError",
    "SiteExtractor",
    "UnsupportedURLError",
    "__version__",
    "attr",
    "discover",
    "example_page",
    "extract",
    "extract_url",
    "json_schema",
    "jsonld",
    "meta",
    "register",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

EXAMPLE_URL = "https://www.pravda.com.ua/eng/news/2031/03/14/7990001/"


def extract_url(url: str, *, site_rules: bool = True) -> Article:
    """Fetch one page politely (see ``newsextract.fetch``) and extract it."""
    from .fetch import extract_url as _extract_url  # httpx client set-up only when used

    return _extract_url(url, site_rules=site_rules)


def discover(
    site: str,
    *,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    limit: int | None = None,
    any_host: bool = False,
    config: FetchConfig | None = None,
) -> list[DiscoveredURL]:
    """A site's article URLs from its robots.txt sitemaps, sitemap indexes, news sitemaps and
    RSS / Atom / RDF feeds (``site``: a home page, or a sitemap or feed URL), each URL once.

    since, until: inclusive bounds (date, datetime or ISO text) on the publication date, else the
    modification date; undated entries are left out when a bound is given. limit: at most this
    many. any_host: keep URLs of other sites. Fetched politely (``newsextract.fetch``); see
    AsyncFetcher.discover, and ``newsextract.fetch.adiscover`` for asyncio.
    """
    from .fetch import discover as _discover  # httpx and the XML reader only when used

    return _discover(site, since=since, until=until, limit=limit, any_host=any_host, config=config)


def example_page() -> tuple[Path, str]:
    """The example page shipped with the package (invented text) and the URL it stands for."""
    return Path(__file__).parent / "examples" / "up-eng-news.html", EXAMPLE_URL


for _name in __all__:
    _obj = globals().get(_name)
    if isinstance(_obj, type) or callable(_obj):
        try:
            _obj.__module__ = __name__
        except (AttributeError, TypeError):
            pass
