"""Site discovery: a site's article URLs from its sitemaps, news sitemaps and feeds.

One site goes: robots.txt ``Sitemap:`` lines (else ``/sitemap.xml``) and the home page's
``<link rel=alternate>`` feeds (usual feed paths only when all that gave nothing) -> each document
fetched through the AsyncFetcher (robots.txt, politeness, size limits, the private-address guard),
gunzipped when gzip (bounded), parsed incrementally with defusedxml -> sitemap indexes followed
depth-first, newest child first, children modified before ``since`` never fetched -> entries
normalised, kept on the site, filtered by date, each URL once (first seen wins) -> DiscoveredURL.

Warnings (a document that failed, was malformed, held entities) go to the ``newsextract`` logger;
only a site where nothing at all could be fetched is an error.
"""

from __future__ import annotations

import html
import io
import logging
import re
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ..errors import BlockedError, FetchError, NewsExtractError, UnsupportedURLError
from ..limits import gunzip_bounded
from ..normalize.text import site_of
from ._config import FetchConfig
from ._guard import PrivateAddressError

if TYPE_CHECKING:
    from ._async import AsyncFetcher

__all__ = [
    "DISCOVER_CONTENT_TYPES",
    "DiscoveredURL",
    "adiscover",
    "discover",
    "discover_config",
    "parse_bound",
]

log = logging.getLogger(__name__)

# A sitemap index lists sitemaps; real news sites nest one more level (yearly indexes of monthly
# sitemaps). Three levels below the first document leave room for that, and end any chain.
MAX_INDEX_DEPTH = 3
# Documents (home page, sitemaps, feeds) fetched per site: a news site with monthly sitemaps since
# 2000 has about 300; at the default 1 s per-host delay that is five minutes, not a day.
MAX_DOCUMENTS = 300
# Feeds taken from one page's <link rel=alternate>: sites list a main feed, a comments feed and a
# few sections; more than this is a tag cloud of feeds, and each costs a request.
MAX_PAGE_FEEDS = 8
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

# Query parameters that only say how a reader arrived: dropped so one article is listed once.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "yclid", "igshid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TAG = re.compile(r"<[^<>]*>")  # not [^>]*: each "<" of a text without ">" would scan to its end
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})

When = date | datetime  # a date as precise as the source gave it (a datetime may lack an offset)


@dataclass(frozen=True, slots=True)
class DiscoveredURL:
    """One article URL of a site.

    url: normalised (no fragment or tracking parameters, lower-case scheme and host, no default port).
    published: ISO 8601 as the source gave it: a datetime with its offset, a date ``YYYY-MM-DD``,
        or a datetime without offset when the source gave none; None when undated. A plain
        sitemap's ``<lastmod>`` is a modification date and never appears here.
    title: the headline the feed or news sitemap gave, or None.
    source: the sitemap or feed URL it was listed in.
    """

    url: str
    published: str | None
    title: str | None
    source: str

    def to_dict(self) -> dict[str, str | None]:
        return {"url": self.url, "published": self.published, "title": self.title, "source": self.source}


# ---------------------------------------------------------------------------------- public API
def discover_config(config: FetchConfig | None = None) -> FetchConfig:
    """``config`` (or the default) that also lets sitemaps, feeds and gzip files through."""
    config = config or FetchConfig()
    extra = tuple(t for t in DISCOVER_CONTENT_TYPES if t not in config.accept_content_types)
    return replace(config, accept_content_types=config.accept_content_types + extra)


def discover(
    site: str,
    *,
    since: When | str | None = None,
    until: When | str | None = None,
    limit: int | None = None,
    any_host: bool = False,
    config: FetchConfig | None = None,
) -> list[DiscoveredURL]:
    """Article URLs of ``site`` (a home page, or a sitemap or feed URL), fetched with a short-lived
    Fetcher. See AsyncFetcher.discover for the options; raises FetchError when nothing at all
    could be fetched, UnsupportedURLError for a URL that is not http(s)."""
    from ._sync import Fetcher

    with Fetcher(discover_config(config)) as fetcher:
        return list(fetcher.discover(site, since=since, until=until, limit=limit, any_host=any_host))


async def adiscover(
    site: str,
    *,
    since: When | str | None = None,
    until: When | str | None = None,
    limit: int | None = None,
    any_host: bool = False,
    config: FetchConfig | None = None,
) -> list[DiscoveredURL]:
    """The async counterpart of ``discover``, with a short-lived AsyncFetcher."""
    from ._async import AsyncFetcher

    async with AsyncFetcher(discover_config(config)) as fetcher:
        return [
            found
            async for found in fetcher.discover(
                site, since=since, until=until, limit=limit, any_host=any_host
            )
        ]


async def discover_site(
    fetcher: AsyncFetcher,
    site: str,
    *,
    since: When | str | None = None,
    until: When | str | None = None,
    limit: int | None = None,
    any_host: bool = False,
) -> AsyncIterator[DiscoveredURL]:
    """The engine behind AsyncFetcher.discover (which documents it)."""
    window = DateWindow(parse_bound(since, "since"), parse_bound(until, "until"))
    if "application/xml" not in fetcher.config.accept_content_types:
        raise ValueError("the fetcher's config accepts only HTML: build it with discover_config(config)")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    crawl = _SiteCrawl(fetcher, normalize_url(site), window, limit, any_host)
    async for found in crawl.run():
        yield found


# ---------------------------------------------------------------------------------- URLs
def normalize_url(url: str, base: str | None = None) -> str:
    """``url`` (resolved against ``base``) in one spelling per article: lower-case scheme and host,
    no default port, no fragment, no tracking parameters (utm_*, fbclid, gclid, ...), ``/`` for an
    empty path. UnsupportedURLError for anything but an http(s) URL with a host.

    >>> normalize_url("HTTPS://WWW.Example.com:443/a?utm_source=x&id=2#top")
    'https://www.example.com/a?id=2'
    """
    raw = url.strip()
    try:
        parts = urlsplit(urljoin(base, raw) if base else raw)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError as exc:  # a bad port or IPv6 literal
        raise UnsupportedURLError(f"not a URL: {raw[:100]!r} ({exc})", url=raw) from exc
    if scheme not in _DEFAULT_PORTS or not host:
        raise UnsupportedURLError(f"not an http(s) URL: {raw[:100]!r}", url=raw)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS


def _is_site_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


# ---------------------------------------------------------------------------------- dates
_ISO = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)"
    r"(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*([Zz]|[+-]\d\d(?::?\d\d)?)?)?"
)


def parse_date(text: str | None) -> When | None:
    """A sitemap or feed date as precise as it was written, or None when it is no date.

    W3C/ISO datetimes (``Z`` and ``+0300`` included, on every Python we support), dates
    (``2024-07-12`` stays a date) and RFC 822 (RSS pubDate). No offset is ever invented: a
    datetime written without one comes back naive.

    >>> parse_date("2024-07-12T19:50:00Z").isoformat()
    '2024-07-12T19:50:00+00:00'
    >>> parse_date("Fri, 12 Jul 2024 19:50:00 +0300").isoformat()
    '2024-07-12T19:50:00+03:00'
    >>> parse_date("2024-07-12"), parse_date("soon")
    (datetime.date(2024, 7, 12), None)
    """
    text = (text or "").strip()
    if not text:
        return None
    match = _ISO.fullmatch(text)
    if match:
        return _from_iso(match)
    if text[:1].isdigit() and "-" in text[:5]:
        return None  # ISO-looking but off the grammar ("2024-07", "2024-13-01x"): no date
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed  # naive when the zone was "-0000" (unknown), as RFC 5322 means it


def _from_iso(match: re.Match[str]) -> When | None:
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        tz = None
        if offset:
            if offset in "Zz":
                tz = timezone.utc
            else:
                digits = offset[1:].replace(":", "")
                delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
                tz = timezone(-delta if offset[0] == "-" else delta)
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro, tzinfo=tz
        )
    except ValueError:  # month 13, hour 25, an offset of a day or more
        return None


def parse_bound(value: When | str | None, name: str = "date") -> When | None:
    """A ``since``/``until`` bound: a date, a datetime, or their ISO text; ValueError if it is neither."""
    if value is None or isinstance(value, (date, datetime)):
        return value
    match = _ISO.fullmatch(value.strip())
    parsed = _from_iso(match) if match else None
    if parsed is None:
        raise ValueError(f"{name}: {value!r} is not a date (YYYY-MM-DD) or an ISO 8601 datetime")
    return parsed


def _order(a: When, b: When) -> tuple[When, When]:
    """``a`` and ``b`` made comparable at the precision both have: two aware datetimes as
    instants; a date against anything as days (a datetime's own local date); else wall clocks."""
    a_is_dt, b_is_dt = isinstance(a, datetime), isinstance(b, datetime)
    if a_is_dt and b_is_dt:
        if (a.tzinfo is None) == (b.tzinfo is None):  # type: ignore[union-attr]
            return a, b
        return a.replace(tzinfo=None), b.replace(tzinfo=None)  # type: ignore[union-attr]
    return (a.date() if a_is_dt else a), (b.date() if b_is_dt else b)  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class DateWindow:
    """``since`` <= date <= ``until``, both optional and inclusive (a date bound covers its day)."""

    since: When | None = None
    until: When | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None:
            since, until = _order(self.since, self.until)
            if since > until:  # type: ignore[operator]
                raise ValueError(f"since ({self.since}) is after until ({self.until})")

    @property
    def active(self) -> bool:
        return self.since is not None or self.until is not None

    def admits(self, when: When | None) -> bool:
        """Whether an entry dated ``when`` is inside; an undated one is only when no bound is set."""
        if not self.active:
            return True
        if when is None:
            return False
        return not self.before(when) and not self.after(when)

    def before(self, when: When) -> bool:
        if self.since is None:
            return False
        value, since = _order(when, self.since)
        return value < since  # type: ignore[operator]

    def after(self, when: When) -> bool:
        if self.until is None:
            return False
        value, until = _order(when, self.until)
        return value > until  # type: ignore[operator]


# ---------------------------------------------------------------------------------- parsing
@dataclass(slots=True)
class Entry:
    """What one sitemap ``<url>`` or feed item says about a link."""

    url: str
    published: When | None = None
    modified: When | None = None  # sitemap lastmod, Atom updated: an upper bound on publication
    title: str | None = None


@dataclass(slots=True)
class Listing:
    """One parsed document. ``kind``: urlset, sitemapindex, rss, atom, rdf, text, html or unknown."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)  # sitemaps of an index (url, modified)
    feeds: list[str] = field(default_factory=list)  # <link rel=alternate> feeds of an HTML page
    warnings: list[str] = field(default_factory=list)


# Root element -> (kind, the element of one entry)
_ROOTS = {
    "urlset": ("urlset", "url"),
    "sitemapindex": ("sitemapindex", "sitemap"),
    "rss": ("rss", "item"),
    "rdf": ("rdf", "item"),
    "feed": ("atom", "entry"),
}


def parse_listing(data: bytes, source: str, *, content_type: str | None = None) -> Listing:
    """A sitemap, sitemap index, RSS 2.0 / Atom / RDF feed, text sitemap or HTML page, read
    without entity expansion or external references. A document that declares entities is
    skipped; a malformed one gives the entries read before the error; both with a warning."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    served_as_html = content_type in ("text/html", "application/xhtml+xml") and not head.startswith(b"<?xml")
    if served_as_html or head.startswith((b"<!doctype html", b"<html")):
        return Listing("html", feeds=_page_feeds(data, source))
    if not head.startswith(b"<"):
        return _text_sitemap(data, source)
    return _xml_listing(data, source)


def _xml_listing(data: bytes, source: str) -> Listing:
    listing = Listing("unknown")
    entry_tag = None
    try:
        for event, elem in iterparse(io.BytesIO(data), events=("start", "end")):
            if entry_tag is None:  # the first event is the root's start
                root = _local(elem.tag)
                if root not in _ROOTS:
                    listing.warnings.append(f"{source}: not a sitemap or feed (root element <{root}>)")
                    return listing
                listing.kind, entry_tag = _ROOTS[root]
                continue
            if event == "end" and _local(elem.tag) == entry_tag:
                entry = _ENTRY_READERS[listing.kind](elem)
                if entry is not None:
                    (listing.children if listing.kind == "sitemapindex" else listing.entries).append(entry)
                elem.clear()  # what was read is no longer needed: memory stays flat
    except DefusedXmlException as exc:
        listing.entries.clear()
        listing.children.clear()
        listing.warnings.append(
            f"{source}: skipped: the XML declares entities or external references ({type(exc).__name__})"
        )
    except ParseError as exc:
        line, column = exc.position
        kept = len(listing.entries) + len(listing.children)
        listing.warnings.append(
            f"{source}: malformed XML at line {line}, column {column}: kept the {kept} entries before it"
        )
    return listing


def _local(tag: object) -> str:
    """An element's name without its namespace, lower-cased (``{...}RDF`` -> ``rdf``)."""
    return str(tag).rsplit("}", 1)[-1].lower()


def _children(elem: Element) -> dict[str, Element]:
    """Direct children by local name, the first of each (an image:loc inside image:image is not
    the url's loc: only direct children count)."""
    found: dict[str, Element] = {}
    for child in elem:
        found.setdefault(_local(child.tag), child)
    return found


def _text(elem: Element | None) -> str | None:
    if elem is None:
        return None
    text = " ".join("".join(elem.itertext()).split())
    return text or None


def _sitemap_url(elem: Element) -> Entry | None:
    kids = _children(elem)
    loc = _text(kids.get("loc"))
    if loc is None:
        return None
    entry = Entry(loc, modified=parse_date(_text(kids.get("lastmod"))))
    news = kids.get("news")  # Google News sitemap: <news:news><news:publication_date>, <news:title>
    if news is not None:
        parts = _children(news)
        entry.published = parse_date(_text(parts.get("publication_date")))
        entry.title = _text(parts.get("title"))
    return entry


def _sitemap_child(elem: Element) -> Entry | None:
    kids = _children(elem)
    loc = _text(kids.get("loc"))
    return Entry(loc, modified=parse_date(_text(kids.get("lastmod")))) if loc else None


def _rss_item(elem: Element) -> Entry | None:
    """RSS 2.0 and RDF (RSS 1.0) items: link (else a permalink guid, else rdf:about), pubDate or
    dc:date, title."""
    kids = _children(elem)
    link = _text(kids.get("link"))
    guid = kids.get("guid")
    if link is None and guid is not None and guid.get("isPermaLink", "true").lower() == "true":
        link = _text(guid)
    if link is None:
        link = next((v for k, v in elem.attrib.items() if _local(k) == "about"), None)
    if not link:
        return None
    published = parse_date(_text(kids.get("pubdate"))) or parse_date(_text(kids.get("date")))
    return Entry(link, published=published, title=_text(kids.get("title")))


def _atom_entry(elem: Element) -> Entry | None:
    link = None
    for child in elem:
        if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate" and child.get("href"):
            if child.get("type", "text/html") in ("text/html", "application/xhtml+xml"):
                link = child.get("href")
                break
    if link is None:
        return None
    kids = _children(elem)
    return Entry(
        link,
        published=parse_date(_text(kids.get("published"))),
        modified=parse_date(_text(kids.get("updated"))),
        title=_atom_text(kids.get("title")),
    )


def _atom_text(elem: Element | None) -> str | None:
    """An Atom text construct as plain text: ``type="html"`` holds escaped markup."""
    text = _text(elem)
    if text is None or elem is None or elem.get("type") != "html":
        return text
    return " ".join(html.unescape(_TAG.sub(" ", text)).split()) or None


_ENTRY_READERS = {
    "urlset": _sitemap_url,
    "sitemapindex": _sitemap_child,
    "rss": _rss_item,
    "rdf": _rss_item,
    "atom": _atom_entry,
}


def _text_sitemap(data: bytes, source: str) -> Listing:
    """The sitemap protocol's plain-text form: one URL a line."""
    lines = data.decode("utf-8", errors="replace").splitlines()
    urls = [line.strip() for line in lines if line.strip()]
    if not urls or not all(u.startswith(("http://", "https://")) for u in urls):
        return Listing("unknown", warnings=[f"{source}: not a sitemap or feed"])
    return Listing("text", entries=[Entry(u) for u in urls])


def _page_feeds(data: bytes, base: str) -> list[str]:
    """Feeds an HTML page declares: ``<link rel=alternate type=application/rss+xml|atom+xml href>``."""
    from selectolax.lexbor import LexborHTMLParser

    feeds: list[str] = []
    for node in LexborHTMLParser(data).css("link[href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().strip()
        if "alternate" in rel and kind in _FEED_TYPES:
            feeds.append(urljoin(base, (node.attributes.get("href") or "").strip()))
    return list(dict.fromkeys(feeds))[:MAX_PAGE_FEEDS]


# ---------------------------------------------------------------------------------- the crawl
@dataclass(slots=True)
class _Doc:
    url: str
    depth: int = 0  # sitemap-index levels above it
    guessed: bool = False  # a probe of a usual path: a 404 is no news
    home: bool = False  # the page the user named: its feeds are followed


class _SiteCrawl:
    def __init__(
        self, fetcher: AsyncFetcher, start: str, window: DateWindow, limit: int | None, any_host: bool
    ) -> None:
        self.fetcher = fetcher
        self.start = start
        self.site = site_of(start)
        self.window = window
        self.limit = limit
        self.any_host = any_host
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
        if _is_site_root(self.start):
            sitemaps = await self._robots_sitemaps()
            self._enqueue(_Doc(self.start, home=True))
            for url in sitemaps or [urljoin(self.start, "/sitemap.xml")]:
                self._enqueue(_Doc(url, guessed=not sitemaps))
            fallback = [_Doc(urljoin(self.start, path), guessed=True) for path in FEED_PATHS]
        else:
            self._enqueue(_Doc(self.start, home=True))
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
        try:
            return await self.fetcher.robots_sitemaps(self.start)
        except BlockedError as exc:
            if isinstance(exc.__cause__, PrivateAddressError):
                raise  # every request to this site would be refused the same way
            return []
        except FetchError as exc:
            log.warning("%s: robots.txt: %s", self.start, exc.message)
            return []

    def _enqueue(self, doc: _Doc, *, first: bool = False) -> None:
        try:
            doc.url = normalize_url(doc.url)
        except UnsupportedURLError as exc:
            log.warning("%s: skipped: %s", self.start, exc.message)
            return
        if doc.url in self.queued:
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
        if listing.kind in _ENTRY_READERS or listing.kind == "text":
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
            result = await self.fetcher.fetch(doc.url)
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
        source = normalize_url(result.final_url)
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
        dated = sorted((c for c in children if c.modified is not None), key=_sort_key, reverse=True)
        ordered = dated + [c for c in children if c.modified is None]
        kept = [
            c
            for c in ordered
            if (c.modified is None or not self.window.before(c.modified))
            and (self.any_host or site_of(urljoin(source, c.url)) == site_of(source))
        ]
        if len(kept) < len(children):
            left_out = len(children) - len(kept)
            log.info("%s: %d of %d sitemaps left out (older or off-site)", source, left_out, len(children))
        for child in reversed(kept):
            self._enqueue(_Doc(urljoin(source, child.url), depth=index.depth + 1), first=True)

    def _admit(self, entry: Entry, source: str) -> DiscoveredURL | None:
        try:
            url = normalize_url(entry.url, source)
        except UnsupportedURLError:
            return None
        if url in self.seen or (not self.any_host and site_of(url) != self.site):
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


def _sort_key(entry: Entry) -> tuple[date, time]:
    """Newest-first order of dates of mixed precision (a date sorts as the start of its day)."""
    when = entry.modified
    if isinstance(when, datetime):
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc)
        return when.date(), when.time().replace(tzinfo=None)
    assert when is not None
    return when, time()
