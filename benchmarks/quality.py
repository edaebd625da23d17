#!/usr/bin/env python3
"""newsextract's quality on every dev set, in one run, with the shared scorers.

Usage:
    python benchmarks/quality.py [--shared ../shared] [--out DIR] [--json]
    python benchmarks/quality.py --write-floor tests/quality_floor.json   # record today's figures

The sets, all with site rules off (the generic extractor alone):
  * scrapinghub  181 pages, body F1                       (../shared/bench/score.py)
  * dev          269 pages, title / authors / published / body   (../shared/bench/score_meta.py)
  * fundus       132 pages, the same fields; each page's crawl time is passed as fetched_at
  * openweb      684 pages (blogs, institutions, shops, news; many German): body snippets (and a few
                 prefixes), title, authors, published
  * wceb         520 older pages (2007-2012), full-body truth; stored as UTF-8 text, so read as text
  * pravda       the Ukrainska Pravda pages of ../shared/sites/pravda, their expected records
                 turned into a truth file in score_meta's format (full-body truth)
  * quotes       ../shared/bench/quotes/dev.jsonl (../shared/bench/score_quotes.py)

The same numbers back the quality floor in tests/test_quality_floor.py, so a change that loses
accuracy on any set fails the suite. compare.py reads its pages through the loaders here and
runs the peers over the same sets, side by side.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared"


@dataclass(frozen=True)
class Page:
    """One evaluation page: its id in the truth file, bytes as stored, and what the caller knows."""

    id: str
    data: bytes | str
    url: str | None
    fetched_at: str | None = None


# ----------------------------------------------------------------------------- the sets
def scrapinghub_pages(shared: Path) -> list[Page]:
    truth = json.loads((shared / "bench" / "scrapinghub" / "ground-truth.json").read_text())
    pages = []
    for path in sorted((shared / "bench" / "scrapinghub" / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        pages.append(Page(key, gzip.decompress(path.read_bytes()), truth.get(key, {}).get("url")))
    return pages


# wceb stores its pages as UTF-8 text that often still declares the crawl's charset (its README):
# they are decoded as UTF-8 before extraction, as a user holding such text would.
TEXT_SETS = frozenset({"wceb"})


def corpus_pages(shared: Path, name: str) -> list[Page]:
    """``dev``, ``fundus``, ``openweb`` or ``wceb``: pages/<id>.html beside truth.jsonl."""
    folder = shared / "corpus" / name
    pages = []
    for row in _jsonl(folder / "truth.jsonl"):
        data = (folder / "pages" / f"{row['id']}.html").read_bytes()
        page_input: bytes | str = data.decode("utf-8", errors="replace") if name in TEXT_SETS else data
        pages.append(Page(row["id"], page_input, row.get("url"), row.get("fetched_at")))
    return pages


def pravda_pages(shared: Path) -> tuple[list[Page], list[dict[str, Any]]]:
    """The Pravda pages and a truth file for them in score_meta's format."""
    pages, truth = [], []
    for path in sorted((shared / "sites" / "pravda").glob("*/*.html")):
        expected = json.loads(path.with_name(path.name.removesuffix(".html") + ".expected.json").read_text())
        key = path.name.removesuffix(".html")
        pages.append(Page(key, path.read_bytes(), expected["url"]))
        truth.append(
            {
                "id": key,
                "url": expected["url"],
                "title": expected["title"],
                "authors": expected["authors"] or None,
                "date_published": expected["published"],
                "body": "\n".join(expected["body"]),
                "body_kind": "full",
                "truth_absent": [] if expected["authors"] else ["authors"],
                "suspect": [],
            }
        )
    return pages, truth


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


# ----------------------------------------------------------------------------- running
def predict(page: Page) -> dict[str, Any]:
    """newsextract's record for one page, site rules off, as the scorers read it."""
    import newsextract

    try:
        art = newsextract.extract(page.data, page.url, site_rules=False, fetched_at=page.fetched_at)
    except newsextract.NewsExtractError as exc:
        return {"id": page.id, "error": type(exc).__name__}
    return {
        "id": page.id,
        "title": art.title,
        "authors": list(art.authors),
        "published": art.published,
        "body": list(art.body),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in art.quotes],
    }


def run_scorer(shared: Path, script: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(shared / "bench" / script), *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _meta_fields(report: dict[str, Any]) -> dict[str, float]:
    """The headline figures of one score_meta report (a field with no truth on the set is left out)."""
    all_ = report["all"]
    fields: dict[str, float] = {}
    if all_.get("title", {}).get("n"):
        fields["title_exact"] = all_["title"]["exact"]
    if all_.get("authors", {}).get("n"):
        fields["authors_f1"] = all_["authors"]["F1"]
    if all_.get("published", {}).get("n"):
        fields["published_exact"] = all_["published"]["exact"]
        fields["published_day"] = all_["published"]["day"]
    if "body:full" in all_:
        fields["body_f1"] = all_["body:full"]["F1"]
    if "body:snippets" in all_:
        fields["snippets_f1"] = all_["body:snippets"]["F1"]
    if "body:prefix" in all_:
        fields["prefix"] = all_["body:prefix"]["startswith"]
    return fields


def measure(shared: Path = DEFAULT_SHARED, out: Path | None = None) -> dict[str, dict[str, float]]:
    """Every dev set's figures: ``{set: {field: value}}``, plus refused real articles per set."""
    with tempfile.TemporaryDirectory() as tmp:
        work = out or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results: dict[str, dict[str, float]] = {}

        sh = [predict(p) for p in scrapinghub_pages(shared)]
        sh_file = work / "scrapinghub.json"
        sh_file.write_text(json.dumps({r["id"]: {"articleBody": "\n".join(r.get("body") or [])} for r in sh}))
        report = run_scorer(shared, "score.py", str(sh_file), "--n-bootstrap", "0")
        results["scrapinghub"] = {"body_f1": report["f1"], "refused": _refused(sh)}

        quotes_truth = shared / "bench" / "quotes" / "dev.jsonl"
        by_id = {r["id"]: r for r in sh}
        q_rows = [{"id": t["id"], "quotes": by_id[t["id"]].get("quotes", [])} for t in _jsonl(quotes_truth)]
        report = run_scorer(
            shared,
            "score_quotes.py",
            str(_write_jsonl(work / "quotes.jsonl", q_rows)),
            "--truth",
            str(quotes_truth),
        )
        results["quotes"] = {"f1": report["f1"], "speaker_accuracy": report["speaker_accuracy"]}

        for name in ("dev", "fundus", "openweb", "wceb"):
            rows = [predict(p) for p in corpus_pages(shared, name)]
            truth = shared / "corpus" / name / "truth.jsonl"
            report = run_scorer(
                shared,
                "score_meta.py",
                str(_write_jsonl(work / f"{name}.jsonl", rows)),
                "--truth",
                str(truth),
            )
            results[name] = {**_meta_fields(report), "refused": _refused(rows)}

        pages, truth_rows = pravda_pages(shared)
        rows = [predict(p) for p in pages]
        truth = _write_jsonl(work / "pravda-truth.jsonl", truth_rows)
        report = run_scorer(
            shared, "score_meta.py", str(_write_jsonl(work / "pravda.jsonl", rows)), "--truth", str(truth)
        )
        results["pravda"] = {**_meta_fields(report), "refused": _refused(rows)}
        return results


def _refused(rows: list[dict[str, Any]]) -> float:
    """Pages every set treats as articles that came back as an error."""
    return float(sum(1 for r in rows if "error" in r))


def render(results: dict[str, dict[str, float]]) -> str:
    lines = []
    for name, fields in results.items():
        cells = ", ".join(f"{k} {v:.3f}" if k != "refused" else f"refused {v:.0f}" for k, v in fields.items())
        lines.append(f"{name:12} {cells}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, help="keep the predictions here")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--write-floor", type=Path, help="write the figures as the test suite's quality floor")
    args = ap.parse_args()
    results = measure(args.shared.resolve(), args.out)
    if args.write_floor:
        args.write_floor.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(json.dumps(results, indent=2) if args.json else render(results))


if __name__ == "__main__":
    main()
