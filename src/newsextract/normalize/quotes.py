"""Quoted speech in body paragraphs, with the speaker when the sentence names one.

A quotation counts as speech when it is long enough to be said (scare quotes such as "shadow
fleet" are two words) and, for short ones, when a speech verb stands in its paragraph. The
speaker is the capitalised name next to a speech verb on either side of the quotation; a pronoun
("she added") takes the last speaker named before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import partial
from typing import NamedTuple

from ..record import Quote
from .text import LazyPatterns, trie_regex

__all__ = ["MAX_QUOTES", "find_quotes"]

# Opening mark -> closing marks. Straight double quotes pair with themselves.
_PAIRS = {"“": '”"', "„": '“”"', "«": "»", '"': '"”', "”": "”"}  # pages mix straight and curly marks
_OPEN = re.compile(r'[“„«"]')
# A letter or digit (what str.isalnum() says), found in C, not tested a character at a time in
# Python: a paragraph opening with a long quotation is blanked out to that length.
_ALNUM = re.compile(r"[^\W_]")
# For each opening mark, the marks that can close or nest inside it: the scan jumps between them.
# Two apostrophes close a double quotation on pages typeset with them (“It was,’’ she said).
_DOUBLE_APOSTROPHE = ("’’", "''")
_MARKS = {
    mark: re.compile("[" + re.escape(closers + mark) + "]" + ("|’’|''" if mark in '“"' else ""))
    for mark, closers in _PAIRS.items()
}


def _forms(stems: str, endings: tuple[str, ...]) -> list[str]:
    """Every stem with every ending (Ukrainian and Russian verb forms)."""
    return [stem + ending for stem in stems.split() for ending in endings]


_VERB_WORDS = {
    "en": """said says say added adds told tells stated noted notes wrote writes explained explains stressed
    emphasised emphasized asked replied declared announced claimed insisted warned argued commented
    continued tweeted posted recalled admitted specified underlined concluded testified acknowledged
    acknowledges assured assures telling comments observed suggested cautioned urged conceded confirmed
    responded remarked joked vowed pledged promised answered agreed predicted complained boasted lamented
    quipped shouted wondered warning reiterated remembered recalls insists ordered""".split()
    + ["according to", "weighed in", "pointed out", "points out"],
    "uk": ["за словами", *"йдеться говориться цитує переконаний переконана упевнений упевнена".split()]
    + _forms(
        "заяви сказа зазначи наголоси дода повідоми написа поясни підкресли розпові уточни відпові запевни "
        "нагада зауважи підсумува поділи прокоментува визна підтверди попереди заклика зізна усміхну посміхну "
        "крикну вигукну",
        ("в", "ла", "ли", "вся", "лася", "лися"),
    )
    + "каже кажуть вважає вважають пише пишуть наголошує зазначає додає пояснює розповідає".split(),
    "ru": ["по словам", *"говорится уверен уверена считает считают говорит говорят пишет пишут".split()]
    + "отмечает подчеркивает полагает".split()
    + _forms(
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
_SPEECH = LazyPatterns()
# Matched against case-folded text: an IGNORECASE alternation this long is five times slower.
# The lookahead for the verbs' first letters is one set test where no verb starts, not a try of
# every branch of the tree (a third less time on the dev sets' paragraphs).
_VERB_FIRST_LETTERS = "".join(sorted({w[0] for w in [*_ALL_VERBS, "states"]}))
_SPEECH.define("all_verbs", rf"(?=[{re.escape(_VERB_FIRST_LETTERS)}])\b(?:" + _VERB_ALTERNATION + r")\b")


def _has_verb(text: str) -> bool:
    return _SPEECH.all_verbs.search(text.casefold()) is not None


_PRONOUN = re.compile(r"^(?:he|she|they|it|він|вона|вони|воно|он|она|они|оно)$", re.IGNORECASE)
# Pronouns that stand for a group: an organisation first ("they said in a statement", "it says").
_GROUP_PRONOUN = re.compile(r"^(?:they|it|вони|воно|они|оно)$", re.IGNORECASE)
_THING_PRONOUNS = frozenset({"it", "воно", "оно"})  # never a person
_CAP = r"[A-ZА-ЯІЇЄҐЁ][\w'’\-]+"
# A name: 1-7 capitalised words (Latin or Cyrillic), particles allowed inside. Case-sensitive.
_NAME = rf"(?:{_CAP}(?:\s+(?:(?:de|van|von|der|al|bin|da|di|la)\s+)?{_CAP}){{0,6}})"
_NAME_RE = re.compile(_NAME)
_PRONOUNS = r"(?<!\w)(?i:he|she|they|it|він|вона|вони|он|она|они)"
_VERB = r"(?i:" + _VERB_ALTERNATION + r")"
# Lower-case role words may stand between the verb and the name ("said port director Olena Marchuk").
_ROLE_RUN = r"(?:[a-zа-яіїєґё][\w'’\-]*\s+){0,4}?"
# After the quotation: ', said Jane Doe' / ', Jane Doe said' / ', she added'.
_SPEECH.define("after_verb_name", rf"^\W{{0,4}}\s*{_VERB}\s+{_ROLE_RUN}({_NAME}|{_PRONOUNS}(?!\w))")
_SPEECH.define(
    "after_name_verb",
    rf"^\W{{0,4}}\s*{_ROLE_RUN}({_NAME}|{_PRONOUNS})(?:,[^,]{{0,60}},)?\s+(?:\w+\s+)?{_VERB}\b",
)
# Before the quotation: 'Jane Doe said: "' / 'Jane Doe said that "' / 'according to Jane Doe, "'.
_SPEECH.define("before", rf"({_NAME}|{_PRONOUNS})(?:,[^,]{{0,80}},)?\s+(?:\w+\s+)?{_VERB}\b[^.!?]{{0,80}}$")
# «…», – додав міністр / — пояснил эксперт: a role noun after the cue stands for the person named before.
_CYRILLIC_ROLES = (
    "міністр|министр|міністерка|експерт|эксперт|експертка|аналітик|аналитик|прокурор|прокурорка|речник|"
    "речниця|адвокат|адвокатка|депутат|депутатка|губернатор|мер|мэр|голова|глава|директор|директорка|"
    "керівник|керівниця|руководитель|лікар|врач|тренер|тренерка|суддя|судья|посол|посадовець|чиновник|"
    "політик|политик|президент|прем'єр|премьер|командир|генерал|учений|ученый|науковець|дослідник|"
    "исследователь|автор|авторка|режисер|режиссер|спікер|спикер|представник|представниця|представитель|"
    "співрозмовник|собеседник|співрозмовниця|собеседница|чиновниця|нардеп|активіст|активистка|активист"
)
_SPEECH.define(
    "after_verb_role", rf"^\W{{0,4}}\s*{_VERB}\s+(?:[а-яіїєґё'’-]+\s+)?({_CYRILLIC_ROLES})(?![\w-])"
)
_ROLE_WORD = re.compile(rf"^(?:{_CYRILLIC_ROLES})$")
# Roles that stand for someone the text does not name ("сказав посадовець, імені якого не називають").
_ANONYMOUS_ROLE = re.compile(r"^(?:посадовець|чиновник|чиновниця|представник|представниця|представитель)$")
# How far after a role word its holder's name may stand ("міністр аграрної політики Роман Дзюбенко").
ROLE_TO_NAME_CHARS = 80
ROLE_LOOKBACK_CHARS = 1000
_ROLE_GAP_BREAK = re.compile(r"[,.;:!?«»\"“”„]")
# 'Как отметил Владимир Путин, "', 'said Jane Doe: "': the cue, then the name, then the quotation.
_SPEECH.define("before_inverted", rf"({_VERB})\s+{_ROLE_RUN}({_NAME})\s*[,:]?\s*[-–—]?\s*$")
# Cues that put the name after them in the genitive.
_GENITIVE_CUES = frozenset({"за словами", "по словам", "за підписом", "за подписью"})
_ACCORDING = re.compile(rf"(?i:according to|за словами|по словам)\s+({_NAME})")
# Words that open a name span but are titles, not the name ("UK Defence Secretary Grant Shapps").
_TITLE_WORDS = frozenset(
    """the this that but and in on at it we i a an he she they its then also details source background
    secretary minister president prime deputy chief head spokesperson spokesman spokeswoman defence defense
    foreign state general director ambassador senator governor mayor chairman chairwoman commander officer
    ceo founder leader speaker adviser advisor analyst professor dr mr mrs ms sir lord lady king queen
    prince pope judge minister's ruler new former acting interim senior his her their our however
    про це об этом у в на за як как при але но і и та то а ще також также цей ця этот эта
    coach manager captain veteran attorney lawyer detective sergeant lieutenant colonel lt col sgt gen
    councillor councilor councilman councilwoman alderman lawmaker congressman congresswoman
    rep sen gov
    речник речниця міністр міністерка прем'єр-міністр президент президентка глава голова генсек посол
    посолка мер депутат депутатка спікер прессекретар прес-секретар командувач генерал начальник
    керівник керівниця директор директорка радник радниця віцепрем'єр віце-прем'єр-міністр омбудсман
    министр премьер-министр председатель мэр спикер пресс-секретарь командующий руководитель советник
    вице-премьер представитель представник представниця официальный
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december""".split()
)
# Words that open a sentence or clause and are capitalised there, never a name's first word:
# connectives, question words, numbers ("While Stadia ...", "As Emily Feng ...", "Fifty-one",
# "No Brasil", "Потім Сінгх уточнила"). A span that opens with one names what follows them.
_CONNECTIVES = frozenset(
    """as while like no when why where what how whether if unless until after before since
    within without across inside outside about above below under over through toward towards
    beyond behind near into onto upon around along between beside besides
    although though because so yet once even still now here there thus hence meanwhile instead
    despite during amid among against for with from by of to or nor not only all every each both
    some many most several other another such one two three four five six seven eight nine ten
    eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    em na nos nas os um uma para com por pelo pela según como
    потім потом тоді тогда згодом затем пізніше позже далі далее водночас одночасно однак однако
    проте зокрема натомість тепер теперь вже уже ще ещё еще коли когда якщо если після после
    перед тому поэтому тому відтак также цього этого""".split()
)
_PATRONYMIC = re.compile(r"(?:ович|евич|йович|ич|овна|евна|ична|івна|ївна)$")
# Titles that make the one name after them a person's ("Prince Andrew", "Mr. Reeves").
_PERSONAL_TITLES = frozenset(
    """mr mrs ms dr sir lord lady king queen prince princess pope president senator sen governor gov mayor
    judge minister chancellor ambassador secretary general gen coach professor prof rev rep""".split()
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ACRONYM = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2,5}$")

# Where a news item names its source: "Про це повідомляє пресслужба Мінцифри." / "Source: X".
_SOURCE = re.compile(
    r"(?:^|\.\s)(?:(?i:про це|об этом)\s+(?i:повідомля\w*|повідоми\w*|пише|пишуть|заяви\w*|сообща\w*|сообщи\w*|пишет)"
    r"|(?i:this was reported by|source:|джерело:|источник:))\s+([^.;]{3,120}?)\s*(?:[.;]|$)"
)
# "... за підписом заступника речника Марка Тонера" (signed by): the signatory is the source.
_SIGNED_BY = re.compile(r"(?i:за підписом|за подписью|signed by)\s+((?:\S+\s+){0,5}\S+)")
# Words said by no one in particular: "йдеться в повідомленні" (the statement says), "зазначається".
# Matched against case-folded text, as a prefix tree: the (?i:) alternation was the slow form.
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

# At most this many quotations per article: real articles have a few dozen, a hostile page of
# quotations would cost a second a megabyte more.
MAX_QUOTES = 1000
# And at most this many quotation marks' spans are looked at: a page of thousands of one-word
# "quotations", each too short to keep, would otherwise cost its attribution work for each.
MAX_SPANS_READ = 4 * MAX_QUOTES
# A quotation's cue is looked for this many characters either side of it, within its sentence:
# a "sentence" of thousands of quotations without a full stop is not read whole for each.
MAX_CUE_REACH = 400
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


# A possessive ending is not part of the name ("Zach Parise’s goal").
_POSSESSIVE_ENDINGS = ("'", "’", "'s", "’s")


def _without_possessive(word: str) -> str:
    """``word`` without a possessive ending: a suffix test (names are read by the thousand)."""
    if not word.endswith(_POSSESSIVE_ENDINGS):
        return word
    return word[:-2] if word[-1] == "s" else word[:-1]


def _clean_name(name: str | None) -> str | None:
    """The name without leading titles and acronyms, and without what stands before the last
    title or acronym in it ("Indiana House Speaker Brian Bosma", "Browns DL
    Sheldon Richardson": the name follows the role)."""
    if not name:
        return None
    words = [_without_possessive(w) for w in name.split()]
    words = [w for w in words if w]
    while words and words[0].casefold().split("-")[0] in _CONNECTIVES:
        words = words[1:]
    if not words:
        return None
    last_role = max(
        (i for i, w in enumerate(words[:-1]) if w.casefold() in _TITLE_WORDS or _ACRONYM.match(w)), default=-1
    )
    if last_role >= 0:
        words = words[last_role + 1 :]
    while len(words) > 1 and (words[0].casefold() in _TITLE_WORDS or _ACRONYM.match(words[0])):
        words = words[1:]
    if len(words) == 1 and (words[0].casefold() in _TITLE_WORDS or _ACRONYM.match(words[0])):
        return None
    if len(words) > 2 and _CYRILLIC.match(words[-1]):
        # "Великої Британії Грант Шаппс", "Пентагону Сабріна Сінгх": a name in Ukrainian and
        # Russian is a first name and a surname, with a patronymic between in Russian
        keep = 3 if _PATRONYMIC.search(words[-2]) else 2
        words = words[-keep:]
    return " ".join(words)


# Ukrainian first names in -о: their genitive in -а is not a consonant stem's ("Петра" -> "Петро").
_O_NAMES = frozenset("Петро Дмитро Павло Михайло Данило Гаврило Левко".split())
# Genitive endings of Ukrainian and Russian names and their nominative, longest first.
_GENITIVE_ENDINGS = (
    ("енка", "енко"),  # Шевченка -> Шевченко
    ("єнка", "єнко"),
    ("ого", "ий"),  # Зеленського -> Зеленський, Зеленского -> Зеленский
    ("ої", "а"),  # Стефанішиної -> Стефанішина
    ("ой", "а"),  # Захаровой -> Захарова
    ("ії", "ія"),  # Марії -> Марія
    ("ии", "ия"),  # Марии -> Мария
    ("ія", "ій"),  # Андрія -> Андрій
    ("ия", "ий"),  # Дмитрия -> Дмитрий
    ("ея", "ей"),  # Андрея -> Андрей
    ("ги", "га"),  # Ольги -> Ольга
    ("ы", "а"),  # Кулебы -> Кулеба
)


def _nominative(name: str) -> str:
    """Undo the Ukrainian / Russian genitive of a name after "за словами", "по словам",
    "за підписом" ("Марка Тонера" -> "Марк Тонер", "Олександра Кубракова" -> "Олександр
    Кубраков", "Дмитрия Кулебы" -> "Дмитрий Кулеба"). Only Cyrillic words are changed: a man's
    consonant stem + "а", and the endings in _GENITIVE_ENDINGS; a Ukrainian "-и" (Кулеби, also a
    plural) is left as written."""
    words = []
    for word in name.split():
        if len(word) > 3 and re.match(r"^[А-ЯІЇЄҐЁ]", word):
            if word[:-1] + "о" in _O_NAMES and word[-1] == "а":
                word = word[:-1] + "о"
            elif ending := next((e for e in _GENITIVE_ENDINGS if word.endswith(e[0])), None):
                word = word[: -len(ending[0])] + ending[1]
            elif word[-1] == "а" and word[-2] not in "аеєиіїоуюяьй":
                word = word[:-1]
        words.append(word)
    return " ".join(words)


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
# with its first word cut, and trying every character cost twice the time.
_ROLE_NAME = re.compile(rf"(?<![\w'’\-])((?:[\w'’\-]+\s+){{1,2}})({_CAP}\s+{_CAP})")


def _roles(body: Sequence[str]) -> dict[str, str]:
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


def _by_role(clause: str, roles: dict[str, str]) -> str | None:
    """The named person a role phrase in ``clause`` refers back to ("президент США ... сказав")."""
    if not roles or not _has_verb(clause):
        return None
    low = clause.casefold()
    for role, name in roles.items():
        if role in low and re.search(rf"(?<!\w){re.escape(role)}(?!\w)", low):  # substring test first: cheap
            return name
    return None


def _article_source(body: Sequence[str]) -> str | None:
    """The source the item names for its words (press service, signatory), if any."""
    for paragraph in body[:4]:
        m = _SIGNED_BY.search(paragraph)
        if m:  # the first run of capitalised words after the roles; its last two are the name
            run = re.search(rf"{_CAP}(?:\s+{_CAP})*", m.group(1))
            if run:
                return _nominative(" ".join(run.group().split()[-2:]))
        m = _SOURCE.search(paragraph)
        if m:
            return m.group(1).strip()
    return None


def _by_suffix(full_names: Sequence[str]) -> dict[tuple[str, ...], str]:
    """Each proper suffix of a full name -> the first full name ending so, for _expand."""
    index: dict[tuple[str, ...], str] = {}
    for full in full_names:
        parts = tuple(full.split())
        for k in range(1, len(parts)):
            index.setdefault(parts[-k:], full)
    return index


def _expand(name: str, by_suffix: dict[tuple[str, ...], str]) -> str:
    """A surname becomes the full name the article used for it ("Singh" -> "Sabrina Singh",
    "Eriksson Ek" -> "Joel Eriksson Ek")."""
    return by_suffix.get(tuple(name.split()), name)


def _inverted(before: str) -> re.Match[str] | None:
    """The inverted cue (before_inverted) at the last cues of ``before``: the fast verb test finds where they
    stand, so the slow pattern is tried there only, not at every character."""
    low = before.lower()
    if len(low) != len(before):  # a letter whose lower case is longer: positions would shift
        return _SPEECH.before_inverted.search(before)
    for cue in reversed(list(_SPEECH.all_verbs.finditer(low))[-3:]):
        if m := _SPEECH.before_inverted.match(before, cue.start()):
            return m
    return None


def _speaker(paragraph: str, start: int, end: int) -> str | None:
    after = paragraph[end + 1 : end + 120]
    before = paragraph[max(0, start - 160) : max(0, start - 1)]
    # Every pattern needs a cue: the fast verb test spares the slow case-insensitive ones.
    after_cue, before_cue = _has_verb(after), _has_verb(before)
    if not (after_cue or before_cue):
        return None
    for pattern, text in (
        (_SPEECH.after_verb_name, after),
        (_SPEECH.after_name_verb, after),
        (_SPEECH.after_verb_role, after),
    ):
        m = pattern.search(text) if after_cue else None
        if m:
            return m.group(1)
    if not before_cue:
        m = _ACCORDING.search(after)
        return _nominative(m.group(1)) if m else None
    m = _SPEECH.before.search(before)
    if m and (_PRONOUN.match(m.group(1)) or _clean_name(m.group(1))):
        return m.group(1)
    if m := _inverted(before):
        return _nominative(m.group(2)) if m.group(1).casefold() in _GENITIVE_CUES else m.group(2)
    m = _ACCORDING.search(before) or _ACCORDING.search(after)
    return _nominative(m.group(1)) if m else None  # "за словами" / "по словам" take the genitive


def find_quotes(body: Sequence[str]) -> list[Quote]:
    """Quoted speech in ``body`` (paragraph list), with speakers where the text names them."""
    quotes: list[Quote] = []
    opened = [_OPEN.search(p) is not None for p in body]
    if not any(opened):
        return quotes
    roles = _Lazy(lambda: _roles(body))
    source = _article_source(body)
    # Before anyone speaks, "she said" can only mean the person the item names as its source.
    source_person = re.match(_NAME, source) if source else None
    all_spans = [_spans(p) if has_mark else [] for p, has_mark in zip(body, opened, strict=True)]
    continued, taken = _continued_quotes(body, all_spans)
    context = _Context(body, all_spans, _clean_name(source_person.group()) if source_person else None)
    spans_left = MAX_SPANS_READ
    for index, paragraph in enumerate(body):
        spans = all_spans[index]
        if not spans:
            continue
        if len(quotes) >= MAX_QUOTES or spans_left <= 0:
            break  # a page of nothing but quotations: the first ones stand for it (pipeline warns)
        spans = spans[:spans_left]
        spans_left -= len(spans)
        has_verb = _Lazy(partial(_has_verb, paragraph))  # asked of short quotations only
        speaker_here: str | None = None  # who spoke last in this paragraph
        spoken_here = False  # a quotation of this paragraph was kept as speech
        outside = context.outside(index).text  # the cues of one quotation are not inside another
        quote_only = _ALNUM.search(outside) is None  # nothing but quotations
        for start, end in spans:
            if (index, start) in taken:
                continue  # the end of a quotation begun in an earlier paragraph
            text = continued.get((index, start)) or paragraph[start:end].strip()
            words = len(text.split())
            if _ALNUM.search(text) is None:
                continue
            raw = _speaker(outside, start, end)
            if raw is not None and not context.may_open_sentence(outside, raw, start):
                raw = None  # "Посадовець Кабміну сказав": an official, not a person of that name
            named = raw is not None and (
                _PRONOUN.match(raw) is not None
                or _ROLE_WORD.match(raw) is not None
                or context.clean(raw) is not None
            )
            if not named and _is_work_title(text):
                continue  # "Takin' It to the Streets": a song or book, not speech
            if words == 1 and not named and text[0].isupper() and text[-1] not in ".!?":
                continue  # «Інтерфаксу», "Energopolis": a name in quotation marks, not speech
            if _MENTION.search(paragraph, max(0, start - 20), start):
                continue  # the word "client-states": a word mentioned, not said
            if (
                raw is None and speaker_here is None and _impersonal(paragraph, start, end)
            ) or _institution_speaks(paragraph, start, end):
                # "йдеться в заяві", "говорится в документе": the source the item names, else
                # the organisation named before
                said_by = source or context.before(index, start, group=True, only=True)
                quotes.append(Quote(text=text.rstrip(",").rstrip(), speaker=said_by, paragraph=index))
                context.last_quote[index] = said_by
                continue
            if words < MIN_WORDS_ANYWHERE and not (
                named
                or (words >= MIN_WORDS_WITH_VERB and has_verb())
                # a whole sentence quoted after speech in its paragraph goes on with it
                # ('"Hands up!" an officer ordered. "Step out."', «Стійте!» «Тут небезпечно».)
                or (spoken_here and text[0].isupper() and _ends_sentence(paragraph, text, end))
                # a capitalised word or two with no speaker beside it is a name ("Укрінформ")
                or (
                    _cue_in_sentence(context.outside(index), start, end)
                    and not (words < 3 and text[0].isupper() and text[-1] not in ".!?")
                )
            ):
                continue  # too short to be speech; decided before the speaker is looked for
            if raw is None:
                clause = paragraph[_sentence_around(context.outside(index), start, end)[0] : start]
                speaker = _by_role(clause, roles())
                if speaker is None:
                    speaker = context.in_sentence(index, start, end)  # "X told them to "..."
                if speaker is None and speaker_here is not None:
                    speaker = speaker_here  # the second half of '"...," Mayer said. "..."'
                if speaker is None and quote_only and index > 0:
                    speaker = context.last_in(index - 1)  # a quote-only paragraph after "Erekat said ..."
            elif _ROLE_WORD.match(raw):
                speaker = context.by_role(index, start, raw)  # "– додав міністр": the minister named before
            elif _PRONOUN.match(raw):
                group = _GROUP_PRONOUN.match(raw) is not None
                speaker = context.before(
                    index, start, group=group, only=group and raw.casefold() in _THING_PRONOUNS
                )
            else:
                # A name beside the quotation that names no one the article knows ("Washington
                # had concluded") gives way to the subject of the sentence's cue ("Pompeo said").
                # An organisation there may only qualify the person the sentence names ("said a
                # former Trade Office adviser, Ola Berg").
                speaker = context.person(raw)
                if speaker is None and (organisation := context.organisation(raw)):
                    alternative = context.in_sentence(index, start, end)
                    speaker = alternative if alternative and context.person(alternative) else organisation
                if speaker is None and " " not in raw.strip():
                    speaker = context.in_sentence(index, start, end)
                speaker = speaker or context.clean(raw)
            if speaker:
                context.spoke(index, start, speaker)
                speaker_here = speaker
            context.last_quote[index] = speaker
            spoken_here = True
            quotes.append(Quote(text=text.rstrip(",").rstrip(), speaker=speaker, paragraph=index))
            if len(quotes) >= MAX_QUOTES:
                break
    return quotes


# Words that make a capitalised phrase an organisation or a place, not a person.
_ORGANISATION_WORDS = frozenset(
    """ministry department administration office council agency productions inc corp corporation company
    group party committee university police court government coalition league association foundation
    institute commission union bank house news times post press club team council assembly parliament
    congress senate army navy forces service services network records media studios school college
    hospital church airlines motors brothers rights watch republic kingdom states nations federation
    united city fc afc""".split()
)
# How many paragraphs back a pronoun looks for the person it stands for.
PRONOUN_LOOKBACK = 3
_SENTENCE_END = re.compile(r"[.!?][”\"’»]?\s+(?=[A-ZА-ЯІЇЄҐЁ“\"«„])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Lt|Col|Gen|Sen|Rep|Gov|Jr|Sr|Prof|Sgt|Capt|No|vs))\.$"
)
_PRONOUN_WORD = re.compile(r"\b(?:he|she|they|він|вона|вони|он|она|они)\b", re.IGNORECASE)


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
_MODIFIED_ROLE = re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{_PERSON_NOUNS}|{_TEAM_ROLES})\s+")
# "the singer and guitarist told", "the group added": a role noun standing for someone named before.
_ROLE_NOUN = re.compile(
    rf"\b[Tt]he\s+(?:[a-z][\w'’-]*\s+){{0,3}}?(?:({_ORG_NOUNS})|({_PERSON_NOUNS}|\d+-year-old))(?![\w-])"
)
# Ukrainian and Russian organisations capitalise their first word only: "Народный союз Кассарии",
# "Міністерство закордонних справ України", "Главное управление МЧС России".
_CYRILLIC_ORG_STEMS = (
    "партія|партия|міністерств|министерств|компані|компани|служб|прокуратур|уряд|правительств|"
    "управлін|управлени|комітет|комитет|союз|асоціаці|ассоциаци|фонд|інститут|институт|університет|"
    "университет|агентств|корпораці|корпораци|об'єднанн|объединени|спілк|профспілк|академі|академи|"
    "організаці|организаци|коаліці|коалици|федераці|федераци|рада|совет|суд"
)
_CYRILLIC_ORG = re.compile(
    rf"(?<![\w'’-])((?:[А-ЯІЇЄҐЁ][а-яіїєґё'’-]+\s+)?(?:[а-яіїєґё'’-]+\s+){{0,2}}"
    rf"(?i:{_CYRILLIC_ORG_STEMS})[а-яіїєґё'’-]*(?:\s+[А-ЯІЇЄҐЁ][\w'’-]+){{0,4}})"
)
# "Russia's foreign ministry", "the French foreign ministry": an institution named in lower case.
_LOWER_ORG = re.compile(
    # from a word's start: inside "A-A-A-..." every letter would rescan the rest of the run
    r"(?<![\w’'-])((?:[A-Z][\w’'-]+(?:['’]s)?\s+)(?:[a-z]+\s+){0,2}(?:ministry|office|government|department|embassy|army|police))\b"
)
_SPOKESPERSON_FOR = re.compile(rf"spokes(?:person|man|woman)\s+(?:for|of)\s+(?:the\s+)?({_NAME})")
# "The group that owns her music, Big Machine, says": the name is an organisation's.
# The boundary is tested behind the first letter: a pattern that opens with \b is tried at every
# character, one that opens with a letter only where that letter is.
_ORG_APPOSITION = re.compile(rf"[Tt](?<=\b[Tt])he\s+(?:{_ORG_NOUNS})\b[^.;,]{{0,80}},\s+({_NAME}),")
# "Drug Enforcement Administration (DEA)"
# From a word's start only: tried inside a long capitalised word, each of its letters would
# rescan the rest of it (10,000 letters: seconds).
_ACRONYM_DEFINED = re.compile(rf"(?<![\w'’\-])({_NAME})\s+\(([A-Z]{{2,6}})\)")
# An organisation's name or acronym ("Council" stands for "Council of the European Union" once
# the text has named it so: see _Context.organisations).
_ORG_NAME = re.compile(rf"(?:\b[A-Z]{{2,6}}\b|{_NAME})")


class _Sentences(NamedTuple):
    """A paragraph with its quotations blanked, and where its sentences start and end."""

    text: str
    starts: list[int]
    ends: list[int]


class _Context:
    """The people and organisations of an article, for quotations whose speaker is a pronoun,
    a role noun, or stands apart from them.

    A register of the persons the text names (full names, and the surnames and titled names it
    uses for them) and of its organisations (named with an organisation word, or introduced as
    one, with the acronyms it defines); for each paragraph, the persons who are the subjects of
    its sentences and the organisations it names. A pronoun is the latest of these, or of the
    speakers found, before it, a few paragraphs back at most: each paragraph is read once, so
    the work is linear in the text.
    """

    def __init__(
        self, body: Sequence[str], all_spans: list[list[tuple[int, int]]], first: str | None
    ) -> None:
        self.body = body
        self.all_spans = all_spans
        self.first = first
        self._register: tuple[dict[tuple[str, ...], str], set[str]] | None = None
        self._counts: Counter[str] = Counter()
        self._organisations: tuple[set[str], dict[str, str]] | None = None
        self._mentions: dict[int, list[tuple[int, str]]] = {}
        self._org_mentions: dict[int, list[tuple[int, str]]] = {}
        self.said: dict[int, list[tuple[int, str]]] = {}
        self.org_said: dict[int, list[tuple[int, str]]] = {}
        self.last_quote: dict[int, str | None] = {}  # paragraph -> the speaker of its last quotation
        self._cleaned: dict[str, str | None] = {}
        self._organisation_names: dict[str, bool] = {}
        self._people: dict[tuple[str, bool], str | None] = {}
        self._named: list[tuple[str, bool]] | None = None
        self._outside: dict[int, _Sentences] = {}

    def clean(self, span: str) -> str | None:
        """_clean_name, once per distinct span of the article (names recur)."""
        if span not in self._cleaned:
            self._cleaned[span] = _clean_name(span)
        return self._cleaned[span]

    def is_organisation(self, name: str) -> bool:
        """_is_organisation, once per distinct name of the article (the registers ask again and
        again)."""
        if name not in self._organisation_names:
            self._organisation_names[name] = _is_organisation(name)
        return self._organisation_names[name]

    def spoke(self, index: int, pos: int, name: str) -> None:
        kind = self.org_said if self.organisation(name) else self.said
        kind.setdefault(index, []).append((pos, name))

    def _spans_named(self) -> list[tuple[str, bool]]:
        """Every capitalised span of the text, with whether it opens a sentence: read once for
        both registers."""
        if self._named is None:
            self._named = [  # a sentence's start matters in Cyrillic only (see _confirmed)
                (m.group(), m.group() >= "\u0400" and _opens_sentence(paragraph, m.start()))
                for paragraph in self.body
                for m in _NAME_RE.finditer(paragraph)
            ]
        return self._named

    def register(self) -> tuple[dict[tuple[str, ...], str], set[str]]:
        """(full names by their surnames, the single words that name one of them)."""
        if self._register is None:
            found = []  # (name, was titled, at a sentence's start)
            read: dict[str, tuple[str, bool, bool] | None] = {}  # spans recur: each is read once
            singles_seen: Counter[str] = Counter()
            for span, opens in self._spans_named():
                if " " not in span:  # one word: no full name, no title; only its count matters
                    singles_seen[_without_possessive(span)] += 1
                    continue
                if span not in read:
                    name = self.clean(span)
                    if name and not self.is_organisation(name):
                        first = span.split()[0]
                        titled = first.casefold().rstrip(".") in _PERSONAL_TITLES
                        read[span] = (name, titled, first == name.split()[0])
                    else:
                        read[span] = None
                if (entry := read[span]) is not None:
                    found.append((entry[0], entry[1], opens and entry[2]))
            self._counts = Counter(name for name, _, _ in found) + singles_seen
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
            self._register = (_by_suffix(fulls), singles)
        return self._register

    def organisations(self) -> tuple[set[str], dict[str, str]]:
        """(the organisations the text introduces as such, acronym or short form -> full name:
        "DEA" and "Council" for "Drug Enforcement Administration", "Council of the European Union")."""
        if self._organisations is None:
            names: set[str] = set()
            acronyms: dict[str, str] = {}
            for paragraph in self.body:
                for m in _ORG_APPOSITION.finditer(paragraph):
                    names.add(_without_article(m.group(1)))
                if "(" in paragraph:
                    for m in _ACRONYM_DEFINED.finditer(paragraph):
                        full = _without_article(m.group(1))
                        acronyms.setdefault(m.group(2), full)
                        names.add(full)
            for span in dict.fromkeys(span for span, _ in self._spans_named()):
                name = _without_article(span)
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
        if not name or not _CYRILLIC.match(name) or raw.split()[0] != name.split()[0]:
            return True
        at = paragraph.rfind(raw, max(0, before - 200), before)  # _speaker reads 160 characters back
        self.register()
        return not (at >= 0 and _opens_sentence(paragraph, at)) or self._confirmed(name)

    def _confirmed(self, name: str) -> bool:
        """In Cyrillic, a name at a sentence's start counts when the text names it again."""
        return not _CYRILLIC.match(name) or self._counts[name] > 1

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
        by_suffix, singles = self.register()
        if sentence_start and span.split()[0] == name.split()[0] and not self._confirmed(name):
            return None  # "Президент Володимир Зеленський" opens with a title: the name does not
        if name in self.organisations()[0]:
            return None
        return _expand(name, by_suffix) if " " in name or name in singles else None

    def organisation(self, span: str) -> str | None:
        """The organisation a span names ("the DEA" -> "Drug Enforcement Administration"), or None."""
        name = _without_article(span)
        names, acronyms = self.organisations()
        if name in acronyms:
            return acronyms[name]
        return name if name in names or self.is_organisation(name) else None

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
                matches = list(_NAME_RE.finditer(sentence))
                for i, m in enumerate(matches):
                    if person := self.person(m.group(), m.start() == lead):
                        following = matches[i + 1] if i + 1 < len(matches) else None
                        if (
                            " " not in m.group().strip()
                            and following is not None
                            and _MODIFIED_ROLE.fullmatch(sentence[m.end() : following.start()])
                            and (full := self.person(following.group())) is not None
                            and " " in full
                        ):
                            m, person = following, full
                        found.append((start + m.start(), person))
                        break
            self._mentions[index] = found
        return self._mentions[index]

    def org_mentions(self, index: int) -> list[tuple[int, str]]:
        """(position, organisation) for each organisation paragraph ``index`` names."""
        if index not in self._org_mentions:
            paragraph = self.outside(index).text
            found = [
                (m.start(), org)
                for m in _ORG_NAME.finditer(paragraph)
                if (org := self.organisation(m.group()))
            ]
            found += [(m.start(), m.group(1)) for m in _LOWER_ORG.finditer(paragraph)]
            if _CYRILLIC.search(paragraph):
                found += [
                    (m.start(), org) for m in _CYRILLIC_ORG.finditer(paragraph) if (org := _cyrillic_org(m))
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
                for m in _NAME_RE.finditer(text, after_word, after_word + ROLE_TO_NAME_CHARS):
                    gap = text[after_word : m.start()]
                    if _ROLE_GAP_BREAK.search(gap) or _has_verb(gap):
                        break  # a clause lies between: "посадовець ... сказав, що Обама"
                    if person := self.person(m.group()):
                        return person
                at = low.rfind(stem, 0, at)
        return None if _ANONYMOUS_ROLE.match(role) else self.before(index, pos)

    def last_in(self, index: int) -> str | None:
        """Who speaks on in a quote-only paragraph after paragraph ``index``: its last speaker,
        person or organisation, else the person it was about."""
        if index < 0:
            return None
        if index in self.last_quote:  # a quotation there: its speaker, named or not, speaks on
            return self.last_quote[index]
        return self.before(index, len(self.body[index]) + 1)

    def outside(self, index: int) -> _Sentences:
        """Paragraph ``index`` with its quotations blanked, and its sentences: made once."""
        if index not in self._outside:
            masked = _masked(self.body[index], self.all_spans[index])
            bounds = _sentences(masked)
            self._outside[index] = _Sentences(masked, [b[0] for b in bounds], [b[1] for b in bounds])
        return self._outside[index]

    def in_sentence(self, index: int, start: int, end: int) -> str | None:
        """The speaker of a quotation whose cue stands apart from it in its sentence: the
        subject of a cue that follows it ("... chairman and CEO Craig Menear said", "... said
        another witness, adviser Fiona Hill"), else the subject nearest a cue before it
        ("Boudreau gave a talk, telling them to "...""); a pronoun or a role noun there
        stands for the person or organisation named before it."""
        sentences = self.outside(index)
        paragraph = sentences.text
        left, right = _sentence_around(sentences, start, end)
        after = paragraph[end:right]
        if (cue := _SPEECH.all_verbs.search(after.casefold())) is not None:
            found = self._subject(index, end, after[: cue.start()], nearest=False)
            found = found or self._subject(index, end + cue.end(), after[cue.end() :], nearest=False)
            if found:
                return found
        before = paragraph[left:start]
        low = before.casefold()
        # the cue nearest the quotation: "That said, the DEA says that "..."" is the DEA's
        cue = max((*_SPEECH.all_verbs.finditer(low), *_frames(low)), key=lambda m: m.start(), default=None)
        if cue is None:
            return None
        # "Как отметил аналитик ... Дмитрий Лаптев, программа «...»": the subject after the cue,
        # before the clause ends ("сказав, що Обама ..." reports someone else's words)
        inverted = _CLAUSE_END.split(before[cue.end() :], maxsplit=1)[0]
        return self._subject(index, left, before[: cue.start()], nearest=True) or self._subject(
            index, left + cue.end(), inverted, nearest=False
        )

    def _subject(self, index: int, offset: int, text: str, nearest: bool) -> str | None:
        """The speaker ``text`` names: a person, an organisation, or a pronoun or role noun
        standing for one; the one nearest its end (the cue) or its start."""
        lead = len(text) - len(text.lstrip())
        found: list[tuple[int, str, str | None]] = []  # (position, name, or "" and what it stands for)
        for m in _NAME_RE.finditer(text):
            if person := self.person(m.group(), m.start() == lead):
                found.append((m.start(), person, None))
            elif org := self.organisation(m.group()):
                found.append((m.start(), org, None))
        for m in _LOWER_ORG.finditer(text):
            found.append((m.start(), m.group(1), None))
        if _CYRILLIC.search(text):
            for m in _CYRILLIC_ORG.finditer(text):
                if org := _cyrillic_org(m):
                    found.append((m.start(), org, None))
        for m in _SPOKESPERSON_FOR.finditer(text):
            if org := self.organisation(m.group(1)) or _without_article(m.group(1)):
                found.append((m.end(), org, None))
        for m in _PRONOUN_WORD.finditer(text):
            found.append((m.start(), "", "group" if _GROUP_PRONOUN.match(m.group()) else "person"))
        for m in _ROLE_NOUN.finditer(text):
            found.append((m.start(), "", "organisation" if m.group(1) else "person"))
        if not found:
            return None
        # A person named there is the speaker before an organisation that qualifies one
        # ("former White House Russia adviser Fiona Hill").
        people = [entry for entry in found if entry[2] is not None or self.person(entry[1]) is not None]
        pos, name, group = (max if nearest else min)(people or found)
        if group is None:
            return name
        return self.before(index, offset + pos, group=group != "person", only=group == "organisation")


def _latest_before(limit: int, *lists: list[tuple[int, str]]) -> str | None:
    """The name of the latest (position, name) entry before ``limit`` in lists sorted by position:
    found by bisection, so many quotations in one paragraph stay linear."""
    best: tuple[int, str] | None = None
    for entries in lists:
        i = bisect_left(entries, (limit,))
        if i and (best is None or entries[i - 1][0] > best[0]):
            best = entries[i - 1]
    return best[1] if best else None


def _opens_sentence(text: str, pos: int) -> bool:
    """True when only blanks stand between ``pos`` and the text's start or a sentence's end."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in ".!?"


_CLAUSE_END = re.compile(r",|\b(?:that|що|что|чтобы|щоб)\b")


_OF = re.compile(r" (?:of|for) (?:the )?")
_NAME_AT = re.compile(_NAME)


def _of_names(paragraph: str) -> Iterator[tuple[str, str]]:
    """(head, full name) of organisations named "X of the Y" ("Council", "Council of the
    European Union"): found from each " of " whose word before is a capitalised organisation
    word, not by running a name pattern over the whole paragraph."""
    for m in _OF.finditer(paragraph):
        start = m.start()
        word_start = paragraph.rfind(" ", 0, start) + 1
        word = paragraph[word_start:start]
        if not word[:1].isupper() or word.casefold() not in _ORGANISATION_WORDS:
            continue
        tail = _NAME_AT.match(paragraph, m.end())
        if tail is None:
            continue
        head_start = word_start
        while head_start > 1:  # capitalised words before it belong to the name ("European Court")
            prev = paragraph.rfind(" ", 0, head_start - 1) + 1
            if not paragraph[prev : head_start - 1][:1].isupper():
                break
            head_start = prev
        head = _without_article(paragraph[head_start:start])
        yield head, f"{head}{paragraph[start : m.end()]}{tail.group()}"


def _cyrillic_org(m: re.Match[str]) -> str | None:
    """An organisation's name that starts with a capital ("Народный союз Кассарии"), else None
    ("в заявлении партии": a lower-case mention names none)."""
    name = m.group(1).strip()
    first = name.split()[0].casefold()
    if not name[:1].isupper() or " " not in name or first in _TITLE_WORDS or _has_verb(name):
        return None  # "Как отметил аналитик компании": a clause, not a name
    return name


def _without_article(name: str) -> str:
    name = _without_possessive(name.strip())
    return name[4:] if name.startswith(("The ", "the ")) else name


def _is_organisation(name: str) -> bool:
    return not _ORGANISATION_WORDS.isdisjoint(name.casefold().split())


def _masked(paragraph: str, spans: list[tuple[int, int]]) -> str:
    """The paragraph with its quotations blanked out, positions kept: names quoted are not subjects."""
    chars = list(paragraph)
    for start, end in spans:
        stop = (
            end - 1 if end > start and paragraph[end - 1] in ".!?" else end
        )  # '"improper."' ends a sentence
        chars[start:stop] = " " * (stop - start)
    return "".join(chars)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; "Mr." and "U.S." do not end one."""
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start() - 5), m.start() + 1):
            continue
        bounds.append((start, m.start() + 1))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _continued_quotes(
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
        tail = _OPEN.search(paragraph, spans[-1][1] + 1 if spans else 0)
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
        if _OPEN.match(body[k].lstrip()):
            return k
        if _OPEN.search(body[k]) or len(body[k].split()) > INSERTED_WORDS:
            return None
    return None


class _Lazy:
    """A value computed on first use: most pages never need the name and role tables."""

    __slots__ = ("_make", "_value", "_done")

    def __init__(self, make):  # type: ignore[no-untyped-def]
        self._make, self._value, self._done = make, None, False

    def __call__(self):  # type: ignore[no-untyped-def]
        if not self._done:
            self._value, self._done = self._make(), True
        return self._value


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


def _is_work_title(text: str) -> bool:
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
_MENTION = re.compile(
    r"(?i:\b(?:word|words|term|phrase|slogan|hashtag|name|named|nickname|use of|слово|слова|слів|термін|терміну"
    r"|фраза|фразу|назва|назву|название)\s*\W?)$"
)
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


def _frames(low: str) -> list[re.Match[str]]:
    """The naming frames of case-folded ``low`` that someone speaks through ("called it",
    "described as"), not the passive ones that name a term ("it is called", "so-called")."""
    return [
        m for m in _FRAME.finditer(low) if not _PASSIVE_FRAME.search(low, max(0, m.start() - 20), m.start())
    ]


def _ends_sentence(paragraph: str, text: str, end: int) -> bool:
    """The quotation ends a sentence: its stop inside the marks ("Step out.") or, as Ukrainian
    and Russian print it, right after them («Тут небезпечно».)."""
    return text[-1] in ".!?" or paragraph[end + 1 : end + 2] in (".", "!", "?")


def _sentence_around(sentences: _Sentences, start: int, end: int) -> tuple[int, int]:
    """(left, right) of the sentence holding ``start`` to ``end``, at most MAX_CUE_REACH either
    side of it: found by bisection, so many quotations in one long paragraph cost no more than
    their number."""
    i = bisect_right(sentences.starts, start) - 1
    j = bisect_left(sentences.ends, end)
    left = sentences.starts[i] if i >= 0 else 0
    right = sentences.ends[j] if j < len(sentences.ends) else len(sentences.text)
    return max(left, start - MAX_CUE_REACH), min(right, end + MAX_CUE_REACH)


def _cue_in_sentence(sentences: _Sentences, start: int, end: int) -> bool:
    """A speech verb or a naming frame in the quotation's own sentence, outside its marks."""
    left, right = _sentence_around(sentences, start, end)
    low = sentences.text[left:right].casefold()
    return _SPEECH.all_verbs.search(low) is not None or bool(_frames(low))


def _impersonal(paragraph: str, start: int, end: int) -> bool:
    """The quotation is attributed to no person: "..., - йдеться в повідомленні" / "зазначається, що ..."."""
    return bool(
        _IMPERSONAL.search(paragraph[end + 1 : end + 60].casefold())
        or _IMPERSONAL.search(paragraph[max(0, start - 120) : start].casefold())
    )


def _institution_speaks(paragraph: str, start: int, end: int) -> bool:
    """ "У Держдепі запевнили, що "..."" / '"...", – зазначили в прокуратурі' is no one's name."""
    return bool(
        _INSTITUTION_SPEAKS.search(paragraph[max(0, start - 120) : start])
        or _INSTITUTION_SPEAKS.search(paragraph[end + 1 : end + 60])
    )
