"""Where fetching meets extraction and discovery: a URL -> an Article, a site -> its URLs.

``fetch/`` turns URLs into FetchResults, ``pipeline.extract`` turns bytes into Articles and
``discover/`` lists a site's URLs through a fetcher; this module composes them and nothing else.
Fetcher and AsyncFetcher here are the fetch package's, plus ``extract_url``, ``extract_urls``
and ``discover``: subclasses, so the layers stay apart and a user holds one object.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING

from . import fetch
from .discover._crawl import CrawlPlan, discover_site
from .discover._model import DiscoveredURL, DiscoverOptions
from .errors import FetchError, NewsExtractError
from .pipeline import extract
from .record import Article

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "AsyncFetcher",
    "Fetcher",
    "aextract_url",
    "aextract_urls",
    "extract_url",
    "extract_urls",
]

Outcome = tuple[str, Article | NewsExtractError]


def _extracted(result: fetch.FetchResult, site_rules: bool) -> Article:
    """The record of a fetched page: its final URL and fetch time go into the record."""
    return extract(
        result.content,
        result.final_url,
        fetched_at=result.fetched_at,
        site_rules=site_rules,
        encoding=result.encoding,
    )


def _outcome(item: fetch.FetchResult | FetchError, site_rules: bool) -> Outcome:
    if isinstance(item, FetchError):
        return item.url or "", item
    try:
        return item.url, _extracted(item, site_rules)
    except NewsExtractError as exc:
        return item.url, exc


class AsyncFetcher(fetch.AsyncFetcher):
    """``newsextract.fetch.AsyncFetcher`` that also extracts and discovers.

    Use as ``async with AsyncFetcher() as f: await f.extract_url(url)``.
    """

    async def extract_url(self, url: str, *, site_rules: bool = True) -> Article:
        """Fetch and extract one page."""
        return _extracted(await self.fetch(url), site_rules)

    async def extract_urls(self, urls: Iterable[str], *, site_rules: bool = True) -> AsyncIterator[Outcome]:
        """``(url, Article or the error)`` for every URL, as downloads complete."""
        async for item in self.fetch_many(urls):
            yield _outcome(item, site_rules)

    def discover(
        self,
        site: str,
        **options: Unpack[DiscoverOptions],
    ) -> AsyncIterator[DiscoveredURL]:
        """A site's article URLs as its sitemaps and feeds are read (see ``newsextract.discover``)."""
        plan = CrawlPlan.of(**options)
        return discover_site(self, site, plan)


class Fetcher(fetch.Fetcher):
    """``newsextract.fetch.Fetcher`` that also extracts and discovers.

    Use as ``with Fetcher() as f: f.extract_url(url)``. Pages are extracted in the caller's
    thread; the fetcher's loop only downloads.
    """

    def extract_url(self, url: str, *, site_rules: bool = True) -> Article:
        """Fetch and extract one page."""
        return _extracted(self.fetch(url), site_rules)

    def extract_urls(self, urls: Iterable[str], *, site_rules: bool = True) -> Iterator[Outcome]:
        """``(url, Article or error)`` per URL, in completion order."""
        for item in self.fetch_many(urls):
            yield _outcome(item, site_rules)

    def discover(
        self,
        site: str,
        **options: Unpack[DiscoverOptions],
    ) -> Iterator[DiscoveredURL]:
        """A site's article URLs as they are found (see ``newsextract.discover``)."""
        plan = CrawlPlan.of(**options)
        yield from self.run_iter(lambda client: discover_site(client, site, plan))


def extract_url(url: str, *, site_rules: bool = True, config: fetch.FetchConfig | None = None) -> Article:
    """Fetch one page politely with a short-lived Fetcher and extract it."""
    with Fetcher(config) as fetcher:
        return fetcher.extract_url(url, site_rules=site_rules)


def extract_urls(
    urls: Iterable[str], *, site_rules: bool = True, config: fetch.FetchConfig | None = None
) -> Iterator[Outcome]:
    """``(url, Article or the error)`` per URL as downloads complete, with one Fetcher for all."""
    with Fetcher(config) as fetcher:
        yield from fetcher.extract_urls(urls, site_rules=site_rules)


async def aextract_url(
    url: str, *, site_rules: bool = True, config: fetch.FetchConfig | None = None
) -> Article:
    """The asyncio twin of ``extract_url``."""
    async with AsyncFetcher(config) as fetcher:
        return await fetcher.extract_url(url, site_rules=site_rules)


async def aextract_urls(
    urls: Iterable[str], *, site_rules: bool = True, config: fetch.FetchConfig | None = None
) -> AsyncIterator[Outcome]:
    """The asyncio twin of ``extract_urls``."""
    async with AsyncFetcher(config) as fetcher:
        async for outcome in fetcher.extract_urls(urls, site_rules=site_rules):
            yield outcome
