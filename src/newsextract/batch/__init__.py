"""Batch extraction of archives: WARC, folders of pages, JSONL, URL lists -> JSONL.

>>> from newsextract.batch import run, iter_results
>>> summary = run(["crawl.warc.gz"], "out.jsonl", workers=2)          # doctest: +SKIP
>>> for item, line in iter_results(["pages/"]):                       # doctest: +SKIP
...     print(line["title"] if line and "error" not in line else line)
"""

from __future__ import annotations

from .runner import BatchWorkerError, Summary, iter_results, run
from .sources import Item

__all__ = ["BatchWorkerError", "Item", "Summary", "iter_results", "run"]
