"""The generic extractor: any news page, from structured data and the shape of the DOM.

Metadata comes from JSON-LD, OpenGraph and ``<meta>`` first, then from the visible page. One
module per field, with the DOM signals they share in ``signals``:

    title       the visible headline the metadata agrees with
    authors     JSON-LD people, the printed byline, author <meta>
    dates       published / modified: structured data, printed dates, the URL, running text
    body        content scoring over the page left by ``chrome``
    language    the declared language (the record's is decided in normalize.language)
    metadata    description, tags, section, lead image
"""

from __future__ import annotations

from ...document import Document
from ...normalize.blocks import Block
from ...record import Image
from . import authors, body, dates, language, metadata, title

__all__ = ["GenericExtractor"]


class GenericExtractor:
    """Every field from structured data first, then from the page itself."""

    name = "generic"

    def title(self, doc: Document) -> str | None:
        return title.title(doc)

    def description(self, doc: Document) -> str | None:
        return metadata.description(doc)

    def authors(self, doc: Document) -> list[str] | None:
        return authors.authors(doc)

    def byline(self, doc: Document) -> str | None:
        return authors.byline(doc)

    def published(self, doc: Document) -> str | None:
        return dates.published(doc)

    def modified(self, doc: Document) -> str | None:
        return dates.modified(doc)

    def tags(self, doc: Document) -> list[str] | None:
        return metadata.tags(doc)

    def section(self, doc: Document) -> str | None:
        return metadata.section(doc)

    def images(self, doc: Document) -> list[Image] | None:
        return metadata.images(doc)

    def language(self, doc: Document) -> str | None:
        return language.language(doc)

    def body(self, doc: Document) -> list[Block] | None:
        return body.body(doc)
