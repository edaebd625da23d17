"""RawArticle: what an extractor found, before normalisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalize.blocks import Block
from ..record import Image

__all__ = ["FIELDS", "RawArticle"]

# The fields an extractor may fill, in the order the pipeline asks for them. The body comes last
# because finding it strips the tree.
FIELDS = (
    "title",
    "description",
    "byline",
    "authors",
    "published",
    "modified",
    "tags",
    "section",
    "images",
    "language",
    "body",
    "background",
)


@dataclass(slots=True)
class RawArticle:
    """Every field optional; strings as they appeared on the page."""

    title: str | None = None
    description: str | None = None
    byline: str | None = None
    authors: list[str] | None = None
    published: str | None = None
    modified: str | None = None
    tags: list[str] | None = None
    section: str | None = None
    images: list[Image] | None = None
    language: str | None = None
    body: list[Block] | None = None
    background: list[str] | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
