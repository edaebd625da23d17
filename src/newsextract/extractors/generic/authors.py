"""Authors and the printed byline: JSON-LD people, byline elements in the places bylines belong,
a "By ..." line near the headline, then author <meta> tags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from selectolax.lexbor import LexborNode

from ...document import Document
from ...normalize.people import BY_WORDS, LEAD_INS, POSTED_BY, credited_handle, split_byline, structured_name
from ...normalize.text import clean_text, fold
from .signals import (
    INLINE_TAGS,
    ancestors,
    article_first,
    as_list,
    descendant_ids,
    first_article,
    host_labels,
    in_article_context,
    ld_text,
    site_names_of,
    unique,
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
# Longer "organisation" authors are descriptions, not names.
MAX_ORGANISATION_CHARS = 60
# Where an emphasised name line is looked for: the first paragraphs of the page, and a
# paragraph of prose (at least this long) to stand beside.
MAX_EMPHASIS_PARAGRAPHS = 200
PROSE_PARAGRAPH_CHARS = 100
_EMPHASIS_TAGS = frozenset({"strong", "b", "em", "i"})
# Names must be most of the line's words: "Anna Roth and Jan Weber", not "Anna Roth reports".
NAME_SHARE_OF_LINE = 0.75
# How far above a byline a link around a teaser (headline, standfirst, byline) is looked for.
TEASER_LINK_LEVELS = 4
# A credit paragraph is one short line ("Text von Anna Roth"), not a sentence of the text.
MAX_CREDIT_LINE_CHARS = 80
# How far above the headline a "By ..." line without a byline class is looked for.
BYLINE_LEVELS = 5
_BY_PREFIX = re.compile(rf"^(?:(?:{BY_WORDS}|{POSTED_BY})\s+|(?:{LEAD_INS})\s*)\S", re.IGNORECASE)
_BY_WORD = re.compile(rf"^(?:(?:{BY_WORDS}|{POSTED_BY})\b|{LEAD_INS})", re.IGNORECASE)
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
    "[class*=author i], [class*=autor i], [class*=auteur i]",  # and German, Spanish, Italian, French, Dutch
    "[class*=writer i]",
    "address",
    "[class~=username]",  # the user who posted it (Drupal's "submitted by", forums)
    "byline",  # NITF's element, kept by some news CMSs in their pages
)


def authors(doc: Document) -> list[str] | None:
    """In this order, the first that names someone:

    1. the JSON-LD article's authors, given inline (user names too: the page's own credit);
    2. the printed byline's names;
    3. the JSON-LD authors that are references into the @graph, and its creators (a CMS
       account, weaker than what the page prints);
    4. author <meta> names, never the site's own name (it often names the publisher);
    5. the organisations JSON-LD names as author ("BBC News", a newsroom without bylines; the
       site's own name typed as a Person counts as one);
    6. a user name printed where the author belongs, or given in author <meta>.
    """
    ld = _authored_ld(doc)
    names: list[str] = []
    accounts: list[str] = []
    organisations: list[str] = []
    site = site_names_of(doc) | host_labels(doc.url)
    credited = [(a, True) for a in as_list(ld.get("author"))] + [
        (c, False) for c in as_list(ld.get("creator"))
    ]
    for given, is_author in credited:
        person = _ld_node(given, doc)
        text = _ld_person(person)
        if not text or text.startswith("http"):
            continue
        if _is_organisation(person, text, site):
            if len(text) <= MAX_ORGANISATION_CHARS:
                organisations.append(text)
        elif is_author and person is given:
            names.extend(_names_or_handle(text, structured=True))
        else:
            accounts.extend(_names_or_handle(text, structured=True))
    printed = byline(doc) if not names else None
    names = names or _as_meta_spells(split_byline(printed), doc) or accounts
    meta = [m for m in _meta_author_names(doc) if not _names_site(m, site, doc.url)] if not names else []
    names = names or [n for n in split_byline(meta) if not _names_site(n, site, doc.url)]
    names = names or split_byline(_profile_link_names(doc))
    if names:
        return _without_site_name(names, doc) or None
    if organisations:
        return unique(organisations)
    handles = _names_or_handle(printed) or _names_or_handle(meta[0] if meta else None)
    return [h for h in handles if not _names_site(h, site, doc.url)] or None


# JSON-LD types whose author is the page's when no article object names one: Yoast's WebPage
# (older versions put the author there), a recipe.
_AUTHORED_PAGE_TYPES = frozenset({"webpage", "itempage", "recipe"})


def _authored_ld(doc: Document) -> dict[str, Any]:
    """The JSON-LD article object, or the page object that names the author when it does not."""
    article = doc.article_ld() or {}
    if article.get("author") or article.get("creator"):
        return article
    for obj in doc.jsonld:
        kinds = {k.lower() for k in as_list(obj.get("@type")) if isinstance(k, str)}
        if kinds & _AUTHORED_PAGE_TYPES and obj.get("author"):
            return obj
    return article


def _names_site(name: str, site: set[str], url: str | None) -> bool:
    """ "Finanztreff", "finanztreff.de", "Jobs & Hire": the site's own name, also written as
    its domain or as the page's host."""
    folded = fold(name)
    joined = folded.replace(" ", "")
    host = url.split("//", 1)[-1].split("/", 1)[0].lower() if url else ""
    return (
        folded in site
        or joined in site
        or (bool(host) and (host == name.lower() or host.endswith("." + name.lower())))
        or ("." in name and any(len(label) > 3 and label.replace(" ", "") in joined for label in site))
    )


def _names_or_handle(text: str | None, *, structured: bool = False) -> list[str]:
    """The names of an author string, or the user name it is ("rasos", "IWB"): the string
    comes from a place that marks the author, where a handle is a credit. Structured data
    names a person as a field: "Mobasir hassan" is a name there, lower case or not."""
    if not text:
        return []
    handle = credited_handle(text) or (structured_name(text) if structured else None)
    return split_byline(text) or ([handle] if handle else [])


def _ld_node(value: object, doc: Document) -> object:
    """A JSON-LD reference ({"@id": ...}, as Yoast writes an article's author) resolved to the
    object of the page's @graph that carries that @id."""
    if not isinstance(value, dict) or value.get("name") or not isinstance(value.get("@id"), str):
        return value
    if "ld_ids" not in doc.memo:
        doc.memo["ld_ids"] = {
            obj["@id"]: obj for obj in doc.jsonld if isinstance(obj.get("@id"), str) and obj.get("name")
        }
    return doc.memo["ld_ids"].get(value["@id"], value)


def _as_meta_spells(names: list[str], doc: Document) -> list[str]:
    """ "ANNA SCHMIDT" printed, "Anna Schmidt" in the author <meta>: the name as the meta spells it."""
    if not any(name.isupper() for name in names):
        return names
    spelled = {name.casefold(): name for name in split_byline(_meta_author_names(doc))}
    return [spelled.get(name.casefold(), name) if name.isupper() else name for name in names]


def _is_organisation(person: object, name: str, site: set[str]) -> bool:
    """A JSON-LD author typed as an Organization, or the site's own name typed as a Person (it
    would hide the printed byline)."""
    typed = isinstance(person, dict) and "organization" in str(person.get("@type", "")).lower()
    return typed or fold(name) in site


def _ld_person(value: object) -> str | None:
    """A JSON-LD author's name, also when given as givenName + familyName."""
    if isinstance(value, dict) and not value.get("name"):
        parts = [value.get("givenName"), value.get("familyName")]
        if all(isinstance(p, str) and p.strip() for p in parts):
            return clean_text(" ".join(parts))  # type: ignore[arg-type]
    text = ld_text(value)
    return clean_text(unescape(text)) if text and "&" in text else text  # "Redacci&oacute;n"


def byline(doc: Document) -> str | None:
    """The printed byline (asked for by both ``byline`` and ``authors``: found once)."""
    if "byline" not in doc.memo:
        doc.memo["byline"] = _find_byline(doc)
    found: str | None = doc.memo["byline"]
    return found


def _find_byline(doc: Document) -> str | None:
    """The first byline element outside photo credits, menus, comments and teaser cards;
    one that names an author of the <meta> tags wins over an earlier one."""
    article = first_article(doc)
    meta_names = {n.casefold() for n in split_byline(_meta_author_names(doc))}
    first = None
    for text in _byline_candidates(doc.body, article):
        if not meta_names or meta_names & {n.casefold() for n in split_byline(text)}:
            return text
        first = first or text
    if first:
        return first
    headline = _headline(doc.body, article)
    if headline is not None and (near := _by_line_near(headline)):
        return near
    paragraphs = doc.body.css("p")[:MAX_EMPHASIS_PARAGRAPHS]
    return _credit_paragraph(paragraphs) or _emphasised_name_line(paragraphs)


def _headline(body: LexborNode, article: LexborNode | None) -> LexborNode | None:
    """The first <h1> with text, in the <article> first; else the first such <h2> (blogs and
    older CMSs title a post with one)."""
    for tag in ("h1", "h2"):
        for scope in (article, body) if article is not None else (body,):
            for node in scope.css(tag):
                if node.text(strip=True):
                    return node
    return None


def _credit_paragraph(paragraphs: list[LexborNode]) -> str | None:
    """A short paragraph that opens with a by-word or a credit label and names someone
    ("von <em>Klaus Berg</em>", "Text von Anna Roth"): the byline of a page whose headline is
    no <h1> or sits far from it. A sentence ends in a full stop; a credit line does not."""
    for p in paragraphs:
        if not _BY_WORD.match(p.text().lstrip()):  # most paragraphs: one C-level read, no line split
            continue
        text = _first_line(p)
        if (
            5 < len(text) < MAX_CREDIT_LINE_CHARS
            and not text.endswith((".", "!", "?", ":"))
            and _BY_PREFIX.match(text)
            and split_byline(text)
            and in_article_context(p)
        ):
            return text
    return None


def _first_line(p: LexborNode) -> str:
    """The paragraph's text up to its first <br>: "Von Anna Roth<br>Kakuma" is a byline, then
    a dateline."""
    if p.css_first("br") is None:
        return clean_text(p.text(separator=" "))
    parts: list[str] = []
    for child in p.iter(include_text=True):
        if child.tag == "br":
            if clean_text(" ".join(parts)):
                break
            continue
        parts.append(child.text(separator=" ") if child.tag != "-text" else (child.text_content or ""))
    return clean_text(" ".join(parts))


def _emphasised_name_line(paragraphs: list[LexborNode]) -> str | None:
    """A paragraph that is nothing but an emphasised name (<p><strong>Anna Roth</strong></p>),
    before the text's first paragraph of prose or after its last: the byline or credit line of
    pages whose template has none. Between paragraphs such a line is a subheading; in a
    script without capitals a name cannot be told from a phrase."""
    prose = [i for i, p in enumerate(paragraphs) if len(p.text(strip=True)) >= PROSE_PARAGRAPH_CHARS]
    if not prose:
        return None
    edges = [
        *range(max(0, prose[0] - 2), prose[0]),
        *range(prose[-1] + 1, min(len(paragraphs), prose[-1] + 3)),
    ]
    for i in edges:
        p = paragraphs[i]
        children = [c for c in p.iter() if c.tag not in ("-text", "-comment")]
        text = clean_text(p.text())
        if (
            len(children) == 1
            and children[0].tag in _EMPHASIS_TAGS
            and clean_text(children[0].text()) == text
            and 2 < len(text) <= 60
            and in_article_context(p)
            and any(ch.isupper() for ch in text)
            and (names := split_byline(text))
            and sum(len(name.split()) for name in names) >= NAME_SHARE_OF_LINE * len(text.split())
        ):
            return text
    return None


def _by_line_near(h1: LexborNode) -> str | None:
    """Class names hashed by a build tool: a short line that reads "By ...", in the nearest
    ancestor of the headline that holds one (its header, then the article's top block...)."""
    seen: set[int] = set()
    for level, near in enumerate(ancestors(h1)):
        if level == BYLINE_LEVELS or near.tag in ("body", "html", None):
            break
        for node in near.css("div, span, p, cite, em, strong, b, small"):
            if node.mem_id in seen:
                continue
            seen.add(node.mem_id)
            # The prefix is the element's own text: "<div>By <span>name</span></div>", or a
            # "<span>By </span>" before the name; reading only that keeps big blocks cheap.
            own = node.text(deep=False, strip=True)
            if not _BY_WORD.match(own):
                continue
            text = _first_line(node)
            if node.tag in INLINE_TAGS and node.parent is not None and not split_byline(text):
                text = clean_text(node.parent.text(separator=" "))  # the prefix alone: the line
            if 5 < len(text) < 80 and _BY_PREFIX.match(text) and split_byline(text):
                return text
    return None


def _byline_candidates(body: LexborNode, article: LexborNode | None) -> Iterator[str]:
    """Byline texts in selector order, those inside the <article> first."""
    for selector, node, nodes in article_first(body, article, _BYLINE_SELECTORS):
        if text := _byline_text(node, selector, nodes):
            yield text


def _byline_text(node: LexborNode, selector: str, matches: list[LexborNode]) -> str | None:
    """The node's text when it reads as a byline in a place where bylines belong."""
    raw = node.text(separator=" ")
    if len(raw) > 2000:  # a container, not a byline: spare the clean-up
        return None
    text = clean_text(raw)
    if not (1 < len(text) < 120) or not in_article_context(node) or _in_teaser_link(node):
        return None
    if not (names := split_byline(text)):
        # A user name alone in the element that marks the author: <span class="username">rasos</span>.
        marked = selector in _ONE_PERSON_SELECTORS or _marks_author(node)
        handle = credited_handle(text) if marked else None
        return handle if handle and handle == text else None
    if selector in _ONE_PERSON_SELECTORS:  # the page marks up each author: no one else is one
        return _with_coauthors(node, text, matches)
    return _whole_line(node, text, names) if node.tag in INLINE_TAGS else text


# Class words of an element that holds the author's name itself ("author vcard fn", "username").
_AUTHOR_NAME_WORDS = frozenset({"author", "autor", "auteur", "fn", "username", "nickname"})
_CLASS_WORD_SPLIT = re.compile(r"[-_]+")


def _marks_author(node: LexborNode) -> bool:
    """The element's own class names it the author's name. A BEM token names the element after
    its "__": "authors__brand-identifier" is a logo inside the byline, not a name."""
    for token in (node.attributes.get("class") or "").lower().split():
        if _AUTHOR_NAME_WORDS.intersection(_CLASS_WORD_SPLIT.split(token.rsplit("__", 1)[-1])):
            return True
    return False


def _in_teaser_link(node: LexborNode) -> bool:
    """A byline inside a link that also holds a headline: a teaser of another article."""
    for level, parent in enumerate(ancestors(node)):
        if level == TEASER_LINK_LEVELS or parent.tag in ("body", "article", "main"):
            return False
        if parent.tag == "a":
            return parent.css_first("h2, h3, h4") is not None
    return False


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


def _with_coauthors(node: LexborNode, text: str, matches: list[LexborNode]) -> str:
    """One author link per person ("<a rel=author>A</a> and <a rel=author>B</a>"): the other
    matches of the same selector in the same byline block are co-authors."""
    block = node.parent.parent if node.parent is not None else None
    if block is None:
        return text
    inside = descendant_ids(block)
    others = [
        clean_text(other.text(separator=" "))
        for other in matches
        if other.mem_id != node.mem_id and other.mem_id in inside
    ]
    return ", ".join([text, *others]) if others else text


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
    site = site_names_of(doc) | host_labels(doc.url)
    cleaned = []
    for name in names:
        words = name.split()
        cut = next((i for i, w in enumerate(words) if i >= 2 and fold(w) in site), len(words))
        cleaned.append(" ".join(words[:cut]))
    return unique(cleaned)
