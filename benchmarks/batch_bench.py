#!/usr/bin/env python3
"""Batch throughput and memory: records/s with 1 and 2 workers, peak RSS at 1,000 and 10,000 pages.

Usage: python benchmarks/batch_bench.py [--shared ../shared] [--sizes 1000,10000] [--trafilatura PYTHON]

Builds WARC.gz files (in a temporary folder, never committed) from the 181 Scrapinghub pages,
repeated under distinct URLs, runs `newsextract batch` on them as a subprocess, and samples the
resident memory of the whole process tree (runner + workers) every 20 ms. With --trafilatura
PYTHON (a Python that has trafilatura and newsextract, e.g. benchmarks/.venv-peers/bin/python),
the same WARC goes through trafilatura.extract in one process for comparison.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_warc(shared: Path, size: int, path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [
        gzip.decompress(p.read_bytes())
        for p in sorted((shared / "bench" / "scrapinghub" / "html").glob("*.html.gz"))
    ]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(size):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://bench.example/{i}",
                "response",
                payload=io.BytesIO(pages[i % len(pages)]),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2020-01-01T00:00:00Z"},
            )
            writer.write_record(record)
            record.raw_stream.close()
    return path


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return elapsed, peak


TRAFILATURA_SCRIPT = """
import sys, trafilatura
from pathlib import Path
from newsextract.batch.sources import iter_items
n = 0
for item in iter_items(Path(sys.argv[1])):
    if item.data is not None:
        trafilatura.extract(item.data.decode("utf-8", "replace"), url=item.url, with_metadata=True)
        n += 1
print(n)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--trafilatura", help="a Python with trafilatura and newsextract installed")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            warc = build_warc(args.shared, size, Path(tmp) / f"bench-{size}.warc.gz")
            for workers in (1, 2):
                out = Path(tmp) / f"out-{size}-{workers}.jsonl"
                cmd = [
                    sys.executable,
                    "-m",
                    "newsextract",
                    "batch",
                    str(warc),
                    "-o",
                    str(out),
                    "--workers",
                    str(workers),
                    "--quiet",
                    "--no-site-rules",
                ]
                elapsed, peak = measure(cmd)
                lines = sum(1 for _ in out.open())
                rows.append(
                    {
                        "tool": "newsextract batch",
                        "pages": size,
                        "workers": workers,
                        "records": lines,
                        "records_per_s": round(size / elapsed, 1),
                        "peak_rss_mb": round(peak / 2**20, 1),
                    }
                )
                print(json.dumps(rows[-1]), file=sys.stderr)
            if args.trafilatura:
                script = Path(tmp) / "traf.py"
                script.write_text(TRAFILATURA_SCRIPT)
                elapsed, peak = measure([args.trafilatura, str(script), str(warc)])
                rows.append(
                    {
                        "tool": "trafilatura (one process)",
                        "pages": size,
                        "workers": 1,
                        "records": size,
                        "records_per_s": round(size / elapsed, 1),
                        "peak_rss_mb": round(peak / 2**20, 1),
                    }
                )
                print(json.dumps(rows[-1]), file=sys.stderr)
    print("| tool | pages | workers | records/s | peak RSS (MB, process tree) |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['tool']} | {r['pages']:,} | {r['workers']} | {r['records_per_s']} | {r['peak_rss_mb']} |"
        )


if __name__ == "__main__":
    main()
