"""A container node -> the paragraphs a reader sees, in order.

Block elements end a paragraph, inline elements join into it with the whitespace the page has,
and ``<br><br>`` splits one. Each paragraph remembers how much of its text sat inside links,
so callers can drop link lists without a second walk, and the links whose text begins in it
(``<a href>`` with text or an image; the record's ``links`` come from them).
"""

from __future__ import annotations

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


class _Walker:
    __slots__ = ("blocks", "parts", "link_chars", "tag", "in_link", "skip_tags", "anchors", "pending")

    def __init__(self, skip_tags: frozenset[str]) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.tag = "p"
        self.in_link = 0
        self.skip_tags = skip_tags
        self.anchors: list[Anchor] = []  # the <a href> elements the walk is inside
        self.pending: list[Anchor] = []  # anchors met since the last paragraph, not yet placed in one

    def flush(self) -> None:
        if not self.parts:
            if self.pending:
                self._place(None)
            return  # nothing since the last block (link text only counts when it is in parts)
        text = clean_text("".join(self.parts))
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

    def walk(self, root: LexborNode) -> None:
        """Depth-first over ``root``'s children with an explicit stack (a page may nest deeper
        than Python's recursion limit). Each level keeps its children left, what it restores on
        leaving (the outer paragraph tag of a block, _LINK or _ANCHOR), and whether its last item was
        a <br>."""
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
            if tag in BLOCK_TAGS:
                self.flush()
                parts = self.parts
                restore = self.tag
                self.tag = restore if restore in _KEEP_OUTER else tag if tag in _PARAGRAPH_TAGS else "p"
            elif tag == "a":
                self.in_link += 1
                href = child.attributes.get("href")
                if href:
                    anchor = Anchor(href)
                    self.anchors.append(anchor)
                    self.pending.append(anchor)
                    restore = _ANCHOR
                else:
                    restore = _LINK
            levels.append(child.iter(include_text=True))
            leave.append(restore)
            after_br.append(False)


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
