"""The headline as the page shows it: the visible h1 the metadata agrees with, a lower heading
under a site-name h1, else og:title, the JSON-LD headline or the trimmed <title>."""

from __future__ import annotations

import re
from collections.abc import Collection

from selectolax.lexbor import LexborNode

from ...document import Document
from ...normalize.text import CJK, clean_text, fold, similar
from .signals import ancestors, class_words, first_article, host_labels, ld_text, site_names_of


def title(doc: Document) -> str | None:
    """The visible h1 when the page's metadata agrees with it, else an h2/h3 it agrees with,
    else the only h1; else og:title, the JSON-LD headline, or the <title> trimmed as
    readability does."""
    ld = doc.article_ld() or {}
    og = doc.first_meta("og:title", "twitter:title", "dc.title", "dcterms.title", "dc:title")
    headline = ld_text(ld.get("headline"))
    node = doc.tree.css_first("title")
    page_title = clean_text(node.text()) if node else ""
    parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p.strip()]
    title_parts = _headline_parts(parts, doc)
    structured = [t for t in (og, headline, page_title) if t]
    site_names = site_names_of(doc)
    article = first_article(doc)
    h1s, site_h1 = [], False
    for h1 in (article.css("h1") if article else []) + doc.tree.css("h1"):
        if not (text := _headline_text(h1)):
            continue
        if _is_branding(h1, text, site_names):
            site_h1 = True
        else:
            text = _with_kicker_resolved(h1, text, structured)
            h1s.append(text)
            site_h1 = site_h1 or _is_site_part(text, parts)
    distinct = list(dict.fromkeys(h1s))
    for shown in distinct:
        if any(similar(shown, s) for s in structured):
            return _run_on_cut(shown, og)
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
    for shown in distinct:
        if fold(shown) in title_parts:
            return shown
    if not (og or headline) and _worded(page_title):
        # Nothing but the <title> names the article, and no h1 agrees with it: the h1 is a
        # section or widget heading ("Health Center", "Original text").
        return _trim_page_title(page_title, site_names | host_labels(doc.url))
    # One headline on the page: the visible headline wins over a social-media og:title
    # written for sharing.
    if len(distinct) == 1 and _worded(distinct[0]):
        return distinct[0]
    if og:
        if headline and _is_site_suffixed(og, headline, site_names | host_labels(doc.url)):
            return headline
        return _without_site(clean_text(og), site_names | host_labels(doc.url))
    if len(distinct) == 1:
        return distinct[0]
    if headline:
        return headline
    return _trim_page_title(page_title, site_names | host_labels(doc.url)) if page_title else None


_TITLE_SEPARATORS = re.compile(r"\s+[|–—\-:»·]\s+|\s*[|_]\s*")


# Separators of "<headline> | <section> | <site>" as readability reads them (spaced on both
# sides); _TITLE_SEPARATORS above is looser, for matching an h1 against one part.
_HIERARCHY = re.compile(r" [|\-\\/>»–—·] ")


# The og:title the h1 runs on from is a headline when it is this long.
MIN_RUN_ON_HEADLINE = 15


def _run_on_cut(h1: str, og: str | None) -> str:
    """An h1 that runs on past the whole og:title into words (a date, a standfirst printed in the
    same element) holds the headline and something else: the headline is the og:title. Run on
    past a separator (": subtitle", " / ..."), it is the headline as shown."""
    if og is None or len(og) <= MIN_RUN_ON_HEADLINE or not h1.casefold().startswith(og.casefold()):
        return h1
    rest = h1[len(og) :].lstrip()
    return clean_text(og) if rest and rest[0].isalnum() else h1


def _without_site(title: str, site: Collection[str]) -> str:
    """``title`` without an outer "<site> - " / " | <site>" part that names the site."""
    separators = list(_HIERARCHY.finditer(title))
    if not separators:
        return title
    if _names_site(title[separators[-1].end() :], site) and _worded(title[: separators[-1].start()]):
        return title[: separators[-1].start()].strip()
    if _names_site(title[: separators[0].start()], site) and _worded(title[separators[0].end() :]):
        return title[separators[0].end() :].strip()
    return title


def _trim_page_title(title: str, site: Collection[str] = ()) -> str:
    """The headline in a <title>: without an outer part known to name the site (``site``:
    normalised names), else read as readability does: drop the part after the last separator
    (or before the first one when what is left is too short), unless that leaves four words or
    less."""
    separators = list(_HIERARCHY.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    if _names_site(title[: first.start()], site):
        return title[first.end() :].strip()
    if _names_site(title[last.end() :], site):
        return title[: last.start()].strip()
    trimmed = " ".join(title[: last.start()].split())
    if len(trimmed.split()) < 3:
        trimmed = " ".join(title[first.end() :].split())
    if len(trimmed.split()) <= 4 and not CJK.search(trimmed):
        return title
    return trimmed


_SQUASH = re.compile(r"[\s\-'’.]+")
_DIGITS = re.compile(r"\d")


def _names_site(part: str, site: Collection[str]) -> bool:
    """``part`` of a <title> names the site: one of its names (``site``: normalised names and
    host labels), or a host label written out ("Gregory Szorc's Digital Home" for gregoryszorc,
    "MyOOS Community Forum" for myoos)."""
    folded = fold(part)
    if not folded or len(_DIGITS.findall(folded)) >= 3:
        return False  # an id or a date ("JVNDB-2018-013542"), not a name
    if folded in site:
        return True
    squashed = _SQUASH.sub("", folded)
    return any(len(name) >= 4 and _SQUASH.sub("", name) in squashed for name in site)


def _worded(text: str) -> bool:
    """Long enough to be a headline: three words, or a CJK phrase."""
    return len(text.split()) >= 3 or len(CJK.findall(text)) >= 6


def _headline_parts(parts: list[str], doc: Document) -> set[str]:
    """The parts of "<site> - <headline>" / "<headline> | <section> | <site>" (``parts``: the
    <title> split at its separators) that do not name the site or its domain."""
    if len(parts) < 2:
        return {fold(p) for p in parts}
    names = site_names_of(doc) | host_labels(doc.url)
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


_BRANDING_CLASS = re.compile(
    r"logo|brand|site-?(?:title|name)|sr-only|visually-?hidden|screen-reader|(?<![\w-])hidden(?![\w-])"
)  # matched against class_words (lower-cased)
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


def _with_kicker_resolved(h1: LexborNode, text: str, structured: list[str]) -> str:
    """An h1 printed in parts, a kicker above the headline (<span>Premier League</span><span>
    Liverpool lose at Everton</span>): the metadata that names every part gives the parts
    with the page's own separator ("Kicker / Headline"); metadata naming the last part alone
    says what stands before it is a kicker, and that part is the headline."""
    if h1.css_first("a") is not None:
        return text
    pieces = [
        piece
        for child in h1.iter(include_text=True)
        if (piece := clean_text(child.text_content if child.tag == "-text" else child.text()))
    ]
    if len(pieces) < 2:
        return text
    whole = fold(" ".join(pieces))
    for candidate in structured:
        if fold(candidate) == whole:
            return clean_text(candidate)
    last = pieces[-1]  # a kicker stands before the headline; parts after it are a subtitle
    if _worded(last) and any(fold(last) == fold(candidate) for candidate in structured):
        return last
    return text


def _is_site_suffixed(og: str, headline: str, site: set[str]) -> bool:
    """og:title is the JSON-LD headline with the site's name after it ("…-Politik｜Daily")."""
    og_words, head_words = fold(og), fold(headline)
    rest = og_words[len(head_words) :]
    return og_words.startswith(head_words) and bool(rest.strip()) and any(name in rest for name in site)


def _inside_link(node: LexborNode, stop: LexborNode) -> bool:
    return any(parent.tag == "a" for parent in ancestors(node, stop))


def _is_branding(h1: LexborNode, text: str, site_names: set[str]) -> bool:
    """An h1 holding the site's logo or name rather than the headline."""
    attrs = h1.attributes
    if _BRANDING_CLASS.search(class_words(attrs)):
        return True
    if h1.css_first("img, svg") is not None and len(text.split()) <= 4:
        return True
    link = h1.css_first("a[href]")
    if link is not None and _HOME_PATH.match(link.attributes.get("href") or "x"):
        return True
    return fold(text) in site_names
