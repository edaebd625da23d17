"""newsextract: news article pages -> clean structured records.

>>> import newsextract
>>> art = newsextract.extract(html, url="https://www.example.com/news/1")  # doctest: +SKIP
>>> art.title, art.published, art.body[0]                                   # doctest: +SKIP
"""

from __future__ import annotations

import logging
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._explain import Explanation, FieldCandidate, TracedBlock, explain
from ._version import __version__
from .discover import DiscoveredURL, adiscover, ccnews_warcs, discover
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
from .extractors.base import Candidate
from .pipeline import extract
from .record import SCHEMA, Article, Image, Link, Quote, json_schema
from .render import to_markdown, to_text

if TYPE_CHECKING:
    from ._facade import AsyncFetcher, Fetcher, aextract_url, aextract_urls, extract_url, extract_urls
    from .fetch import FetchConfig, FetchResult

__all__ = [
    "SCHEMA",
    "Article",
    "AsyncFetcher",
    "BadStatusError",
    "BlockedError",
    "Candidate",
    "ContentTypeError",
    "DiscoveredURL",
    "Explanation",
    "ExtractionError",
    "FetchConfig",
    "FetchError",
    "FetchResult",
    "Fetcher",
    "Field",
    "FieldCandidate",
    "Image",
    "InputTooLargeError",
    "Link",
    "MissingFieldError",
    "NewsExtractError",
    "NotAnArticleError",
    "ParseError",
    "Quote",
    "ResponseTooLargeError",
    "SiteExtractor",
    "TracedBlock",
    "UnsupportedURLError",
    "__version__",
    "adiscover",
    "aextract_url",
    "aextract_urls",
    "attr",
    "ccnews_warcs",
    "discover",
    "example_page",
    "explain",
    "extract",
    "extract_url",
    "extract_urls",
    "json_schema",
    "jsonld",
    "meta",
    "register",
    "to_markdown",
    "to_text",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_EXAMPLE_URL = "https://www.pravda.com.ua/eng/news/2031/03/14/7990001/"

# Names whose modules load httpx (the fetchers and the facade over them): imported on first use,
# so `import newsextract` for extraction alone stays light.
_LAZY = {
    "AsyncFetcher": "._facade",
    "Fetcher": "._facade",
    "aextract_url": "._facade",
    "aextract_urls": "._facade",
    "extract_url": "._facade",
    "extract_urls": "._facade",
    "FetchConfig": ".fetch",
    "FetchResult": ".fetch",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    if name not in ("FetchConfig", "FetchResult"):  # the fetch package's own names stay its own
        value.__module__ = __name__
    globals()[name] = value
    return value


def example_page() -> tuple[Path, str]:
    """The example page shipped with the package (invented text) and the URL it stands for."""
    return Path(__file__).parent / "examples" / "up-eng-news.html", _EXAMPLE_URL


for _name in __all__:
    _obj = globals().get(_name)
    if isinstance(_obj, type) or callable(_obj):
        try:
            _obj.__module__ = __name__
        except (AttributeError, TypeError):
            pass
