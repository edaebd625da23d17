#!/usr/bin/env python3
"""newsextract and its peers, side by side, in one process and one run.

Usage (normally through benchmarks/run.sh, which builds the peers' virtualenv):
    python benchmarks/compare.py [--tools newsextract,trafilatura,...] [--shared ../shared]
                                 [--out benchmarks/results] [--repeat 3] [--limit N]

What it measures, every tool on the same text (newsextract's decoder, once per page; wceb's pages
are stored as UTF-8 text and given as they are):
  * Scrapinghub article-body benchmark (181 pages): body token F1 with ../shared/bench/score.py.
  * with ../shared/bench/score_meta.py, each set for the fields its truth has: dev (269 pages),
    fundus (132 pages) and the Ukrainska Pravda pages (their expected records as truth): title /
    authors / published / body; openweb (684 pages): title / authors / published / body snippets
    and prefixes; wceb (520 pages): body. No tool is given the pages' crawl time (newsextract's
    figures on fundus are the same with it).
  * Speed: docs/s over the Scrapinghub pages, HTML already decoded to str, after a warm-up pass,
    best of --repeat passes, every tool timed in this same process; and docs/s over each of the
    other sets, from the one pass that scores it (the tool's calls alone), with newsextract's
    ratio to trafilatura set by set.
  * newsextract only: quotes (../shared/bench/score_quotes.py) and ms per Ukrainska Pravda page
    with site rules on.
newsextract always runs with site_rules=False here except for the Pravda timing. A tool is shown
only for the fields it extracts (readability: title and body; resiliparse: body; htmldate: the
date).

--limit N is a smoke test of the whole pipeline, not a benchmark: N pages of each set, spread
evenly over it (a set's first pages often come from one source and lack some fields' truth),
scored against the same pages' truth; its results go to results/smoke/ unless --out is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from quality import (
    Page,
    corpus_pages,
    pravda_pages,
    run_scorer,
    scrapinghub_pages,
)  # sibling: the sets, the scorer

HERE = Path(__file__).resolve().parent
Prediction = dict[str, Any]  # {"title", "authors", "published", "body"}


# ----------------------------------------------------------------------------- adapters
def _newsextract() -> Callable[[str, str | None], Prediction]:
    import newsextract

    def run(html: str, url: str | None) -> Prediction:
        try:
            art = newsextract.extract(html, url, site_rules=False)
        except newsextract.NewsExtractError:
            return {}
        return {
            "title": art.title,
            "authors": list(art.authors),
            "published": art.published,
            "body": list(art.body),
        }

    return run


def _iso(value: Any) -> str | None:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value or None


def _trafilatura() -> Callable[[str, str | None], Prediction]:
    import trafilatura

    def run(html: str, url: str | None) -> Prediction:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        if doc is None:
            return {}
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        authors = [a.strip() for a in (d.get("author") or "").split(";") if a.strip()]
        return {
            "title": d.get("title"),
            "authors": authors,
            "published": d.get("date"),
            "body": d.get("text") or "",
        }

    return run


def _readability() -> Callable[[str, str | None], Prediction]:
    import lxml.html
    from readability import Document

    def run(html: str, url: str | None) -> Prediction:
        doc = Document(html, url=url)
        summary = doc.summary(html_partial=True)
        tree = lxml.html.fromstring(summary) if summary.strip() else None
        body = (
            [
                " ".join(e.text_content().split())
                for e in tree.iter("p", "h2", "h3", "li", "pre", "blockquote")
            ]
            if tree is not None
            else []
        )
        if not body and tree is not None:
            body = [" ".join(tree.text_content().split())]
        return {"title": doc.short_title(), "authors": [], "published": None, "body": [b for b in body if b]}

    return run


def _newspaper() -> Callable[[str, str | None], Prediction]:
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False  # it would download images during parse(): no network in a benchmark
    config.memoize_articles = False

    def run(html: str, url: str | None) -> Prediction:
        art = newspaper.Article(url or "http://example.com/", config=config)
        art.download(input_html=html)
        art.parse()
        return {
            "title": art.title,
            "authors": list(art.authors),
            "published": _iso(art.publish_date),
            "body": art.text,
        }

    return run


def _goose() -> Callable[[str, str | None], Prediction]:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False, "http_timeout": 1})  # no network in a benchmark

    def run(html: str, url: str | None) -> Prediction:
        art = goose.extract(raw_html=html)
        return {
            "title": art.title,
            "authors": list(art.authors or []),
            "published": _iso(art.publish_date),
            "body": art.cleaned_text,
        }

    return run


def _resiliparse() -> Callable[[str, str | None], Prediction]:
    from resiliparse.extract.html2text import extract_plain_text

    def run(html: str, url: str | None) -> Prediction:
        return {"body": extract_plain_text(html, main_content=True)}

    return run


def _htmldate() -> Callable[[str, str | None], Prediction]:
    from htmldate import find_date

    def run(html: str, url: str | None) -> Prediction:
        return {"published": find_date(html, url=url, original_date=True)}

    return run


def _lexbor() -> Callable[[str, str | None], Prediction]:
    from selectolax.lexbor import LexborHTMLParser

    def run(html: str, url: str | None) -> Prediction:
        LexborHTMLParser(html)
        return {}

    return run


TOOLS: dict[str, Callable[[], Callable[[str, str | None], Prediction]]] = {
    "newsextract": _newsextract,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "newspaper4k": _newspaper,
    "goose3": _goose,
    "resiliparse": _resiliparse,
    "htmldate": _htmldate,
    "lexbor-parse": _lexbor,
}
QUALITY_FREE = {"lexbor-parse"}  # the speed floor: parses, extracts nothing
ALL_FIELDS = frozenset({"title", "authors", "published", "body"})
# The fields a tool extracts; the others are not its job and are left blank in the tables.
CLAIMS = {
    "readability-lxml": frozenset({"title", "body"}),
    "resiliparse": frozenset({"body"}),
    "htmldate": frozenset({"published"}),
}
# A column of a set's table: (heading, the field a tool must extract to be scored on it,
# score_meta's key, its metric).
Column = tuple[str, str, str, str]
_TITLE: Column = ("title exact", "title", "title", "exact")
_AUTHORS: Column = ("authors F1", "authors", "authors", "F1")
_PUBLISHED: tuple[Column, Column] = (
    ("published exact", "published", "published", "exact"),
    ("published day", "published", "published", "day"),
)
_BODY: Column = ("body F1", "body", "body:full", "F1")
_SNIPPETS: Column = ("snippets F1", "body", "body:snippets", "F1")
_PREFIX: Column = ("prefix", "body", "body:prefix", "startswith")
# The sets score_meta scores, in quality.py's order: what each one's truth covers, and the columns
# of its table.
META_SETS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "dev": ("title, authors, published, body", (_TITLE, _AUTHORS, *_PUBLISHED, _BODY)),
    "fundus": ("title, authors, published, body", (_TITLE, _AUTHORS, *_PUBLISHED, _BODY)),
    "openweb": (
        "title, authors, published, body snippets and prefixes",
        (_TITLE, _AUTHORS, *_PUBLISHED, _SNIPPETS, _PREFIX),
    ),
    "wceb": ("body", (_BODY,)),
    "pravda": ("title, authors, published, body", (_TITLE, _AUTHORS, *_PUBLISHED, _BODY)),
}


# ----------------------------------------------------------------------------- data
Loaded = list[tuple[str, str, str | None]]  # (id, text, url) of each page of a set


def _decoded(pages: list[Page]) -> Loaded:
    """(id, text, url): every tool gets the same text, decoded once by newsextract's decoder; a
    set stored as text (wceb) is given as it is, as quality.py gives it to newsextract."""
    from newsextract.document import decode_html

    return [(p.id, p.data if isinstance(p.data, str) else decode_html(p.data)[0], p.url) for p in pages]


def _spread(pages: list[Page], limit: int | None) -> list[Page]:
    """``limit`` pages spread evenly over the set (all of them without a limit)."""
    if not limit or limit >= len(pages):
        return pages
    return [pages[i * len(pages) // limit] for i in range(limit)]


def _truth_rows(truth: Path, ids: Iterable[str], out: Path) -> Path:
    """The lines of a JSONL truth file whose id is in ``ids``, written to ``out``."""
    wanted = set(ids)
    lines = [
        line
        for line in truth.read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["id"] in wanted
    ]
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return out


def load_scrapinghub(shared: Path, out: Path, limit: int | None) -> tuple[Loaded, Path | None]:
    """The Scrapinghub pages, and a ground truth of the same pages when they are a subset (None:
    score.py's own)."""
    pages = scrapinghub_pages(shared)
    chosen = _spread(pages, limit)
    if len(chosen) == len(pages):
        return _decoded(pages), None
    full = json.loads((shared / "bench" / "scrapinghub" / "ground-truth.json").read_text())
    truth = out / "scrapinghub-truth.json"
    truth.write_text(json.dumps({p.id: full[p.id] for p in chosen}))
    return _decoded(chosen), truth


def load_meta_sets(shared: Path, out: Path, limit: int | None) -> dict[str, tuple[Loaded, Path]]:
    """Each set score_meta scores: its decoded pages and its truth file."""
    sets = {}
    for name in META_SETS:
        if name == "pravda":
            all_pages, truth_rows = pravda_pages(shared)
            truth = out / "pravda-truth.jsonl"
            truth.write_text(
                "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in truth_rows), encoding="utf-8"
            )
        else:
            all_pages, truth = corpus_pages(shared, name), shared / "corpus" / name / "truth.jsonl"
        pages = _spread(all_pages, limit)
        if len(pages) < len(all_pages):
            truth = _truth_rows(truth, (p.id for p in pages), out / f"{name}-truth-subset.jsonl")
        sets[name] = (_decoded(pages), truth)
    return sets


# ----------------------------------------------------------------------------- runs
def _safe(fn: Callable[[str, str | None], Prediction], html: str, url: str | None) -> Prediction:
    try:
        return _conform(fn(html, url) or {})
    except Exception as exc:  # a peer crashing on a page counts as an empty prediction
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else [value]
    return [item for item in items if isinstance(item, str)]


def _conform(pred: Prediction) -> Prediction:
    """A tool's values in the shapes the scorers read (score_meta rejects the whole file over one
    odd value): a single-valued field given as several values (goose3 returns every
    ``article:published_time`` of a page that has two) is its first; authors and a body in
    paragraphs are lists of strings; anything else becomes None."""
    out = dict(pred)
    for field in ("title", "published"):
        if field in out and not isinstance(out[field], str):
            out[field] = next(iter(_strings(out[field])), None)
    if "authors" in out and out["authors"] is not None:
        out["authors"] = _strings(out["authors"])
    if "body" in out and not isinstance(out["body"], str) and out["body"] is not None:
        out["body"] = _strings(out["body"])
    return out


def _body_text(body: Any) -> str:
    return "\n".join(body) if isinstance(body, list) else (body or "")


def time_tool(
    fn: Callable[[str, str | None], Prediction], pages: list[tuple[str, str, str | None]], repeat: int
) -> float:
    """docs/s: best of ``repeat`` passes after one warm-up pass."""
    for _, html, url in pages[:20]:
        _safe(fn, html, url)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _, html, url in pages:
            _safe(fn, html, url)
        best = min(best, time.perf_counter() - start)
    return len(pages) / best


def score(script: str, pred: Path, *extra: str, shared: Path) -> dict[str, Any]:
    return run_scorer(shared, script, str(pred), *extra)


def machine() -> dict[str, str]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def versions(tools: list[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    dist = {"readability-lxml": "readability-lxml", "lexbor-parse": "selectolax"}
    out = {}
    for tool in tools:
        try:
            out[tool] = version(dist.get(tool, tool))
        except PackageNotFoundError:
            out[tool] = "?"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--out", type=Path, help="default: results/ (results/smoke/ with --limit)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="smoke test: N pages of each set, spread evenly over it (not a benchmark)",
    )
    args = ap.parse_args()
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")
    shared: Path = args.shared.resolve()
    out: Path = args.out or HERE / "results" / ("smoke" if args.limit else "")
    out.mkdir(parents=True, exist_ok=True)
    tools = [t for t in args.tools.split(",") if t]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        ap.error(f"unknown tools: {', '.join(unknown)} (known: {', '.join(TOOLS)})")

    run_start = time.perf_counter()
    sh_pages, sh_truth = load_scrapinghub(shared, out, args.limit)
    meta_sets = load_meta_sets(shared, out, args.limit)
    results: dict[str, Any] = {
        "machine": machine(),
        "versions": versions(tools),
        "limit": args.limit,
        "pages": {
            "scrapinghub": len(sh_pages),
            **{name: len(pages) for name, (pages, _) in meta_sets.items()},
        },
        "tools": {},
    }
    for tool in tools:
        try:
            fn = TOOLS[tool]()
        except ImportError as exc:
            print(f"{tool}: not installed ({exc}); skipped", file=sys.stderr)
            continue
        tool_start = time.perf_counter()
        row: dict[str, Any] = {"docs_per_s": time_tool(fn, sh_pages, args.repeat)}
        if tool not in QUALITY_FREE:
            if "body" in CLAIMS.get(tool, ALL_FIELDS):
                row["scrapinghub"] = _score_scrapinghub(tool, fn, sh_pages, sh_truth, out, shared)
            for name, (pages, truth) in meta_sets.items():
                row[name] = _score_meta_set(fn, pages, truth, out / f"{tool}-{name}.jsonl", shared)
                _report_crashes(tool, name, row[name])
        row["wall_s"] = time.perf_counter() - tool_start
        results["tools"][tool] = row
        print(f"{tool}: done in {row['wall_s']:.0f} s", file=sys.stderr)
    if "newsextract" in results["tools"]:
        results["tools"]["newsextract"].update(newsextract_extras(shared, sh_pages, out))
    results["wall_s"] = time.perf_counter() - run_start
    (out / "results.json").write_text(json.dumps(results, indent=2))
    table = render(results)
    (out / "results.md").write_text(table)
    print(table)


def _score_scrapinghub(
    tool: str,
    fn: Callable[[str, str | None], Prediction],
    pages: Loaded,
    truth: Path | None,
    out: Path,
    shared: Path,
) -> dict[str, Any]:
    """score.py's report for one tool's bodies of the Scrapinghub pages."""
    preds = {key: _safe(fn, html, url) for key, html, url in pages}
    sh_file = out / f"{tool}-scrapinghub.json"
    sh_file.write_text(json.dumps({k: {"articleBody": _body_text(p.get("body"))} for k, p in preds.items()}))
    extra = ("--truth", str(truth)) if truth else ()
    report = score("score.py", sh_file, "--n-bootstrap", "0", *extra, shared=shared)
    report.update(_crashes(preds.values()))
    _report_crashes(tool, "scrapinghub", report)
    return report


def _crashes(preds: Iterable[Prediction]) -> dict[str, Any]:
    """How many predictions are a crash, and the first crash's message."""
    errors = [p["error"] for p in preds if "error" in p]
    return {"crashed": len(errors), "first_crash": errors[0] if errors else None}


def _report_crashes(tool: str, name: str, report: dict[str, Any]) -> None:
    if report.get("crashed"):
        print(
            f"{tool} on {name}: {report['crashed']} pages crashed (an empty prediction each); "
            f"first: {report['first_crash']}",
            file=sys.stderr,
        )


def _score_meta_set(
    fn: Callable[[str, str | None], Prediction],
    pages: Loaded,
    truth: Path,
    pred_file: Path,
    shared: Path,
) -> dict[str, Any]:
    """score_meta's report for one tool on one set, how many pages it gave no body for (and how
    many of those crashed), and its docs/s over the set (this one pass, the tool's calls alone)."""
    empty = 0
    spent = 0.0
    preds = []
    with pred_file.open("w", encoding="utf-8") as fh:
        for key, html, url in pages:
            start = time.perf_counter()
            p = _safe(fn, html, url)
            spent += time.perf_counter() - start
            empty += not p.get("body")
            preds.append(p)
            fh.write(json.dumps({"id": key, **{f: p.get(f) for f in ALL_FIELDS}}, ensure_ascii=False) + "\n")
    report = score("score_meta.py", pred_file, "--truth", str(truth), shared=shared)
    report["empty_body"] = empty
    report["docs_per_s"] = len(pages) / spent if spent else None
    report.update(_crashes(preds))
    return report


def newsextract_extras(shared: Path, sh_pages: Loaded, out: Path) -> dict[str, Any]:
    """Quotes on the shared quote set (the part of it among ``sh_pages``), and ms per Ukrainska
    Pravda page with site rules on."""
    import newsextract

    truth_file = shared / "bench" / "quotes" / "dev.jsonl"
    by_id = {k: (html, url) for k, html, url in sh_pages}
    truth_file = _truth_rows(truth_file, by_id, out / "quotes-truth.jsonl")
    pred_file = out / "newsextract-quotes.jsonl"
    with pred_file.open("w") as fh:
        for line in truth_file.read_text().splitlines():
            row = json.loads(line)
            html, url = by_id[row["id"]]
            try:
                quotes = [
                    {"text": q.text, "speaker": q.speaker}
                    for q in newsextract.extract(html, url, site_rules=False).quotes
                ]
            except newsextract.NewsExtractError:
                quotes = []
            fh.write(json.dumps({"id": row["id"], "quotes": quotes}) + "\n")
    quotes = score("score_quotes.py", pred_file, "--truth", str(truth_file), shared=shared)

    pages = []
    for page in sorted((shared / "sites" / "pravda").glob("*/*.html")):
        url = json.loads(page.with_name(page.name.removesuffix(".html") + ".expected.json").read_text())[
            "url"
        ]
        pages.append((page.read_bytes(), url))
    for data, url in pages:  # warm-up
        newsextract.extract(data, url)
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        for data, url in pages:
            newsextract.extract(data, url)
    ms = (time.perf_counter() - start) / (runs * len(pages)) * 1000
    return {"quotes": quotes, "pravda_ms_per_page": ms, "pravda_pages": len(pages)}


def _f(value: Any, fmt: str = ".3f") -> str:
    return "-" if value is None else format(value, fmt)


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    tools = results["tools"]
    pages = results["pages"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']} ({m['platform']})", ""]
    if results.get("limit"):
        lines += [
            f"Smoke test (--limit {results['limit']}): "
            + ", ".join(f"{name} {n}" for name, n in pages.items())
            + " pages, spread over each set; not a benchmark",
            "",
        ]
    lines += [
        f"Scrapinghub ({pages['scrapinghub']} pages), body; speed over the same pages",
        "",
        "| tool | version | body F1 | P | R | docs/s |",
        "|---|---|---|---|---|---|",
    ]
    for tool, row in tools.items():
        sh = row.get("scrapinghub", {})
        lines.append(
            f"| {tool} | {results['versions'].get(tool, '?')} | {_f(sh.get('f1'))} | {_f(sh.get('precision'))} | "
            f"{_f(sh.get('recall'))} | {_f(row['docs_per_s'], '.0f')} |"
        )
    for name, (covers, columns) in META_SETS.items():
        headings = [heading for heading, *_ in columns]
        lines += [
            "",
            f"{name}: {covers} (site rules off)",
            "",
            "| tool | " + " | ".join(headings) + " | no body | docs/s |",
            "|---|" + "---|" * (len(columns) + 2),
        ]
        for tool, row in tools.items():
            if name not in row:
                continue
            claims = CLAIMS.get(tool, ALL_FIELDS)
            all_ = row[name].get("all", {})
            cells = [
                _f(all_.get(key, {}).get(metric)) if field in claims else "-"
                for _, field, key, metric in columns
            ]
            cells.append(str(row[name]["empty_body"]) if "body" in claims else "-")
            cells.append(_f(row[name].get("docs_per_s"), ".0f"))
            lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    lines += _speed_ratios(tools)
    ne = tools.get("newsextract", {})
    if "quotes" in ne:
        q = ne["quotes"]
        lines += [
            "",
            f"newsextract quotes (shared quote set): P {_f(q.get('precision'))}, R {_f(q.get('recall'))}, "
            f"F1 {_f(q.get('f1'))}, speaker accuracy {_f(q.get('speaker_accuracy'))}",
            f"newsextract on Ukrainska Pravda pages (site rules on): {ne['pravda_ms_per_page']:.2f} ms per page "
            f"({ne['pravda_pages']} pages, bytes in, decoding included)",
        ]
    return "\n".join(lines) + "\n"


def _speed_ratios(tools: dict[str, Any]) -> list[str]:
    """newsextract's docs/s over trafilatura's, set by set (the speed target is stated so)."""
    ne, tr = tools.get("newsextract"), tools.get("trafilatura")
    if not ne or not tr:
        return []
    ratios = []
    for name in META_SETS:
        a, b = ne.get(name, {}).get("docs_per_s"), tr.get(name, {}).get("docs_per_s")
        if a and b:
            ratios.append(f"{name} {a / b:.1f}x")
    best = f"Scrapinghub {ne['docs_per_s'] / tr['docs_per_s']:.1f}x (best of the timed passes)"
    return ["", f"newsextract's docs/s over trafilatura's: {best}; {', '.join(ratios)} (one pass each)"]


if __name__ == "__main__":
    main()
