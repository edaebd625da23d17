#!/usr/bin/env python3
"""Time per MB of extraction on hostile page shapes, at growing sizes: the evidence that no
input within the size limit costs much more than an ordinary page.

Usage:
    python benchmarks/hostile.py [--max-mb 8]

Shapes (each built to the target size, then extracted once with site rules off):
  depth       block elements nested ever deeper around the article
  width       sibling divs side by side
  attributes  one tag carrying ever more attributes
  long-text   one paragraph of ever more text
  unclosed    the article, then ever more "<a" with no ">" after them (a tag left open)
  quotes      ever more paragraphs of quoted speech with speakers and pronouns
  article     an ordinary article made long (the yardstick)
A page the pipeline refuses (NotAnArticleError, InputTooLargeError) still counts: the time to
say so is what a batch pays.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import newsextract

STORY = "".join(
    f"<p>Paragraph {i} of the story, with commas, long enough to be article text, and more words.</p>"
    for i in range(4)
)


def depth(chars: int) -> str:
    n = chars // 21
    return "<html><body><h1>Deep</h1>" + "<section>" * n + STORY + "</section>" * n + "</body></html>"


def width(chars: int) -> str:
    return "<html><body><h1>Wide</h1>" + "<div>x</div>" * (chars // 12) + STORY + "</body></html>"


def attributes(chars: int) -> str:
    names = " ".join(f"data-a{i}" for i in range(chars // 11))
    return f"<html><body><h1>Attributes</h1><div {names}>{STORY}</div></body></html>"


def long_text(chars: int) -> str:
    return "<html><body><h1>Long</h1><p>" + "word, " * (chars // 6) + "</p></body></html>"


def unclosed(chars: int) -> str:
    return "<html><body><h1>Open</h1>" + STORY + "<a" * (chars // 2)


def quotes(chars: int) -> str:
    para = (
        "<p>Minister Anna Roth visited the harbour on Monday and spoke to the workers there.</p>"
        '<p>"This quote is long enough to count, and it goes on," she said. "And then some more."</p>'
    )
    return "<html><body><h1>Quotes</h1><article>" + para * (chars // len(para)) + "</article></body></html>"


def article(chars: int) -> str:
    return (
        "<html><body><h1>Article</h1><article>" + STORY * (chars // len(STORY)) + "</article></body></html>"
    )


SHAPES: dict[str, Callable[[int], str]] = {
    "depth": depth,
    "width": width,
    "attributes": attributes,
    "long-text": long_text,
    "unclosed": unclosed,
    "quotes": quotes,
    "article": article,
}


def seconds(html: str) -> float:
    start = time.perf_counter()
    try:
        newsextract.extract(html, "https://hostile.example/page", site_rules=False)
    except newsextract.NewsExtractError:
        pass
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-mb", type=float, default=8.0, help="largest page (MB); the limit is 10 MiB")
    args = ap.parse_args()
    sizes = [mb for mb in (0.25, 1, 2, 4, 8) if mb <= args.max_mb]
    newsextract.extract(article(100_000), "https://hostile.example/warm-up", site_rules=False)
    print("| shape | " + " | ".join(f"{mb:g} MB" for mb in sizes) + " | worst s/MB |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for name, build in SHAPES.items():
        cells, worst = [], 0.0
        for mb in sizes:
            html = build(int(mb * 1_000_000))
            took = seconds(html)
            worst = max(worst, took / (len(html) / 1_000_000))
            cells.append(f"{took:.2f} s")
        print(f"| {name} | " + " | ".join(cells) + f" | {worst:.2f} |")


if __name__ == "__main__":
    main()
