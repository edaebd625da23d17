"""Batch extraction of archives: WARC, folders of pages, JSONL, URL lists -> JSONL.

>>> from newsextract.batch import run, iter_results
>>> summary = run(["crawl.warc.gz"], "out.jsonl", workers=2)          # doctest: +SKIP
>>> for item, line in iter_results(["pages/"]):                       # doctest: +SKIP
...     print(line["title"] if line and "error" not in line else line)
"""

from __future__ import annotations

from .journal import OutputError
from .pools import BatchWorkerError
from .runner import iter_results, run
from .sources import Item
from .summary import Summary

__all__ = ["BatchWorkerError", "Item", "OutputError", "Summary", "iter_results", "run"]
