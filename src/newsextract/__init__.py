"""newsextract: news article pages -> clean structured records.

>>> import newsextract
>>> art = newsextract.extract(html, url="https://www.example.com/news/1")  # doctest: +SKIP
>>> art.title, art.published, art.body[0]                                   # doctest: +SKIP
"""

from __future__ import annotations

import logging
from pathlib import Path

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
