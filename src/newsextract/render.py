"""Records as people read them: plain text and Markdown.

Both give the headline, a line with the authors and the publication date, then the body in
order. Markdown keeps the body's structure: subheadings as headings, list items as a list,
block quotes as quotes, preformatted text as code, a data table's rows (cells joined by " | ",
tagged "thead" for a table's first row and "tr" after it) as a table whose first row is its
header, and the body's links as links where their text stands (outside tables); text keeps a
table's rows as they are, one line each. A record read back from JSON has no paragraph tags; its
paragraphs then render as paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .normalize.text import http_url
from .record import Article, Link

__all__ = ["TEXT_RULE", "escape_markdown", "framed", "to_markdown", "to_text"]

_HEADINGS = {"h1": "##", "h2": "##", "h3": "###", "h4": "####", "h5": "#####", "h6": "######"}
_LIST_ITEMS = frozenset({"li", "dt", "dd"})
_ROWS = frozenset({"thead", "tr"})
# Where a row's text splits into cells: a "|" with white space (or the row's edge) on both sides,
# so an empty cell ("a | | b", "| b") stays a cell and a "|" inside a word stays text.
_CELL_SPLIT = re.compile(r"(?<!\S)\|(?!\S)")
# What would make a plain paragraph's first characters Markdown syntax ("# ", "- ", "1. ", "> ").
_MARKDOWN_START = re.compile(r"^(?:#{1,6}\s|[-+*]\s|\d+[.)]\s|>|```|=+\s*$|-{3,}\s*$)")
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<])")


def _credit_line(article: Article) -> str:
    parts = [", ".join(article.authors), article.published or ""]
    return " · ".join(p for p in parts if p)


def _tags(article: Article) -> tuple[str, ...]:
    tags = article.body_tags
    return tags if len(tags) == len(article.body) else ("p",) * len(article.body)


def to_text(article: Article) -> str:
    """Headline, credit line, then the paragraphs separated by blank lines; list items marked "- "."""
    lines = [article.title or ""]
    credit = _credit_line(article)
    if credit:
        lines.append(credit)
    out = ["\n".join(line for line in lines if line)]
    previous = ""
    for text, tag in zip(article.body, _tags(article), strict=True):
        item = tag in _LIST_ITEMS
        entry = f"- {text}" if item else text
        if (item and previous in _LIST_ITEMS) or (tag == "tr" and previous in _ROWS):
            out[-1] += "\n" + entry  # a list, a table stays together
        else:
            out.append(entry)
        previous = tag
    return "\n\n".join(block for block in out if block) + "\n"


# What ends an article among others in plain text: a blank line already parts paragraphs.
TEXT_RULE = "=" * 72


def framed(article: Article, fmt: str, source: str) -> str:
    """``article`` as one of several in a stream (``extract`` of several pages, ``batch``):
    its source line, the article in ``fmt`` ("text" or "markdown"), then a rule (a Markdown
    thematic break), so articles cannot run into each other. Each frame stands alone, so an
    output written in parts and joined (batch on Dask) reads the same."""
    if fmt == "markdown":
        shown = _autolink(source) or _code_span(source)
        return f"Source: {shown}\n\n{to_markdown(article)}\n---\n"
    return f"Source: {source}\n\n{to_text(article)}\n{TEXT_RULE}\n"


def to_markdown(article: Article) -> str:
    """The record as a Markdown document."""
    out = []
    if article.title:
        out.append(f"# {escape_markdown(article.title)}")
    credit = _credit_line(article)
    if credit:
        out.append(f"*{escape_markdown(credit)}*")
    previous = ""
    links = _links_by_paragraph(article)
    rows: list[list[str]] = []
    for index, (text, tag) in enumerate(zip(article.body, _tags(article), strict=True)):
        if tag in _ROWS:
            if tag == "thead" or previous not in _ROWS:
                rows = []
                out.append("")  # the table, written when its rows are all read
            rows.append([_cell(c) for c in _CELL_SPLIT.split(text)])
            out[-1] = _table(rows)
            previous = tag
            continue
        if tag in _HEADINGS:
            out.append(f"{_HEADINGS[tag]} {_linked(text, links.get(index, ()))}")
        elif tag in _LIST_ITEMS:
            entry = f"- {_linked(text, links.get(index, ()))}"
            if previous in _LIST_ITEMS:
                out[-1] += "\n" + entry
                previous = tag
                continue
            out.append(entry)
        elif tag == "blockquote":
            out.append(f"> {_linked(text, links.get(index, ()))}")
        elif tag == "pre":
            fence = "````" if "```" in text else "```"
            out.append(f"{fence}\n{text}\n{fence}")
        else:
            out.append(_paragraph(text, links.get(index, ())))
        previous = tag
    link = _autolink(article.url)
    if link:
        out.append(link)
    return "\n\n".join(out) + "\n"


# Characters that would end a Markdown autolink or break its line: percent-encoded inside it.
_NOT_IN_AUTOLINK = re.compile(r"[\x00-\x20<>\x7f]")


def _autolink(url: str | None) -> str | None:
    """``<url>`` for an absolute http(s) URL, else None: a record read back from JSON may hold
    any text, and a ``javascript:`` autolink runs script when a reader clicks it."""
    link = http_url(url)
    if link is None:
        return None
    return "<" + _NOT_IN_AUTOLINK.sub(lambda m: f"%{ord(m.group()):02X}", link) + ">"


def _links_by_paragraph(article: Article) -> dict[int, list[Link]]:
    """The links that can be shown inline (with text, in a paragraph the body has), by paragraph."""
    found: dict[int, list[Link]] = {}
    for link in article.links:
        if link.text and 0 <= link.paragraph < len(article.body):
            found.setdefault(link.paragraph, []).append(link)
    return found


def _linked(text: str, links: Sequence[Link]) -> str:
    """``text`` escaped, each link's text a Markdown link where it stands: the links are found
    left to right, in order, so a word linked twice links each time it was; a link whose text
    is not found (it runs on into the next paragraph) or whose URL is no http(s) URL stays text."""
    out, at = [], 0
    for link in links:
        destination = _autolink(link.url)
        start = text.find(link.text, at)
        if destination is None or start < 0:
            continue
        out.append(escape_markdown(text[at:start]))
        out.append(f"[{escape_markdown(link.text)}]({destination})")
        at = start + len(link.text)
    out.append(escape_markdown(text[at:]))
    return "".join(out)


def _cell(text: str) -> str:
    return escape_markdown(text.strip()).replace("|", "\\|")


def _table(rows: list[list[str]]) -> str:
    """A Markdown (GFM) table: the first row is the header, every row as wide as the widest."""
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def _code_span(text: str) -> str:
    """``text`` verbatim in Markdown (a file name: its underscores are not emphasis)."""
    text = " ".join(text.split())
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def escape_markdown(text: str) -> str:
    """Text with the characters Markdown would read as markup escaped."""
    return _MARKDOWN_INLINE.sub(r"\\\1", text)


def _paragraph(text: str, links: Sequence[Link]) -> str:
    """A plain paragraph, its links inline; one that starts like Markdown syntax gets that start
    escaped ("1\\. ")."""
    text = _linked(text, links)
    if not _MARKDOWN_START.match(text):
        return text
    if text[0].isdigit():
        digits = len(text) - len(text.lstrip("0123456789"))
        return f"{text[:digits]}\\{text[digits:]}"
    return "\\" + text
