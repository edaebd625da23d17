"""The register of an article's people and organisations. A capitalised span names a
person with evidence: more than one word once titles, connectives and acronyms are cut; a
personal title before one word; in Cyrillic, at a sentence's start, a second mention. To stand
for a later pronoun it needs more (``Register.evidenced``): a title or role, an apposition, a
speech verb beside it, a given name first, or the name again. An organisation is known by its
shape: an organisation word, an acronym the text defines, "X of the Y", "the group ..., X,"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from ._cues import SPEECH, has_speech_verb
from ._marks import opens_sentence
from ._names import (
    CYRILLIC,
    NAME,
    NAME_AT,
    NAME_RE,
    ORGANISATION_WORDS,
    PERSONAL_TITLES,
    TITLE_WORDS,
    clean_name,
    expand,
    given_names,
    organisation_shaped,
    surname_index,
    without_article,
    without_possessive,
)
from ._slavic import ROLE_WORD

_ORG_NOUNS = (
    "company|group|firm|label|agency|ministry|department|office|government|coalition|league|union|club|"
    "team|band|organi[sz]ation|committee|council|embassy|administration|party|network|studio|campaign"
)
_PERSON_NOUNS = (
    "singer|guitarist|rapper|actor|actress|star|coach|manager|player|striker|minister|premier|president|"
    "official|spokesperson|spokesman|spokeswoman|ceo|executive|founder|chairman|chairwoman|leader|lawyer|"
    "attorney|witness|prosecutor|judge|senator|governor|mayor|chancellor|ambassador|envoy|officer|director|"
    "author|writer|artist|musician|frontman|secretary|businessman|businesswoman|billionaire"
)
_TEAM_ROLES = (
    "defenseman|defender|forward|midfielder|goalkeeper|quarterback|pitcher|winger|guard|captain|coach"
)
# " defenseman ", " foreign minister ": the role between a one-word modifier and a full name.
MODIFIED_ROLE = re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{_PERSON_NOUNS}|{_TEAM_ROLES})\s+")
# "the singer and guitarist told", "the group added": a role noun standing for someone named before.
ROLE_NOUN = re.compile(
    rf"\b[Tt]he\s+(?:[a-z][\w'’-]*\s+){{0,3}}?(?:({_ORG_NOUNS})|({_PERSON_NOUNS}|\d+-year-old))(?![\w-])"
)
# "Ola Berg, 56,", "Ola Berg, who ...", "Ola Berg, a former port director": what follows a
# person's name and no organisation's or place's.
PERSON_APPOSITION = re.compile(
    rf",\s+(?:\d{{1,3}}\s*,|who\b|whose\b|(?:an?\s+|the\s+)?(?:[a-z][\w-]*\s+){{0,3}}?"
    rf"(?:{_PERSON_NOUNS}|{_TEAM_ROLES}|analyst|professor|researcher|scientist|economist|expert|"
    rf"head|chief|editor|teacher|doctor|nurse|student|resident|owner|mother|father|wife|husband)\b"
    # "a farmer in Punjab", "an activist", "a historian": a person's noun by its ending
    rf"|an?\s+(?:[a-z][\w-]*\s+){{0,2}}?[a-z]+(?:er|or|ist|ian|ant|ent)\b)"
)
# A role word: in a name span it is the title before the name ("Manager Rui Costa"); in lower
# case just before one, the person's role ("said port director Olena Marchuk").
_ROLES = rf"{_PERSON_NOUNS}|{_TEAM_ROLES}|spokes\w+|analyst|professor|researcher|economist|expert"
ROLE_TITLE = re.compile(_ROLES)
ROLE_BEFORE = re.compile(rf"\b(?:{_ROLES})\s+$")
# "Russia's foreign ministry", "the French foreign ministry": an institution named in lower case.
LOWER_ORG = re.compile(
    # from a word's start: inside "A-A-A-..." every letter would rescan the rest of the run
    # ("The ministry" is a role noun's: see ROLE_NOUN)
    r"(?<![\w’'-])(?!(?:The|A|An|This|That|Its|Their)\s)"
    r"((?:[A-Z][\w’'-]+(?:['’]s)?\s+)(?:[a-z]+\s+){0,2}(?:ministry|office|government|department|embassy|army|police))\b"
)
SPOKESPERSON_FOR = re.compile(rf"spokes(?:person|man|woman)\s+(?:for|of)\s+(?:the\s+)?({NAME})")
# "The group that owns her music, Big Machine, says": the name is an organisation's.
# The boundary is tested behind the first letter: a pattern that opens with \b is tried at every
# character, one that opens with a letter only where that letter is.
_ORG_APPOSITION = re.compile(rf"[Tt](?<=\b[Tt])he\s+(?:{_ORG_NOUNS})\b[^.;,]{{0,80}},\s+({NAME}),")
# "Drug Enforcement Administration (DEA)"
# From a word's start only: tried inside a long capitalised word, each of its letters would
# rescan the rest of it (10,000 letters: seconds).
_ACRONYM_DEFINED = re.compile(rf"(?<![\w'’\-])({NAME})\s+\(([A-Z]{{2,6}})\)")
# An organisation's name or acronym ("Council" stands for "Council of the European Union" once
# the text has named it so: see Register.organisations).
ORG_NAME = re.compile(rf"(?:\b[A-Z]{{2,6}}\b|{NAME})")


class Register:
    """The persons an article names (full names, and the surnames and titled names it uses for
    them) and its organisations (named with an organisation word, or introduced as one, with the
    acronyms it defines). Every capitalised span of the text is read once, and each distinct
    span is judged once.
    """

    def __init__(self, body: Sequence[str]) -> None:
        self.body = body
        self._people_index: tuple[dict[tuple[str, ...], str], set[str]] | None = None
        self._counts: Counter[str] = Counter()
        self._organisations: tuple[set[str], dict[str, str]] | None = None
        self._cleaned: dict[str, str | None] = {}
        self._organisation_names: dict[str, bool] = {}
        self._people: dict[tuple[str, bool], str | None] = {}
        self._named: list[tuple[str, bool]] | None = None
        self._titled: set[str] = set()  # full names with a title or role before them
        self._places: dict[str, list[tuple[str, int, int]]] = {}  # span -> (paragraph, start, end)
        self._spans_of: dict[str, list[str]] = {}  # full name -> the spans that give it

    def clean(self, span: str) -> str | None:
        """clean_name, once per distinct span of the article (names recur)."""
        if span not in self._cleaned:
            self._cleaned[span] = clean_name(span)
        return self._cleaned[span]

    def is_organisation(self, name: str) -> bool:
        """organisation_shaped, once per distinct name of the article (the registers ask again and
        again)."""
        if name not in self._organisation_names:
            self._organisation_names[name] = organisation_shaped(name)
        return self._organisation_names[name]

    def _spans_named(self) -> list[tuple[str, bool]]:
        """Every capitalised span of the text, with whether it opens a sentence: read once for
        both registers."""
        if self._named is None:
            self._named = []
            for paragraph in self.body:
                for m in NAME_RE.finditer(paragraph):
                    span = m.group()
                    # a sentence's start matters in Cyrillic only (see _confirmed)
                    self._named.append((span, span >= "\u0400" and opens_sentence(paragraph, m.start())))
                    if " " in span:  # where it stands, read only if a pronoun asks about it
                        self._places.setdefault(span, []).append((paragraph, m.start(), m.end()))
        return self._named

    def people(self) -> tuple[dict[tuple[str, ...], str], set[str]]:
        """(full names by their surnames, the single words that name one of them)."""
        if self._people_index is None:
            found = []  # (name, was titled, at a sentence's start)
            read: dict[str, tuple[str, bool, bool] | None] = {}  # spans recur: each is read once
            singles_seen: Counter[str] = Counter()
            for span, opens in self._spans_named():
                if " " not in span:  # one word: no full name, no title; only its count matters
                    singles_seen[without_possessive(span)] += 1
                    continue
                if span not in read:
                    name = self.clean(span)
                    if name and not self.is_organisation(name):
                        first = span.split()[0]
                        # "Mr. Reeves", "Afghan President Ashraf Ghani": a title before the name
                        before = span.split()[: -len(name.split())]
                        titled = first.casefold().rstrip(".") in PERSONAL_TITLES or any(
                            w.casefold().rstrip(".") in PERSONAL_TITLES
                            or ROLE_WORD.match(w.casefold())
                            or ROLE_TITLE.fullmatch(w.casefold())
                            for w in before
                        )
                        read[span] = (name, titled, first == name.split()[0])
                    else:
                        read[span] = None
                if (entry := read[span]) is not None:
                    found.append((entry[0], entry[1], opens and entry[2]))
            self._counts = Counter(name for name, _, _ in found) + singles_seen
            self._titled = {name for name, titled, _ in found if titled}
            for span, entry in read.items():
                if entry is not None:
                    self._spans_of.setdefault(entry[0], []).append(span)
            fulls: list[str] = []
            singles: set[str] = set()
            organisations = self.organisations()[0]
            for name, titled, sentence_start in found:
                if (sentence_start and not self._confirmed(name)) or name in organisations:
                    continue  # a sentence's first word, capitalised whatever it is
                words = name.split()
                if len(words) > 1:
                    fulls.append(name)
                    singles.add(words[-1])
                elif titled:  # "Prince Andrew", "Mr. Reeves": a titled person
                    singles.add(name)
            self._people_index = (surname_index(fulls), singles)
        return self._people_index

    def evidenced(self, person: str) -> bool:
        """The text gives evidence that ``person`` (a full name from ``person()``) is one: a
        title before it, the name again or its surname alone elsewhere, a given name first, or
        what stands beside it (see _described: read last, for a name seen once). A capitalised
        pair seen once ("Inherent Resolve", "Go-Kart Track") has none."""
        self.people()
        words = person.split()
        return (
            person in self._titled
            or self._counts[person] > 1
            or (len(words) > 1 and self._counts[words[-1]] > 0)
            or words[0].casefold() in given_names()
            or any(
                _described(paragraph, start, end)
                for span in self._spans_of.get(person, ())
                for paragraph, start, end in self._places.get(span, ())
            )
        )

    def organisations(self) -> tuple[set[str], dict[str, str]]:
        """(the organisations the text introduces as such, acronym or short form -> full name:
        "DEA" and "Council" for "Drug Enforcement Administration", "Council of the European Union")."""
        if self._organisations is None:
            names: set[str] = set()
            acronyms: dict[str, str] = {}
            for paragraph in self.body:
                for m in _ORG_APPOSITION.finditer(paragraph):
                    names.add(without_article(m.group(1)))
                if "(" in paragraph:
                    for m in _ACRONYM_DEFINED.finditer(paragraph):
                        full = without_article(m.group(1))
                        acronyms.setdefault(m.group(2), full)
                        names.add(full)
            for span in dict.fromkeys(span for span, _ in self._spans_named()):
                name = without_article(span)
                if self.is_organisation(name):
                    names.add(name)
                    initials = "".join(w[0] for w in name.split() if w[0].isupper())
                    if len(initials) >= 2:
                        acronyms.setdefault(initials, name)
            # "the Council of the European Union": the short form the text uses later is this one
            for paragraph in self.body:
                for head, full in _of_names(paragraph):
                    names.add(full)
                    acronyms.setdefault(head, full)
            self._organisations = (names, acronyms)
        return self._organisations

    def may_open_sentence(self, paragraph: str, raw: str, before: int) -> bool:
        """False for a name found beside a quotation that opens its sentence, in Cyrillic, is
        not a title and a name, and is named nowhere else (see person)."""
        name = self.clean(raw)
        if not name or not CYRILLIC.match(name) or raw.split()[0] != name.split()[0]:
            return True
        at = paragraph.rfind(raw, max(0, before - 200), before)  # speaker_beside reads 160 characters back
        self.people()
        return not (at >= 0 and opens_sentence(paragraph, at)) or self._confirmed(name)

    def _confirmed(self, name: str) -> bool:
        """In Cyrillic, a name at a sentence's start counts when the text names it again."""
        return not CYRILLIC.match(name) or self._counts[name] > 1

    def person(self, span: str, sentence_start: bool = False) -> str | None:
        """The person a name span names, in the fullest form the article gives, or None. At a
        sentence's start, a Cyrillic span must recur in the text: there the first word is
        capitalised whatever it is ("Посадовець Білого дому", a White House official)."""
        key = (span, sentence_start)
        if key not in self._people:
            self._people[key] = self._person(span, sentence_start)
        return self._people[key]

    def _person(self, span: str, sentence_start: bool) -> str | None:
        name = self.clean(span)
        if not name or self.is_organisation(name):
            return None
        by_suffix, singles = self.people()
        if sentence_start and span.split()[0] == name.split()[0] and not self._confirmed(name):
            return None  # "Президент Володимир Зеленський" opens with a title: the name does not
        if name in self.organisations()[0]:
            return None
        return expand(name, by_suffix) if " " in name or name in singles else None

    def organisation(self, span: str) -> str | None:
        """The organisation a span names ("the DEA" -> "Drug Enforcement Administration"), or None."""
        name = without_article(span)
        names, acronyms = self.organisations()
        if name in acronyms:
            return acronyms[name]
        return name if name in names or self.is_organisation(name) else None


_OF = re.compile(r" (?:of|for) (?:the )?")


def _of_names(paragraph: str) -> Iterator[tuple[str, str]]:
    """(head, full name) of organisations named "X of the Y" ("Council", "Council of the
    European Union"): found from each " of " whose word before is a capitalised organisation
    word, not by running a name pattern over the whole paragraph."""
    for m in _OF.finditer(paragraph):
        start = m.start()
        word_start = paragraph.rfind(" ", 0, start) + 1
        word = paragraph[word_start:start]
        if not word[:1].isupper() or word.casefold() not in ORGANISATION_WORDS:
            continue
        tail = NAME_AT.match(paragraph, m.end())
        if tail is None:
            continue
        head_start = word_start
        while head_start > 1:  # capitalised words before it belong to the name ("European Court")
            prev = paragraph.rfind(" ", 0, head_start - 1) + 1
            if not paragraph[prev : head_start - 1][:1].isupper():
                break
            head_start = prev
        head = without_article(paragraph[head_start:start])
        yield head, f"{head}{paragraph[start : m.end()]}{tail.group()}"


def cyrillic_org(m: re.Match[str]) -> str | None:
    """An organisation's name that starts with a capital ("Народный союз Кассарии"), else None
    ("в заявлении партии": a lower-case mention names none)."""
    name = m.group(1).strip()
    first = name.split()[0].casefold()
    if not name[:1].isupper() or " " not in name or first in TITLE_WORDS or has_speech_verb(name):
        return None  # "Как отметил аналитик компании": a clause, not a name
    return name


def _described(paragraph: str, start: int, end: int) -> bool:
    """The span at ``start``..``end`` is a person's by what stands beside it: an apposition
    ("X, 56,"), a role in lower case before it, a speech verb next to it."""
    return bool(
        PERSON_APPOSITION.match(paragraph, end)
        or ROLE_BEFORE.search(paragraph, max(0, start - 40), start)
        or _beside_cue(paragraph, start, end)
    )


def _beside_cue(paragraph: str, start: int, end: int) -> bool:
    """A speech verb right after the span ("Petro Ivanenko said", "Ivanenko, 56, told") or right
    before it ("said Petro Ivanenko"): a person cue, whether or not a quotation is near."""
    after = SPEECH.all_verbs.search(paragraph[end : end + 24].casefold())
    if after is not None and not paragraph[end : end + after.start()].strip(" ,0123456789"):
        return True
    before = paragraph[max(0, start - 12) : start].casefold()
    return any(m.end() >= len(before.rstrip(" ,")) for m in SPEECH.all_verbs.finditer(before))
