"""The shape of a name: capitalised runs of words (Latin or Cyrillic), what a name span holds
besides the name (titles, connectives, acronyms, a possessive), and how a surname the text uses
stands for the full name it gave."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from ._slavic import PATRONYMIC

CAP = r"[A-ZА-ЯІЇЄҐЁ][\w'’\-]+"
# A name: 1-7 capitalised words (Latin or Cyrillic), particles allowed inside. Case-sensitive.
NAME = rf"(?:{CAP}(?:\s+(?:(?:de|van|von|der|al|bin|da|di|la)\s+)?{CAP}){{0,6}})"
NAME_RE = re.compile(NAME)
# Words that open a name span but are titles, not the name ("UK Defence Secretary Grant Shapps").
TITLE_WORDS = frozenset(
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
# Titles that make the one name after them a person's ("Prince Andrew", "Mr. Reeves").
PERSONAL_TITLES = frozenset(
    """mr mrs ms dr sir lord lady king queen prince princess pope president senator sen governor gov mayor
    judge minister chancellor ambassador secretary general gen coach professor prof rev rep""".split()
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ACRONYM = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2,5}$")


# A possessive ending is not part of the name ("Zach Parise’s goal").
_POSSESSIVE_ENDINGS = ("'", "’", "'s", "’s")


def without_possessive(word: str) -> str:
    """``word`` without a possessive ending: a suffix test (names are read by the thousand)."""
    if not word.endswith(_POSSESSIVE_ENDINGS):
        return word
    return word[:-2] if word[-1] == "s" else word[:-1]


def clean_name(name: str | None) -> str | None:
    """The name without leading titles and acronyms, and without what stands before the last
    title or acronym in it ("Indiana House Speaker Brian Bosma", "Browns DL
    Sheldon Richardson": the name follows the role)."""
    if not name:
        return None
    words = [without_possessive(w) for w in name.split()]
    words = [w for w in words if w]
    while words and words[0].casefold().split("-")[0] in _CONNECTIVES:
        words = words[1:]
    if not words:
        return None
    last_role = max(
        (i for i, w in enumerate(words[:-1]) if w.casefold() in TITLE_WORDS or ACRONYM.match(w)), default=-1
    )
    if last_role >= 0:
        words = words[last_role + 1 :]
    while len(words) > 1 and (words[0].casefold() in TITLE_WORDS or ACRONYM.match(words[0])):
        words = words[1:]
    if len(words) == 1 and (words[0].casefold() in TITLE_WORDS or ACRONYM.match(words[0])):
        return None
    if len(words) > 2 and CYRILLIC.match(words[-1]):
        # "Великої Британії Грант Шаппс", "Пентагону Сабріна Сінгх": a name in Ukrainian and
        # Russian is a first name and a surname, with a patronymic between in Russian
        keep = 3 if PATRONYMIC.search(words[-2]) else 2
        words = words[-keep:]
    return " ".join(words)


def surname_index(full_names: Sequence[str]) -> dict[tuple[str, ...], str]:
    """Each proper suffix of a full name -> the first full name ending so, for expand."""
    index: dict[tuple[str, ...], str] = {}
    for full in full_names:
        parts = tuple(full.split())
        for k in range(1, len(parts)):
            index.setdefault(parts[-k:], full)
    return index


def expand(name: str, by_suffix: dict[tuple[str, ...], str]) -> str:
    """A surname becomes the full name the article used for it ("Singh" -> "Sabrina Singh",
    "Eriksson Ek" -> "Joel Eriksson Ek")."""
    return by_suffix.get(tuple(name.split()), name)


# Words that make a capitalised phrase an organisation or a place, not a person.
ORGANISATION_WORDS = frozenset(
    """ministry department administration office council agency productions inc corp corporation company
    group party committee university police court government coalition league association foundation
    institute commission union bank house news times post press club team council assembly parliament
    congress senate army navy forces service services network records media studios school college
    hospital church airlines motors brothers rights watch republic kingdom states nations federation
    united city fc afc""".split()
)
NAME_AT = re.compile(NAME)


def without_article(name: str) -> str:
    name = without_possessive(name.strip())
    return name[4:] if name.startswith(("The ", "the ")) else name


def organisation_shaped(name: str) -> bool:
    return not ORGANISATION_WORDS.isdisjoint(name.casefold().split())


@cache
def given_names() -> frozenset[str]:
    """The lexicon of given names (data/given_names.txt), case-folded: about 1,300 names, 10 KB
    of text, read on first use (about 6 ms, once a process) into about 200 KB."""
    text = files(__package__).joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    return frozenset(
        word.casefold() for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )
