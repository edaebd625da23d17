"""Batch extraction of archives: WARC, folders of pages, JSONL, URL lists -> JSONL.

>>> from newsextract.batch import run, iter_results
>>> summary = run(["crawl.warc.gz"], "out.jsonl", workers=2)          # doctest: +SKIP
>>> for item, line in iter_results(["pages/"]):                       # doctest: +SKIP
...     print(line["title"] if line and "error" not in line else line)
"""

from __future__ import annotations

import argparse
import json
import sys

from .runner import Summary, iter_results, run
from .sources import Item

__all__ = ["Item", "Summary", "iter_results", "run", "run_cli"]


def run_cli(args: argparse.Namespace) -> int:
    """``newsextract batch``: run, print the summary to stderr; exit 1 when any input failed."""
    if args.engine == "dask":
        from .dask_engine import run_dask

        summary = run_dask(
            args.inputs,
            args.output,
            scheduler=args.scheduler,
            resume=args.resume,
            site_rules=not args.no_site_rules,
            timeout=args.timeout,
        )
    else:
        if args.workers is not None and args.workers < 1:
            print("newsextract: batch: --workers must be at least 1", file=sys.stderr)
            return 2
        summary = run(
            args.inputs,
            args.output,
            workers=args.workers,
            resume=args.resume,
            site_rules=not args.no_site_rules,
            timeout=args.timeout,
            progress=not args.quiet,
        )
    print(f"newsextract: batch: {json.dumps(summary.to_dict())}", file=sys.stderr)
    return 1 if summary.errors else 0
