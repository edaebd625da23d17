"""Run extraction over many inputs: the job, composed of the stages beside this module.

    sources     input files -> Items (pages, skipped records, reading errors), bounded reads
    download    the Items that carry a URL -> their pages, downloaded in this process
    pools       Items -> (item, worker result) in input order, from a parent-fed pool or from
                strided workers that read the inputs themselves (one worker runs here); remote
                archives one per worker, each in its order, interleaved with each other
    worker      one document -> one output line, within the per-document time limit
    filters     which records are kept: by site (in sources, before reading), language, date
                (in the worker, after extraction)
    dedupe      near-duplicates, decided here, in the one process every record passes
    journal     --resume (the output read back) and the output's lock
    sinks       lines -> JSONL, text, Markdown, Parquet
    progress    the progress bar

Every stage is handed one frozen ``Options`` (workers, site rules, time and size limits, the
fetcher's configuration, the filters, dedupe).
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ..limits import MAX_INPUT_BYTES
from .dedupe import NearDuplicates
from .download import downloaded
from .journal import OutputError, completed, locked, refuse_existing
from .options import Options, names
from .pools import BatchWorkerError, per_archive, pooled, strided, undone
from .progress import progress as progress_bar
from .sinks import Sink, check_output, marked, open_sink
from .sources import Item, can_stride, input_files, iter_items, resume_point
from .summary import Summary
from .worker import Worker, task_of

__all__ = ["BatchWorkerError", "OutputError", "Summary", "iter_results", "refuse_existing", "run"]


def iter_results(
    inputs: Iterable[str | Path],
    *,
    workers: int | None = 1,
    site_rules: bool = True,
    timeout: float = 30.0,
    skip_keys: frozenset[str] = frozenset(),
    fetch_config: Any = None,
    max_bytes: int = MAX_INPUT_BYTES,
    sites: Iterable[str] | str = (),
    languages: Iterable[str] | str = (),
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
) -> Iterator[tuple[Item, dict[str, Any] | None]]:
    """``(item, output line)`` for every input record, in input order (remote WARC archives on
    several workers: each archive's records in order, the archives interleaved); the line is
    None for skipped records and for those the filters (``sites``, ``languages``, ``since``,
    ``until``: see ``Options``) leave out, whose ``item.skip`` then names the filter.
    ``skip_keys`` (Item.key values) are passed over silently: they were done in an earlier run.
    (Near-duplicates are told by ``run(dedupe=...)``; every line here carries its ``fingerprint``.)

    With several workers on WARC archives and page files only, or on remote archives only, the
    page bytes stay in the worker that extracted them: ``item.data`` is None (source, url, capture time are there).
    A worker that dies raises BatchWorkerError. Closing the iterator early stops the workers.
    Options that cannot work (``timeout`` below 0, ``max_bytes`` below 1, a site that is no
    domain, ...) are a ValueError.
    """
    options = Options(
        workers=workers,
        site_rules=site_rules,
        timeout=timeout,
        max_bytes=max_bytes,
        fetch_config=fetch_config,
        sites=names(sites, "sites"),
        languages=names(languages, "languages"),
        since=since,
        until=until,
    )
    for item, result in _results(inputs, Worker(options), skip_keys):
        if isinstance(result, str):
            item.skip, result = result, None
        yield item, result


def _results(
    inputs: Iterable[str | Path], worker: Worker, skip_keys: frozenset[str]
) -> Generator[tuple[Item, Any], None, None]:
    """``(item, worker(task of item))`` per input record, in input order."""
    options = worker.options
    workers = options.workers or os.cpu_count() or 1
    files = input_files(inputs)
    if workers > 1 and files and all(can_stride(path) for path in files):
        yield from strided(files, worker, workers, skip_keys)
        return
    if workers > 1 and files and all(isinstance(path, str) for path in files):
        yield from per_archive([str(url) for url in files], worker, workers, skip_keys)
        return
    take = partial(undone, skip_keys=skip_keys)
    items: Iterator[Item] = (
        it
        for path in files
        for it in iter_items(
            path,
            take,
            max_bytes=options.max_bytes,
            fetch_config=options.fetch_config,
            resume_at=resume_point(path, skip_keys) if isinstance(path, str) else 0,
            sites=options.sites,
        )
    )
    items = downloaded(items, options.fetch_config, options.max_bytes)
    if workers == 1:
        worker.start()
        for item in items:
            yield item, worker(task_of(item))
        return
    yield from pooled(items, worker, workers)


def run(
    inputs: Iterable[str | Path],
    output: str | Path | TextIO,
    *,
    workers: int | None = None,
    resume: bool = False,
    site_rules: bool = True,
    timeout: float = 30.0,
    progress: bool = False,
    fetch_config: Any = None,
    force: bool = False,
    format: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    sites: Iterable[str] | str = (),
    languages: Iterable[str] | str = (),
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    dedupe: str | None = None,
) -> Summary:
    """Extract every input into ``output``, one line (row) per input in input order. Returns the
    counts of the whole job.

    Filters (``Options``): ``sites`` (registrable domains, subdomains included), ``languages``
    (ISO 639-1), ``since`` / ``until`` (the published date; a record without one is left out
    when either is set); ``dedupe="drop"`` leaves out a record whose fingerprint is within
    ``dedupe.DISTANCE`` bits of one kept earlier in the run, ``"mark"`` (JSONL only) writes it
    with ``duplicate_of``, the first one's source. Left-out records are counted by reason in
    ``Summary.filtered``, not written. With ``resume``, the records already written seed the
    near-duplicate index, so a resumed run keeps and leaves out what one uninterrupted would.

    ``output``: a path, or an open text stream (standard output) for the JSONL, text and
    Markdown formats. ``format``: ``jsonl``, ``text``, ``markdown`` or ``parquet`` (default:
    ``parquet`` for a ``.parquet`` output, else ``jsonl``). With ``resume`` (JSONL files only),
    lines already in ``output`` stay, and their inputs are not done again. An output that exists
    already is refused (FileExistsError) unless ``resume`` or ``force`` (overwrite) says what to
    do with it; both at once, a format that cannot resume, or options that cannot work are a
    ValueError; Parquet without pyarrow an ImportError that names the extra. An output another
    run is writing, or a file to resume that newsextract did not write, is an OutputError (a
    ValueError), with the file untouched.
    """
    options = Options(
        workers=workers,
        site_rules=site_rules,
        timeout=timeout,
        max_bytes=max_bytes,
        fetch_config=fetch_config,
        sites=names(sites, "sites"),
        languages=names(languages, "languages"),
        since=since,
        until=until,
        dedupe=dedupe,
    )
    index = NearDuplicates(sources=dedupe == "mark") if dedupe else None
    if not isinstance(output, (str, Path)):
        fmt = check_output(output, format, resume=resume, dedupe=dedupe)
        return _write(inputs, open_sink(output, fmt), options, frozenset(), Summary(), progress, index)
    path = Path(output)
    fmt = check_output(path, format, resume=resume, dedupe=dedupe)
    refuse_existing(path, resume=resume, force=force)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        seed = partial(_seed, index) if index is not None else None
        done, summary = completed(path, seen=seed) if resume else (frozenset(), Summary())
        sink = open_sink(path, fmt, append=resume)
        return _write(inputs, sink, options, done, summary, progress, index)


def _seed(index: NearDuplicates, line: dict[str, Any]) -> None:
    """A line of the earlier run into the near-duplicate index, as if this run had kept it."""
    fingerprint = line.get("fingerprint")
    if isinstance(fingerprint, str) and "error" not in line and "duplicate_of" not in line:
        index.seen(fingerprint, line["source"])


def _write(
    inputs: Iterable[str | Path],
    sink: Sink,
    options: Options,
    done: frozenset[str],
    summary: Summary,
    progress: bool,
    index: NearDuplicates | None = None,
) -> Summary:
    """Every input's line into ``sink``, in input order, counted into ``summary``; with
    ``index``, near-duplicates left out (or marked: ``options.dedupe``)."""
    inputs = list(inputs)
    bar = progress_bar(progress, inputs, initial=summary.total)
    stream = _results(inputs, Worker(options, render=sink.render), done)
    try:
        for item, result in stream:
            if result is None:
                summary.skipped += 1
            elif isinstance(result, str):
                summary.add_filtered(result)
            else:
                kind, rendered, fingerprint = result
                earlier = index.seen(fingerprint, item.source) if index is not None and kind == "ok" else None
                if earlier is None:
                    sink.write(rendered)
                    summary.add_kind(kind)
                elif options.dedupe == "mark":
                    assert index is not None
                    sink.write(marked(rendered, index.source(earlier)))
                    summary.add_kind(kind)
                    summary.marked += 1
                else:
                    summary.add_filtered("duplicate")
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
