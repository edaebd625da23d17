"""Background / context / key-points bullets: the list items that follow such a label."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import Block

__all__ = ["background_bullets"]

BACKGROUND_LABEL = re.compile(
    r"^(?:background|context|key points|key facts|what we know|передісторія|предыстория|контекст|довідка|справка)\s*:?$",
    re.IGNORECASE,
)


def background_bullets(blocks: Sequence[Block]) -> list[str]:
    """The ``li`` paragraphs right after a label paragraph such as "Background:"."""
    for i, block in enumerate(blocks):
        if BACKGROUND_LABEL.match(block.text):
            bullets = []
            for item in blocks[i + 1 :]:
                if item.tag != "li":
                    break
                bullets.append(item.text)
            if bullets:
                return bullets
    return []
