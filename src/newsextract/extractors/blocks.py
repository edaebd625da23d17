"""A container node -> the paragraphs a reader sees, in order.

Block elements end a paragraph, inline elements join into it with the whitespace the page has,
and ``<br><br>`` splits one. Each paragraph remembers how much of its text sat inside links,
so callers can drop link lists without a second walk.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from ..normalize.blocks import Block
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


class _Walker:
    __slots__ = ("blocks", "parts", "link_chars", "tag", "in_link", "skip_tags")

    def __init__(self, skip_tags: frozenset[str]) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.tag = "p"
        self.in_link = 0
        self.skip_tags = skip_tags

    def flush(self) -> None:
        if self.parts:
            text = clean_text("".join(self.parts))
            if text:
                self.blocks.append(Block(text, self.tag, min(self.link_chars, len(text))))
        self.parts = []
        self.link_chars = 0

    def walk(self, node: LexborNode) -> None:
        prev_br = False
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text_content or ""
                if text.strip():
                    prev_br = False
                if self.in_link:
                    self.link_chars += len(text.strip())
                self.parts.append(text)
                continue
            if tag in ("-comment", None) or tag in self.skip_tags:
                continue
            if tag == "br":
                if prev_br:
                    self.flush()
                else:
                    self.parts.append("\n")
                prev_br = True
                continue
            prev_br = False
            if tag in BLOCK_TAGS:
                self.flush()
                outer = self.tag
                self.tag = outer if outer in _KEEP_OUTER else tag if tag in _PARAGRAPH_TAGS else "p"
                self.walk(child)
                self.flush()
                self.tag = outer
            elif tag == "a":
                self.in_link += 1
                self.walk(child)
                self.in_link -= 1
            else:
                self.walk(child)


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
