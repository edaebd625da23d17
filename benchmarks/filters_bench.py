#!/usr/bin/env python3
"""Batch filters and dedupe: records/s of --site on a WARC where 1% of records match, against
full extraction; memory and speed of the --dedupe index over 100,000 fingerprints.

Usage: python benchmarks/filters_bench.py [--shared ../shared] [--records 20000] [--full 1000]
       [--fingerprints 100000]
       python benchmarks/filters_bench.py --distances DIR    # DIR: quality.py --out DIR

--distances measures the dedupe distance against the dev sets' bodies (the predictions
``benchmarks/quality.py --out DIR`` wrote): the Hamming distances between every two bodies (the
closest distinct articles say how large the distance may be without false pairs), and between
each body and itself with one word changed, an agency credit line added, its last paragraph
dropped (how many real near-duplicates a distance catches).

Builds a WARC.gz (in a temporary folder, never committed) of --records records from the 181
Scrapinghub pages under distinct URLs, one in a hundred on ``kept.example`` and the others spread
over 500 other sites, as a CC-NEWS file mixes them. Then, in this process, one worker:

- ``run(sites="kept.example")`` over the whole WARC (records/s over all records read);
- ``run()`` without a filter over a WARC of the first --full records (records/s of extraction);
- ``NearDuplicates`` (drop, and mark with WARC sources) fed --fingerprints random fingerprints:
  tracemalloc's peak, bytes per record, microseconds per query.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEPT = "kept.example"


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
            host = KEPT if i % 100 == 0 else f"site{i % 500}.example"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://{host}/news/{i}",
                "response",
                payload=io.BytesIO(pages[i % len(pages)]),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2020-01-01T00:00:00Z"},
            )
            writer.write_record(record)
            record.raw_stream.close()
    return path


def timed_run(warc: Path, out: Path, **filters: object) -> tuple[float, dict[str, object]]:
    from newsextract.batch import run

    start = time.perf_counter()
    summary = run([warc], out, workers=1, force=True, **filters)  # type: ignore[arg-type]
    return time.perf_counter() - start, summary.to_dict()


def dedupe_memory(count: int, mark: bool) -> dict[str, float]:
    from newsextract.batch.dedupe import NearDuplicates

    rng = random.Random(31)
    values = [rng.getrandbits(64) for _ in range(count)]
    tracemalloc.start()
    index = NearDuplicates(sources=mark)
    for n, value in enumerate(values):
        index.seen(value, {"file": "/data/CC-NEWS-20240712123456-01234.warc.gz", "offset": 1000 * n})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    queries = [rng.getrandbits(64) for _ in range(20000)]
    start = time.perf_counter()
    for value in queries:
        index.first(value)
    per_query = (time.perf_counter() - start) / len(queries)
    return {
        "records": count,
        "peak_bytes": peak,
        "bytes_per_record": round(peak / count, 1),
        "query_us": round(per_query * 1e6, 2),
    }


def distances(folder: Path) -> dict[str, object]:
    from collections import Counter

    from newsextract.normalize.fingerprint import hamming, simhash

    bodies: list[tuple[str, int, str]] = []
    for name in ("dev", "fundus", "openweb", "wceb", "pravda"):
        for raw in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(raw)
            text = "\n".join(row.get("body") or [])
            value = simhash(text)
            if value is not None:
                bodies.append((f"{name}/{row['id']}", value, text))
    pairs: Counter[int] = Counter()
    same_text = 0
    for i, (_, a, text_a) in enumerate(bodies):
        for _, b, text_b in bodies[i + 1 :]:
            if text_a == text_b:
                same_text += 1  # one article captured twice (the sets hold a few): not a false pair
            else:
                pairs[hamming(a, b)] += 1
    rng = random.Random(1)
    edits: dict[str, Counter[int]] = {
        "one_word": Counter(),
        "credit_line": Counter(),
        "last_paragraph_dropped": Counter(),
    }
    for _, value, text in bodies:
        words = text.split(" ")
        if len(words) < 50:
            continue
        words[rng.randrange(len(words))] = "xyzzy"
        edits["one_word"][hamming(value, simhash(" ".join(words)) or 0)] += 1
        credit = text + "\n(Reuters) Reporting by Jane Doe; editing by John Roe"
        edits["credit_line"][hamming(value, simhash(credit) or 0)] += 1
        paragraphs = text.split("\n")
        if len(paragraphs) > 4:
            edits["last_paragraph_dropped"][hamming(value, simhash("\n".join(paragraphs[:-1])) or 0)] += 1

    def within(counts: Counter[int], k: int) -> str:
        total = sum(counts.values())
        return f"{sum(n for d, n in counts.items() if d <= k) / total:.0%}"

    texts = [text for _, _, text in bodies]
    best = float("inf")
    for _ in range(3):  # the fingerprint's own cost: best of 3 passes over every body
        start = time.process_time()
        for text in texts:
            simhash(text)
        best = min(best, time.process_time() - start)
    words = sum(len(text.split()) for text in texts)
    return {
        "bodies": len(bodies),
        "fingerprint_ms_per_body": round(best / len(texts) * 1000, 3),
        "words_per_body": round(words / len(texts)),
        "pairs_of_distinct_bodies": sum(pairs.values()),
        "identical_bodies_pairs": same_text,
        "closest_distinct": min(pairs),
        "closest_distances": sorted(pairs.items())[:5],
        "caught_within": {k: {edit: within(c, k) for edit, c in edits.items()} for k in (2, 3, 4, 6)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--full", type=int, default=1000)
    parser.add_argument("--fingerprints", type=int, default=100000)
    parser.add_argument("--distances", type=Path, metavar="DIR", help="quality.py --out DIR: measure k")
    args = parser.parse_args()
    if args.distances:
        json.dump(distances(args.distances), sys.stdout, indent=2)
        print()
        return 0
    result: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}",
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc = build_warc(args.shared, args.records, folder / "mixed.warc.gz")
        small = build_warc(args.shared, args.full, folder / "small.warc.gz")
        from newsextract.batch.worker import _warm_up

        _warm_up()  # the models and modules a first page would load, out of the timings
        seconds, summary = timed_run(warc, folder / "site.jsonl", sites=KEPT)
        site_rate = args.records / seconds
        result["site_filter"] = {
            "records": args.records,
            "seconds": round(seconds, 2),
            "records_per_s": round(site_rate),
            "summary": summary,
        }
        seconds, summary = timed_run(small, folder / "full.jsonl")
        full_rate = args.full / seconds
        result["full_extraction"] = {
            "records": args.full,
            "seconds": round(seconds, 2),
            "records_per_s": round(full_rate, 1),
            "summary": summary,
        }
        result["ratio"] = round(site_rate / full_rate, 1)
    result["dedupe_drop"] = dedupe_memory(args.fingerprints, mark=False)
    result["dedupe_mark"] = dedupe_memory(args.fingerprints, mark=True)
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
