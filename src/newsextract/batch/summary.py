"""The counts of a batch run, and the kind of one output line they count."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
    """Counts of one run; ``total`` equals the number of input records."""

    ok: int = 0
    not_article: int = 0
    errors: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.ok + self.not_article + self.errors + self.skipped

    def add_line(self, line: dict[str, Any]) -> None:
        self.add_kind(line_kind(line))

    def add_kind(self, kind: str) -> None:
        if kind == "ok":
            self.ok += 1
        elif kind == "not_article":
            self.not_article += 1
        else:
            self.errors += 1

    def merge(self, other: Summary) -> None:
        self.ok += other.ok
        self.not_article += other.not_article
        self.errors += other.errors
        self.skipped += other.skipped

    def to_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}
