#!/usr/bin/env python3
"""Mutation fuzzing of the whole pipeline: every case must end in a record or a typed, expected
error, within a time bound. Failures are saved for replay.

Usage:
    python scripts/fuzz.py [--mode pages|batch] [--cases 100000] [--seed 1] [--workers N]
                           [--max-seconds 2] [--max-rss-mb 1024] [--out fuzz-failures]

Seeds are the project's own fixture pages; each case applies a few random mutations (cut,
duplicate, splice in hostile snippets: broken tags, deep nesting, many attributes, bogus
charsets, broken JSON-LD, impossible dates, unbalanced quotes, control bytes) and is extracted
as bytes or as text, with and without site rules, in worker processes. A case is a failure when
extract() raises anything but an expected NewsExtractError, takes longer than --max-seconds, or
leaves its worker above --max-rss-mb. Each case is rebuilt from (seed, case number) alone.

--mode batch fuzzes what surrounds extract() in a batch (see ``batch_case``): WARC archives with
hostile headers, JSONL files with hostile lines, and files handed to --resume. A case is a
failure when the batch raises, loses or repeats a record, writes a line that is neither a record
nor an error line, hits the per-document time limit, or (resume) changes a file it refuses.
``ExtractionError`` lines (extract() itself failing on a value the source handed over) are
counted and listed apart: they are extract()'s to fix, and the batch kept every other record.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import random
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

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
    # The language model loads here, not inside a case's time limit (a load cut short starts over).
    newsextract.extract(
        b"<html><body><article><h1>x</h1>" + b"<p>Warm words for the model.</p>" * 40 + b"</article>"
    )


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


# ------------------------------------------------------------------------------ batch mode
HOSTILE_DATES = [
    b"9999-12-31T23:59:59Z",
    b"0000-00-00T00:00:00Z",
    b"",
    b"yesterday",
    b"1e400",
    b"2024-13-45T99:99:99Z",
    b"-2024-01-01T00:00:00Z",
    b"2024-07-12T10:00:00+99:99",
    b"2024-07-12T10:00:00Z\x00",
    b"9" * 300,
    b"2021-03-04T05:06:07Z",
    b"2021-03-04T05:06:07.123456789Z",
    b"\xff\xfe2021",
]
HOSTILE_URIS = [
    b"javascript:alert(1)",
    b"http://[::1",
    b"",
    b"https://news.example/a b",
    b"http://x:65536/",
    b"file:///etc/passwd",
    b"//evil.example/x",
    b"https://news.example/\x00",
    b"https://" + b"a" * 5000,
    "https://пример.укр/новини".encode(),
    b"\xc3\x28",
    b"<https://news.example/a>",
    b"https://news.example/a",
    b"dns:news.example",
    b"vbscript:x",
]
HOSTILE_TYPES = [
    b"text/html; charset=utf-8\x00",
    b"text/html; charset=",
    b'text/html; charset="',
    b"text/html; charset=utf-16",
    b"text/html; charset=cp037",
    b"text/html; charset=punycode",
    b"text/html;;;",
    b"TEXT/HTML; CHARSET=UTF-8",
    b"text/html; charset=" + b"x" * 500,
    b"\xff\xfe",
    b"",
    b"image/png",
    b"text/html",
    b"application/xhtml+xml",
    b"text/html; charset=windows-1251",
]
HOSTILE_STATUS = [
    b"HTTP/1.1 200 OK",
    b"HTTP/1.1 999 ???",
    b"HTTP/9 200",
    b"200 OK",
    b"",
    b"HTTP/1.1 200 OK\x00",
]
HOSTILE_TIMES: list[object] = [
    "9999-12-31T23:59:59Z",
    "1e400",
    10**30,
    -(10**30),
    1717171717,
    "5 hours ago",
    None,
    [],
    {},
    "",
    True,
    "2024-02-30T10:00:00Z",
    "2024-07-12T10:00:00+99:99",
    1.5e308,
    "\x00",
]
HOSTILE_LINES = [
    b"[" * 100_000 + b"]" * 100_000,
    b"null",
    b"[]",
    b'"html"',
    b"{}",
    b"\x00\x01\x02",
    b"\xff\xfe\xfd",
    b'{"html": "\\ud800<p>lone surrogate</p>"}',
    b'{"html": 1e400}',
    b'{"url": 5}',
    b'{"url": "http://[::1", "html": 5}',
    b'{"html": "<p>x</p>", "url": ["a"]}',
    b"NaN",
    b'{"html": "<p>' + b"\\u0438" * 20_000 + b'</p>"}',
    b"\xef\xbb\xbf" + b'{"html": "<p>BOM</p>"}',
    b'{"html": "<p>a</p>"}\r{"html": "<p>b</p>"}',
]


def _small_page(rng: random.Random) -> bytes:
    n = rng.randrange(1000)
    paragraphs = "".join(
        f"<p>Paragraph {i} of story {n}, long enough to count as article text, with commas.</p>"
        for i in range(5)
    )
    html = f"<html><head><title>Story {n}</title></head><body><article><h1>Story number {n}</h1>"
    extra = rng.choice(["", "<span class='date'>5 hours ago</span>", "<time datetime='9999-99-99'>x</time>"])
    return (html + extra + paragraphs + "</article></body></html>").encode()


def _body(rng: random.Random) -> bytes:
    data = _small_page(rng) if rng.random() < 0.8 else rng.choice(_POOL)
    return mutate(rng, data) if rng.random() < 0.3 else data


def _pick(rng: random.Random, hostile: list[bytes], plain: bytes) -> bytes:
    """A hostile value half the time, else the plain one (so that a record's other hostile
    values are reached too, not only the first that stops the reader)."""
    return rng.choice(hostile) if rng.random() < 0.5 else plain


def _warc_record(rng: random.Random) -> bytes:
    """One WARC record, its headers drawn from the hostile lists, written by hand (a well-kept
    writer would refuse most of them)."""
    body = _body(rng)
    status = _pick(rng, HOSTILE_STATUS, b"HTTP/1.1 200 OK")
    http = status + b"\r\nContent-Type: " + _pick(rng, HOSTILE_TYPES, b"text/html") + b"\r\n"
    if rng.random() < 0.2:
        http += b"X-Broken header without a colon\r\n"
    block = http + b"\r\n" + body
    length = len(block)
    if rng.random() < 0.05:
        length = rng.choice([0, length // 2, length + 100, 10**15, -1])
    kind = rng.choice([b"response"] * 6 + [b"resource", b"request", b"metadata", b"warcinfo"])
    headers = [
        b"WARC/1.0",
        b"WARC-Type: " + kind,
        b"WARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>" % rng.randrange(10**8),
        b"WARC-Date: " + _pick(rng, HOSTILE_DATES, b"2021-03-04T05:06:07Z"),
        b"WARC-Target-URI: " + _pick(rng, HOSTILE_URIS, b"https://news.example/a"),
        b"Content-Type: " + _pick(rng, [b"text/html", b"", b"\x00"], b"application/http; msgtype=response"),
        b"Content-Length: " + str(length).encode(),
    ]
    if rng.random() < 0.05:
        del headers[rng.randrange(1, len(headers))]
    record = b"\r\n".join(headers) + b"\r\n\r\n" + block + b"\r\n\r\n"
    return gzip.compress(record, compresslevel=1) if rng.random() < 0.5 else record


def _jsonl_line(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(HOSTILE_LINES)
    row: dict[str, object] = {"html": _body(rng).decode("utf-8", "replace")}
    if rng.random() < 0.7:
        row["url"] = rng.choice(HOSTILE_URIS).decode("utf-8", "replace")
    if rng.random() < 0.7:
        row["fetched_at"] = rng.choice(HOSTILE_TIMES)
    return json.dumps(row, ensure_ascii=rng.random() < 0.5).encode()


def _journal(rng: random.Random) -> bytes:
    """An output file to resume: lines of a batch, then hostile lines or a torn tail."""
    good = [
        json.dumps({"schema": "newsextract/1", "title": "A", "source": {"file": "x.html"}}),
        json.dumps({"error": {"kind": "Timeout", "message": "m"}, "source": {"file": "y", "line": 3}}),
    ]
    parts = [rng.choice(good).encode() + b"\n" for _ in range(rng.randrange(4))]
    tail = rng.choice(
        [
            b"",
            b'{"sch',
            b'{"schema": "newsextract/1", "ti',
            b"notes\n",
            b"{}\n",
            b"[1]\n",
            b"\x00" * 10,
            b'{"source": 1}\n',
            b'{"schema": 5, "source": {}}\n',
            b'{"error": "x", "source": {}}\n',
            b"\n",
            rng.randbytes(rng.randrange(64)),
        ]
    )
    return b"".join(parts) + tail


def batch_case(seed: int, case: int) -> tuple[str, bytes]:
    """Case ``case`` of run ``seed`` in batch mode: (kind, file bytes); kind is warc, warc.gz
    (a file cut short), jsonl, jsonl.gz or journal."""
    rng = random.Random(f"batch:{seed}:{case}")
    kind = rng.choice(["warc", "warc", "warc", "jsonl", "jsonl", "journal"])
    if kind == "warc":
        data = b"".join(_warc_record(rng) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.1:
            data = data[: rng.randrange(len(data) + 1)]
        return "warc", data
    if kind == "jsonl":
        data = b"".join(
            _jsonl_line(rng) + rng.choice([b"\n", b"\n", b"\r\n", b"\n\n"]) for _ in range(rng.randint(1, 4))
        )
        if rng.random() < 0.3:
            data = gzip.compress(data, compresslevel=1)
            if rng.random() < 0.2:
                data = data[: rng.randrange(len(data) + 1)]
            return "jsonl.gz", data
        return "jsonl", data
    return "journal", _journal(rng)


_TMP: list[Path] = []
# The page limit of batch cases: small, so over-long lines and records are reached too.
BATCH_MAX_BYTES = 20_000


def _start_batch(limit: float, cases: str) -> None:
    """A batch-mode worker: its cases are written into its own folder of ``cases``."""
    global _LIMIT
    _POOL[:] = seeds()
    _LIMIT = limit
    _TMP[:] = [Path(cases) / str(os.getpid())]
    _TMP[0].mkdir()


def run_batch_case(job: tuple[int, int]) -> tuple[int, str, float, float, str | None]:
    """(case, outcome, seconds, peak RSS in MB of this worker, failure or None)."""
    from newsextract.batch import OutputError, iter_results
    from newsextract.batch.journal import completed

    seed, case = job
    kind, data = batch_case(seed, case)
    path = _TMP[0] / f"case.{kind if kind != 'journal' else 'jsonl'}"
    path.write_bytes(data)
    start = time.perf_counter()
    outcome, failure = kind, None
    try:
        if kind == "journal":
            try:
                completed(path)
            except OutputError:
                outcome = "journal-refused"
                if path.read_bytes() != data:
                    failure = "a refused file was changed"
        else:
            failure, outcome = _check_batch(
                list(iter_results([path], workers=1, timeout=_LIMIT, max_bytes=BATCH_MAX_BYTES)), kind, data
            )
    except Exception as exc:  # the bug class this mode exists to find
        outcome, failure = type(exc).__name__, repr(exc)[:500]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return case, outcome, time.perf_counter() - start, rss, failure


def _check_batch(
    results: list[tuple[Any, dict[str, Any] | None]], kind: str, data: bytes
) -> tuple[str | None, str]:
    """The failure of a batch case's results, if any, and its outcome."""
    places = []
    kinds: Counter[str] = Counter()
    for item, line in results:
        source = item.source
        places.append(source.get("offset", source.get("line", -1)))
        if line is None:
            kinds["skipped"] += 1
            continue
        if line.get("source") != source:
            return f"a line names another source: {line.get('source')} for {source}", "bad-line"
        error = line.get("error")
        if error is None:
            if line.get("schema") != "newsextract/1":
                return f"a line neither record nor error: {str(line)[:200]}", "bad-line"
            kinds["record"] += 1
        elif not isinstance(error, dict) or not isinstance(error.get("kind"), str):
            return f"a malformed error line: {str(line)[:200]}", "bad-line"
        elif error["kind"] == "Timeout":
            return f"over the {_LIMIT} s time limit: {source}", "slow"
        else:
            kinds[error["kind"]] += 1
    if places != sorted(places) or len({item.key for item, _ in results}) != len(results):
        return f"records out of order or repeated: {places}", "order"
    if kind == "jsonl" and len(results) != sum(1 for line in data.split(b"\n") if line.strip()):
        return f"{len(results)} records for the file's non-blank lines", "lost"
    outcome = "extract-error" if kinds["ExtractionError"] else f"{kind}:{'+'.join(sorted(kinds)) or 'empty'}"
    return None, outcome


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("pages", "batch"), default="pages", help="what is fuzzed (see above)")
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
    cases = tempfile.TemporaryDirectory(prefix="newsextract-fuzz-")  # batch mode's input files
    start_worker, start_args, run_one, chunk = (
        (_start_batch, (args.max_seconds, cases.name), run_batch_case, 20)
        if args.mode == "batch"
        else (_start, (args.max_seconds,), run_case, 200)
    )
    extract_errors: list[int] = []
    with cases, multiprocessing.get_context("fork").Pool(args.workers, start_worker, start_args) as pool:
        for done, (case, outcome, seconds, rss, failure) in enumerate(
            pool.imap_unordered(run_one, jobs, chunksize=chunk), 1
        ):
            if outcome == "extract-error":
                extract_errors.append(case)
            outcomes[outcome] += 1
            slowest = max(slowest, (seconds, case))
            peak_rss = max(peak_rss, rss)
            if failure is None and rss > args.max_rss_mb:
                failure = f"worker RSS {rss:.0f} MB over {args.max_rss_mb:.0f} MB"
            if failure is not None:
                failures += _save(args.out, args.seed, case, failure, args.mode)
            if done % 10_000 == 0:
                print(f"{done} cases, {time.monotonic() - start:.0f} s, {dict(outcomes)}", file=sys.stderr)
    print(
        f"{args.cases} cases (seed {args.seed}) in {time.monotonic() - start:.0f} s on {args.workers} workers: "
        f"{dict(outcomes)}; slowest case {slowest[1]} took {slowest[0]:.2f} s; peak worker RSS "
        f"{peak_rss:.0f} MB; failures: {failures}"
    )
    if extract_errors:
        print(f"cases with an ExtractionError line (extract()'s to fix): {sorted(extract_errors)[:50]}")
    return 1 if failures else 0


def _save(out: Path, seed: int, case: int, why: str, mode: str = "pages") -> int:
    """The failing input and why, for replay: ``case_input(seed, case)`` (``batch_case``)
    rebuilds it too."""
    out.mkdir(parents=True, exist_ok=True)
    _POOL[:] = _POOL or seeds()
    if mode == "batch":
        kind, data = batch_case(seed, case)
        (out / f"case-{seed}-{case}.{kind}").write_bytes(data)
    else:
        (out / f"case-{seed}-{case}.html").write_bytes(case_input(seed, case)[0])
    (out / f"case-{seed}-{case}.txt").write_text(why + "\n")
    print(f"case {case}: {why}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
