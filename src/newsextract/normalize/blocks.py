"""The paragraph value that extractors hand to the normalizers."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Anchor", "Block"]


@dataclass(slots=True)
class Anchor:
    """A hyperlink met in a paragraph: its ``href`` as written (resolved by the pipeline, which
    knows the page's base URL), the text it shows (whitespace collapsed; the whole anchor's text
    when it runs on into later paragraphs), and whether it shows an image."""

    href: str
    text: str = ""
    image: bool = False
    # The text nodes read so far, and whether the anchor is still open (for the walker).
    pieces: list[str] = field(default_factory=list, repr=False, compare=False)
    open: bool = field(default=True, repr=False, compare=False)


@dataclass(slots=True)
class Block:
    """One paragraph: its text, the tag that opened it, the share of text inside links, and the
    links whose text begins in it, in order. The links ride with their paragraph: a step that
    drops a block drops its links, so every link's index into the body stays right; a step that
    joined two blocks would join their ``links`` too."""

    text: str
    tag: str
    link_chars: int = 0
    links: tuple[Anchor, ...] = ()

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0
