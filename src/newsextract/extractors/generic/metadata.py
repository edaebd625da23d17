"""Description, tags, section and lead image: structured data and <meta> only."""

from __future__ import annotations

from ...document import Document
from ...normalize.text import absolute_url, clean_text
from ...record import Image
from .signals import ld_text, unique


def description(doc: Document) -> str | None:
    ld = doc.article_ld() or {}
    return doc.first_meta("og:description", "description", "twitter:description") or ld_text(
        ld.get("description")
    )


def tags(doc: Document) -> list[str] | None:
    tags = [clean_text(t) for t in doc.meta.get("article:tag", [])]
    if not tags:
        keywords = (doc.article_ld() or {}).get("keywords")
        if isinstance(keywords, str):
            tags = [clean_text(k) for k in keywords.split(",")]
        elif isinstance(keywords, list):
            tags = [clean_text(str(k)) for k in keywords]
    if not tags:
        tags = [clean_text(k) for k in (doc.first_meta("news_keywords", "keywords") or "").split(",")]
    return unique(t for t in tags if t) or None


def section(doc: Document) -> str | None:
    ld = doc.article_ld() or {}
    return doc.first_meta("article:section") or ld_text(ld.get("articleSection"))


def images(doc: Document) -> list[Image] | None:
    base = doc.url or doc.canonical
    ld_image = (doc.article_ld() or {}).get("image")
    url = doc.first_meta("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    caption = None
    if isinstance(ld_image, list) and ld_image:
        ld_image = ld_image[0]
    if isinstance(ld_image, dict):
        url = url or ld_text(ld_image.get("url") or ld_image.get("contentUrl"))
        caption = ld_text(ld_image.get("caption"))
    elif isinstance(ld_image, str):
        url = url or ld_image
    url = absolute_url(url, base)
    return [Image(url=url, caption=caption)] if url else None
