"""The values a page offers for its title, byline and authors, dates and lead image, each with
where it stands, read from the page as parsed (before anything was stripped).

The extractors decide among these by their own rules; this lists what they had to choose from
and marks the ones the record's value came from, so a reader sees both the winner and the
candidates that lost."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Document
from ..extractors.generic.authors import _AUTHOR_META, _BYLINE_SELECTORS
from ..extractors.generic.dates import (
    _DATE_CLASS_SELECTOR,
    _DATE_META,
    _MODIFIED_META,
    _PUBLISHED_LABEL,
    _URL_DATE,
    _WEAK_DATE_META,
    _labelled_date,
    _shown_text,
)
from ..extractors.generic.signals import as_list, ld_text
from ..normalize.dates import looks_like_date, parse_date
from ..normalize.people import split_byline
from ..normalize.text import absolute_url, clean_text, fold
from ._trace import describe

if TYPE_CHECKING:
    from ..extractors.raw import RawArticle
    from ..record import Article

__all__ = ["FIELDS", "FieldCandidate", "candidates"]

# The fields whose candidates are listed, in the report's order.
FIELDS = ("title", "byline", "authors", "published", "modified", "image")
# Printed candidates read per selector: the first few say where the page puts them.
MAX_ELEMENTS = 6
MAX_PRINTED_CHARS = 120

_TITLE_META = ("og:title", "twitter:title", "dc.title", "dcterms.title")
_IMAGE_META = ("og:image", "og:image:url", "twitter:image", "twitter:image:src")


@dataclass(frozen=True, slots=True)
class FieldCandidate:
    """A value the page offers for ``field``.

    kind: ``json-ld``, ``meta``, ``element`` (printed in the page), ``text`` (found in the
        running text), ``url``, ``site rule`` or ``derived`` (the extractor built the value from the others: a trimmed <title>, a time
        printed beside a day).
    source: where exactly: the JSON-LD key, the <meta> name, the element as a CSS selector, the
        site rule's candidate.
    won: the record's value came from it: the first candidate, in the order the extractor
        tries them, that gives the value it chose.
    agrees: a later candidate that gives the same value.
    """

    field: str
    value: str
    kind: str
    source: str
    won: bool = False
    agrees: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "kind": self.kind,
            "source": self.source,
            "won": self.won,
            "agrees": self.agrees,
        }


def candidates(doc: Document, raw: RawArticle | None, article: Article | None) -> list[FieldCandidate]:
    """Every field's candidates in FIELDS order; within a field, in the order the generic
    extractor tries them."""
    provenance = raw.provenance if raw is not None else {}
    chosen = _chosen(raw, article)
    out: list[FieldCandidate] = []
    for field in FIELDS:
        found = list(dict.fromkeys(_offered(field, doc)))  # one row per (value, kind, source)
        value = chosen.get(field)
        marked: list[FieldCandidate] = []
        for v, kind, source in found:
            same = value is not None and _same(field, v, value)
            first = same and not any(c.won for c in marked)
            marked.append(FieldCandidate(field, v, kind, source, won=first, agrees=same and not first))
        site_rule = provenance.get(_RAW_FIELD.get(field, field))
        if field == "image" and raw is not None and raw.images and site_rule is None:
            site_rule = "image"  # a site's image Field (the generic one is noted as "generic")
        if value and site_rule and site_rule != "generic":
            marked.insert(0, FieldCandidate(field, value, "site rule", site_rule, won=True))
            marked = [c if c.kind == "site rule" else _lost(c) for c in marked]
        elif value and not any(c.won for c in marked):
            marked.append(FieldCandidate(field, value, "derived", "generic extractor", won=True))
        out += marked
    return out


# Record fields by the names FIELDS gives them.
_RAW_FIELD = {"image": "images"}


def _lost(c: FieldCandidate) -> FieldCandidate:
    return FieldCandidate(c.field, c.value, c.kind, c.source, agrees=c.won or c.agrees)


def _chosen(raw: RawArticle | None, article: Article | None) -> dict[str, str]:
    """The value each field's candidates are held against: what the extractor found (the
    record's value where the extractor's is unknown)."""
    chosen: dict[str, str] = {}
    if raw is not None:
        for field in ("title", "byline", "published", "modified"):
            if text := getattr(raw, field):
                chosen[field] = clean_text(text)
        if raw.authors:
            chosen["authors"] = ", ".join(raw.authors)
        if raw.images and raw.images[0].url:
            chosen["image"] = raw.images[0].url
    if article is not None:
        if article.authors:
            chosen["authors"] = ", ".join(article.authors)
        if article.images and article.images[0].url:
            chosen["image"] = article.images[0].url
    return chosen


def _same(field: str, offered: str, value: str) -> bool:
    if field in ("published", "modified"):
        if offered.strip() == value.strip():
            return True
        a, b = parse_date(offered, fuzzy=False), parse_date(value, fuzzy=False)
        return a is not None and a == b
    if field == "authors":
        names = {n.casefold() for n in split_byline(offered)} or {offered.casefold()}
        return bool(names) and names <= {n.strip().casefold() for n in value.split(",")}
    if field == "image":
        return offered == value
    return fold(offered) == fold(value)


def _offered(field: str, doc: Document) -> Iterator[tuple[str, str, str]]:
    """(value, kind, source) of each place the page gives ``field``."""
    ld = doc.article_ld() or {}
    if field == "title":
        for tag in ("h1", "h2"):
            yield from _printed(doc, tag, limit=MAX_ELEMENTS if tag == "h1" else 2)
        yield from _metas(doc, _TITLE_META)
        yield from _ld(ld, "headline")
        node = doc.tree.css_first("title")
        if node is not None and (text := clean_text(node.text())):
            yield text, "element", "<title>"
    elif field == "byline":
        for selector in _BYLINE_SELECTORS:
            yield from _printed(doc, selector, limit=2)
    elif field == "authors":
        for person in as_list(ld.get("author")):
            name = ld_text(person.get("name") if isinstance(person, dict) else person)
            if name and not name.startswith("http"):
                yield clean_text(name), "json-ld", "author"
        yield from _metas(doc, _AUTHOR_META)
    elif field == "published":
        yield from _ld(ld, "datePublished", "dateCreated")
        yield from _metas(doc, _DATE_META)
        for node in doc.tree.css("time[datetime]")[:MAX_ELEMENTS]:
            yield node.attributes.get("datetime") or "", "element", f"{describe(node)}[datetime]"
        for value, kind, source in _printed(doc, _DATE_CLASS_SELECTOR, limit=MAX_ELEMENTS):
            if looks_like_date(value):
                yield value, kind, source
        if labelled := _labelled_date(_shown_text(doc), _PUBLISHED_LABEL):
            yield labelled, "text", "a date the text labels as the publication"
        yield from _metas(doc, _WEAK_DATE_META)
        if m := _URL_DATE.search(doc.url or doc.canonical or ""):
            yield f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", "url", "the URL's path"
    elif field == "modified":
        yield from _ld(ld, "dateModified")
        yield from _metas(doc, _MODIFIED_META)
    elif field == "image":
        base = doc.url or doc.canonical
        for key in _IMAGE_META:
            for value in doc.meta.get(key, [])[:1]:
                if url := absolute_url(value, base):
                    yield url, "meta", key
        for item in as_list(ld.get("image"))[:1]:
            url = ld_text(item.get("url") or item.get("contentUrl") if isinstance(item, dict) else item)
            if url and (url := absolute_url(url, base)):
                yield url, "json-ld", "image"


def _ld(ld: dict[str, object], *keys: str) -> Iterator[tuple[str, str, str]]:
    for key in keys:
        if text := ld_text(ld.get(key)):
            yield clean_text(text), "json-ld", key


def _metas(doc: Document, keys: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    for key in keys:
        for value in doc.meta.get(key, [])[:2]:
            if text := clean_text(value):
                yield text, "meta", key


def _printed(doc: Document, selector: str, *, limit: int) -> Iterator[tuple[str, str, str]]:
    """The short texts of the first ``limit`` elements ``selector`` matches in the body."""
    for node in doc.body.css(selector)[:limit]:
        text = clean_text(node.text(separator=" "))
        if text and len(text) <= MAX_PRINTED_CHARS:
            yield text, "element", describe(node)
