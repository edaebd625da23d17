"""Feed readers: RSS 2.0 and RDF items, Atom entries, and the feeds an HTML page declares."""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

from selectolax.lexbor import LexborHTMLParser

from ..normalize.text import site_of
from ._model import Entry
from ._urls import language_code, looks_like_article, resolve
from ._window import read_date
from ._xml import children, local, text

__all__ = ["FEED_TYPES", "MAX_PAGE_FEEDS", "XML_LANG", "atom_entry", "page_feeds", "rss_item"]

# Feeds taken from one page's <link rel=alternate>: sites list a main feed, a comments feed and a
# few sections; more than this is a tag cloud of feeds, and each costs a request.
MAX_PAGE_FEEDS = 8
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TAG = re.compile(r"<[^<>]*>")  # not [^>]*: each "<" of a text without ">" would scan to its end


def rss_item(elem: Element) -> Entry | None:
    """RSS 2.0 and RDF (RSS 1.0) items: link (else a permalink guid, else rdf:about), pubDate or
    dc:date, title."""
    kids = children(elem)
    link = text(kids.get("link"))
    guid = kids.get("guid")
    if link is None and guid is not None and guid.get("isPermaLink", "true").lower() == "true":
        link = text(guid)
    if link is None:
        link = next((v for k, v in elem.attrib.items() if local(k) == "about"), None)
    if not link:
        return None
    published = read_date(text(kids.get("pubdate"))) or read_date(text(kids.get("date")))
    return Entry(link, published=published, title=text(kids.get("title")))


def atom_entry(elem: Element) -> Entry | None:
    link = None
    for child in elem:
        if local(child.tag) == "link" and child.get("rel", "alternate") == "alternate" and child.get("href"):
            if child.get("type", "text/html") in ("text/html", "application/xhtml+xml"):
                link = child.get("href")
                break
    if link is None:
        return None
    kids = children(elem)
    return Entry(
        link,
        published=read_date(text(kids.get("published"))),
        modified=read_date(text(kids.get("updated"))),
        title=_atom_text(kids.get("title")),
        language=language_code(elem.get(XML_LANG)),
    )


def _atom_text(elem: Element | None) -> str | None:
    """An Atom text construct as plain text: ``type="html"`` holds escaped markup."""
    value = text(elem)
    if value is None or elem is None or elem.get("type") != "html":
        return value
    return " ".join(html.unescape(_TAG.sub(" ", value)).split()) or None


def page_feeds(data: bytes, base: str) -> tuple[list[str], list[Entry], list[str]]:
    """Feeds an HTML page declares (``<link rel=alternate type=application/rss+xml|atom+xml href>``),
    resolved, and a warning for each that is no http(s) URL (left out); and the article links it
    shows (``<a href>`` on its own site that look like an article's address), in page order."""
    feeds: list[str] = []
    warnings: list[str] = []
    tree = LexborHTMLParser(data)
    for node in tree.css("link[href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().strip()
        if "alternate" in rel and kind in FEED_TYPES:
            href = (node.attributes.get("href") or "").strip()
            url = resolve(href, base)
            if url is None:
                warnings.append(f"{base}: skipped the feed {href[:100]!r}: no http(s) URL")
            else:
                feeds.append(url)
    return list(dict.fromkeys(feeds))[:MAX_PAGE_FEEDS], _article_links(tree, base), warnings


def _article_links(tree: LexborHTMLParser, base: str) -> list[Entry]:
    page = resolve(base, base)
    site = site_of(base)
    links: dict[str, Entry] = {}
    for node in tree.css("a[href]"):
        url = resolve(node.attributes.get("href") or "", base)
        if url is None or url == page or url in links or site_of(url) != site:
            continue
        if looks_like_article(url):
            links[url] = Entry(url)
    return list(links.values())
