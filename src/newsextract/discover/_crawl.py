"""The crawl plan of one site: which documents are fetched, in which order, and what of them
is kept.

One site goes: robots.txt ``Sitemap:`` lines (else ``/sitemap.xml``) and the home page's
``<link rel=alternate>`` feeds (usual feed paths only when all that gave nothing) -> each document
fetched through the AsyncFetcher (robots.txt, politeness, size limits, the private-address guard),
gunzipped when gzip (bounded), parsed -> sitemap indexes followed depth-first, newest child first,
children modified before ``since`` never fetched -> entries normalised, kept on the site, filtered
by date, each URL once (first seen wins) -> DiscoveredURL.

Documents are fetched only on the SITE's registrable domain (and the domains the caller names in
``sitemap_hosts``): a robots.txt or page that names a document elsewhere does not make us request
anywhere it likes. Warnings (a document that failed, was malformed, was off the site) go to the
``newsextract`` logger; only a site where nothing at all could be fetched is an error.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass

from ..errors import BlockedError, FetchError, NewsExtractError, UnsupportedURLError
from ..fetch import AsyncFetcher, PrivateAddressError
from ..limits import gunzip_bounded
from ..normalize.text import site_of
from ._listing import LISTING_KINDS, parse_listing
from ._model import DiscoveredURL, Entry, Listing
from ._urls import is_site_root, normalize_url, resolve
from ._window import DateWindow, When, newest_first_key, parse_bound

__all__ = [
    "DISCOVER_CONTENT_TYPES",
    "FEED_PATHS",
    "MAX_DOCUMENTS",
    "MAX_INDEX_DEPTH",
    "CrawlPlan",
    "discover_site",
]

log = logging.getLogger(__name__)

# A sitemap index lists sitemaps; real news sites nest one more level (yearly indexes of monthly
# sitemaps). Three levels below the first document leave room for that, and end any chain.
MAX_INDEX_DEPTH = 3
# Documents (home page, sitemaps, feeds) fetched per site: a news site with monthly sitemaps since
# 2000 has about 300; at the default 1 s per-host delay that is five minutes, not a day.
MAX_DOCUMENTS = 300
# Probed only when robots.txt, /sitemap.xml and the home page gave nothing (each probe is a
# request): WordPress's /feed, and the two most common static-site names.
FEED_PATHS = ("/feed", "/rss.xml", "/atom.xml")

# What sitemaps and feeds are served as, beside HTML (the home page): XML under its many names,
# gzip files (.xml.gz), and the catch-alls servers use for both.
DISCOVER_CONTENT_TYPES = (
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
    "text/plain",
)


@dataclass(frozen=True, slots=True)
class CrawlPlan:
    """What one discovery keeps (see ``discover_site``), its bounds checked once."""

    window: DateWindow
    limit: int | None = None
    any_host: bool = False
    sitemap_hosts: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        since: When | str | None = None,
        until: When | str | None = None,
        limit: int | None = None,
        any_host: bool = False,
        sitemap_hosts: Iterable[str] = (),
    ) -> CrawlPlan:
        """The plan of the public functions' keywords; ValueError for bad bounds or limit."""
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        hosts = (sitemap_hosts,) if isinstance(sitemap_hosts, str) else tuple(sitemap_hosts)
        return cls(
            DateWindow(parse_bound(since, "since"), parse_bound(until, "until")), limit, any_host, hosts
        )


async def discover_site(fetcher: AsyncFetcher, site: str, plan: CrawlPlan) -> AsyncIterator[DiscoveredURL]:
    """A site's article URLs, as its sitemaps and feeds are read (see ``newsextract.discover``).

    site: a home page (robots.txt sitemaps, /sitemap.xml, the page's feeds), or a sitemap,
        feed or section-page URL (that document alone, and what it leads to).
    since, until: inclusive bounds (date, datetime or ISO text). An entry is checked against
        its publication date, else its modification date (sitemap lastmod, Atom updated,
        which publication cannot follow); one with neither is left out when a bound is set.
    limit: stop (fetching too) after this many URLs. any_host: keep article URLs of other sites.
    sitemap_hosts: domains besides the SITE's own whose sitemaps and feeds may be fetched (a
        site that keeps its sitemaps on another domain); others are skipped with a warning.

    ``plan``: CrawlPlan.of(since=..., until=..., limit=..., any_host=..., sitemap_hosts=...).
    Raises UnsupportedURLError for a ``site`` that is no http(s) URL, and a FetchError when nothing at all could be fetched; one failed document is a warning.
    """
    crawl = _SiteCrawl(fetcher, normalize_url(site), plan)
    async for found in crawl.run():
        yield found


@dataclass(slots=True)
class _Doc:
    url: str
    depth: int = 0  # sitemap-index levels above it
    guessed: bool = False  # a probe of a usual path: a 404 is no news
    home: bool = False  # the page the user named: its feeds are followed


class _SiteCrawl:
    def __init__(self, fetcher: AsyncFetcher, start: str, plan: CrawlPlan) -> None:
        self.fetcher = fetcher
        self.start = start
        self.site = site_of(start)
        self.window = plan.window
        self.limit = plan.limit
        self.any_host = plan.any_host
        self.document_sites = {self.site} | {site_of(f"http://{h.strip()}/") for h in plan.sitemap_hosts}
        types = fetcher.config.accept_content_types
        self.accept = types + tuple(t for t in DISCOVER_CONTENT_TYPES if t not in types)
        self.queue: deque[_Doc] = deque()
        self.queued: set[str] = set()
        self.fetched = 0  # documents requested (MAX_DOCUMENTS)
        self.read = 0  # documents that arrived
        self.listings = 0  # sitemaps and feeds among them
        self.failures: list[FetchError] = []
        self.seen: set[str] = set()
        self.emitted = 0

    async def run(self) -> AsyncIterator[DiscoveredURL]:
        fallback: list[_Doc] = []
        self._enqueue(_Doc(self.start, home=True))
        if is_site_root(self.start):
            sitemaps = await self._robots_sitemaps()
            for url in sitemaps or [self.start.rstrip("/") + "/sitemap.xml"]:
                self._enqueue(_Doc(url, guessed=not sitemaps))
            fallback = [_Doc(self.start.rstrip("/") + path, guessed=True) for path in FEED_PATHS]
        while True:
            if not self.queue and fallback and not self.listings:
                self._enqueue(fallback.pop(0))  # one probe at a time, until one is a feed
            if not self.queue:
                break
            if self.fetched >= MAX_DOCUMENTS:
                log.warning(
                    "%s: stopped after %d documents (MAX_DOCUMENTS); %d not fetched",
                    self.start,
                    MAX_DOCUMENTS,
                    len(self.queue),
                )
                break
            async for found in self._visit(self.queue.popleft()):
                yield found
                if self.limit is not None and self.emitted >= self.limit:
                    return
        if not self.read:
            self._fail()
        if not self.listings:
            log.warning("%s: found no sitemap or feed", self.start)

    async def _robots_sitemaps(self) -> list[str]:
        """The robots.txt ``Sitemap:`` lines, resolved; one that is no URL is a warning."""
        try:
            lines = await self.fetcher.robots_sitemaps(self.start)
        except BlockedError as exc:
            if isinstance(exc.__cause__, PrivateAddressError):
                raise  # every request to this site would be refused the same way
            return []
        except FetchError as exc:
            log.warning("%s: robots.txt: %s", self.start, exc.message)
            return []
        robots = self.start.rstrip("/") + "/robots.txt"
        sitemaps = []
        for line in lines:
            url = resolve(line, robots)
            if url is None:
                log.warning("%s: skipped: the Sitemap %r is no http(s) URL", robots, line[:100])
            else:
                sitemaps.append(url)
        return sitemaps

    def _enqueue(self, doc: _Doc, *, first: bool = False) -> None:
        try:
            doc.url = normalize_url(doc.url)
        except UnsupportedURLError as exc:
            log.warning("%s: skipped: %s", self.start, exc.message)
            return
        if doc.url in self.queued:
            return
        if not doc.home and site_of(doc.url) not in self.document_sites:
            log.warning(
                "%s: skipped %s: on another site (name its domain in sitemap_hosts / --sitemap-host)",
                self.start,
                doc.url,
            )
            return
        self.queued.add(doc.url)
        (self.queue.appendleft if first else self.queue.append)(doc)

    async def _visit(self, doc: _Doc) -> AsyncIterator[DiscoveredURL]:
        fetched = await self._fetch(doc)
        if fetched is None:
            return
        source, listing = fetched
        if doc.guessed and listing.kind in ("html", "unknown"):
            log.debug("%s: a probed path, but no sitemap or feed (%s)", doc.url, listing.kind)
            return  # a soft 404: no news
        for warning in listing.warnings:
            log.warning("%s", warning)
        if listing.kind == "html":
            if doc.home:
                for feed in reversed(listing.feeds):  # before the sitemaps: feeds date and title
                    self._enqueue(_Doc(feed), first=True)
            else:
                log.warning("%s: an HTML page, not a sitemap or feed", doc.url)
            return
        if listing.kind in LISTING_KINDS:
            self.listings += 1
        self._follow(doc, source, listing.children)
        for entry in listing.entries:
            found = self._admit(entry, source)
            if found is not None:
                self.emitted += 1
                yield found
                if self.limit is not None and self.emitted >= self.limit:
                    return

    async def _fetch(self, doc: _Doc) -> tuple[str, Listing] | None:
        """The document's final URL and what it lists; None (and a warning) when it failed."""
        self.fetched += 1
        try:
            result = await self.fetcher.fetch(doc.url, accept=self.accept)
        except FetchError as exc:
            if doc.home and isinstance(exc, BlockedError) and isinstance(exc.__cause__, PrivateAddressError):
                raise
            self.failures.append(exc)
            if doc.guessed and exc.status == 404:
                log.debug("%s: not there (404)", doc.url)
            else:
                log.warning("%s: %s: %s", doc.url, exc.kind, exc.message)
            return None
        self.read += 1
        data = result.content
        if data[:2] == b"\x1f\x8b":  # a .xml.gz file (not Content-Encoding, which the fetcher decoded)
            try:
                data = gunzip_bounded(data, self.fetcher.config.max_bytes, source=doc.url)
            except NewsExtractError as exc:
                log.warning("%s: skipped: %s", doc.url, exc.message)
                return None
        source = resolve(result.final_url, doc.url) or doc.url
        return source, parse_listing(data, source, content_type=result.content_type)

    def _follow(self, index: _Doc, source: str, children: list[Entry]) -> None:
        """Queue an index's sitemaps right after it, newest first (undated ones last, in order),
        leaving out those modified before ``since``: they cannot hold a newer article."""
        if not children:
            return
        if index.depth >= MAX_INDEX_DEPTH:
            log.warning(
                "%s: sitemap indexes nest deeper than MAX_INDEX_DEPTH (%d): %d sitemaps not followed",
                source,
                MAX_INDEX_DEPTH,
                len(children),
            )
            return
        dated = sorted(
            (c for c in children if c.modified is not None),
            key=lambda c: newest_first_key(c.modified),  # type: ignore[arg-type]
            reverse=True,
        )
        ordered = dated + [c for c in children if c.modified is None]
        kept: list[str] = []
        for child in ordered:
            if child.modified is not None and self.window.before(child.modified):
                continue
            url = resolve(child.url, source)
            if url is not None:
                kept.append(url)
        if len(kept) < len(children):
            left_out = len(children) - len(kept)
            log.info("%s: %d of %d sitemaps left out (older, or no URL)", source, left_out, len(children))
        for url in reversed(kept):
            self._enqueue(_Doc(url, depth=index.depth + 1), first=True)

    def _admit(self, entry: Entry, source: str) -> DiscoveredURL | None:
        url = resolve(entry.url, source)
        if url is None or url in self.seen or (not self.any_host and site_of(url) != self.site):
            return None
        # A plain sitemap entry has only its lastmod: it is what the window is checked against.
        if not self.window.admits(entry.published or entry.modified):
            return None
        self.seen.add(url)
        published = entry.published.isoformat() if entry.published is not None else None
        return DiscoveredURL(url=url, published=published, title=entry.title, source=source)

    def _fail(self) -> None:
        first = self.failures[0] if self.failures else None
        reason = f"{first.kind}: {first.message}" if first else "nothing to fetch"
        error = (
            BlockedError
            if self.failures and all(isinstance(f, BlockedError) for f in self.failures)
            else FetchError
        )
        raise error(f"nothing could be fetched ({len(self.failures)} tried; first: {reason})", url=self.start)
