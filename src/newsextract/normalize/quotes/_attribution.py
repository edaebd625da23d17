"""Attribution: which quotations are speech, and who says each. The speaker is the name
beside a cue on either side of the quotation; else a role phrase, the subject of the cue in the
quotation's sentence, the last speaker of its paragraph, or for a pronoun or role noun the
latest person (or organisation) the text named before it, a few paragraphs back at most."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import partial
from typing import Generic, TypeVar, cast

from ...record import Quote
from ._cues import (
    CLAUSE_END,
    GROUP_PRONOUN,
    PRONOUN,
    PRONOUN_WORD,
    SPEECH,
    THING_PRONOUNS,
    article_source,
    cue_in_sentence,
    has_speech_verb,
    impersonal,
    institution_speaks,
    named_by_role,
    naming_frames,
    role_names,
    speaker_beside,
    unnamed_speaker,
)
from ._marks import (
    ALNUM,
    MAX_QUOTES,
    MAX_SPANS_READ,
    MENTION,
    OPEN,
    Sentences,
    blank_quotations,
    continued_quotes,
    ends_sentence,
    is_work_title,
    quotation_spans,
    sentence_around,
    sentence_bounds,
)
from ._names import ACRONYM, CYRILLIC, NAME, NAME_RE, clean_name, without_article
from ._register import (
    LOWER_ORG,
    MODIFIED_ROLE,
    ORG_NAME,
    ROLE_NOUN,
    SPOKESPERSON_FOR,
    Register,
    cyrillic_org,
)
from ._slavic import ANONYMOUS_ROLE, CYRILLIC_ORG, ROLE_WORD

# How far after a role word its holder's name may stand ("міністр аграрної політики Роман Дзюбенко").
ROLE_TO_NAME_CHARS = 80
ROLE_LOOKBACK_CHARS = 1000
_ROLE_GAP_BREAK = re.compile(r"[,.;:!?«»\"“”„]")
MIN_WORDS_ANYWHERE = 6
MIN_WORDS_WITH_VERB = 3


# A possessive before a lower-case noun: the name qualifies what it owns ("Omar's office").
_POSSESSOR = re.compile(r"['’]s\s+[a-z]")


class Speakers:
    """Who speaks where in an article, for quotations whose speaker is a pronoun, a role noun,
    or stands apart from them: for each paragraph, the persons who are the subjects of its
    sentences, the organisations it names, and the speakers found so far. A pronoun is the
    latest of these before it, a few paragraphs back at most: each paragraph is read once, so
    the work is linear in the text.
    """

    def __init__(
        self,
        body: Sequence[str],
        all_spans: list[list[tuple[int, int]]],
        first: str | None,
        register: Register,
    ) -> None:
        self.body = body
        self.all_spans = all_spans
        self.first = first
        self.register = register
        self._mentions: dict[int, list[tuple[int, str]]] = {}
        self._org_mentions: dict[int, list[tuple[int, str]]] = {}
        self.said: dict[int, list[tuple[int, str]]] = {}
        self.org_said: dict[int, list[tuple[int, str]]] = {}
        self.last_quote: dict[int, str | None] = {}  # paragraph -> the speaker of its last quotation
        self._outside: dict[int, Sentences] = {}
        self._spoken: set[str] = set()

    def spoke(self, index: int, pos: int, name: str) -> None:
        kind = self.org_said if self.register.organisation(name) else self.said
        kind.setdefault(index, []).append((pos, name))
        self._spoken.add(name)

    def mentions(self, index: int) -> list[tuple[int, str]]:
        """(position, person) for the subject of each sentence of paragraph ``index``: its first
        person, or the full name a one-word modifier stands before ("Wild defenseman Ryan Suter")."""
        if index not in self._mentions:
            sentences = self.outside(index)
            paragraph = sentences.text
            found = []
            for start, end in zip(sentences.starts, sentences.ends, strict=True):
                sentence = paragraph[start:end]
                lead = len(sentence) - len(sentence.lstrip())
                matches = list(NAME_RE.finditer(sentence))
                for i, m in enumerate(matches):
                    person = self.register.person(m.group(), m.start() == lead)
                    if person and (self.register.evidenced(person) or self.has_spoken(person)):
                        following = matches[i + 1] if i + 1 < len(matches) else None
                        if (
                            " " not in m.group().strip()
                            and following is not None
                            and MODIFIED_ROLE.fullmatch(sentence[m.end() : following.start()])
                            and (full := self.register.person(following.group())) is not None
                            and " " in full
                        ):
                            m, person = following, full
                        found.append((start + m.start(), person))
                        break
            self._mentions[index] = found
        return self._mentions[index]

    def has_spoken(self, person: str) -> bool:
        """A cue beside a quotation named ``person`` as its speaker."""
        return person in self._spoken

    def org_mentions(self, index: int) -> list[tuple[int, str]]:
        """(position, organisation) for each organisation paragraph ``index`` names."""
        if index not in self._org_mentions:
            paragraph = self.outside(index).text
            found = [
                (m.start(), org)
                for m in ORG_NAME.finditer(paragraph)
                if (org := self.register.organisation(m.group()))
            ]
            found += [(m.start(), m.group(1)) for m in LOWER_ORG.finditer(paragraph)]
            if CYRILLIC.search(paragraph):
                found += [
                    (m.start(), org) for m in CYRILLIC_ORG.finditer(paragraph) if (org := cyrillic_org(m))
                ]
            self._org_mentions[index] = sorted(found)
        return self._org_mentions[index]

    def before(self, index: int, pos: int, group: bool = False, only: bool = False) -> str | None:
        """The person (for a group pronoun, the organisation) a pronoun at ``pos`` of paragraph
        ``index`` stands for; "they" stands for people when no organisation is near, "the
        ministry" (``only``) never does."""
        if group:
            for j in range(index, max(-1, index - PRONOUN_LOOKBACK - 1), -1):
                limit = pos if j == index else len(self.body[j]) + 1
                if found := _latest_before(limit, self.org_said.get(j, []), self.org_mentions(j)):
                    return found
            if only:
                return None
        for j in range(index, max(-1, index - PRONOUN_LOOKBACK - 1), -1):
            limit = pos if j == index else len(self.body[j]) + 1
            if found := _latest_before(limit, self.said.get(j, []), self.mentions(j)):
                return found
        return self.first

    def by_role(self, index: int, pos: int, role: str) -> str | None:
        """The person a role noun after a cue stands for: the latest one the text introduced
        with that role ("міністр ... Роман Дзюбенко" for "– додав міністр"); else, for roles
        that do not hide a name (посадовець, представник: an official left unnamed), the latest
        person named."""
        stem = role.casefold()[: max(4, len(role) - 2)]
        for j in range(index, max(-1, index - PRONOUN_LOOKBACK - 1), -1):
            # names inside quotation marks are not the role's holder; a bounded window keeps
            # many such quotations in one long paragraph linear
            end = pos if j == index else len(self.body[j])
            text = self.outside(j).text[max(0, end - ROLE_LOOKBACK_CHARS) : end]
            low = text.casefold()
            at = low.rfind(stem)
            while at >= 0:  # the latest mention of the role first
                after_word = at + len(stem)
                while after_word < len(text) and not text[after_word].isspace():
                    after_word += 1  # the role word's own ending: the name stands after it
                for m in NAME_RE.finditer(text, after_word, after_word + ROLE_TO_NAME_CHARS):
                    gap = text[after_word : m.start()]
                    if _ROLE_GAP_BREAK.search(gap) or has_speech_verb(gap):
                        break  # a clause lies between: "посадовець ... сказав, що Обама"
                    if person := self.register.person(m.group()):
                        return person
                at = low.rfind(stem, 0, at)
        return None if ANONYMOUS_ROLE.match(role) else self.before(index, pos)

    def last_in(self, index: int) -> str | None:
        """Who speaks on in a quote-only paragraph after paragraph ``index``: its last speaker,
        person or organisation, else the person it was about."""
        if index < 0:
            return None
        if index in self.last_quote:  # a quotation there: its speaker, named or not, speaks on
            return self.last_quote[index]
        return self.before(index, len(self.body[index]) + 1)

    def outside(self, index: int) -> Sentences:
        """Paragraph ``index`` with its quotations blanked, and its sentences: made once."""
        if index not in self._outside:
            masked = blank_quotations(self.body[index], self.all_spans[index])
            bounds = sentence_bounds(masked)
            self._outside[index] = Sentences(masked, [b[0] for b in bounds], [b[1] for b in bounds])
        return self._outside[index]

    def in_sentence(self, index: int, start: int, end: int) -> str | None:
        """The speaker of a quotation whose cue stands apart from it in its sentence: the
        subject of a cue that follows it ("... chairman and CEO Craig Menear said", "... said
        another witness, adviser Fiona Hill"), else the subject nearest a cue before it
        ("Boudreau gave a talk, telling them to "...""); a pronoun or a role noun there
        stands for the person or organisation named before it."""
        sentences = self.outside(index)
        paragraph = sentences.text
        left, right = sentence_around(sentences, start, end)
        after = paragraph[end:right]
        if (cue := SPEECH.all_verbs.search(after.casefold())) is not None:
            found = self._subject(index, end, after[: cue.start()], nearest=False)
            found = found or self._subject(index, end + cue.end(), after[cue.end() :], nearest=False)
            if found:
                return found
        before = paragraph[left:start]
        low = before.casefold()
        # the cue nearest the quotation: "That said, the DEA says that "..."" is the DEA's
        cue = max(
            (*SPEECH.all_verbs.finditer(low), *naming_frames(low)), key=lambda m: m.start(), default=None
        )
        if cue is None:
            return None
        # "Как отметил аналитик ... Дмитрий Лаптев, программа «...»": the subject after the cue,
        # before the clause ends ("сказав, що Обама ..." reports someone else's words)
        inverted = CLAUSE_END.split(before[cue.end() :], maxsplit=1)[0]
        return self._subject(index, left, before[: cue.start()], nearest=True) or self._subject(
            index, left + cue.end(), inverted, nearest=False
        )

    def _subject(self, index: int, offset: int, text: str, nearest: bool) -> str | None:
        """The speaker ``text`` names: a person, an organisation, or a pronoun or role noun
        standing for one; the one nearest its end (the cue) or its start."""
        lead = len(text) - len(text.lstrip())
        found: list[tuple[int, str, str | None]] = []  # (position, name, or "" and what it stands for)
        for m in NAME_RE.finditer(text):
            if _POSSESSOR.match(text, m.end() - 2):
                continue  # "called Ilhan Omar's office and told": whose office, not who speaks
            if person := self.register.person(m.group(), m.start() == lead):
                found.append((m.start(), person, None))
            elif org := self.register.organisation(m.group()):
                found.append((m.start(), org, None))
            elif ACRONYM.fullmatch(bare := without_article(m.group())) and not text[m.end() :].strip():
                # "the UK called for", "NATO said": right before the cue ("PR aides called"
                # is the aides')
                found.append((m.start(), bare, None))
        for m in LOWER_ORG.finditer(text):
            found.append((m.start(), m.group(1), None))
        if CYRILLIC.search(text):
            for m in CYRILLIC_ORG.finditer(text):
                if org := cyrillic_org(m):
                    found.append((m.start(), org, None))
        for m in SPOKESPERSON_FOR.finditer(text):
            if org := self.register.organisation(m.group(1)) or without_article(m.group(1)):
                found.append((m.end(), org, None))
        for m in PRONOUN_WORD.finditer(text):
            found.append((m.start(), "", "group" if GROUP_PRONOUN.match(m.group()) else "person"))
        for m in ROLE_NOUN.finditer(text):
            if not _POSSESSOR.match(text, m.end()):  # "the council's response": its, not it
                found.append((m.start(), "", "organisation" if m.group(1) else "person"))
        if not found:
            return None
        # A person named there is the speaker before an organisation that qualifies one
        # ("former White House Russia adviser Fiona Hill").
        # ("the group" stands for an organisation: it is not a person before the one named there)
        people = [
            entry
            for entry in found
            if entry[2] not in (None, "organisation") or self.register.person(entry[1]) is not None
        ]
        pos, name, group = (max if nearest else min)(people or found)
        if group is None:
            return name
        return self.before(index, offset + pos, group=group != "person", only=group == "organisation")


def find_quotes(body: Sequence[str]) -> list[Quote]:
    """Quoted speech in ``body`` (paragraph list), with speakers where the text names them."""
    quotes: list[Quote] = []
    opened = [OPEN.search(p) is not None for p in body]
    if not any(opened):
        return quotes
    roles = _Lazy(lambda: role_names(body))
    source = article_source(body)
    # Before anyone speaks, "she said" can only mean the person the item names as its source.
    source_person = re.match(NAME, source) if source else None
    all_spans = [quotation_spans(p) if has_mark else [] for p, has_mark in zip(body, opened, strict=True)]
    continued, taken = continued_quotes(body, all_spans)
    register = Register(body)
    speakers = Speakers(
        body, all_spans, clean_name(source_person.group()) if source_person else None, register
    )
    spans_left = MAX_SPANS_READ
    for index, paragraph in enumerate(body):
        spans = all_spans[index]
        if not spans:
            continue
        if len(quotes) >= MAX_QUOTES or spans_left <= 0:
            break  # a page of nothing but quotations: the first ones stand for it (pipeline warns)
        spans = spans[:spans_left]
        spans_left -= len(spans)
        has_verb = _Lazy(partial(has_speech_verb, paragraph))  # asked of short quotations only
        speaker_here: str | None = None  # who spoke last in this paragraph
        spoken_here = False  # a quotation of this paragraph was kept as speech
        outside = speakers.outside(index).text  # the cues of one quotation are not inside another
        quote_only = ALNUM.search(outside) is None  # nothing but quotations
        for start, end in spans:
            if (index, start) in taken:
                continue  # the end of a quotation begun in an earlier paragraph
            text = continued.get((index, start)) or paragraph[start:end].strip()
            words = len(text.split())
            if ALNUM.search(text) is None:
                continue
            raw = speaker_beside(outside, start, end)
            if raw is not None and not register.may_open_sentence(outside, raw, start):
                raw = None  # "Посадовець Кабміну сказав": an official, not a person of that name
            named = raw is not None and (
                PRONOUN.match(raw) is not None
                or ROLE_WORD.match(raw) is not None
                or register.clean(raw) is not None
            )
            if not named and is_work_title(text):
                continue  # "Takin' It to the Streets": a song or book, not speech
            if words == 1 and not named and text[0].isupper() and text[-1] not in ".!?":
                continue  # «Інтерфаксу», "Energopolis": a name in quotation marks, not speech
            if MENTION.search(paragraph, max(0, start - 20), start):
                continue  # the word "client-states": a word mentioned, not said
            if (
                raw is None and speaker_here is None and impersonal(paragraph, start, end)
            ) or institution_speaks(paragraph, start, end):
                # "йдеться в заяві", "говорится в документе": the source the item names, else
                # the organisation named before
                said_by = source or speakers.before(index, start, group=True, only=True)
                quotes.append(Quote(text=text.rstrip(",").rstrip(), speaker=said_by, paragraph=index))
                speakers.last_quote[index] = said_by
                continue
            if words < MIN_WORDS_ANYWHERE and not (
                named
                or (words >= MIN_WORDS_WITH_VERB and has_verb())
                # a whole sentence quoted after speech in its paragraph goes on with it
                # ('"Hands up!" an officer ordered. "Step out."', «Стійте!» «Тут небезпечно».)
                or (spoken_here and text[0].isupper() and ends_sentence(paragraph, text, end))
                # a capitalised word or two with no speaker beside it is a name ("Укрінформ")
                or (
                    cue_in_sentence(speakers.outside(index), start, end)
                    and not (words < 3 and text[0].isupper() and text[-1] not in ".!?")
                )
            ):
                continue  # too short to be speech; decided before the speaker is looked for
            if raw is None and unnamed_speaker(outside, start, end):
                speaker = None  # "one Twitter user wrote": someone the text does not name
            elif raw is None:
                clause = paragraph[sentence_around(speakers.outside(index), start, end)[0] : start]
                speaker = named_by_role(clause, roles())
                if speaker is None:
                    speaker = speakers.in_sentence(index, start, end)  # "X told them to "..."
                if speaker is None and speaker_here is not None:
                    speaker = speaker_here  # the second half of '"...," Mayer said. "..."'
                if speaker is None and quote_only and index > 0:
                    speaker = speakers.last_in(index - 1)  # a quote-only paragraph after "Erekat said ..."
            elif ROLE_WORD.match(raw):
                speaker = speakers.by_role(index, start, raw)  # "– додав міністр": the minister named before
            elif PRONOUN.match(raw):
                group = GROUP_PRONOUN.match(raw) is not None
                speaker = speakers.before(
                    index, start, group=group, only=group and raw.casefold() in THING_PRONOUNS
                )
            else:
                # A name beside the quotation that names no one the article knows ("Washington
                # had concluded") gives way to the subject of the sentence's cue ("Pompeo said").
                # An organisation there may only qualify the person the sentence names ("said a
                # former Trade Office adviser, Ola Berg").
                speaker = register.person(raw)
                if speaker is None and (organisation := register.organisation(raw)):
                    alternative = speakers.in_sentence(index, start, end)
                    speaker = alternative if alternative and register.person(alternative) else organisation
                if speaker is None and " " not in raw.strip():
                    speaker = speakers.in_sentence(index, start, end)
                speaker = speaker or register.clean(raw)
            if speaker:
                speakers.spoke(index, start, speaker)
                speaker_here = speaker
            speakers.last_quote[index] = speaker
            spoken_here = True
            quotes.append(Quote(text=text.rstrip(",").rstrip(), speaker=speaker, paragraph=index))
            if len(quotes) >= MAX_QUOTES:
                break
    return quotes


# How many paragraphs back a pronoun looks for the person it stands for.
PRONOUN_LOOKBACK = 3


def _latest_before(limit: int, *lists: list[tuple[int, str]]) -> str | None:
    """The name of the latest (position, name) entry before ``limit`` in lists sorted by position:
    found by bisection, so many quotations in one paragraph stay linear."""
    best: tuple[int, str] | None = None
    for entries in lists:
        i = bisect_left(entries, (limit,))
        if i and (best is None or entries[i - 1][0] > best[0]):
            best = entries[i - 1]
    return best[1] if best else None


_T = TypeVar("_T")


class _Lazy(Generic[_T]):
    """A value computed on first use: most pages never need the name and role tables."""

    __slots__ = ("_make", "_value", "_done")

    def __init__(self, make: Callable[[], _T]) -> None:
        self._make = make
        self._value: _T | None = None
        self._done = False

    def __call__(self) -> _T:
        if not self._done:
            self._value, self._done = self._make(), True
        return cast(_T, self._value)
