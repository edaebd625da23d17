"""The command line: the only module that prints.

    newsextract extract PAGE... [--url URL] [--no-site-rules] [--format json|jsonl|text|markdown]
    newsextract extract --example
    newsextract batch INPUT... -o OUT [--format jsonl|text|markdown|parquet] [--workers N]
        [--resume | --force] [--engine local|dask] [--scheduler ADDRESS] [--no-site-rules]
        [--timeout SECONDS] [--max-bytes N] [--quiet]
    newsextract discover SITE... [--since DATE] [--until DATE] [--limit N] [--any-host]
        [--sitemap-host DOMAIN] [--delay SECONDS]
    newsextract explain PAGE [--url URL] [--no-site-rules] [-o report.html] [--format html|json]
    newsextract explain --example
    newsextract schema

batch writes one line (a Parquet row) per input record, in input order; the format is
--format, else parquet for an OUT ending in .parquet (needs newsextract[parquet]), else jsonl;
-o - writes the line formats to standard output. --resume continues JSONL output only.

Exit codes: 0 all good, 1 some inputs failed (each reported on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from . import __version__, example_page
from .errors import NewsExtractError
from .limits import MAX_INPUT_BYTES, read_bounded
from .pipeline import extract
from .record import Article, json_schema
from .render import to_markdown, to_text

# The batch output formats (batch.sinks.FORMATS, written out so `extract` loads no batch code).
FORMATS = ("jsonl", "text", "markdown", "parquet")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsextract", description="News article pages -> clean JSON records."
    )
    parser.add_argument("--version", action="version", version=f"newsextract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ext = sub.add_parser("extract", help="extract pages (files, URLs or - for stdin) and print records")
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
    ext.add_argument("--encoding", help="charset of file input, when the page does not say")
    ext.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_INPUT_BYTES,
        help=f"largest page read, decompressed (default {MAX_INPUT_BYTES})",
    )
    ext.add_argument(
        "--example", action="store_true", help="extract the example page shipped with the package"
    )

    sub.add_parser("schema", help="print the JSON Schema of the record")

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
        "batch", help="extract archives (WARC, folders, JSONL, URL lists) to JSONL, text or Parquet"
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT")
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
    batch.add_argument("--engine", choices=("local", "dask"), default="local")
    batch.add_argument("--scheduler", help="Dask scheduler address (with --engine dask)")
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
            "be fetched for a SITE."
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


def _source(page: str) -> dict[str, str]:
    """Where a line came from, as batch writes it."""
    return {"url": page} if page.startswith(("http://", "https://")) else {"file": page}


def _write(article: Article, fmt: str, page: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(article.to_json(indent=2) + "\n")
    elif fmt == "jsonl":
        out.write(json.dumps({**article.to_dict(), "source": _source(page)}, ensure_ascii=False) + "\n")
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
    failed = 0
    for page in pages:
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
            _failed(page, exc.kind, exc.message, fmt, sys.stdout)
            continue
        except OSError as exc:  # FileNotFoundError, PermissionError, IsADirectoryError...
            failed += 1
            _failed(page, type(exc).__name__, f"cannot read: {exc.strerror or exc}", fmt, sys.stdout)
            continue
        _write(article, fmt, page, sys.stdout)
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
    from .batch.sources import missing_inputs

    to_stdout = args.output == "-"
    output: Path | TextIO = sys.stdout if to_stdout else Path(args.output)
    missing = missing_inputs(args.inputs)
    if missing:
        _error(f"batch: no such input: {', '.join(missing)}")
        return EXIT_USAGE
    try:
        fmt = check_output(output, args.format, resume=args.resume)
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "schema":
            print(json.dumps(json_schema(), indent=2))
            return EXIT_OK
        if args.command == "discover":
            return _discover(args)
        if args.command == "explain":
            return _explain(args)
        return _batch(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # `newsextract extract ... | head`
        return EXIT_OK
