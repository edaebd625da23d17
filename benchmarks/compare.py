#!/usr/bin/env python3
"""newsextract and its peers, side by side, in one process and one run.

Usage (normally through benchmarks/run.sh, which builds the peers' virtualenv):
    python benchmarks/compare.py [--tools newsextract,trafilatura,...] [--shared ../shared]
                                 [--out benchmarks/results] [--repeat 3]

What it measures, every tool on the same decoded text (newsextract's decoder, once per page):
  * Scrapinghub article-body benchmark (181 pages): body token F1 with ../shared/bench/score.py.
  * dev (269 pages), fundus (132 pages) and the Ukrainska Pravda pages (their expected records as
    truth): title / authors / published / body with ../shared/bench/score_meta.py. No tool is
    given the pages' crawl time (newsextract's figures on fundus are the same with it).
  * Speed: docs/s over the Scrapinghub pages, HTML already decoded to str, after a warm-up pass,
    best of --repeat passes, every tool timed in this same process; and docs/s over each of the
    other sets, from the one pass that scores it (the tool's calls alone), with newsextract's
    ratio to trafilatura set by set.
  * newsextract only: quotes (../shared/bench/score_quotes.py) and ms per Ukrainska Pravda page
    with site rules on.
newsextract always runs with site_rules=False here except for the Pravda timing. A tool is shown
only for the fields it extracts (readability: title and body; resiliparse: body; htmldate: the
date).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
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
META_SETS = ("dev", "fundus", "pravda")


# ----------------------------------------------------------------------------- data
def _decoded(pages: list[Page]) -> list[tuple[str, str, str | None]]:
    """(id, text, url): every tool gets the same text, decoded once by newsextract's decoder."""
    from newsextract.document import decode_html

    return [(p.id, decode_html(p.data)[0], p.url) for p in pages]


def load_scrapinghub(shared: Path) -> list[tuple[str, str, str | None]]:
    return _decoded(scrapinghub_pages(shared))


def load_meta_sets(shared: Path, out: Path) -> dict[str, tuple[list[tuple[str, str, str | None]], Path]]:
    """Each title/authors/published/body set: its decoded pages and its truth file."""
    sets = {
        name: (_decoded(corpus_pages(shared, name)), shared / "corpus" / name / "truth.jsonl")
        for name in ("dev", "fundus")
    }
    pages, truth_rows = pravda_pages(shared)
    truth = out / "pravda-truth.jsonl"
    truth.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in truth_rows), encoding="utf-8"
    )
    sets["pravda"] = (_decoded(pages), truth)
    return sets


# ----------------------------------------------------------------------------- runs
def _safe(fn: Callable[[str, str | None], Prediction], html: str, url: str | None) -> Prediction:
    try:
        return fn(html, url) or {}
    except Exception as exc:  # a peer crashing on a page counts as an empty prediction
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}


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
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shared: Path = args.shared.resolve()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    tools = [t for t in args.tools.split(",") if t]

    sh_pages, meta_sets = load_scrapinghub(shared), load_meta_sets(shared, out)
    results: dict[str, Any] = {"machine": machine(), "versions": versions(tools), "tools": {}}
    for tool in tools:
        try:
            fn = TOOLS[tool]()
        except ImportError as exc:
            print(f"{tool}: not installed ({exc}); skipped", file=sys.stderr)
            continue
        row: dict[str, Any] = {"docs_per_s": time_tool(fn, sh_pages, args.repeat)}
        if tool not in QUALITY_FREE:
            if "body" in CLAIMS.get(tool, ALL_FIELDS):
                sh_pred = {
                    k: {"articleBody": _body_text(_safe(fn, html, url).get("body"))}
                    for k, html, url in sh_pages
                }
                sh_file = out / f"{tool}-scrapinghub.json"
                sh_file.write_text(json.dumps(sh_pred))
                row["scrapinghub"] = score("score.py", sh_file, "--n-bootstrap", "0", shared=shared)
            for name, (pages, truth) in meta_sets.items():
                row[name] = _score_meta_set(tool, fn, pages, truth, out / f"{tool}-{name}.jsonl", shared)
        results["tools"][tool] = row
        print(f"{tool}: done", file=sys.stderr)
    if "newsextract" in results["tools"]:
        results["tools"]["newsextract"].update(newsextract_extras(shared, sh_pages, out))
    (out / "results.json").write_text(json.dumps(results, indent=2))
    table = render(results)
    (out / "results.md").write_text(table)
    print(table)


def _score_meta_set(
    tool: str,
    fn: Callable[[str, str | None], Prediction],
    pages: list[tuple[str, str, str | None]],
    truth: Path,
    pred_file: Path,
    shared: Path,
) -> dict[str, Any]:
    """score_meta's report for one tool on one set, how many pages it gave no body for, and its
    docs/s over the set (this one pass, the tool's calls alone)."""
    empty = 0
    spent = 0.0
    with pred_file.open("w", encoding="utf-8") as fh:
        for key, html, url in pages:
            start = time.perf_counter()
            p = _safe(fn, html, url)
            spent += time.perf_counter() - start
            empty += not p.get("body")
            fh.write(json.dumps({"id": key, **{f: p.get(f) for f in ALL_FIELDS}}, ensure_ascii=False) + "\n")
    report = score("score_meta.py", pred_file, "--truth", str(truth), shared=shared)
    report["empty_body"] = empty
    report["docs_per_s"] = len(pages) / spent if spent else None
    return report


def newsextract_extras(
    shared: Path, sh_pages: list[tuple[str, str, str | None]], out: Path
) -> dict[str, Any]:
    """Quotes on the shared quote set, and ms per Ukrainska Pravda page with site rules on."""
    import newsextract

    truth_file = shared / "bench" / "quotes" / "dev.jsonl"
    by_id = {k: (html, url) for k, html, url in sh_pages}
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


# (field, score_meta key, metric) of each column of the per-set tables
_META_COLUMNS = (
    ("title", "title", "exact"),
    ("authors", "authors", "F1"),
    ("published", "published", "exact"),
    ("published", "published", "day"),
    ("body", "body:full", "F1"),
)


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    tools = results["tools"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']} ({m['platform']})",
        "",
        "Scrapinghub (181 pages), body; speed over the same pages",
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
    for name in META_SETS:
        lines += [
            "",
            f"{name}: title, authors, published, body (site rules off)",
            "",
            "| tool | title exact | authors F1 | published exact | published day | body F1 | no body | docs/s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for tool, row in tools.items():
            if name not in row:
                continue
            claims = CLAIMS.get(tool, ALL_FIELDS)
            all_ = row[name].get("all", {})
            cells = [
                _f(all_.get(key, {}).get(metric)) if field in claims else "-"
                for field, key, metric in _META_COLUMNS
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
