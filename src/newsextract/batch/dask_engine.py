"""The same batch job on a Dask cluster: one task per input file, same output contract.

Each task extracts one file (a WARC, a JSONL shard, a page, a URL list) into its own part file
with the local runner (so a part resumes the same way, and the filters apply there), in the
output's format, and the client concatenates the parts, in input order, into the output. Needs
the ``newsextract[dask]`` extra.

--dedupe is decided where the results are gathered: the parts are then JSONL (their lines carry
the fingerprints), and the client reads them in input order through one near-duplicate index
as it writes the output, so the output and its counts are the ones the local engine gives with
one worker (the same records kept, dropped or marked; the client holds the index's memory). The
output is JSONL or Parquet (a Parquet row is the JSON line's fields); text and Markdown are
rendered from the Article, which a part's line no longer is.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..limits import MAX_INPUT_BYTES
from .dedupe import NearDuplicates
from .journal import locked
from .options import Options, names
from .runner import run
from .sinks import ParquetSink, check_output, concatenate, marked
from .sources import input_files
from .summary import Summary

__all__ = ["DEDUPE_FORMATS", "run_dask"]

# The output formats --dedupe writes on this engine: those made from a part's JSON lines.
DEDUPE_FORMATS = ("jsonl", "parquet")


def _one_file(path: str, part: str, options: Options, resume: bool, fmt: str) -> dict[str, Any]:
    summary = run(
        [path],
        part,
        workers=1,
        resume=resume,
        site_rules=options.site_rules,
        timeout=options.timeout,
        max_bytes=options.max_bytes,
        format=fmt,
        sites=options.sites,
        languages=options.languages,
        since=options.since,
        until=options.until,
    )
    return summary.to_dict()


def run_dask(
    inputs: list[str | Path],
    output: str | Path,
    *,
    scheduler: Any = None,
    resume: bool = False,
    site_rules: bool = True,
    timeout: float = 30.0,
    format: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    sites: Iterable[str] | str = (),
    languages: Iterable[str] | str = (),
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    dedupe: str | None = None,
) -> Summary:
    """Run on the cluster at ``scheduler`` (an address or a Client; None: a local cluster).
    ``format``, ``resume``, the filters and ``dedupe`` as for ``run``; ``dedupe`` needs JSONL
    or Parquet output here (a ValueError otherwise, before any cluster starts)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the dask engine needs the extra: pip install 'newsextract[dask]'") from exc

    options = Options(
        workers=1,
        site_rules=site_rules,
        timeout=timeout,
        max_bytes=max_bytes,
        sites=names(sites, "sites"),
        languages=names(languages, "languages"),
        since=since,
        until=until,
        dedupe=dedupe,
    )
    output = Path(output)
    fmt = check_output(output, format, resume=resume, dedupe=dedupe)
    if dedupe and fmt not in DEDUPE_FORMATS:
        raise ValueError(
            f"--dedupe on the dask engine reads the parts' JSON lines: it needs JSONL or Parquet output, not {fmt}"
        )
    part_fmt = "jsonl" if dedupe else fmt
    with locked(output):  # one run at a time on one output, as for the local runner
        parts = output.with_name(output.name + ".parts")
        parts.mkdir(parents=True, exist_ok=True)
        if not resume:
            for stale in parts.iterdir():
                stale.unlink()
        files = input_files(inputs)
        own_cluster = None
        if isinstance(scheduler, Client):
            client = scheduler
        else:
            own_cluster = (
                None if scheduler else LocalCluster(processes=True, dashboard_address=None)  # type: ignore[no-untyped-call]
            )
            client = Client(scheduler or own_cluster)  # type: ignore[no-untyped-call]
        try:
            futures = [
                client.submit(
                    _one_file,
                    str(path),
                    str(parts / f"{i:06d}.{part_fmt}"),
                    options,
                    resume,
                    part_fmt,
                    pure=False,
                )
                for i, path in enumerate(files)
            ]
            counts = client.gather(futures)  # type: ignore[no-untyped-call]
        finally:
            if client is not scheduler:
                client.close()  # type: ignore[no-untyped-call]
            if own_cluster is not None:
                own_cluster.close()
        summary = Summary()
        for c in counts:
            summary.merge(Summary.from_dict(c))
        paths = [parts / f"{i:06d}.{part_fmt}" for i in range(len(files))]
        if dedupe:
            _deduplicated(paths, output, fmt, dedupe, summary)
        else:
            concatenate(paths, output, fmt)
        shutil.rmtree(parts)
    return summary


def _deduplicated(parts: list[Path], output: Path, fmt: str, mode: str, summary: Summary) -> None:
    """JSONL parts, in order, into ``output`` (JSONL or Parquet: ``fmt``) through one
    near-duplicate index (as the local runner decides them: a record within the distance of one
    kept earlier is dropped, or marked); ``summary`` (the parts' counts) moves the dropped from
    ``ok`` to ``filtered``."""
    if fmt == "parquet":  # no marks here (check_output)
        sink = ParquetSink(output)
        try:
            for text in _kept(parts, mode, summary):
                sink.write(ParquetSink.render(json.loads(text), None))
        finally:
            sink.close()
        return
    with output.open("w", encoding="utf-8") as out:
        for text in _kept(parts, mode, summary):
            out.write(text)


def _kept(parts: list[Path], mode: str, summary: Summary) -> Iterator[str]:
    """The lines of the JSONL ``parts`` that are written, in order: near-duplicates left out
    (counted into ``summary``) or, with ``mode`` mark, given their ``duplicate_of``."""
    index = NearDuplicates(sources=mode == "mark")
    for part in parts:
        with part.open(encoding="utf-8") as fh:
            for text in fh:
                line = json.loads(text)
                fingerprint = line.get("fingerprint") if "error" not in line else None
                earlier = index.seen(fingerprint, line["source"])
                if earlier is None:
                    yield text
                elif mode == "mark":
                    summary.marked += 1
                    yield marked(text.rstrip("\n"), index.source(earlier)) + "\n"
                else:
                    summary.ok -= 1
                    summary.add_filtered("duplicate")
