"""Reader comments kept inside a post's container (blogs of every era print the thread right
under the text, in the same box): the body ends where a run of comment attributions begins."""

from __future__ import annotations

import re

from ...normalize.blocks import Block
from ...normalize.dates import find_date_text

# An attribution is a short line with a date or a time, and either a commenter's cue or a name
# opening it: "Comment #2 - Posted by: Kurt at November 10, 2012 5:55 PM", "Peter Flom 07.08.12
# at 13:24", "Posted by: Brad, Glasgow on 11:16am Wed 9 Jan 08".
MAX_ATTRIBUTION_CHARS = 120
# One dated line can be the post's own; a thread has at least this many.
MIN_ATTRIBUTIONS = 2
# The post comes first: a thread never starts in its opening paragraphs.
MIN_POST_BLOCKS = 2
# The thread's heading, printed just before its first attribution ("12 Responses", "Comments",
# "Related post:"), is a short line that is not a sentence.
MAX_HEADING_CHARS = 40

# A post's own footer ("8:20 PM | 3 comments") names no commenter: the cues are a commenter's.
_CUE = re.compile(
    r"\b(?:posted by|comment #?\d+|commented|says|said|wrote|schrieb|sagt|meint|a écrit|dijo|escribió)\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|uhr\b)?", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
# "Peter Flom 07.08.12 at 13:24": a name, a date, "at" and the time, and nothing else.
_NAME_FIRST = re.compile(
    r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3},? (?:on )?[\w.,/ -]{4,30} at \d{1,2}[:.]\d{2}\s*(?i:[ap]\.?m\.?)?$"
)


def without_comment_thread(blocks: list[Block]) -> list[Block]:
    """``blocks`` up to the first of MIN_ATTRIBUTIONS comment attributions or more, each
    followed by the comment's text, and without the thread's heading."""
    marks = [i for i, b in enumerate(blocks) if _is_attribution(b.text)]
    answered = [i for i in marks if i + 1 < len(blocks) and i + 1 not in marks]
    if len(answered) < MIN_ATTRIBUTIONS:
        return blocks
    start = next((i for i in answered if i >= MIN_POST_BLOCKS), None)
    if start is None or sum(1 for i in answered if i >= start) < MIN_ATTRIBUTIONS:
        return blocks
    while start > MIN_POST_BLOCKS and _is_heading_line(blocks[start - 1].text):
        start -= 1
    return blocks[:start]


def _is_attribution(text: str) -> bool:
    if len(text) > MAX_ATTRIBUTION_CHARS:
        return False
    if not (_TIME.search(text) or _NUMERIC_DATE.search(text) or find_date_text(text)):
        return False
    return bool(_CUE.search(text) or _NAME_FIRST.match(text))


def _is_heading_line(text: str) -> bool:
    return len(text) <= MAX_HEADING_CHARS and not text.endswith((".", "!", "?", '"', "”"))
