"""Quotation marks and spans: where each quotation opens and closes in a paragraph (pairs
of marks of several languages, a quotation run on over paragraphs), the paragraph's sentences
with its quotations blanked, and the quoted strings that are not speech by their shape (a
title of a work, a word mentioned)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

# Opening mark -> closing marks. Straight double quotes pair with themselves.
_PAIRS = {"“": '”"', "„": '“”"', "«": "»", '"': '"”', "”": "”"}  # pages mix straight and curly marks
OPEN = re.compile(r'[“„«"]')
# A letter or digit (what str.isalnum() says), found in C, not tested a character at a time in
# Python: a paragraph opening with a long quotation is blanked out to that length.
ALNUM = re.compile(r"[^\W_]")
# For each opening mark, the marks that can close or nest inside it: the scan jumps between them.
# Two apostrophes close a double quotation on pages typeset with them (“It was,’’ she said).
_DOUBLE_APOSTROPHE = ("’’", "''")
_MARKS = {
    mark: re.compile("[" + re.escape(closers + mark) + "]" + ("|’’|''" if mark in '“"' else ""))
    for mark, closers in _PAIRS.items()
}

# At most this many quotations per article: real articles have a few dozen, a hostile page of
# quotations would cost a second a megabyte more.
MAX_QUOTES = 1000
# And at most this many quotation marks' spans are looked at: a page of thousands of one-word
# "quotations", each too short to keep, would otherwise cost its attribution work for each.
MAX_SPANS_READ = 4 * MAX_QUOTES
# A quotation's cue is looked for this many characters either side of it, within its sentence:
# a "sentence" of thousands of quotations without a full stop is not read whole for each.
MAX_CUE_REACH = 400


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level quotation, marks excluded."""
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        m = OPEN.search(text, i)
        if not m:
            return spans
        closers = _PAIRS[m.group()]
        j = m.end()
        depth_open, close = m.group(), -1
        marks = _MARKS[depth_open]
        while (mark := marks.search(text, j)) is not None:
            j = mark.start()
            ch = text[j]
            if mark.group() in _DOUBLE_APOSTROPHE or (
                ch in closers and (ch != depth_open or depth_open == '"')
            ):
                close = j
                break
            if ch == depth_open and depth_open in "«„“":  # nested quote of the same kind
                nested = text.find(closers[0], j + 1)
                j = nested + 1 if nested > 0 else j + 1
                continue
            j += 1
        if close < 0:
            return spans
        spans.append((m.end(), close))
        i = close + 1


_SENTENCE_END = re.compile(r"[.!?][”\"’»]?\s+(?=[A-ZА-ЯІЇЄҐЁ“\"«„])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Lt|Col|Gen|Sen|Rep|Gov|Jr|Sr|Prof|Sgt|Capt|No|vs))\.$"
)


class Sentences(NamedTuple):
    """A paragraph with its quotations blanked, and where its sentences start and end."""

    text: str
    starts: list[int]
    ends: list[int]


def opens_sentence(text: str, pos: int) -> bool:
    """True when only blanks stand between ``pos`` and the text's start or a sentence's end."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in ".!?"


def blank_quotations(paragraph: str, spans: list[tuple[int, int]]) -> str:
    """The paragraph with its quotations blanked out, positions kept: names quoted are not subjects."""
    chars = list(paragraph)
    for start, end in spans:
        stop = (
            end - 1 if end > start and paragraph[end - 1] in ".!?" else end
        )  # '"improper."' ends a sentence
        chars[start:stop] = " " * (stop - start)
    return "".join(chars)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; "Mr." and "U.S." do not end one."""
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start() - 5), m.start() + 1):
            continue
        bounds.append((start, m.start() + 1))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def continued_quotes(
    body: Sequence[str], all_spans: list[list[tuple[int, int]]]
) -> tuple[dict[tuple[int, int], str], set[tuple[int, int]]]:
    """A quotation over several paragraphs: each opens with a mark and only the last closes.
    Its first paragraph gets a span to its end in ``all_spans``, keyed (paragraph, start) to
    the whole text; the spans of the paragraphs it runs on into are returned as taken (they
    stay in ``all_spans``, which also says what is quoted)."""
    joined: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    index = 0
    while index < len(body) - 1:
        paragraph, spans = body[index], all_spans[index]
        tail = OPEN.search(paragraph, spans[-1][1] + 1 if spans else 0)
        if tail is None or (j := _run_on(body, index + 1)) is None:
            index += 1
            continue
        parts, start, last = [paragraph[tail.end() :].strip()], tail.end(), index
        while j is not None:
            following = body[j]
            first = (
                all_spans[j][0]
                if all_spans[j] and all_spans[j][0][0] <= len(following) - len(following.lstrip()) + 1
                else None
            )
            if first is not None:  # the quotation closes here
                parts.append(following[first[0] : first[1]].strip())
                taken.add((j, first[0]))
                break
            parts.append(following.lstrip()[1:].strip())  # runs on through this paragraph too
            taken.update((j, s) for s, _ in all_spans[j])
            last = j
            j = _run_on(body, j + 1)
        spans.append((start, len(paragraph)))
        joined[(index, start)] = " ".join(p for p in parts if p)
        index = j if j is not None else last + 1
    return joined, taken


# Embedded material may stand between the paragraphs of one quotation (a post's credit line,
# "Club statement", a related-story link): at most this many short paragraphs, none with a
# quotation mark.
MAX_INSERTED = 3
INSERTED_WORDS = 12


def _run_on(body: Sequence[str], j: int) -> int | None:
    """The paragraph from ``j`` on where an open quotation goes on (it opens with a mark), past
    embedded lines; None when a paragraph of text stands between."""
    for k in range(j, min(len(body), j + MAX_INSERTED + 1)):
        if OPEN.match(body[k].lstrip()):
            return k
        if OPEN.search(body[k]) or len(body[k].split()) > INSERTED_WORDS:
            return None
    return None


# Small words a title leaves in lower case ("Takin' It to the Streets", "As 5 Etapas para
# Alfabetizar seus Filhos em Casa", "Die Kunst des Wartens"): articles, prepositions,
# conjunctions and possessives of the languages the pages come in.
_TITLE_SMALL = frozenset(
    """a an and as at but by for from in into nor of on or the to with
    o os e de da das do dos em no na nos nas para por com um uma seu sua seus suas
    el la los las y del en con al su sus
    le les et du des au aux pour avec sur
    der die das und des dem den von zu im mit für auf
    il lo gli di della per""".split()
)


def is_work_title(text: str) -> bool:
    """Every word capitalised but the small ones: the title of a song, book or show, not speech."""
    words = [w.strip(",.:;!?()'’") for w in text.split()]
    words = [w for w in words if w]
    if not 2 <= len(words) <= 10:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised >= 2 and all(
        w[0].isupper() or w[0].isdigit() or w.casefold() in _TITLE_SMALL for w in words
    )


# "the word", "слів": what follows in quotation marks is a word talked about.
MENTION = re.compile(
    r"(?i:\b(?:word|words|term|phrase|slogan|hashtag|name|named|nickname|use of|слово|слова|слів|термін|терміну"
    r"|фраза|фразу|назва|назву|название)\s*\W?)$"
)


def ends_sentence(paragraph: str, text: str, end: int) -> bool:
    """The quotation ends a sentence: its stop inside the marks ("Step out.") or, as Ukrainian
    and Russian print it, right after them («Тут небезпечно».)."""
    return text[-1] in ".!?" or paragraph[end + 1 : end + 2] in (".", "!", "?")


def sentence_around(sentences: Sentences, start: int, end: int) -> tuple[int, int]:
    """(left, right) of the sentence holding ``start`` to ``end``, at most MAX_CUE_REACH either
    side of it: found by bisection, so many quotations in one long paragraph cost no more than
    their number."""
    i = bisect_right(sentences.starts, start) - 1
    j = bisect_left(sentences.ends, end)
    left = sentences.starts[i] if i >= 0 else 0
    right = sentences.ends[j] if j < len(sentences.ends) else len(sentences.text)
    return max(left, start - MAX_CUE_REACH), min(right, end + MAX_CUE_REACH)
