"""Sitemap readers: ``<url>`` of a urlset (Google News fields included), ``<sitemap>`` of an
index, and the protocol's plain-text form."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ._model import Entry, Listing
from ._urls import language_code
from ._window import read_date
from ._xml import children, text

__all__ = ["sitemap_child", "sitemap_url", "text_sitemap"]


def sitemap_url(elem: Element) -> Entry | None:
    kids = children(elem)
    loc = text(kids.get("loc"))
    if loc is None:
        return None
    entry = Entry(loc, modified=read_date(text(kids.get("lastmod"))))
    news = kids.get("news")  # Google News sitemap: <news:news><news:publication_date>, <news:title>
    if news is not None:
        parts = children(news)
        entry.published = read_date(text(parts.get("publication_date")))
        entry.title = text(parts.get("title"))
        publication = parts.get("publication")
        if publication is not None:
            entry.language = language_code(text(children(publication).get("language")))
    return entry


def sitemap_child(elem: Element) -> Entry | None:
    kids = children(elem)
    loc = text(kids.get("loc"))
    return Entry(loc, modified=read_date(text(kids.get("lastmod")))) if loc else None


def text_sitemap(data: bytes, source: str) -> Listing:
    """The sitemap protocol's plain-text form: one URL a line."""
    lines = data.decode("utf-8", errors="replace").splitlines()
    urls = [line.strip() for line in lines if line.strip()]
    if not urls or not all(u.startswith(("http://", "https://")) for u in urls):
        return Listing("unknown", warnings=[f"{source}: not a sitemap or feed"])
    return Listing("text", entries=[Entry(u) for u in urls])
