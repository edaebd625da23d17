"""Chrome removal before the body is scored: navigation, share widgets, related and recent
news, comments and footers go by tag, ARIA role and class/id words; a node that holds most of the
page's prose stays whatever its name."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborNode

from .signals import ancestors, class_words

if TYPE_CHECKING:
    from ..._recorder import Recorder

# Removed before scoring: never article text.
DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "button",
    "select",
    "input",
    "textarea",
    "dialog",
    "menu",
]
# Removed before scoring: page chrome by tag or ARIA role. Values of one attribute are grouped
# under a test of the attribute itself: Lexbor looks an attribute up once per alternative at every
# node, and most nodes have no role or style, so one test of the attribute skips them at once.
DROP_SELECTORS = (
    "nav, footer, aside, [role]:is([role=navigation], [role=contentinfo], [role=complementary], [role=search]), "
    "[hidden], [aria-hidden=true], [style]:is([style*='display:none'], [style*='display: none']), "
    "[itemprop=comment]"
)
# Class / id words of chrome (readability's unlikelyCandidates, widened with share/newsletter/promo
# words seen across news templates). A node is dropped when its class or id matches one of these
# and none of KEEP_WORDS. Matched against class_words (lower-cased): re.IGNORECASE makes this
# alternation several times slower.
CHROME_WORDS = re.compile(
    r"""(?:^|[\s_\-])(?:ad|ads|advert\w*|adslot|banner|breadcrumbs?|combx|comments?|commentlist|community|
    cookie\w*|consent|disqus|gdpr|footer|masthead|menu|navbar|nav|navigation|newsletter\w*|outbrain|
    taboola|pagination|pager|popup|modal|promo\w*|recirc\w*|related\w*|remark|replies|rss|share\w*|sharing|
    social\w*|sponsor\w*|subscri\w*|supplemental|sidebar|skyscraper|tags?|tag-list|toolbar|tooltip|
    trending|most-?popular|most-?read|recommend\w*|signup|sign-up|print-only|
    author-bio|byline|dateline|timestamp|skip|hidden|visually-hidden|sr-only|screen-reader\w*|
    caption|captions|gallery|slideshow|carousel|embeds?|affiliate\w*)(?:$|[\s_\-])""",
    re.VERBOSE,
)
KEEP_WORDS = re.compile(r"article|body|content|main|story|post-text|entry|text")
# `js-*` classes are hooks for scripts ("js-code-nav-container"), not names of what a node is.
_JS_HOOK = re.compile(r"(?:^|\s)js-\S*")
# Block tags whose class/id is tested against CHROME_WORDS. Inline tags go with their paragraph
# (a <span class=share-count> inside text), so span and a are not tested, which keeps this pass
# short; li is tested: a list item named like chrome (a share button, a related link) is chrome.
CHROME_CANDIDATE_TAGS = (
    "div",
    "section",
    "aside",
    "header",
    "footer",
    "ul",
    "ol",
    "li",
    "table",
    "form",
    "figure",
    "p",
    "dl",
)

# A node named like chrome that holds more than MAX_CHROME_SHARE of the page's text is a wrapper
# if it holds the headline too; from MIN_WRAPPER_SHARE on, it is a wrapper without one.
MAX_CHROME_SHARE = 0.4
MIN_WRAPPER_SHARE = 0.6
# Whatever its name, a node holding most of the page's prose (paragraphs of PROSE_CHARS or more) is
# the article or its wrapper ("sidebar-grid__container", Tailwind's "overflow-hidden"): rails and
# teasers hold short, linked lines. Without this rule an article in a wrapper with such a name
# is lost whole.
PROSE_CHARS = 150
MIN_PROSE_SHARE = 0.5
MIN_PROSE_TOTAL = 1000
# A short page's prose all in one node named like chrome is its text too ("socialicons-sticky"
# wrapping a post of two paragraphs).
MIN_SHORT_PROSE_TOTAL = 300
WHOLE_PROSE_SHARE = 0.9
# ...except chrome that is itself written in prose: comment threads, galleries of long captions.
PROSE_CHROME_WORDS = re.compile(r"comment|repl(?:y|ies)|disqus|gallery|slideshow|carousel|caption")
_DROPPED = ", ".join(DROP_TAGS) + ", " + DROP_SELECTORS
# One compound selector, not one alternative per tag and attribute: Lexbor tests each alternative
# at every node, and a node with a class and an id comes once.
_CHROME_CANDIDATES = f":is({', '.join(CHROME_CANDIDATE_TAGS)}):is([class], [id])"


def strip_chrome(root: LexborNode, trace: Recorder | None = None) -> None:
    """Remove what is never article text, in C where selectolax can; ``trace`` is told each
    node removed and why."""
    for node in root.css(_DROPPED):  # one query, not one per tag; a node goes with its subtree
        if trace is not None:
            trace.removed(node, "chrome element")
        node.decompose(recursive=False)
    page_chars = len(root.text(deep=True))
    if not page_chars:
        return
    page_has_h1 = root.css_first("h1") is not None  # before any removal: the h1 may sit in chrome
    prose = _prose_by_ancestor(root)
    total_prose = prose.get(root.mem_id, 0)
    wrappers: set[int] = set()
    for node in root.css(_CHROME_CANDIDATES):
        # One inside a removed node has no parent left (decompose() takes a subtree apart node
        # by node): it is gone already.
        if node.parent is None:
            continue
        attrs = node.attributes
        words = class_words(attrs)
        if _named_like_chrome(words):
            if not PROSE_CHROME_WORDS.search(words) and (
                _holds_the_prose(node, prose, total_prose)
                # a section of the article wrapper found so (one "sidebar-grid__container" each)
                or (prose.get(node.mem_id) and any(a.mem_id in wrappers for a in ancestors(node, root)))
            ):
                wrappers.add(node.mem_id)
                continue
            # A wrapper named after one of its parts ("page-ad-margins", "l-sidebar-fixed") holds
            # most of the page: keep it, its chrome children are tested on their own. Comment
            # threads and galleries can hold almost half the page, but not the headline.
            share = len(node.text(deep=True)) / page_chars
            if share < MAX_CHROME_SHARE or (
                share < MIN_WRAPPER_SHARE and page_has_h1 and node.css_first("h1") is None
            ):
                if trace is not None:
                    trace.removed(node, "chrome class", words)
                node.decompose()


def _prose_by_ancestor(root: LexborNode) -> dict[int, int]:
    """Characters of prose paragraphs (PROSE_CHARS or longer, not links) under each node.

    Each node is read once: the climb from a paragraph stops at the first node an earlier climb
    met, and the credit walks up the ids (paragraphs share most of their ancestors)."""
    prose: dict[int, int] = {}
    parent_of: dict[int, int | None] = {}
    linked: dict[int, bool] = {}  # a link, or inside one
    for p in root.css("p"):
        n = len(p.text(deep=True, strip=True))
        if n < PROSE_CHARS:
            continue
        path = []
        node: LexborNode | None = p
        while node is not None and node.mem_id not in parent_of:
            parent = node.parent
            parent_of[node.mem_id] = parent.mem_id if parent is not None else None
            path.append((node.mem_id, node.tag == "a"))
            node = parent
        in_link = linked[node.mem_id] if node is not None else False
        for node_id, is_link in reversed(path):
            in_link = in_link or is_link
            linked[node_id] = in_link
        if linked[p.mem_id]:
            continue
        key: int | None = p.mem_id
        while key is not None:
            prose[key] = prose.get(key, 0) + n
            key = parent_of[key]
    return prose


def _holds_the_prose(node: LexborNode, prose: dict[int, int], total: int) -> bool:
    held = prose.get(node.mem_id, 0)
    return (total >= MIN_PROSE_TOTAL and held > MIN_PROSE_SHARE * total) or (
        total >= MIN_SHORT_PROSE_TOTAL and held >= WHOLE_PROSE_SHARE * total
    )


# Tokens that say how a node is laid out, not what it is: responsive visibility ("hidden-xs",
# "visible-lg") and overflow utilities ("kb-overflow-hidden").
_LAYOUT_TOKEN = re.compile(
    r"overflow|(?:^|[-_])(?:hidden|visible)[-_](?:xs|sm|md|lg|xl|xxl|print|mobile|tablet|desktop)\b|"
    r"(?:^|[-_])(?:xs|sm|md|lg|xl)[-_](?:hidden|visible)\b"
)
# A BEM modifier that states what a block holds ("o-section--has-ads"), or any modifier of a block
# of the text ("testreport__section--ads"), names the block's content, not the block; other
# modifiers name a variant ("rail--trending" is a trending rail).
_HOLDS_MODIFIER = re.compile(r"--has-\S*|(?<=section)--\S*|(?<=content)--\S*|(?<=text)--\S*|(?<=body)--\S*")


# A live commentary's entries ("live-match-comment", "live_comment-body") are the text of a match
# or event report, not readers' comments (a comment platform's own name, "livefyre-comments", stays).
_LIVE_COMMENTARY = re.compile(r"(?:^|\s)live[-_]\S*comment\S*")


# Pages repeat the same class strings on many nodes: each distinct string is judged once.
@lru_cache(maxsize=8192)
def _named_like_chrome(words: str) -> bool:
    """``words``: the lower-cased class and id, read as tokens: layout tokens and modifiers that
    say what a block holds name no part of the page."""
    if "js-" in words:
        words = _JS_HOOK.sub(" ", words)
    if "live" in words:
        words = _LIVE_COMMENTARY.sub(" ", words)
    if not CHROME_WORDS.search(words) or KEEP_WORDS.search(words):
        return False
    tokens = _HOLDS_MODIFIER.sub("", words).split()
    return bool(CHROME_WORDS.search(" ".join(t for t in tokens if not _LAYOUT_TOKEN.search(t))))
