#!/usr/bin/env python3
"""Mutation fuzzing of the whole pipeline: every case must end in a record or a typed, expected
error, within a time bound. Failures are saved for replay.

Usage:
    python scripts/fuzz.py [--cases 100000] [--seed 1] [--workers N] [--max-seconds 2]
                           [--max-rss-mb 1024] [--out fuzz-failures]

Seeds are the project's own fixture pages; each case applies a few random mutations (cut,
duplicate, splice in hostile snippets: broken tags, deep nesting, many attributes, bogus
charsets, broken JSON-LD, impossible dates, unbalanced quotes, control bytes) and is extracted
as bytes or as text, with and without site rules, in worker processes. A case is a failure when
extract() raises anything but an expected NewsExtractError, takes longer than --max-seconds, or
leaves its worker above --max-rss-mb. Each case is rebuilt from (seed, case number) alone.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import newsextract

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = [
    b"<div>" * 400,
    b"</div>" * 200,
    b"<p " + b" ".join(b"a%d" % i for i in range(3000)) + b">",
    b'<meta charset="punycode">',
    b'<meta charset="undefined">',
    b'<meta charset="utf-16">',
    b'<script type="application/ld+json">' + b"[" * 3000 + b"</script>",
    b'<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"31.12.99999"}</script>',
    b'<meta property="article:published_time" content="2024-07-12T10:00:00+99:99">',
    b'<time datetime="1e400">-1</time>',
    b'<a href="http://[::1">x</a>',
    b'<link rel="canonical" href="http://x:port/">',
    b"\xff\xfe\x00\x00",
    b"\x00\x01\x02",
    b"<!--",
    b"<a" * 70_000,  # tags left open, past the size at which the taming scan runs
    b"<![CDATA[",
    b"<p>\xe2\x80\x9cUnclosed quote said Anna Roth</p>",
    b'<p>"' + b"x" * 5000 + b'" said Anna Roth.</p>',
    b"<div class='byline'>By " + b"Anna Roth, " * 500 + b"</div>",
    b"<h1>" + "Київ".encode() * 50 + b"</h1>",
    b"<table><tr><td>" * 100,
    b"<svg><foreignObject><p>inside svg</p></foreignObject></svg>",
    b"&#x110000;&#0;&amp",
]


def seeds() -> list[bytes]:
    pages = sorted((ROOT / "tests" / "fixtures").rglob("*.html"))
    return [p.read_bytes() for p in pages] or [b"<html><body><h1>x</h1><p>text</p></body></html>"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        n = len(data)
        op = rng.randrange(5)
        i, j = sorted((rng.randrange(n + 1), rng.randrange(n + 1)))
        if op == 0:
            data = data[:i] + data[j:]  # cut
        elif op == 1:
            data = data[:j] + data[i:j] + data[j:]  # duplicate
        elif op == 2:
            data = data[:i] + rng.choice(SNIPPETS) + data[i:]  # splice a hostile snippet
        elif op == 3 and n:
            k = rng.randrange(n)
            data = data[:k] + bytes([rng.randrange(256)]) + data[k + 1 :]  # flip a byte
        else:
            data = data[:i]  # truncate
    return data


class _Slow(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Slow


_POOL: list[bytes] = []
_LIMIT = 2.0


def _start(limit: float) -> None:
    global _LIMIT
    _POOL[:] = seeds()
    _LIMIT = limit
    signal.signal(signal.SIGALRM, _alarm)


def case_input(seed: int, case: int) -> tuple[bytes, bool, bool, str | None]:
    """Case ``case`` of run ``seed``: the same bytes and options on every machine and worker."""
    rng = random.Random(f"{seed}:{case}")
    data = mutate(rng, rng.choice(_POOL))
    url = rng.choice(
        ["https://www.pravda.com.ua/eng/news/2024/07/12/7000000/", "https://news.example/a", None]
    )
    return data, rng.random() < 0.3, rng.random() < 0.5, url


def run_case(job: tuple[int, int]) -> tuple[int, str, float, float, str | None]:
    """(case, outcome, seconds, peak RSS in MB of this worker, failure or None)."""
    seed, case = job
    data, as_text, site_rules, url = case_input(seed, case)
    html: str | bytes = data.decode("utf-8", "replace") if as_text else data
    failure = None
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, _LIMIT, 0.5)  # repeats: an alarm swallowed by a finalizer
    try:
        newsextract.extract(html, url, site_rules=site_rules)
        outcome = "record"
    except newsextract.NewsExtractError as exc:
        outcome = exc.kind
        if not exc.expected:
            failure = f"unexpected {exc!r}"
    except _Slow:
        outcome, failure = "slow", f"over {_LIMIT} s"
    except Exception as exc:  # the bug class this script exists to find
        outcome, failure = type(exc).__name__, repr(exc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return case, outcome, time.perf_counter() - start, rss, failure


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--max-seconds", type=float, default=2.0)
    ap.add_argument("--max-rss-mb", type=float, default=1024.0, help="a worker above this is a failure")
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = ap.parse_args()
    outcomes: Counter[str] = Counter()
    failures = 0
    slowest = (0.0, -1)
    peak_rss = 0.0
    start = time.monotonic()
    jobs = ((args.seed, case) for case in range(args.cases))
    with multiprocessing.get_context("fork").Pool(args.workers, _start, (args.max_seconds,)) as pool:
        for done, (case, outcome, seconds, rss, failure) in enumerate(
            pool.imap_unordered(run_case, jobs, chunksize=200), 1
        ):
            outcomes[outcome] += 1
            slowest = max(slowest, (seconds, case))
            peak_rss = max(peak_rss, rss)
            if failure is None and rss > args.max_rss_mb:
                failure = f"worker RSS {rss:.0f} MB over {args.max_rss_mb:.0f} MB"
            if failure is not None:
                failures += _save(args.out, args.seed, case, failure)
            if done % 10_000 == 0:
                print(f"{done} cases, {time.monotonic() - start:.0f} s, {dict(outcomes)}", file=sys.stderr)
    print(
        f"{args.cases} cases (seed {args.seed}) in {time.monotonic() - start:.0f} s on {args.workers} workers: "
        f"{dict(outcomes)}; slowest case {slowest[1]} took {slowest[0]:.2f} s; peak worker RSS "
        f"{peak_rss:.0f} MB; failures: {failures}"
    )
    return 1 if failures else 0


def _save(out: Path, seed: int, case: int, why: str) -> int:
    """The failing input and why, for replay: ``case_input(seed, case)`` rebuilds it too."""
    out.mkdir(parents=True, exist_ok=True)
    _POOL[:] = _POOL or seeds()
    (out / f"case-{seed}-{case}.html").write_bytes(case_input(seed, case)[0])
    (out / f"case-{seed}-{case}.txt").write_text(why + "\n")
    print(f"case {case}: {why}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
