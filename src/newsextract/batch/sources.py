"""Batch inputs -> a stream of Items: WARC / WARC.gz, folders of pages, JSONL, URL lists.

JSONL lines carry a page (``html``, with ``url`` and ``fetched_at`` optional) or only a ``url``
to fetch (what ``newsextract discover`` writes), which the runner downloads like a URL list.

Every input record becomes exactly one Item: a page to extract, a non-HTML record to skip (and
count), or a reading error (a truncated archive) that the runner turns into an error record.
An Item's ``key`` names it uniquely and stably (file + record offset, line or path), which is
what --resume uses to know what was done.

A WARC record's ``source`` is ``{"file", "offset"}``: the offset FastWARC reports for it, which is
where its gzip member starts when every record is its own member (the usual layout; CC-NEWS),
and where an uncompressed record starts. Where records share a member (a file gzipped whole, or
several records to a member), the offset is how far the reader had got, and several records
report one offset: each of them after the first also carries ``"index"``, its ordinal among the
records reporting that offset (1, 2, ...). The key of a record alone at its offset is therefore
its file and offset, nothing more, whatever the layout. A record's place is the same however
much of the archive is read (a record passed over unread reports what it reports when read),
so the workers of a strided run agree on it, and a resumed run on its key.

``iter_items(path, take=...)`` asks ``take`` about each record's ``source`` before reading the
record, and passes over the ones it refuses unread: a page file is not opened, a WARC record's
HTTP headers are not parsed nor its body read. Each batch worker walks every input that way and
takes only its own share, so the page bytes never travel between processes. The records, their
order and their sources are the same whatever ``take`` says (a record whose body cannot be read
is still its own Item, an error), which is what lets the workers agree on every record's place.
With ``sites`` (``--site``), a taken record whose URL the input names before the page (a WARC
record's target URI, a JSONL line's or URL list's ``url``) and is on none of them is an Item
skipped for ``site``: a WARC record's HTTP headers are not parsed nor its payload read.

An http(s) URL is a remote WARC archive (a CC-NEWS file): it streams through the Fetcher
(``Fetcher.stream``), never to disk, parsed as it arrives; its records are named by the URL and
their offsets like a local archive's. A connection lost midway is opened again from the start
of the last record handed out (``Range: bytes=N-``; where every record is its own gzip member,
the offset FastWARC reports is where that member starts), and the records before that point
are not handed out twice; a server without ranges sends from the start and the fetcher drops
the bytes before N. Only ``max_attempts`` breaks in a row without a new record are tried again.
A resumed run starts the archive where the earlier one stopped (``resume_point``): the lines of
one archive are always written in its order, so the records before its last written one were
done, and the bytes before it are not downloaded again (its non-HTML records there go
uncounted). An archive whose records share gzip members is entered only at its start: its
offsets are not where records start (see ``_remote_warc`` for how that is told).

Nothing is read whole that the input decides the size of: a page or WARC record past
``max_bytes`` is an error Item, unread, and JSONL and URL-list lines are read with a bound (a
line past it is that line's error Item, skipped to its end in chunks), so one 1.5 GB line costs
a chunk of memory, not 1.5 GB.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from ..errors import NewsExtractError
from ..limits import MAX_INPUT_BYTES, read_bounded
from ..normalize.dates import capture_time
from .filters import on_sites

__all__ = [
    "SOURCE_SCHEMA",
    "Item",
    "Take",
    "can_stride",
    "Input",
    "input_files",
    "is_remote",
    "iter_items",
    "jsonl_line_limit",
    "missing_inputs",
    "resume_point",
    "source_key",
]

# An input: a local path, or an http(s) URL of a remote WARC archive (kept as given: a Path
# would fold its "//").
Input = Path | str
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz", ".warc.zst", ".warc.lz4")
# How every record of an archive begins: a gzip member, or an uncompressed WARC header.
_RECORD_STARTS = (b"\x1f\x8b", b"WARC/")
# Looking whether a gzip member holds one record: bytes inflated at a time, the most of a
# record's start kept (its WARC header), and fewer bytes than any WARC header takes (its
# mandatory WARC-Record-ID, WARC-Date, WARC-Type and Content-Length lines: over 100 bytes).
_PEEK_CHUNK = 1 << 16
_WARC_HEAD = 1 << 16
_WARC_HEAD_MIN = 64
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
        "index": {
            "type": "integer",
            "description": "WARC: the record's ordinal among those reporting the same offset (from 1)",
        },
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
    if isinstance(file, str) and not is_remote(file):
        source = {**source, "file": os.path.realpath(file)}
    return json.dumps(source, sort_keys=True)


def resume_point(url: str, skip_keys: frozenset[str]) -> int:
    """Where a resumed run starts the remote archive ``url``: the offset of its last record
    written by the earlier run (0 when none was). An archive's lines are written in its order,
    so every record before that one was done.

    An archive one of whose written records carries an ``index`` has records that share a
    gzip member: its offsets are where the reader was, not where a record starts, and a read
    begun at one of them names its records otherwise than a read from the start. It starts at
    0, and its records already written are passed over by their keys."""
    point = 0
    for key in skip_keys:
        if url not in key:  # most keys name other inputs: no JSON read for them
            continue
        source = json.loads(key)
        offset = source.get("offset")
        if source.get("file") != url or not isinstance(offset, int) or source.get("after"):
            continue
        if source.get("index"):
            return 0
        point = max(point, offset)
    return point


def _warc_source(file: str, offset: int, index: int) -> dict[str, Any]:
    """The ``source`` of a WARC record: its file and offset, and its ``index`` among the records
    that report the same offset when it is not the first of them (see the module docstring)."""
    source: dict[str, Any] = {"file": file, "offset": offset}
    if index:
        source["index"] = index
    return source


def jsonl_line_limit(max_bytes: int) -> int:
    """The longest JSONL line read for pages of at most ``max_bytes``."""
    return JSON_ESCAPE_FACTOR * max_bytes + FIELDS_BYTES


# Asked about each record's source, in input order, before the record is read: True to read it.
Take = Callable[[dict[str, Any]], bool]


def is_remote(raw: Input) -> bool:
    """An http(s) URL (a remote WARC archive), not a local path."""
    return isinstance(raw, str) and raw.lower().startswith(("http://", "https://"))


def remote_not_warc(inputs: Iterable[Input]) -> list[str]:
    """The URL inputs whose path does not name a WARC archive: a URL input is read as one (put
    page URLs in a URL list instead)."""
    return [
        str(raw)
        for raw in inputs
        if is_remote(raw) and not urlsplit(str(raw)).path.lower().endswith(WARC_SUFFIXES)
    ]


def input_files(inputs: Iterable[Input]) -> list[Input]:
    """Expand folders into their page files (sorted); keep other paths, and URLs, as given;
    each input once."""
    files: list[Input] = []
    for raw in inputs:
        if is_remote(raw):
            files.append(str(raw))
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
            )
        else:
            files.append(path)
    # The same input named twice, however spelled, is one input (the first spelling names it).
    unique: dict[str, Input] = {}
    for each in files:
        unique.setdefault(each if isinstance(each, str) else os.path.realpath(each), each)
    return list(unique.values())


def missing_inputs(inputs: Iterable[Input]) -> list[str]:
    """The local inputs that name no file or folder, as given (URLs are looked at when read)."""
    return [str(raw) for raw in inputs if not is_remote(raw) and not Path(raw).exists()]


def _kind(path: Input) -> str:
    if isinstance(path, str):
        return "remote"
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith(PAGE_SUFFIXES):
        return "page"
    if name.endswith((".txt", ".urls")):
        return "urls"
    return "page"


def is_warc(path: Input) -> bool:
    return _kind(path) == "warc"


def can_stride(path: Input) -> bool:
    """A WARC archive or a page file: its Items come from the file alone (nothing to download),
    and a record can be passed over without being read, so each worker can walk it whole."""
    return _kind(path) in ("warc", "page")


def count_items(path: Input) -> int:
    """How many Items ``path`` gives, counted without reading any page (for a progress total):
    one per page file, one per non-empty JSONL line, one per URL line."""
    kind = _kind(path)
    if isinstance(path, str) or kind == "page" or not path.exists():
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
    path: Input,
    take: Take = _take_all,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    fetch_config: Any = None,
    resume_at: int = 0,
    sites: frozenset[str] = frozenset(),
) -> Iterator[Item]:
    """The Items of one input file (or remote WARC URL), those ``take`` accepts (each asked
    once, in order); pages and records over ``max_bytes`` are error Items, unread; with
    ``sites``, records whose URL is known before reading and is on none of them are Items
    skipped for ``site``, unread.

    Records ``take`` refuses are not read: a page file is not opened, a WARC record's headers
    are not parsed nor its body inflated further than finding the next record needs. (JSONL
    lines and URL lists are cheap to read and are filtered after reading.) A remote archive is
    streamed by a Fetcher with ``fetch_config`` (None: the defaults), from the record at offset
    ``resume_at`` on (``resume_point``; the records before it are not read nor asked about).
    """
    if isinstance(path, str):
        yield from _remote_warc(path, take, max_bytes, fetch_config, resume_at, sites)
        return
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
            index = -1  # before the first record
            for record in records:
                index = index + 1 if record.stream_pos == last and index >= 0 else 0
                last = record.stream_pos
                source = _warc_source(str(path), last, index)
                if take(source):
                    yield _off_site(record, source, sites) or _record(record, source, max_bytes)
    except OSError as exc:  # truncated gzip member, broken record: the rest of the file is unreadable
        source = {"file": str(path), "offset": last, "after": True}
        if take(source):
            yield Item(
                source=source,
                error=("TruncatedArchive", f"archive unreadable after offset {last}: {exc}"),
            )


class _Remote(io.RawIOBase):
    """The bytes of a remote archive from ``start`` on, as a file for FastWARC, whose record
    offsets follow ``tell()`` (so they are the archive's own). A stream that breaks raises the
    fetcher's FetchError through the reader; ``received`` says whether any byte came."""

    def __init__(self, chunks: Iterator[bytes], start: int) -> None:
        super().__init__()
        self._chunks = chunks
        self._pending = b""
        self.position = start
        self.received = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def read(self, size: int | None = -1) -> bytes:
        """``size`` bytes, fewer only at the end, as a file gives them: the offsets FastWARC
        reports depend on the sizes of its reads, and must not depend on the network's."""
        if size is None or size < 0:
            size = max(len(self._pending), 1 << 16)
        while len(self._pending) < size:
            chunk = next(self._chunks, b"")
            if not chunk:
                break
            self.received += len(chunk)
            self._pending += chunk
        data, self._pending = self._pending[:size], self._pending[size:]
        self.position += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()  # the request ends here, not when the generator is collected
        super().close()

    def _fill(self, size: int) -> bool:
        """Receive until ``size`` bytes are pending; False when the stream ends first."""
        while len(self._pending) < size:
            chunk = next(self._chunks, b"")
            if not chunk:
                return False
            self.received += len(chunk)
            self._pending += chunk
        return True

    def starts_a_record(self) -> bool:
        """Whether the stream begins the way every record does (else its start is no record
        boundary: a single-member .gz, where only the archive's start is one)."""
        self._fill(5)
        return self._pending.startswith(_RECORD_STARTS)

    def starts_a_lone_record(self, limit: int) -> bool:
        """Whether the stream begins a record that is alone in its gzip member (or uncompressed):
        the offset FastWARC reports for such a record is where it starts, whatever was read
        before it. The member is inflated to its end, within ``limit`` compressed bytes (more
        is taken as no); its bytes stay pending for the reader."""
        if not self.starts_a_record():
            return False
        if self._pending.startswith(b"WARC/"):
            return True
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # one gzip member, then eof
        head, size, used = b"", 0, 0
        try:
            while not inflate.eof:
                if used >= limit or not self._fill(used + 1):
                    return False
                data = self._pending[used : used + _PEEK_CHUNK]
                used += len(data)
                while data and not inflate.eof:
                    out = inflate.decompress(data, _PEEK_CHUNK)
                    data = inflate.unconsumed_tail
                    size += len(out)
                    head += out[: _WARC_HEAD - len(head)]
        except zlib.error:
            return False
        return _one_record(head, size)


def _one_record(head: bytes, size: int) -> bool:
    """Whether ``size`` bytes beginning with ``head`` are one WARC record: its header, its
    block of Content-Length bytes and the two line ends after it, and too little after those
    for another record's header."""
    end = head.find(b"\r\n\r\n")
    if not head.startswith(b"WARC/") or end < 0:
        return False
    for line in head[:end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return 0 <= size - (end + 4 + int(value) + 4) < _WARC_HEAD_MIN
    return False


def _remote_warc(
    url: str,
    take: Take,
    max_bytes: int,
    fetch_config: Any,
    resume_at: int,
    sites: frozenset[str] = frozenset(),
) -> Iterator[Item]:
    """The Items of the WARC archive at ``url``, streamed; see the module docstring for how a
    broken connection is resumed. Records are asked about (``take``) and handed out once each,
    in order, however often the stream is opened.

    A record's place is (offset, index), as in its ``source``. An archive whose records share
    gzip members reports one offset for several records and cannot be entered midway: once two
    records share an offset, a broken stream is read again from the archive's start, where the
    same reads give the same places. Before that is seen, a stream is entered at an offset only
    where a record starts on its own: opened again at the last record handed out, it must begin
    with that record (its WARC-Record-ID); opened at the resume point, with a record alone in
    its gzip member. Else it is read from the archive's start, past the records before that
    offset. (What this cannot tell: a resume point whose member holds one record, after a
    member of several that the earlier run's lines do not show, as when it stopped before the
    archive's first shared offset.)"""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from ..errors import FetchError
    from ..fetch import FetchConfig, Fetcher

    config = fetch_config or FetchConfig()
    done = (-1, 0)  # place of the last record handed out (or refused): nothing up to it again
    done_id: str | None = None  # that record's WARC-Record-ID
    reading = done  # place of a record taken but not handed out yet (a break while reading it)
    start, breaks, opened, addressable = resume_at, 0, False, True
    peek = max_bytes + _WARC_HEAD  # the longest gzip member looked into: a record read whole
    with Fetcher(config) as fetcher:
        while True:
            stream = _Remote(fetcher.stream(url, start), start)
            progressed = False
            try:
                # Entered midway: at the last record handed out (its ID checked below), or at
                # the resume point, which must begin a record alone in its gzip member.
                if start and not (stream.starts_a_record() if done_id else stream.starts_a_lone_record(peek)):
                    # no record starts there on its own: read from the archive's start, past
                    # what was done
                    done, start = max(done, (start - 1, sys.maxsize)), 0
                    continue
                records = ArchiveIterator(
                    stream, record_types=WarcRecordType.response | WarcRecordType.resource, parse_http=False
                )
                place, entered_elsewhere = (-1, 0), False
                for record in records:
                    offset = record.stream_pos
                    place = (offset, place[1] + 1) if offset == place[0] else (offset, 0)
                    addressable = addressable and place[1] == 0
                    if place <= done:
                        if place == done and start and _header(record, "WARC-Record-ID") != done_id:
                            entered_elsewhere = True  # the last record does not start at its offset
                            break
                        continue
                    source = _warc_source(url, offset, place[1])
                    if place == reading or take(source):  # take is asked once per record
                        reading = place
                        item = _off_site(record, source, sites) or _record(record, source, max_bytes)
                        done, done_id, progressed = place, _header(record, "WARC-Record-ID"), True
                        yield item
                    else:
                        done, done_id, progressed = place, _header(record, "WARC-Record-ID"), True
                if entered_elsewhere:
                    addressable, start = False, 0
                    continue
                return
            except FetchError as exc:
                if not opened and not stream.received:
                    # the archive could not be opened at all (after the fetcher's own retries)
                    source = {"file": url}
                    if take(source):
                        yield Item(source=source, error=(exc.kind, exc.message))
                    return
                breaks = 0 if progressed else breaks + 1
                if breaks >= config.max_attempts:
                    yield from _unreadable_after(url, max(done[0], 0), exc.message, take)
                    return
                # the start of the last whole record, where records start on their own
                start = max(done[0], resume_at, 0) if addressable else 0
            except OSError as exc:  # a truncated or broken archive, as for a local one
                yield from _unreadable_after(url, max(done[0], 0), str(exc), take)
                return
            finally:
                opened = opened or stream.received > 0
                stream.close()


def _unreadable_after(url: str, offset: int, why: str, take: Take) -> Iterator[Item]:
    source = {"file": url, "offset": offset, "after": True}
    if take(source):
        yield Item(
            source=source, error=("TruncatedArchive", f"archive unreadable after offset {offset}: {why}")
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
