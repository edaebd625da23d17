"""extract(): bytes | str -> Article. The boundary where errors get their URL and extractor."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from .document import Document
from .errors import ExtractionError, InputTooLargeError, NewsExtractError, NotAnArticleError
from .extractors import GenericExtractor, SiteExtractor, lookup
from .extractors.raw import FIELDS, RawArticle
from .limits import MAX_INPUT_BYTES
from .normalize.blocks import Block
from .normalize.dates import after_capture, capture_time, parse_date, to_iso
from .normalize.fingerprint import fingerprint
from .normalize.header import without_header
from .normalize.language import language_of
from .normalize.lists import background_bullets
from .normalize.people import split_byline
from .normalize.quotes import MAX_QUOTES, find_quotes
from .normalize.text import absolute_url, clean_text, http_url, reading_length, site_of
from .record import Article, Image, Link

if TYPE_CHECKING:
    from ._recorder import Recorder

__all__ = ["extract"]

# Less body text than this (in Latin characters' worth) is a stub, a gallery or an index page.
MIN_ARTICLE_CHARS = 120
_URL_YEAR = re.compile(r"/((?:19|20)\d{2})/\d{1,2}/")

_GENERIC = GenericExtractor()


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    fetched_at: datetime | str | None = None,
    site_rules: bool = True,
    encoding: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    trace: Recorder | None = None,
) -> Article:
    """Extract the article of one page.

    html: the page, as text or as the bytes fetched (decoded here: BOM, ``encoding``,
        ``<meta charset>``, then detection).
    url: the page's URL; picks the site extractor and resolves relative links.
    fetched_at: capture time (datetime or ISO 8601 text); relative dates ("2 hours ago") resolve
        against it.
    site_rules: False runs the generic extractor only.
    encoding: the charset the server declared (HTTP ``Content-Type``), if any.
    max_bytes: larger input (bytes, or characters of text) raises InputTooLargeError; the
        fetcher's limit by default.
    trace: a recorder the extractors tell each decision (``newsextract.explain`` passes one);
        None, the default, records nothing and costs nothing. The Article is the same either way.

    Raises ParseError (not HTML), NotAnArticleError (no article on the page) or, for a bug,
    ExtractionError chained to the original exception; TypeError for an argument of the wrong
    type. Metadata that is the wrong kind of value is a hint lost, not a page lost: a url that
    is not an absolute http(s) URL, a fetched_at that is no real capture time (not ISO 8601,
    or outside CAPTURE_YEARS) and an encoding that is no charset, or one the bytes contradict,
    are ignored with a warning.
    """
    if not isinstance(html, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be str, not {type(url).__name__}")
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"encoding must be str, not {type(encoding).__name__}")
    hints: list[str] = []
    if url and http_url(url) is None:
        # The URL is a hint (site rules, relative links): an archive's odd target URI costs it, not the page.
        hints.append(f"url: {url[:80]!r} is not an absolute http(s) URL; ignored")
        url = None
    if len(html) > max_bytes:
        raise InputTooLargeError(f"{len(html)} bytes, over the {max_bytes}-byte limit", url=url)
    captured = _capture_time(fetched_at, hints)
    site: SiteExtractor | None = None
    try:
        doc = Document.parse(html, url, encoding=encoding, fetched_at=captured)
        if trace is not None:
            trace.attach(doc)  # before any extractor strips the tree
        site = lookup(url or doc.canonical) if site_rules else None
        raw = _run(site, doc)
        raw.warnings[:0] = hints + doc.warnings
        if trace is not None:
            trace.found(raw, site)
        return _build(raw, doc, site)
    except NewsExtractError as exc:
        exc.url = exc.url or url
        exc.extractor = exc.extractor or (site.name if site else _GENERIC.name)
        raise
    except (RecursionError, MemoryError) as exc:
        error = ExtractionError(f"page too deeply nested or too large: {type(exc).__name__}", url=url)
        error.expected = True  # a property of the input, not a bug to report
        raise error from exc
    except Exception as exc:  # a bug in extractor code: report it with its cause attached
        name = site.name if site else _GENERIC.name
        raise ExtractionError(
            f"{type(exc).__name__} in extractor {name}: {exc}", url=url, extractor=name
        ) from exc


# Years a capture can be dated in: the web is younger than 1990, and no archive is dated 2100 or
# later (a WARC-Date of 9999-12-31 is a placeholder or a broken clock). Outside them the capture
# time is ignored: resolving "5 hours ago" against it would be meaningless, and near the ends of
# datetime's range the arithmetic overflows. A fixed range, not the clock, keeps extract() a
# pure function of its input.
CAPTURE_YEARS = range(1990, 2100)


def _capture_time(fetched_at: datetime | str | None, hints: list[str]) -> datetime | None:
    """The caller's capture time, or None with a warning when it cannot be a real one
    (TypeError for a value of another type)."""
    try:
        captured = capture_time(fetched_at)
    except ValueError:
        assert isinstance(fetched_at, str)  # capture_time raises ValueError for text only
        hints.append(f"fetched_at: {fetched_at[:60]!r} is not an ISO 8601 time; ignored")
        return None
    if captured is not None and captured.year not in CAPTURE_YEARS:
        hints.append(f"fetched_at: {to_iso(captured)} is no real capture time; ignored")
        return None
    return captured


def _run(site: SiteExtractor | None, doc: Document) -> RawArticle:
    """Site rules first; the generic extractor fills every field they leave empty."""
    raw = site.extract(doc) if site is not None else RawArticle()
    for name in FIELDS:
        if getattr(raw, name) or name == "background":
            continue
        if site is not None and name in site.trust_missing:
            continue
        getter = getattr(_GENERIC, name, None)
        if getter is None:
            continue
        value = getter(doc)
        if value:
            setattr(raw, name, value)
            raw.provenance[name] = "generic"
            if site is not None and site.declares(name):
                raw.warnings.append(f"{name}: site rules missed; used generic")
    return raw


def _build(raw: RawArticle, doc: Document, site: SiteExtractor | None) -> Article:
    warnings = list(raw.warnings)
    title = clean_text(raw.title) or None
    blocks = without_header(raw.body or [], title, clean_text(raw.byline) or None)
    body = [b.text for b in blocks]
    if sum(reading_length(p) for p in body) < MIN_ARTICLE_CHARS:
        raise NotAnArticleError("no article text on the page")

    url = doc.url or doc.canonical
    if not url:
        warnings.append("url: not given and the page names no canonical URL")

    language, language_warnings = language_of(raw.language, body)
    warnings += language_warnings

    if raw.provenance.get("authors") == "generic":
        authors = list(raw.authors or ())  # cleaned there, organisations it credits included
    else:
        authors = split_byline(raw.authors) if raw.authors else []
    printed = split_byline(raw.byline) if raw.byline else []
    if len(printed) > len(authors) and {a.casefold() for a in authors} <= {p.casefold() for p in printed}:
        authors = printed  # the visible byline names everyone structured data names, and more
    if not authors:
        warnings.append("authors: no byline found")

    languages = (site.languages if site else ()) or ((language,) if language else ())
    year_hint = _url_year(url)
    published = _date("published", raw.published, site, languages, doc, year_hint, warnings)
    modified = _date("modified", raw.modified, site, languages, doc, year_hint, warnings, quiet=True)

    if title is None:
        warnings.append("title: not found")
    background = raw.background if raw.background is not None else background_bullets(blocks)
    quotes = find_quotes(body)
    if len(quotes) >= MAX_QUOTES:
        warnings.append(f"quotes: stopped at {MAX_QUOTES} quotations")
    return Article(
        url=url,
        canonical_url=doc.canonical,
        site=site_of(url),
        language=language,
        extractor=site.name if site else _GENERIC.name,
        title=title,
        description=clean_text(raw.description) or None,
        byline=clean_text(raw.byline) or None,
        authors=tuple(authors),
        published=published,
        modified=modified,
        body=tuple(body),
        body_tags=tuple(b.tag for b in blocks),
        quotes=tuple(quotes),
        background=tuple(background),
        tags=tuple(raw.tags or ()),
        section=clean_text(raw.section) or None,
        images=_http_images(raw.images or (), warnings),
        links=_links(blocks, _link_base(doc, url)),
        fetched_at=to_iso(doc.fetched_at),
        fingerprint=fingerprint(body),
        warnings=tuple(warnings),
    )


def _http_images(images: Iterable[Image], warnings: list[str]) -> tuple[Image, ...]:
    """The images with only absolute http(s) URLs: another URL (``file:``, ``javascript:``, one
    left relative for want of a base) is dropped with a warning, and so is an image left with
    neither URL nor caption nor credit."""
    kept = []
    for image in images:
        if image.url is not None and http_url(image.url) is None:
            warnings.append(f"images: {image.url[:80]!r} is not an absolute http(s) URL; ignored")
            image = replace(image, url=None)
            if not (image.caption or image.credit):
                continue
        kept.append(image)
    return tuple(kept)


def _links(blocks: Iterable[Block], base: str | None) -> tuple[Link, ...]:
    """The links of the body's paragraphs, in order, each with its paragraph's index: only those
    that resolve to an absolute http(s) URL (not ``mailto:``, ``javascript:``, a ``#fragment``
    of the page itself, nor a relative link on a page whose base is unknown), and only those
    that show text or an image."""
    links = []
    for index, block in enumerate(blocks):
        for anchor in block.links:
            href = anchor.href.strip()
            if not href or href.startswith("#") or not (anchor.text or anchor.image):
                continue
            # An absolute http(s) href needs no resolving (most of a body's links): one check.
            url = http_url(
                href if href[:8].lower().startswith(("http://", "https://")) else absolute_url(href, base)
            )
            if url is not None:
                links.append(Link(url=url, text=anchor.text, paragraph=index))
    return tuple(links)


def _link_base(doc: Document, url: str | None) -> str | None:
    """What relative links resolve against: the page's first ``<base href>`` (itself resolved
    against the page URL), when it is an http(s) URL; else the page URL."""
    node = doc.tree.css_first("base[href]")
    if node is not None:
        base = http_url(absolute_url(node.attributes.get("href"), url))
        if base is not None:
            return base
    return url


def _url_year(url: str | None) -> int | None:
    m = _URL_YEAR.search(url or "")
    return int(m.group(1)) if m else None


def _date(
    field: str,
    text: str | None,
    site: SiteExtractor | None,
    languages: tuple[str, ...],
    doc: Document,
    year_hint: int | None,
    warnings: list[str],
    *,
    quiet: bool = False,
) -> str | None:
    if not text:
        if not quiet:
            warnings.append(f"{field}: not found")
        return None
    year_hint = year_hint or (doc.fetched_at.year if doc.fetched_at else None)
    value = parse_date(
        text,
        tz=site.timezone if site else None,
        languages=languages,
        formats=site.date_formats(field) if site else (),
        fetched_at=doc.fetched_at,
        year_hint=year_hint,
    )
    if value is None:
        warnings.append(f"{field}: could not parse {text[:60]!r}")
        return None
    if after_capture(value, doc.fetched_at):
        warnings.append(f"{field}: {text[:60]!r} is later than the capture time; dropped")
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        warnings.append(f"{field}: the page gives no UTC offset; wall time kept without one")
    elif isinstance(value, date) and not isinstance(value, datetime):
        warnings.append(f"{field}: the page gives no time of day")
    return to_iso(value)
