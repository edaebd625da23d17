"""One fetched document -> a Listing: which kind it is, and the entries, child sitemaps or
feeds it names. XML is read incrementally with defusedxml (no entity expansion, no external
references), so memory stays flat and a "billion laughs" document is refused at once."""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ._feeds import XML_LANG, atom_entry, page_feeds, rss_item
from ._model import Entry, Listing
from ._sitemaps import sitemap_child, sitemap_url, text_sitemap
from ._urls import language_code
from ._xml import local, text

__all__ = ["LISTING_KINDS", "parse_listing"]

# Root element -> (kind, the element of one entry, its reader)
_ROOTS: dict[str, tuple[str, str, Callable[[Element], Entry | None]]] = {
    "urlset": ("urlset", "url", sitemap_url),
    "sitemapindex": ("sitemapindex", "sitemap", sitemap_child),
    "rss": ("rss", "item", rss_item),
    "rdf": ("rdf", "item", rss_item),
    "feed": ("atom", "entry", atom_entry),
}
# The kinds that list articles or sitemaps (what makes a site's discovery a success).
LISTING_KINDS = frozenset({kind for kind, _, _ in _ROOTS.values()} | {"text"})


def parse_listing(data: bytes, source: str, *, content_type: str | None = None) -> Listing:
    """A sitemap, sitemap index, RSS 2.0 / Atom / RDF feed, text sitemap or HTML page, read
    without entity expansion or external references. A document that declares entities is
    skipped; a malformed one gives the entries read before the error; both with a warning."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    served_as_html = content_type in ("text/html", "application/xhtml+xml") and not head.startswith(b"<?xml")
    if served_as_html or head.startswith((b"<!doctype html", b"<html")):
        feeds, links, warnings = page_feeds(data, source)
        return Listing("html", feeds=feeds, links=links, warnings=warnings)
    if not head.startswith(b"<"):
        return text_sitemap(data, source)
    return _xml_listing(data, source)


def _xml_listing(data: bytes, source: str) -> Listing:
    listing = Listing("unknown")
    entry_tag = None
    read: Callable[[Element], Entry | None] | None = None
    in_entry = 0
    try:
        for event, elem in iterparse(io.BytesIO(data), events=("start", "end")):
            if read is None:  # the first event is the root's start
                root = local(elem.tag)
                if root not in _ROOTS:
                    listing.warnings.append(f"{source}: not a sitemap or feed (root element <{root}>)")
                    return listing
                listing.kind, entry_tag, read = _ROOTS[root]
                listing.language = language_code(elem.get(XML_LANG))  # Atom's <feed xml:lang>
                continue
            name = local(elem.tag)
            if name == entry_tag:
                in_entry += 1 if event == "start" else -1
            if event == "end" and not in_entry and name == "language" and listing.language is None:
                listing.language = language_code(text(elem))  # RSS <language>, RDF <dc:language>
            if event == "end" and name == entry_tag:
                entry = read(elem)
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
    except (ValueError, LookupError) as exc:  # an encoding expat cannot read ("utf-7", UTF-16 declared)
        kept = len(listing.entries) + len(listing.children)
        listing.warnings.append(f"{source}: unreadable XML ({exc}): kept the {kept} entries before it")
    if listing.language is not None:
        for entry in listing.entries:
            entry.language = entry.language or listing.language
    return listing
