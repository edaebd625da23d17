"""Which records a batch keeps: by site (before the record is read), language and date (after).

Every record a filter leaves out is counted under its reason, and not written:

    site        the record's URL is not on a listed domain: decided from the WARC headers
                (target URI) before the payload is read, from a JSONL line's or URL list's
                ``url`` before the page is fetched; a page whose URL is known only once it is
                extracted (a page file, a JSONL line without ``url``, a redirect off the site)
                by the record's ``url`` afterwards
    language    the record's detected ``language`` is not listed (or none was detected)
    date        the record's ``published`` is outside ``since`` .. ``until``
    no_date     a date window is set and the record has no ``published`` date: it cannot be
                placed in the window, and is counted apart so the loss is visible
    duplicate   ``--dedupe``: a near-duplicate of a record kept earlier in the run

Input that failed (error lines) is never filtered: nothing says what it would have been.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from .options import Options

__all__ = ["REASONS", "on_sites", "record_reason"]

REASONS = ("site", "language", "date", "no_date", "duplicate")


def on_sites(url: str | None, sites: frozenset[str]) -> bool:
    """Whether ``url``'s host is one of ``sites`` (registrable domains) or a subdomain of one:
    ``https://www.pravda.com.ua/x`` is on ``pravda.com.ua``, ``epravda.com.ua`` is not. Labels
    are compared whole, so no public-suffix list is needed."""
    if not url:
        return False
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return False
    while host:
        if host in sites:
            return True
        _, _, host = host.partition(".")
    return False


def record_reason(line: dict[str, Any], options: Options) -> str | None:
    """The reason a record (a line with its fields) is left out, or None to keep it."""
    if options.sites and not on_sites(line.get("url"), options.sites):
        return "site"
    if options.languages and line.get("language") not in options.languages:
        return "language"
    if options.since is not None or options.until is not None:
        published = _published(line.get("published"))
        if published is None:
            return "no_date"
        if not options.window().admits(published):
            return "date"
    return None


def _published(text: Any) -> date | datetime | None:
    """A record's ``published`` (ISO 8601, a date or a datetime with or without an offset)."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        return None
