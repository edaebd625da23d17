#!/usr/bin/env python3
"""Mutation fuzzing of the whole pipeline: every case must end in a record or a typed, expected
error, within a time bound. Failures are saved for replay.

Usage:
    python scripts/fuzz.py [--cases 100000] [--seed 1] [--max-seconds 2] [--out fuzz-failures]

Seeds are the project's own fixture pages; each case applies a few random mutations (cut,
duplicate, splice in hostile snippets: broken tags, deep nesting, many attributes, bogus
charsets, broken JSON-LD, impossible dates, unbalanced quotes, control bytes) and is extracted
as bytes or as text, with and without site rules. A case is a failure when extract() raises
anything but an expected NewsExtractError, or takes longer than --max-seconds.
"""

from __future__ import annotations

import argparse
import random
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=2.0)
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = seeds()
    outcomes: Counter[str] = Counter()
    failures = 0
    signal.signal(signal.SIGALRM, _alarm)
    start = time.monotonic()
    for case in range(args.cases):
        data = mutate(rng, rng.choice(pool))
        as_text = rng.random() < 0.3
        html: str | bytes = data.decode("utf-8", "replace") if as_text else data
        site_rules = rng.random() < 0.5
        url = rng.choice(
            ["https://www.pravda.com.ua/eng/news/2024/07/12/7000000/", "https://news.example/a", None]
        )
        signal.setitimer(signal.ITIMER_REAL, args.max_seconds)
        try:
            newsextract.extract(html, url, site_rules=site_rules)
            outcomes["record"] += 1
        except newsextract.NewsExtractError as exc:
            outcomes[exc.kind] += 1
            if not exc.expected:
                failures += _save(args.out, case, data, f"unexpected {exc!r}")
        except _Slow:
            outcomes["slow"] += 1
            failures += _save(args.out, case, data, f"over {args.max_seconds} s")
        except Exception as exc:  # the bug class this script exists to find
            outcomes[type(exc).__name__] += 1
            failures += _save(args.out, case, data, repr(exc))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if (case + 1) % 10_000 == 0:
            print(f"{case + 1} cases, {time.monotonic() - start:.0f} s, {dict(outcomes)}", file=sys.stderr)
    print(f"{args.cases} cases in {time.monotonic() - start:.0f} s: {dict(outcomes)}; failures: {failures}")
    return 1 if failures else 0


def _save(out: Path, case: int, data: bytes, why: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"case-{case}.html").write_bytes(data)
    (out / f"case-{case}.txt").write_text(why + "\n")
    print(f"case {case}: {why}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
