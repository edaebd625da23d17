"""The article body, found by content scoring in the spirit of readability: text blocks vote for
their ancestors by length and punctuation, link-heavy regions lose, and the best-scoring container
and its related siblings give the paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ...document import Document, tame_markup
from ...normalize.blocks import Block
from ...normalize.text import clean_text, reading_length
from ..blocks import BLOCK_TAGS, paragraphs
from .chrome import strip_chrome
from .comments import without_comment_thread
from .embedded import embedded_body, embedded_sources
from .lines import MAX_LINK_DENSITY, keep_block
from .signals import INLINE_TAGS, ancestors, class_words, link_density
from .standfirst import standfirst

if TYPE_CHECKING:
    from ..._recorder import Recorder

# readability's priors: a container's tag, and +/-25 for words in its class and id.
TAG_PRIOR = {
    "div": 5.0,
    "article": 5.0,
    "section": 3.0,
    "main": 5.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "ol": -3.0,
    "ul": -3.0,
    "dl": -3.0,
    "li": -3.0,
    "form": -3.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
    "th": -5.0,
}
CLASS_WEIGHT = 25.0
# Bonus for itemprop=articleBody: the page's own statement, stronger than any class word.
MICRODATA_BONUS = 50.0
POSITIVE_WORDS = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story")
NEGATIVE_WORDS = re.compile(
    r"hidden|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|"
    r"related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|caption|image|photo"
)


# Text blocks shorter than this do not vote (readability: 25).
MIN_VOTING_CHARS = 25
# A <div> holding only inline elements votes as a paragraph from this length: shorter ones are
# mostly bylines, dates and labels.
MIN_INLINE_DIV_CHARS = 80
# How much of a block's score its ancestors get, nearest first (readability: 1, 1/2, 1/3*...).
ANCESTOR_SHARE = (1.0, 0.5, 1 / 6, 1 / 9, 1 / 12)
# Candidates compared with the best one (readability: DEFAULT_N_TOP_CANDIDATES = 5), and how many
# near-equal rivals (at least RIVAL_SHARE of its score) under one ancestor promote that ancestor
# (readability: MINIMUM_TOPCANDIDATES = 3, ratio 0.75).
TOP_CANDIDATES = 5
RIVAL_SHARE = 0.75
MIN_RIVALS = 3
# The candidate nearest the headline (see _headline_anchor), looked for this many levels up, wins
# over a better-scoring box elsewhere when it scores at least this share of it.
HEADLINE_LEVELS = 4
HEADLINE_SHARE = 0.4
# A sibling of the top container joins when its score is at least this share of the top score.
SIBLING_SHARE = 0.2
# How far above the best node an article's repeated section template is looked for.
SECTION_LEVELS = 5
MAX_SECTION_LINK_DENSITY = 0.25
# Less shown text than this (Latin characters' worth) and the text the page's scripts or JSON-LD
# carry is looked at instead.
MIN_SHOWN_CHARS = 300
_DIGIT = re.compile(r"\d")


def body(doc: Document) -> list[Block] | None:
    root = doc.body
    fragments = embedded_sources(doc)  # before the scripts are stripped
    fallbacks = _noscript_pages(root)  # and before <noscript> is
    title = _page_title(doc)
    blocks = _read(root, title, doc.trace)
    shown = sum(reading_length(b.text) for b in blocks)
    if shown < MIN_SHOWN_CHARS:
        # The page renders its text with scripts, or shows a stub: what its data carries, or
        # what it shows a browser without scripts.
        found = [[b for b in embedded_body(doc, fragments) if keep_block(b)]]
        found += [_read(LexborHTMLParser(tame_markup(page)).body, title) for page in fallbacks]
        for candidate in found:
            if (length := sum(reading_length(b.text) for b in candidate)) > shown:
                blocks, shown = candidate, length
    return blocks or None


def _read(root: LexborNode | None, title: str | None, trace: Recorder | None = None) -> list[Block]:
    """The article's paragraphs in a page's <body>: chrome stripped, the best container and its
    sections, without a comment thread, the standfirst first; ``trace`` is told what was removed
    and which nodes were chosen."""
    if root is None:
        return []
    strip_chrome(root, trace)
    nodes = _with_scope_prose(article_nodes(root))
    if trace is not None:
        trace.containers(root, nodes)
    blocks = without_comment_thread([b for node in nodes for b in paragraphs(node) if keep_block(b)])
    lead = standfirst(root, nodes, keep_block, title)
    if lead:
        texts = {b.text for b in blocks}
        blocks = [b for b in lead if b.text not in texts] + blocks
    return blocks


# The text of a page cut into boxes (institutions, shops, recipes: a text box, a facts box, a
# results box; the older web's table layouts) is found in pieces: when the chosen nodes hold less
# than FRAGMENTED_SHARE of the text of the article's own scope (the nearest <article> or <main>, at
# most SCOPE_LEVELS up; on a page with neither and no h1, the <body>), the blocks of prose beside
# them in that scope join them. A news text is whole where scoring finds it, and stays as it is.
SCOPE_LEVELS = 6
FRAGMENTED_SHARE = 0.5
MIN_SCOPE_PROSE_CHARS = 100
MAX_SCOPE_LINK_DENSITY = 0.2
_SENTENCE_END = re.compile(r"\w[.!?。]+(?:\s|$)")


def _with_scope_prose(nodes: list[LexborNode]) -> list[LexborNode]:
    """``nodes`` and, when they hold only part of the article's scope, the blocks of prose beside
    them in it (see FRAGMENTED_SHARE), in page order; never the headline's block."""
    if not nodes:
        return nodes
    first = nodes[0]
    scope = None
    for level, ancestor in enumerate(ancestors(first)):
        if level == SCOPE_LEVELS or ancestor.tag in ("html", None):
            break
        if ancestor.tag in ("article", "main"):
            scope = ancestor
            break
        if ancestor.tag == "body":
            # a page with neither (the older web's table layouts): the whole page is the scope,
            # unless a headline marks where the article is
            scope = ancestor if ancestor.css_first("h1") is None else None
            break
    if scope is None:
        return nodes
    if scope.tag == "article" and scope.css_first("h1") is None:
        scope = _parts_parent(scope)
    chosen = {n.mem_id for n in nodes}
    inside = chosen | {a.mem_id for n in nodes for a in ancestors(n, scope)}
    h1 = scope.css_first("h1")
    extra: set[int] = set()
    node = first
    while node is not None and node.mem_id != scope.mem_id:
        parent = node.parent
        if parent is None:
            break
        for sibling in parent.iter():
            if sibling.mem_id in inside or sibling.mem_id in chosen:
                continue
            if h1 is not None and (sibling.mem_id == h1.mem_id or sibling.css_first("h1") is not None):
                continue
            text = sibling.text(deep=True, strip=True)
            if (
                len(text) >= MIN_SCOPE_PROSE_CHARS
                # beside the page's whole <body>, prose only: not an address or a list of names
                and (scope.tag != "body" or _SENTENCE_END.search(text))
                and link_density(sibling) < MAX_SCOPE_LINK_DENSITY
            ):
                extra.add(sibling.mem_id)
        node = parent
    if not extra:
        return nodes
    held = sum(len(n.text(deep=True, strip=True)) for n in nodes)
    if held >= FRAGMENTED_SHARE * len(scope.text(deep=True, strip=True)):
        return nodes  # the text is whole where scoring found it
    keep = chosen | extra
    return [n for n in scope.traverse() if n.mem_id in keep]


def _parts_parent(article: LexborNode) -> LexborNode:
    """The parent of an <article> that is one part of a text cut into articles of one template
    (a recipe's header, ingredients and preparation; an institution's text boxes), else the
    article itself. Articles of one template each with a headline are other texts (an infinite
    scroll, teasers headed by a link to their article): at most one of the parts holds an h1, and
    none a linked heading."""
    parent = article.parent
    if parent is None or parent.tag in ("body", "html", None):
        return article
    block = _block_name(article)
    parts = [s for s in parent.iter() if s.tag == "article" and _block_name(s) == block]
    if (
        len(parts) > 1
        and sum(p.css_first("h1") is not None for p in parts) <= 1
        and not any(p.css_first(_LINKED_HEADING) is not None for p in parts)
    ):
        return parent
    return article


def _block_name(node: LexborNode) -> str | None:
    """The first token of the class: the block a template names, before its variant
    ("ds-box … recipe-ingredients" and "ds-box … recipe-nutrition" are parts of one kind)."""
    tokens = (node.attributes.get("class") or "").split()
    return tokens[0] if tokens else None


def _noscript_pages(root: LexborNode) -> list[str]:
    """The content of each <noscript> holding a page's worth of text (MIN_SHOWN_CHARS): the page
    as a browser without scripts shows it."""
    pages = []
    for node in root.css("noscript"):
        if len(node.text(deep=True, strip=True)) >= MIN_SHOWN_CHARS:
            html = node.html or ""
            pages.append(html[html.find(">") + 1 : html.rfind("<")])  # its content, not the tag
    return pages


def _page_title(doc: Document) -> str | None:
    """What the page's metadata calls the article: og:title, else the <title>."""
    if title := doc.first_meta("og:title"):
        return title
    node = doc.tree.css_first("title")
    return node.text() if node is not None else None


def _block_score(text: str) -> float:
    n = len(text)
    if n < MIN_VOTING_CHARS:
        return 0.0
    return 1.0 + text.count(",") + text.count("，") + text.count("、") + min(n // 100, 3)


def best_container(root: LexborNode) -> tuple[LexborNode | None, dict[int, float]]:
    """The node holding the article text: scored ancestors of text blocks, best one wins."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for ancestor, text in _text_blocks(root):
        score = _block_score(" ".join(text.split()))
        if not score:
            continue
        for share in ANCESTOR_SHARE:
            while ancestor is not None and ancestor.tag in INLINE_TAGS:
                ancestor = ancestor.parent
            if ancestor is None or ancestor.tag in ("html", None):
                break
            key = ancestor.mem_id
            if key not in scores:
                nodes[key] = ancestor
                scores[key] = 0.0
            scores[key] += score * share
            ancestor = ancestor.parent
    for key, earned in scores.items():
        scores[key] = earned + _prior(nodes[key], earned)
    if not scores:
        return (root if clean_text(root.text()) else None), scores
    # Link-heavy containers lose their share; only the strongest few are worth measuring.
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:TOP_CANDIDATES]
    adjusted = {k: _adjusted(scores[k], nodes[k]) for k in ranked}
    best_key = max(adjusted, key=adjusted.__getitem__)
    anchor = _headline_anchor(root, adjusted, nodes)
    if (
        anchor is not None
        and anchor != best_key
        and adjusted[anchor] >= HEADLINE_SHARE * adjusted[best_key]
        and anchor not in _ancestor_ids(nodes[best_key])
        and best_key not in _ancestor_ids(nodes[anchor])
    ):
        best_key = anchor  # a box elsewhere on the page (deals, sign-up, teasers) outscored the text under the headline
    best = _common_ancestor(nodes[best_key], best_key, adjusted, nodes)
    if best.mem_id == best_key:
        best = _climb(best, adjusted[best_key], scores, adjusted)
    return best, scores


def _headline_anchor(
    root: LexborNode, adjusted: dict[int, float], nodes: dict[int, LexborNode]
) -> int | None:
    """The candidate nearest the headline: the first one met walking out from the <h1>, level by
    level, taking each ancestor and then the siblings after the branch that holds the headline."""
    h1 = root.css_first("article h1") or root.css_first("h1")
    if h1 is None:
        return None
    branch = h1
    for level, ancestor in enumerate(ancestors(h1)):
        if level == HEADLINE_LEVELS or ancestor.tag in ("body", "html", None):
            return None
        if ancestor.mem_id in adjusted:
            return ancestor.mem_id
        after = False
        for child in ancestor.iter():
            if child.mem_id == branch.mem_id:
                after = True
            elif after and child.mem_id in adjusted:
                return child.mem_id
        branch = ancestor
    return None


def _adjusted(score: float, node: LexborNode) -> float:
    """readability's final score: the text score less the node's share of link text."""
    return score * (1 - link_density(node))


def _climb(
    best: LexborNode, best_score: float, scores: dict[int, float], adjusted: dict[int, float]
) -> LexborNode:
    """readability's climb: an ancestor scoring more than the level below it, with paragraphs of
    its own beside the best node, holds the article (the first paragraphs in the body, the rest in
    a nested "read more" block). The climb stops where a level falls under a third of the best
    score. Unlike readability, an ancestor with nothing but headers beside the best node is not
    taken: that would only add the headline, byline and date lines to the text. ``adjusted``:
    the final scores measured already (the top candidates are mostly these ancestors; measuring
    a node's links again is what costs)."""
    last = best_score
    path = {best.mem_id}
    for ancestor in ancestors(best):
        if ancestor.tag in ("body", "html", None):
            break
        if ancestor.mem_id in scores:
            score = adjusted.get(ancestor.mem_id)
            if score is None:
                score = _adjusted(scores[ancestor.mem_id], ancestor)
            if score < best_score / 3:
                break
            if score > last and _holds_prose_beside(ancestor, path):
                return ancestor
            last = score
        path.add(ancestor.mem_id)
    return best


def _holds_prose_beside(ancestor: LexborNode, path: set[int]) -> bool:
    """True when a child of ``ancestor`` off the climbed ``path`` is a block of prose."""
    for child in ancestor.iter():
        if child.mem_id in path:
            continue
        if (
            len(child.text(deep=True, strip=True)) >= MIN_INLINE_DIV_CHARS
            and link_density(child) < MAX_SECTION_LINK_DENSITY
        ):
            return True
    return False


def _common_ancestor(
    best: LexborNode, best_key: int, adjusted: dict[int, float], nodes: dict[int, LexborNode]
) -> LexborNode:
    """readability's promotion: when several near-equal candidates share an ancestor with the
    best one, the article is split into sections (cards, blocks) and that ancestor holds it all."""
    best_ancestors = _ancestor_ids(best)
    rival_ancestors = []
    for key, value in adjusted.items():
        if key == best_key or key in best_ancestors or value < RIVAL_SHARE * adjusted[best_key]:
            continue  # the best node's own ancestors score from the same text: not rivals
        ids = _ancestor_ids(nodes[key])
        if best_key not in ids:  # nor are its descendants
            rival_ancestors.append(ids)
    if len(rival_ancestors) < MIN_RIVALS:
        return best
    ancestor = best.parent
    while ancestor is not None and ancestor.tag not in ("body", "html", None):
        if sum(ancestor.mem_id in ids for ids in rival_ancestors) >= MIN_RIVALS:
            return ancestor
        ancestor = ancestor.parent
    return best


def _ancestor_ids(node: LexborNode) -> set[int]:
    return {parent.mem_id for parent in ancestors(node)}


def article_nodes(root: LexborNode) -> list[LexborNode]:
    """The best container and the siblings that continue it (articles split into sections)."""
    best, scores = best_container(root)
    if best is None:
        return []
    sections = _repeated_sections(best)
    if sections:
        return sections
    parent = best.parent
    if parent is None or not scores or best.tag == "article":
        return [best]  # an <article> is the text's own boundary: what stands beside it is not its text
    # A promoted ancestor may sit above the scored levels: it then weighs what its best part did.
    top = scores.get(best.mem_id) or max(scores.values())
    threshold = max(10.0, top * SIBLING_SHARE)
    best_class = best.attributes.get("class")
    chosen = []
    for sibling in parent.iter():
        if sibling.mem_id == best.mem_id:
            chosen.append(sibling)
            continue
        bonus = top * SIBLING_SHARE if best_class and sibling.attributes.get("class") == best_class else 0.0
        if scores.get(sibling.mem_id, 0.0) + bonus >= threshold and link_density(sibling) < MAX_LINK_DENSITY:
            chosen.append(sibling)
        elif sibling.tag == "p":
            text = " ".join(sibling.text(deep=True).split())
            density = link_density(sibling)
            if (len(text) > 80 and density < 0.25) or (0 < len(text) <= 80 and density == 0 and ". " in text):
                chosen.append(sibling)
    return chosen


def _repeated_sections(best: LexborNode) -> list[LexborNode] | None:
    """An article cut into sections by one repeated template (a figure or a pull quote between
    them, a page builder's text widgets): an ancestor of the best node whose siblings share its
    template (see _template) and hold prose. Siblings with their own h1 are other articles
    (infinite scroll), not sections, unless the page writes its subheadings as h1 (Medium): more
    than one h1 in the best section. An <article> is the text's own boundary, unless the CMS wraps
    every content element in one (TYPO3): siblings of its template with no headline and no linked
    heading are parts of one text, not teasers of others."""
    node = best
    for _ in range(SECTION_LEVELS):
        parent = node.parent
        if node.tag == "main" or parent is None or parent.tag in ("body", "html", None):
            return None  # the page's own boundary
        signature = _template(node)
        if signature is not None:
            same = [s for s in parent.iter() if s.tag == node.tag and _template(s) == signature]
            if len(same) > 1:
                if node.tag == "article" and node.css_first(_TEASER_HEADING) is not None:
                    return None  # one teaser of a list, headed by a link to its article
                h1_subheadings = len(node.css("h1")) > 1
                sections = [s for s in same if s.mem_id == node.mem_id or _is_section(s, h1_subheadings)]
                if len(sections) > 1:
                    return sections
        if node.tag == "article":
            return None
        node = parent
    return None


# A heading that links elsewhere starts a teaser of another article; an <article> with a
# headline of its own is another article.
_LINKED_HEADING = "h2 a[href], h3 a[href], a[href] h2, a[href] h3"
_TEASER_HEADING = "h1, " + _LINKED_HEADING
# Class tokens ending in an id ("elementor-element-672a337d", "post-6195"): one section of a
# template differs from the next by them. Grid sizes ("large-8") are layout, and stay.
_HEX = frozenset("0123456789abcdef")


def _is_id_token(token: str) -> bool:
    tail = token[max(token.rfind("-"), token.rfind("_")) + 1 :] if ("-" in token or "_" in token) else ""
    return len(tail) >= 3 and _HEX.issuperset(tail) and any(c.isdigit() for c in tail)


def _template(node: LexborNode, depth: int = 0) -> tuple[object, ...] | None:
    """The template a section is made from: its tag and classes without BEM modifiers
    ("RichText RichText--last" is "RichText": a modifier marks one section, not another
    template) and without id tokens; for a wrapper without a class, its tag and the template of
    its only element."""
    cls = node.attributes.get("class")
    if cls:
        if "--" in cls:
            cls = " ".join(c for c in cls.split() if "--" not in c)
        if _DIGIT.search(cls):
            cls = " ".join(token for token in cls.split() if not _is_id_token(token))
        return (node.tag, cls)  # "field--item" alone: a template of modifiers only
    if depth == 1:
        return None
    only = None
    for child in node.iter():  # elements only; stop at the second
        if only is not None:
            return None
        only = child
    if only is not None and (inner := _template(only, depth + 1)) is not None:
        return (node.tag, inner)
    return None


def _is_section(node: LexborNode, h1_subheadings: bool) -> bool:
    if (not h1_subheadings and node.css_first("h1") is not None) or (
        link_density(node) > MAX_SECTION_LINK_DENSITY
    ):
        return False
    return any(
        len(p.text(deep=True, strip=True)) >= MIN_VOTING_CHARS and link_density(p) < MAX_LINK_DENSITY
        for p in node.css("p")
    )


def _prior(node: LexborNode, earned: float) -> float:
    """readability's prior for a container: its tag, and the words of its class and id. A
    flattering name adds at most what the node's own text earned: "teasertext", "list-articles"
    and "main_content" boxes of one short paragraph do not outrank six paragraphs of prose
    (readability's flat +25 would let them win)."""
    attrs = node.attributes
    words = _class_weight(class_words(attrs))
    weight = TAG_PRIOR.get(node.tag or "", 0.0) + (min(words, earned) if words > 0 else words)
    if attrs.get("itemprop") == "articleBody":  # schema.org microdata names the body outright
        weight += MICRODATA_BONUS
    return weight


@lru_cache(maxsize=8192)
def _class_weight(words: str) -> float:
    """``words``: class_words (lower-cased), as the patterns are written."""
    weight = 0.0
    if words.strip():
        if NEGATIVE_WORDS.search(words):
            weight -= CLASS_WEIGHT
        if POSITIVE_WORDS.search(words):
            weight += CLASS_WEIGHT
    return weight


def _text_blocks(root: LexborNode) -> Iterable[tuple[LexborNode | None, str]]:
    """(first node to credit, text) for every paragraph-like run of text.

    <p>, <pre>, <td> and <blockquote> credit their ancestors. Text written straight into a <div>
    (no <p>, often split by <br>) credits the div itself, as if it were the parent of a <p>.
    """
    for node in root.css(":is(p, pre, td, blockquote)"):  # one compound: one walk, not four
        yield node.parent, node.text(deep=True)
    for node in root.css("div, section, article, main, li"):
        direct = node.text(deep=False, strip=True)
        if len(direct) >= MIN_VOTING_CHARS:
            yield (
                node.parent if node.tag == "li" else node,
                " ".join(
                    child.text(deep=True)
                    for child in node.iter(include_text=True)
                    if child.tag not in BLOCK_TAGS
                ),
            )
        elif node.tag == "div" and _inline_only(node):
            # <div><span>text</span></div>: a paragraph written as a div (pasted from an editor).
            text = " ".join(node.text(deep=True).split())
            if len(text) >= MIN_INLINE_DIV_CHARS:
                yield node.parent, text


def _inline_only(node: LexborNode) -> bool:
    """True for an element whose children are all inline text elements (<span>, <b>, <br>...);
    custom elements (<yt-formatted-string>) say nothing of their layout, so they do not count."""
    has_children = False
    for child in node.iter():  # most divs hold a block: stop at the first one
        if child.tag not in INLINE_TAGS and child.tag != "br":
            return False
        has_children = True
    return has_children
