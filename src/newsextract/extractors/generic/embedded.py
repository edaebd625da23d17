"""Article text a page carries in its scripts, for pages whose DOM shows none: the JSON-LD
articleBody, and the HTML that Next.js (app router) streams in ``self.__next_f.push`` calls
and renders in the browser."""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser

from ...document import Document, tame_markup
from ...normalize.blocks import Block
from ...normalize.text import clean_text
from ..blocks import paragraphs
from .chrome import strip_chrome

# self.__next_f.push([1,"<a JSON string>"]): one chunk of the React flight stream.
# "\s*(?:;\s*)?$", not "\s*;?\s*$": two blank runs side by side split a long one every way.
_FLIGHT_CHUNK = re.compile(r'^\s*self\.__next_f\.push\(\[1,\s*(".*")\]\)\s*(?:;\s*)?$', re.DOTALL)
# A text row of the stream: "<id>:T<length in hex>,<that many UTF-8 bytes>".
_TEXT_ROW = re.compile(rb"(?:^|\n)[0-9a-z]+:T([0-9a-f]{1,8}),")
MAX_FLIGHT_BYTES = 5_000_000
# The bundle every Next.js page loads.
_NEXT_APP = "script[src*='/_next/']"


def embedded_sources(doc: Document) -> list[str]:
    """The HTML fragments of the page's flight stream, longest first (read before the scripts
    are stripped)."""
    if doc.tree.css_first(_NEXT_APP) is None:
        return []  # not a Next.js app: its scripts are not read (most pages have many)
    chunks = []
    for script in doc.tree.css("script"):
        source = script.text(deep=False)
        if not source.lstrip().startswith("self.__next_f.push"):
            continue
        if (m := _FLIGHT_CHUNK.match(source)) is None:
            continue
        try:
            chunks.append(json.loads(m.group(1)))
        except ValueError:
            continue
    if not chunks:
        return []
    stream = "".join(chunks).encode("utf-8", "replace")[:MAX_FLIGHT_BYTES]
    fragments = []
    for row in _TEXT_ROW.finditer(stream):
        text = stream[row.end() : row.end() + int(row.group(1), 16)].decode("utf-8", "replace")
        if "<p" in text:
            fragments.append(text)
    return sorted(fragments, key=len, reverse=True)


def embedded_body(doc: Document, fragments: list[str]) -> list[Block]:
    """The paragraphs of the longest flight fragment, else of the JSON-LD articleBody."""
    for fragment in fragments[:1]:
        tree = LexborHTMLParser(tame_markup(fragment))  # the page's data is as hostile as its markup
        if tree.body is not None:
            strip_chrome(tree.body)  # captions, ads and widgets inside the fragment too
            if blocks := paragraphs(tree.body):
                return blocks
    text = (doc.article_ld() or {}).get("articleBody")
    if isinstance(text, list):
        text = next((item for item in text if isinstance(item, str)), None)
    if not isinstance(text, str):
        return []
    return [Block(p, "p") for line in text.splitlines() if (p := clean_text(line))]
