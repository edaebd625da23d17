"""The command line: the only module that prints.

    newsextract extract PAGE... [--url URL] [--no-site-rules] [--format json|jsonl|text|markdown]
        [--encoding CHARSET] [-o FILE]
    newsextract extract --example
    newsextract batch INPUT... -o OUT [--format jsonl|text|markdown|parquet] [--workers N]
        [--resume | --force] [--engine local|dask] [--scheduler ADDRESS] [--no-site-rules]
        [--timeout SECONDS] [--max-bytes N] [--quiet]
        [--site DOMAIN,...] [--language xx,...] [--since DATE] [--until DATE] [--dedupe[=mark]]
    newsextract discover SITE... [--since DATE] [--until DATE] [--limit N] [--any-host]
        [--sitemap-host DOMAIN] [--delay SECONDS]
    newsextract ccnews --since DATE --until DATE [--base URL]
    newsextract explain PAGE [--url URL] [--no-site-rules] [-o report.html] [--format html|json]
    newsextract explain --example
    newsextract schema

batch writes one line (a Parquet row) per input record, in input order; the format is
--format, else parquet for an OUT ending in .parquet (needs newsextract[parquet]), else jsonl;
-o - writes the line formats to standard output. --resume continues JSONL output only. An
http(s) INPUT is a remote WARC archive, streamed (never written to disk); with several workers,
one archive per worker, and the lines of archives read side by side interleave. An INPUT - reads
the INPUTs from standard input, one a line (`newsextract ccnews ... | newsextract batch - ...`).

Exit codes: 0 all good, 1 some inputs failed (each reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import codecs
import json
import logging
import math
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from . import __version__, example_page
from .errors import BlockedError, NewsExtractError
from .limits import MAX_INPUT_BYTES, read_bounded
from .pipeline import extract
from .record import Article, json_schema
from .render import framed, to_markdown, to_text

# The batch output formats (batch.sinks.FORMATS, written out so `extract` loads no batch code).
FORMATS = ("jsonl", "text", "markdown", "parquet")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# Every help screen ends with the exit codes, the one contract scripts rely on.
EXIT_CODES = "exit codes: 0 all good; 1 some inputs failed (each reported on stderr); 2 bad usage"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsextract",
        description="News article pages -> clean JSON records.",
        epilog=f"`newsextract COMMAND --help` describes each command.\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsextract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ext = sub.add_parser(
        "extract",
        help="extract pages (files, URLs or - for stdin) and print records",
        description=(
            "Extract each PAGE and print its record: JSON for one page, JSONL for several (one line\n"
            "per page, in the order given, with its source; a failed page as an error line).\n"
            "PAGE is a file (.html, .html.gz), an http(s) URL (fetched politely), or - for stdin."
        ),
        epilog=(
            "formats: json (one indented record), jsonl (one line per page), text and markdown\n"
            "(the article to read; with several pages each opens with a Source line and ends\n"
            "with a rule). Failures go to stderr as PAGE: Kind: message.\n" + EXIT_CODES
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ext.add_argument(
        "pages", nargs="*", metavar="PAGE", help="file (.html, .html.gz), http(s) URL, or - for stdin"
    )
    ext.add_argument(
        "--url", help="the page's URL (for a single file or stdin): picks site rules, resolves links"
    )
    ext.add_argument("--no-site-rules", action="store_true", help="generic extractor only")
    ext.add_argument(
        "--format",
        choices=("json", "jsonl", "text", "markdown"),
        help="default: json for one page, jsonl for many (one line per page, in order, with its source)",
    )
    ext.add_argument(
        "--encoding",
        type=_encoding,
        metavar="CHARSET",
        help="charset of file input, when the page does not say (a Python codec name: utf-8, cp1251...)",
    )
    ext.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    ext.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_INPUT_BYTES,
        help=f"largest page read, decompressed (default {MAX_INPUT_BYTES})",
    )
    ext.add_argument(
        "--example", action="store_true", help="extract the example page shipped with the package"
    )

    sub.add_parser(
        "schema",
        help="print the JSON Schema of the record",
        description="Print the JSON Schema (draft 2020-12) of the record extract and batch write.",
        epilog=EXIT_CODES,
    )

    exp = sub.add_parser(
        "explain",
        help="how a page was read: kept and removed blocks, field candidates (HTML report or JSON)",
        description=(
            "Extract one page and report how it was read: the page's text blocks in order, each "
            "kept in the body, removed (with the rule or class word that removed it) or outside "
            "the chosen container; the title, byline, author, date and image candidates with "
            "where each stands and which won; quotes with their speakers; warnings. The HTML "
            "report is one self-contained file (no scripts, no external requests)."
        ),
        epilog="Exit codes: 0 report written; 1 the page holds no article (the report is written "
        "and says so) or could not be read; 2 bad usage.",
    )
    exp.add_argument(
        "page", nargs="?", metavar="PAGE", help="file (.html, .html.gz), http(s) URL, or - for stdin"
    )
    exp.add_argument("--url", help="the page's URL (for a file or stdin): picks site rules, resolves links")
    exp.add_argument("--no-site-rules", action="store_true", help="generic extractor only")
    exp.add_argument("-o", "--output", help="write the report to this file (default: standard output)")
    exp.add_argument(
        "--format", choices=("html", "json"), help="default: json for an OUTPUT ending in .json, else html"
    )
    exp.add_argument("--encoding", help="charset of file input, when the page does not say")
    exp.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_INPUT_BYTES,
        help=f"largest page read, decompressed (default {MAX_INPUT_BYTES})",
    )
    exp.add_argument(
        "--example", action="store_true", help="explain the example page shipped with the package"
    )

    batch = sub.add_parser(
        "batch",
        help="extract archives (WARC, folders, JSONL, URL lists) to JSONL, text or Parquet",
        description=(
            "Extract every page of every INPUT into one output, one line (a Parquet row) per input\n"
            "record, in input order: the record with its source, or an error record.\n\n"
            "INPUT is any of:\n"
            "  a WARC or WARC.gz file       its response records\n"
            "  a folder                     its .html and .html.gz pages\n"
            "  a .jsonl file                lines with url + html (+ fetched_at), or with a url only\n"
            "                               (what `newsextract discover` writes: fetched politely)\n"
            "  a .txt file                  one URL a line, fetched politely\n"
            "  an http(s) URL of a WARC     streamed through the fetcher, never to disk; a dropped\n"
            "                               connection resumes by Range\n"
            "  -                            INPUTs read from stdin, one a line (what `newsextract\n"
            "                               ccnews` prints)\n\n"
            "Several remote archives on several workers run one archive per worker: each archive's\n"
            "lines stay in its order, the archives' lines interleave."
        ),
        epilog=(
            "formats: jsonl (default), text and markdown (as extract prints several pages),\n"
            "parquet (the default for an OUT ending in .parquet; needs newsextract[parquet]).\n"
            "engines: local (default) runs worker processes on this machine; dask runs one task per\n"
            "input file on a Dask cluster (needs newsextract[dask]; --scheduler ADDRESS, else a local\n"
            "cluster) and joins the part files in input order: the same output as a local run.\n"
            "An existing OUT is refused unless --resume (JSONL only) or --force. The summary goes to\n"
            "stderr.\n" + EXIT_CODES
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="WARC(.gz) file or URL, folder of pages, JSONL or URL list; - reads INPUTs from stdin, one a line",
    )
    batch.add_argument(
        "-o", "--output", required=True, help="output path (.jsonl, .parquet, ...), or - for standard output"
    )
    batch.add_argument(
        "--format",
        choices=FORMATS,
        help="default: parquet for a .parquet output (needs newsextract[parquet]), else jsonl",
    )
    batch.add_argument(
        "--workers", type=_positive, default=None, help="worker processes (default: CPU count)"
    )
    earlier = batch.add_mutually_exclusive_group()
    earlier.add_argument("--resume", action="store_true", help="continue an interrupted run (JSONL only)")
    earlier.add_argument("--force", action="store_true", help="overwrite an existing output")
    batch.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local worker processes (default) or a Dask cluster",
    )
    batch.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (with --engine dask; default: a local cluster)",
    )
    batch.add_argument("--no-site-rules", action="store_true", help="generic extractor only")
    batch.add_argument(
        "--timeout", type=_seconds, default=30.0, help="seconds per document (default 30; 0: no limit)"
    )
    batch.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_INPUT_BYTES,
        help=f"largest page read, decompressed; larger ones become error lines (default {MAX_INPUT_BYTES})",
    )
    batch.add_argument("--quiet", action="store_true", help="no progress bar")
    batch.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="DOMAIN,...",
        help="keep records on these registrable domains (subdomains count); decided from the WARC "
        "headers (JSONL and URL-list urls) before a page is read or fetched",
    )
    batch.add_argument(
        "--language",
        action="append",
        default=[],
        metavar="xx,...",
        help="keep records whose detected language (ISO 639-1) is listed; decided after extraction",
    )
    batch.add_argument(
        "--since", type=_date_bound, help="keep records published on or after DATE (after extraction)"
    )
    batch.add_argument(
        "--until",
        type=_date_bound,
        help="keep records published on or before DATE (inclusive); with --since or --until, records "
        "with no published date are left out too (counted as no_date)",
    )
    batch.add_argument(
        "--dedupe",
        choices=("drop", "mark"),
        help="--dedupe: leave out a record whose body is a near-duplicate (fingerprint within 3 bits) "
        "of one kept earlier in the run; --dedupe=mark: keep it with duplicate_of, the first one's "
        "source (JSONL only)",
    )

    disc = sub.add_parser(
        "discover",
        help="list a site's article URLs (sitemaps, news sitemaps, feeds) as JSONL",
        description=(
            "Print one JSON line per article URL of each SITE: {url, published, title, source}, each "
            "URL once. SITE is a home page (its robots.txt sitemaps, else /sitemap.xml, and the feeds "
            "its <link rel=alternate> names) or a sitemap or feed URL. The lines are input for "
            "`newsextract batch`."
        ),
        epilog=(
            "Dates: an entry is checked against its publication date, else its modification date "
            "(a sitemap's lastmod, an Atom entry's updated: publication cannot be later); entries "
            "with neither are left out when --since or --until is given, and kept otherwise. "
            "Sitemaps and feeds are fetched only on the SITE's own domain (and those named by "
            "--sitemap-host). Warnings (a sitemap or feed that failed, was malformed or was off the "
            "site) go to stderr; every other document and SITE goes on; exit 1 when nothing could "
            f"be fetched for a SITE. {EXIT_CODES}."
        ),
    )
    disc.add_argument("sites", nargs="+", metavar="SITE", help="http(s) URL of a site, sitemap or feed")
    disc.add_argument("--since", type=_date_bound, help="on or after DATE (YYYY-MM-DD or ISO 8601 datetime)")
    disc.add_argument(
        "--until", type=_date_bound, help="on or before DATE (inclusive: a date covers its day)"
    )
    disc.add_argument("--limit", type=_positive, help="at most N URLs per SITE (fetching stops there)")
    disc.add_argument("--any-host", action="store_true", help="keep article URLs of other sites too")
    disc.add_argument(
        "--include-disallowed",
        action="store_true",
        help="list URLs that robots.txt disallows for newsextract too (left out by default)",
    )
    disc.add_argument(
        "--sitemap-host",
        action="append",
        default=[],
        metavar="DOMAIN",
        help="also fetch sitemaps and feeds on DOMAIN (repeatable; by default only the SITE's own)",
    )
    disc.add_argument(
        "--delay",
        type=float,
        default=1.0,
        help="seconds between requests to one host (default 1; a larger robots.txt Crawl-delay wins)",
    )

    cc = sub.add_parser(
        "ccnews",
        help="list the CC-NEWS WARC URLs of a period, one a line, for batch",
        description=(
            "Print the URL of every CC-NEWS WARC archive holding captures from --since to --until "
            "(inclusive, UTC: a date covers its day), oldest first: those whose crawl started in "
            "the period and the last one that started before it and runs into it. Read from the "
            "monthly warc.paths.gz listings at --base."
        ),
    )
    cc.add_argument("--since", required=True, type=_date_bound, help="YYYY-MM-DD or ISO 8601 datetime")
    cc.add_argument("--until", required=True, type=_date_bound, help="YYYY-MM-DD or ISO 8601 datetime")
    cc.add_argument("--base", default=None, help="endpoint (default https://data.commoncrawl.org)")
    return parser


def _date_bound(text: str) -> date | datetime:
    """--since / --until: a bad date is a usage error (exit 2)."""
    from .discover import parse_bound

    try:
        bound = parse_bound(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    assert bound is not None
    return bound


def _encoding(text: str) -> str:
    """--encoding: a codec Python does not know is a usage error (exit 2) before any page is read."""
    try:
        codecs.lookup(text)
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {text!r} (a Python codec name: utf-8, cp1251...)"
        ) from None
    return text


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _seconds(text: str) -> float:
    """A time limit: a number of seconds, 0 or more (a bad one is a usage error, exit 2)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not math.isfinite(seconds) or seconds < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds, 0 or more")
    return seconds


def _error(message: str) -> None:
    print(f"newsextract: {message}", file=sys.stderr)


def _read_page(page: str, limit: int) -> bytes:
    """Bytes of a file (gunzipped when .gz) or of stdin, at most ``limit`` of them."""
    if page == "-":
        return read_bounded(sys.stdin.buffer, limit, source=page, hint=" (--max-bytes)")
    with open(page, "rb") as fh:
        return read_bounded(fh, limit, source=page, hint=" (--max-bytes)")


# A URL's scheme ("ftp://", "file://"): only http(s) is fetched.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def _source(page: str) -> dict[str, str]:
    """Where a line came from, as batch writes it."""
    return {"url": page} if _SCHEME.match(page) else {"file": page}


# A host name at the start of a PAGE written without its scheme ("www.example.com/news/1"): dotted
# labels ending in a letters-only top-level label, then a path or nothing. A lone name ending in a
# file suffix ("page.html", "crawl.warc.gz") is a file, never a host.
_HOST_START = re.compile(r"^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:/|$)")
_FILE_SUFFIXES = (".html", ".htm", ".xhtml", ".gz", ".json", ".jsonl", ".txt", ".xml", ".warc", ".md")


def _unsupported_scheme(page: str) -> str | None:
    """The scheme of a URL that is not http(s), which extract cannot fetch."""
    found = _SCHEME.match(page)
    if found and found.group(1).lower() not in ("http", "https"):
        return found.group(1)
    return None


def _looks_like_url(page: str) -> bool:
    """A PAGE that names no file but reads as a URL without its scheme."""
    if "/" not in page and page.lower().endswith(_FILE_SUFFIXES):
        return False
    return bool(_HOST_START.match(page)) and (page.lower().startswith("www.") or "/" in page)


def _write(article: Article, fmt: str, page: str, out: TextIO, *, several: bool) -> None:
    if fmt == "json":
        out.write(article.to_json(indent=2) + "\n")
    elif fmt == "jsonl":
        out.write(json.dumps({**article.to_dict(), "source": _source(page)}, ensure_ascii=False) + "\n")
    elif several:  # text or markdown: each with its source and a rule, as batch writes them
        out.write(framed(article, fmt, page) + "\n")
    elif fmt == "markdown":
        out.write(to_markdown(article) + "\n")
    else:
        out.write(to_text(article) + "\n")


def _failed(page: str, kind: str, message: str, fmt: str, out: TextIO) -> None:
    """A page that gave no record: on stderr, and as an error line where lines are written."""
    _error(f"{page}: {kind}: {message}")
    if fmt == "jsonl":
        line = {"error": {"kind": kind, "message": message}, "source": _source(page)}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _extract(args: argparse.Namespace) -> int:
    pages: list[str] = list(args.pages)
    url = args.url
    if args.example:
        path, url = example_page()
        pages.append(str(path))
    if not pages:
        _error("extract: give at least one PAGE (a file, a URL, or -), or --example")
        return EXIT_USAGE
    if args.url and len(pages) > 1:
        _error("extract: --url names one page; give one PAGE with it")
        return EXIT_USAGE
    fmt = args.format or ("json" if len(pages) == 1 else "jsonl")
    if args.output in (None, "-"):
        return _extract_to(args, pages, url, fmt, sys.stdout)
    try:
        out = open(args.output, "w", encoding="utf-8")
    except OSError as exc:
        _error(f"extract: cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_USAGE
    with out:
        return _extract_to(args, pages, url, fmt, out)


def _extract_to(args: argparse.Namespace, pages: list[str], url: str | None, fmt: str, out: TextIO) -> int:
    """Each page's record (or error line) to ``out``, in the order given; exit 1 when any failed."""
    failed = 0
    for page in pages:
        scheme = _unsupported_scheme(page)
        if scheme is not None:  # refused before any fetcher starts, as the fetcher would refuse it
            failed += 1
            refused = BlockedError(f"cannot fetch {scheme}:// URLs: http:// and https:// only", url=page)
            _failed(page, refused.kind, refused.message, fmt, out)
            continue
        try:
            if page.startswith(("http://", "https://")):
                from ._facade import extract_url  # httpx client set-up only when a URL is given

                article = extract_url(page, site_rules=not args.no_site_rules)
            else:
                data = _read_page(page, args.max_bytes)
                article = extract(
                    data,
                    url or None,
                    site_rules=not args.no_site_rules,
                    encoding=args.encoding,
                    max_bytes=args.max_bytes,
                )
        except NewsExtractError as exc:
            failed += 1
            _failed(page, exc.kind, exc.message, fmt, out)
            continue
        except FileNotFoundError as exc:
            failed += 1
            hint = f"; did you mean https://{page}?" if _looks_like_url(page) else ""
            _failed(page, type(exc).__name__, f"cannot read: {exc.strerror or exc}{hint}", fmt, out)
            continue
        except OSError as exc:  # PermissionError, IsADirectoryError...
            failed += 1
            _failed(page, type(exc).__name__, f"cannot read: {exc.strerror or exc}", fmt, out)
            continue
        _write(article, fmt, page, out, several=len(pages) > 1)
    return EXIT_FAILED if failed else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    """The report of one page, to -o or stdout; exit 1 when the page holds no article."""
    from ._explain import Explanation, explain

    page: str | None = args.page
    url: str | None = args.url
    if args.example:
        if page is not None:
            _error("explain: give a PAGE or --example, not both")
            return EXIT_USAGE
        path, url = example_page()
        page = str(path)
    if page is None:
        _error("explain: give one PAGE (a file, a URL, or -), or --example")
        return EXIT_USAGE
    fmt = args.format or ("json" if (args.output or "").endswith(".json") else "html")
    try:
        if page.startswith(("http://", "https://")):
            from .fetch import Fetcher  # the HTTP client only when a URL is given

            with Fetcher() as fetcher:
                fetched = fetcher.fetch(page)
            report: Explanation = explain(
                fetched.content,
                fetched.final_url,
                fetched_at=fetched.fetched_at,
                site_rules=not args.no_site_rules,
                encoding=fetched.encoding,
                max_bytes=args.max_bytes,
            )
        else:
            report = explain(
                _read_page(page, args.max_bytes),
                url or None,
                site_rules=not args.no_site_rules,
                encoding=args.encoding,
                max_bytes=args.max_bytes,
            )
    except NewsExtractError as exc:
        _error(f"{page}: {exc.kind}: {exc.message}")
        return EXIT_FAILED
    except OSError as exc:
        _error(f"{page}: {type(exc).__name__}: cannot read: {exc.strerror or exc}")
        return EXIT_FAILED
    text = (
        report.to_html()
        if fmt == "html"
        else json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    )
    if args.output and args.output != "-":
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            _error(f"explain: cannot write {args.output}: {exc.strerror or exc}")
            return EXIT_FAILED
    else:
        sys.stdout.write(text)
    if report.error:
        _error(f"{page}: {report.error}")
        return EXIT_FAILED
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    """Run the batch job; the summary goes to stderr; exit 1 when any input failed, 2 for bad
    usage (checked before any output is written)."""
    from .batch.journal import OutputError, refuse_existing
    from .batch.sinks import check_output
    from .batch.sources import missing_inputs, remote_not_warc

    to_stdout = args.output == "-"
    output: Path | TextIO = sys.stdout if to_stdout else Path(args.output)
    if "-" in args.inputs:  # `newsextract ccnews ... | newsextract batch - ...`
        listed = [text for line in sys.stdin if (text := line.strip()) and not text.startswith("#")]
        if not listed:
            _error("batch: INPUT - lists no inputs on standard input")
            return EXIT_USAGE
        args.inputs = [each for raw in args.inputs for each in (listed if raw == "-" else [raw])]
    missing = missing_inputs(args.inputs)
    if missing:
        _error(f"batch: no such input: {', '.join(missing)}")
        return EXIT_USAGE
    not_warc = remote_not_warc(args.inputs)
    if not_warc:
        _error(
            f"batch: a URL input is a WARC archive (.warc, .warc.gz): {', '.join(not_warc)}; "
            "put page URLs in a URL list (.txt)"
        )
        return EXIT_USAGE

    from .batch.options import Options

    filters = {
        "sites": ",".join(args.site),
        "languages": ",".join(args.language),
        "since": args.since,
        "until": args.until,
        "dedupe": args.dedupe,
    }
    try:
        Options(**filters)  # a site or language that cannot be one, since after until
        fmt = check_output(output, args.format, resume=args.resume, dedupe=args.dedupe)
        if args.engine == "dask" and args.dedupe:
            from .batch.dask_engine import DEDUPE_FORMATS  # loads no Dask

            if fmt not in DEDUPE_FORMATS:
                raise ValueError(f"--dedupe on the dask engine needs JSONL or Parquet output, not {fmt}")
        if isinstance(output, Path):
            refuse_existing(output, resume=args.resume, force=args.force)
    except (ValueError, ImportError, FileExistsError) as exc:  # the format, its extra, an earlier run
        _error(f"batch: {exc}")
        return EXIT_USAGE
    options = {
        "resume": args.resume,
        "site_rules": not args.no_site_rules,
        "timeout": args.timeout,
        "max_bytes": args.max_bytes,
        "format": fmt,
        **filters,
    }
    if args.engine == "dask":
        if to_stdout:
            _error("batch: --engine dask writes part files and joins them: give -o FILE")
            return EXIT_USAGE
        from .batch.dask_engine import run_dask  # Dask only when asked for

        try:
            summary = run_dask(args.inputs, args.output, scheduler=args.scheduler, **options)
        except OutputError as exc:  # another run holds the output
            _error(f"batch: {exc}")
            return EXIT_USAGE
    else:
        from .batch import BatchWorkerError, run  # process pools and the WARC reader only for batch

        try:
            summary = run(
                args.inputs,
                output,
                workers=args.workers,
                progress=not args.quiet,
                force=args.force,
                **options,
            )
        except OutputError as exc:  # another run holds the output; a file to resume that is not ours
            _error(f"batch: {exc}")
            return EXIT_USAGE
        except BrokenPipeError:  # `newsextract batch ... -o - | head`
            raise
        except OSError as exc:  # the output: a full disk, a read-only folder (inputs fail per line)
            _error(f"batch: cannot write {args.output}: {exc.strerror or exc}")
            return EXIT_FAILED
        except BatchWorkerError as exc:  # the lines before the failed record are written
            resume = " (--resume continues)" if fmt == "jsonl" and not to_stdout else ""
            _error(f"batch: {exc}; the output holds the records before it{resume}")
            return EXIT_FAILED
    _error(f"batch: {json.dumps(summary.to_dict())}")
    if summary.filtered:
        reasons = ([("not HTML", summary.skipped)] if summary.skipped else []) + list(
            summary.filtered_in_order().items()
        )
        _error("batch: skipped: " + ", ".join(f"{reason.replace('_', ' ')} {n:,}" for reason, n in reasons))
    return EXIT_FAILED if summary.errors else EXIT_OK


class _WarningLines(logging.Handler):
    """Library warnings as ``newsextract: warning: ...`` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        _error(f"warning: {record.getMessage()}")


def _discover(args: argparse.Namespace) -> int:
    """JSONL on stdout as URLs are found, each URL once over all SITEs; exit 1 when a SITE gave nothing."""
    from ._facade import Fetcher
    from .discover import DateWindow
    from .fetch import FetchConfig

    if args.delay < 0:
        _error("discover: --delay cannot be negative")
        return EXIT_USAGE
    try:
        DateWindow(args.since, args.until)  # checked before any request
    except ValueError as exc:
        _error(f"discover: {exc}")
        return EXIT_USAGE
    handler = _WarningLines(logging.WARNING)
    logger = logging.getLogger("newsextract")
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    hosts = [h.strip() for value in args.sitemap_host for h in value.split(",") if h.strip()]
    failed = 0
    seen: set[str] = set()
    try:
        with Fetcher(FetchConfig(per_host_delay=args.delay)) as fetcher:
            for site in args.sites:
                try:
                    for found in fetcher.discover(
                        site,
                        since=args.since,
                        until=args.until,
                        limit=args.limit,
                        any_host=args.any_host,
                        sitemap_hosts=hosts,
                        include_disallowed=args.include_disallowed,
                    ):
                        if found.url not in seen:
                            seen.add(found.url)
                            sys.stdout.write(json.dumps(found.to_dict(), ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                except NewsExtractError as exc:  # this SITE gave nothing; the next is read
                    failed += 1
                    _error(f"{site}: {exc.kind}: {exc.message}")
    finally:
        logger.removeHandler(handler)
    return EXIT_FAILED if failed else EXIT_OK


def _ccnews(args: argparse.Namespace) -> int:
    """The archive URLs on stdout; exit 2 for a period that ends before it starts, 1 when a
    listing cannot be fetched (the error names its URL)."""
    from .discover import CCNEWS_BASE, ccnews_period, ccnews_warcs

    try:
        ccnews_period(args.since, args.until)  # checked before any request
    except ValueError as exc:
        _error(f"ccnews: {exc}")
        return EXIT_USAGE
    base = args.base or CCNEWS_BASE
    if not base.lower().startswith(("http://", "https://")):
        _error(f"ccnews: --base must be an http(s) URL, not {base!r}")
        return EXIT_USAGE
    try:
        urls = ccnews_warcs(args.since, args.until, base=base)
    except NewsExtractError as exc:
        _error(f"ccnews: {exc.kind}: {exc}")
        return EXIT_FAILED
    for url in urls:
        sys.stdout.write(url + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # A bare --dedupe means drop (--dedupe=mark names the other mode): spelled out here, so the
    # INPUT after it is never read as its value.
    if "--dedupe" in argv:
        end = argv.index("--") if "--" in argv else len(argv)
        argv = ["--dedupe=drop" if i < end and a == "--dedupe" else a for i, a in enumerate(argv)]
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "schema":
            print(json.dumps(json_schema(), indent=2))
            return EXIT_OK
        if args.command == "discover":
            return _discover(args)
        if args.command == "ccnews":
            return _ccnews(args)
        if args.command == "explain":
            return _explain(args)
        return _batch(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # `newsextract extract ... | head`
        return EXIT_OK
