#!/usr/bin/env python3
"""Time of the quote finder alone, per article, on the bodies of real pages: the Scrapinghub
benchmark pages (../shared/bench/scrapinghub/), extracted once with site rules off, then
``find_quotes`` timed on each body (best of --repeat runs). Also the bodies joined into one
long body (under the MAX_QUOTES limit), at a quarter, half and all of its length, to show the
time stays linear in the body.

Usage:
    python benchmarks/quotes_bench.py [--shared ../shared] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import time
from pathlib import Path

import newsextract
from newsextract.errors import NewsExtractError
from newsextract.normalize.quotes import MAX_QUOTES, find_quotes


def _bodies(shared: Path) -> list[list[str]]:
    bodies = []
    for path in sorted((shared / "bench" / "scrapinghub" / "html").glob("*.html.gz")):
        try:
            article = newsextract.extract(
                gzip.decompress(path.read_bytes()), "https://bench.example/a", site_rules=False
            )
        except NewsExtractError:
            continue
        bodies.append(list(article.body))
    return bodies


def _best_ms(body: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        find_quotes(body)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bodies = _bodies(args.shared)
    with_quotes = [b for b in bodies if find_quotes(b)]
    times = [_best_ms(b, args.repeat) for b in bodies]
    quoted = [_best_ms(b, args.repeat) for b in with_quotes]
    print(f"{len(bodies)} articles, {len(with_quotes)} with quotes")
    print("| bodies | median ms | mean ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for label, values in (("all", times), ("with quotes", quoted)):
        values = sorted(values)
        p95 = values[int(0.95 * (len(values) - 1))]
        print(
            f"| {label} | {statistics.median(values):.3f} | {statistics.mean(values):.3f} | {p95:.3f} | {values[-1]:.3f} |"
        )
    print()
    print("| body length | quotes | ms per 1,000 paragraphs | ms per quote |")
    print("|---|---|---|---|")
    # One long body of the articles' paragraphs, cut to stay under the quote limit
    # (MAX_QUOTES), in quarters, halves and whole: the time per quote stays flat.
    sample = [p for b in with_quotes for p in b]
    while len(find_quotes(sample)) >= MAX_QUOTES:
        sample = sample[: len(sample) * 3 // 4]
    for share in (4, 2, 1):
        body = sample[: len(sample) // share]
        found = len(find_quotes(body))
        ms = _best_ms(body, args.repeat)
        print(f"| {len(body):,} paragraphs | {found} | {ms / len(body) * 1000:.1f} | {ms / found:.3f} |")


if __name__ == "__main__":
    main()
