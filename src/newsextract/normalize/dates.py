"""Dates: raw strings -> aware datetimes in the site's local time, and their ISO form.

Cheap paths first (ISO 8601 and its common near-misses, ``strptime`` formats a site declares,
day-month-year with month names in English, Ukrainian and Russian); dateparser only when those
fail, with the languages and time zone already known (it is slow to import and to run).
Naive wall times get the site's time zone when it is known. Relative dates ("3 hours ago")
resolve against ``fetched_at``, never against the current time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .text import trie_regex

__all__ = [
    "MONTHS",
    "after_capture",
    "find_date_text",
    "is_relative_date",
    "looks_like_date",
    "parse_date",
    "to_iso",
    "warm_up",
    "zone",
]

log = logging.getLogger(__name__)

_ISO = re.compile(
    r"""^\s*(?P<y>\d{4})-?(?P<m>\d{1,2})-?(?P<d>\d{1,2})
    (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?
       \s*(?P<tz>Z|UTC|GMT|[+-]\d{3,4}|[+-]\d{2}(?::?\d{2})?)?)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)

# ISO 8601's basic format: 20180619T055000+0900.
_ISO_BASIC = re.compile(
    r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})T(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?(?:[.,]\d+)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?\s*$",
    re.IGNORECASE,
)

# Month names in the genitive / nominative forms pages print, lower-case, by language.
MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "uk": (
        ("січня", "січень"),
        ("лютого", "лютий"),
        ("березня", "березень"),
        ("квітня", "квітень"),
        ("травня", "травень"),
        ("червня", "червень"),
        ("липня", "липень"),
        ("серпня", "серпень"),
        ("вересня", "вересень"),
        ("жовтня", "жовтень"),
        ("листопада", "листопад"),
        ("грудня", "грудень"),
    ),
    "ru": (
        ("января", "январь"),
        ("февраля", "февраль"),
        ("марта", "март"),
        ("апреля", "апрель"),
        ("мая", "май"),
        ("июня", "июнь"),
        ("июля", "июль"),
        ("августа", "август"),
        ("сентября", "сентябрь"),
        ("октября", "октябрь"),
        ("ноября", "ноябрь"),
        ("декабря", "декабрь"),
    ),
    # Latin-script languages of the European and Latin American press: full names, and the
    # abbreviations pages print that are not words of another language ("ago" is English).
    "de": (
        ("januar", "jänner", "jan"),
        ("februar", "feber", "feb"),
        ("märz", "mär", "maerz"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    ),
    "fr": (
        ("janvier", "janv"),
        ("février", "fevrier", "févr", "fév"),
        ("mars",),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("août", "aout"),
        ("septembre",),
        ("octobre",),
        ("novembre",),
        ("décembre", "decembre", "déc"),
    ),
    "es": (
        ("enero", "ene"),
        ("febrero",),
        ("marzo",),
        ("abril", "abr"),
        ("mayo",),
        ("junio",),
        ("julio",),
        ("agosto",),
        ("septiembre", "setiembre"),
        ("octubre",),
        ("noviembre",),
        ("diciembre", "dic"),
    ),
    "it": (
        ("gennaio",),
        ("febbraio",),
        ("marzo",),
        ("aprile",),
        ("maggio",),
        ("giugno",),
        ("luglio",),
        ("agosto",),
        ("settembre",),
        ("ottobre",),
        ("novembre",),
        ("dicembre",),
    ),
    "pt": (
        ("janeiro",),
        ("fevereiro",),
        ("março", "marco"),
        ("abril",),
        ("maio",),
        ("junho",),
        ("julho",),
        ("agosto",),
        ("setembro",),
        ("outubro",),
        ("novembro",),
        ("dezembro",),
    ),
    "nl": (
        ("januari",),
        ("februari",),
        ("maart", "mrt"),
        ("april",),
        ("mei",),
        ("juni",),
        ("juli",),
        ("augustus",),
        ("september",),
        ("oktober",),
        ("november",),
        ("december",),
    ),
    # Swedish, Danish and Norwegian share most names.
    "sv": (
        ("januari",),
        ("februari",),
        ("mars", "marts"),
        ("april",),
        ("maj",),
        ("juni",),
        ("juli",),
        ("augusti",),
        ("september",),
        ("oktober",),
        ("november",),
        ("december", "desember"),
    ),
    "pl": (
        ("stycznia", "styczeń"),
        ("lutego", "luty"),
        ("marca", "marzec"),
        ("kwietnia", "kwiecień"),
        ("maja",),
        ("czerwca", "czerwiec"),
        ("lipca", "lipiec"),
        ("sierpnia", "sierpień"),
        ("września", "wrzesień"),
        ("października", "październik"),
        ("listopada",),
        ("grudnia", "grudzień"),
    ),
    "cs": (
        ("ledna",),
        ("února",),
        ("března",),
        ("dubna",),
        ("května",),
        ("června",),
        ("července",),
        ("srpna",),
        ("září",),
        ("října",),
        ("listopadu",),
        ("prosince",),
    ),
    "tr": (
        ("ocak",),
        ("şubat",),
        ("mart",),
        ("nisan",),
        ("mayıs",),
        ("haziran",),
        ("temmuz",),
        ("ağustos",),
        ("eylül",),
        ("ekim",),
        ("kasım",),
        ("aralık",),
    ),
}
_MONTH_NUMBER = {name: i + 1 for names in MONTHS.values() for i, forms in enumerate(names) for name in forms}


_MONTH_ALT = trie_regex(_MONTH_NUMBER)
_MONTH_WORD = rf"(?P<mon>{_MONTH_ALT})(?![^\W\d_])"
# A time after the date: "19:50", "at 3:45 PM", "um 14.30", "à 14h30", "- 9:05".
_TIME = (
    r"(?:(?:,?\s*|\s*[-–|]\s*)(?:at\s+|о\s+|в\s+|um\s+|à\s+|a\s+las\s+|alle\s+|om\s+|kl\.?\s*|klo\s+|godz\.\s*)?"
    r"(?P<H>\d{1,2})(?:[:.]|\s?h\s?)(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
# "Friday, 12 July 2024, 19:50", "24 жовтня, 15:26", "12. März 2019", "15 de abril de 2020"
_DAY_MONTH = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:(?:st|nd|rd|th|er)?\s+|\.\s*)(?:of\s+|de\s+)?{_MONTH_WORD}\.?"
    rf"(?:,?\s+(?:de\s+)?(?P<y>\d{{4}})(?!\d)(?:\s*(?:р\.|г\.|року|года))?)?{_TIME}",
    re.IGNORECASE,
)
# "July 12, 2024 3:45 PM", "Jul. 12 2024"
_MONTH_DAY = re.compile(
    rf"(?<![\w]){_MONTH_WORD}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d){_TIME}",
    re.IGNORECASE,
)
# "Fri Apr 28 19:20:36 CEST 2023": C's date(1) and Java's Date.toString()
_CTIME = re.compile(
    rf"(?<![\w]){_MONTH_WORD}\s+(?P<d>\d{{1,2}})\s+(?P<H>\d{{1,2}}):(?P<M>\d{{2}}):(?P<S>\d{{2}})"
    r"\s+(?:(?P<zone>[A-Za-z]{3,5})\s+)?(?P<y>\d{4})(?!\d)(?P<ampm>)",
    re.IGNORECASE,
)
# 2019年02月22日 14時30分 (Japanese, Chinese), 2019년 3월 5일 (Korean)
_CJK = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
    r"(?:\D{0,6}?(?P<H>\d{1,2})\s*(?:[時시:])\s*(?P<M>\d{2})(?:\s*分)?(?P<S>)(?P<ampm>))?"
)
# 2019/03/05 14:30, 2019.03.05 (year first)
_YMD = re.compile(
    rf"(?<![\d.])(?P<y>(?:19|20)\d{{2}})[./](?P<m>\d{{1,2}})[./](?P<d>\d{{1,2}})(?![\d.]){_TIME}"
)
# 2019-03-05 printed as it stands (a timestamp's "2019-03-05T10:00" is not a printed date)
_YMD_DASHED = re.compile(
    rf"(?<![\d.-])(?P<y>(?:19|20)\d{{2}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d.-]|T\d){_TIME}"
)
# 12.07.2024 19:50 (day first, as everywhere but the US; US sites print month names), and
# 12. 7. 2024 as Czech and Slovak write it
_NUMERIC = re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}})(?!\d){_TIME}")
# 03/05/2021 14:30: day first (Europe, Latin America) or month first (the US), told apart by a
# part above 12, else by the page's language.
_SLASHED = re.compile(
    rf"(?<![\d/.])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>(?:19|20)\d{{2}})(?![\d/]){_TIME}"
)
# 02.12.19, 8.5.12 14:30: day first with a two-digit year (German-speaking and Central European
# pages print it under a headline or a forum post); the year is read in 1990-2089.
_NUMERIC_SHORT = re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<yy>\d{{2}})(?![\d.]){_TIME}")
# 26 | 01 | 2022: the parts of a day set apart by bars (some magazine templates)
_PIPED = re.compile(
    rf"(?<![\d|])(?P<d>\d{{1,2}})\s?\|\s?(?P<m>\d{{1,2}})\s?\|\s?(?P<y>(?:19|20)\d{{2}})(?!\d){_TIME}"
)
_PRINTED = (_DAY_MONTH, _CTIME, _MONTH_DAY, _CJK, _YMD, _NUMERIC, _SLASHED)
# Terse forms: read in a date's own text, and searched in running text only where a date is
# looked for (in a paragraph they also match comment signatures, versions and stamps).
_TERSE = (_YMD_DASHED, _PIPED, _NUMERIC_SHORT)
_ALL_FORMS = _PRINTED + _TERSE
# What a text must hold for a pattern to match somewhere in it, found far faster than the
# pattern itself: a month name is tried at every word, digits are rare.
_NEEDS = {
    _CTIME: re.compile(r"\d:\d\d:\d\d"),
    _MONTH_DAY: re.compile(r"\d(?:st|nd|rd|th)?,?\s+\d{4}", re.IGNORECASE),
    _PIPED: re.compile(r"\d\s?\|\s?\d"),
}


def _patterns_for(text: str, forms: tuple[re.Pattern[str], ...] = _ALL_FORMS) -> list[re.Pattern[str]]:
    return [p for p in forms if (need := _NEEDS.get(p)) is None or need.search(text)]


_TZ_ABBREV = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "msk": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "ist": 330,
    "jst": 540,
    "kst": 540,
    "aest": 600,
    "aedt": 660,
}
_TZ_WORD = re.compile(r"\b(" + "|".join(_TZ_ABBREV) + r")\b", re.IGNORECASE)
# US sites print "3:33 PM ET": the zone, standard or daylight time by the date. Capitals only
# ("et" is French for "and").
_US_ZONE = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_US_ZONE_WORD = re.compile(r"\b(ET|CT|MT|PT)\b")
# "8:27 AM - 21 Jun 2016", "22:57 GMT 28.04.2020": the time written before the date.
_TIME_BEFORE = re.compile(
    r"(?<![\d:])(?P<H>\d{1,2}):(?P<M>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>GMT|UTC)?\s*[-–—,·|]?\s*$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(ago|назад|тому|yesterday|today|вчора|вчера|сьогодні|сегодня)\b", re.IGNORECASE)

_RFC2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|[A-Z]{1,3})$"
)

_EARLIEST = datetime(1990, 1, 1)


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo | None:
    """ZoneInfo for an IANA name, or None when the name is unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    word = text.lower()
    if word in ("z", "utc", "gmt"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    if len(digits) == 3:  # "-500" as some CMSs write -05:00
        digits = "0" + digits
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _localise(value: datetime, tz: tzinfo | None) -> datetime:
    """Aware values move to the site zone (same instant); naive ones are read as site wall time."""
    if tz is None:
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def _build(
    y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None, ampm: str | None
) -> datetime | date | None:
    try:
        if hh is None:
            return date(y, m, d)
        hour = int(hh)
        if ampm:
            hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
        return datetime(y, m, d, hour, int(mm or 0), int(ss or 0))
    except ValueError:
        return None


class _Impossible(ValueError):
    """A value in a date's own format that no calendar or clock has (month 13, offset +99:99)."""


def _from_iso(text: str) -> datetime | date | None:
    m = _ISO.match(text) or _ISO_BASIC.match(text)
    if not m:
        return None
    g = m.groupdict()
    value = _build(int(g["y"]), int(g["m"]), int(g["d"]), g["H"], g["M"], g["S"], None)
    if value is None:
        raise _Impossible(text)
    if isinstance(value, datetime) and g["tz"]:
        tz = _offset(g["tz"])
        if tz is None:
            raise _Impossible(text)  # an offset beyond ±14:00 is no offset: the value is broken
        value = value.replace(tzinfo=tz)
    return value


def _from_rfc2822(text: str) -> datetime | None:
    """'Tue, 13 Dec 2016 22:33:06 +0000' (HTTP, RSS and some <time datetime> values)."""
    if not _RFC2822.match(text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _from_names(text: str, year_hint: int | None, month_first: bool = True) -> datetime | date | None:
    for pattern in _patterns_for(text):
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        if pattern is _SLASHED:
            a, b = int(g["a"]), int(g["b"])
            if a > 12 or (b <= 12 and not month_first):
                a, b = b, a
            g = {**g, "m": str(a), "d": str(b)}
        month = int(g["m"]) if g.get("m") else _MONTH_NUMBER.get(g["mon"].lower().rstrip("."))
        year = int(g["y"]) if g.get("y") else _century(g["yy"]) if g.get("yy") else year_hint
        if not month or not year:
            continue
        if not g.get("H") and (before := _TIME_BEFORE.search(text, max(0, m.start() - 20), m.start())):
            g = {**g, **before.groupdict(), "S": None}
        value = _build(
            year, month, int(g["d"]), g.get("H"), g.get("M"), g.get("S") or None, g.get("ampm") or None
        )
        if value is None:
            continue
        if isinstance(value, datetime):
            value = _with_zone_word(value, g.get("zone") or text[m.end() : m.end() + 12])
        return value
    return None


def _century(yy: str) -> int:
    """A two-digit year in 1990-2089: the web's dates, none before the first page."""
    return (1900 if int(yy) >= 90 else 2000) + int(yy)


def _with_zone_word(value: datetime, after: str) -> datetime:
    """The wall time in the zone its abbreviation names ("EST", "+0300" is read elsewhere)."""
    if m := _TZ_WORD.search(after):
        return value.replace(tzinfo=timezone(timedelta(minutes=_TZ_ABBREV[m.group(1).lower()])))
    if m := _US_ZONE_WORD.search(after):
        return value.replace(tzinfo=ZoneInfo(_US_ZONE[m.group(1)]))
    return value


def looks_like_date(text: str) -> bool:
    """True for a date the cheap paths read, or a relative one ("3 hours ago") for dateparser."""
    return parse_date(text, fuzzy=False) is not None or is_relative_date(text)


def is_relative_date(text: str) -> bool:
    """A date counted from the reading time: "3 hours ago", "yesterday, 14:20"."""
    return bool(_RELATIVE.search(text) and re.search(r"\d|yesterday|вчора|вчера", text, re.IGNORECASE))


def find_date_text(text: str, *, terse: bool = False) -> str | None:
    """The first full date (with a year) written in ``text``, as it stands there. ``terse``: also
    the forms a page prints as a date line but that running text holds for other things too
    (2019-10-19, 02.12.19, 26 | 01 | 2022)."""
    best: re.Match[str] | None = None
    for pattern in _patterns_for(text, _ALL_FORMS if terse else _PRINTED):
        for m in pattern.finditer(text):
            if (m.groupdict().get("y") or m.groupdict().get("yy")) and _from_names(
                m.group(), None
            ) is not None:
                if best is None or m.start() < best.start():
                    best = m
                break
    return best.group() if best else None


# dateparser turns nearly anything into a date ("-1" is a day in January, "1e400" is now): it
# is asked only about texts with a year or a month name, not about numbers alone.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORD = re.compile(r"[^\W\d_]{3,}")
# Languages dateparser is given when the page declares none: the dev sets' languages. Asking it
# to detect among all 200 costs seconds on its first call.
DEFAULT_DATE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl")


def _worth_dateparser(text: str) -> bool:
    return bool(_YEAR.search(text)) or (any(c.isdigit() for c in text) and bool(_WORD.search(text)))


def warm_up() -> None:
    """Load dateparser and its default languages once (a batch worker calls this before its
    first page, so no page pays seconds for it)."""
    _with_dateparser("12 March 2020 10:00", DEFAULT_DATE_LANGUAGES, None, None)


def _with_dateparser(
    text: str, languages: Sequence[str] | None, tz: tzinfo | None, fetched_at: datetime | None
) -> datetime | None:
    import dateparser  # slow to import: only pages that need it pay for it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if fetched_at is not None:
        base = fetched_at.astimezone(tz).replace(tzinfo=None) if fetched_at.tzinfo and tz else fetched_at
        settings["RELATIVE_BASE"] = base.replace(tzinfo=None)
    try:
        # English beside the page's languages: machine-written dates are English everywhere
        langs = list(dict.fromkeys([*languages, "en"])) if languages else list(DEFAULT_DATE_LANGUAGES)
        parsed: datetime | None = dateparser.parse(text, languages=langs, settings=settings)
        return parsed
    except Exception as exc:  # dateparser raises assorted errors on odd strings
        log.debug("dateparser failed on %r: %s", text, exc)
        return None


def parse_date(
    text: str | None,
    *,
    tz: str | None = None,
    languages: Sequence[str] | None = None,
    formats: Iterable[str] = (),
    fetched_at: datetime | None = None,
    year_hint: int | None = None,
    fuzzy: bool = True,
) -> datetime | date | None:
    """Parse a published / modified string.

    Returns an aware datetime (site-local when ``tz`` is known), a naive datetime when the page
    gives a wall time and the zone is unknown, a ``date`` for date-only values, or None.
    ``year_hint`` completes dates printed without a year. ``fuzzy=False`` skips dateparser.
    """
    if not text:
        return None
    text = " ".join(text.split())
    if len(text) > 200:
        text = text[:200]
    site_tz = zone(tz)
    try:
        value: datetime | date | None = _from_iso(text) or _from_rfc2822(text)
    except _Impossible:
        log.debug("impossible date %r", text)
        return None
    if value is None:
        for fmt in formats:
            try:
                value = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if value is None and not _RELATIVE.search(text):
        # Slashed dates are month first in English (US sites print them; UK ones print names)
        month_first = not languages or languages[0] == "en"
        value = _from_names(text, year_hint, month_first)
    relative = _RELATIVE.search(text)
    if value is None and relative and fetched_at is None:
        return None  # "3 hours ago" with no capture time: resolving it against now would invent a date
    if value is None and fuzzy and (relative or _worth_dateparser(text)):
        value = _with_dateparser(text, languages, site_tz, fetched_at)
        if relative and isinstance(value, datetime) and site_tz is None and fetched_at and fetched_at.tzinfo:
            # "3 hours ago" was counted back on the capture clock: it is a time in the capture's offset
            value = value.replace(tzinfo=fetched_at.tzinfo)
        if (
            isinstance(value, datetime)
            and value.hour == value.minute == value.second == 0
            and ":" not in text
        ):
            value = value.date()
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.replace(tzinfo=None) < _EARLIEST:
            return None
        return _localise(value, site_tz)
    return value if value >= _EARLIEST.date() else None


# A publication date may lead the capture clock by this much (time zones, clock skew), no more.
MAX_AHEAD_OF_CAPTURE = timedelta(days=1)


def after_capture(value: date, fetched_at: datetime | None) -> bool:
    """Later than the capture plus a day: an event's date or a broken clock, not when the page
    was published. Without a capture time there is nothing to compare with."""
    if fetched_at is None:
        return False
    latest = fetched_at + MAX_AHEAD_OF_CAPTURE
    if not isinstance(value, datetime):
        return value > latest.date()
    if value.tzinfo is None or latest.tzinfo is None:
        return value.replace(tzinfo=None) > latest.replace(tzinfo=None)
    return value > latest


def capture_time(value: object) -> datetime | None:
    """The caller's capture time: a datetime, or ISO 8601 text (its offset kept), or None.

    Raises TypeError for any other type and ValueError for text that is not ISO 8601.
    """
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"fetched_at is not an ISO 8601 time: {value[:60]!r}") from None
    raise TypeError(f"fetched_at must be a datetime or ISO 8601 text, not {type(value).__name__}")


def to_iso(value: datetime | date | None) -> str | None:
    """ISO 8601 with seconds and offset (``2024-07-12T19:50:00+03:00``), or the bare date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()
