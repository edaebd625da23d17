"""Publication and modification dates.

The publication date is the first candidate that reads as a date, most trustworthy first:
structured data (JSON-LD, publication metas), machine-readable attributes, printed dates of
date-named elements, a date the page's text labels as the publication, generic date metas, script
data, printed updates, the URL's day, and last the running text. The value is then given as the
site shows it: a UTC instant in the offset the page itself gives (never an invented one), a
slashed day in the page's English, and the date printed under the headline where a second
publication stamp says the first choice was another day."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

from selectolax.lexbor import LexborNode

from ...document import Document
from ...normalize.dates import (
    after_capture,
    find_date_text,
    is_relative_date,
    looks_like_date,
    parse_date,
    to_iso,
)
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
# Metadata that names only "a date" of the page: many CMSs fill it with the day the page was
# generated or last edited, so a date the article prints, or one marked up as its publication,
# comes first.
_WEAK_DATE_META = ("date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date")
# Elements carrying a machine-readable publication date in an attribute (found in page order,
# whatever the order here). The itemprop values are grouped under one test of the attribute:
# Lexbor looks an attribute up once per alternative at every node.
_DATE_ATTR_SELECTOR = (
    "[itemprop]:is([itemprop=datePublished][content], [itemprop=datePublished][datetime], "
    "[itemprop=dateCreated][content]), .published[title], time[datetime], "
    "[data-published], [data-publish-date], [data-published-date], [data-date-published], "
    "[data-pub-date], [data-publish-dt], [data-deploy-dt], [data-release-date], [data-date-time], "
    "[data-utime], [class*=ago][title]"
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
    "data-date-time",
    "data-utime",  # seconds since 1970, UTC
)
# Attributes that hold a date only on elements that say so: <meta itemprop=datePublished content>,
# hAtom's <abbr class="published" title="2020-03-01T10:00:00">.
_TYPED_ATTRS = {
    "content": lambda attrs: attrs.get("itemprop") in ("datePublished", "dateCreated"),
    "title": lambda attrs: bool(_TITLE_DATED.search(attrs.get("class") or "")),
}
# Classes whose element keeps its exact date in the title (hAtom's "published"; the tooltip of a
# "3 hours ago" label: "timeago", "time-ago", "news-time-ago").
_TITLE_DATED: re.Pattern[str] = re.compile(r"\bpublished\b|ago\b")
# Printed dates that say they are an update, not the publication.
_UPDATED = re.compile(
    r"updated|modified|aktualisiert|geändert|mis à jour|actualizad[oa]|aggiornat|bijgewerkt|"
    r"оновлено|обновлено",
    re.IGNORECASE,
)
# A printed clock, not a date of the page: a forum's "current time", a portal's "today is".
_CLOCK = re.compile(
    r"aktuelle zeit|it is currently|current time|heute ist|today is|es ist jetzt|nous sommes le|"
    r"[ée]dition du",  # a portal's edition of the day
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
# The elements read for what the page prints of a date it gives elsewhere (the time of a bare
# day, the wall time of a UTC instant): <time> and the "date" classes, a cheaper query than the
# one above, which also looks for bylines and meta lines.
_DATE_TEXT_SELECTOR = "time, [class*=date], [class*=Date]"
# How many date-named elements are read for the time of a date given without one.
MAX_PRINTED_DATES = 20
# How much of the article's text the last-resort date search reads.
LAST_RESORT_DATE_CHARS = 5000
# How much of the page's text the search for a labelled date reads (a footer's "Stand:" on a
# long page lies past 50 000 characters only on pages whose article is found otherwise).
LAST_RESORT_PAGE_CHARS = 100_000
# Words that introduce the publication date in running text; and those that introduce an update.
_PUBLISHED_LABEL = re.compile(
    r"\b(?:datum|stand|erschienen(?: am)?|ver[öo]ffentlicht(?: am)?|erstellt(?: am)?|publiziert(?: am)?|"
    r"eingestellt(?: am)?|erscheinungsdatum|published(?: on)?|posted(?: on)?|date|publi[ée](?: le)?|"
    r"publicado(?: el)?|pubblicato(?: il)?|gepubliceerd(?: op)?|"
    r"beitrag wurde(?: \w+)? am)\b\s*:?\s*",  # WordPress themes: "Dieser Beitrag wurde am ... veröffentlicht"
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"\b(?:aktualisiert(?: am)?|zuletzt (?:aktualisiert|geändert)(?: am)?|letzte [äa]nderung|"
    r"last (?:updated|modified)(?: on)?|updated(?: on)?|mis à jour(?: le)?)\b\s*:?\s*",
    re.IGNORECASE,
)
# How much of the text after the headline is read for the date printed under it.
HEADLINE_DATE_REACH = 200
# How far after its label a labelled date may start ("Stand: Montag, 09.10.2017").
LABEL_REACH = 24
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
            value = _printed_time_on(doc, parsed) or value
        elif parsed.utcoffset() == timedelta(0):
            value = _local(doc, parsed) or value
        return _as_printed(doc, _in_locale_order(doc, value))
    return first


# 02/10/2020: English is read month first (US sites print slashes, British ones month names),
# unless the page declares an English of a country that writes the day first.
_SLASHED_DAY = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?![\d/])")
_MONTH_FIRST_REGIONS = frozenset(("us", "ph", "fm", "mh", "pw", "as", "gu", "mp", "pr", "um", "vi"))


def _in_locale_order(doc: Document, value: str) -> str:
    """A slashed date on a page in British, Irish, Indian... English, read day first, as ISO."""
    root = doc.tree.root
    declared = doc.lang or (root.attributes.get("xml:lang") if root is not None else None)
    lang = (declared or doc.first_meta("og:locale") or "").lower().replace("_", "-")
    if not lang.startswith("en-") or lang[3:5] in _MONTH_FIRST_REGIONS or not _SLASHED_DAY.search(value):
        return value
    return to_iso(parse_date(value, languages=(lang,), fuzzy=False)) or value


def _as_printed(doc: Document, value: str) -> str:
    """The date printed under the headline when it names another day than ``value`` and another
    of the page's publication stamps (or its URL) names that day too: the page shows its readers
    that one, and the value chosen first was another event's (an embedded post, a stale field).
    A date in the text under the headline with no such support is as often one the article
    mentions; one a modification stamp supports is the last edit, not the publication."""
    chosen = parse_date(value, fuzzy=False)
    if chosen is None:
        return value
    others = set()  # the other days the witnesses name; most pages have none, and stop here
    for stamp in (*_stamps(doc, published_only=True), _url_day(doc)):
        other = parse_date(stamp, fuzzy=False) if stamp else None
        if other is not None and _day(other) != _day(chosen):
            others.add(_day(other))
    printed = _headline_date(doc) if others else None
    shown = parse_date(printed, fuzzy=False) if printed else None
    if shown is None or after_capture(shown, doc.fetched_at) or _day(shown) not in others:
        return value
    return printed or value


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _headline_date(doc: Document) -> str | None:
    """A full date printed just after the headline (the first <h1>), not one labelled an update."""
    h1 = doc.tree.css_first("h1")
    if h1 is None:
        return None
    after = _text_after(h1, HEADLINE_DATE_REACH)
    found = find_date_text(after, terse=True)
    if found is None:
        return None
    start = after.index(found)
    if _UPDATED.search(after[:start]) or after[start - 1 : start] == "/":
        return None  # an update's date; a date in a printed link
    rest = after[start + len(found) :]
    if (again := find_date_text(rest, terse=True)) and parse_date(again, fuzzy=False) != parse_date(
        found, fuzzy=False
    ):
        return None  # two dates under the headline: which is the publication is not said
    return found


_CODE_TAGS = frozenset(("script", "style", "noscript", "template"))


def _text_after(node: LexborNode, reach: int) -> str:
    """About ``reach`` characters of the text that follows ``node`` in the page: its following
    siblings', then its ancestors' following siblings' (scripts and styles left out)."""
    parts: list[str] = []
    size = 0
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html") and size < reach:
        sibling = current.next
        while sibling is not None and size < reach:
            if sibling.tag not in _CODE_TAGS:
                text = sibling.text(deep=True, separator=" ")
                if text.strip():
                    parts.append(text)
                    size += len(text)
            sibling = sibling.next
        current = current.parent
    return clean_text(" ".join(parts))[:reach]


def _candidates(doc: Document) -> Iterator[str]:
    """Publication-date strings, most trustworthy first."""
    ld = doc.article_ld() or {}
    yield from _present(ld_text(ld.get("datePublished")), ld_text(ld.get("dateCreated")))
    yield from _present(*(doc.first_meta(k) for k in _DATE_META))
    # A WebPage or a bare object may carry the date when no Article does.
    yield from _present(*(ld_text(obj.get("datePublished")) for obj in doc.jsonld))
    # A video page's VideoObject says when it went up.
    yield from _present(*(ld_text(obj.get("uploadDate")) for obj in doc.jsonld))
    for node in doc.tree.css(_DATE_ATTR_SELECTOR):
        if not _own_date(node):
            continue
        attrs = node.attributes
        for name in _DATE_ATTRS:
            value = attrs.get(name)
            if value and value.strip() and (name not in _TYPED_ATTRS or _TYPED_ATTRS[name](attrs)):
                yield _epoch(value.strip()) if name == "data-utime" else value.strip()
                break
    if marked := doc.tree.css_first("[itemprop=datePublished]"):
        yield from _present(clean_text(marked.text()))
    # Printed dates: elements named like a date whose text reads as one; a date the page calls
    # an update, or one printed in a sidebar, only when nothing else is printed.
    article = first_article(doc)
    updates, sidebars = [], []
    for _, node, _ in article_first(doc.body, article, (_DATE_CLASS_SELECTOR,)):
        text = clean_text(node.text())
        if 6 <= len(text) <= 120 and _own_date(node) and not _CLOCK.search(text) and looks_like_date(text):
            attrs = node.attributes
            if any(p.tag in ("aside", "nav") for p in ancestors(node)):
                sidebars.append(text)
            elif _UPDATED.search(f"{attrs.get('class') or ''} {text}"):
                updates.append(text)
            else:
                yield text
    # A date the page's text labels as the publication ("Erschienen am: 13.10.2021", "Stand:
    # 09.10.2017", often in the footer, outside any article markup).
    page = _shown_text(doc)
    yield from _present(_labelled_date(page, _PUBLISHED_LABEL))
    yield from _present(*(doc.first_meta(k) for k in _WEAK_DATE_META))
    yield from _data_layer_dates(doc)
    yield from updates
    yield from _present(_url_day(doc))
    # Last resorts (htmldate reads the same places): the first full date in the article's text,
    # one labelled an update, and the first date of the page.
    scope = article or doc.tree.css_first("main")
    text = clean_text(scope.text(deep=True, separator=" ")) if scope is not None else page
    yield from _present(find_date_text(text[:LAST_RESORT_DATE_CHARS], terse=True))
    yield from _present(_labelled_date(page, _UPDATED_LABEL))
    yield from sidebars
    yield from _present(find_date_text(page[:LAST_RESORT_DATE_CHARS], terse=True))


def _own_date(node: LexborNode) -> bool:
    """A date of this article: not in a part of the page about others (see in_article_context),
    nor in an embedded post (a quoted tweet or Instagram post is a <blockquote> with its date)."""
    return in_article_context(node) and not any(p.tag == "blockquote" for p in ancestors(node))


def _url_day(doc: Document) -> str | None:
    m = _URL_DATE.search(doc.url or doc.canonical or "")
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def _shown_text(doc: Document) -> str:
    """The body's text without its scripts and styles (whose code holds dates that are not
    printed: "minDate", build stamps), up to LAST_RESORT_PAGE_CHARS; read once per page."""
    if "shown_text" not in doc.memo:
        doc.memo["shown_text"] = _without_code(doc.body)
    shown: str = doc.memo["shown_text"]
    return shown


def _without_code(body: LexborNode) -> str:
    text = body.text(deep=True, separator=" ")
    # The code stands in the text in page order: cut it out in one pass.
    kept, at = [], 0
    for node in body.css("script, style, noscript, template"):
        code = node.text(deep=True)
        found = text.find(code, at) if code.strip() else -1
        if found >= 0:
            kept.append(text[at:found])
            at = found + len(code)
    kept.append(text[at:])
    return clean_text(" ".join(kept)[: LAST_RESORT_PAGE_CHARS * 2])[:LAST_RESORT_PAGE_CHARS]


def _labelled_date(text: str, label: re.Pattern[str]) -> str | None:
    """The first full date that follows one of the ``label`` words closely."""
    for m in label.finditer(text):
        after = text[m.end() : m.end() + LABEL_REACH + 40]
        found = find_date_text(after, terse=True)
        if found and after.index(found) <= LABEL_REACH:
            return found
    return None


def _epoch(value: str) -> str:
    """Seconds since 1970 as ISO 8601 in UTC; other text unchanged."""
    if value.isdigit() and 9 <= len(value) <= 10:
        return datetime.fromtimestamp(int(value), timezone.utc).isoformat()
    return value


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
    for text, _, _ in _date_texts(doc):
        value = parse_date(text, fuzzy=False)
        if isinstance(value, datetime) and value.date() == day:
            return text
    return None


def _date_texts(doc: Document) -> list[tuple[str, LexborNode, bool]]:
    """(text, element, says it is an update) of the first MAX_PRINTED_DATES date-named elements,
    each alone and with its parent (where the time sits in a sibling), in the article first;
    read once per page."""
    if "date_texts" not in doc.memo:
        doc.memo["date_texts"] = _read_date_texts(doc)
    texts: list[tuple[str, LexborNode, bool]] = doc.memo["date_texts"]
    return texts


def _read_date_texts(doc: Document) -> list[tuple[str, LexborNode, bool]]:
    texts: list[tuple[str, LexborNode, bool]] = []
    article = first_article(doc)
    for i, (_, node, _) in enumerate(article_first(doc.body, article, (_DATE_TEXT_SELECTOR,))):
        if i == MAX_PRINTED_DATES:
            break
        for scope in (node, node.parent):
            text = clean_text(scope.text(separator=" ")) if scope is not None else ""
            if 6 <= len(text) <= 120 and not _CLOCK.search(text):
                texts.append((text, node, bool(_UPDATED.search(text))))
    return texts


# The offsets a site's clock can have (UTC-12:00 to UTC+14:00), in the quarter hours they come in.
_EARLIEST_OFFSET, _LATEST_OFFSET = timedelta(hours=-12), timedelta(hours=14)
_QUARTER_HOUR = timedelta(minutes=15)


def _local(doc: Document, instant: datetime) -> str | None:
    """A UTC instant in the site's own time, from what the page says of that time: the record
    promises the site's wall clock, and a UTC instant's day is another day for half the world
    around midnight. First the offset of the same instant written elsewhere on the page, or a wall
    time printed for it; then the offset the page's other timestamps carry; last the day the page
    prints or its URL names, alone (then the time of day is unknown, and no offset is invented)."""
    offset = _offset_for(doc, instant)
    if offset is not None:
        return instant.astimezone(timezone(offset)).isoformat()
    day = _local_day(doc, instant)
    if day is not None and day != instant.date():
        return day.isoformat()
    return None


def _stamps(doc: Document, *, published_only: bool = False) -> Iterator[str]:
    """The page's machine-readable timestamps: <meta> dates, JSON-LD dates, <time datetime>;
    ``published_only``: the metadata that says it is the publication's."""
    for key, values in doc.meta.items():
        if key in _PUBLISHED_META if published_only else ("date" in key or "time" in key or "publish" in key):
            yield from values
    keys = _LD_PUBLISHED if published_only else (*_LD_PUBLISHED, "dateModified")
    for obj in doc.jsonld:
        for key in keys:
            yield from _present(ld_text(obj.get(key)))
    if published_only:
        return  # a <time> element's attribute is the printed date's own markup: no second witness
    for node in doc.tree.css("time[datetime]")[:MAX_PRINTED_DATES]:
        yield from _present(node.attributes.get("datetime"))


_PUBLISHED_META = frozenset((*_DATE_META, *_WEAK_DATE_META))
_LD_PUBLISHED = ("datePublished", "dateCreated", "uploadDate")


def _offset_for(doc: Document, instant: datetime) -> timedelta | None:
    """The site's UTC offset: that of the same instant given with a non-zero offset, or of a wall
    time given for it (same minute, a whole quarter hour away), or else the offset most of the
    other timestamps carry; the page's machine-readable stamps first, then (only when they say
    nothing, as reading them costs more) its printed dates."""
    others: Counter[timedelta] = Counter()
    for texts in (_stamps(doc), _printed_texts(doc)):
        for text in texts:
            for value in _readings(text):
                if not isinstance(value, datetime):
                    continue
                # a time given to the minute is that instant's minute
                same = instant.replace(second=0, microsecond=0) if not value.second else instant
                offset = value.utcoffset()
                if offset is None:
                    gap = value - same.replace(tzinfo=None)
                    if _EARLIEST_OFFSET <= gap <= _LATEST_OFFSET and not gap % _QUARTER_HOUR:
                        return gap  # none at all: the page shows the UTC clock (or its "Z" is wrong)
                elif offset:
                    if value == same:
                        return offset
                    others[offset] += 1
        if others:
            return others.most_common(1)[0][0]
    return None


# Any language but English reads 03/05/2022 day first (normalize.dates.parse_date).
_DAY_FIRST = ("de",)


# A time of day ("21:44", "0 h 23", "14.30"): a text without one gives no offset, and is not parsed.
_CLOCK_TIME = re.compile(r"\d\s?[:.h]\s?\d\d")


def _readings(text: str) -> Iterator[date]:
    """The values a printed date with a time can have: a slashed one is read both ways, as the
    page's language is not known here."""
    if not _CLOCK_TIME.search(text):
        return
    value = parse_date(text, fuzzy=False)
    if value is not None:
        yield value
    if _SLASHED_DAY.search(text):
        other = parse_date(text, languages=_DAY_FIRST, fuzzy=False)
        if other is not None and other != value:
            yield other


def _printed_texts(doc: Document) -> Iterator[str]:
    """The printed dates of date-named elements, then the date printed under the headline."""
    yield from _printed_dates(doc)
    h1 = doc.tree.css_first("h1")
    if h1 is not None:
        yield from _present(find_date_text(_text_after(h1, HEADLINE_DATE_REACH), terse=True))


def _printed_dates(doc: Document, *, article_only: bool = False) -> list[str]:
    """The printed dates of date-named elements that do not say they are an update;
    ``article_only``: only those in the article's context."""
    return [
        text
        for text, node, updated in _date_texts(doc)
        if not updated and (not article_only or in_article_context(node))
    ]


def _local_day(doc: Document, instant: datetime) -> date | None:
    """The day the page's URL names for an instant, else the first day the article prints, when
    that is one of the days the instant falls on somewhere (an issue's date in the URL, a related
    story's date first in print, are other days). A printed time of day that is not the instant's
    (an update's, a clock's) marks another moment: no evidence."""
    days = {(instant + _EARLIEST_OFFSET).date(), (instant + _LATEST_OFFSET).date()}
    named = _url_day(doc)
    texts = (named,) if named else _printed_dates(doc, article_only=True)
    for text in texts:
        value = parse_date(text, fuzzy=False)
        if value is None:
            continue
        if isinstance(value, datetime):
            return None  # a wall time for the same instant gave the offset already
        return value if value in days else None
    return None
