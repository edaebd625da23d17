"""What discovery finds: DiscoveredURL (its output) and Entry / Listing (what one document says)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from ._window import When

__all__ = ["DiscoverOptions", "DiscoveredURL", "Entry", "Listing"]


@dataclass(frozen=True, slots=True)
class DiscoveredURL:
    """One article URL of a site.

    url: normalised (no fragment or tracking parameters, lower-case scheme and host, no default port).
    published: ISO 8601 as the source gave it: a datetime with its offset, a date ``YYYY-MM-DD``,
        or a datetime without offset when the source gave none; None when undated. A plain
        sitemap's ``<lastmod>`` is a modification date and never appears here.
    title: the headline the feed or news sitemap gave, or None.
    source: the sitemap, feed or page URL it was first listed in.
    language: the ISO 639 language the news sitemap or feed gave (``en``, ``uk``), or None.

    A URL listed by several of a site's sitemaps and feeds is one DiscoveredURL: each of its
    fields comes from whichever listing carried it.
    """

    url: str
    published: str | None
    title: str | None
    source: str
    language: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "url": self.url,
            "published": self.published,
            "title": self.title,
            "language": self.language,
            "source": self.source,
        }


@dataclass(slots=True)
class Entry:
    """What one sitemap ``<url>`` or feed item says about a link."""

    url: str
    published: When | None = None
    modified: When | None = None  # sitemap lastmod, Atom updated: an upper bound on publication
    title: str | None = None
    language: str | None = None

    def fill(self, other: Entry) -> None:
        """Take what ``other`` (another listing of the same URL) says and this one does not."""
        self.published = self.published or other.published
        self.modified = self.modified or other.modified
        self.title = self.title or other.title
        self.language = self.language or other.language

    @property
    def complete(self) -> bool:
        """Whether it says all a listing can say (no other listing can add to it)."""
        return self.published is not None and self.title is not None and self.language is not None


@dataclass(slots=True)
class Listing:
    """One parsed document. ``kind``: urlset, sitemapindex, rss, atom, rdf, text, html or unknown."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)  # sitemaps of an index (url, modified)
    feeds: list[str] = field(default_factory=list)  # <link rel=alternate> feeds of an HTML page
    links: list[Entry] = field(default_factory=list)  # the article links an HTML page shows
    language: str | None = None  # the whole feed's (RSS <language>, Atom xml:lang)
    warnings: list[str] = field(default_factory=list)


class DiscoverOptions(TypedDict, total=False):
    """The keywords of every discover call (``discover``, ``adiscover``, ``Fetcher.discover``,
    ``AsyncFetcher.discover``), read into one ``CrawlPlan``.

    since, until: inclusive bounds (date, datetime or ISO text) on the publication date, else the
        modification date; undated entries are left out when a bound is given.
    limit: at most this many URLs (fetching stops there).
    any_host: keep article URLs of other sites.
    sitemap_hosts: domains besides the site's own whose sitemaps and feeds may be fetched.
    include_disallowed: list URLs that robots.txt disallows for our user agent too.
    """

    since: When | str | None
    until: When | str | None
    limit: int | None
    any_host: bool
    sitemap_hosts: Iterable[str]
    include_disallowed: bool
