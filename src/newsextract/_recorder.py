"""What extraction tells a recorder of its decisions (``newsextract.explain`` passes one).

The extractors call these where they already decide, and only when a recorder was given; they
name this protocol, never the explain package, so extraction does not depend on its report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from selectolax.lexbor import LexborNode

__all__ = ["Recorder"]


class Recorder(Protocol):
    def attach(self, doc: Any) -> None:
        """The parsed Document, before any extractor strips its tree."""

    def removed(self, node: LexborNode, rule: str, detail: str | None = None) -> None:
        """``node`` is about to be removed by ``rule`` (``detail``: the class word, the selector)."""

    def containers(self, root: LexborNode, nodes: Sequence[LexborNode]) -> None:
        """The nodes the generic body chose under ``root``."""

    def site_body(self, root: LexborNode, node: LexborNode, clean: Sequence[str]) -> None:
        """The node a site rule's body Field chose, and the selectors cleaned from it."""

    def found(self, raw: Any, site: Any) -> None:
        """The raw fields the extractors gave, and the site extractor that ran (or None)."""
