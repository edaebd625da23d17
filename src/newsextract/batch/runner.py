"""Run extraction over many inputs: worker processes, bounded memory, output in input order.

Two ways to feed workers. When every input is a WARC archive or a page file, each worker walks
all the inputs itself and extracts every N-th record (``_strided``): the page bytes never cross
a process boundary, and the parent only merges the workers' rendered lines and writes them. On
a 2-core machine the parent's reading and pickling of every page was what kept 2 workers from
doubling 1 (about 0.75 ms a record of parent time against 4 ms of extraction, on the same
cores). JSONL and URL lists keep the pool fed by the parent (``_pooled``): their URLs are
downloaded in one process, which is what keeps the per-host politeness of the fetcher.

Either way results come back in input order through bounded buffers, so memory does not grow
with archive size, and their lines go to a sink (``sinks``: JSONL, text, Markdown, Parquet).
JSONL lines are written one at a time and flushed, so the output file is its own journal: on
--resume the runner reads the ``source`` of every complete line, drops a half-written last line
(a kill -9 mid-write), and skips exactly those inputs. Nothing is lost and nothing is written
twice.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..errors import NewsExtractError
from ..normalize.dates import warm_up
from ..record import Article
from .sinks import check_output, open_sink
from .sources import Item, can_stride, count_items, input_files, is_warc, iter_items, source_key

__all__ = ["BatchWorkerError", "Summary", "iter_results", "run"]

log = logging.getLogger(__name__)

# Documents in flight per worker process: enough to keep workers busy, small enough for memory.
WINDOW_PER_WORKER = 16
# Documents per message to and from a worker: fewer, larger messages cost the parent less.
IPC_CHUNK = 4
URL_BATCH = 64
# Strided workers: results per message to the parent (fewer, larger messages cost it less), and
# the pipe each one writes them to (Linux lets it grow to 1 MiB unprivileged): the buffer that
# lets a worker run ahead while the other is on a slow page, and the bound of what it holds.
RESULTS_PER_MESSAGE = 8
PIPE_BYTES = 1 << 20
# Seconds a worker is given to exit after the run before it is killed.
JOIN_SECONDS = 5.0


class BatchWorkerError(RuntimeError):
    """A strided worker ended without finishing its share (killed, crashed, or out of step with
    the others). The lines before the failed record are written, so --resume continues."""


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


# A document for a worker: (source, url, bytes, encoding, capture time as ISO 8601 text).
Payload = tuple[dict[str, Any], str | None, bytes, str | None, str | None]
# Turns an output line (and its Article, None for an error line) into what a sink writes.
Render = Callable[[dict[str, Any], Article | None], Any]


def process(payload: Payload) -> dict[str, Any]:
    """Extract one document into an output line (a record, or an error record). Never raises."""
    return _outcome(payload)[0]


def _outcome(payload: Payload) -> tuple[dict[str, Any], Article | None]:
    """The output line of one document, and its Article (None for an error line)."""
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
        return {**article.to_dict(), "source": source}, article
    except _Timeout:
        return _error_line(source, "Timeout", f"extraction took longer than {timeout} s"), None
    except NewsExtractError as exc:
        return _error_line(source, exc.kind, exc.message), None
    except Exception as exc:  # a bug: keep the batch going, keep the evidence
        log.exception("extraction crashed on %s", source)
        return _error_line(source, "ExtractionError", f"{type(exc).__name__}: {exc}"), None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _kind(line: dict[str, Any]) -> str:
    error = line.get("error")
    if error is None:
        return "ok"
    return "not_article" if error.get("kind") == "NotAnArticleError" else "error"


# What a worker is given per input: a document to extract, the error line of an input that could
# not be read, or None for a skipped record. The last two go through the pool too, so that every
# input keeps its place in the ordered output and counts against the read-ahead window.
Task = Payload | dict[str, Any] | None


def _task(item: Item) -> Task:
    if item.data is not None:
        return (
            item.source,
            item.url,
            item.data,
            item.encoding,
            item.fetched_at.isoformat() if item.fetched_at else None,
        )
    if item.error is not None:
        return _error_line(item.source, *item.error)
    return None  # skipped


def _work(task: Task, render: Render | None = None) -> Any:
    """A worker's result for one task: the output line, or with ``render`` ``(kind, rendered)``,
    rendered where the Article is (so the writer only writes); None for a skipped record."""
    if task is None:
        return None
    line, article = (task, None) if isinstance(task, dict) else _outcome(task)
    return line if render is None else (_kind(line), render(line, article))


# ------------------------------------------------------------------------------ the stream
def _fetched(items: Iterator[Item], fetch_config: Any) -> Iterator[Item]:
    """Items from URL lists are downloaded here, politely and concurrently, and come out in
    input order as their downloads complete; others pass through."""
    fetcher = None
    pending: list[Item] = []

    def flush() -> Iterator[Item]:
        nonlocal fetcher
        if fetcher is None:
            from ..fetch import Fetcher

            fetcher = Fetcher(fetch_config)
        results: dict[str, Any] = {}
        head = 0
        for result in fetcher.fetch_many(dict.fromkeys(it.url or "" for it in pending)):
            results[getattr(result, "url", None) or ""] = result
            while head < len(pending) and (pending[head].url or "") in results:
                yield _downloaded(pending[head], results[pending[head].url or ""])
                head += 1
        pending.clear()

    try:
        for item in items:
            if item.extra.get("fetch"):
                pending.append(item)
                if len(pending) >= URL_BATCH:
                    yield from flush()
            else:
                if pending:
                    yield from flush()
                yield item
        if pending:
            yield from flush()
    finally:
        if fetcher is not None:
            fetcher.close()


def _downloaded(item: Item, result: Any) -> Item:
    if isinstance(result, NewsExtractError):
        item.error = (result.kind, result.message)
    else:
        item.url, item.data, item.encoding = result.final_url, result.content, result.encoding
        item.fetched_at = result.fetched_at
    return item


def iter_results(
    inputs: Iterable[str | Path],
    *,
    workers: int | None = 1,
    site_rules: bool = True,
    timeout: float = 30.0,
    skip_keys: frozenset[str] = frozenset(),
    fetch_config: Any = None,
) -> Iterator[tuple[Item, dict[str, Any] | None]]:
    """``(item, output line)`` for every input record, in input order; the line is None for
    skipped records. ``skip_keys`` (Item.key values) are passed over silently: they were done in
    an earlier run.

    With several workers on WARC archives and page files only, the page bytes stay in the
    worker that extracted them: ``item.data`` is None (source, url, capture time are there).
    A worker that dies raises BatchWorkerError. Closing the iterator early stops the workers.
    """
    yield from _stream(inputs, _work, workers, site_rules, timeout, skip_keys, fetch_config)


def _stream(
    inputs: Iterable[str | Path],
    work: Callable[[Task], Any],
    workers: int | None,
    site_rules: bool,
    timeout: float,
    skip_keys: frozenset[str],
    fetch_config: Any,
) -> Iterator[tuple[Item, Any]]:
    """``(item, work(task of item))`` per input, in input order."""
    workers = workers or os.cpu_count() or 1
    files = input_files(inputs)
    if workers > 1 and files and all(can_stride(path) for path in files):
        yield from _strided(files, work, workers, site_rules, timeout, skip_keys)
        return
    undone = partial(_undone, skip_keys=skip_keys)
    items = (it for path in files for it in iter_items(path, undone))
    items = _fetched(items, fetch_config)
    if workers == 1:
        _init_worker(site_rules, timeout)
        for item in items:
            yield item, work(_task(item))
        return
    yield from _pooled(items, work, workers, site_rules, timeout)


def _context() -> Any:
    return get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _pooled(
    items: Iterator[Item], work: Callable[[Task], Any], workers: int, site_rules: bool, timeout: float
) -> Iterator[tuple[Item, Any]]:
    """The parent reads (and downloads) every input and sends the pages to a pool."""
    # Ordered results: a slow document holds the lines after it back (for its timeout at most),
    # and the window bounds what is read ahead of the writer meanwhile, so memory stays flat.
    window = threading.Semaphore(workers * WINDOW_PER_WORKER)
    stopped = threading.Event()
    in_order: deque[Item] = deque()  # the items sent to the pool, oldest first

    def tasks() -> Iterator[Task]:
        for item in items:
            window.acquire()
            if stopped.is_set():
                return
            in_order.append(item)
            yield _task(item)

    with _context().Pool(workers, initializer=_init_worker, initargs=(site_rules, timeout)) as pool:
        try:
            for result in pool.imap(work, tasks(), chunksize=IPC_CHUNK):
                window.release()
                yield in_order.popleft(), result
        finally:
            # The pool joins the thread that feeds it on the way out: it must not stay blocked
            # on the window (a failed write, Ctrl-C, a consumer that stopped early).
            stopped.set()
            window.release()


# ------------------------------------------------------------------------------ strided workers
# Every input record has a place j in one sequence (the files in order, their records in order,
# minus those done in an earlier run), which every worker computes the same way, reading past
# what is not its own. Worker k of N extracts the records at j % N == k, and sends the parent,
# in order, one entry per record it owns, skipped records and error records included:
# (j, item without its bytes, work result); and last (_END, the number of places it counted).
# The parent takes place j from worker j % N, so the output is in input order, and checks the
# place every entry names, so workers that saw different inputs (a file changed during the run)
# are an error, not a silently shuffled output.
_END = "end"
_FAILED = "failed"


def _undone(source: dict[str, Any], skip_keys: frozenset[str]) -> bool:
    """``take`` for iter_items on --resume: a record written by the earlier run is passed over
    unread (without an earlier run, no key is made)."""
    return not skip_keys or source_key(source) not in skip_keys


class _Stride:
    """``take`` for iter_items: counts the places of the sequence, accepts worker k's own."""

    def __init__(self, k: int, n: int, skip_keys: frozenset[str]) -> None:
        self.k, self.n, self.skip_keys = k, n, skip_keys
        self.places = 0  # places counted so far
        self.taken = -1  # the place of the record last accepted

    def __call__(self, source: dict[str, Any]) -> bool:
        if not _undone(source, self.skip_keys):
            return False  # done in an earlier run: no place in this one
        place, self.places = self.places, self.places + 1
        if place % self.n != self.k:
            return False
        self.taken = place
        return True


def _strided_worker(
    conn: Any,
    files: list[Path],
    k: int,
    n: int,
    skip_keys: frozenset[str],
    work: Callable[[Task], Any],
    site_rules: bool,
    timeout: float,
) -> None:
    """Worker k of n: extract its share of ``files``, send the entries to ``conn`` in order."""
    _init_worker(site_rules, timeout)
    stride = _Stride(k, n, skip_keys)
    batch: list[Any] = []
    try:
        for path in files:
            for item in iter_items(path, stride):
                result = work(_task(item))
                item.data = None  # the page stays here: the parent needs where it came from
                batch.append((stride.taken, item, result))
                if len(batch) >= RESULTS_PER_MESSAGE:
                    conn.send(batch)
                    batch = []
        batch.append((_END, stride.places))
        conn.send(batch)
    except BrokenPipeError:
        pass  # the parent stopped reading (a consumer that stopped early): nothing to say
    except BaseException:  # a bug in reading: the parent raises it, with this traceback
        try:
            conn.send([(_FAILED, traceback.format_exc())])
        except OSError:
            pass
    finally:
        conn.close()


def _widen(conn: Any) -> None:
    """Grow a pipe's buffer to PIPE_BYTES where the kernel allows (Linux), else leave it."""
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _strided(
    files: list[Path],
    work: Callable[[Task], Any],
    workers: int,
    site_rules: bool,
    timeout: float,
    skip_keys: frozenset[str],
) -> Iterator[tuple[Item, Any]]:
    """``(item, work result)`` per record of ``files``, in order, from ``workers`` processes
    that each read the inputs themselves and extract every ``workers``-th record.

    Memory is bounded by the pipes: a worker that runs ahead blocks on a full pipe until the
    parent has written the lines before. A worker that dies (killed, a crash in C code) closes
    its pipe: the parent raises BatchWorkerError, naming the worker and how it ended, after the
    lines before its record (and stops the others). So does a worker whose count of records
    disagrees with the others'. Closing this generator, or an exception in the consumer, stops
    and reaps every worker before it returns.
    """
    ctx = _context()
    procs: list[Any] = []
    conns: list[Any] = []
    try:
        for k in range(workers):
            reader, writer = ctx.Pipe(duplex=False)
            _widen(writer)
            proc = ctx.Process(
                target=_strided_worker,
                args=(writer, files, k, workers, skip_keys, work, site_rules, timeout),
                name=f"newsextract-batch-{k}",
                daemon=True,
            )
            proc.start()
            # The worker holds the only writing end now: when it dies, the parent reads EOF. (The
            # workers forked later do not inherit it.)
            writer.close()
            procs.append(proc)
            conns.append(reader)
        pending: list[deque[Any]] = [deque() for _ in range(workers)]

        def entry(k: int) -> Any:
            if not pending[k]:
                try:
                    pending[k].extend(conns[k].recv())
                except (EOFError, OSError) as exc:
                    procs[k].join(JOIN_SECONDS)
                    raise BatchWorkerError(
                        f"batch worker {k} (pid {procs[k].pid}) died: {_ended(procs[k].exitcode)}"
                    ) from exc
            got = pending[k].popleft()
            if got[0] == _FAILED:
                raise BatchWorkerError(f"batch worker {k} failed:\n{got[1]}")
            return got

        place = 0
        while True:
            k = place % workers
            got = entry(k)
            if got[0] == _END:
                ends = [got] + [entry(other) for other in range(workers) if other != k]
                if any(end != (_END, place) for end in ends):
                    raise BatchWorkerError(f"batch workers disagree on the number of records: {ends}")
                break
            if got[0] != place:
                raise BatchWorkerError(f"batch worker {k} sent record {got[0]} for record {place}")
            yield got[1], got[2]
            place += 1
        for proc in procs:
            proc.join(JOIN_SECONDS)
    finally:
        for conn in conns:
            conn.close()  # a worker blocked on a full pipe gets BrokenPipe and ends
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(JOIN_SECONDS)
            if proc.is_alive():
                proc.kill()
                proc.join()


def _ended(exitcode: int | None) -> str:
    if exitcode is None:
        return "it closed its pipe and is still running"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


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
    format: str | None = None,
) -> Summary:
    """Extract every input into ``output``, one line (row) per input in input order. Returns the
    counts of the whole job.

    ``format``: ``jsonl``, ``text``, ``markdown`` or ``parquet`` (default: ``parquet`` for a
    ``.parquet`` output, else ``jsonl``). With ``resume`` (JSONL only), lines already in
    ``output`` stay, and their inputs are not done again. An output that exists already is
    refused (FileExistsError) unless ``resume`` or ``force`` (overwrite) says what to do with it.
    A format that cannot resume is a ValueError; Parquet without pyarrow an ImportError that
    names the extra.
    """
    output = Path(output)
    format = check_output(output, format, resume=resume)
    refuse_existing(output, resume=resume, force=force)
    output.parent.mkdir(parents=True, exist_ok=True)
    done: set[str] = set()
    summary = Summary()
    if resume and output.exists():
        done, summary = _completed(output)
    bar = _progress(progress, inputs, initial=summary.total)
    sink = open_sink(output, format, append=resume)
    stream = _stream(
        inputs,
        partial(_work, render=sink.render),
        workers,
        site_rules,
        timeout,
        frozenset(done),
        fetch_config,
    )
    try:
        for item, result in stream:
            if result is None:
                summary.skipped += 1
            else:
                kind, rendered = result
                sink.write(rendered)
                summary.add_kind(kind)
            if bar is not None:
                bar.advance(item)
    finally:
        # The workers stop here: a caller holding the traceback of a failed write holds this
        # frame, and would keep them running until it let go.
        stream.close()
        sink.close()
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
