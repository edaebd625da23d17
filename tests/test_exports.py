"""``newsextract.__all__`` is the public contract: every name in it exists, and nothing public the
package offers (or its README and docs import) is left out of it."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import types
from pathlib import Path

import newsextract
from newsextract import errors

ROOT = Path(__file__).resolve().parents[1]


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"^```(?:python|py|pycon)?\n(.*?)^```", text, flags=re.S | re.M)


def _is_submodule(name: str) -> bool:
    return importlib.util.find_spec(f"newsextract.{name}") is not None


def test_every_name_in_all_exists_once() -> None:
    names = newsextract.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert getattr(newsextract, name) is not None, name


def test_star_import_gives_every_name_lazy_ones_included() -> None:
    # In a fresh interpreter: the names loaded lazily on first use come with `import *` too.
    code = "from newsextract import *; import newsextract; d = dir(); print(all(n in d for n in newsextract.__all__))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "True", proc.stderr


def test_nothing_public_is_left_out() -> None:
    for name in newsextract._LAZY:  # names loaded on first use are public too
        getattr(newsextract, name)
    missing = []
    for name in dir(newsextract):
        obj = getattr(newsextract, name)
        if name.startswith("_") or isinstance(obj, types.ModuleType):
            continue
        module = getattr(obj, "__module__", None)
        ours = isinstance(module, str) and (module == "newsextract" or module.startswith("newsextract."))
        constant = isinstance(obj, (str, int, float)) and not isinstance(obj, bool)  # not TYPE_CHECKING
        if ours or constant:  # our objects and our constants
            if name not in newsextract.__all__:
                missing.append(name)
    assert missing == []


def test_the_error_tree_and_the_renderers_are_exported() -> None:
    assert set(errors.__all__) <= set(newsextract.__all__)
    assert {"to_text", "to_markdown", "extract", "extract_url", "Article", "FetchResult"} <= set(
        newsextract.__all__
    )


def test_every_name_the_readme_and_docs_use_is_exported() -> None:
    used: set[str] = set()
    for path in _documents():
        text = path.read_text(encoding="utf-8")
        for block in _code_blocks(text):
            # `from newsextract import (A,\n B)` over several lines, or `import A, B` on one
            for wrapped, inline in re.findall(
                r"^\s*from newsextract import (?:\(([^)]*)\)|([^\n]+))", block, re.M
            ):
                imported = wrapped or inline
                used.update(n.split(" as ")[0].strip() for n in imported.replace("\n", ",").split(","))
        # `newsextract.NAME` anywhere in the document, prose included, names a public object.
        used.update(re.findall(r"(?<![\w.])newsextract\.([A-Za-z_]\w*)", text))
    used.discard("")
    public = {name for name in used if not name.startswith("_") and not _is_submodule(name)}
    assert public, "the documents name no export: the pattern above is broken"
    assert sorted(public - set(newsextract.__all__)) == []
