"""The record newsextract emits (schema ``newsextract/1``), and its one serializer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SCHEMA", "Article", "Image", "Link", "Quote", "json_schema"]

SCHEMA = "newsextract/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Quoted speech in the body.

    text: the quoted words without the quote marks (a trailing comma that belongs to the
        attribution is dropped).
    speaker: the person (or organisation) the words are attributed to, or ``None``.
    paragraph: index into ``Article.body`` of the paragraph that holds the quote (where it
        begins, for a quotation that runs over several paragraphs: one quote, its text joined).
    """

    text: str
    speaker: str | None
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker, "paragraph": self.paragraph}


@dataclass(frozen=True, slots=True, kw_only=True)
class Image:
    """An image of the article, lead image first.

    url: absolute http(s) URL of the image (``None`` when the page shows no such source for it).
    caption: the caption as printed, or ``None``.
    credit: the photographer / agency / source line as printed, or ``None``.
    """

    url: str | None
    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit}


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A hyperlink inside the kept body, in page order.

    url: absolute http(s) URL of the link (relative and protocol-relative hrefs resolved
        against the page's ``<base href>``, else its URL).
    text: the anchor text as shown, whitespace collapsed (empty for a link around an image only).
    paragraph: index into ``Article.body`` of the paragraph where the link's text begins.
    """

    url: str
    text: str
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "text": self.text, "paragraph": self.paragraph}


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article, as a clean record (schema ``newsextract/1``).

    Fields (``to_dict()`` keys, in this order):

    schema: always ``"newsextract/1"``.
    url: the page's URL (the final URL after redirects when fetched; else the URL the caller
        gave; else the page's canonical URL; else ``None`` with a warning). Every URL in the
        record (``url``, ``canonical_url``, image and link URLs) is an absolute http(s) URL: any
        other (``javascript:``, ``file:``, protocol-relative without a base) is dropped with a
        warning; a body link that is none (``mailto:``, ``#top``) is no link of the record.
    canonical_url: ``<link rel=canonical>`` or ``og:url``, or ``None``.
    site: registrable domain of ``url``, e.g. ``pravda.com.ua``; ``None`` when ``url`` is.
    language: ISO 639-1 code (``en``, ``uk``, ``ru``, ...) or ``None``.
    extractor: name of the site extractor that ran, or ``"generic"``.
    title: the headline as shown on the page (not the SEO ``<title>``), or ``None``.
    description: standfirst / lead / ``og:description``, or ``None``.
    byline: the byline as printed, or ``None``.
    authors: the credited authors in page order: person names, cleaned ("By", roles, dates,
        e-mails removed); an organisation (agency, desk: "dpa", "BBC News") only where the page
        credits it as author, in the byline or as the structured-data author.
    published: ISO 8601 in the site's local time with its UTC offset
        (``2024-07-12T19:50:00+03:00``); without an offset only when the page gives none and the
        site's time zone is unknown (then ``warnings`` says so); or ``None``.
    modified: same form as ``published``.
    body: the article's paragraphs in order; subheadings and list items are paragraphs too;
        no ads, share widgets, appeals, captions, tags, related or recent news.
    quotes: quoted speech in the body (see ``Quote``).
    background: bullets of a background / context / key-points section; they stay in ``body``.
    tags: topics, subjects, keywords shown on the page.
    section: the site section, or ``None``.
    images: lead image first (see ``Image``).
    links: hyperlinks inside the kept body, in order (see ``Link``); links in removed chrome
        are not the article's.
    fetched_at: the capture time (fetch time, WARC-Date, or the caller's ``fetched_at``), ISO 8601
        with its offset, or ``None``.
    fingerprint: 64-bit SimHash of the body's word shingles as 16 lowercase hex digits
        (``normalize.fingerprint`` documents the algorithm); near-duplicate bodies differ in few
        of its bits; ``None`` for a body without a word.
    warnings: what was missing or guessed, e.g. ``"published: site rules missed; used generic"``.
    """

    url: str | None
    canonical_url: str | None = None
    site: str | None = None
    language: str | None = None
    extractor: str = "generic"
    title: str | None = None
    description: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    body: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    background: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    section: str | None = None
    images: tuple[Image, ...] = ()
    links: tuple[Link, ...] = ()
    fetched_at: str | None = None
    fingerprint: str | None = None
    warnings: tuple[str, ...] = ()
    schema: str = field(default=SCHEMA)
    # The tag of each body paragraph ("p", "h2", "li", "blockquote", ...), for the text and
    # Markdown renderings; not part of the record (to_dict leaves it out).
    body_tags: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.body)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict with exactly the keys of schema ``newsextract/1``."""
        return {
            "schema": self.schema,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "language": self.language,
            "extractor": self.extractor,
            "title": self.title,
            "description": self.description,
            "byline": self.byline,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "body": list(self.body),
            "quotes": [q.to_dict() for q in self.quotes],
            "background": list(self.background),
            "tags": list(self.tags),
            "section": self.section,
            "images": [i.to_dict() for i in self.images],
            "links": [link.to_dict() for link in self.links],
            "fetched_at": self.fetched_at,
            "fingerprint": self.fingerprint,
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The record as JSON (UTF-8 text, non-ASCII kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


_STRINGS = {"type": "array", "items": {"type": "string"}}
_DATE = {
    "type": ["string", "null"],
    "description": "ISO 8601, site-local wall time with its UTC offset",
    "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$",
}


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``Article.to_dict()``.

    Every key of the record is required and typed; further top-level keys are admitted, because
    keys are only ever added within ``newsextract/1``: a reader holding an older copy of this
    schema keeps validating newer records. A key that changed meaning or type would be a new
    schema version.
    """
    props: dict[str, Any] = {
        "schema": {"const": SCHEMA},
        "url": _nullable("string"),
        "canonical_url": _nullable("string"),
        "site": _nullable("string"),
        "language": {"type": ["string", "null"], "pattern": "^[a-z]{2}$"},
        "extractor": {"type": "string"},
        "title": _nullable("string"),
        "description": _nullable("string"),
        "byline": _nullable("string"),
        "authors": _STRINGS,
        "published": _DATE,
        "modified": _DATE,
        "body": _STRINGS,
        "quotes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "speaker": _nullable("string"),
                    "paragraph": {"type": "integer", "minimum": 0},
                },
                "required": ["text", "speaker", "paragraph"],
                "additionalProperties": False,
            },
        },
        "background": _STRINGS,
        "tags": _STRINGS,
        "section": _nullable("string"),
        "images": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "url": _nullable("string"),
                    "caption": _nullable("string"),
                    "credit": _nullable("string"),
                },
                "required": ["url", "caption", "credit"],
                "additionalProperties": False,
            },
        },
        "links": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "url": {"type": "string"},
                    "text": {"type": "string"},
                    "paragraph": {"type": "integer", "minimum": 0},
                },
                "required": ["url", "text", "paragraph"],
                "additionalProperties": False,
            },
        },
        "fetched_at": _nullable("string"),
        "fingerprint": {"type": ["string", "null"], "pattern": "^[0-9a-f]{16}$"},
        "warnings": _STRINGS,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/newsextract/newsextract/schema/newsextract-1.json",
        "title": "newsextract article record",
        "description": (Article.__doc__ or "").strip().splitlines()[0],
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": True,
    }
