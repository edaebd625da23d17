"""The paragraph value that extractors hand to the normalizers."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Block"]


@dataclass(slots=True)
class Block:
    """One paragraph: its text, the tag that opened it, and the share of text inside links."""

    text: str
    tag: str
    link_chars: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0
