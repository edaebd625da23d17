"""Batch inputs -> a stream of Items: WARC / WARC.gz, folders of pages, JSONL, URL lists.

JSONL lines carry a page (``html``, with ``url`` and ``fetched_at`` optional) or only a ``url``
to fetch (what ``newsextract discover`` writes), which the runner downloads like a URL list.

Every input record becomes exactly one Item: a page to extract, a non-HTML record to skip (and
count), or a reading error (a truncated archive) that the runner turns into an error record.
An Item's ``key`` names it uniquely and stably (file + record offset, line or path), which is
what --resume uses to know what was done.

``iter_items(path, take=...)`` asks ``take`` about each record's ``source`` before reading the
record, and passes over the ones it refuses unread: a page file is not opened, a WARC record's
HTTP headers are not parsed nor its body read. Each batch worker walks every input that way and
takes only its own share, so the page bytes never travel between processes. The records, their
order and their sources are the same whatever ``take`` says (a record whose body cannot be read
is still its own Item, an error), which is what lets the workers agree on every record's place.
With ``sites`` (``--site``), a taken record whose URL the input names before the page (a WARC
record's target URI, a JSONL line's or URL list's ``url``) and is on none of them is an Item
skipped for ``site``: a WARC record's HTTP headers are not parsed nor its payload read.

Nothing is read whole that the input decides the size of: a page or WARC record past
``max_bytes`` is an error Item, unread, and JSONL and URL-list lines are read with a bound (a
line past it is that line's error Item, skipped to its end in chunks), so one 1.5 GB line costs
a chunk of memory, not 1.5 GB.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import NewsExtractError
from ..limits import MAX_INPUT_BYTES, read_bounded
from ..normalize.dates import capture_time
from .filters import on_sites

__all__ = [
    "SOURCE_SCHEMA",
    "Item",
    "Take",
    "can_stride",
    "input_files",
    "iter_items",
    "jsonl_line_limit",
    "missing_inputs",
    "source_key",
]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
# A JSONL line is its page as a JSON string, escaped, plus a few short fields: JSON escaping at
# most triples a page's UTF-8 bytes (a Cyrillic letter, 2 bytes, as \u0438; an emoji, 4, as a
# 12-byte surrogate pair), and the other fields (url, fetched_at) fit in FIELDS_BYTES.
JSON_ESCAPE_FACTOR = 3
FIELDS_BYTES = 64 * 1024
# The longest line of a URL list read: far past any URL a server accepts.
MAX_URL_LINE = 64 * 1024
# Bytes read at a time while skipping the rest of an over-long line.
SKIP_CHUNK = 1 << 20
# The keys an Item's ``source`` may have (JSON Schema; the Parquet sink's ``source`` column).
SOURCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "file": {"type": "string"},
        "offset": {"type": "integer", "description": "WARC: the record's offset in the file"},
        "line": {"type": "integer", "description": "JSONL and URL lists: the line number"},
        "after": {"type": "boolean", "description": "the archive is unreadable after offset"},
    },
}


@dataclass(slots=True)
class Item:
    """One input record. ``data`` is None for skipped records and reading errors."""

    source: dict[str, Any]
    url: str | None = None
    data: bytes | None = None
    encoding: str | None = None
    fetched_at: datetime | None = None
    skip: str | None = None  # why a record is skipped: not HTML, or a filter's reason ("site")
    error: tuple[str, str] | None = None  # (kind, message) when the record could not be read
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return source_key(self.source)


def source_key(source: dict[str, Any]) -> str:
    """The ``key`` of the Item with this ``source``, known before the record is read. The file
    is named by its resolved path: an input is the same input however it is spelled."""
    file = source.get("file")
    if isinstance(file, str):
        source = {**source, "file": os.path.realpath(file)}
    return json.dumps(source, sort_keys=True)


def jsonl_line_limit(max_bytes: int) -> int:
    """The longest JSONL line read for pages of at most ``max_bytes``."""
    return JSON_ESCAPE_FACTOR * max_bytes + FIELDS_BYTES


# Asked about each record's source, in input order, before the record is read: True to read it.
Take = Callable[[dict[str, Any]], bool]


def input_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their page files (sorted); keep other paths as given; each file once."""
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
            )
        else:
            files.append(path)
    # The same input named twice, however spelled, is one input (the first spelling names it).
    unique: dict[str, Path] = {}
    for path in files:
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values())


def missing_inputs(inputs: Iterable[str | Path]) -> list[str]:
    """The inputs that name no file or folder, as given."""
    return [str(raw) for raw in inputs if not Path(raw).exists()]


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc.gz", ".warc.zst", ".warc.lz4")):
        return "warc"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith(PAGE_SUFFIXES):
        return "page"
    if name.endswith((".txt", ".urls")):
        return "urls"
    return "page"


def is_warc(path: Path) -> bool:
    return _kind(path) == "warc"


def can_stride(path: Path) -> bool:
    """A WARC archive or a page file: its Items come from the file alone (nothing to download),
    and a record can be passed over without being read, so each worker can walk it whole."""
    return _kind(path) in ("warc", "page")


def count_items(path: Path) -> int:
    """How many Items ``path`` gives, counted without reading any page (for a progress total):
    one per page file, one per non-empty JSONL line, one per URL line."""
    kind = _kind(path)
    if kind == "page" or not path.exists():
        return 1
    try:
        with _open_lines(path) as fh:
            count = 0
            for _, raw in _lines(fh, SKIP_CHUNK):
                text = raw.strip() if raw is not None else b"x"  # an over-long line counts too
                count += bool(text) and not (kind == "urls" and text.startswith(b"#"))
            return count
    except (OSError, EOFError):
        return 1  # unreadable: its one error line


def _take_all(source: dict[str, Any]) -> bool:
    return True


def iter_items(
    path: Path,
    take: Take = _take_all,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    sites: frozenset[str] = frozenset(),
) -> Iterator[Item]:
    """The Items of one input file, those ``take`` accepts (each asked once, in order); pages
    and records over ``max_bytes`` are error Items, unread; with ``sites``, records whose URL
    is known before reading and is on none of them are Items skipped for ``site``, unread.

    Records ``take`` refuses are not read: a page file is not opened, a WARC record's headers
    are not parsed nor its body inflated further than finding the next record needs. (JSONL
    lines and URL lists are cheap to read and are filtered after reading.)
    """
    if not path.exists():
        source = {"file": str(path)}
        if take(source):
            yield Item(source=source, error=("FileNotFoundError", f"no such file: {path}"))
        return
    kind = _kind(path)
    if kind == "warc":
        yield from _warc(path, take, max_bytes, sites)
    elif kind in ("jsonl", "urls"):
        items = _jsonl(path, max_bytes) if kind == "jsonl" else _urls(path)
        for item in items:
            if take(item.source):
                if sites and item.url is not None and item.error is None and not on_sites(item.url, sites):
                    yield Item(source=item.source, url=item.url, skip="site")
                else:
                    yield item
    elif take({"file": str(path)}):
        yield _page(path, max_bytes)


def _page(path: Path, max_bytes: int) -> Item:
    source = {"file": str(path)}
    try:
        with path.open("rb") as fh:
            data = read_bounded(fh, max_bytes, source=str(path))
    except OSError as exc:
        return Item(source=source, error=(type(exc).__name__, str(exc)))
    except NewsExtractError as exc:
        return Item(source=source, error=(exc.kind, exc.message))
    return Item(source=source, data=data)


def _warc(path: Path, take: Take, max_bytes: int, sites: frozenset[str]) -> Iterator[Item]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType  # the [batch] reader, imported when needed

    last = 0
    try:
        with path.open("rb") as stream:
            # HTTP headers are parsed per record, for the records taken only (parse_http below).
            records = ArchiveIterator(
                stream, record_types=WarcRecordType.response | WarcRecordType.resource, parse_http=False
            )
            for record in records:
                last = record.stream_pos
                source = {"file": str(path), "offset": record.stream_pos}
                if take(source):
                    yield _off_site(record, source, sites) or _record(record, source, max_bytes)
    except OSError as exc:  # truncated gzip member, broken record: the rest of the file is unreadable
        source = {"file": str(path), "offset": last, "after": True}
        if take(source):
            yield Item(
                source=source,
                error=("TruncatedArchive", f"archive unreadable after offset {last}: {exc}"),
            )


def _off_site(record: Any, source: dict[str, Any], sites: frozenset[str]) -> Item | None:
    """The Item of a WARC record skipped for ``site`` (its target URI is on none of ``sites``),
    or None to read it. The WARC headers are parsed already: the URI costs a lookup, and the
    record's HTTP headers and payload are never touched."""
    if not sites:
        return None
    url = _header(record, "WARC-Target-URI")
    return None if on_sites(url, sites) else Item(source=source, url=url, skip="site")


def _record(record: Any, source: dict[str, Any], max_bytes: int) -> Item:
    """The Item of one WARC record, read. A record that fails to read is its own error Item and
    the iteration goes on, as it does past a record not read at all: the sequence of records
    must not depend on which of them were read (batch workers each read a share).

    The record's metadata (target URI, WARC-Date, HTTP charset) is handed over as the archive
    says it, or None where it cannot be read: extract() judges it, and a bad value costs that
    value (with a warning), not the page."""
    from fastwarc.warc import WarcRecordType

    url = _header(record, "WARC-Target-URI")
    truncated = ("TruncatedRecord", f"record at offset {record.stream_pos} is truncated")
    try:
        if record.is_http:
            record.parse_http()  # content_length is now the payload's
        mime = (record.http_content_type or _header(record, "Content-Type") or "").split(";")[0]
        mime = mime.strip().lower()
        if not _header(record, "Content-Length") or not record.content_length:
            # Content-Length is mandatory in WARC: without it the record was cut off (a truncated
            # gzip member ends the file this way).
            return Item(source=source, url=url, error=truncated)
        if record.record_type == WarcRecordType.response and not record.is_http:
            return Item(source=source, url=url, skip="response record of another protocol (dns:, ...)")
        if mime and mime not in HTML_TYPES:
            return Item(source=source, url=url, skip=f"not HTML: {mime}")
        if record.content_length > max_bytes:  # not read: a huge record costs nothing
            limit = f"{record.content_length} bytes, over the {max_bytes}-byte limit"
            return Item(source=source, url=url, error=("InputTooLargeError", limit))
        data = record.reader.read(max_bytes + 1)
    except OSError as exc:
        return Item(source=source, url=url, error=(truncated[0], f"{truncated[1]}: {exc}"))
    if len(data) < record.content_length:
        # An archive cut short ends inside its last record, which the reader hands out as if
        # whole: fewer bytes than the record declares is a truncation.
        return Item(source=source, url=url, error=truncated)
    return Item(
        source=source,
        url=url,
        data=data,
        encoding=_charset(record),
        fetched_at=_record_date(record),
    )


def _header(record: Any, name: str) -> str | None:
    value = record.headers.get(name)
    return value if isinstance(value, str) else None


def _charset(record: Any) -> str | None:
    try:
        return record.http_charset or None
    except (ValueError, UnicodeError):  # a header fastwarc cannot decode
        return None


def _record_date(record: Any) -> datetime | None:
    """WARC-Date as a datetime; None where it is not a date a datetime holds."""
    try:
        date = record.record_date
    except (ValueError, OverflowError):
        return None
    return date if isinstance(date, datetime) else None


@contextmanager
def _open_lines(path: Path) -> Iterator[BinaryIO]:
    """A JSONL or URL-list file as bytes, gunzipped when its name ends in .gz."""
    with gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb") as fh:
        yield fh  # type: ignore[misc]


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for each line of ``fh``; None for a line longer than ``limit``
    bytes, whose rest is skipped in SKIP_CHUNK pieces (so it never sits in memory whole)."""
    number = 0
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = fh.readline(SKIP_CHUNK)
        yield number, None


def _jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    limit = jsonl_line_limit(max_bytes)
    number = 0
    try:
        with _open_lines(path) as fh:
            for number, raw in _lines(fh, limit):
                source = {"file": str(path), "line": number}
                if raw is None:
                    too_long = (
                        f"line {number}: longer than {limit} bytes (a page over the {max_bytes}-byte limit)"
                    )
                    yield Item(source=source, error=("InputTooLargeError", too_long))
                elif raw.strip():
                    yield _jsonl_item(raw.decode("utf-8", "replace"), source, number, max_bytes)
    except (OSError, EOFError) as exc:  # a broken or truncated .gz: the rest of the file is unreadable
        yield Item(
            source={"file": str(path), "line": number, "after": True},
            error=("TruncatedArchive", f"unreadable: {exc}"),
        )


def _jsonl_item(line: str, source: dict[str, Any], number: int, max_bytes: int) -> Item:
    try:
        row = json.loads(line)
        if isinstance(row, dict) and "html" not in row and isinstance(row.get("url"), str):
            # a URL to fetch, as `newsextract discover` writes them
            return Item(source=source, url=row["url"], extra={"fetch": True})
        html = row["html"]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        return Item(
            source=source,
            error=(
                "BadInputLine",
                f"line {number}: needs a JSON object with 'html' (a page) or 'url' (to fetch): {exc}",
            ),
        )
    if not isinstance(html, str):
        return Item(source=source, error=("BadInputLine", f"line {number}: 'html' is not a string"))
    data = html.encode("utf-8", "replace")  # a lone surrogate (an escaped ud800) as "?"
    if len(data) > max_bytes:
        too_large = f"line {number}: a page of {len(data)} bytes, over the {max_bytes}-byte limit"
        return Item(source=source, error=("InputTooLargeError", too_large))
    url = row.get("url")
    if url is not None and not isinstance(url, str):
        return Item(source=source, error=("BadInputLine", f"line {number}: 'url' is not a string"))
    try:
        fetched_at = capture_time(row.get("fetched_at"))
    except (
        TypeError,
        ValueError,
        OverflowError,
    ) as exc:  # one bad line is that line's error, not the batch's
        return Item(source=source, error=("BadInputLine", f"line {number}: {exc}"))
    return Item(source=source, url=url, data=data, encoding="utf-8", fetched_at=fetched_at)


def _urls(path: Path) -> Iterator[Item]:
    """URL lists are fetched by the runner (politely, concurrently): Items carry only the URL."""
    with _open_lines(path) as fh:
        for number, raw in _lines(fh, MAX_URL_LINE):
            source = {"file": str(path), "line": number}
            if raw is None:
                yield Item(
                    source=source, error=("BadInputLine", f"line {number}: longer than {MAX_URL_LINE} bytes")
                )
                continue
            url = raw.decode("utf-8", "replace").strip()
            if url and not url.startswith("#"):
                yield Item(source=source, url=url, extra={"fetch": True})
