"""The standfirst: the lead paragraph that templates print between the headline and the body
container (a summary, intro, teaser, perex, bajada, Vorspann, sommario, chapô). It belongs to the
article's text, but it stands outside the container that content scoring picks."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from selectolax.lexbor import LexborNode

from ...normalize.blocks import Block
from ...normalize.text import reading_length, similar
from ..blocks import paragraphs
from .signals import ancestors

# What templates call the standfirst, in the languages of the dev sets; matched as whole tokens of
# the class and id (split at "-", "_", "--" and camelCase), so "leader" is not "lead" and
# "teaser-list" is still a teaser. General CMS knowledge, kept as data like the chrome words.
LEAD_TOKENS = frozenset(
    """lead lede leadin leadtext intro introtext introduction teaser teasertext summary standfirst
    perex bajada entradilla vorspann anriss einleitung sommario catenaccio chapo chapeau excerpt
    abstract leader deck dek subhead subheadline subtitle""".split()
)
# The candidates are found by one attribute test per word root ("lead" finds "leadtext" and
# "leader"), grouped under the attribute (see chrome.DROP_SELECTORS), then read as tokens.
_LEAD_ROOTS = sorted(t for t in LEAD_TOKENS if not any(o != t and o in t for o in LEAD_TOKENS))
_LEAD_SELECTOR = (
    "[class]:is("
    + ", ".join(f"[class*={w} i]" for w in _LEAD_ROOTS)
    + "), [id]:is("
    + ", ".join(f"[id*={w} i]" for w in _LEAD_ROOTS)
    + ")"
)
# The standfirst is looked for in the container's ancestors up to the one that holds the headline,
# at most this many levels up.
MAX_LEVELS = 6
# Without a headline near the text (none on the page, or printed in a header row of its own), the
# standfirst is looked for in the container's nearest ancestors, at most this many levels up: the
# box that holds the lead and the body together ("<div class=teaser-text>" then
# "<div class=news-text>"; a post's excerpt over its content).
MAX_HEADLESS_LEVELS = 2
# The headline is most of the page's title (which may add the site's name).
HEADLINE_SHARE = 0.5
# A standfirst is a short piece of prose: at least a sentence's worth of text, at most a few
# paragraphs, and not a list of links (teaser cards of other articles carry the same names).
MIN_LEAD_CHARS = 40
MAX_LEAD_CHARS = 1200
MAX_LEAD_LINK_DENSITY = 0.3
# Shorter lines inside a standfirst box are its labels, names and dates ("Summary:", a byline).
MIN_LINE_CHARS = 25

_SENTENCE_END = re.compile(r"\w[.!?。…]+[\"'“”»«)]*(?:\s|$)")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=4096)
def _is_lead_name(value: str) -> bool:
    return any(token.lower() in LEAD_TOKENS for token in _TOKEN_SPLIT.split(value) if token)


def standfirst(
    root: LexborNode, containers: list[LexborNode], keep: Callable[[Block], bool], title: str | None
) -> list[Block]:
    """The paragraphs of the standfirst printed before ``containers`` (the chosen body nodes, in
    order) and after the page's headline; ``keep`` filters blocks as the body's own are filtered;
    ``title``: what the page's metadata calls the article, to find its headline by. Empty when the
    page has none."""
    if not containers:
        return []
    first = next((c for c in containers if _holds_text(c)), containers[0])
    headline = _headline(root, title)
    scope = _scope(first, headline)
    if scope is None:
        headline = None
        for level, ancestor in enumerate(ancestors(first)):
            if level == MAX_HEADLESS_LEVELS or ancestor.tag in ("body", "html", None):
                break
            if _lead_candidates(ancestor):
                scope = ancestor
                break
    if scope is None:
        return []
    candidates = _lead_candidates(scope)
    if not candidates:
        return []
    order = {node.mem_id: i for i, node in enumerate(scope.traverse())}
    start = order.get(headline.mem_id, -1) if headline is not None else -1
    end = order[first.mem_id]
    inside = {c.mem_id for c in containers}
    taken: list[LexborNode] = []
    for node in candidates:
        at = order.get(node.mem_id)
        if at is None or not start < at < end:
            continue  # not between the headline and the body
        if any(a.mem_id in inside for a in ancestors(node, scope)):
            continue  # already in the body
        if taken and any(a.mem_id == taken[-1].mem_id for a in ancestors(node, scope)):
            continue  # inside a standfirst already taken
        taken.append(node)
    blocks: list[Block] = []
    for node in taken:
        found = [b for b in paragraphs(node) if len(b.text) >= MIN_LINE_CHARS and keep(b)]
        length = sum(reading_length(b.text) for b in found)
        links = sum(b.link_chars for b in found) / max(1, sum(len(b.text) for b in found))
        if (
            MIN_LEAD_CHARS <= length <= MAX_LEAD_CHARS
            and links <= MAX_LEAD_LINK_DENSITY
            # found without a headline, a lead is written in sentences: not a video's title
            and (headline is not None or any(_SENTENCE_END.search(b.text) for b in found))
        ):
            blocks.extend(found)
    return blocks


def _lead_candidates(scope: LexborNode) -> list[LexborNode]:
    """The nodes under ``scope`` named like a standfirst (LEAD_TOKENS, read as tokens)."""
    return [
        node
        for node in scope.css(_LEAD_SELECTOR)
        if _is_lead_name(node.attributes.get("class") or "") or _is_lead_name(node.attributes.get("id") or "")
    ]


def _holds_text(container: LexborNode) -> bool:
    """True for a chosen node with a sentence's worth of text: a picture's box chosen before the
    text (its credit line) does not mark where the body begins."""
    return len(container.text(deep=True, strip=True)) >= 2 * MIN_LEAD_CHARS


def _headline(root: LexborNode, title: str | None) -> LexborNode | None:
    """The heading that shows the article's title (an h1 may name the site or the section, and
    some templates print the headline as an h2); else the page's first h1."""
    if title:
        for level in ("h1", "h2"):
            for heading in root.css(level):
                text = heading.text(deep=True)
                # the site's name is in the <title> too, but is not most of it
                if similar(text, title) and len(text.strip()) >= HEADLINE_SHARE * len(title.strip()):
                    return heading
    return root.css_first("h1")


def _scope(first: LexborNode, headline: LexborNode | None) -> LexborNode | None:
    """The nearest ancestor of ``first`` that holds the headline (the article's own header and
    text), within MAX_LEVELS; without a headline near the text, none."""
    if headline is None:
        return None
    headline_path = {a.mem_id for a in ancestors(headline)}
    for level, ancestor in enumerate(ancestors(first)):
        if level == MAX_LEVELS or ancestor.tag in ("html", None):
            return None
        if ancestor.mem_id in headline_path:
            return ancestor
    return None
