"""The generic extractor: any news page, from structured data and the shape of the DOM.

Metadata comes from JSON-LD, OpenGraph and ``<meta>`` first, then from the visible page.
The body is found by content scoring (in the spirit of readability): text blocks vote for their
ancestors by length and punctuation, link-heavy regions lose, and the best-scoring container and
its related siblings give the paragraphs. Chrome (navigation, share widgets, related and recent
news, comments, footers) is removed by tag, role and class/id words before scoring.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from selectolax.lexbor import LexborNode

from ..document import Document
from ..normalize.dates import find_date_text, looks_like_date, parse_date
from ..normalize.people import BY_WORDS, split_byline
from ..normalize.text import absolute_url, clean_text, fold, similar
from ..record import Image
from .blocks import BLOCK_TAGS, Block, paragraphs

__all__ = ["GenericExtractor", "guess_language"]

# ---------------------------------------------------------------------------------------------
# Tunables. Thresholds follow readability's published defaults unless a comment says otherwise.

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
# Removed before scoring: page chrome by tag or ARIA role.
DROP_SELECTORS = (
    "nav, footer, aside, [role=navigation], [role=contentinfo], [role=complementary], [role=search], "
    "[hidden], [aria-hidden=true], [style*='display:none'], [style*='display: none'], [itemprop=comment]"
)
# Class / id words of chrome (readability's unlikelyCandidates, widened with share/newsletter/promo
# words seen across news templates). A node is dropped when its class or id matches one of these
# and none of KEEP_WORDS.
CHROME_WORDS = re.compile(
    r"""(?:^|[\s_\-])(?:ad|ads|advert\w*|adslot|banner|breadcrumbs?|combx|comments?|commentlist|community|
    cookie\w*|consent|disqus|gdpr|footer|masthead|menu|navbar|nav|navigation|newsletter\w*|outbrain|
    taboola|pagination|pager|popup|modal|promo\w*|recirc\w*|related\w*|remark|replies|rss|share\w*|sharing|
    social\w*|sponsor\w*|subscri\w*|supplemental|sidebar|skyscraper|tags?|tag-list|toolbar|tooltip|
    trending|most-?popular|most-?read|recommend\w*|signup|sign-up|print-only|
    author-bio|byline|dateline|timestamp|skip|hidden|visually-hidden|sr-only|screen-reader\w*|
    caption|captions|gallery|slideshow|carousel)(?:$|[\s_\-])""",
    re.IGNORECASE | re.VERBOSE,
)
KEEP_WORDS = re.compile(r"article|body|content|main|story|post-text|entry|text", re.IGNORECASE)
# `js-*` classes are hooks for scripts ("js-code-nav-container"), not names of what a node is.
_JS_HOOK = re.compile(r"(?:^|\s)js-\S*")
# Block tags whose class/id is tested against CHROME_WORDS. Inline tags go with their paragraph
# (a <span class=share-count> inside text); dropping span and a from this list cost no F1 and
# halved the time of this pass; dropping li cost 0.003 F1, so li stays.
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
# teasers hold short, linked lines. Calibrated on the fundus and dev sets (2 articles were lost
# whole to such names; no page lost text to it).
PROSE_CHARS = 150
MIN_PROSE_SHARE = 0.5
MIN_PROSE_TOTAL = 1000
# ...except chrome that is itself written in prose: comment threads, galleries of long captions.
PROSE_CHROME_WORDS = re.compile(
    r"comment|repl(?:y|ies)|disqus|gallery|slideshow|carousel|caption", re.IGNORECASE
)
_CHROME_CANDIDATES = ", ".join(f"{tag}[class], {tag}[id]" for tag in CHROME_CANDIDATE_TAGS)
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
POSITIVE_WORDS = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story", re.IGNORECASE
)
NEGATIVE_WORDS = re.compile(
    r"hidden|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|"
    r"related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|caption|image|photo",
    re.IGNORECASE,
)
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
# A sibling of the top container joins when its score is at least this share of the top score.
SIBLING_SHARE = 0.2
# How far above the best node an article's repeated section template is looked for.
SECTION_LEVELS = 5
MAX_SECTION_LINK_DENSITY = 0.25
# Paragraphs with more link text than this are link lists, unless long.
MAX_LINK_DENSITY = 0.5
# Short lines that are chrome wherever they stand.
_CHROME_LINE = re.compile(
    r"^(?:advertisement|advertising|реклама|sponsored|share( this( article| story)?)?|tweet|email|print|"
    r"(?:read|see) (?:more|also)|related(?: (?:articles|stories|coverage))?|recommended|continue reading|"
    r"sign up.*newsletter.*|subscribe.*|follow us.*|читайте також.*|читайте также.*)\W*$",
    re.IGNORECASE,
)

_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "article.published",
    "og:article:published_time",
    "citation_date",
    "citation_publication_date",
    "rnews:datepublished",
    "original-publish-date",
)
# Elements carrying a machine-readable publication date in an attribute, most specific first.
_DATE_ATTR_SELECTOR = (
    "[itemprop=datePublished][content], [itemprop=datePublished][datetime], [itemprop=dateCreated][content], "
    "time[datetime][pubdate], [data-published], [data-publish-date], [data-published-date], [data-date-published], "
    "time[datetime]"
)
_DATE_ATTRS = (
    "content",
    "datetime",
    "data-published",
    "data-publish-date",
    "data-published-date",
    "data-date-published",
)
# Elements whose class or id says they hold the printed date.
_DATE_CLASS_SELECTOR = (
    "[class*=date], [class*=Date], [id*=date], [class*=publish], [class*=Publish], [class*=time], [class*=Time], "
    "[class*=dateline], [class*=byline], [class*=Byline], [class*=meta], time"
)
# How many date-named elements are read for the time of a date given without one.
MAX_PRINTED_DATES = 20
# How much of the article's text the last-resort date search reads.
LAST_RESORT_DATE_CHARS = 5000
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "article:modified",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
    "citation_author",
    "cxenseparse:author",
)
# twitter:labelN values that say twitter:dataN is the author, in the languages Yoast ships.
_WRITTEN_BY = re.compile(
    r"^(?:written by|author|autor|auteur|autore|geschrieben von|verfasst von|écrit par|escrito por|"
    r"scritto da|geschreven door)\s*:?$",
    re.IGNORECASE,
)
# Selectors that match one element per person: their other matches near the first are co-authors.
_ONE_PERSON_SELECTORS = frozenset(
    {"[itemprop~=author] [itemprop=name]", "[rel~=author]", "a[href*='/author/']", "a[href*='/authors/']"}
)
# How far above the headline a "By ..." line without a byline class is looked for.
BYLINE_LEVELS = 5
_BY_PREFIX = re.compile(rf"^(?:{BY_WORDS})\s+\S", re.IGNORECASE)
_BY_WORD = re.compile(rf"^(?:{BY_WORDS})\b", re.IGNORECASE)
_BYLINE_SELECTORS = (
    "[itemprop~=author] [itemprop=name]",
    "[itemprop~=author]",
    "[rel~=author]",
    "[class*=byline] [class*=author]",
    "[class*=byline i]",
    "[id*=byline i]",
    "a[href*='/author/']",
    "a[href*='/authors/']",
    "[class*=author-name]",
    "[class*=author i]",
    "[class*=writer i]",
    "address",
)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, list) and value:
        return _ld_text(value[0])
    return None


def _primary_language(tag: str | None) -> str | None:
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


# Letters that tell Ukrainian from Russian (і ї є ґ vs ы э ъ ё).
_UK = re.compile(r"[іїєґІЇЄҐ]")
_RU = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def guess_language(text: str) -> str | None:
    """A script-based guess for Cyrillic text (uk / ru); None for anything else."""
    sample = text[:3000]
    if len(_CYRILLIC.findall(sample)) < len(sample) / 4:
        return None
    uk, ru = len(_UK.findall(sample)), len(_RU.findall(sample))
    if uk > ru:
        return "uk"
    if ru > uk:
        return "ru"
    return None


class GenericExtractor:
    """Every field from structured data first, then from the page itself."""

    name = "generic"

    # ------------------------------------------------------------------ metadata
    def title(self, doc: Document) -> str | None:
        """The visible h1 when the page's metadata agrees with it, else an h2/h3 it agrees with,
        else the only h1; else og:title, the JSON-LD headline, or the <title> trimmed as
        readability does."""
        ld = doc.article_ld() or {}
        og = doc.first_meta("og:title", "twitter:title", "dc.title", "dcterms.title", "dc:title")
        headline = _ld_text(ld.get("headline"))
        node = doc.tree.css_first("title")
        page_title = clean_text(node.text()) if node else ""
        parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p.strip()]
        title_parts = _headline_parts(parts, doc)
        structured = [t for t in (og, headline, page_title) if t]
        site_names = _site_names(doc)
        article = doc.tree.css_first("article")
        h1s, site_h1 = [], False
        for h1 in (article.css("h1") if article else []) + doc.tree.css("h1"):
            if not (text := _headline_text(h1)):
                continue
            if _is_branding(h1, text, site_names):
                site_h1 = True
            else:
                h1s.append(text)
                site_h1 = site_h1 or _is_site_part(text, parts)
        distinct = list(dict.fromkeys(h1s))
        for h1 in distinct:
            if any(similar(h1, s) for s in structured):
                return h1
        # Blogs and portals print the site or a section in the h1 and the headline in a lower
        # heading. A heading is the headline as shown when it holds the whole og/JSON-LD
        # headline, or, under an h1 that names the site, a whole part of <title>.
        meta = [fold(t) for t in (og, headline) if t]
        if meta or site_h1:
            for heading in doc.body.css("h2, h3"):
                text = clean_text(heading.text())
                norm = fold(text)
                if norm and (
                    any(m == norm or (len(m) > 15 and m in norm) for m in meta)
                    or (site_h1 and norm in title_parts)
                ):
                    return text
        for h1 in distinct:
            if fold(h1) in title_parts:
                return h1
        if not (og or headline) and _worded(page_title):
            # Nothing but the <title> names the article, and no h1 agrees with it: the h1 is a
            # section or widget heading ("Health Center", "Original text").
            return _trim_page_title(page_title, site_names | _host_labels(doc.url))
        # One headline on the page: the visible headline wins over a social-media og:title
        # written for sharing.
        if len(distinct) == 1 and _worded(distinct[0]):
            return distinct[0]
        if og:
            return clean_text(og)
        if len(distinct) == 1:
            return distinct[0]
        if headline:
            return headline
        return _trim_page_title(page_title, site_names | _host_labels(doc.url)) if page_title else None

    def description(self, doc: Document) -> str | None:
        ld = doc.article_ld() or {}
        return doc.first_meta("og:description", "description", "twitter:description") or _ld_text(
            ld.get("description")
        )

    def authors(self, doc: Document) -> list[str] | None:
        """JSON-LD Person names, else the printed byline, else author <meta> (often the publisher)."""
        ld = doc.article_ld() or {}
        names: list[str] = []
        for person in _as_list(ld.get("author")) + _as_list(ld.get("creator")):
            if isinstance(person, dict) and "organization" in str(person.get("@type", "")).lower():
                continue
            text = _ld_text(person)
            if text and not text.startswith("http"):
                names.extend(split_byline(text))
        if not names:
            byline = self.byline(doc)
            names = split_byline(byline) if byline else []
        if not names:
            names = split_byline(_meta_author_names(doc)) or split_byline(_profile_link_names(doc))
        return _without_site_name(names, doc) or None

    def byline(self, doc: Document) -> str | None:
        """The printed byline (asked for by both ``byline`` and ``authors``: found once)."""
        if "byline" not in doc.memo:
            doc.memo["byline"] = self._find_byline(doc)
        return doc.memo["byline"]

    def _find_byline(self, doc: Document) -> str | None:
        """The first byline element outside photo credits, menus, comments and teaser cards;
        one that names an author of the <meta> tags wins over an earlier one."""
        article = doc.tree.css_first("article")
        meta_names = {n.casefold() for n in split_byline(_meta_author_names(doc))}
        first = None
        for text in _byline_candidates(doc.body, article):
            if not meta_names or meta_names & {n.casefold() for n in split_byline(text)}:
                return text
            first = first or text
        if first:
            return first
        h1 = (article.css_first("h1") if article is not None else None) or doc.body.css_first("h1")
        return _by_line_near(h1) if h1 is not None else None

    def published(self, doc: Document) -> str | None:
        """The first date the page gives, from structured data to printed text; a bare day is
        completed by a time printed on the page for that same day."""
        value = self._published(doc)
        if value and not isinstance(parsed := parse_date(value, fuzzy=False), datetime):
            return _printed_time_on(doc, parsed) or value
        return value

    def _published(self, doc: Document) -> str | None:
        ld = doc.article_ld() or {}
        for value in (
            _ld_text(ld.get("datePublished")),
            _ld_text(ld.get("dateCreated")),
            *(doc.first_meta(k) for k in _DATE_META),
        ):
            if value:
                return value
        for obj in doc.jsonld:  # a WebPage or a bare object may carry the date when no Article does
            value = _ld_text(obj.get("datePublished"))
            if value:
                return value
        for node in doc.tree.css(_DATE_ATTR_SELECTOR):
            attrs = node.attributes
            for name in _DATE_ATTRS:
                value = attrs.get(name)
                if (
                    value
                    and value.strip()
                    and (name != "content" or attrs.get("itemprop") in ("datePublished", "dateCreated"))
                ):
                    return value.strip()
        if node := doc.tree.css_first("[itemprop=datePublished]"):
            if text := clean_text(node.text()):
                return text
        # Printed dates: the first element named like a date whose text parses cheaply.
        article = doc.tree.css_first("article")
        for _, node, _ in _article_first(doc.body, article, (_DATE_CLASS_SELECTOR,)):
            text = clean_text(node.text())
            if 6 <= len(text) <= 120 and looks_like_date(text):
                return text
        m = _URL_DATE.search(doc.url or doc.canonical or "")
        if m:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        # Last resort (htmldate does the same): the first full date printed in the article's text.
        text = clean_text((article or doc.body).text(deep=True, separator=" "))[:LAST_RESORT_DATE_CHARS]
        return find_date_text(text)

    def modified(self, doc: Document) -> str | None:
        ld = doc.article_ld() or {}
        return _ld_text(ld.get("dateModified")) or doc.first_meta(*_MODIFIED_META)

    def tags(self, doc: Document) -> list[str] | None:
        tags = [clean_text(t) for t in doc.meta.get("article:tag", [])]
        if not tags:
            keywords = (doc.article_ld() or {}).get("keywords")
            if isinstance(keywords, str):
                tags = [clean_text(k) for k in keywords.split(",")]
            elif isinstance(keywords, list):
                tags = [clean_text(str(k)) for k in keywords]
        if not tags:
            tags = [clean_text(k) for k in (doc.first_meta("news_keywords", "keywords") or "").split(",")]
        return _unique(t for t in tags if t) or None

    def section(self, doc: Document) -> str | None:
        ld = doc.article_ld() or {}
        return doc.first_meta("article:section") or _ld_text(ld.get("articleSection"))

    def images(self, doc: Document) -> list[Image] | None:
        base = doc.url or doc.canonical
        ld_image = (doc.article_ld() or {}).get("image")
        url = doc.first_meta("og:image", "og:image:url", "twitter:image", "twitter:image:src")
        caption = None
        if isinstance(ld_image, list) and ld_image:
            ld_image = ld_image[0]
        if isinstance(ld_image, dict):
            url = url or _ld_text(ld_image.get("url") or ld_image.get("contentUrl"))
            caption = _ld_text(ld_image.get("caption"))
        elif isinstance(ld_image, str):
            url = url or ld_image
        url = absolute_url(url, base)
        return [Image(url=url, caption=caption)] if url else None

    def language(self, doc: Document) -> str | None:
        ld = doc.article_ld() or {}
        return _primary_language(doc.lang) or _primary_language(_ld_text(ld.get("inLanguage")))

    # ------------------------------------------------------------------ body
    def body(self, doc: Document) -> list[Block] | None:
        root = doc.body
        strip_chrome(root)
        blocks = [b for node in article_nodes(root) for b in paragraphs(node) if keep_block(b)]
        return blocks or None


def strip_chrome(root: LexborNode) -> None:
    """Remove what is never article text, in C where selectolax can."""
    root.strip_tags(DROP_TAGS)
    for node in root.css(DROP_SELECTORS):
        node.decompose()
    page_chars = len(root.text(deep=True))
    if not page_chars:
        return
    page_has_h1 = root.css_first("h1") is not None  # before any removal: the h1 may sit in chrome
    prose = _prose_by_ancestor(root)
    total_prose = prose.get(root.mem_id, 0)
    wrappers: set[int] = set()
    for node in root.css(_CHROME_CANDIDATES):
        attrs = node.attributes
        words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if _named_like_chrome(words):
            if not PROSE_CHROME_WORDS.search(words) and (
                _holds_the_prose(node, prose, total_prose)
                # a section of the article wrapper found so (one "sidebar-grid__container" each)
                or (prose.get(node.mem_id) and any(a.mem_id in wrappers for a in _ancestors(node, root)))
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
                node.decompose()


def _prose_by_ancestor(root: LexborNode) -> dict[int, int]:
    """Characters of prose paragraphs (PROSE_CHARS or longer, not links) under each node."""
    prose: dict[int, int] = {}
    for p in root.css("p"):
        n = len(p.text(deep=True, strip=True))
        if n < PROSE_CHARS:
            continue
        chain = [p, *_ancestors(p)]  # one walk serves the link test and the credit
        if any(node.tag == "a" for node in chain):
            continue
        for node in chain:
            prose[node.mem_id] = prose.get(node.mem_id, 0) + n
    return prose


def _holds_the_prose(node: LexborNode, prose: dict[int, int], total: int) -> bool:
    return total >= MIN_PROSE_TOTAL and prose.get(node.mem_id, 0) > MIN_PROSE_SHARE * total


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
                scores[key] = _initial_score(ancestor)
            scores[key] += score * share
            ancestor = ancestor.parent
    if not scores:
        return (root if clean_text(root.text()) else None), scores
    # Link-heavy containers lose their share; only the strongest few are worth measuring.
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:TOP_CANDIDATES]
    adjusted = {k: _adjusted(scores[k], nodes[k]) for k in ranked}
    best_key = max(adjusted, key=adjusted.__getitem__)
    best = _common_ancestor(nodes[best_key], best_key, adjusted, nodes)
    if best.mem_id == best_key:
        best = _climb(best, adjusted[best_key], scores)
    return best, scores


def _adjusted(score: float, node: LexborNode) -> float:
    """readability's final score: the text score less the node's share of link text."""
    return score * (1 - _link_density(node))


def _climb(best: LexborNode, best_score: float, scores: dict[int, float]) -> LexborNode:
    """readability's climb: an ancestor scoring more than the level below it, with paragraphs of
    its own beside the best node, holds the article (the first paragraphs in the body, the rest in
    a nested "read more" block). The climb stops where a level falls under a third of the best
    score. Unlike readability, an ancestor with nothing but headers beside the best node is not
    taken: that would only add the headline, byline and date lines to the text."""
    last = best_score
    path = {best.mem_id}
    for ancestor in _ancestors(best):
        if ancestor.tag in ("body", "html", None):
            break
        if ancestor.mem_id in scores:
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
            and _link_density(child) < MAX_SECTION_LINK_DENSITY
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
    return {parent.mem_id for parent in _ancestors(node)}


def article_nodes(root: LexborNode) -> list[LexborNode]:
    """The best container and the siblings that continue it (articles split into sections)."""
    best, scores = best_container(root)
    if best is None:
        return []
    sections = _repeated_sections(best)
    if sections:
        return sections
    parent = best.parent
    if parent is None or not scores:
        return [best]
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
        if scores.get(sibling.mem_id, 0.0) + bonus >= threshold and _link_density(sibling) < MAX_LINK_DENSITY:
            chosen.append(sibling)
        elif sibling.tag == "p":
            text = " ".join(sibling.text(deep=True).split())
            density = _link_density(sibling)
            if (len(text) > 80 and density < 0.25) or (0 < len(text) <= 80 and density == 0 and ". " in text):
                chosen.append(sibling)
    return chosen


def _repeated_sections(best: LexborNode) -> list[LexborNode] | None:
    """An article cut into sections by one repeated template (a figure or a pull quote between
    them): an ancestor of the best node whose siblings carry its exact tag and class and hold
    prose. Siblings with their own h1 are other articles (infinite scroll), not sections, unless
    the page writes its subheadings as h1 (Medium): more than one h1 in the best section."""
    node = best
    for _ in range(SECTION_LEVELS):
        parent = node.parent
        if node.tag in ("article", "main") or parent is None or parent.tag in ("body", "html", None):
            return None  # the article's own boundary, or the page's
        cls = node.attributes.get("class")
        if cls:
            same = [
                sibling
                for sibling in parent.iter()
                if sibling.tag == node.tag and sibling.attributes.get("class") == cls
            ]
            if len(same) > 1:
                h1_subheadings = len(node.css("h1")) > 1
                sections = [s for s in same if s.mem_id == node.mem_id or _is_section(s, h1_subheadings)]
                return sections if len(sections) > 1 else None
        node = parent
    return None


def _is_section(node: LexborNode, h1_subheadings: bool) -> bool:
    if (not h1_subheadings and node.css_first("h1") is not None) or (
        _link_density(node) > MAX_SECTION_LINK_DENSITY
    ):
        return False
    return any(
        len(p.text(deep=True, strip=True)) >= MIN_VOTING_CHARS and _link_density(p) < MAX_LINK_DENSITY
        for p in node.css("p")
    )


def _initial_score(node: LexborNode) -> float:
    """readability's prior for a container: its tag, and the words of its class and id."""
    attrs = node.attributes
    weight = TAG_PRIOR.get(node.tag or "", 0.0) + _class_weight(
        f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    )
    if attrs.get("itemprop") == "articleBody":  # schema.org microdata names the body outright
        weight += MICRODATA_BONUS
    return weight


# Pages repeat the same class strings on many nodes: each distinct string is judged once.
@lru_cache(maxsize=8192)
def _named_like_chrome(words: str) -> bool:
    words = _JS_HOOK.sub(" ", words)
    return bool(CHROME_WORDS.search(words)) and not KEEP_WORDS.search(words)


@lru_cache(maxsize=8192)
def _class_weight(words: str) -> float:
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
    for node in root.css("p, pre, td, blockquote"):
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


def _link_density(node: LexborNode) -> float:
    text_len = len(node.text(deep=True, strip=True))
    if not text_len:
        return 1.0
    link_len = sum(len(a.text(deep=True, strip=True)) for a in node.css("a"))
    return min(link_len / text_len, 1.0)


def keep_block(block: Block) -> bool:
    """False for link lists, chrome lines and empty headings."""
    text = block.text
    if block.tag in ("figcaption", "caption"):
        return False
    if block.link_density > MAX_LINK_DENSITY and len(text) < 200:
        return False
    if len(text) < 40 and _CHROME_LINE.match(text):
        return False
    return any(ch.isalnum() for ch in text)


_TITLE_SEPARATORS = re.compile(r"\s+[|–—\-:»·]\s+|\s*[|_]\s*")


# Separators of "<headline> | <section> | <site>" as readability reads them (spaced on both
# sides); _TITLE_SEPARATORS above is looser, for matching an h1 against one part.
_HIERARCHY = re.compile(r" [|\-\\/>»–—·] ")


def _trim_page_title(title: str, site: Collection[str] = ()) -> str:
    """The headline in a <title>: without an outer part known to name the site (``site``:
    normalised names), else read as readability does: drop the part after the last separator
    (or before the first one when what is left is too short), unless that leaves four words or
    less."""
    separators = list(_HIERARCHY.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    if fold(title[: first.start()]) in site:
        return title[first.end() :].strip()
    if fold(title[last.end() :]) in site:
        return title[: last.start()].strip()
    trimmed = " ".join(title[: last.start()].split())
    if len(trimmed.split()) < 3:
        trimmed = " ".join(title[first.end() :].split())
    if len(trimmed.split()) <= 4 and not _CJK.search(trimmed):
        return title
    return trimmed


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _worded(text: str) -> bool:
    """Long enough to be a headline: three words, or a CJK phrase."""
    return len(text.split()) >= 3 or len(_CJK.findall(text)) >= 6


def _headline_parts(parts: list[str], doc: Document) -> set[str]:
    """The parts of "<site> - <headline>" / "<headline> | <section> | <site>" (``parts``: the
    <title> split at its separators) that do not name the site or its domain."""
    if len(parts) < 2:
        return {fold(p) for p in parts}
    names = _site_names(doc) | _host_labels(doc.url)
    return {fold(part) for part in parts if not any(n in fold(part) for n in names)}


def _is_site_part(h1: str, parts: list[str]) -> bool:
    """The h1 is the outer part of "<site> - <headline>" / "<headline> | <site>" (``parts``: the
    <title> split at its separators): the rest of the <title> is the longer, worded part."""
    if len(parts) < 2:
        return False
    folded = fold(h1)
    if folded == fold(parts[0]):
        rest = " ".join(parts[1:])
    elif folded == fold(parts[-1]):
        rest = " ".join(parts[:-1])
    else:
        return False
    return len(rest) > len(h1) and _worded(rest)


def _host_labels(url: str | None) -> set[str]:
    """ "www.buzzfeed.com" -> {"buzzfeed"}: the labels that can name the site."""
    host = url.split("//", 1)[-1].split("/", 1)[0] if url else ""
    return {label for label in host.lower().split(".") if len(label) > 3 and label not in ("www", "com")}


def _site_names(doc: Document) -> set[str]:
    """What the site calls itself in its metadata."""
    names = (doc.first_meta("og:site_name"), doc.first_meta("application-name"))
    return {fold(n) for n in names if n}


_BRANDING_CLASS = re.compile(
    r"logo|brand|site-?(?:title|name)|sr-only|visually-?hidden|screen-reader|(?<![\w-])hidden(?![\w-])",
    re.IGNORECASE,
)
_HOME_PATH = re.compile(r"^(?:https?://[^/]+)?/?(?:[a-z]{2}(?:[-_][A-Za-z]{2})?/?)?$")


def _headline_text(h1: LexborNode) -> str:
    """An h1's text without the links beside the headline (a site or section name); a headline
    that is itself one link keeps it."""
    text = clean_text(h1.text())
    if h1.css_first("a") is None:
        return text
    own = clean_text(
        "".join(
            node.text_content or ""
            for node in h1.traverse(include_text=True)
            if node.tag == "-text" and not _inside_link(node, h1)
        )
    )
    return own or text


def _inside_link(node: LexborNode, stop: LexborNode) -> bool:
    return any(parent.tag == "a" for parent in _ancestors(node, stop))


def _is_branding(h1: LexborNode, text: str, site_names: set[str]) -> bool:
    """An h1 holding the site's logo or name rather than the headline."""
    attrs = h1.attributes
    if _BRANDING_CLASS.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
        return True
    if h1.css_first("img, svg") is not None and len(text.split()) <= 4:
        return True
    link = h1.css_first("a[href]")
    if link is not None and _HOME_PATH.match(link.attributes.get("href") or "x"):
        return True
    return fold(text) in site_names


def _by_line_near(h1: LexborNode) -> str | None:
    """Class names hashed by a build tool: a short line that reads "By ...", in the nearest
    ancestor of the headline that holds one (its header, then the article's top block...)."""
    seen: set[int] = set()
    for level, near in enumerate(_ancestors(h1)):
        if level == BYLINE_LEVELS or near.tag in ("body", "html", None):
            break
        for node in near.css("div, span, p, cite"):
            if node.mem_id in seen:
                continue
            seen.add(node.mem_id)
            # The prefix is the element's own text: "<div>By <span>name</span></div>", or a
            # "<span>By </span>" before the name; reading only that keeps big blocks cheap.
            own = node.text(deep=False, strip=True)
            if not _BY_WORD.match(own):
                continue
            text = clean_text(node.text(separator=" "))
            if text.isalpha() and node.tag in INLINE_TAGS and node.parent is not None:
                text = clean_text(node.parent.text(separator=" "))  # the prefix alone: the line
            if 5 < len(text) < 80 and _BY_PREFIX.match(text) and split_byline(text):
                return text
    return None


def _byline_candidates(body: LexborNode, article: LexborNode | None) -> Iterator[str]:
    """Byline texts in selector order, those inside the <article> first."""
    for selector, node, nodes in _article_first(body, article, _BYLINE_SELECTORS):
        if text := _byline_text(node, selector, nodes):
            yield text


def _article_first(
    body: LexborNode, article: LexborNode | None, selectors: Sequence[str]
) -> Iterator[tuple[str, LexborNode, list[LexborNode]]]:
    """(selector, node, all its matches) for each selector's matches in the body: those inside
    the <article> in selector order first, then the rest. One query per selector, not one per
    scope, and no node is read twice."""
    later = []
    for selector in selectors:
        nodes = body.css(selector)
        for node in nodes:
            if article is not None and not _is_inside(node, article):
                later.append((selector, node, nodes))
            else:
                yield selector, node, nodes
    yield from later


def _printed_time_on(doc: Document, day: date | None) -> str | None:
    """A printed date with a time on ``day`` (a date element, or its parent when the time sits in
    a sibling: <span class=date>December 15, 2016</span><span class=time>3:33 PM ET</span>)."""
    if day is None:
        return None
    article = doc.tree.css_first("article")
    for i, (_, node, _) in enumerate(_article_first(doc.body, article, (_DATE_CLASS_SELECTOR,))):
        if i == MAX_PRINTED_DATES:
            break
        for scope in (node, node.parent):
            text = clean_text(scope.text(separator=" ")) if scope is not None else ""
            if 6 <= len(text) <= 120:
                value = parse_date(text, fuzzy=False)
                if isinstance(value, datetime) and value.date() == day:
                    return text
    return None


def _byline_text(node: LexborNode, selector: str, matches: list[LexborNode]) -> str | None:
    """The node's text when it reads as a byline in a place where bylines belong."""
    raw = node.text(separator=" ")
    if len(raw) > 2000:  # a container, not a byline: spare the clean-up
        return None
    text = clean_text(raw)
    if not (2 < len(text) < 120) or not _byline_place(node) or not (names := split_byline(text)):
        return None
    if selector in _ONE_PERSON_SELECTORS:  # the page marks up each author: no one else is one
        return _with_coauthors(node, text, matches)
    return _whole_line(node, text, names) if node.tag in INLINE_TAGS else text


def _whole_line(node: LexborNode, text: str, names: list[str]) -> str:
    """A name link or span inside a byline line ("By <a>A</a>, <a>B</a> and <span>C</span>"):
    the line around it, when it reads "By ..." and names this author and more."""
    line = node.parent
    while line is not None and line.tag in INLINE_TAGS:
        line = line.parent
    if line is None:
        return text
    line_text = clean_text(line.text(separator=" "))
    if len(line_text) >= 120 or not _BY_PREFIX.match(line_text):
        return text
    line_names = {name.casefold() for name in split_byline(line_text)}
    return line_text if {name.casefold() for name in names} < line_names else text


def _ancestors(node: LexborNode, stop: LexborNode | None = None) -> Iterator[LexborNode]:
    """The node's parents, nearest first, up to (not including) ``stop`` or the root."""
    parent = node.parent
    while parent is not None and (stop is None or parent.mem_id != stop.mem_id):
        yield parent
        parent = parent.parent


def _is_inside(node: LexborNode, container: LexborNode) -> bool:
    return any(parent.mem_id == container.mem_id for parent in _ancestors(node))


def _with_coauthors(node: LexborNode, text: str, matches: list[LexborNode]) -> str:
    """One author link per person ("<a rel=author>A</a> and <a rel=author>B</a>"): the other
    matches of the same selector in the same byline block are co-authors."""
    block = node.parent.parent if node.parent is not None else None
    if block is None:
        return text
    inside = _descendant_ids(block)
    others = [
        clean_text(other.text(separator=" "))
        for other in matches
        if other.mem_id != node.mem_id and other.mem_id in inside
    ]
    return ", ".join([text, *others]) if others else text


def _descendant_ids(node: LexborNode) -> set[int]:
    return {child.mem_id for child in node.traverse()}


def _meta_author_names(doc: Document) -> list[str]:
    """Author <meta> values that are names, not profile URLs; else the "Written by" pair of the
    twitter:labelN / twitter:dataN tags (Yoast SEO writes them on WordPress sites)."""
    for key in _AUTHOR_META:
        values = [v for v in doc.meta.get(key, []) if not v.startswith(("http", "//"))]
        if values:
            return values
    for n in range(1, 5):
        label = doc.first_meta(f"twitter:label{n}")
        if label is None:
            break
        if _WRITTEN_BY.match(label) and (name := doc.first_meta(f"twitter:data{n}")):
            return [name]
    return []


def _profile_link_names(doc: Document) -> list[str]:
    """article:author often gives the author's profile URL: the page's link to it shows the name."""
    names = []
    for url in doc.meta.get("article:author", [])[:3]:
        if url.startswith(("http", "/")):
            path = url.split("//", 1)[-1].partition("/")[2].rstrip("/")
            if not path or '"' in path or "\\" in path:  # nothing to match, or would break the selector
                continue
            for link in doc.body.css(f'a[href$="{path}"], a[href$="{path}/"]'):
                if text := clean_text(link.text()):
                    names.append(text)
                    break
    return names


def _without_site_name(names: list[str], doc: Document) -> list[str]:
    """ "Ikran Dahir BuzzFeed": the site's own name run into a byline ends the person's name."""
    site = _site_names(doc) | _host_labels(doc.url)
    cleaned = []
    for name in names:
        words = name.split()
        cut = next((i for i, w in enumerate(words) if i >= 2 and fold(w) in site), len(words))
        cleaned.append(" ".join(words[:cut]))
    return _unique(cleaned)


# A byline inside these is someone else's: a photo credit, a menu, a comment, a teaser card.
_NOT_BYLINE_TAGS = frozenset({"figure", "figcaption"})
_NOT_BYLINE_WORDS = re.compile(
    r"(?<![a-z])(?:comment|related|recirc|recommend|sidebar|nav(?:bar)?(?![a-z])|menu|card|teaser|promo"
    r"|trending|popular)",
    re.IGNORECASE,
)


def _byline_place(node: LexborNode) -> bool:
    """False when ``node`` sits in a part of the page that bylines other articles or people."""
    parent = node
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in _NOT_BYLINE_TAGS:
            return False
        attrs = parent.attributes
        if (attrs.get("class") or attrs.get("id")) and _NOT_BYLINE_WORDS.search(
            f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        ):
            return False
        parent = parent.parent
    return True


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
