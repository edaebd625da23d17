"""The crawl plan of one site: which documents are fetched, in which order, and what of them
is kept.

One site goes: robots.txt ``Sitemap:`` lines (else ``/sitemap.xml``) and the home page's
``<link rel=alternate>`` feeds (usual feed paths only when all that gave nothing) -> each document
fetched through the AsyncFetcher (robots.txt, politeness, size limits, the private-address guard),
gunzipped when gzip (bounded), parsed -> sitemap indexes followed depth-first, newest child first,
children modified before ``since`` never fetched -> entries normalised and kept on the site ->
the listings of one URL merged (below) -> filtered by date and by robots.txt -> DiscoveredURL, each
URL once. A section or home page that leads to no sitemap or feed gives the article links it shows.

Merging, as discovery streams: an entry that says all a listing can say (publication date, title,
language: a news sitemap's, a dated feed's) goes out at once. One that lacks some of it (a plain
sitemap's) is held, in the order read, until another listing of the site completes it, the site's
documents are all read, or MAX_HELD entries wait (the oldest then goes out as it is); with a
``limit``, held entries go out as soon as they would reach it. So a date from any listing wins
over none whichever listing is read first, within MAX_HELD entries; memory stays bounded.

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
    "MAX_HELD",
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
# Entries held for another listing of their URL (see the module's docstring): a few hundred bytes
# each, so about 20 MB at most; more than the URLs a news site lists in a year.
MAX_HELD = 50_000
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
    include_disallowed: bool = False

    @classmethod
    def of(
        cls,
        *,
        since: When | str | None = None,
        until: When | str | None = None,
        limit: int | None = None,
        any_host: bool = False,
        sitemap_hosts: Iterable[str] = (),
        include_disallowed: bool = False,
    ) -> CrawlPlan:
        """The plan of the public functions' keywords; ValueError for bad bounds or limit."""
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        hosts = (sitemap_hosts,) if isinstance(sitemap_hosts, str) else tuple(sitemap_hosts)
        window = DateWindow(parse_bound(since, "since"), parse_bound(until, "until"))
        return cls(window, limit, any_host, hosts, include_disallowed)


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
    include_disallowed: list URLs the site's robots.txt disallows for the fetcher's user agent
        too (left out by default, with a warning that counts them: batch would not fetch them).
        Only URLs on the SITE's domain and ``sitemap_hosts`` are checked: no other host's
        robots.txt is requested.

    ``plan``: CrawlPlan.of(since=..., until=..., limit=..., any_host=..., sitemap_hosts=...,
    include_disallowed=...).
    Raises UnsupportedURLError for a ``site`` that is no http(s) URL, and a FetchError when nothing at all could be fetched; one failed document is a warning.
    """
    crawl = _SiteCrawl(fetcher, normalize_url(site), plan)
    async for found in crawl.run():
        yield found


@dataclass(slots=True)
class _Held:
    entry: Entry  # what the URL's listings said so far (its url normalised)
    source: str  # the first listing of it


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
        self.include_disallowed = plan.include_disallowed
        self.seen: set[str] = set()  # URLs out (or left out): later listings of them are dropped
        self.held: dict[str, _Held] = {}  # URL -> what its listings said so far, in the order read
        self.page_links: list[Entry] = []  # the article links the SITE page shows
        self.disallowed = 0
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
                if self._done():
                    return
        if not self.read:
            self._fail()
        if not self.listings:
            links = self.page_links
            log.warning(
                "%s: found no sitemap or feed; %s",
                self.start,
                "the page shows no article link"
                if not links
                else f"listed the {len(links)} article links the page shows"
                + (" (undated: left out under since / until)" if self.window.active else ""),
            )
            for entry in links:
                async for found in self._take(entry, self.start):
                    yield found
                    if self._done():
                        return
        while self.held and not self._done():
            async for found in self._release(next(iter(self.held))):
                yield found
        if self.disallowed:
            log.warning(
                "%s: left out %d URLs robots.txt disallows (include_disallowed / --include-disallowed lists them)",
                self.start,
                self.disallowed,
            )

    def _done(self) -> bool:
        return self.limit is not None and self.emitted >= self.limit

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
                self.page_links = listing.links
            else:
                log.warning("%s: an HTML page, not a sitemap or feed", doc.url)
            return
        if listing.kind in LISTING_KINDS:
            self.listings += 1
        self._follow(doc, source, listing.children)
        for entry in listing.entries:
            async for found in self._take(entry, source):
                yield found
                if self._done():
                    return
        # Held entries that would reach the limit go out now, so the limit still stops fetching.
        while self.limit is not None and self.held and self.emitted + len(self.held) >= self.limit:
            async for found in self._release(next(iter(self.held))):
                yield found
            if self._done():
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

    async def _take(self, entry: Entry, source: str) -> AsyncIterator[DiscoveredURL]:
        """One listing of a URL: merged into what earlier listings said; out when complete, or
        when MAX_HELD entries wait (the oldest)."""
        url = resolve(entry.url, source)
        if url is None or url in self.seen or (not self.any_host and site_of(url) != self.site):
            return
        held = self.held.get(url)
        if held is None:
            held = self.held[url] = _Held(Entry(url), source)
        held.entry.fill(entry)
        if held.entry.complete:
            async for found in self._release(url):
                yield found
        elif len(self.held) > MAX_HELD:
            async for found in self._release(next(iter(self.held))):
                yield found

    async def _release(self, url: str) -> AsyncIterator[DiscoveredURL]:
        """A held URL out, unless outside the date window or disallowed by robots.txt."""
        held = self.held.pop(url)
        self.seen.add(url)
        entry = held.entry
        # A plain sitemap entry has only its lastmod: it is what the window is checked against.
        if not self.window.admits(entry.published or entry.modified):
            return
        # robots.txt is read only where documents may be fetched (an any_host URL elsewhere is
        # the batch's to check when it fetches it): discovery requests no other host.
        checked = not self.include_disallowed and site_of(url) in self.document_sites
        if checked and not await self.fetcher.allows(url):
            self.disallowed += 1
            return
        self.emitted += 1
        yield DiscoveredURL(
            url=url,
            published=entry.published.isoformat() if entry.published is not None else None,
            title=entry.title,
            source=held.source,
            language=entry.language,
        )

    def _fail(self) -> None:
        first = self.failures[0] if self.failures else None
        reason = f"{first.kind}: {first.message}" if first else "nothing to fetch"
        error = (
            BlockedError
            if self.failures and all(isinstance(f, BlockedError) for f in self.failures)
            else FetchError
        )
        raise error(f"nothing could be fetched ({len(self.failures)} tried; first: {reason})", url=self.start)
