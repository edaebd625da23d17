"""The same batch job on a Dask cluster: one task per input file, same output contract.

Each task extracts one file (a WARC, a JSONL shard, a page, a URL list) into its own part file
with the local runner (so a part resumes the same way), in the output's format, and the client
concatenates the parts, in input order, into the output. Needs the ``newsextract[dask]`` extra.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..limits import MAX_INPUT_BYTES
from .journal import locked
from .options import Options
from .runner import run
from .sinks import check_output, concatenate
from .sources import input_files
from .summary import Summary

__all__ = ["run_dask"]


def _one_file(path: str, part: str, options: Options, resume: bool, fmt: str) -> dict[str, int]:
    summary = run(
        [path],
        part,
        workers=1,
        resume=resume,
        site_rules=options.site_rules,
        timeout=options.timeout,
        max_bytes=options.max_bytes,
        format=fmt,
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
) -> Summary:
    """Run on the cluster at ``scheduler`` (an address or a Client; None: a local cluster).
    ``format``, ``resume`` and the options as for ``run``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the dask engine needs the extra: pip install 'newsextract[dask]'") from exc

    options = Options(workers=1, site_rules=site_rules, timeout=timeout, max_bytes=max_bytes)
    output = Path(output)
    fmt = check_output(output, format, resume=resume)
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
            summary.merge(
                Summary(ok=c["ok"], not_article=c["not_article"], errors=c["errors"], skipped=c["skipped"])
            )
        concatenate((parts / f"{i:06d}.{fmt}" for i in range(len(files))), output, fmt)
        shutil.rmtree(parts)
    return summary
