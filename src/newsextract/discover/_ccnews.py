"""ccnews_warcs: the CC-NEWS WARC archives of a period, from Common Crawl's monthly listings.

CC-NEWS publishes one listing per month, ``{base}/crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz``
(gzip text, one path per line), and names each archive by the UTC time its crawl started:
``CC-NEWS-20240712123456-01234.warc.gz``. An archive runs until the next one starts, so the
archives of a period are those that start inside it plus the last one that starts before it
(it runs into the period); that one may sit in the month before. Listings are fetched through
the Fetcher (politeness, robots.txt, retries, limits); only names are read, no archive.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from ..errors import BadStatusError, FetchError, ParseError
from ..limits import gunzip_bounded
from ._window import When, parse_bound

if TYPE_CHECKING:
    from ..fetch import FetchConfig, Fetcher

__all__ = ["CCNEWS_BASE", "ccnews_period", "ccnews_warcs"]

# Common Crawl's public HTTP endpoint.
CCNEWS_BASE = "https://data.commoncrawl.org"
# The types a listing is served as (S3 and its mirrors label gzip files in several ways).
LISTING_TYPES = (
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
    "binary/octet-stream",
    "text/plain",
)
_NAME = re.compile(r"CC-NEWS-(\d{14})-\d+\.warc\.gz$")


def ccnews_period(since: When | str, until: When | str) -> tuple[datetime, datetime]:
    """``[start, end)`` in UTC for inclusive bounds: a date covers its whole UTC day, a datetime
    without an offset is UTC. ValueError for a bound that is no date, or ``until`` before ``since``."""
    start = _instant(parse_bound(since, "since"), end=False)
    end = _instant(parse_bound(until, "until"), end=True)
    if end <= start:
        raise ValueError(f"until ({until}) is before since ({since})")
    return start, end


def ccnews_warcs(
    since: When | str,
    until: When | str,
    *,
    base: str = CCNEWS_BASE,
    config: FetchConfig | None = None,
    fetcher: Fetcher | None = None,
) -> list[str]:
    """The URLs of the CC-NEWS archives holding the captures from ``since`` to ``until``
    (inclusive; see ``ccnews_period``), oldest first, ready for ``newsextract batch``.

    base: the endpoint (Common Crawl's by default; a mirror with the same layout). Fetched with
    ``fetcher``, else a Fetcher of its own with ``config``. ValueError for bad bounds;
    BadStatusError naming the listing's URL for a month without a listing; FetchError when a
    listing cannot be fetched or read.
    """
    start, end = ccnews_period(since, until)
    base = base.rstrip("/")
    if fetcher is None:
        from ..fetch import Fetcher

        with Fetcher(config) as own:
            return ccnews_warcs(since, until, base=base, fetcher=own)
    starts: dict[str, datetime] = {}
    for year, month in _months(start, end):
        starts.update(_listing(fetcher, base, year, month))
    if not any(when <= start for when in starts.values()):
        # The archive that runs into the period started in an earlier month.
        year, month = (start.year, start.month - 1) if start.month > 1 else (start.year - 1, 12)
        try:
            starts.update(_listing(fetcher, base, year, month))
        except BadStatusError as exc:
            if exc.status not in (403, 404):  # no listing before: the period starts with CC-NEWS
                raise
    ordered = sorted(starts.items(), key=lambda pair: (pair[1], pair[0]))
    before = [path for path, when in ordered if when <= start]
    inside = [path for path, when in ordered if start < when < end]
    chosen = before[-1:] + inside
    return [f"{base}/{path}" for path in chosen]


def _instant(bound: When | None, *, end: bool) -> datetime:
    assert bound is not None
    if isinstance(bound, datetime):
        instant = bound if bound.tzinfo else bound.replace(tzinfo=timezone.utc)
        instant = instant.astimezone(timezone.utc)
        return instant + timedelta(microseconds=1) if end else instant
    day = datetime(bound.year, bound.month, bound.day, tzinfo=timezone.utc)
    return day + timedelta(days=1) if end else day


def _months(start: datetime, end: datetime) -> list[tuple[int, int]]:
    """The (year, month) of every month from ``start``'s to the one holding ``end``'s last instant."""
    last = end - timedelta(microseconds=1)
    months = []
    year, month = start.year, start.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def _listing(fetcher: Fetcher, base: str, year: int, month: int) -> dict[str, datetime]:
    """path -> crawl start of every archive in one month's listing."""
    url = f"{base}/crawl-data/CC-NEWS/{year:04d}/{month:02d}/warc.paths.gz"
    try:
        result = fetcher.fetch(url, accept=LISTING_TYPES)
    except BadStatusError as exc:
        raise BadStatusError(
            f"no CC-NEWS listing for {year:04d}-{month:02d} at {url} (HTTP {exc.status})",
            url=url,
            status=exc.status,
        ) from exc
    data = result.content
    if data.startswith(b"\x1f\x8b"):  # served as a file; a server's Content-Encoding is undone already
        try:
            data = gunzip_bounded(data, fetcher.config.max_bytes, source=url)
        except ParseError as exc:  # a broken or oversized listing
            raise FetchError(f"CC-NEWS listing at {url} is not readable: {exc.message}", url=url) from exc
    starts: dict[str, datetime] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        path = line.strip()
        match = _NAME.search(path)
        if match is None:
            continue
        try:
            when = datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
        except ValueError:
            continue  # a name whose time is no time: not an archive of this layout
        starts[path.lstrip("/")] = when
    return starts
