"""The two shapes of a local process pool; each yields ``(item, worker result)`` in input order.

``strided``: when every input is a WARC archive or a page file, each worker process walks all
the inputs itself and extracts every N-th record: the page bytes never cross a process
boundary, and the parent only merges the workers' rendered lines. On a 2-core machine the
parent's reading and pickling of every page would take the workers' cores and keep 2 workers
from doubling 1.

``pooled``: JSONL and URL lists keep the pool fed by the parent, whose downloads of URLs stay in
one process (the fetcher's per-host politeness).

``per_archive``: remote WARC archives, one archive per worker process at a time, each streamed
and extracted whole by its worker (a CC-NEWS file is read once, by one connection). The lines of
one archive come in its order; archives running side by side interleave, in the order their
lines arrive (--resume matches records by source, not by place).

Either way results come back in input order through bounded buffers (the read-ahead window, or
the workers' pipes), so memory does not grow with archive size.
"""

from __future__ import annotations

import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Iterator
from functools import partial
from multiprocessing import get_context
from multiprocessing.connection import wait
from typing import Any

from .sources import Input, Item, iter_items, resume_point, source_key
from .worker import Task, Worker, task_of

__all__ = ["BatchWorkerError", "per_archive", "pooled", "strided", "undone"]

# Documents in flight per worker process: enough to keep workers busy, small enough for memory.
WINDOW_PER_WORKER = 16
# Documents per message to and from a worker: fewer, larger messages cost the parent less.
IPC_CHUNK = 4
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


def _context() -> Any:
    return get_context("fork" if sys.platform.startswith("linux") else "spawn")


def undone(source: dict[str, Any], skip_keys: frozenset[str]) -> bool:
    """``take`` for iter_items on --resume: a record written by the earlier run is passed over
    unread (without an earlier run, no key is made)."""
    return not skip_keys or source_key(source) not in skip_keys


# ------------------------------------------------------------------------------ parent-fed
def pooled(items: Iterator[Item], worker: Worker, workers: int) -> Iterator[tuple[Item, Any]]:
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
            yield task_of(item)

    with _context().Pool(workers, initializer=worker.start) as pool:
        try:
            for result in pool.imap(worker, tasks(), chunksize=IPC_CHUNK):
                window.release()
                yield in_order.popleft(), result
        finally:
            # The pool joins the thread that feeds it on the way out: it must not stay blocked
            # on the window (a failed write, Ctrl-C, a consumer that stopped early).
            stopped.set()
            window.release()


# ------------------------------------------------------------------------------ strided
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


class _Stride:
    """``take`` for iter_items: counts the places of the sequence, accepts worker k's own."""

    def __init__(self, k: int, n: int, skip_keys: frozenset[str]) -> None:
        self.k, self.n, self.skip_keys = k, n, skip_keys
        self.places = 0  # places counted so far
        self.taken = -1  # the place of the record last accepted

    def __call__(self, source: dict[str, Any]) -> bool:
        if not undone(source, self.skip_keys):
            return False  # done in an earlier run: no place in this one
        place, self.places = self.places, self.places + 1
        if place % self.n != self.k:
            return False
        self.taken = place
        return True


def _strided_worker(
    conn: Any, files: list[Input], k: int, n: int, skip_keys: frozenset[str], worker: Worker
) -> None:
    """Worker k of n: extract its share of ``files``, send the entries to ``conn`` in order."""
    worker.start()
    stride = _Stride(k, n, skip_keys)
    options = worker.options

    def entries() -> Iterator[tuple[Any, ...]]:
        for path in files:
            for item in iter_items(path, stride, max_bytes=options.max_bytes, sites=options.sites):
                result = worker(task_of(item))
                item.data = None  # the page stays here: the parent needs where it came from
                yield (stride.taken, item, result)
        yield (_END, stride.places)

    _send_entries(conn, entries())


def _send_entries(conn: Any, entries: Iterator[tuple[Any, ...]]) -> None:
    """Send a worker's ``entries`` to the parent, RESULTS_PER_MESSAGE to a message; a failure
    while making them goes as (_FAILED, its traceback), for the parent to raise; a parent that
    stopped reading (a consumer that stopped early) ends it quietly. The pipe is closed after."""
    batch: list[Any] = []
    try:
        for entry in entries:
            batch.append(entry)
            if len(batch) >= RESULTS_PER_MESSAGE:
                conn.send(batch)
                batch = []
        conn.send(batch)
    except BrokenPipeError:
        pass
    except BaseException:
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


def strided(
    files: list[Input], worker: Worker, workers: int, skip_keys: frozenset[str]
) -> Iterator[tuple[Item, Any]]:
    """``(item, worker result)`` per record of ``files``, in order, from ``workers`` processes
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
                args=(writer, files, k, workers, skip_keys, worker),
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


# ------------------------------------------------------------------------------ per archive
def _archive_worker(conn: Any, url: str, skip_keys: frozenset[str], worker: Worker) -> None:
    """Extract every record of the archive at ``url`` not done before; send the entries
    ``(item without its bytes, work result)`` to ``conn`` in order, then (_END,)."""
    worker.start()
    take = partial(undone, skip_keys=skip_keys)
    options = worker.options

    def entries() -> Iterator[tuple[Any, ...]]:
        for item in iter_items(
            url,
            take,
            max_bytes=options.max_bytes,
            fetch_config=options.fetch_config,
            resume_at=resume_point(url, skip_keys),
            sites=options.sites,
        ):
            result = worker(task_of(item))
            item.data = None
            yield (item, result)
        yield (_END,)

    _send_entries(conn, entries())


def per_archive(
    urls: list[str], worker: Worker, workers: int, skip_keys: frozenset[str]
) -> Iterator[tuple[Item, Any]]:
    """``(item, worker result)`` per record of the remote archives ``urls``: up to ``workers``
    processes at once, each streaming and extracting one archive, a new one started as one ends.
    Each archive's records come in its order; archives interleave as their entries arrive.

    Memory is bounded by the pipes, as for ``strided``. A worker that dies raises
    BatchWorkerError after the lines it sent; closing this generator stops every worker.
    """
    ctx = _context()
    queue = deque(urls)
    running: dict[Any, tuple[Any, str]] = {}  # reading end -> (process, its archive)

    def start(url: str) -> None:
        reader, writer = ctx.Pipe(duplex=False)
        _widen(writer)
        proc = ctx.Process(
            target=_archive_worker,
            args=(writer, url, skip_keys, worker),
            name=f"newsextract-archive-{len(urls) - len(queue)}",
            daemon=True,
        )
        proc.start()
        writer.close()
        running[reader] = (proc, url)

    try:
        while queue or running:
            while queue and len(running) < workers:
                start(queue.popleft())
            for ready in wait(list(running)):
                conn: Any = ready
                proc, url = running[conn]
                try:
                    entries = conn.recv()
                except (EOFError, OSError) as exc:
                    proc.join(JOIN_SECONDS)
                    raise BatchWorkerError(
                        f"batch worker for {url} (pid {proc.pid}) died: {_ended(proc.exitcode)}"
                    ) from exc
                for got in entries:
                    if got[0] == _FAILED:
                        raise BatchWorkerError(f"batch worker for {url} failed:\n{got[1]}")
                    if got[0] == _END:
                        del running[conn]
                        conn.close()
                        proc.join(JOIN_SECONDS)
                        break
                    yield got[0], got[1]
    finally:
        for conn in running:
            conn.close()
        for proc, _ in running.values():
            if proc.is_alive():
                proc.terminate()
        for proc, _ in running.values():
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
