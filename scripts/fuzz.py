#!/usr/bin/env python3
"""Mutation fuzzing of the whole pipeline: every case must end in a record or a typed, expected
error, within a time bound. Failures are saved for replay.

Usage:
    python scripts/fuzz.py [--mode pages|batch|discover] [--cases 100000] [--seed 1] [--workers N]
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

--mode discover serves each case as a small hostile site from a real server on 127.0.0.1 in
every worker (see "discover mode" below).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import logging
import multiprocessing
import os
import random
import resource
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
    ap.add_argument(
        "--mode", choices=("pages", "batch", "discover"), default="pages", help="what is fuzzed (see above)"
    )
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--max-seconds", type=float, default=2.0)
    ap.add_argument("--max-rss-mb", type=float, default=1024.0, help="a worker above this is a failure")
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = ap.parse_args()
    if args.mode == "discover":
        return main_discover(args)
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


# ------------------------------------------------------------------------------ discover mode
# A case is a small site served by a real HTTP server on 127.0.0.1 inside each worker: a
# robots.txt, a home page, sitemaps, an index and feeds, written from hostile parts (URLs that are
# no URLs, dates that overflow, DTDs, cut XML) and served with hostile behaviours (malformed
# redirects, Retry-After that overflows, short Content-Length with bytes after it, gzip members,
# cookie floods, wrong types, bodies cut short). discover must end in a list or a FetchError,
# within the bound, never request the other host (127.0.0.2) the documents name, and list only
# normalised http(s) URLs of the site with ISO dates.

D_PATHS = ("/sitemap.xml", "/s1.xml", "/s2.xml.gz", "/index.xml", "/feed", "/rss.xml", "/atom.xml", "/f1.xml")
D_BAD_URLS = (
    "http://[::1/x",
    "http://[::1",
    "http://x.example:99999/a",
    "http://127.0.0.1:65536/",
    "javascript:alert(1)",
    "//{OH}/x",
    "{O}/news/off-site",
    "{O}/sitemap.xml",
    "mailto:desk@example.com",
    "http://",
    "ftp://x/y",
    "/news/" + "a" * 3000,
    "http://exa mple.com/",
    "http://[fe80::1%25eth0]/",
    "%",
    "\x00",
    "{B}/news/ok?utm_source=x&fbclid=1#frag",
    "{B}/news/üñí",
    "http://127.0.0.1:0/",
    "HTTP://{BH}:0080/news/x",
)
D_DATES = (
    "Fri, 12 Jul 2024 19:50:00 +9999999999999999999",
    "2024-07-11T06:30:00+9999999999999999999",
    "9999-12-31T23:59:59Z",
    "0000-00-00",
    "2024-02-30",
    "2024-07-11T06:30:00." + "9" * 3000,
    "1e400",
    "",
    "-1",
    "Thu, 31 Dec 9999 23:59:59 GMT",
    "2024-07-11T24:00:00Z",
    "2024-07-11T06:30:00-25:00",
    "99999-01-01",
    "2024-07-11T06:30:00Z",
    "Thu, 11 Jul 2024 09:30:00 +0300",
    "2024-07-11",
    "3 hours ago",
)
D_XML_SNIPPETS = (
    '<!DOCTYPE r [<!ENTITY x "xx"><!ENTITY y "&x;&x;">]>',
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    "<a>" * 3000,
    "</url></urlset>",
    "<![CDATA[",
    "&#x110000;&bogus;",
    "\x00\x01",
    "<" + "x" * 5000,
    '<?xml version="1.0" encoding="utf-7"?>',
    "\ufeff",
)
D_BEHAVIOURS = (
    ("ok", 40),
    ("gzip-file", 6),
    ("gzip-members", 6),
    ("bad-encoding", 2),
    ("redirect-bad", 6),
    ("redirect-path", 5),
    ("redirect-loop", 2),
    ("503-hostile", 5),
    ("404", 5),
    ("smuggle", 5),
    ("cookies", 4),
    ("wrong-type", 3),
    ("cut-short", 4),
    ("empty", 3),
)
D_REDIRECTS = (
    "http://[::1",
    "http://127.0.0.1:65536/x",
    "javascript:x",
    "http://",
    "//[::1/",
    "file:///etc/passwd",
)
D_RETRY_AFTER = (
    "Fri, 12 Jul 2024 19:50:00 +9999999999999999999",
    "9" * 400,
    "-1",
    "0",
    "nan",
    "Mon, 99 Foo 2024",
)


def _pick_url(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(D_BAD_URLS)
    return rng.choice(("{B}", "")) + rng.choice(D_PATHS + ("/news/a", "/news/b?id=2", "/news/c#x"))


def _mutate_text(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(0, 3)):
        n = len(text)
        i, j = sorted((rng.randrange(n + 1), rng.randrange(n + 1)))
        op = rng.randrange(4)
        if op == 0:
            text = text[:i] + rng.choice(D_XML_SNIPPETS) + text[i:]
        elif op == 1:
            text = text[:i]  # cut
        elif op == 2:
            text = text[:i] + text[j:]
        else:
            text = text[:j] + text[i:j] + text[j:]
    return text


def _d_document(rng: random.Random, kind: str) -> tuple[str, str]:
    """(content type, text) of one document of ``kind``."""
    n = rng.randint(0, 6)
    date = lambda: rng.choice(D_DATES)  # noqa: E731
    if kind == "robots":
        lines = ["User-agent: *", "Disallow: /private/"]
        lines += [f"Sitemap: {_pick_url(rng)}" for _ in range(n)]
        lines += rng.sample(
            ["Crawl-delay: -1", "Crawl-delay: abc", "Crawl-delay: 0", "Sitemap:", "Disallow: /s1.xml"], 2
        )
        return "text/plain", "\n".join(lines)
    if kind == "home":
        links = "".join(
            f'<link rel="alternate" type="{rng.choice(("application/rss+xml", "application/atom+xml"))}" href="{_pick_url(rng)}">'
            for _ in range(n)
        )
        return "text/html", f"<!doctype html><html><head>{links}</head><body>Home</body></html>"
    if kind == "index":
        items = "".join(
            f"<sitemap><loc>{_pick_url(rng)}</loc><lastmod>{date()}</lastmod></sitemap>" for _ in range(n)
        )
        text = f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
        return "application/xml", text
    if kind == "urlset":
        items = "".join(
            f"<url><loc>{_pick_url(rng)}</loc><lastmod>{date()}</lastmod>"
            f"<news:news><news:publication_date>{date()}</news:publication_date><news:title>T{i}</news:title></news:news></url>"
            for i in range(n)
        )
        return "application/xml", (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{items}</urlset>'
        )
    if kind == "rss":
        items = "".join(
            f"<item><title>T{i}</title><link>{_pick_url(rng)}</link><guid>{_pick_url(rng)}</guid><pubDate>{date()}</pubDate></item>"
            for i in range(n)
        )
        return (
            "application/rss+xml",
            f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>',
        )
    if kind == "atom":
        items = "".join(
            f'<entry><title type="html">&lt;b&gt;T{i}</title><link href="{_pick_url(rng)}"/>'
            f"<published>{date()}</published><updated>{date()}</updated></entry>"
            for i in range(n)
        )
        return (
            "application/atom+xml",
            f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>',
        )
    return "text/plain", "\n".join(_pick_url(rng) for _ in range(n))  # a text sitemap


def discover_case(seed: int, case: int) -> tuple[str, bool, dict[str, tuple[str, str, str]]]:
    """Case ``case`` of run ``seed``: (start path, any_host, {path: (behaviour, type, text)})."""
    rng = random.Random(f"discover:{seed}:{case}")
    names, weights = zip(*D_BEHAVIOURS, strict=True)
    site: dict[str, tuple[str, str, str]] = {}
    kinds = {"/robots.txt": "robots", "/": "home", "/index.xml": "index"}
    for path in ("/robots.txt", "/") + D_PATHS:
        kind = kinds.get(path) or rng.choice(("urlset", "urlset", "rss", "atom", "text", "index"))
        ctype, text = _d_document(rng, kind)
        if path != "/robots.txt":
            text = _mutate_text(rng, text)
        behaviour = rng.choices(names, weights)[0] if path != "/robots.txt" or rng.random() < 0.3 else "ok"
        site[path] = (behaviour, ctype, text)
    start = "/" if rng.random() < 0.7 else rng.choice(D_PATHS)
    return start, rng.random() < 0.3, site


_D_SITE: dict[str, tuple[str, str, str]] = {}
_D_HITS: Counter[str] = Counter()
_D_BASES: dict[str, str] = {}


class _DiscoverHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: C901 - one branch per behaviour
        host = self.server.server_address[0]
        _D_HITS[host] += 1
        behaviour, ctype, text = _D_SITE.get(self.path, ("404", "text/plain", "not here"))
        body = (
            text.replace("{B}", _D_BASES["site"])
            .replace("{O}", _D_BASES["other"])
            .replace("{BH}", _D_BASES["site"].removeprefix("http://").split(":")[0])
            .replace("{OH}", _D_BASES["other"].removeprefix("http://"))
            .encode("utf-8", "surrogatepass")
        )
        rng = random.Random(f"{self.path}:{len(body)}")
        headers: list[tuple[str, str]] = [("Content-Type", ctype)]
        status = 200
        if behaviour == "gzip-file":
            body, headers = gzip.compress(body), [("Content-Type", "application/x-gzip")]
        elif behaviour == "gzip-members":
            half = len(body) // 2
            body = gzip.compress(body[:half]) + b"\0\0" + gzip.compress(body[half:])
            headers.append(("Content-Encoding", "gzip"))
        elif behaviour == "bad-encoding":
            headers.append(("Content-Encoding", rng.choice(("br", "gzip", "deflate", "x-nonsense"))))
        elif behaviour == "redirect-bad":
            status, body, headers = 302, b"", [("Location", rng.choice(D_REDIRECTS))]
        elif behaviour == "redirect-path":
            status, body, headers = 301, b"", [("Location", rng.choice(D_PATHS))]
        elif behaviour == "redirect-loop":
            status, body, headers = 302, b"", [("Location", self.path)]
        elif behaviour == "503-hostile":
            status, body = 503, b"busy"
            headers.append(("Retry-After", rng.choice(D_RETRY_AFTER)))
        elif behaviour == "404":
            status, body = 404, b"not here"
        elif behaviour == "cookies":
            headers += [("Set-Cookie", f"c{i}={'v' * 50}; Path=/") for i in range(100)]
        elif behaviour == "wrong-type":
            headers = [("Content-Type", "image/png")]
        elif behaviour == "empty":
            body = b""
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        if behaviour == "smuggle":
            extra = b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 9\r\n\r\n<urlset/>"
            self.send_header("Content-Length", str(len(body) // 2))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2] + extra)
            return
        if behaviour == "cut-short":
            self.send_header("Content-Length", str(len(body) + 100))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on a hostile response: expected, not news


def _start_discover(limit: float) -> None:
    """Worker set-up: the case site's server on 127.0.0.1 and the other host on 127.0.0.2."""
    global _LIMIT
    _LIMIT = limit
    logging.getLogger("newsextract").setLevel(logging.CRITICAL)  # warnings are expected here
    for key, address in (("site", "127.0.0.1"), ("other", "127.0.0.2")):
        httpd = _QuietServer((address, 0), _DiscoverHandler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        _D_BASES[key] = f"http://{address}:{httpd.server_address[1]}"


async def _discover_once(start: str, any_host: bool) -> list[Any]:
    from newsextract.fetch import FetchConfig

    config = FetchConfig(
        per_host_delay=0,
        max_attempts=2,
        backoff_base=0.001,
        backoff_max=0.01,
        max_retry_after=0.05,
        read_timeout=1.0,
        connect_timeout=1.0,
        total_timeout=5.0,
        max_bytes=256 * 1024,
    )
    async with newsextract.AsyncFetcher(config) as fetcher:
        return [found async for found in fetcher.discover(start, any_host=any_host)]


def _check_found(found: list[Any], any_host: bool) -> str | None:
    from datetime import date, datetime

    from newsextract.discover import normalize_url
    from newsextract.normalize.text import site_of

    urls = [f.url for f in found]
    if len(set(urls)) != len(urls):
        return "a URL listed twice"
    for item in found:
        if not item.url.startswith(("http://", "https://")) or normalize_url(item.url) != item.url:
            return f"not a normalised http(s) URL: {item.url[:100]!r}"
        if not any_host and site_of(item.url) != site_of(_D_BASES["site"]):
            return f"off-site URL listed: {item.url[:100]!r}"
        if item.published is not None:
            try:
                (datetime if "T" in item.published else date).fromisoformat(item.published)
            except ValueError:
                return f"published is not ISO 8601: {item.published[:60]!r}"
    return None


def run_discover_case(job: tuple[int, int]) -> tuple[int, str, float, float, str | None]:
    """(case, outcome, seconds, peak RSS in MB of this worker, failure or None)."""
    from newsextract.discover._listing import parse_listing

    seed, case = job
    start_path, any_host, site = discover_case(seed, case)
    _D_SITE.clear()
    _D_SITE.update(site)
    other_before = _D_HITS["127.0.0.2"]
    failure = None
    begin = time.perf_counter()
    try:
        for _, ctype, text in site.values():  # the readers alone, on every document as written
            parse_listing(text.encode("utf-8", "surrogatepass"), _D_BASES["site"] + "/x", content_type=ctype)
        found = asyncio.run(asyncio.wait_for(_discover_once(_D_BASES["site"] + start_path, any_host), _LIMIT))
        outcome = "found" if found else "empty"
        failure = _check_found(found, any_host)
    except newsextract.NewsExtractError as exc:
        outcome = exc.kind
        if not exc.expected or not isinstance(exc, newsextract.FetchError):
            failure = f"unexpected {exc!r}"
    except TimeoutError:
        outcome, failure = "slow", f"over {_LIMIT} s"
    except Exception as exc:  # the bug class this mode exists to find
        outcome, failure = type(exc).__name__, repr(exc)
    if failure is None and _D_HITS["127.0.0.2"] != other_before:
        failure = "requested the other host, which no option allowed"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return case, outcome, time.perf_counter() - begin, rss, failure


def main_discover(args: argparse.Namespace) -> int:
    """The discover mode's run: like main's, over discover cases."""
    outcomes: Counter[str] = Counter()
    failures = 0
    slowest = (0.0, -1)
    peak_rss = 0.0
    start = time.monotonic()
    jobs = ((args.seed, case) for case in range(args.cases))
    limit = max(args.max_seconds, 30.0)  # a case is a whole site: several documents, retries
    with multiprocessing.get_context("fork").Pool(args.workers, _start_discover, (limit,)) as pool:
        for done, (case, outcome, seconds, rss, failure) in enumerate(
            pool.imap_unordered(run_discover_case, jobs, chunksize=20), 1
        ):
            outcomes[outcome] += 1
            slowest = max(slowest, (seconds, case))
            peak_rss = max(peak_rss, rss)
            if failure is None and rss > args.max_rss_mb:
                failure = f"worker RSS {rss:.0f} MB over {args.max_rss_mb:.0f} MB"
            if failure is not None:
                failures += _save_discover(args.out, args.seed, case, failure)
            if done % 1000 == 0:
                print(f"{done} cases, {time.monotonic() - start:.0f} s, {dict(outcomes)}", file=sys.stderr)
    print(
        f"discover: {args.cases} cases (seed {args.seed}) in {time.monotonic() - start:.0f} s on "
        f"{args.workers} workers: {dict(outcomes)}; slowest case {slowest[1]} took {slowest[0]:.2f} s; "
        f"peak worker RSS {peak_rss:.0f} MB; failures: {failures}"
    )
    return 1 if failures else 0


def _save_discover(out: Path, seed: int, case: int, why: str) -> int:
    """The failing case's site and why, for replay: ``discover_case(seed, case)`` rebuilds it too."""
    out.mkdir(parents=True, exist_ok=True)
    start, any_host, site = discover_case(seed, case)
    record = {"start": start, "any_host": any_host, "site": site, "why": why}
    (out / f"discover-{seed}-{case}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1))
    print(f"discover case {case}: {why}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
