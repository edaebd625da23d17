"""bytes | str -> Document: charset detection, one Lexbor parse, metadata harvested up front.

Metadata (JSON-LD, OpenGraph, ``<meta>``, canonical link, ``<html lang>``) is read before any
extractor strips the tree, so removing chrome can never remove the page's structured data.
A Document is used by one extraction: extractors strip chrome from its tree in place.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .errors import ParseError
from .normalize.text import absolute_url, http_url

if TYPE_CHECKING:
    from ._recorder import Recorder

__all__ = ["Document", "decode_html", "tame_markup"]

log = logging.getLogger(__name__)

# Where a declaration may stand: the HTML Standard's prescan looks at 1024 bytes; real pages put
# long comments and scripts first, so we look further (the cost is one regex over a few KB).
_PRESCAN_BYTES = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels pages use that Python spells differently, or that the HTML Standard maps elsewhere.
_CHARSET_ALIASES = {
    "iso-8859-1": "windows-1252",  # HTML Standard: latin-1 labels mean windows-1252
    "latin1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "x-cp1251": "windows-1251",
    "win-1251": "windows-1251",
    "utf8": "utf-8",
    "unicode": "utf-8",
}
# A text page has almost no control bytes; images, PDFs and archives have many.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MAX_CONTROL_SHARE = 0.01
_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
_TAG_BYTES = re.compile(rb"<\s*[a-zA-Z!/?]")

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)


# Python codecs that a charset label can name but that no page is written in; UTF-7 is kept
# out by the HTML standard (a script-injection vector).
_NOT_PAGE_CHARSETS = frozenset(
    {"undefined", "punycode", "idna", "utf-7", "unicode-escape", "raw-unicode-escape", "mbcs", "oem"}
)


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label, or None if Python cannot decode it as text."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # ValueError: a label with a NUL in it ("utf-8\x00")
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_CHARSETS:
        return None  # base64, rot13, punycode...: codecs, but no page is written in them
    return info.name


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


@lru_cache(maxsize=64)
def _ascii_compatible(name: str) -> bool:
    """Whether the charset reads ASCII bytes as ASCII (UTF-8, the Windows and ISO code pages, the
    legacy CJK ones); UTF-16/32 and the EBCDIC code pages do not."""
    return _PRINTABLE_ASCII.decode(name, errors="replace") == _PRINTABLE_ASCII.decode("ascii")


def _contradicted(head: bytes, name: str) -> bool:
    """Whether the bytes contradict a charset that does not read ASCII as ASCII: the page shows
    more markup read as ASCII than read in that charset. A UTF-16 page without a BOM is half
    NUL bytes, which read as ASCII break every tag; an EBCDIC page's "<" is byte 0x4C; an ASCII
    page read as either shows none, or a few stray ones ("La" reads as "</" in EBCDIC)."""
    if _ascii_compatible(name):
        return False
    if name.startswith(("utf-16", "utf-32")):
        head = head[: len(head) - len(head) % 4]  # whole code units
    as_declared = len(_TAG.findall(head.decode(name, errors="replace")))
    return len(_TAG_BYTES.findall(head)) > as_declared


def _byte_order(head: bytes, name: str) -> str:
    """``utf-16-le`` or ``utf-16-be`` (``utf-32-…``) for text declared without its byte order:
    markup is mostly ASCII, whose zero bytes come after the character's byte in little-endian
    text and before it in big-endian."""
    width = 2 if name == "utf-16" else 4
    low_zeros = head[width - 1 :: width].count(0)  # last byte of each unit: zero in little-endian ASCII
    high_zeros = head[::width].count(0)  # first byte: zero in big-endian ASCII
    return f"{name}-be" if high_zeros > low_zeros else f"{name}-le"


def decode_html(data: bytes, declared: str | None = None, *, source: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return ``(text, encoding)``.

    Order: byte-order mark; a declaration of a charset that does not read ASCII as ASCII
    (UTF-16, EBCDIC) when the bytes bear it out; UTF-8 when the bytes are valid UTF-8 beyond
    ASCII (whatever is declared: no other charset's text is valid UTF-8 by chance); the
    charset the caller declares (HTTP ``Content-Type``), then ``<meta charset>`` /
    ``http-equiv``, each when the bytes fit it (a declared UTF-8 fits bytes that are mostly
    UTF-8: a few stray bytes are replaced); statistical detection (charset-normalizer).
    A declaration the bytes contradict is skipped, not obeyed.
    """
    text, name = _decoded(data, declared, source, utf8_as_bytes=False)
    assert isinstance(text, str)
    return text, name


def _decoded(
    data: bytes,
    declared: str | None,
    source: str | None,
    *,
    utf8_as_bytes: bool,
    notes: list[str] | None = None,
) -> tuple[str | bytes, str]:
    """decode_html's decision; with ``utf8_as_bytes``, a page found to be valid UTF-8 comes back
    as its bytes (without a BOM), which Lexbor parses as they are: decoding it to str only for
    Lexbor to encode it again is work for nothing. Declarations that were not obeyed
    are noted in ``notes`` (the record's warnings)."""
    notes = [] if notes is None else notes
    if not data.strip():
        raise ParseError("empty input", url=source)
    name: str | None
    for bom, name in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            if name == "utf-8" and utf8_as_bytes and _is_utf8(data):
                return data, name
            return data.decode(name, errors="replace"), name
    head = data[:_PRESCAN_BYTES]
    given = _codec(declared)
    refused: set[str] = set()  # declarations already found false: noted once
    if declared and declared.strip() and given is None:
        notes.append(f"charset: {declared[:40]!r} (the caller's encoding) is no charset; ignored")
    if given in ("utf-16", "utf-32"):  # no BOM (handled above) to say which end comes first
        given = _byte_order(head, given)
    if given and not _ascii_compatible(given):
        # UTF-16/32 text is half zero bytes: decoded as the caller says before it looks binary.
        if _contradicted(head, given):
            notes.append(f"charset: the bytes contradict the caller's encoding {given}; not obeyed")
        else:
            try:
                return data.decode(given), given
            except UnicodeDecodeError:
                notes.append(f"charset: the bytes do not fit the caller's encoding {given}; not obeyed")
        refused.add(given)
        given = None
    if len(_CONTROL_BYTES.findall(head)) > _MAX_CONTROL_SHARE * len(head):
        raise ParseError("not HTML: binary data", url=source)

    candidates: dict[str, str] = {given: declared.strip()} if given and declared else {}  # codec: label
    for m in _META_CHARSET.finditer(head):
        label = m.group(1).decode("ascii", "ignore")
        name = _codec(label)
        if not name or name in candidates or name in refused:
            continue
        if _contradicted(head, name):  # a <meta> read as ASCII naming UTF-16 or EBCDIC
            notes.append(f"charset: the bytes contradict the page's <meta> charset {name}; not obeyed")
            refused.add(name)
            continue
        candidates[name] = label
    ascii_only = data.isascii()  # a C scan
    if not ascii_only and _is_utf8(data):
        first = next(iter(candidates), "utf-8")
        if first != "utf-8":
            notes.append(f"charset: declared {candidates[first]}, but the bytes are UTF-8; read as UTF-8")
        return (data if utf8_as_bytes else data.decode("utf-8")), "utf-8"
    for name in candidates:
        if name == "utf-8":
            if ascii_only:
                return (data if utf8_as_bytes else data.decode("ascii")), name
            stray = _invalid_utf8(data)
            if stray is None:
                log.debug("declared charset utf-8 does not fit the bytes of %s", source)
                continue
            notes.append(f"charset: {stray} invalid UTF-8 sequences in a page declared UTF-8; replaced")
            return data.decode("utf-8", errors="replace"), name
        try:
            return data.decode(name), name
        except UnicodeError:  # UnicodeDecodeError, or a codec that is no charset at all
            log.debug("declared charset %s does not fit the bytes of %s", name, source)
    if ascii_only:
        return (data if utf8_as_bytes else data.decode("ascii")), "utf-8"
    from charset_normalizer import from_bytes  # imported here: most pages never need it

    best = from_bytes(data[:65536]).best()
    name = _codec(best.encoding) if best is not None else None
    if name is None:
        name = next(iter(candidates), "utf-8")
    return data.decode(name, errors="replace"), name


def _is_utf8(data: bytes) -> bool:
    if data.isascii():  # a C scan, no decoding
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _invalid_utf8(data: bytes) -> int | None:
    """How many invalid UTF-8 sequences ``data`` holds, when it is mostly UTF-8 (its valid
    characters beyond ASCII outnumber them: a page in another charset read as UTF-8 has next to
    none, a UTF-8 page with a pasted Windows quote has many); else None."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return replaced if beyond_ascii > replaced else None


@dataclass(slots=True)
class Document:
    """A parsed page and what it says about itself before anything is stripped.

    tree: the Lexbor parse. Extractors remove chrome from it in place.
    url: the URL the caller gave (None when unknown).
    encoding: the charset the bytes were decoded with (``None`` for str input).
    fetched_at: capture time; relative dates resolve against it.
    meta: ``<meta>`` values by lower-cased name / property / itemprop, in page order.
    jsonld: every JSON-LD object on the page (``@graph`` and lists flattened).
    canonical: the page's canonical URL: ``<link rel=canonical>``, else ``og:url``, resolved
        against ``url``; only an absolute http(s) URL (a ``javascript:`` or ``file:`` one is
        ignored with a warning), so every link resolved against it is one too.
    lang: ``<html lang>`` (or ``content-language``) as written.
    memo: values derived once per extraction and asked for by more than one field (the byline).
    warnings: what was wrong with the page's own metadata and ignored (a charset the bytes
        contradict, a canonical URL that is no http(s) URL); the record's warnings start with them.
    trace: the recorder of ``newsextract.explain``, which extractors tell what they decide;
        None (the default) for a plain extraction, which then records nothing.
    """

    tree: LexborHTMLParser
    url: str | None = None
    encoding: str | None = None
    fetched_at: datetime | None = None
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    canonical: str | None = None
    lang: str | None = None
    memo: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    trace: Recorder | None = None

    @classmethod
    def parse(
        cls,
        html: str | bytes,
        url: str | None = None,
        *,
        encoding: str | None = None,
        fetched_at: datetime | None = None,
    ) -> Document:
        """Decode (for bytes), parse once, and harvest metadata."""
        used: str | None = None
        notes: list[str] = []
        markup: str | bytes
        if isinstance(html, (bytes, bytearray, memoryview)):
            markup, used = _decoded(bytes(html), encoding, url, utf8_as_bytes=True, notes=notes)
        elif isinstance(html, str):
            markup = html
        else:
            raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
        if isinstance(markup, str):
            if not markup.strip():
                raise ParseError("empty input", url=url)
            if "\x00" in markup[:_PRESCAN_BYTES]:
                raise ParseError("not HTML: binary data", url=url)
            if not _TAG.search(markup[: _PRESCAN_BYTES * 8]):
                raise ParseError("not HTML: no markup found", url=url)
        elif not _TAG_BYTES.search(markup[: _PRESCAN_BYTES * 8]):  # UTF-8: empty and binary are refused
            raise ParseError("not HTML: no markup found", url=url)
        tree = LexborHTMLParser(tame_markup(markup))
        if not _has_text(tree):
            # A <title> left open (a damaged save) is text to the end of the page, as HTML says:
            # closed at its first tag, the page is read as its author wrote it.
            title = tree.css_first("title")
            closed = _closed_title(markup) if title is not None and "<" in title.text() else None
            if closed is not None:
                tree = LexborHTMLParser(tame_markup(closed))
            if not _has_text(tree):
                raise ParseError("not HTML: the page has no visible text", url=url)
        doc = cls(tree=tree, url=url, encoding=used, fetched_at=fetched_at, warnings=notes)
        doc._harvest()
        return doc

    # ------------------------------------------------------------------ harvest
    def _harvest(self) -> None:
        tree = self.tree
        link = None
        for node in tree.css(_METADATA):  # one walk for the three kinds, in page order
            if node.tag == "script":
                self.jsonld.extend(_parse_jsonld(node.text(deep=True)))
                continue
            if node.tag == "link":
                link = link or node
                continue
            attrs = node.attributes
            key = (
                attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
            )
            value = attrs.get("content") or attrs.get("value")  # some saved pages (and CMSs) write value=
            if key and value and value.strip():
                self.meta.setdefault(key.strip().lower(), []).append(value.strip())
        self.canonical = self._canonical_url(link.attributes.get("href") if link else None)
        root = tree.root  # the <html> element, without a walk to find it
        lang = root.attributes.get("lang") if root is not None else None
        self.lang = (lang or self.first_meta("content-language", "og:locale") or "").strip() or None

    def _canonical_url(self, link_href: str | None) -> str | None:
        """The first of the canonical link and ``og:url`` that resolves to an absolute http(s)
        URL; the others are noted in ``warnings``."""
        for href in (link_href, self.first_meta("og:url")):
            href = (href or "").strip()
            if not href:
                continue
            url = http_url(absolute_url(href, self.url))
            if url:
                return url
            self.warnings.append(f"canonical_url: {href[:80]!r} is not an absolute http(s) URL; ignored")
        return None

    def first_meta(self, *keys: str) -> str | None:
        """The first non-empty ``<meta>`` value among ``keys`` (lower-case)."""
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    def article_ld(self) -> dict[str, Any] | None:
        """The page's JSON-LD article object (NewsArticle, Article, ReportageNews, ...), if any."""
        for obj in self.jsonld:
            if _types(obj) & ARTICLE_TYPES:
                return obj
        return None

    @property
    def body(self) -> LexborNode:
        body = self.tree.body
        assert body is not None  # parse() refuses trees without a body
        return body


# What the harvest reads: <meta> values, JSON-LD blocks, the canonical link.
_METADATA = 'meta:is([content], [value]), script[type="application/ld+json"], link[rel="canonical"][href]'


def _has_text(tree: LexborHTMLParser) -> bool:
    """Whether the body holds any text but white space: the first such text node ends the
    walk (reading the whole body's text costs far more)."""
    if tree.body is None:
        return False
    for node in tree.body.traverse(include_text=True):
        if node.is_text_node and (text := node.text_content) and not text.isspace():
            return True
    return False


# Markup that makes the Lexbor parse itself quadratic, so no alarm can stop it: block elements
# nested tens of thousands deep (div, section, ul...; inline ones are cheap) and a tag with tens
# of thousands of attributes, each seconds inside the parse. Real pages stay far
# below both: the 582 dev pages have at most 23,000 tags and nest at most ~630 deep by the
# count below, which knows no implied end tags. Below MIN_SUSPECT_CHARS neither can cost more
# than a few milliseconds, and pages with a usual number of tags skip the scan on one count.
MAX_DEPTH = 3000
MAX_ATTRIBUTES = 1000
_MIN_SUSPECT_CHARS = 128 * 1024
_MANY_TAGS = 20_000
# Fewer tags than this per character: the page is one huge tag (or one huge text).
_FEW_TAGS = 1 / 2000
# The ">" is optional so that a tag left open runs to the end of the page in one match: required,
# every later "<" would be tried against the rest of the page again (100,000 "<a": minutes).
_START_OR_END_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)(>?)")
_ATTRIBUTE = re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Kept at any depth, so the flattened text keeps its paragraphs and headings.
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li pre".split())


_OPEN_TITLE = re.compile(r"<title\b[^>]*>[^<]*", re.IGNORECASE)


def _closed_title(markup: str | bytes) -> str | None:
    """``markup`` with a <title> that is never closed closed at the first tag after it; None when
    the page's title is closed (nothing to mend)."""
    text = markup.decode("utf-8") if isinstance(markup, bytes) else markup
    start = text.lower().find("<title")
    if start < 0 or "</title>" in text.lower():
        return None
    m = _OPEN_TITLE.match(text, start)
    if m is None:
        return None
    return text[: m.end()] + "</title>" + text[m.end() :]


def tame_markup(html: str | bytes) -> str | bytes:
    """The page with nesting beyond MAX_DEPTH flattened (the tags go, their text stays) and
    attributes beyond MAX_ATTRIBUTES dropped; other pages unchanged. Bytes are UTF-8: counted
    in bytes, a page is never less suspect than counted in characters."""
    if len(html) < _MIN_SUSPECT_CHARS:
        return html
    tags = html.count(b"<") if isinstance(html, bytes) else html.count("<")
    if _FEW_TAGS * len(html) < tags < _MANY_TAGS:
        return html  # as many tags as pages have: neither deep nor one tag of every attribute
    if isinstance(html, bytes):
        html = html.decode("utf-8")  # valid: only checked UTF-8 is handed over as bytes
    pieces: list[str] = []
    last = depth = 0
    for m in _START_OR_END_TAG.finditer(html):
        closing, name, rest, closed = m.groups()
        if not closed:
            break  # open to the end of the page: the parser drops such a tag with all it holds
        replacement: str | None = None
        if closing:
            if depth > MAX_DEPTH and name.lower() not in _PARAGRAPH_TAGS:
                replacement = ""
            depth = max(0, depth - 1)
        else:
            if name.lower() not in _VOID and not rest.endswith("/"):
                depth += 1
                if depth > MAX_DEPTH and name.lower() not in _PARAGRAPH_TAGS:
                    replacement = ""
            if replacement is None and len(rest) > MAX_ATTRIBUTES * 2:
                attributes = _ATTRIBUTE.findall(rest)
                if len(attributes) > MAX_ATTRIBUTES:
                    replacement = f"<{name} {' '.join(attributes[:MAX_ATTRIBUTES])}>"
        if replacement is not None:
            pieces += (html[last : m.start()], replacement)
            last = m.end()
    if not pieces:
        return html
    log.debug(
        "pathological markup tamed (nesting beyond %d or over %d attributes)", MAX_DEPTH, MAX_ATTRIBUTES
    )
    pieces.append(html[last:])
    return "".join(pieces)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return {kind.lower()}
    if isinstance(kind, list):
        return {k.lower() for k in kind if isinstance(k, str)}
    return set()


# Wrappers some pages put around a JSON-LD block (tested at the ends: a regex with a "$" branch
# is tried at every character of a long block).
_JSON_OPENERS = ("<!--", "//<![CDATA[", "<![CDATA[")
_JSON_CLOSERS = ("-->", "//]]>", "]]>")


def _unwrapped(text: str) -> str:
    """The JSON inside an HTML comment or CDATA wrapper."""
    for opener in _JSON_OPENERS:
        if text.startswith(opener):
            text = text[len(opener) :].lstrip()
            break
    for closer in _JSON_CLOSERS:
        if text.endswith(closer):
            text = text[: -len(closer)].rstrip()
            break
    return text


def _parse_jsonld(text: str) -> list[dict[str, Any]]:
    """JSON-LD objects of one script, flattened; broken JSON yields nothing (pages often break it)."""
    text = _unwrapped(text.strip())
    if not text:
        return []
    try:
        data: Any = json.loads(text)
    except RecursionError:
        log.debug("JSON-LD block nested too deep: skipped")
        return []
    except ValueError:
        try:  # trailing garbage after a valid object, or raw newlines inside strings
            data, _ = json.JSONDecoder(strict=False).raw_decode(text)
        except (ValueError, RecursionError):
            log.debug("unparseable JSON-LD block skipped")
            return []
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, (list, dict)):
                stack.append(graph)
            main = item.get("mainEntity")
            if isinstance(main, dict) and _types(main) & ARTICLE_TYPES:
                stack.append(main)
    return out
