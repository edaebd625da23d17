"""Publication and modification dates: structured data, machine-readable attributes, printed
dates named as such, the URL, and last the article's running text."""

from __future__ import annotations

import re
from datetime import date, datetime

from ...document import Document
from ...normalize.dates import find_date_text, looks_like_date, parse_date
from ...normalize.text import clean_text
from .signals import article_first, ld_text

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


def published(doc: Document) -> str | None:
    """The first date the page gives, from structured data to printed text; a bare day is
    completed by a time printed on the page for that same day."""
    value = _published(doc)
    if value and not isinstance(parsed := parse_date(value, fuzzy=False), datetime):
        return _printed_time_on(doc, parsed) or value
    return value


def _published(doc: Document) -> str | None:
    ld = doc.article_ld() or {}
    for value in (
        ld_text(ld.get("datePublished")),
        ld_text(ld.get("dateCreated")),
        *(doc.first_meta(k) for k in _DATE_META),
    ):
        if value:
            return value
    for obj in doc.jsonld:  # a WebPage or a bare object may carry the date when no Article does
        value = ld_text(obj.get("datePublished"))
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
    for _, node, _ in article_first(doc.body, article, (_DATE_CLASS_SELECTOR,)):
        text = clean_text(node.text())
        if 6 <= len(text) <= 120 and looks_like_date(text):
            return text
    m = _URL_DATE.search(doc.url or doc.canonical or "")
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    # Last resort (htmldate does the same): the first full date printed in the article's text.
    text = clean_text((article or doc.body).text(deep=True, separator=" "))[:LAST_RESORT_DATE_CHARS]
    return find_date_text(text)


def modified(doc: Document) -> str | None:
    ld = doc.article_ld() or {}
    return ld_text(ld.get("dateModified")) or doc.first_meta(*_MODIFIED_META)


def _printed_time_on(doc: Document, day: date | None) -> str | None:
    """A printed date with a time on ``day`` (a date element, or its parent when the time sits in
    a sibling: <span class=date>December 15, 2016</span><span class=time>3:33 PM ET</span>)."""
    if day is None:
        return None
    article = doc.tree.css_first("article")
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
