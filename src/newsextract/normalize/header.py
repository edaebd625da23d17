"""The article's header printed above its text: headline, byline and date lines are not body."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import Block
from .dates import find_date_text
from .people import BY_WORDS, split_byline
from .text import similar

__all__ = ["without_header"]

# Header lines sit among the first few paragraphs (a standfirst may come before the byline).
HEADER_BLOCKS = 3
# A header line is short; a paragraph that opens "By 2030, ..." is not one.
MAX_HEADER_CHARS = 120

_BY_LINE = re.compile(rf"^(?:{BY_WORDS}|(?:written|posted|submitted|published)\s+by)\s+\S", re.IGNORECASE)
# What a date line holds beside its date: times, reading time, "Updated", separators.
_DATE_LINE_REST = re.compile(
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b[ap]\.?m\.?\b|\b(?-i:[A-Z]{1,4}T|UTC|GMT)\b"
    r"|\b\d+\s*(?:min(?:ute)?s?|minuten|minutes?)\b(?:\s+(?:read|lesen|de lecture))?"
    r"|\b(?:updated|published|posted|submitted|on|at|lesedauer|reading time|temps de lecture)\b"
    r"|[\s,.:;|·•/\-–—()]+",
    re.IGNORECASE,
)

# A photo credit or media label that escaped its figure: "Spencer Platt/Getty Images",
# "Photo: Jo Lens", "ASSOCIATED PRESS", "View Images".
_CREDIT = re.compile(
    r"(?:^|[\s/|(])(?:(?i:getty\s*images|shutterstock|istock\w*|alamy|associated press)|AP|AFP|EPA|REUTERS)"
    r"(?:\s+(?i:photos?|images))?\s*\)?$"
    r"|^(?i:(?:photo|image|picture|foto|bild)s?(?:\s+(?:credit|source))?\s*:)"
    r"|^(?i:photo|image|video|watch|view images|advertisement)$"
)


def without_header(blocks: Sequence[Block], title: str | None, byline: str | None) -> list[Block]:
    """``blocks`` without the headline repeated at the top, and without the byline, date and
    photo-credit lines among the first HEADER_BLOCKS."""
    kept = list(blocks)
    if title and kept and similar(kept[0].text, title) and _is_title_line(kept[0].text, title):
        kept = kept[1:]
    head = [b for b in kept[:HEADER_BLOCKS] if not _is_header_line(b.text, byline)]
    return head + kept[HEADER_BLOCKS:]


# A repeated headline may carry a kicker or the site's name ("Headline | Section"); a block far
# longer than the headline that opens with it is the text itself (a <pre> of the whole story).
MAX_TITLE_LINE_EXTRA = 40


def _is_title_line(text: str, title: str) -> bool:
    return len(text) <= max(2 * len(title), len(title) + MAX_TITLE_LINE_EXTRA)


def _is_header_line(text: str, byline: str | None) -> bool:
    if len(text) > MAX_HEADER_CHARS or text.endswith((".", "!", "?", "。")):
        return False  # a sentence: "Daring Fireball is written and produced by John Gruber."
    if byline and similar(text, byline):
        return True
    if _BY_LINE.match(text) and split_byline(text):
        return True
    if _CREDIT.search(text):
        return True
    return _is_date_line(text)


def _is_date_line(text: str) -> bool:
    """A date (and maybe a time, a reading time, "Updated") and nothing else."""
    rest = text
    for _ in range(3):  # "22 Dec, 2016 22 Dec, 2016": printed and updated dates
        found = find_date_text(rest)
        if found is None:
            break
        rest = rest.replace(found, " ")
    return rest != text and not _DATE_LINE_REST.sub("", rest)
