"""One document at a time into one output line, within a time limit the worker owns.

A ``Worker`` is what every pool shape runs per input: it is handed a ``Task`` (a page to
extract, the error line of an input that could not be read, a filter's reason for a record
left out unread, or None for a skipped record) and returns the output line, or with a sink's
``render`` ``(line kind, what the sink writes, the record's fingerprint)``; for a record the
filters leave out (``Options``: site, language, dates) the filter's reason instead, as text.
It never raises for a document: a page that fails becomes an error line.

The time limit is a SIGALRM timer around each document, in worker processes only (a signal
reaches a main thread only; Dask's worker threads run without it). ``start()`` loads what a
first page would otherwise load inside its limit (the pipeline's modules, dateparser, the
language model), so a limit shorter than those loads still lets every page finish; nothing
below the worker needs to know that an alarm exists.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import NewsExtractError
from ..record import Article
from .filters import REASONS, record_reason
from .options import Options
from .sources import Item
from .summary import line_kind

__all__ = ["Payload", "Render", "Task", "Worker", "error_line", "task_of"]

log = logging.getLogger(__name__)

# Seconds between repeats of a document's timeout alarm once it has fired.
ALARM_REPEAT = 0.5
_PR_SET_PDEATHSIG = 1
# Enough text for the language detector to load its model and answer (its floor is 200 characters).
_WARM_TEXT = "The harbour reopened on Monday after the storm, and the ferries run again. " * 4

# A document for a worker: (source, url, bytes, encoding, capture time as ISO 8601 text).
Payload = tuple[dict[str, Any], str | None, bytes, str | None, str | None]
# What a worker is given per input: a document to extract, the error line of an input that could
# not be read, a filter's reason (a record left out unread), or None for a skipped record. The
# last three go through the pool too, so that every input keeps its place in the ordered output
# and counts against the read-ahead window.
Task = Payload | dict[str, Any] | str | None
# Turns an output line (and its Article, None for an error line) into what a sink writes.
Render = Callable[[dict[str, Any], Article | None], Any]


class _Timeout(BaseException):
    """Raised by SIGALRM; a BaseException so no ``except Exception`` in extractor code swallows it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def error_line(source: dict[str, Any], kind: str, message: str) -> dict[str, Any]:
    return {"error": {"kind": kind, "message": message}, "source": source}


def task_of(item: Item) -> Task:
    """The task that carries ``item`` to a worker."""
    if item.data is not None:
        return (
            item.source,
            item.url,
            item.data,
            item.encoding,
            item.fetched_at.isoformat() if item.fetched_at else None,
        )
    if item.error is not None:
        return error_line(item.source, *item.error)
    if item.skip in REASONS:
        return item.skip  # left out by a filter
    return None  # skipped


class Worker:
    """Extracts documents with ``options`` (site rules, time limit, size limit); with ``render``
    a result is ``(line kind, rendered)``, rendered where the Article is (so the writer only
    writes). Plain data: it is sent to worker processes."""

    def __init__(self, options: Options, render: Render | None = None) -> None:
        self.options = options
        self.render = render

    def start(self) -> None:
        """Set up the process (or thread) that runs this worker, before its first document."""
        # A pool worker's own signals (Dask runs this in its worker threads, where none can be set).
        if (
            threading.current_thread() is threading.main_thread()
            and multiprocessing.parent_process() is not None
        ):
            _die_with_parent()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and quietly
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        _warm_up()

    def __call__(self, task: Task) -> Any:
        """The result for one task; None for a skipped record, the reason for a filtered one."""
        if task is None or isinstance(task, str):
            return task
        line, article = (task, None) if isinstance(task, dict) else self.outcome(task)
        if article is not None:
            reason = record_reason(line, self.options)
            if reason is not None:
                return reason
        if self.render is None:
            return line
        return line_kind(line), self.render(line, article), line.get("fingerprint")

    def outcome(self, payload: Payload) -> tuple[dict[str, Any], Article | None]:
        """The output line of one document, and its Article (None for an error line)."""
        from ..pipeline import extract

        source, url, data, encoding, fetched = payload
        timeout = self.options.timeout
        try:
            with _alarm(timeout):
                article = extract(
                    data,
                    url,
                    fetched_at=fetched or None,  # ISO 8601 text: extract() reads it
                    site_rules=self.options.site_rules,
                    encoding=encoding,
                    max_bytes=self.options.max_bytes,
                )
            return {**article.to_dict(), "source": source}, article
        except _Timeout:
            return error_line(source, "Timeout", f"extraction took longer than {timeout} s"), None
        except NewsExtractError as exc:
            return error_line(source, exc.kind, exc.message), None
        except Exception as exc:  # a bug: keep the batch going, keep the evidence
            log.exception("extraction crashed on %s", source)
            return error_line(source, "ExtractionError", f"{type(exc).__name__}: {exc}"), None


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """_Timeout raised into the block after ``seconds`` (0: no limit; outside a main thread: none)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.signal(signal.SIGALRM, _on_alarm)
    # The alarm repeats: one that lands inside a finalizer (__del__) is swallowed there, and the
    # next one ends the document.
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _warm_up() -> None:
    """What a first page would load inside its time limit, loaded before it: the pipeline's
    modules, dateparser (seconds), the language model (up to a second without its cache). A load
    cut short by the alarm would start over on the next page, and under a limit shorter than
    the load no page would ever finish."""
    from ..normalize.dates import warm_up
    from ..normalize.language import detect_language
    from ..pipeline import extract  # noqa: F401  (its imports are the cost)

    warm_up()
    detect_language(_WARM_TEXT)


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
