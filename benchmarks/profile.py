"""Where the time of one extraction goes: CPU per stage over the 181 Scrapinghub pages.

    python benchmarks/profile.py                 # str input, site rules off, best of 3 passes
    python benchmarks/profile.py --instructions  # the recipe for instruction counts

Each stage is timed by wrapping its function wherever newsextract's modules bind it, so nested
stages overlap (body holds strip_chrome, best_container and paragraphs; _build holds
find_quotes). Timing wrappers cost a little; the total line is measured without them. The VM's
speed varies between runs: for a before/after comparison that does not depend on the machine's
load, count instructions instead (`--instructions` prints the valgrind command that does it).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quality import DEFAULT_SHARED, scrapinghub_pages  # noqa: E402

STAGES = (
    "newsextract.document.Document.parse",
    "newsextract.document.Document._harvest",
    "newsextract.pipeline._run",
    "newsextract.extractors.generic.title.title",
    "newsextract.extractors.generic.authors.byline",
    "newsextract.extractors.generic.dates.published",
    "newsextract.extractors.generic.body.body",
    "newsextract.extractors.generic.chrome.strip_chrome",
    "newsextract.extractors.generic.body.best_container",
    "newsextract.extractors.blocks.paragraphs",
    "newsextract.pipeline._build",
    "newsextract.normalize.quotes.find_quotes",
    "newsextract.normalize.people.split_byline",
    "newsextract.normalize.language.language_of",
)


def _extract_all(pages: list[tuple[str, str | None]]) -> None:
    import newsextract

    for html, url in pages:
        try:
            newsextract.extract(html, url, site_rules=False)
        except newsextract.NewsExtractError:
            pass


def _best(pages: list[tuple[str, str | None]], passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        _extract_all(pages)
        best = min(best, time.process_time() - start)
    return best


def _wrap_stages(spent: dict[str, float]) -> None:
    import newsextract

    modules = [
        importlib.import_module(m.name)
        for m in pkgutil.walk_packages(newsextract.__path__, "newsextract.")
        if "dask" not in m.name and "__main__" not in m.name
    ]

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start

        return wrapper

    for name in STAGES:
        owner_name, _, attr = name.rpartition(".")
        try:
            owner: Any = importlib.import_module(owner_name)
        except ModuleNotFoundError:  # a method: module.Class.attr
            module_name, _, class_name = owner_name.rpartition(".")
            owner = getattr(importlib.import_module(module_name), class_name)
        if isinstance(owner, type):
            raw = owner.__dict__[attr]
            if isinstance(raw, classmethod):
                setattr(owner, attr, classmethod(timed(name, raw.__func__)))
            else:
                setattr(owner, attr, timed(name, raw))
            continue
        fn = getattr(owner, attr)
        for module in modules:
            for key, value in list(vars(module).items()):
                if value is fn:
                    setattr(module, key, timed(name, fn))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--pages", type=int, help="only the first N Scrapinghub pages")
    parser.add_argument("--instructions", action="store_true", help="print the instruction-count recipe")
    args = parser.parse_args()
    if args.instructions:
        print(
            "PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\\n"
            "    python benchmarks/profile.py --pages 60 --passes N\n"
            "run with N=1 and N=3: the difference of the two 'Collected' totals, over 120, is the\n"
            "instructions of one extraction pass per page (the first pass also warms the caches;\n"
            "a fixed hash seed makes the count the same from run to run)."
        )
        return
    from newsextract.document import decode_html

    pages = [(decode_html(p.data)[0], p.url) for p in scrapinghub_pages(args.shared)][: args.pages]
    _extract_all(pages[:20])  # warm-up: lazy imports, the language model, regex caches
    total = _best(pages, args.passes)
    spent: dict[str, float] = {}
    _wrap_stages(spent)
    _extract_all(pages)
    n = len(pages)
    print(f"total {total / n * 1000:.2f} ms a page (CPU, best of {args.passes}, {n} pages, str input)")
    for name in STAGES:
        print(f"  {name.removeprefix('newsextract.'):48s} {spent.get(name, 0.0) / n * 1000:6.2f}")


if __name__ == "__main__":
    main()
