"""The same batch job on a Dask cluster: one task per input file, same output contract.

Each task extracts one file (a WARC, a JSONL shard, a page, a URL list) into its own part file
with the local runner (so a part resumes the same way, and the filters apply there), in the
output's format, and the client concatenates the parts, in input order, into the output. Needs
the ``newsextract[dask]`` extra.

--dedupe is decided where the results are gathered: the client reads the parts' lines in input
order through one near-duplicate index as it concatenates them, so the output and its counts
are the ones the local engine gives (the same records kept, dropped or marked). It needs JSONL
output (the parts' lines carry the fingerprints; the client holds the index's memory).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..limits import MAX_INPUT_BYTES
from .dedupe import NearDuplicates
from .journal import locked
from .options import Options, names
from .runner import run
from .sinks import check_output, concatenate, marked
from .sources import input_files
from .summary import Summary

__all__ = ["run_dask"]


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
    output here (a ValueError otherwise, before any cluster starts)."""
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
    if dedupe and fmt != "jsonl":
        raise ValueError(
            f"--dedupe on the dask engine reads the parts' JSON lines: it needs JSONL output, not {fmt}"
        )
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
                    str(parts / f"{i:06d}.{fmt}"),
                    options,
                    resume,
                    fmt,
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
        paths = [parts / f"{i:06d}.{fmt}" for i in range(len(files))]
        if dedupe:
            _deduplicated(paths, output, dedupe, summary)
        else:
            concatenate(paths, output, fmt)
        shutil.rmtree(parts)
    return summary


def _deduplicated(parts: list[Path], output: Path, mode: str, summary: Summary) -> None:
    """JSONL parts, in order, into ``output`` through one near-duplicate index (as the local
    runner decides them: a record within the distance of one kept earlier is dropped, or
    marked); ``summary`` (the parts' counts) moves the dropped from ``ok`` to ``filtered``."""
    index = NearDuplicates(sources=mode == "mark")
    with output.open("w", encoding="utf-8") as out:
        for part in parts:
            with part.open(encoding="utf-8") as fh:
                for text in fh:
                    line = json.loads(text)
                    fingerprint = line.get("fingerprint") if "error" not in line else None
                    earlier = index.seen(fingerprint, line["source"])
                    if earlier is None:
                        out.write(text)
                    elif mode == "mark":
                        out.write(marked(text.rstrip("\n"), index.source(earlier)) + "\n")
                        summary.marked += 1
                    else:
                        summary.ok -= 1
                        summary.add_filtered("duplicate")
