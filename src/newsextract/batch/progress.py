"""The progress bar of a batch run (tqdm, on a terminal only)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .sources import Input, Item, count_items, input_files, is_remote, is_warc

__all__ = ["Progress", "progress"]


class Progress:
    """A tqdm bar with a total and an ETA where the inputs tell one: the number of documents
    for folders, pages, JSONL and URL lists (their lines counted first), the bytes read for
    WARC archives (a record's offset says how far the reading is)."""

    def __init__(self, bar: Any, files: list[Input], by_bytes: bool) -> None:
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


def progress(enabled: bool, inputs: Iterable[str | Path], initial: int) -> Progress | None:
    """A bar for ``inputs`` on stderr, when ``enabled``, stderr is a terminal and tqdm is there."""
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
        archives = any(is_warc(path) or is_remote(path) for path in files)
        total_docs = None if archives else sum(count_items(p) for p in files)
        bar = tqdm(total=total_docs, initial=initial, unit="doc", file=sys.stderr, smoothing=0.1)
    return Progress(bar, files, by_bytes)


def _size(path: Input) -> int:
    if isinstance(path, str):
        return 0  # a remote archive: its size is not asked for
    try:
        return path.stat().st_size
    except OSError:
        return 0
