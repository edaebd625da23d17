"""SiteExtractor + Field: declarative site rules, and the engine that applies them.

A site extractor is a class that declares, per field, an ordered list of candidates::

    class ExampleExtractor(SiteExtractor):
        domains = ("example.com",)
        timezone = "America/New_York"
        strip = (".ad-slot", ".related-links")
        title = Field("h1.headline", meta("og:title"))
        authors = Field(".byline a", many=True)
        published = Field(attr("time[itemprop=datePublished]", "datetime"), jsonld("datePublished"))
        body = Field(".article-body", html=True, clean=("figure", ".inline-ad"))

A candidate is a CSS selector (the node's text), ``attr(css, name)``, ``meta(name, ...)`` or
``jsonld(key)``. A single-valued candidate counts only when it matches exactly one non-empty
node; ``many=True`` collects every match in page order. The first candidate that yields a value
wins; when all miss, the pipeline asks the generic extractor and records a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from selectolax.lexbor import LexborNode

from ..document import Document
from ..errors import NotAnArticleError
from ..normalize.blocks import Block
from ..normalize.text import absolute_url, clean_text
from ..record import Image
from .blocks import paragraphs
from .raw import FIELDS, RawArticle

__all__ = ["Candidate", "Field", "SiteExtractor", "attr", "jsonld", "meta"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a field's value may be: ``css`` text, ``css`` + ``attr``, ``meta`` keys or a JSON-LD key."""

    css: str | None = None
    attr: str | None = None
    meta: tuple[str, ...] = ()
    jsonld: str | None = None

    def __str__(self) -> str:
        if self.meta:
            return f"meta({', '.join(self.meta)})"
        if self.jsonld:
            return f"jsonld({self.jsonld})"
        return f"attr({self.css}, {self.attr})" if self.attr else str(self.css)


def attr(css: str, name: str) -> Candidate:
    """The attribute ``name`` of the node ``css`` matches."""
    return Candidate(css=css, attr=name)


def meta(*names: str) -> Candidate:
    """The first ``<meta>`` with one of these names / properties (case-insensitive)."""
    return Candidate(meta=tuple(n.lower() for n in names))


def jsonld(key: str) -> Candidate:
    """A key of the page's JSON-LD article object; ``author.name`` walks into objects and lists."""
    return Candidate(jsonld=key)


class Field:
    """An ordered list of candidates for one field, and how to read the node that matched."""

    __slots__ = ("candidates", "many", "html", "clean", "date_formats", "transform")

    def __init__(
        self,
        *candidates: str | Candidate,
        many: bool = False,
        html: bool = False,
        clean: Sequence[str] = (),
        date_formats: Sequence[str] = (),
        transform: Callable[[str], str | None] | None = None,
    ) -> None:
        if not candidates:
            raise ValueError("a Field needs at least one candidate")
        self.candidates = tuple(Candidate(css=c) if isinstance(c, str) else c for c in candidates)
        for cand in self.candidates:
            if not isinstance(cand, Candidate):
                raise TypeError(f"Field candidates are CSS strings or attr()/meta()/jsonld(), not {cand!r}")
        self.many = many
        self.html = html
        self.clean = tuple(clean)
        self.date_formats = tuple(date_formats)
        self.transform = transform

    def __repr__(self) -> str:
        return f"Field({', '.join(map(str, self.candidates))})"


# Fields a site may declare besides the record fields: the lead image is assembled from three.
IMAGE_FIELDS = ("image", "image_caption", "image_credit")

# What each declarable field holds, so a declaration that cannot apply is refused when the class
# is defined rather than failing on the first page: list fields take every match (many=True),
# single-valued ones exactly one; the body is a container read as paragraphs (html=True); only
# dates have strptime formats. ``images`` is assembled from IMAGE_FIELDS, never declared itself.
LIST_FIELDS = frozenset({"authors", "tags", "background"})
DATE_FIELDS = frozenset({"published", "modified"})
DECLARABLE = tuple(f for f in FIELDS if f != "images") + IMAGE_FIELDS


class SiteExtractor:
    """Base of every site extractor. Subclasses declare data; the engine here does the work.

    domains: registrable domains (and subdomains) the extractor serves; ``www.`` needs no entry.
    article_path: optional regex; URLs of the domain whose path does not match go elsewhere.
    timezone: IANA zone applied to timestamps printed without an offset.
    languages: dateparser languages for this site's printed dates.
    strip: selectors removed site-wide before any field is selected.
    trust_missing: fields whose absence on this site is the answer (news items without a byline):
        the generic extractor is not asked for them.
    body_required: when the body candidates all miss, the page is not an article of this site
        (an index or tag page): raise NotAnArticleError instead of asking the generic extractor.
    """

    name: ClassVar[str] = ""
    domains: ClassVar[tuple[str, ...]] = ()
    article_path: ClassVar[str | None] = None
    timezone: ClassVar[str | None] = None
    languages: ClassVar[tuple[str, ...]] = ()
    strip: ClassVar[tuple[str, ...]] = ()
    body_required: ClassVar[bool] = False
    trust_missing: ClassVar[tuple[str, ...]] = ()
    test_urls: ClassVar[tuple[str, ...]] = ()

    _fields: ClassVar[dict[str, Field]] = {}
    _path_re: ClassVar[re.Pattern[str] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Refuse a declaration that cannot work, naming the class and the field: a mistake in
        site rules is a programming error, found on import rather than on some later page."""
        super().__init_subclass__(**kwargs)
        if not cls.domains or any(not d or d != d.lower() or d.startswith("www.") for d in cls.domains):
            raise ValueError(f"{cls.__name__}.domains must be non-empty lower-case domains without www.")
        # The name goes into every record (`extractor`): the declared one, else the class's own,
        # so two extractors in one module stay apart.
        if not cls.__dict__.get("name"):
            cls.name = cls.__name__
        cls._path_re = re.compile(cls.article_path) if cls.article_path else None
        known = set(DECLARABLE)
        unknown = set(cls.trust_missing) - known - {"images"}
        if unknown:
            raise ValueError(f"{cls.__name__}.trust_missing names unknown fields: {sorted(unknown)}")
        fields: dict[str, Field] = {}
        for klass in reversed(cls.__mro__):
            for key, value in vars(klass).items():
                if isinstance(value, Field):
                    _check_field(cls.__name__, key, value)
                    fields[key] = value
        cls._fields = fields

    # ------------------------------------------------------------------ routing
    @classmethod
    def matches_path(cls, path: str) -> bool:
        return cls._path_re is None or cls._path_re.search(path) is not None

    @classmethod
    def declares(cls, field: str) -> bool:
        return field in cls._fields or (field == "images" and "image" in cls._fields)

    @classmethod
    def date_formats(cls, field: str) -> tuple[str, ...]:
        """The strptime formats a date Field declares (tried before any guessing)."""
        spec = cls._fields.get(field)
        return spec.date_formats if spec is not None else ()

    # ------------------------------------------------------------------ engine
    def extract(self, doc: Document) -> RawArticle:
        """Apply the declared fields to ``doc``; missing fields stay None for the pipeline to fill."""
        root = doc.body
        for selector in self.strip:
            for node in root.css(selector):
                if doc.trace is not None:
                    doc.trace.removed(node, "site rule strip", selector)
                node.decompose()
        raw = RawArticle()
        for name, spec in self._fields.items():
            if name in IMAGE_FIELDS or name == "body":
                continue
            value, source = self.select(spec, doc)
            if value is not None:
                setattr(raw, name, value)
                raw.provenance[name] = source
        raw.images = self._images(doc)
        if "body" in self._fields:
            value, source = self.select(self._fields["body"], doc)
            if value:
                raw.body = value
                raw.provenance["body"] = source
            elif self.body_required:
                raise NotAnArticleError(
                    f"no article body on this {self.name} page (tried {self._fields['body']!r})"
                )
        return self.postprocess(raw, doc)

    def postprocess(self, raw: RawArticle, doc: Document) -> RawArticle:
        """Hook for what data cannot express; an override must say in a comment why."""
        return raw

    def select(self, spec: Field, doc: Document) -> tuple[Any, str]:
        """The first candidate of ``spec`` that yields a value, and its description."""
        for cand in spec.candidates:
            value = self._candidate(spec, cand, doc)
            if value:
                return value, str(cand)
        return None, ""

    def _candidate(self, spec: Field, cand: Candidate, doc: Document) -> Any:
        if cand.meta:
            if spec.many:
                return [
                    clean_text(v) for k in cand.meta for v in doc.meta.get(k, []) if clean_text(v)
                ] or None
            return _finish(spec, doc.first_meta(*cand.meta))
        if cand.jsonld:
            return _from_jsonld(spec, doc, cand.jsonld)
        assert cand.css is not None
        nodes = (doc.tree if cand.attr else doc.body).css(cand.css)
        if spec.html:
            nodes = [n for n in nodes if n.text(strip=True)]
            if len(nodes) != 1:
                return None
            if doc.trace is not None:
                doc.trace.site_body(doc.body, nodes[0], spec.clean)
            return self.read_body(nodes[0], spec)
        values = []
        for node in nodes:
            for selector in spec.clean:
                for junk in node.css(selector):
                    junk.decompose()
            text = node.attributes.get(cand.attr) if cand.attr else node.text(deep=True)
            text = _finish(spec, text)
            if text:
                values.append(text)
        if spec.many:
            return values or None
        return values[0] if len(values) == 1 else None

    def read_body(self, container: LexborNode, spec: Field) -> list[Block] | None:
        """Paragraphs of the body container after the field's ``clean`` selectors are removed."""
        for selector in spec.clean:
            for junk in container.css(selector):
                junk.decompose()
        return paragraphs(container) or None

    def _images(self, doc: Document) -> list[Image] | None:
        if "image" not in self._fields:
            return None
        url, _ = self.select(self._fields["image"], doc)
        if not url:
            return None
        caption = credit = None
        if "image_caption" in self._fields:
            caption, _ = self.select(self._fields["image_caption"], doc)
        if "image_credit" in self._fields:
            credit, _ = self.select(self._fields["image_credit"], doc)
        return [Image(url=absolute_url(url, doc.url or doc.canonical), caption=caption, credit=credit)]


def _check_field(owner: str, key: str, spec: Field) -> None:
    """TypeError naming ``owner.key`` when the Field cannot fill that field as declared."""
    where = f"{owner}.{key}"
    if key == "images":
        raise TypeError(f"{where}: declare the lead image as image, image_caption and image_credit Fields")
    if key not in DECLARABLE:
        raise TypeError(f"{where}: not a field site rules can fill (one of {', '.join(DECLARABLE)})")
    if key in LIST_FIELDS and not spec.many:
        raise TypeError(f"{where} is a list: declare it with many=True to collect every match")
    if key not in LIST_FIELDS and spec.many:
        hint = "; for the people credited, declare authors = Field(..., many=True)" if key == "byline" else ""
        raise TypeError(f"{where} holds one value, so many=True cannot apply{hint}")
    if key == "body" and not spec.html:
        raise TypeError(f"{where}: the body is a container read as paragraphs: declare html=True")
    if key != "body" and spec.html:
        raise TypeError(f"{where}: html=True reads a container's paragraphs and applies to body only")
    if key == "body" and spec.transform is not None:
        raise TypeError(f"{where}: transform applies to text fields, not to the body's paragraphs")
    if spec.date_formats and key not in DATE_FIELDS:
        raise TypeError(f"{where}: date_formats apply to published and modified only")
    for cand in spec.candidates:
        if key == "body" and not cand.css:
            raise TypeError(f"{where}: the body is read from an element; {cand} gives no container")


def _finish(spec: Field, text: str | None) -> str | None:
    text = clean_text(text)
    if text and spec.transform is not None:
        text = clean_text(spec.transform(text))
    return text or None


def _from_jsonld(spec: Field, doc: Document, key: str) -> Any:
    values: list[Any] = [doc.article_ld() or {}]
    for part in key.split("."):
        nxt: list[Any] = []
        for value in values:
            items = value if isinstance(value, list) else [value]
            nxt.extend(
                item.get(part) for item in items if isinstance(item, dict) and item.get(part) is not None
            )
        values = nxt
    flat: list[str] = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, (str, int, float)):
                text = _finish(spec, str(item))
                if text:
                    flat.append(text)
    if spec.many:
        return flat or None
    return flat[0] if len(flat) == 1 else None
