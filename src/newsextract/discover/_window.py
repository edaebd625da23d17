"""Dates as discovery reads them: sitemap and feed dates, the since/until window, newest first.

Dates are read by ``normalize.dates.parse_date`` (the package's one date reader) with no site
zone and no fuzzy parsing: a date stays a date, an offset is kept as written, none is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from ..normalize.dates import parse_date

__all__ = ["DateWindow", "When", "newest_first_key", "parse_bound", "read_date"]

When = date | datetime  # a date as precise as the source gave it (a datetime may lack an offset)


def read_date(text: str | None) -> When | None:
    """A sitemap or feed date as precise as it was written (W3C/ISO, RFC 822), or None.

    >>> read_date("Fri, 12 Jul 2024 19:50:00 +0300").isoformat()
    '2024-07-12T19:50:00+03:00'
    >>> read_date("2024-07-12"), read_date("soon")
    (datetime.date(2024, 7, 12), None)
    """
    return parse_date(text, fuzzy=False)


def parse_bound(value: When | str | None, name: str = "date") -> When | None:
    """A ``since``/``until`` bound: a date, a datetime, or their text; ValueError if it is neither."""
    if value is None or isinstance(value, (date, datetime)):
        return value
    parsed = read_date(value)
    if parsed is None:
        raise ValueError(f"{name}: {value!r} is not a date (YYYY-MM-DD) or an ISO 8601 datetime")
    return parsed


def _order(a: When, b: When) -> tuple[When, When]:
    """``a`` and ``b`` made comparable at the precision both have: two aware datetimes as
    instants; a date against anything as days (a datetime's own local date); else wall clocks."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        if (a.tzinfo is None) == (b.tzinfo is None):
            return a, b
        return a.replace(tzinfo=None), b.replace(tzinfo=None)
    return (a.date() if isinstance(a, datetime) else a), (b.date() if isinstance(b, datetime) else b)


@dataclass(frozen=True, slots=True)
class DateWindow:
    """``since`` <= date <= ``until``, both optional and inclusive (a date bound covers its day)."""

    since: When | None = None
    until: When | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None:
            since, until = _order(self.since, self.until)
            if since > until:
                raise ValueError(f"since ({self.since}) is after until ({self.until})")

    @property
    def active(self) -> bool:
        return self.since is not None or self.until is not None

    def admits(self, when: When | None) -> bool:
        """Whether an entry dated ``when`` is inside; an undated one is only when no bound is set."""
        if not self.active:
            return True
        if when is None:
            return False
        return not self.before(when) and not self.after(when)

    def before(self, when: When) -> bool:
        if self.since is None:
            return False
        value, since = _order(when, self.since)
        return value < since

    def after(self, when: When) -> bool:
        if self.until is None:
            return False
        value, until = _order(when, self.until)
        return value > until


def newest_first_key(when: When) -> tuple[date, time]:
    """A sort key for dates of mixed precision (a date sorts as the start of its day); sort it
    with ``reverse=True`` for newest first."""
    if isinstance(when, datetime):
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc)
        return when.date(), when.time().replace(tzinfo=None)
    return when, time()
