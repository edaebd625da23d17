"""Cues and clauses: the speech verbs and naming frames of English, Ukrainian and Russian,
the patterns that put a name beside a cue on either side of a quotation, and the clauses that
say no one in particular speaks ("йдеться в заяві", "said in a statement")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import LazyPatterns, trie_regex
from ._marks import Sentences, sentence_around
from ._names import CAP, NAME, clean_name
from ._slavic import CYRILLIC_ROLES, GENITIVE_CUES, nominative, verb_forms

_VERB_WORDS = {
    "en": """said says say added adds told tells stated noted notes wrote writes explained explains stressed
    emphasised emphasized asked replied declared announced claimed insisted warned argued commented
    continued tweeted posted recalled admitted specified underlined concluded testified acknowledged
    acknowledges assured assures telling comments observed suggested cautioned urged conceded confirmed
    responded remarked joked vowed pledged promised answered agreed predicted complained boasted lamented
    quipped shouted wondered warning reiterated remembered recalls insists ordered saying stating adding
    noting writing explaining arguing insisting claiming""".split()
    + ["according to", "weighed in", "pointed out", "points out", "put it", "puts it"],
    # Portuguese and Spanish: the pages of the quote sets in other Latin-script languages
    "pt": """disse dizem diz afirmou afirma afirmaram declarou explicou acrescentou contou
    destacou ressaltou salientou garantiu defendeu questionou respondeu escreveu alertou avaliou""".split()
    + ["de acordo com"],
    "es": """dijo dice dijeron afirmó afirma declaró explicó añadió agregó aseguró señaló indicó
    destacó advirtió respondió escribió subrayó""".split(),
    "uk": ["за словами", *"йдеться говориться цитує переконаний переконана упевнений упевнена".split()]
    + verb_forms(
        "заяви сказа зазначи наголоси дода повідоми написа поясни підкресли розпові уточни відпові запевни "
        "нагада зауважи підсумува поділи прокоментува визна підтверди попереди заклика зізна усміхну посміхну "
        "крикну вигукну",
        ("в", "ла", "ли", "вся", "лася", "лися"),
    )
    + "каже кажуть вважає вважають пише пишуть наголошує зазначає додає пояснює розповідає".split(),
    "ru": ["по словам", *"говорится уверен уверена считает считают говорит говорят пишет пишут".split()]
    + "отмечает подчеркивает полагает".split()
    + verb_forms(
        "заяви сказа отмети подчеркну добави сообщи написа поясни рассказа указа уточни ответи завери "
        "напомни замети подытожи резюмирова призна подели прокомментирова улыбну пошути призва предупреди "
        "подтверди крикну воскликну",
        ("л", "ла", "ли", "лся", "лась", "лись"),
    ),
}
# "states" is a cue, "United States" is not.
_ALL_VERBS = [w for words in _VERB_WORDS.values() for w in words]
_VERB_ALTERNATION = trie_regex(_ALL_VERBS) + "|(?<!united )states"
# The speech-verb patterns: alternations of every verb form, a tenth of a second to compile in
# all, built when a page first has a quotation, not at import.
SPEECH = LazyPatterns()
# Matched against case-folded text: an IGNORECASE alternation this long is several times slower.
# The lookahead for the verbs' first letters is one set test where no verb starts, not a try of
# every branch of the tree.
_VERB_FIRST_LETTERS = "".join(sorted({w[0] for w in [*_ALL_VERBS, "states"]}))
SPEECH.define("all_verbs", rf"(?=[{re.escape(_VERB_FIRST_LETTERS)}])\b(?:" + _VERB_ALTERNATION + r")\b")


def has_speech_verb(text: str) -> bool:
    return SPEECH.all_verbs.search(text.casefold()) is not None


PRONOUN = re.compile(r"^(?:he|she|they|it|він|вона|вони|воно|он|она|они|оно)$", re.IGNORECASE)
# Pronouns that stand for a group: an organisation first ("they said in a statement", "it says").
GROUP_PRONOUN = re.compile(r"^(?:they|it|вони|воно|они|оно)$", re.IGNORECASE)
THING_PRONOUNS = frozenset({"it", "воно", "оно"})  # never a person
_PRONOUNS = r"(?<!\w)(?i:he|she|they|it|він|вона|вони|он|она|они)"
_VERB = r"(?i:" + _VERB_ALTERNATION + r")"
# Lower-case role words may stand between the verb and the name ("said port director Olena Marchuk").
_ROLE_RUN = r"(?:[a-zа-яіїєґё][\w'’\-]*\s+){0,4}?"
# After the quotation: ', said Jane Doe' / ', Jane Doe said' / ', she added'.
SPEECH.define("after_verb_name", rf"^\W{{0,4}}\s*{_VERB}\s+{_ROLE_RUN}({NAME}|{_PRONOUNS}(?!\w))")
SPEECH.define(
    "after_name_verb",
    rf"^\W{{0,4}}\s*{_ROLE_RUN}({NAME}|{_PRONOUNS})(?:,[^,]{{0,60}},)?\s+(?:\w+\s+)?{_VERB}\b",
)
# Before the quotation: 'Jane Doe said: "' / 'Jane Doe said that "' / 'according to Jane Doe, "'.
SPEECH.define("before", rf"({NAME}|{_PRONOUNS})(?:,[^,]{{0,80}},)?\s+(?:\w+\s+)?{_VERB}\b[^.!?]{{0,80}}$")
SPEECH.define("after_verb_role", rf"^\W{{0,4}}\s*{_VERB}\s+(?:[а-яіїєґё'’-]+\s+)?({CYRILLIC_ROLES})(?![\w-])")
# 'Как отметил Владимир Путин, "', 'said Jane Doe: "': the cue, then the name, then the quotation.
SPEECH.define("before_inverted", rf"({_VERB})\s+{_ROLE_RUN}({NAME})\s*[,:]?\s*[-–—]?\s*$")
_ACCORDING = re.compile(rf"(?i:according to|de acordo com|за словами|по словам)\s+({NAME})")

# Where a news item names its source: "Про це повідомляє пресслужба Мінцифри." / "Source: X".
_SOURCE = re.compile(
    r"(?:^|\.\s)(?:(?i:про це|об этом)\s+(?i:повідомля\w*|повідоми\w*|пише|пишуть|заяви\w*|сообща\w*|сообщи\w*|пишет)"
    r"|(?i:this was reported by|source:|джерело:|источник:))\s+([^.;]{3,120}?)\s*(?:[.;]|$)"
)
# "... за підписом заступника речника Марка Тонера" (signed by): the signatory is the source.
_SIGNED_BY = re.compile(r"(?i:за підписом|за подписью|signed by)\s+((?:\S+\s+){0,5}\S+)")
# Words said by no one in particular: "йдеться в повідомленні" (the statement says), "зазначається".
# Matched against case-folded text, as a prefix tree: an (?i:) alternation is the slow form.
_IMPERSONAL = re.compile(
    trie_regex(
        [
            *"йдеться говориться говорится зазначається отмечается наголошується подчеркивается".split(),
            *(
                f"the {thing} {verb}"
                for thing in ("statement", "document")
                for verb in ("said", "says", "reads")
            ),
            "said in a statement",
        ]
    )
)
# "У Держдепі запевнили" / "В Кремле заявили": an institution speaking in the plural, no person
# named (the capitalised word after У/В is in the locative, not a speaker's name).
_INSTITUTION_SPEAKS = re.compile(
    r"(?:^|\s)[УВ]\s+[А-ЯІЇЄҐ][^,.]{0,40}\s(?i:запевнили|заявили|повідомили|наголосили|зазначили|"
    r"заверили|заявили|сообщили|отметили|подчеркнули|уточнили|уточнили|пояснили|пояснили)\b"
)


# Words that make a phrase a role ("Президент США", "UK Defence Secretary"), lower-case stems.
_ROLE_STEMS = (
    "президент",
    "прем",
    "міністр",
    "министр",
    "речник",
    "посол",
    "голова",
    "глава",
    "мер ",
    "president",
    "minister",
    "secretary",
    "spokes",
    "ambassador",
    "chancellor",
    "governor",
    "senator",
    "mayor",
    "director",
    "chief",
    "chairman",
    "chairwoman",
)
_ROLE_STEM = re.compile(trie_regex(_ROLE_STEMS))
# Tried at word starts only (the lookbehind): a match begun inside a word is the same match
# with its first word cut, and trying every character costs more time.
_ROLE_NAME = re.compile(rf"(?<![\w'’\-])((?:[\w'’\-]+\s+){{1,2}})({CAP}\s+{CAP})")


def role_names(body: Sequence[str]) -> dict[str, str]:
    """Role phrase -> the name it introduced: "Президент США Барак Обама" gives "президент сша" -> "Барак Обама"."""
    roles: dict[str, str] = {}
    for paragraph in body:
        if not _ROLE_STEM.search(paragraph.casefold()):
            continue  # most paragraphs name no role: skip the regex
        for m in _ROLE_NAME.finditer(paragraph):
            role = m.group(1).strip().casefold()
            if any(stem in role for stem in _ROLE_STEMS):
                roles.setdefault(role, m.group(2))
    return roles


def named_by_role(clause: str, roles: dict[str, str]) -> str | None:
    """The named person a role phrase in ``clause`` refers back to ("президент США ... сказав")."""
    if not roles or not has_speech_verb(clause):
        return None
    low = clause.casefold()
    for role, name in roles.items():
        if role in low and re.search(rf"(?<!\w){re.escape(role)}(?!\w)", low):  # substring test first: cheap
            return name
    return None


def article_source(body: Sequence[str]) -> str | None:
    """The source the item names for its words (press service, signatory), if any."""
    for paragraph in body[:4]:
        m = _SIGNED_BY.search(paragraph)
        if m:  # the first run of capitalised words after the roles; its last two are the name
            run = re.search(rf"{CAP}(?:\s+{CAP})*", m.group(1))
            if run:
                return nominative(" ".join(run.group().split()[-2:]))
        m = _SOURCE.search(paragraph)
        if m:
            return m.group(1).strip()
    return None


def _inverted(before: str) -> re.Match[str] | None:
    """The inverted cue (before_inverted) at the last cues of ``before``: the fast verb test finds where they
    stand, so the slow pattern is tried there only, not at every character."""
    low = before.lower()
    if len(low) != len(before):  # a letter whose lower case is longer: positions would shift
        return SPEECH.before_inverted.search(before)
    for cue in reversed(list(SPEECH.all_verbs.finditer(low))[-3:]):
        if m := SPEECH.before_inverted.match(before, cue.start()):
            return m
    return None


def speaker_beside(paragraph: str, start: int, end: int) -> str | None:
    after = paragraph[end + 1 : end + 120]
    before = paragraph[max(0, start - 160) : max(0, start - 1)]
    # Every pattern needs a cue: the fast verb test spares the slow case-insensitive ones.
    after_cue, before_cue = has_speech_verb(after), has_speech_verb(before)
    if not (after_cue or before_cue):
        return None
    for pattern, text in (
        (SPEECH.after_verb_name, after),
        (SPEECH.after_name_verb, after),
        (SPEECH.after_verb_role, after),
    ):
        m = pattern.search(text) if after_cue else None
        if m:
            return None if _modifies_a_noun(m) else m.group(1)
    if not before_cue:
        m = _ACCORDING.search(after)
        return nominative(m.group(1)) if m else None
    m = SPEECH.before.search(before)
    if m and _modifies_a_noun(m):
        return None
    if m and (PRONOUN.match(m.group(1)) or clean_name(m.group(1))):
        return m.group(1)
    if m := _inverted(before):
        return nominative(m.group(2)) if m.group(1).casefold() in GENITIVE_CUES else m.group(2)
    m = _ACCORDING.search(before) or _ACCORDING.search(after)
    return nominative(m.group(1)) if m else None  # "за словами" / "по словам" take the genitive


# People the text does not name: "one Twitter user wrote", "a Pentagon official said",
# "two Kyiv residents told". A name before one of these qualifies it; it does not speak.
_UNNAMED_NOUNS = (
    "user|users|official|officials|source|sources|resident|residents|worker|workers|employee|employees|"
    "fan|fans|member|members|voter|voters|reader|readers|viewer|viewers|commenter|commenters|follower|"
    "followers|customer|customers|student|students|passenger|passengers|witness|witnesses|insider|"
    "insiders|aide|aides|expert|experts|person|people|officer|officers|critic|critics|parent|parents|"
    "diplomat|diplomats|lawmaker|lawmakers|staff|staffer|staffers|poster|account"
)
_UNNAMED_NOUN = re.compile(rf"(?:{_UNNAMED_NOUNS})")
SPEECH.define(
    "unnamed",
    rf"(?<![\w-])(?i:one|a|an|another|some|several|many|two|three|four|five)\s+"
    rf"(?:[^\W\d_][\w'’-]*\s+){{0,3}}?(?:{_UNNAMED_NOUNS})\b\s+(?:\w+\s+)?"
    rf"(?:{_VERB}|(?i:called|calls|described|describes|dubbed|labell?ed))\b",
)


def _modifies_a_noun(m: re.Match[str]) -> bool:
    """The name a cue pattern found stands before a noun for someone unnamed ("Twitter" in
    "one Twitter user wrote"): the word between it and the verb is that noun."""
    between = m.string[m.end(1) : m.end()].split()
    return bool(between) and _UNNAMED_NOUN.fullmatch(between[0]) is not None


def unnamed_speaker(paragraph: str, start: int, end: int) -> bool:
    """The cue beside the quotation has someone unnamed as its subject ("One Twitter user
    wrote: "..."", '"...," a Pentagon official said')."""
    before = paragraph[max(0, start - 160) : max(0, start - 1)]
    last = max(SPEECH.unnamed.finditer(before), key=lambda m: m.start(), default=None)
    if last is not None and not SENTENCE_BREAK.search(before, last.end()):
        return True
    return SPEECH.unnamed.match(paragraph[end + 1 : end + 120].lstrip(" ,’'\"”»–—-")) is not None


SENTENCE_BREAK = re.compile(r"[.!?]\s")


PRONOUN_WORD = re.compile(r"\b(?:he|she|they|він|вона|вони|он|она|они)\b", re.IGNORECASE)


CLAUSE_END = re.compile(r",|\b(?:that|що|что|чтобы|щоб)\b")
# "described as", "called it": a frame that makes a short quotation someone's words.
_FRAME = re.compile(
    r"\b(?:describe|described|describing|describes|called|calling|calls|labell?ed|dubbed|introduced"
    r"|(?:sees|views|viewed|regards|regarded)\b[^.;:]{0,40}\bas)\b"
    r"|(?<!\w)(?:назва\w{0,3}|называ\w{1,3}|охарактеризува\w{1,3}|охарактеризова\w{1,3})(?!\w)"
)


# "is called", "what's called", "so-called": the frame names a term, no one says it.
_PASSIVE_FRAME = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being|what's|what’s|whats)\s+(?:[a-z]+ly\s+|also\s+|often\s+)?|so-)$"
)


def naming_frames(low: str) -> list[re.Match[str]]:
    """The naming frames of case-folded ``low`` that someone speaks through ("called it",
    "described as"), not the passive ones that name a term ("it is called", "so-called")."""
    return [
        m for m in _FRAME.finditer(low) if not _PASSIVE_FRAME.search(low, max(0, m.start() - 20), m.start())
    ]


def cue_in_sentence(sentences: Sentences, start: int, end: int) -> bool:
    """A speech verb or a naming frame in the quotation's own sentence, outside its marks."""
    left, right = sentence_around(sentences, start, end)
    low = sentences.text[left:right].casefold()
    return SPEECH.all_verbs.search(low) is not None or bool(naming_frames(low))


def impersonal(paragraph: str, start: int, end: int) -> bool:
    """The quotation is attributed to no person: "..., - йдеться в повідомленні" / "зазначається, що ..."."""
    return bool(
        _IMPERSONAL.search(paragraph[end + 1 : end + 60].casefold())
        or _IMPERSONAL.search(paragraph[max(0, start - 120) : start].casefold())
    )


def institution_speaks(paragraph: str, start: int, end: int) -> bool:
    """ "У Держдепі запевнили, що "..."" / '"...", – зазначили в прокуратурі' is no one's name."""
    return bool(
        _INSTITUTION_SPEAKS.search(paragraph[max(0, start - 120) : start])
        or _INSTITUTION_SPEAKS.search(paragraph[end + 1 : end + 60])
    )
