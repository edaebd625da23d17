"""The quality floor: every dev set, scored with the shared scorers, stays at or above the figures
recorded in tests/quality_floor.json. A commit that raises a figure records it in the same commit
(``python benchmarks/quality.py --write-floor tests/quality_floor.json``); none may lower one."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from .conftest import ROOT, shared_dir

FLOOR = Path(__file__).resolve().parent / "quality_floor.json"
# Scores are deterministic; this only absorbs float noise in the scorers' means.
TOLERANCE = 1e-6


def _quality_module():  # benchmarks/ is not a package: load the harness by path
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_no_dev_set_loses_accuracy() -> None:
    shared = shared_dir("bench").parent
    floor = json.loads(FLOOR.read_text())
    measured = _quality_module().measure(shared)
    losses = []
    for name, fields in floor.items():
        for field, recorded in fields.items():
            now = measured[name][field]
            # "refused" counts real articles refused as NotAnArticleError: lower is better
            worse = now > recorded + TOLERANCE if field == "refused" else now < recorded - TOLERANCE
            if worse:
                losses.append(f"{name} {field}: {now:.4f} (floor {recorded:.4f})")
    assert losses == [], "quality fell below the recorded floor:\n" + "\n".join(losses)
