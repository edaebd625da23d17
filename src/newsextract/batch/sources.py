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
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import NewsExtractError
from ..limits import MAX_INPUT_BYTES, read_bounded
from ..normalize.dates import capture_time

__all__ = ["SOURCE_SCHEMA", "Item", "Take", "can_stride", "input_files", "iter_items", "source_key"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
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
    skip: str | None = None  # why a record is skipped (not HTML)
    error: tuple[str, str] | None = None  # (kind, message) when the record could not be read
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return source_key(self.source)


def source_key(source: dict[str, Any]) -> str:
    """The ``key`` of the Item with this ``source``, known before the record is read."""
    return json.dumps(source, sort_keys=True)


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
    return list(dict.fromkeys(files))  # the same input named twice is one input


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
        if kind == "jsonl":
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
                return sum(1 for line in lines if line.strip())
        with path.open(encoding="utf-8", errors="replace") as lines:
            return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))
    except OSError:
        return 1  # unreadable: its one error line


def _take_all(source: dict[str, Any]) -> bool:
    return True


def iter_items(path: Path, take: Take = _take_all) -> Iterator[Item]:
    """The Items of one input file, those ``take`` accepts (each asked once, in order).

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
        yield from _warc(path, take)
    elif kind in ("jsonl", "urls"):
        yield from (item for item in (_jsonl(path) if kind == "jsonl" else _urls(path)) if take(item.source))
    elif take({"file": str(path)}):
        yield _page(path)


def _page(path: Path) -> Item:
    source = {"file": str(path)}
    try:
        with path.open("rb") as fh:
            data = read_bounded(fh, source=str(path))
    except OSError as exc:
        return Item(source=source, error=(type(exc).__name__, str(exc)))
    except NewsExtractError as exc:
        return Item(source=source, error=(exc.kind, exc.message))
    return Item(source=source, data=data)


def _warc(path: Path, take: Take) -> Iterator[Item]:
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
                    yield _record(record, source)
    except OSError as exc:  # truncated gzip member, broken record: the rest of the file is unreadable
        source = {"file": str(path), "offset": last, "after": True}
        if take(source):
            yield Item(
                source=source,
                error=("TruncatedArchive", f"archive unreadable after offset {last}: {exc}"),
            )


def _record(record: Any, source: dict[str, Any]) -> Item:
    """The Item of one WARC record, read. A record that fails to read is its own error Item and
    the iteration goes on, as it does past a record not read at all: the sequence of records
    must not depend on which of them were read (batch workers each read a share)."""
    from fastwarc.warc import WarcRecordType

    url = record.headers.get("WARC-Target-URI")
    truncated = ("TruncatedRecord", f"record at offset {record.stream_pos} is truncated")
    try:
        if record.is_http:
            record.parse_http()  # content_length is now the payload's
        mime = (record.http_content_type or record.headers.get("Content-Type") or "").split(";")[0]
        mime = mime.strip().lower()
        if not record.headers.get("Content-Length") or not record.content_length:
            # Content-Length is mandatory in WARC: without it the record was cut off (a truncated
            # gzip member ends the file this way).
            return Item(source=source, url=url, error=truncated)
        if record.record_type == WarcRecordType.response and not record.is_http:
            return Item(source=source, url=url, skip="response record of another protocol (dns:, ...)")
        if mime and mime not in HTML_TYPES:
            return Item(source=source, url=url, skip=f"not HTML: {mime}")
        if record.content_length > MAX_INPUT_BYTES:  # not read: a huge record costs nothing
            limit = f"{record.content_length} bytes, over the {MAX_INPUT_BYTES}-byte limit"
            return Item(source=source, url=url, error=("InputTooLargeError", limit))
        data = record.reader.read(MAX_INPUT_BYTES + 1)
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
        encoding=record.http_charset or None,
        fetched_at=record.record_date,
    )


def _jsonl(path: Path) -> Iterator[Item]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            source = {"file": str(path), "line": number}
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if isinstance(row, dict) and "html" not in row and isinstance(row.get("url"), str):
                    # a URL to fetch, as `newsextract discover` writes them
                    yield Item(source=source, url=row["url"], extra={"fetch": True})
                    continue
                html = row["html"]
            except (ValueError, KeyError, TypeError) as exc:
                yield Item(
                    source=source,
                    error=(
                        "BadInputLine",
                        f"line {number}: needs a JSON object with 'html' (a page) or 'url' (to fetch): {exc}",
                    ),
                )
                continue
            data = html.encode("utf-8") if isinstance(html, str) else None
            if data is None:
                yield Item(source=source, error=("BadInputLine", f"line {number}: 'html' is not a string"))
                continue
            try:
                fetched_at = capture_time(row.get("fetched_at"))
            except (TypeError, ValueError) as exc:  # one bad line is that line's error, not the batch's
                yield Item(source=source, error=("BadInputLine", f"line {number}: {exc}"))
                continue
            yield Item(source=source, url=row.get("url"), data=data, encoding="utf-8", fetched_at=fetched_at)


def _urls(path: Path) -> Iterator[Item]:
    """URL lists are fetched by the runner (politely, concurrently): Items carry only the URL."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            url = line.strip()
            if url and not url.startswith("#"):
                yield Item(source={"file": str(path), "line": number}, url=url, extra={"fetch": True})
