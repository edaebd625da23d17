"""Quoted speech in body paragraphs, with the speaker when the sentence names one.

A quotation counts as speech when it is long enough to be said (scare quotes such as "shadow
fleet" are two words) and, for short ones, when a speech verb stands in its paragraph. The
speaker is the capitalised name next to a speech verb on either side of the quotation; a pronoun
("she added") takes the last speaker named before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..record import Quote

__all__ = ["find_quotes"]

# Opening mark -> closing marks. Straight double quotes pair with themselves.
_PAIRS = {"“": "”\"", "„": "“”\"", "«": "»", '"': '"', "”": "”"}
_OPEN = re.compile(r'[“„«"]')

_VERBS = {
    "en": r"said|says|say|added|adds|told|tells|stated|states|noted|notes|wrote|writes|explained|explains|"
    r"stressed|emphasised|emphasized|asked|replied|declared|announced|claimed|insisted|warned|argued|"
    r"according to|commented|continued|tweeted|posted|recalled|admitted|specified|underlined|concluded",
    "uk": r"заявив|заявила|заявили|сказав|сказала|сказали|зазначив|зазначила|зазначили|наголосив|наголосила|"
    r"додав|додала|додали|повідомив|повідомила|повідомили|написав|написала|пояснив|пояснила|підкреслив|"
    r"підкреслила|розповів|розповіла|вважає|каже|кажуть|цитує|за словами|йдеться|говориться|заявляють|наголошують",
    "ru": r"заявил|заявила|заявили|сказал|сказала|сказали|отметил|отметила|отметили|подчеркнул|подчеркнула|"
    r"добавил|добавила|сообщил|сообщила|сообщили|написал|написала|пояснил|пояснила|рассказал|рассказала|"
    r"считает|говорит|по словам|говорится|указал|указала",
}
_ALL_VERBS = re.compile(r"\b(?:" + "|".join(_VERBS.values()) + r")\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|they|він|вона|вони|он|она|они)$", re.IGNORECASE)
# A name: 1-4 capitalised words (Latin or Cyrillic), particles allowed inside.
_NAME = r"(?:[A-ZА-ЯІЇЄҐЁ][\w'’\-]+(?:\s+(?:de|van|von|der|al|bin|da|di|la)?\s*[A-ZА-ЯІЇЄҐЁ][\w'’\-]+){0,3})"
_PRONOUNS = r"(?:he|she|they|він|вона|вони|он|она|они)"
_VERB = r"(?:" + "|".join(_VERBS.values()) + r")"
# After the quotation: ', said Jane Doe' / ', Jane Doe said' / ', she added'.
_AFTER_VERB_NAME = re.compile(rf"^\W{{0,3}}\s*{_VERB}\s+(?:(?:the|a|an)\s+[\w\s]{{0,40}}?\s)?({_NAME})", re.IGNORECASE)
_AFTER_NAME_VERB = re.compile(rf"^\W{{0,3}}\s*({_NAME}|{_PRONOUNS})(?:,[^,]{{0,60}},)?\s+{_VERB}\b")
# Before the quotation: 'Jane Doe said: "' / 'Jane Doe said that "' / 'according to Jane Doe, "'.
_BEFORE = re.compile(rf"({_NAME}|{_PRONOUNS})(?:,[^,]{{0,80}},)?\s+(?:\w+\s+)?{_VERB}\b[^.!?]{{0,80}}$")
_ACCORDING = re.compile(rf"(?:according to|за словами|по словам)\s+({_NAME})", re.IGNORECASE)
_NOT_NAMES = frozenset({"The", "This", "That", "But", "And", "In", "On", "At", "It", "We", "I", "A", "An", "He", "She", "They", "Its"})

MIN_WORDS_ANYWHERE = 6
MIN_WORDS_WITH_VERB = 3


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level quotation, marks excluded."""
    spans = []
    i = 0
    while True:
        m = _OPEN.search(text, i)
        if not m:
            return spans
        closers = _PAIRS[m.group()]
        j = m.end()
        depth_open, close = m.group(), -1
        while j < len(text):
            ch = text[j]
            if ch in closers and (ch != depth_open or depth_open == '"'):
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


def _clean_name(name: str | None) -> str | None:
    if not name:
        return None
    words = name.split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    return " ".join(words) or None


def _speaker(paragraph: str, start: int, end: int) -> str | None:
    after = paragraph[end + 1 : end + 120]
    before = paragraph[max(0, start - 160) : max(0, start - 1)]
    for pattern, text in ((_AFTER_VERB_NAME, after), (_AFTER_NAME_VERB, after)):
        m = pattern.search(text)
        if m:
            return m.group(1)
    m = _BEFORE.search(before)
    if m:
        return m.group(1)
    m = _ACCORDING.search(before) or _ACCORDING.search(after)
    return m.group(1) if m else None


def find_quotes(body: Sequence[str], language: str | None = None) -> list[Quote]:
    """Quoted speech in ``body`` (paragraph list), with speakers where the text names them."""
    quotes: list[Quote] = []
    last_speaker: str | None = None
    for index, paragraph in enumerate(body):
        has_verb = bool(_ALL_VERBS.search(paragraph))
        for start, end in _spans(paragraph):
            text = paragraph[start:end].strip()
            words = len(text.split())
            if words < MIN_WORDS_ANYWHERE and not (has_verb and words >= MIN_WORDS_WITH_VERB):
                continue
            raw = _speaker(paragraph, start, end)
            if raw and _PRONOUN.match(raw):
                speaker = last_speaker
            else:
                speaker = _clean_name(raw)
                if speaker:
                    last_speaker = speaker
            quotes.append(Quote(text=text.rstrip(",").rstrip(), speaker=speaker, paragraph=index))
    return quotes
