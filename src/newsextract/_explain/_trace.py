"""Trace: what the extractors tell ``explain`` while they read a page, and the page's text blocks
in order, each kept, removed (and by what rule) or outside the chosen container.

The extractors call the recorder only where they already decide (a node removed as chrome or by
a site rule, the container chosen); everything else is worked out after the extraction from the
page that is left and from pure functions the pipeline ran (the line rules, the comment thread).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborNode

from ..extractors.blocks import SKIP_TAGS, paragraphs
from ..extractors.generic.chrome import CHROME_WORDS, DROP_TAGS
from ..extractors.generic.comments import without_comment_thread
from ..extractors.generic.lines import keep_block, line_rule
from ..normalize.blocks import Block

if TYPE_CHECKING:
    from ..document import Document
    from ..extractors.base import SiteExtractor
    from ..extractors.raw import RawArticle

__all__ = ["KEPT", "OUTSIDE", "REMOVED", "Trace", "TracedBlock", "describe"]

KEPT, REMOVED, OUTSIDE = "kept", "removed", "outside"
_WORD = re.compile(r"\w")
_SKIPPED = ", ".join(sorted(SKIP_TAGS))
# Rules by which the extractor certainly dropped a block of its container: such a block is not
# one of the record's paragraphs, whatever its text.
_DROPPED_RULES = frozenset({"line rule", "comment thread"})
# What drops a block of the container the line rules keep: the headline, byline or date printed
# again above the text (normalize.header).
_HEADER_LINE = "header line"


@dataclass(frozen=True, slots=True)
class TracedBlock:
    """One text block of the page, in page order.

    status: ``kept`` (in the body, at ``paragraph``), ``removed`` (by ``rule``) or ``outside``
        (neither in the chosen container nor removed by a rule).
    rule: why a block was removed ("chrome class", "chrome line", "comment thread", ...), or how a
        kept block outside the container was taken ("standfirst").
    detail: what the rule matched: the class or id word, the element, the selector, the line's kind.
    element: the element the block stands in (tag, id and classes), for removed blocks.
    """

    text: str
    tag: str
    status: str
    rule: str | None = None
    detail: str | None = None
    element: str | None = None
    paragraph: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "text": self.text,
            "tag": self.tag,
            "rule": self.rule,
            "detail": self.detail,
            "element": self.element,
            "paragraph": self.paragraph,
        }


@dataclass(slots=True)
class _Piece:
    """A block placed in page order: ``at`` is the position of its first text in the page as
    parsed (before anything was removed)."""

    at: float
    block: Block
    status: str
    rule: str | None = None
    detail: str | None = None
    element: str | None = None


# Tags that name the paragraph they open (blocks.paragraphs names a block by the tag that opens
# it inside the node it reads; the node's own tag is named here).
_OWN_TAGS = frozenset("h1 h2 h3 h4 h5 h6 li blockquote pre td th dd dt figcaption caption".split())


def _paragraphs(node: LexborNode) -> list[Block]:
    """paragraphs(node), the blocks of a heading or list item named by its tag."""
    blocks = paragraphs(node)
    if node.tag in _OWN_TAGS:
        for block in blocks:
            if block.tag == "p":
                block.tag = node.tag
    return blocks


def describe(node: LexborNode) -> str:
    """An element as a short CSS selector: ``div#main.article-body.wide``."""
    attrs = node.attributes
    text = node.tag or "?"
    if node_id := (attrs.get("id") or "").strip():
        text += "#" + node_id.split()[0]
    classes = (attrs.get("class") or "").split()
    return text + "".join("." + c for c in classes[:3]) + ("…" if len(classes) > 3 else "")


def _element_rule(node: LexborNode) -> str:
    """Which part of the chrome selectors (chrome.DROP_TAGS, DROP_SELECTORS) took ``node``."""
    attrs = node.attributes
    tag = node.tag or "?"
    if tag in DROP_TAGS or tag in ("nav", "footer", "aside"):
        return f"<{tag}>"
    if role := attrs.get("role"):
        return f"role={role}"
    for name in ("hidden", "aria-hidden", "itemprop", "style"):
        if name in attrs:
            value = attrs.get(name)
            return f"{name}={value}" if value else name
    return f"<{tag}>"


class Trace:
    """The recorder ``extract(..., trace=Trace())`` tells its decisions. One per extraction."""

    def __init__(self) -> None:
        self.doc: Document | None = None
        self.raw: RawArticle | None = None
        self.site: SiteExtractor | None = None
        self.container: list[str] = []
        self._order: dict[int, int] = {}
        self._body_id = 0
        self._removed: list[_Piece] = []
        self._chosen: list[LexborNode] = []

    # ------------------------------------------------------------------ the extractors' calls
    def attach(self, doc: Document) -> None:
        """Number every node of the page, before anything is stripped: removed and remaining
        blocks are put back in page order by these numbers."""
        doc.trace = self
        self.doc = doc
        body = doc.body
        self._body_id = body.mem_id
        self._order = {node.mem_id: i for i, node in enumerate(body.traverse(include_text=True))}

    def removed(self, node: LexborNode, rule: str, detail: str | None = None) -> None:
        """``node`` is about to be removed by ``rule``; ``detail``: the class words or selector."""
        if node.tag in SKIP_TAGS or not self._in_page(node):
            return  # code, controls, or part of a node removed already
        if rule == "chrome element":
            detail = _element_rule(node)
        elif rule == "chrome class" and detail is not None:
            m = CHROME_WORDS.search(detail)
            detail = m.group().strip(" _-") if m else detail
        element = describe(node)
        for at, block in self._placed(node, _paragraphs(node)):
            self._removed.append(_Piece(at, block, REMOVED, rule, detail, element))

    def containers(self, root: LexborNode, nodes: Sequence[LexborNode]) -> None:
        """The nodes chosen to hold the article's text (the last choice on the page counts)."""
        if root.mem_id != self._body_id:
            return  # a page read from <noscript>: its blocks are not the page's own
        self._chosen = list(nodes)
        self.container = [describe(n) for n in nodes]

    def site_body(self, root: LexborNode, node: LexborNode, clean: Sequence[str]) -> None:
        """A site rule's body container, about to lose what its ``clean`` selectors match."""
        for selector in clean:
            for junk in node.css(selector):
                self.removed(junk, "site rule clean", selector)
        self.containers(root, [node])

    def found(self, raw: RawArticle, site: SiteExtractor | None) -> None:
        """What the extractors found, before normalisation."""
        self.raw = raw
        self.site = site

    # ------------------------------------------------------------------ after the extraction
    def blocks(self, body: Sequence[str]) -> list[TracedBlock]:
        """Every text block of the page in order, each marked against ``body`` (the record's
        paragraphs)."""
        pieces = list(self._removed)
        if self.doc is not None:
            pieces += self._remaining(self.doc.body)
        pieces.sort(key=lambda p: p.at)
        # The record's paragraphs against the blocks left on the page, aligned in order (the
        # longest common subsequence difflib finds): a short text the body repeats ("Capital")
        # cannot pull the alignment past the paragraphs between.
        readable = [i for i, p in enumerate(pieces) if p.status != REMOVED and p.rule not in _DROPPED_RULES]
        matcher = SequenceMatcher(None, [pieces[i].block.text for i in readable], list(body), autojunk=False)
        paragraph_of: dict[int, int] = {}
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                paragraph_of[readable[a + k]] = b + k
        # A record none of whose paragraphs stands in the container was read from the page's
        # script data or <noscript> (body.MIN_SHOWN_CHARS): the container's text lost to it.
        elsewhere = bool(body) and not any(pieces[i].status == KEPT for i in paragraph_of)
        out: list[TracedBlock] = []
        for i, piece in enumerate(pieces):
            block = piece.block
            if elsewhere and piece.status == KEPT and piece.rule == _HEADER_LINE:
                piece.rule = "shorter than the script data or <noscript> text"
            if (index := paragraph_of.get(i)) is not None:
                rule = "standfirst" if piece.status == OUTSIDE else None
                out.append(TracedBlock(block.text, block.tag, KEPT, rule, paragraph=index))
                continue
            status, rule = piece.status, piece.rule
            if status == KEPT:  # in the container, but not in the record
                status, rule = REMOVED, rule or "not kept"
            out.append(TracedBlock(block.text, block.tag, status, rule, piece.detail, piece.element))
        matched = set(paragraph_of.values())
        for index, text in enumerate(body):  # read from script data or <noscript>, not the markup
            if index not in matched:
                out.append(TracedBlock(text, "p", KEPT, "not in the page's markup", paragraph=index))
        return out

    def _remaining(self, body: LexborNode) -> list[_Piece]:
        """The blocks of the page left after extraction: the chosen containers' (marked with the
        rule that drops each one the record does not have) and those outside them."""
        chosen = {n.mem_id for n in self._chosen}
        on_path: set[int] = set()
        for node in self._chosen:
            parent = node.parent
            while parent is not None and parent.mem_id != body.mem_id:
                on_path.add(parent.mem_id)
                parent = parent.parent
        blocks_of = {n.mem_id: paragraphs(n) for n in self._chosen}
        reasons = self._container_rules(blocks_of)
        pieces: list[_Piece] = []
        on_path.add(body.mem_id)  # walked into, unless it is the container itself
        stack = [iter([body])]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            if child.mem_id in chosen:
                for at, block in self._placed(child, blocks_of[child.mem_id]):
                    rule, detail = reasons[id(block)]
                    pieces.append(_Piece(at, block, KEPT, rule, detail, describe(child)))
            elif child.mem_id in on_path:
                stack.append(child.iter(include_text=True))
            elif child.tag == "-text":
                text = " ".join((child.text_content or "").split())
                if text:
                    at = self._order.get(child.mem_id, -1)
                    pieces.append(_Piece(at, Block(text, "p"), OUTSIDE))
            elif child.tag not in SKIP_TAGS and child.tag not in ("-comment", None):
                pieces.extend(_Piece(at, b, OUTSIDE) for at, b in self._placed(child, _paragraphs(child)))
        return pieces

    def _container_rules(self, blocks_of: dict[int, list[Block]]) -> dict[int, tuple[str, str | None]]:
        """By block id: the rule that keeps each block of the containers out of the body, as the
        generic extractor applies them: a line rule, then the comment thread. Blocks the record
        lacks for another reason are lines of the article's header (headline, byline, date) or,
        on a site's page, its rules' post-processing."""
        rules: dict[int, tuple[str, str | None]] = {}
        generic = self.raw is None or self.raw.provenance.get("body") == "generic"
        found: list[Block] = []
        for node in self._chosen:
            for block in blocks_of[node.mem_id]:
                kind = line_rule(block) if generic else None
                if kind is not None:
                    rules[id(block)] = ("line rule", kind)
                elif generic and keep_block(block):
                    found.append(block)
        if generic:
            kept = without_comment_thread(found)
            for block in found[len(kept) :]:
                rules[id(block)] = ("comment thread", None)
        fallback = _HEADER_LINE if generic else "site rules (postprocess)"
        for node in self._chosen:
            for block in blocks_of[node.mem_id]:
                rules.setdefault(id(block), (fallback, None))
        return rules

    # ------------------------------------------------------------------ helpers
    def _in_page(self, node: LexborNode) -> bool:
        """Whether ``node`` still hangs in the page's <body> (not in a subtree removed already)."""
        parent = node.parent
        while parent is not None:
            if parent.mem_id == self._body_id:
                return True
            parent = parent.parent
        return False

    def _placed(self, node: LexborNode, blocks: list[Block]) -> list[tuple[float, Block]]:
        """Each of ``node``'s blocks with the page position of the text it starts at: its word
        characters are counted along the node's text nodes (those paragraphs() reads), and the
        positions never go back, so the blocks keep paragraphs()'s order."""
        start = float(self._order.get(node.mem_id, -1))
        if len(blocks) <= 1:
            return [(start, b) for b in blocks]
        unread = {t.mem_id for skipped in node.css(_SKIPPED) for t in skipped.traverse(include_text=True)}
        texts = [
            (self._order.get(t.mem_id, start), len(_WORD.findall(t.text_content or "")))
            for t in node.traverse(include_text=True)
            if t.tag == "-text" and t.mem_id not in unread
        ]
        placed: list[tuple[float, Block]] = []
        seen = 0  # word characters of the blocks before this one
        i = 0
        counted = 0  # word characters of texts[:i]
        last = start
        for n, block in enumerate(blocks):
            while i < len(texts) and counted + texts[i][1] <= seen:
                counted += texts[i][1]
                i += 1
            last = max(last, texts[i][0] if i < len(texts) else start)
            placed.append((last + n * 1e-6, block))  # ties (two blocks in one text) keep their order
            seen += len(_WORD.findall(block.text))
        return placed
