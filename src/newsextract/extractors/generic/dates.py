"""Publication and modification dates: structured data, machine-readable attributes, printed
dates named as such, the URL, and last the article's running text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from ...document import Document
from ...normalize.dates import after_capture, find_date_text, is_relative_date, looks_like_date, parse_date
from ...normalize.text import clean_text
from .signals import ancestors, article_first, first_article, in_article_context, ld_text

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
# Elements carrying a machine-readable publication date in an attribute (found in page order,
# whatever the order here). The itemprop values are grouped under one test of the attribute:
# Lexbor looks an attribute up once per alternative at every node.
_DATE_ATTR_SELECTOR = (
    "[itemprop]:is([itemprop=datePublished][content], [itemprop=datePublished][datetime], "
    "[itemprop=dateCreated][content]), .published[title], time[datetime], "
    "[data-published], [data-publish-date], [data-published-date], [data-date-published], "
    "[data-pub-date], [data-publish-dt], [data-deploy-dt], [data-release-date]"
)
_DATE_ATTRS = (
    "content",
    "title",
    "datetime",
    "data-published",
    "data-publish-date",
    "data-published-date",
    "data-date-published",
    "data-pub-date",
    "data-publish-dt",
    "data-deploy-dt",  # "deployed": published, in some CMSs' words
    "data-release-date",
)
# Attributes that hold a date only on elements that say so: <meta itemprop=datePublished content>,
# hAtom's <abbr class="published" title="2020-03-01T10:00:00">.
_TYPED_ATTRS = {
    "content": lambda attrs: attrs.get("itemprop") in ("datePublished", "dateCreated"),
    "title": lambda attrs: "published" in (attrs.get("class") or "").split(),
}
# Printed dates that say they are an update, not the publication.
_UPDATED = re.compile(
    r"updated|modified|aktualisiert|geändert|mis à jour|actualizad[oa]|aggiornat|bijgewerkt|"
    r"оновлено|обновлено",
    re.IGNORECASE,
)
# Keys of script data that hold the publication date ("first-publication", "datePublished",
# "publishedAt"...), read in the first MAX_DATA_SCRIPTS scripts, MAX_DATA_SCRIPT_CHARS each.
_DATA_LAYER_DATE = re.compile(
    r"""["'](?:date_?published|first[-_]?publication(?:[-_]?date)?|first[-_]?published(?:[-_]?(?:at|date))?|"""
    r"""published[-_]?(?:at|date|time)|publish[-_]?(?:date|time|dt)|pub[-_]?date|publication[-_]?date|"""
    r"""deploy[-_]?(?:dt|date|time)|release[-_]?date)["']\s*:\s*"""
    r"""["'](\d{4}[-./]\d{2}[-./]\d{2}[^"']{0,30})["']""",
    re.IGNORECASE,
)
MAX_DATA_SCRIPTS = 40
MAX_DATA_SCRIPT_CHARS = 200_000
# Elements whose class or id says they hold the printed date (the class words under one test
# of the attribute; "dateline" is a "date").
_DATE_CLASS_SELECTOR = (
    "[class]:is([class*=date], [class*=Date], [class*=publish], [class*=Publish], [class*=time], "
    "[class*=Time], [class*=byline], [class*=Byline], [class*=meta]), [id*=date], time"
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


def published(doc: Document) -> str | None:
    """The first date the page gives that reads as a date and is not after the capture, from
    structured data to printed text; a bare day is completed by a time printed on the page for
    that same day. When no candidate reads cheaply, the first one is left to the normalizer."""
    first = None
    for value in _candidates(doc):
        first = first or value
        parsed = parse_date(value, fuzzy=False)
        if parsed is None:
            if is_relative_date(value):  # "3 hours ago": the normalizer resolves it
                return value
            continue
        if after_capture(parsed, doc.fetched_at):
            continue  # an event's date, or a broken clock: not when this was published
        if not isinstance(parsed, datetime):
            return _printed_time_on(doc, parsed) or value
        return value
    return first


def _candidates(doc: Document) -> Iterator[str]:
    """Publication-date strings, most trustworthy first."""
    ld = doc.article_ld() or {}
    yield from _present(ld_text(ld.get("datePublished")), ld_text(ld.get("dateCreated")))
    yield from _present(*(doc.first_meta(k) for k in _DATE_META))
    # A WebPage or a bare object may carry the date when no Article does.
    yield from _present(*(ld_text(obj.get("datePublished")) for obj in doc.jsonld))
    for node in doc.tree.css(_DATE_ATTR_SELECTOR):
        if not in_article_context(node):
            continue
        attrs = node.attributes
        for name in _DATE_ATTRS:
            value = attrs.get(name)
            if value and value.strip() and (name not in _TYPED_ATTRS or _TYPED_ATTRS[name](attrs)):
                yield value.strip()
                break
    if node := doc.tree.css_first("[itemprop=datePublished]"):
        yield from _present(clean_text(node.text()))
    # Printed dates: elements named like a date whose text reads as one; a date the page calls
    # an update, or one printed in a sidebar, only when nothing else is printed.
    article = first_article(doc)
    updates, sidebars = [], []
    for _, node, _ in article_first(doc.body, article, (_DATE_CLASS_SELECTOR,)):
        text = clean_text(node.text())
        if 6 <= len(text) <= 120 and in_article_context(node) and looks_like_date(text):
            attrs = node.attributes
            if any(p.tag in ("aside", "nav") for p in ancestors(node)):
                sidebars.append(text)
            elif _UPDATED.search(f"{attrs.get('class') or ''} {text}"):
                updates.append(text)
            else:
                yield text
    yield from _data_layer_dates(doc)
    yield from updates
    m = _URL_DATE.search(doc.url or doc.canonical or "")
    if m:
        yield f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    # Last resort (htmldate does the same): the first full date printed in the article's text.
    scope = article or doc.tree.css_first("main") or doc.body
    text = clean_text(scope.text(deep=True, separator=" "))[:LAST_RESORT_DATE_CHARS]
    yield from _present(find_date_text(text))
    yield from sidebars


def _present(*values: str | None) -> Iterator[str]:
    return (v for v in values if v)


def _data_layer_dates(doc: Document) -> Iterator[str]:
    """Publication dates in the page's script data (analytics data layers, app state), read
    only from the first scripts: the ones that describe the page itself."""
    for script in doc.tree.css("script")[:MAX_DATA_SCRIPTS]:
        if (script.attributes.get("type") or "").endswith("ld+json"):
            continue  # read as JSON-LD already
        source = script.text(deep=False)
        if len(source) > MAX_DATA_SCRIPT_CHARS:
            source = source[:MAX_DATA_SCRIPT_CHARS]
        if m := _DATA_LAYER_DATE.search(source):
            yield m.group(1)
            return


def modified(doc: Document) -> str | None:
    ld = doc.article_ld() or {}
    return ld_text(ld.get("dateModified")) or doc.first_meta(*_MODIFIED_META)


def _printed_time_on(doc: Document, day: date | None) -> str | None:
    """A printed date with a time on ``day`` (a date element, or its parent when the time sits in
    a sibling: <span class=date>December 15, 2016</span><span class=time>3:33 PM ET</span>)."""
    if day is None:
        return None
    article = first_article(doc)
    for i, (_, node, _) in enumerate(article_first(doc.body, article, (_DATE_CLASS_SELECTOR,))):
        if i == MAX_PRINTED_DATES:
            break
        for scope in (node, node.parent):
            text = clean_text(scope.text(separator=" ")) if scope is not None else ""
            if 6 <= len(text) <= 120:
                value = parse_date(text, fuzzy=False)
                if isinstance(value, datetime) and value.date() == day:
                    return text
    return None
