"""benchmarks/compare.py, the side-by-side benchmark: every set reaches its table, a peer's odd
values reach the scorers in their shapes, and --limit gives a subset spread over each set."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from types import ModuleType

from .conftest import ROOT, shared_dir

BENCH = ROOT / "benchmarks"


def _load(name: str) -> ModuleType:  # benchmarks/ is not a package: load its scripts by path
    if name in sys.modules and getattr(sys.modules[name], "__file__", None) == str(BENCH / f"{name}.py"):
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # compare.py imports its sibling quality.py by name
    spec.loader.exec_module(module)
    return module


def _compare() -> ModuleType:
    _load("quality")
    return _load("compare")


def test_a_single_valued_field_given_several_times_is_its_first_value() -> None:
    conform = _compare()._conform
    pred = conform(
        {
            "title": ["Headline", "Other"],
            "published": ["2023-10-26 21:19:17", "2023-10-26T19:19:17+00:00"],
            "authors": ["Ada Byron", None, 3],
            "body": ["One paragraph.", None],
        }
    )
    assert pred == {
        "title": "Headline",
        "published": "2023-10-26 21:19:17",
        "authors": ["Ada Byron"],
        "body": ["One paragraph."],
    }
    assert conform({"published": 1700000000, "body": "text"}) == {"published": None, "body": "text"}


def test_limit_spreads_its_pages_over_the_whole_set() -> None:
    compare = _compare()
    pages = [compare.Page(f"p{i}", b"", None) for i in range(684)]
    chosen = compare._spread(pages, 20)
    indexes = [int(p.id[1:]) for p in chosen]
    assert len(set(indexes)) == 20
    assert indexes[0] == 0 and indexes[-1] > 640
    assert compare._spread(pages, None) == pages
    assert compare._spread(pages[:5], 20) == pages[:5]


def test_a_smoke_run_scores_every_set_for_the_fields_its_truth_has(tmp_path) -> None:
    shared = shared_dir("corpus").parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "compare.py"),
            "--tools",
            "newsextract,lexbor-parse",
            "--limit",
            "3",
            "--repeat",
            "1",
            "--shared",
            str(shared),
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["pages"] == {
        name: 3 for name in ("scrapinghub", "dev", "fundus", "openweb", "wceb", "pravda")
    }
    ne = results["tools"]["newsextract"]
    for name in ("dev", "fundus", "openweb", "wceb", "pravda"):
        assert ne[name]["crashed"] == 0, name
        assert ne[name]["docs_per_s"] > 0, name
    assert "body:full" in ne["wceb"]["all"] and "title" not in ne["wceb"]["all"]
    assert set(results["tools"]["lexbor-parse"]) == {"docs_per_s", "wall_s"}  # extracts nothing

    table = (tmp_path / "results.md").read_text()
    assert "Smoke test (--limit 3)" in table
    assert (
        "| tool | title exact | authors F1 | published exact | published day | snippets F1 | prefix |"
        in table
    )
    wceb = table.split("wceb: body (site rules off)")[1].split("\n\n")[1]
    assert wceb.splitlines()[0] == "| tool | body F1 | no body | docs/s |"
    assert wceb.splitlines()[2].startswith("| newsextract | ")
