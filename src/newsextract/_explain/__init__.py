"""How a page was read: the record and a trace of the decisions behind it.

>>> from newsextract import explain
>>> report = explain(html, url="https://www.example.com/news/1")   # doctest: +SKIP
>>> [b.status for b in report.blocks]                              # doctest: +SKIP
['removed', 'outside', 'kept', 'kept', 'removed']
>>> report.to_html()                                               # doctest: +SKIP

The trace is recorded by the same extraction ``extract()`` runs (a recorder passed down, which
the extractors tell what they remove and which container they choose), so the record here is
the one ``extract()`` gives for the same arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..document import Document
from ..errors import NotAnArticleError
from ..limits import MAX_INPUT_BYTES
from ..pipeline import extract
from ..record import Article, Quote
from ._candidates import FIELDS as CANDIDATE_FIELDS
from ._candidates import FieldCandidate, candidates
from ._trace import KEPT, OUTSIDE, REMOVED, Trace, TracedBlock

__all__ = ["EXPLAIN_SCHEMA", "Explanation", "FieldCandidate", "Trace", "TracedBlock", "explain"]

EXPLAIN_SCHEMA = "newsextract-explain/1"
# Fields whose winner the candidates tables show; the record's other fields name their source
# from the extractor's provenance.
_CANDIDATE_OF = {"title": "title", "byline": "byline", "authors": "authors", "published": "published",
                 "modified": "modified", "images": "image"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Explanation:
    """The record of a page and how it was read.

    article: the record, as ``extract()`` gives it; None when the page holds no article (then
        ``error`` says why, and the blocks show what was read).
    error: ``"NotAnArticleError: ..."`` when there is no article, else None.
    url, extractor: the page's URL (as given, else its canonical URL) and the extractor that ran.
    container: the element(s) the body was taken from, as CSS selectors.
    blocks: the page's text blocks in order, each kept, removed (and by which rule) or outside.
    candidates: the values the page offers for title, byline, authors, dates and lead image, with
        where each stands and which the record's value came from.
    sources: where each field of the record came from, by record key.
    quotes, warnings: the record's (the extractor's warnings when there is no record).
    """

    article: Article | None
    error: str | None
    url: str | None
    extractor: str
    container: tuple[str, ...]
    blocks: tuple[TracedBlock, ...]
    candidates: tuple[FieldCandidate, ...]
    sources: dict[str, str]
    quotes: tuple[Quote, ...]
    warnings: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        """How many blocks are kept, removed and outside."""
        counts = {KEPT: 0, REMOVED: 0, OUTSIDE: 0}
        for block in self.blocks:
            counts[block.status] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: plain dicts, lists, strings, numbers and None."""
        by_field: dict[str, list[dict[str, object]]] = {f: [] for f in CANDIDATE_FIELDS}
        for c in self.candidates:
            by_field[c.field].append(c.to_dict())
        return {
            "schema": EXPLAIN_SCHEMA,
            "url": self.url,
            "extractor": self.extractor,
            "error": self.error,
            "article": self.article.to_dict() if self.article is not None else None,
            "sources": dict(self.sources),
            "container": list(self.container),
            "counts": self.counts(),
            "blocks": [b.to_dict() for b in self.blocks],
            "candidates": by_field,
            "quotes": [q.to_dict() for q in self.quotes],
            "warnings": list(self.warnings),
        }

    def to_html(self) -> str:
        """One self-contained HTML page (inline CSS, no scripts, no external requests)."""
        from ._html import render

        return render(self)


def explain(
    html: str | bytes,
    url: str | None = None,
    *,
    fetched_at: datetime | str | None = None,
    site_rules: bool = True,
    encoding: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Explanation:
    """Extract the page as ``extract()`` does (same arguments), recording how it was read.

    A page with no article gives an Explanation without a record (``error`` says why): what the
    extractor read and removed is what a user needs to see then. Input that is not a page at
    all raises as ``extract()`` does (ParseError, InputTooLargeError, TypeError).
    """
    trace = Trace()
    article: Article | None = None
    error: str | None = None
    try:
        article = extract(
            html,
            url,
            fetched_at=fetched_at,
            site_rules=site_rules,
            encoding=encoding,
            max_bytes=max_bytes,
            trace=trace,
        )
    except NotAnArticleError as exc:
        if trace.doc is None:
            raise
        error = f"{exc.kind}: {exc.message}"
    doc = trace.doc
    assert doc is not None  # extract() attaches the trace to every page it parses
    # The candidates are read from the page as parsed, before the extractors stripped it.
    pristine = Document.parse(html, doc.url, encoding=encoding, fetched_at=doc.fetched_at)
    raw = trace.raw
    body = article.body if article is not None else ()
    found = tuple(candidates(pristine, raw, article))
    extractor = article.extractor if article is not None else (trace.site.name if trace.site else "generic")
    return Explanation(
        article=article,
        error=error,
        url=article.url if article is not None else doc.url or doc.canonical,
        extractor=extractor,
        container=tuple(trace.container),
        blocks=tuple(trace.blocks(body)),
        candidates=found,
        sources=_sources(article, trace, found),
        quotes=article.quotes if article is not None else (),
        warnings=article.warnings if article is not None else tuple(raw.warnings if raw else ()),
    )


def _sources(article: Article | None, trace: Trace, found: tuple[FieldCandidate, ...]) -> dict[str, str]:
    """Where each record field came from: the winning candidate, the body's container, or the
    extractor that filled it (a site rule's candidate, or the generic extractor)."""
    if article is None:
        return {}
    provenance = trace.raw.provenance if trace.raw is not None else {}
    winners = {c.field: c for c in found if c.won}  # one per field
    sources: dict[str, str] = {}
    for key, value in article.to_dict().items():
        if value is None or value == "":
            sources[key] = "not found"
        elif value == [] and key in ("authors", "tags", "images"):
            sources[key] = "none found"
        elif key in _CANDIDATE_OF and (won := winners.get(_CANDIDATE_OF[key])) is not None:
            sources[key] = f"{won.kind}: {won.source}"
        elif key == "body":
            where = provenance.get("body", "generic")
            inside = ", ".join(trace.container) or "the page's script data"
            sources[key] = f"site rule: {where}" if where != "generic" else f"container: {inside}"
        elif key in provenance:
            where = provenance[key]
            sources[key] = "generic extractor" if where == "generic" else f"site rule: {where}"
        else:
            sources[key] = _DERIVED.get(key, "the pipeline")
    return sources


# Record fields the pipeline derives rather than an extractor finds.
_DERIVED = {
    "schema": "record version",
    "url": "the given URL, else the canonical URL",
    "canonical_url": "<link rel=canonical> or og:url",
    "site": "the URL's registrable domain",
    "extractor": "the extractor registry",
    "quotes": "quotation marks and attributions in the body",
    "background": "a background section's bullets in the body",
    "links": "links inside the kept body",
    "fetched_at": "the capture time given",
    "fingerprint": "SimHash of the body",
    "warnings": "the extraction",
    "language": "the body's text (and the page's declared language)",
}
