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
from .discover import DiscoveredURL, adiscover, discover
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
    from ._facade import AsyncFetcher, Fetcher, aextract_url, aextract_urls, extract_url, extract_urls
    from .fetch import FetchConfig

__all__ = [
    "SCHEMA",
    "Article",
    "AsyncFetcher",
    "BadStatusError",
    "BlockedError",
    "ContentTypeError",
    "DiscoveredURL",
    "Explanation",
    "ExtractionError",
    "FetchConfig",
    "FetchError",
    "Fetcher",
    "Field",
    "FieldCandidate",
    "Image",
    "InputTooLargeError",
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
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

EXAMPLE_URL = "https://www.pravda.com.ua/eng/news/2031/03/14/7990001/"

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
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    if name != "FetchConfig":  # the fetch package's own name stays its own
        value.__module__ = __name__
    globals()[name] = value
    return value


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
