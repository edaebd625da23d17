"""A container node -> the paragraphs a reader sees, in order.

Block elements end a paragraph, inline elements join into it with the whitespace the page has,
and ``<br><br>`` splits one. Each paragraph remembers how much of its text sat inside links,
so callers can drop link lists without a second walk, and the links whose text begins in it
(``<a href>`` with text or an image; the record's ``links`` come from them).

A data table (see ``data_table_columns``) is read row by row: one paragraph per row, its cells
joined by " | " (an empty or spanned cell stays an empty cell, so the columns line up, but for a
row's empty last cells; a column empty in every row is left out), tagged "thead" for the table's
first row and "tr" for the others. A layout table, holding prose, is read as any other block: one paragraph per cell or per
block inside it. Generic and site-rule bodies are both cut here, so both read tables this way.
"""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborNode

from ..normalize.blocks import Anchor, Block
from ..normalize.text import clean_text

__all__ = ["BLOCK_TAGS", "paragraphs"]

BLOCK_TAGS = frozenset(
    """address article aside blockquote body center dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary
    table tbody thead tfoot tr td th ul caption""".split()
)
# Elements whose text is never article text.
SKIP_TAGS = frozenset(
    """script style noscript template iframe svg canvas object embed button select input textarea
    option label video audio source picture img map head title meta link""".split()
)


# Elements that show an image: a link around one is a link even without text.
_IMAGE_TAGS = frozenset({"img", "picture"})
# What leaving an <a> restores: the link count (and, for an <a href>, the open anchor), not a
# paragraph tag.
_LINK = "\0link"
_ANCHOR = "\0anchor"
_ROW = "\0row"  # what leaving a data table's <tr> does: the row, its empty last cells left out
_GRID = "\0grid"  # what leaving a data table does: back to reading blocks
CELL_SEPARATOR = " | "
# A row's empty last cells (spanned by a cell before them, or blank) are not written: the text
# stays clean, and Markdown pads every row of a table to the widest.
_EMPTY_LAST_CELLS = re.compile(r"(?:\s*\|)+$")
# A table is data when it has rows and columns (at least 2 of each) of short cells. A cell longer
# than this, or holding more than one paragraph-making block, is prose: its table lays a page out.
MAX_DATA_CELL_CHARS = 200
# More of a table's text in links than this and it is navigation (a menu, a link directory).
MAX_DATA_LINK_SHARE = 0.5
# A table with no header cells (th, thead, caption) is data only with this many rows (Readability's
# _isDataTable takes 10 rows as data too): a short headless grid is more often a box of the layout
# (a link list with its addresses, a toolbar, a month calendar, a card of a name row and a
# description row) than data.
MIN_UNHEADED_ROWS = 10
_CELL_BLOCKS = "p, div, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote, pre, dl"
# colspan / rowspan past these are page errors ("rowspan=1000"); a span is cut there.
MAX_COLSPAN = 50
MAX_ROWSPAN = 500


def data_table_columns(table: LexborNode) -> frozenset[int] | None:
    """The columns that hold text when ``table`` holds data, None when it lays a page out.

    Data: not marked presentational, no table inside it, at least two rows and two columns with
    text, every cell short (MAX_DATA_CELL_CHARS) and holding at most one paragraph-making block,
    at most MAX_DATA_LINK_SHARE of its text in links (a menu, a link directory is navigation),
    and header cells or MIN_UNHEADED_ROWS rows. Columns with no text in any row (spacers) are
    left out of every row.
    """
    if (table.attributes.get("role") or "").strip().lower() in ("presentation", "none"):
        return None
    if len(table.css("table")) > 1:  # the selection holds the table itself
        return None
    rows = table.css("tr")
    if len(rows) < 2:
        return None
    grid = _Grid(frozenset(), "")
    filled: set[int] = set()
    chars = link_chars = 0
    for row in rows:
        grid.start_row()
        for cell in row.iter():
            if cell.tag not in ("td", "th"):
                continue
            column = grid.place(cell)
            text = cell.text(deep=True).strip()
            if len(text) > MAX_DATA_CELL_CHARS or len(cell.css(_CELL_BLOCKS)) > 1:
                return None
            if text:
                filled.add(column)
                chars += len(text)
                link_chars += sum(len(a.text(deep=True).strip()) for a in cell.css("a"))
    if len(filled) < 2 or link_chars > MAX_DATA_LINK_SHARE * chars:
        return None
    headed = table.css_first("th, thead, caption") is not None
    if not headed and grid.row + 1 < MIN_UNHEADED_ROWS:
        return None
    return frozenset(filled)


def _span(cell: LexborNode, name: str, cap: int) -> int:
    """A cell's colspan or rowspan: 1 unless a positive number, at most ``cap``."""
    value = (cell.attributes.get(name) or "").strip()
    return min(int(value), cap) if value.isdigit() and int(value) > 0 else 1


class _Walker:
    __slots__ = ("blocks", "parts", "link_chars", "tag", "in_link", "skip_tags", "grid", "anchors", "pending")

    def __init__(self, skip_tags: frozenset[str]) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.tag = "p"
        self.in_link = 0
        self.skip_tags = skip_tags
        self.grid: _Grid | None = None  # the data table being read
        self.anchors: list[Anchor] = []  # the <a href> elements the walk is inside
        self.pending: list[Anchor] = []  # anchors met since the last paragraph, not yet placed in one

    def flush(self) -> None:
        if not self.parts:
            if self.pending:
                self._place(None)
            return  # nothing since the last block (link text only counts when it is in parts)
        text = clean_text("".join(self.parts))
        if self.grid is not None:
            text = _EMPTY_LAST_CELLS.sub("", text)
        block = None
        if text:
            block = Block(text, self.tag, min(self.link_chars, len(text)))
            self.blocks.append(block)
        self.parts = []
        self.link_chars = 0
        if self.pending:
            self._place(block)
        for anchor in self.anchors:
            anchor.pieces.append(" ")  # an anchor running on into the next paragraph

    def _place(self, block: Block | None) -> None:
        """Give ``block`` the pending anchors that showed something in it; one still open that
        showed nothing yet waits for the next paragraph, and a closed one is gone."""
        placed, waiting = [], []
        for anchor in self.pending:
            if block is not None and (anchor.image or anchor.text or any(p.strip() for p in anchor.pieces)):
                placed.append(anchor)
            elif anchor.open:
                waiting.append(anchor)
        if placed:
            assert block is not None
            block.links = tuple(placed)
        self.pending = waiting

    def close_anchor(self) -> None:
        anchor = self.anchors.pop()
        anchor.open = False
        anchor.text = clean_text("".join(anchor.pieces))
        anchor.pieces = []

    def open_link(self, child: LexborNode) -> str:
        """Enter an <a>: count its text as link text, and follow it as an anchor when it has an
        href. Returns what leaving it restores."""
        self.in_link += 1
        href = child.attributes.get("href")
        if not href:
            return _LINK
        anchor = Anchor(href)
        self.anchors.append(anchor)
        self.pending.append(anchor)
        return _ANCHOR

    def walk(self, root: LexborNode) -> None:
        """Depth-first over ``root``'s children with an explicit stack (a page may nest deeper
        than Python's recursion limit). Each level keeps its children left, what it restores on
        leaving (the outer paragraph tag of a block, _LINK or _ANCHOR, _ROW or _GRID), and whether
        its last item was a <br>."""
        levels: list[Any] = [root.iter(include_text=True)]
        leave: list[str | None] = [None]
        after_br = [False]
        parts, skip_tags = self.parts, self.skip_tags
        while levels:
            child = next(levels[-1], None)
            if child is None:
                levels.pop()
                after_br.pop()
                restore = leave.pop()
                if restore is _LINK:
                    self.in_link -= 1
                elif restore is _ANCHOR:
                    self.in_link -= 1
                    self.close_anchor()
                elif restore is _ROW:
                    assert self.grid is not None
                    parts.append(self.grid.end_row())
                    self.flush()
                    parts = self.parts
                elif restore is _GRID:
                    assert self.grid is not None
                    self.flush()
                    parts = self.parts
                    self.tag = self.grid.outer
                    self.grid = None
                elif restore is not None:
                    self.flush()
                    parts = self.parts
                    self.tag = restore
                continue
            tag = child.tag
            if tag == "-text":
                text = child.text_content or ""
                if text.strip():
                    after_br[-1] = False
                if self.in_link:
                    self.link_chars += len(text.strip())
                    for anchor in self.anchors:
                        anchor.pieces.append(text)
                parts.append(text)
                continue
            if tag in ("-comment", None) or tag in skip_tags:
                if self.anchors and tag in _IMAGE_TAGS:
                    for anchor in self.anchors:
                        anchor.image = True
                continue
            if self.grid is not None and tag != "caption":
                restore = None
                if tag == "tr":
                    self.flush()
                    parts = self.parts
                    self.tag = self.grid.start_row()
                    restore = _ROW
                elif tag in ("td", "th"):
                    parts.append(self.grid.start_cell(child))
                elif tag == "a":
                    restore = self.open_link(child)
                elif tag in BLOCK_TAGS or tag == "br":
                    parts.append(" ")  # a cell's own blocks and breaks stay in its row
                if tag != "br":
                    levels.append(child.iter(include_text=True))
                    leave.append(restore)
                    after_br.append(False)
                continue
            if tag == "br":
                if after_br[-1]:
                    self.flush()
                    parts = self.parts
                else:
                    parts.append("\n")
                    for anchor in self.anchors:
                        anchor.pieces.append(" ")
                after_br[-1] = True
                continue
            after_br[-1] = False
            restore = None
            if tag == "table" and (columns := data_table_columns(child)) is not None:
                self.flush()
                parts = self.parts
                self.grid = _Grid(columns, self.tag)
                restore = _GRID
            elif tag in BLOCK_TAGS:
                self.flush()
                parts = self.parts
                restore = self.tag
                self.tag = restore if restore in _KEEP_OUTER else tag if tag in _PARAGRAPH_TAGS else "p"
            elif tag == "a":
                restore = self.open_link(child)
            levels.append(child.iter(include_text=True))
            leave.append(restore)
            after_br.append(False)


class _Grid:
    """Where a data table's cells fall: each cell in its column, after the columns that cells
    before it span (colspan) or that a cell above holds (rowspan); the ``shown`` columns of every
    row are written, an empty or spanned one as an empty cell, so the columns line up."""

    __slots__ = ("shown", "outer", "row", "column", "spanned_to", "held", "opened")

    def __init__(self, shown: frozenset[int], outer: str) -> None:
        self.shown = shown
        self.outer = outer  # the paragraph tag around the table, restored after it
        self.row = -1
        self.column = 0  # the next column not written yet
        self.spanned_to = 0  # the first column after the last cell and its colspan
        self.held: dict[int, int] = {}  # column -> the last row a rowspan holds it for
        self.opened = False  # whether this row has written a column (the next one gets " | ")

    def start_row(self) -> str:
        """A new row; its paragraph tag."""
        self.row += 1
        self.column = self.spanned_to = 0
        self.opened = False
        return "thead" if self.row == 0 else "tr"

    def place(self, cell: LexborNode) -> int:
        """The column ``cell`` falls in (its spans noted)."""
        at = self.spanned_to
        while self.held.get(at, -1) >= self.row:
            at += 1
        colspan = _span(cell, "colspan", MAX_COLSPAN)
        rowspan = _span(cell, "rowspan", MAX_ROWSPAN)
        if rowspan > 1:
            for column in range(at, at + colspan):
                self.held[column] = self.row + rowspan - 1
        self.spanned_to = at + colspan
        return at

    def start_cell(self, cell: LexborNode) -> str:
        """The separators that put ``cell`` in its column."""
        return self._open(self.place(cell))

    def end_row(self) -> str:
        """The separators of the row's empty last columns."""
        return self._open(max(self.shown, default=0))

    def _open(self, last: int) -> str:
        """A separator for each shown column up to ``last`` not written yet, but a row's first."""
        separators = []
        for column in range(self.column, last + 1):
            if column in self.shown:
                if self.opened:
                    separators.append(CELL_SEPARATOR)
                self.opened = True
        self.column = max(self.column, last + 1)
        return "".join(separators)


# Tags that name the paragraph they open (kept in Block.tag); other blocks count as "p".
_PARAGRAPH_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "td",
        "th",
        "dd",
        "dt",
        "figcaption",
        "caption",
    }
)
# A <p> inside <li> or <blockquote> is still that list item / quote.
_KEEP_OUTER = frozenset({"li", "blockquote", "figcaption", "td", "th", "dd"})


def paragraphs(node: LexborNode, *, skip_tags: frozenset[str] = SKIP_TAGS) -> list[Block]:
    """The paragraphs under ``node``, in document order."""
    walker = _Walker(skip_tags)
    walker.walk(node)
    walker.flush()
    return walker.blocks
