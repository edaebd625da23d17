"""The counts of a batch run, and the kind of one output line they count."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Summary", "line_kind"]


def line_kind(line: dict[str, Any]) -> str:
    """``ok`` for a record, ``not_article`` for a page with no article, ``error`` otherwise."""
    error = line.get("error")
    if error is None:
        return "ok"
    return "not_article" if error.get("kind") == "NotAnArticleError" else "error"


@dataclass
class Summary:
    """Counts of one run; ``total`` equals the number of input records.

    ok, not_article, errors: the lines written, by kind. skipped: records that are no page
    (not HTML), not written. filtered: records the run's filters and --dedupe left out, not
    written, by reason (``batch.filters.REASONS``: site, language, date, no_date, duplicate).
    marked: records written with ``duplicate_of`` (--dedupe=mark; counted in ``ok`` too).
    ``to_dict`` gives ``filtered`` and ``marked`` only when the run filtered or marked anything.
    """

    ok: int = 0
    not_article: int = 0
    errors: int = 0
    skipped: int = 0
    filtered: dict[str, int] = field(default_factory=dict)
    marked: int = 0

    @property
    def total(self) -> int:
        return self.ok + self.not_article + self.errors + self.skipped + sum(self.filtered.values())

    def add_line(self, line: dict[str, Any]) -> None:
        self.add_kind(line_kind(line))
        if "duplicate_of" in line:
            self.marked += 1

    def add_kind(self, kind: str) -> None:
        if kind == "ok":
            self.ok += 1
        elif kind == "not_article":
            self.not_article += 1
        else:
            self.errors += 1

    def add_filtered(self, reason: str, count: int = 1) -> None:
        self.filtered[reason] = self.filtered.get(reason, 0) + count

    def merge(self, other: Summary) -> None:
        self.ok += other.ok
        self.not_article += other.not_article
        self.errors += other.errors
        self.skipped += other.skipped
        for reason, count in other.filtered.items():
            self.add_filtered(reason, count)
        self.marked += other.marked

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, Any] = {
            "ok": self.ok,
            "not_article": self.not_article,
            "errors": self.errors,
            "skipped": self.skipped,
        }
        if self.filtered:
            counts["filtered"] = self.filtered_in_order()
        if self.marked:
            counts["marked"] = self.marked
        return {**counts, "total": self.total}

    def filtered_in_order(self) -> dict[str, int]:
        """``filtered`` in the order of ``REASONS`` (the order the stages decide them)."""
        from .filters import REASONS

        rank = {reason: i for i, reason in enumerate(REASONS)}
        return dict(sorted(self.filtered.items(), key=lambda kv: rank.get(kv[0], len(rank))))

    @classmethod
    def from_dict(cls, counts: dict[str, Any]) -> Summary:
        """The Summary ``to_dict`` gave (``total`` is computed, not read)."""
        return cls(
            ok=counts["ok"],
            not_article=counts["not_article"],
            errors=counts["errors"],
            skipped=counts["skipped"],
            filtered=dict(counts.get("filtered", {})),
            marked=counts.get("marked", 0),
        )
