"""What discovery finds: DiscoveredURL (its output) and Entry / Listing (what one document says)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ._window import When

__all__ = ["DiscoveredURL", "Entry", "Listing"]


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
