"""The settings of one batch run, in one frozen object that every stage is handed."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..limits import MAX_INPUT_BYTES

if TYPE_CHECKING:
    from ..discover import DateWindow

__all__ = ["DEDUPE_MODES", "Options", "names"]

# --dedupe: drop a near-duplicate, or keep it with ``duplicate_of`` (the first one's source).
DEDUPE_MODES = ("drop", "mark")
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$"
)
_LANGUAGE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How a batch runs.

    workers: worker processes (None: the CPU count).
    site_rules: False runs the generic extractor only.
    timeout: seconds one document may take in a worker process (0: no limit). Dask worker
        threads cannot take a signal, so there it does not apply.
    max_bytes: the largest page read (a page file decompressed, a WARC record's payload, a JSONL
        line's ``html``); larger inputs become InputTooLargeError lines, unread.
    fetch_config: a ``newsextract.fetch.FetchConfig`` for URL lists (None: the defaults, with
        ``max_bytes``).
    sites: keep only records on these registrable domains (subdomains count), decided before
        a record is read where its URL is known (``batch.filters``); empty: every site.
    languages: keep only records whose detected language (ISO 639-1) is listed; empty: all.
    since, until: keep only records published in this window (inclusive; a date covers its
        day): a date, a datetime or their ISO 8601 text. A record with no published date is
        left out (reason ``no_date``) when either is set.
    dedupe: ``"drop"`` leaves out a record within a few bits (``dedupe.DISTANCE``) of the
        fingerprint of one kept earlier in the run; ``"mark"`` keeps it with ``duplicate_of``
        (the first one's source); None: no dedupe.

    Values that cannot work (a negative time limit, a limit below one byte, a site that is no
    domain name, a language that is no two-letter code, a date that is none, ``since`` after
    ``until``, an unknown dedupe mode) are a ValueError here, before any input is read.
    ``sites`` and ``languages`` may be given as any iterable of text (or one comma-separated
    text) and are kept as frozensets, lower-cased.
    """

    workers: int | None = None
    site_rules: bool = True
    timeout: float = 30.0
    max_bytes: int = MAX_INPUT_BYTES
    fetch_config: Any = None
    sites: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    since: date | datetime | str | None = None
    until: date | datetime | str | None = None
    dedupe: str | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise ValueError(f"workers must be at least 1, not {self.workers!r}")
        if not isinstance(self.timeout, (int, float)) or not math.isfinite(self.timeout) or self.timeout < 0:
            raise ValueError(f"timeout must be a number of seconds, 0 or more, not {self.timeout!r}")
        if not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes!r}")
        sites = names(self.sites, "sites")
        for site in sites:
            if not _DOMAIN.match(site) or "." not in site:
                raise ValueError(f"sites: {site!r} is not a domain name (like pravda.com.ua)")
        languages = names(self.languages, "languages")
        for language in languages:
            if not _LANGUAGE.match(language):
                raise ValueError(f"languages: {language!r} is not a two-letter ISO 639-1 code (like uk)")
        object.__setattr__(self, "sites", sites)
        object.__setattr__(self, "languages", languages)
        from ..discover import DateWindow, parse_bound

        since, until = parse_bound(self.since, "since"), parse_bound(self.until, "until")
        DateWindow(since, until)  # since after until: ValueError
        object.__setattr__(self, "since", since)
        object.__setattr__(self, "until", until)
        if self.dedupe is not None and self.dedupe not in DEDUPE_MODES:
            raise ValueError(f"dedupe must be one of {', '.join(DEDUPE_MODES)} or None, not {self.dedupe!r}")

    def window(self) -> DateWindow:
        """The ``since`` .. ``until`` window."""
        from ..discover import DateWindow

        assert not isinstance(self.since, str) and not isinstance(self.until, str)  # read above
        return DateWindow(self.since, self.until)


def names(value: Iterable[str] | str, what: str = "names") -> frozenset[str]:
    """Names from an iterable of text or one comma-separated text, stripped and lower-cased."""
    items = value.split(",") if isinstance(value, str) else value
    names = set()
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"{what}: {item!r} is not text")
        name = item.strip().lower().rstrip(".")
        if name:
            names.add(name)
    return frozenset(names)
