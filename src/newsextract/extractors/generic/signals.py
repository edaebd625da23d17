"""DOM and structured-data signals the field modules share: ancestry, link density, the
<article>-first search order, the site's own names, JSON-LD values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from selectolax.lexbor import LexborNode

from ...document import Document
from ...normalize.text import clean_text, fold

INLINE_TAGS = frozenset(
    {
        "a",
        "span",
        "font",
        "b",
        "i",
        "em",
        "strong",
        "u",
        "small",
        "big",
        "sup",
        "sub",
        "abbr",
        "cite",
        "q",
        "mark",
    }
)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, list) and value:
        return ld_text(value[0])
    return None


def ancestors(node: LexborNode, stop: LexborNode | None = None) -> Iterator[LexborNode]:
    """The node's parents, nearest first, up to (not including) ``stop`` or the root."""
    parent = node.parent
    while parent is not None and (stop is None or parent.mem_id != stop.mem_id):
        yield parent
        parent = parent.parent


def is_inside(node: LexborNode, container: LexborNode) -> bool:
    return any(parent.mem_id == container.mem_id for parent in ancestors(node))


def descendant_ids(node: LexborNode) -> set[int]:
    return {child.mem_id for child in node.traverse()}


def first_article(doc: Document) -> LexborNode | None:
    """The page's first <article>, looked up once for the fields read before the body (finding
    the body strips the tree; nothing asks for this after that). On a page without one, each
    lookup walked the whole tree."""
    if "article" not in doc.memo:
        doc.memo["article"] = doc.tree.css_first("article")
    article: LexborNode | None = doc.memo["article"]
    return article


def article_first(
    body: LexborNode, article: LexborNode | None, selectors: Sequence[str]
) -> Iterator[tuple[str, LexborNode, list[LexborNode]]]:
    """(selector, node, all its matches) for each selector's matches in the body: those inside
    the <article> in selector order first, then the rest. One query per selector, not one per
    scope, and no node is read twice."""
    later = []
    for selector in selectors:
        nodes = body.css(selector)
        for node in nodes:
            if article is not None and not is_inside(node, article):
                later.append((selector, node, nodes))
            else:
                yield selector, node, nodes
    yield from later


def link_density(node: LexborNode) -> float:
    text_len = len(node.text(deep=True, strip=True))
    if not text_len:
        return 1.0
    link_len = sum(len(a.text(deep=True, strip=True)) for a in node.css("a"))
    return min(link_len / text_len, 1.0)


def host_labels(url: str | None) -> set[str]:
    """ "www.buzzfeed.com" -> {"buzzfeed"}: the labels that can name the site."""
    host = url.split("//", 1)[-1].split("/", 1)[0] if url else ""
    return {label for label in host.lower().split(".") if len(label) > 3 and label not in ("www", "com")}


def site_names_of(doc: Document) -> set[str]:
    """What the site calls itself in its metadata."""
    names = (doc.first_meta("og:site_name"), doc.first_meta("application-name"))
    return {fold(n) for n in names if n}


def unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# Parts of the page about something else: a photo credit, a menu, a comment, a teaser card.
_OTHER_CONTENT_TAGS = frozenset({"figure", "figcaption"})
_OTHER_CONTENT_WORDS = re.compile(
    r"(?<![a-z])(?:comment|related|recirc|recommend|sidebar|nav(?:bar)?(?![a-z])|menu|card|teaser|promo"
    r"|trending|popular)"
)


# The same words read as words of one class token: "cardigan", "node-promoted" and
# "has-recommendations" are none of them.
_OTHER_CONTENT_WORD = re.compile(
    r"^(?:comment|related|recirc|recommend|sidebar|menu|teaser|trending|popular)|^nav(?:bar|igation)?$"
    r"|^cards?$|^promos?$|^promotions?$|^promobox"
)
# Tokens that say nothing of what the element holds: microformats ("h-card" is the author's
# own card, "h-entry" the post), WordPress's taxonomy classes ("tag-cardigan"), and layout
# modifiers ("has-sidebar", "without-sidebar", "sidebar-enabled").
_NEUTRAL_TOKEN = re.compile(
    r"^(?:[hpue]|dt)-|^(?:tag|category|categories)-|(?:^|[-_])(?:has|with|without|no)-|-enabled$"
)
_TOKEN_WORDS = re.compile(r"[-_]+")
_CONTENT_TOKEN = re.compile(
    r"^(?:content|main|primary|article|post|entry|story)(?:[-_](?:area|content|body|wrap|wrapper|main))?$"
)


def other_content_token(words: str) -> bool:
    """Whether a class token of ``words`` (class_words) names a part about other content. A
    token is read as the thing it names: BEM's "block__element--modifier" names the element
    ("c-article-card__author" is an author, "l-grid--article-sidebar" a grid), and its words
    must be the chrome words themselves, not words that start with one."""
    if not _OTHER_CONTENT_WORDS.search(words):  # the common case, in one C-level search
        return False
    tokens = [token.split("--", 1)[0].rsplit("__", 1)[-1] for token in words.split()]
    # "content-area sidebar-right": beside a token that names the content, "sidebar" says
    # where the page's sidebar sits, not that this is it.
    content = any(_CONTENT_TOKEN.match(token) for token in tokens)
    for token in tokens:
        if _NEUTRAL_TOKEN.search(token) or (content and "sidebar" in token):
            continue
        if any(_OTHER_CONTENT_WORD.match(word) for word in _TOKEN_WORDS.split(token)):
            return True
    return False


def class_words(attrs: Mapping[str, str | None]) -> str:
    """A node's class and id, lower-cased: what the class-word patterns, all written in lower
    case, are matched against (faster than re.IGNORECASE)."""
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def in_article_context(node: LexborNode) -> bool:
    """False when ``node`` sits in a part of the page about other articles or people (a figure,
    a menu, comments, teaser cards, related items): its byline or date is not this article's.
    The walk ends at the page's <main> or at an <article> holding a headline: the words of the
    layout wrappers above them ("grid-container-no-nav") say nothing of the article."""
    parent: LexborNode | None = node
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in _OTHER_CONTENT_TAGS:
            return False
        attrs = parent.attributes
        if (attrs.get("class") or attrs.get("id")) and other_content_token(class_words(attrs)):
            return False
        if parent.tag == "main" or (parent.tag == "article" and parent.css_first("h1") is not None):
            return True
        parent = parent.parent
    return True
