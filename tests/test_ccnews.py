"""ccnews: the CC-NEWS archives of a period, listed from monthly warc.paths.gz files served by a
real HTTP server on 127.0.0.1 laid out like Common Crawl's (tests/ccserver.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

import newsextract
from newsextract.discover import ccnews_period, ccnews_warcs
from newsextract.errors import BadStatusError

from .ccserver import CONFIG, Site, serve


def _name(when: datetime, serial: int) -> str:
    return f"CC-NEWS-{when:%Y%m%d%H%M%S}-{serial:05d}.warc.gz"


def _folder(when: datetime) -> str:
    return f"crawl-data/CC-NEWS/{when:%Y/%m}"


# An archive starting every 7 hours from 2024-06-20 to 2024-07-20: (start, path).
ARCHIVES = [
    (when, f"{_folder(when)}/{_name(when, i)}")
    for i, when in enumerate(
        datetime(2024, 6, 20, 3, 17, 5, tzinfo=timezone.utc) + timedelta(hours=7 * n) for n in range(104)
    )
]


@pytest.fixture
def site() -> Site:
    """June's and July's listings of ARCHIVES."""
    site = Site()
    for year, month in ((2024, 6), (2024, 7)):
        site.listing(
            year,
            month,
            [path.rsplit("/", 1)[1] for when, path in ARCHIVES if (when.year, when.month) == (year, month)],
        )
    return site


def _expected(site: Site, start: datetime, end: datetime) -> list[str]:
    """Computed from the archives' start times, not from their names."""
    before = [path for when, path in ARCHIVES if when <= start][-1:]
    inside = [path for when, path in ARCHIVES if start < when < end]
    return [f"{site.base}/{path}" for path in before + inside]


def test_a_period_is_the_archives_starting_in_it_and_the_one_running_into_it(site: Site) -> None:
    with serve(site):
        got = ccnews_warcs("2024-07-12", "2024-07-13", base=site.base, config=CONFIG)
        start = datetime(2024, 7, 12, tzinfo=timezone.utc)
        assert got == _expected(site, start, start + timedelta(days=2))
        assert len(got) == 1 + 7  # 48 hours of 7-hour archives, and the one from the 11th
        assert "CC-NEWS-20240711" in got[0] and all("20240714" not in url for url in got)
        assert got == sorted(got)
    listings = [path for path, _ in site.requests if path.endswith("warc.paths.gz")]
    assert listings == [f"/{_folder(start)}/warc.paths.gz"]  # the month before was not needed


def test_a_period_at_a_month_start_takes_the_last_archive_of_the_month_before(site: Site) -> None:
    with serve(site):
        got = ccnews_warcs(date(2024, 7, 1), datetime(2024, 7, 1, 12, 0), base=site.base, config=CONFIG)
        start = datetime(2024, 7, 1, tzinfo=timezone.utc)
        assert got == _expected(site, start, start + timedelta(hours=12, microseconds=1))
    assert "/2024/06/" in got[0] and all("/2024/07/" in url for url in got[1:])


def test_a_period_over_two_months_reads_both_listings(site: Site) -> None:
    with serve(site):
        got = newsextract.ccnews_warcs(
            "2024-06-29T10:00:00+02:00", "2024-07-02", base=site.base, config=CONFIG
        )
        start = datetime(2024, 6, 29, 8, tzinfo=timezone.utc)
        assert got == _expected(site, start, datetime(2024, 7, 3, tzinfo=timezone.utc))


def test_a_month_without_a_listing_is_an_error_naming_its_url(site: Site) -> None:
    with serve(site):
        with pytest.raises(BadStatusError) as caught:
            ccnews_warcs("2024-07-30", "2024-08-02", base=site.base, config=CONFIG)
    assert caught.value.url == f"{site.base}/crawl-data/CC-NEWS/2024/08/warc.paths.gz"
    assert "2024-08" in caught.value.message and "404" in caught.value.message


def test_bad_bounds_are_value_errors_before_any_request() -> None:
    with pytest.raises(ValueError, match="before since"):
        ccnews_period("2024-07-13", "2024-07-12")
    with pytest.raises(ValueError, match="not a date"):
        ccnews_period("yesterday-ish", "2024-07-12")
    assert ccnews_period("2024-07-12", "2024-07-12") == (
        datetime(2024, 7, 12, tzinfo=timezone.utc),
        datetime(2024, 7, 13, tzinfo=timezone.utc),
    )


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsextract", "ccnews", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_prints_one_url_a_line(site: Site) -> None:
    with serve(site):
        done = _cli("--since", "2024-07-12", "--until", "2024-07-13", "--base", site.base + "/")
        start = datetime(2024, 7, 12, tzinfo=timezone.utc)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == _expected(site, start, start + timedelta(days=2))


def test_cli_usage_errors_and_a_missing_listing(site: Site) -> None:
    for args in (
        ("--since", "2024-07-13", "--until", "2024-07-12"),
        ("--since", "soon", "--until", "2024-07-12"),
    ):
        done = _cli(*args, "--base", "http://127.0.0.1:9")
        assert done.returncode == 2 and done.stdout == ""
        assert "since" in done.stderr
    with serve(site):
        done = _cli("--since", "2024-09-01", "--until", "2024-09-02", "--base", site.base)
    assert done.returncode == 1 and done.stdout == ""
    assert f"{site.base}/crawl-data/CC-NEWS/2024/09/warc.paths.gz" in done.stderr
