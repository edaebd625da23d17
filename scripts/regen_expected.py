#!/usr/bin/env python3
"""Write tests/fixtures/pravda/<page>.expected.json from the current code, for review as a diff.

Usage: python scripts/regen_expected.py
Never edit an expected file by hand: change the code or the page, run this, read the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import newsextract

CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pravda"


def main() -> None:
    cases = json.loads((CASES / "cases.json").read_text(encoding="utf-8"))
    for page, case in cases.items():
        record = newsextract.extract((CASES / page).read_bytes(), case["url"]).to_dict()
        out = CASES / (Path(page).name.removesuffix(".html") + ".expected.json")
        out.write_text(
            json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"wrote {out.relative_to(CASES.parent.parent.parent)}")


if __name__ == "__main__":
    main()
