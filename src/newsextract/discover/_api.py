"""discover / adiscover: one site's article URLs with a short-lived fetcher of its own."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ._model import DiscoveredURL, DiscoverOptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..fetch import FetchConfig

__all__ = ["adiscover", "discover", "discover_config"]


def discover(
    site: str,
    *,
    config: FetchConfig | None = None,
    **options: Unpack[DiscoverOptions],
) -> list[DiscoveredURL]:
    """A site's article URLs from its robots.txt sitemaps, sitemap indexes, news sitemaps and
    RSS / Atom / RDF feeds (``site``: a home page, or a sitemap, feed or section-page URL), each
    URL once, its listings merged (a date, title or language from any of them); a page that
    leads to no sitemap or feed gives the article links it shows.

    The keywords (since, until, limit, any_host, sitemap_hosts, include_disallowed) are those of
    ``DiscoverOptions``. Fetched politely (``newsextract.fetch``); raises
    FetchError when nothing at all could be fetched, UnsupportedURLError for a URL that is not
    http(s). ``newsextract.adiscover`` is the asyncio twin; ``Fetcher.discover`` streams.
    """
    # The fetch stack (httpx) and the XML readers load on first use: `import newsextract` stays light.
    from ..fetch import Fetcher
    from ._crawl import CrawlPlan, discover_site

    plan = CrawlPlan.of(**options)
    with Fetcher(config) as fetcher:
        return list(fetcher.run_iter(lambda client: discover_site(client, site, plan)))


async def adiscover(
    site: str,
    *,
    config: FetchConfig | None = None,
    **options: Unpack[DiscoverOptions],
) -> list[DiscoveredURL]:
    """The asyncio twin of ``discover``, with a short-lived AsyncFetcher."""
    from ..fetch import AsyncFetcher
    from ._crawl import CrawlPlan, discover_site

    plan = CrawlPlan.of(**options)
    async with AsyncFetcher(config) as fetcher:
        return [item async for item in discover_site(fetcher, site, plan)]


def discover_config(config: FetchConfig | None = None) -> FetchConfig:
    """``config`` (or the default) that also accepts sitemaps, feeds and gzip files as pages.

    Discovery needs none of it (it asks for those types per request); this is for callers who
    fetch such documents themselves.
    """
    from ..fetch import FetchConfig
    from ._crawl import DISCOVER_CONTENT_TYPES

    config = config or FetchConfig()
    extra = tuple(t for t in DISCOVER_CONTENT_TYPES if t not in config.accept_content_types)
    return replace(config, accept_content_types=config.accept_content_types + extra)
