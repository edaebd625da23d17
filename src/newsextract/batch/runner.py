"""Run extraction over many inputs: worker processes, bounded memory, resumable JSONL output.

Output lines are written one at a time and flushed, so the output file is its own journal: on
--resume the runner reads the ``source`` of every complete line, drops a half-written last line
(a kill -9 mid-write), and skips exactly those inputs. Nothing is lost and nothing is written
twice. Inputs stream through a bounded window, so memory does not grow with archive size.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..errors import NewsExtractError
from ..normalize.dates import warm_up
from .sources import Item, count_items, input_files, is_warc, iter_items

__all__ = ["Summary", "iter_results", "run"]

log = logging.getLogger(__name__)

# Documents in flight per worker process: enough to keep workers busy, small enough for memory.
WINDOW_PER_WORKER = 16
# Documents per message to and from a worker: fewer, larger messages cost the parent less.
IPC_CHUNK = 4
URL_BATCH = 64


@dataclass
class Summary:
    """Counts of one run; ``total`` equals the number of input records."""

    ok: int = 0
    not_article: int = 0
    errors: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.ok + self.not_article + self.errors + self.skipped

    def add_line(self, line: dict[str, Any]) -> None:
        self.add_kind(_kind(line))

    def add_kind(self, kind: str) -> None:
        if kind == "ok":
            self.ok += 1
        elif kind == "not_article":
            self.not_article += 1
        else:
            self.errors += 1

    def merge(self, other: Summary) -> None:
        self.ok += other.ok
        self.not_article += other.not_article
        self.errors += other.errors
        self.skipped += other.skipped

    def to_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


# ------------------------------------------------------------------------------ one document
class _Timeout(BaseException):
    """Raised by SIGALRM; a BaseException so no ``except Exception`` in extractor code swallows it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Timeout


_OPTIONS: dict[str, Any] = {"site_rules": True, "timeout": 30.0}
# Seconds between repeats of a document's timeout alarm once it has fired.
ALARM_REPEAT = 0.5


def _die_with_parent() -> None:
    """Linux: the kernel sends this worker SIGTERM when its parent dies (kill -9 included), so
    no orphan lives on writing BrokenPipe tracebacks into a terminal."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request: go now
        os._exit(0)


_PR_SET_PDEATHSIG = 1


def _init_worker(site_rules: bool, timeout: float) -> None:
    _OPTIONS.update(site_rules=site_rules, timeout=timeout)
    # A pool worker's own signals (Dask runs this in its worker threads, where none can be set).
    if threading.current_thread() is threading.main_thread() and multiprocessing.parent_process() is not None:
        _die_with_parent()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and quietly
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    warm_up()  # dateparser's first call costs seconds: before the first page, not inside its timeout


def _error_line(source: dict[str, Any], kind: str, message: str) -> dict[str, Any]:
    return {"error": {"kind": kind, "message": message}, "source": source}


def process(payload: tuple[dict[str, Any], str | None, bytes, str | None, str | None]) -> dict[str, Any]:
    """Extract one document into an output line (a record, or an error record). Never raises."""
    from ..pipeline import extract

    source, url, data, encoding, fetched = payload
    timeout = _OPTIONS["timeout"]
    # SIGALRM works in a main thread only (worker processes); Dask worker threads run without it.
    timed = bool(timeout) and threading.current_thread() is threading.main_thread()
    if timed:
        signal.signal(signal.SIGALRM, _on_alarm)
        # The alarm repeats: one that lands inside a finalizer (__del__) is swallowed there, and
        # the next one ends the document.
        signal.setitimer(signal.ITIMER_REAL, timeout, ALARM_REPEAT)
    try:
        article = extract(
            data,
            url,
            fetched_at=fetched or None,  # ISO 8601 text: extract() reads it
            site_rules=_OPTIONS["site_rules"],
            encoding=encoding,
        )
        return {**article.to_dict(), "source": source}
    except _Timeout:
        return _error_line(source, "Timeout", f"extraction took longer than {timeout} s")
    except NewsExtractError as exc:
        return _error_line(source, exc.kind, exc.message)
    except Exception as exc:  # a bug: keep the batch going, keep the evidence
        log.exception("extraction crashed on %s", source)
        return _error_line(source, "ExtractionError", f"{type(exc).__name__}: {exc}")
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _kind(line: dict[str, Any]) -> str:
    error = line.get("error")
    if error is None:
        return "ok"
    return "not_article" if error.get("kind") == "NotAnArticleError" else "error"


def process_json(
    payload: tuple[dict[str, Any], str | None, bytes, str | None, str | None],
) -> tuple[dict[str, Any], str, str]:
    """``(source, kind, JSON line)``: serialised in the worker, so the writer only writes."""
    line = process(payload)
    return line["source"], _kind(line), json.dumps(line, ensure_ascii=False)


# ------------------------------------------------------------------------------ the stream
def _payload(item: Item) -> tuple[dict[str, Any], str | None, bytes, str | None, str | None]:
    assert item.data is not None
    return (
        item.source,
        item.url,
        item.data,
        item.encoding,
        item.fetched_at.isoformat() if item.fetched_at else None,
    )


def _fetched(items: Iterator[Item], fetch_config: Any) -> Iterator[Item]:
    """Items from URL lists are downloaded here, politely and concurrently; others pass through."""
    fetcher = None
    pending: list[Item] = []

    def flush() -> Iterator[Item]:
        nonlocal fetcher
        if fetcher is None:
            from ..fetch import Fetcher

            fetcher = Fetcher(fetch_config)
        by_url: dict[str, list[Item]] = {}
        for it in pending:
            by_url.setdefault(it.url or "", []).append(it)
        for result in fetcher.fetch_many(list(by_url)):
            url = getattr(result, "url", None) or ""
            for it in by_url.pop(url, []):
                if isinstance(result, NewsExtractError):
                    it.error = (result.kind, result.message)
                else:
                    it.url, it.data, it.encoding, it.fetched_at = (
                        result.final_url,
                        result.content,
                        result.encoding,
                        result.fetched_at,
                    )
                yield it
        pending.clear()

    try:
        for item in items:
            if item.extra.get("fetch"):
                pending.append(item)
                if len(pending) >= URL_BATCH:
                    yield from flush()
            else:
                yield item
        if pending:
            yield from flush()
    finally:
        if fetcher is not None:
            fetcher.close()


def iter_results(
    inputs: Iterable[str | Path],
    *,
    workers: int | None = 1,
    site_rules: bool = True,
    timeout: float = 30.0,
    skip_keys: frozenset[str] = frozenset(),
    fetch_config: Any = None,
) -> Iterator[tuple[Item, dict[str, Any] | None]]:
    """``(item, output line)`` for every input record; the line is None for skipped records.

    Results of worker processes arrive in completion order. ``skip_keys`` (Item.key values) are
    passed over silently: they were done in an earlier run.
    """
    yield from _stream(inputs, process, workers, site_rules, timeout, skip_keys, fetch_config)


def _stream(
    inputs: Iterable[str | Path],
    worker: Callable[[Any], Any],
    workers: int | None,
    site_rules: bool,
    timeout: float,
    skip_keys: frozenset[str],
    fetch_config: Any,
) -> Iterator[tuple[Item, Any]]:
    """``(item, worker result)`` per input; ``(item, error line dict or None)`` for items no
    worker needs (unreadable: an error line; skipped: None)."""
    workers = workers or os.cpu_count() or 1
    items = (it for path in input_files(inputs) for it in iter_items(path) if it.key not in skip_keys)
    items = _fetched(items, fetch_config)
    if workers == 1:
        _init_worker(site_rules, timeout)
        for item in items:
            yield item, _immediate(item) if item.data is None else worker(_payload(item))
        return
    window = threading.BoundedSemaphore(workers * WINDOW_PER_WORKER)
    waiting: dict[str, Item] = {}
    ready: list[tuple[Item, Any]] = []
    lock = threading.Lock()

    def to_process() -> Iterator[tuple[dict[str, Any], str | None, bytes, str | None, str | None]]:
        for item in items:
            if item.data is None:  # skipped or unreadable: no worker needed
                with lock:
                    ready.append((item, _immediate(item)))
                continue
            window.acquire()  # bounded: at most `window` documents read ahead of the writer
            with lock:
                waiting[item.key] = item
            yield _payload(item)

    ctx = get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(site_rules, timeout)) as pool:
        for result in pool.imap_unordered(worker, to_process(), chunksize=IPC_CHUNK):
            source = result["source"] if isinstance(result, dict) else result[0]
            with lock:
                item = waiting.pop(Item(source=source).key)
                drained, ready[:] = list(ready), []
            window.release()
            yield from drained
            yield item, result
    with lock:
        yield from ready


def _immediate(item: Item) -> dict[str, Any] | None:
    if item.error is not None:
        return _error_line(item.source, *item.error)
    return None  # skipped


# ------------------------------------------------------------------------------ the job
def _completed(output: Path) -> tuple[set[str], Summary]:
    """Keys and counts of the complete lines of an earlier run; a torn last line is cut off."""
    keys: set[str] = set()
    summary = Summary()
    good_end = 0
    with output.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # written half when the process died
            try:
                line = json.loads(raw)
            except ValueError:
                break
            keys.add(Item(source=line["source"]).key)
            summary.add_line(line)
            good_end += len(raw)
    with output.open("r+b") as fh:
        fh.truncate(good_end)
    return keys, summary


def run(
    inputs: Iterable[str | Path],
    output: str | Path,
    *,
    workers: int | None = None,
    resume: bool = False,
    site_rules: bool = True,
    timeout: float = 30.0,
    progress: bool = False,
    fetch_config: Any = None,
    force: bool = False,
) -> Summary:
    """Extract every input into ``output`` (JSONL). Returns the counts of the whole job.

    With ``resume``, lines already in ``output`` stay, and their inputs are not done again. An
    output that exists already is refused (FileExistsError) unless ``resume`` or ``force``
    (overwrite) says what to do with it.
    """
    output = Path(output)
    refuse_existing(output, resume=resume, force=force)
    output.parent.mkdir(parents=True, exist_ok=True)
    done: set[str] = set()
    summary = Summary()
    if resume and output.exists():
        done, summary = _completed(output)
    bar = _progress(progress, inputs, initial=summary.total)
    with output.open("a" if resume else "w", encoding="utf-8") as fh:
        for _item, result in _stream(
            inputs, process_json, workers, site_rules, timeout, frozenset(done), fetch_config
        ):
            if result is None:
                summary.skipped += 1
            else:
                if isinstance(result, dict):  # an unreadable input, reported without a worker
                    result = (result["source"], _kind(result), json.dumps(result, ensure_ascii=False))
                _source, kind, text = result
                fh.write(text + "\n")
                fh.flush()
                summary.add_kind(kind)
            if bar is not None:
                bar.advance(_item)
    if bar is not None:
        bar.close()
    return summary


def refuse_existing(output: Path, *, resume: bool, force: bool) -> None:
    """An existing, non-empty output is the result of an earlier run: say so, do not overwrite it."""
    if not (resume or force) and output.exists() and output.stat().st_size > 0:
        raise FileExistsError(
            f"{output} exists: give --resume to continue that run, or --force to overwrite it"
        )


class _Progress:
    """A tqdm bar with a total and an ETA where the inputs tell one: the number of documents
    for folders, pages, JSONL and URL lists (their lines counted first), the bytes read for
    WARC archives (a record's offset says how far the reading is)."""

    def __init__(self, bar: Any, files: list[Path], by_bytes: bool) -> None:
        self.bar, self.by_bytes = bar, by_bytes
        self._before: dict[str, int] = {}  # bytes of the files before each one
        done = 0
        for path in files:
            self._before[str(path)] = done
            done += _size(path)

    def advance(self, item: Item) -> None:
        if not self.by_bytes:
            self.bar.update(1)
            return
        offset = item.source.get("offset")
        start = self._before.get(str(item.source.get("file")))
        if isinstance(offset, int) and start is not None and start + offset > self.bar.n:
            self.bar.update(start + offset - self.bar.n)

    def close(self) -> None:
        if self.by_bytes and self.bar.total:
            self.bar.update(max(0, self.bar.total - self.bar.n))
        self.bar.close()


def _progress(enabled: bool, inputs: Iterable[str | Path], initial: int) -> _Progress | None:
    if not enabled or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    files = input_files(inputs)
    by_bytes = bool(files) and all(is_warc(path) for path in files)
    if by_bytes:
        total = sum(_size(path) for path in files)
        bar = tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, smoothing=0.1)
    else:
        total_docs = None if any(is_warc(path) for path in files) else sum(count_items(p) for p in files)
        bar = tqdm(total=total_docs, initial=initial, unit="doc", file=sys.stderr, smoothing=0.1)
    return _Progress(bar, files, by_bytes)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
