"""The resume journal, and the lock that keeps one run on one output.

A JSONL output is its own journal: each line is written and flushed on its own, and names the
input record it came from (``source``). On --resume the complete lines of the earlier run say
which records are done; a half-written last line (a kill -9 mid-write) is cut off, and those
records are passed over unread. Nothing is lost and nothing is written twice.

An input is the same input however it is spelled: records are matched by ``sources.source_key``,
which names a file by its resolved path (``big.warc.gz``, ``./big.warc.gz`` and
``/data/big.warc.gz`` are one input).

A file that newsextract did not write (any complete line that is not a record or an error line
with its ``source``) is refused before a byte of it changes: resuming onto it would cut it.

Two runs writing one output would interleave their lines: a run holds an exclusive lock
(``flock``) on its output until it ends, and a second run on the same output is refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..limits import MAX_INPUT_BYTES
from .sources import source_key
from .summary import Summary

__all__ = ["OutputError", "completed", "locked", "refuse_existing"]

# How every line a batch writes begins (a record: its schema key first; a failed input: its
# error): a torn last line is a prefix of one of them, or begins with one.
_LINE_HEADS = (b'{"schema": ', b'{"error": ')
# The longest line read back: a record holds its page's text a few times over at most (body,
# quotes, links), escaped.
MAX_LINE_BYTES = 8 * MAX_INPUT_BYTES


class OutputError(ValueError):
    """The output cannot be used as asked: another run holds it, or --resume names a file that
    newsextract batch did not write. Nothing in the file was changed."""


def refuse_existing(output: Path, *, resume: bool, force: bool) -> None:
    """An existing, non-empty output is the result of an earlier run: say so, do not overwrite it."""
    if resume and force:
        raise ValueError("--resume continues an output and --force overwrites it: give one of them")
    if not (resume or force) and output.exists() and output.stat().st_size > 0:
        raise FileExistsError(
            f"{output} exists: give --resume to continue that run, or --force to overwrite it"
        )


def completed(
    output: Path,
    *,
    max_line: int = MAX_LINE_BYTES,
    seen: Callable[[dict[str, Any]], None] | None = None,
) -> tuple[frozenset[str], Summary]:
    """Keys and counts of the complete lines of an earlier run; a torn last line is cut off.
    ``seen`` is called with each complete line, in order (--dedupe seeds its index with them).

    Raises OutputError, with the file untouched, when a complete line is not one newsextract
    batch writes (or is longer than ``max_line`` bytes), or the last line is not the start of one.
    """
    keys: set[str] = set()
    summary = Summary()
    good_end = 0
    with output.open("rb") as fh:
        for number, raw in enumerate(iter(lambda: fh.readline(max_line + 1), b""), 1):
            if not raw.endswith(b"\n"):
                if len(raw) > max_line:
                    raise _foreign(output, number, f"a line longer than {max_line} bytes")
                if not any(raw.startswith(head) or head.startswith(raw) for head in _LINE_HEADS):
                    raise _foreign(output, number, "its last line is not the start of a record")
                break  # written half when the process died
            line = _batch_line(raw)
            if line is None:
                raise _foreign(output, number, "not a record or error line with its source")
            keys.add(source_key(line["source"]))
            summary.add_line(line)
            if seen is not None:
                seen(line)
            good_end += len(raw)
    if good_end < output.stat().st_size:
        with output.open("r+b") as fh:
            fh.truncate(good_end)
    return frozenset(keys), summary


def _batch_line(raw: bytes) -> dict[str, Any] | None:
    """The line, when it is one that newsextract batch writes."""
    try:
        line = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(line, dict) or not isinstance(line.get("source"), dict):
        return None
    schema, error = line.get("schema"), line.get("error")
    if isinstance(schema, str) and schema.startswith("newsextract/"):
        return line
    if isinstance(error, dict) and isinstance(error.get("kind"), str):
        return line
    return None


def _foreign(output: Path, number: int, why: str) -> OutputError:
    return OutputError(
        f"{output} was not written by newsextract batch (line {number}: {why}); "
        "--resume continues only a batch's own JSONL output. The file is untouched"
    )


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``output`` (created empty when missing) for the block.

    Raises OutputError when another process holds it. Where the platform or file system has no
    locks (Windows, some network mounts), the block runs unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(output, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"{output} is being written by another newsextract batch run (it holds the "
                "output's lock): wait for that run to end, or write to another file"
            ) from None
        except OSError:
            pass  # no locks on this file system
        yield
    finally:
        os.close(fd)
