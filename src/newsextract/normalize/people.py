"""Bylines -> the credited authors: person names without "By", roles, dates, e-mails or handles;
an organisation only where the byline credits it as author (a news agency, "X Staff", "X Desk")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .dates import find_date_text

__all__ = [
    "BY_WORDS",
    "LEAD_INS",
    "POSTED_BY",
    "clean_name",
    "credited_handle",
    "credited_organisation",
    "looks_like_name",
    "split_byline",
    "structured_name",
]

# Words that open a printed byline ("By ...", "von ...", "par ..."), as a regex alternation.
BY_WORDS = "by|von|par|por|door|av"
# "Posted on 3 May 2021 by", "Publié le 3 mai 2021 par": a date line that opens a byline.
POSTED_BY = r"(?:posted|published|publié|publiée|veröffentlicht|pubblicato|publicado)\b[^|]{0,40}?\s(?:by|von|par|por|da|di)"
# Words of a lead-in before the by-word: "Written by", "Eingestellt von", "Alle Artikel von",
# "Eine Kolumne von", "Blog Beitrag von" (blog and CMS templates in the dev sets' languages).
_LEAD_IN_WORDS = (
    "written|words|reporting|story|text|photos?|video|interview|compiled|submitted|article|articles|posts?"
    "|all|more|view|column|a|an|geschrieben|eingestellt|erstellt|verfasst|gespeichert|gepostet|artikel"
    "|beitrag|beiträge|blog|kolumne|kommentar|ein|eine|alle|mehr|weitere|écrit|rédigé|articles|escrito"
    "|redactado|scritto|geschreven"
)
# Labels before a colon that introduce the byline's name: "Autor: ...", "Redaktion: ...".
_LABELS = "text|autor(?:in)?|auteur|autore|autora|verfasser(?:in)?|redaktion|rédaction|redacción"
# "Quelle: dpa": a source label, stripped from a byline found elsewhere; alone it opens a
# citation as often as a credit, so it does not mark a byline.
_SOURCE_LABELS = "quelle|source|fuente|fonte"
# A lead-in or a label that opens a byline, as a regex alternation: "Geschrieben von",
# "Alle Artikel von", "Autor:", "Text:".
LEAD_INS = (
    rf"(?:(?:{_LEAD_IN_WORDS})\s+){{1,3}}(?:by|von|par|por|de|da|di|door)\b|(?:{_LABELS}|author|von|by)\s*:"
)
_PREFIX = re.compile(
    rf"^\s*(?:(?:(?:{_LEAD_IN_WORDS})\s+){{1,3}}(?:by|von|par|por|de|da|di|door)\b"
    rf"|{POSTED_BY}\b"
    rf"|(?:{_LABELS}|{_SOURCE_LABELS})(?:\s+(?:und|and|&|et|y)\s+\w+)?(?=\s*:)|by\b|von\b|par\b|por\b|di\b|door\b|av\b|af\b|de\b(?=\s+[A-ZÀ-Ý])"
    r"|author(?:s|\(s\))?\b|автор(?:и|ы)?\b|автори\b|текст\b|著者|記者|)\s*[:：\-–—]?\s*",
    re.IGNORECASE,
)
# "ByHoward Blume": the prefix glued to the name when inline tags are joined without a space.
_GLUED_BY = re.compile(r"^By(?=[A-Z])")
_NOISE = (
    re.compile(r"(?<![^\s@])[^\s@]+@\S+"),  # e-mail (tried at a word's start, not in it)
    re.compile(r"https?://\S+|www\.\S+"),  # links
    re.compile(r"(?<!\w)@\w+"),  # social handles
    re.compile(
        r"\b(?:last\s+)?(?:updated|published|posted|modified|on|veröffentlicht|aktualisiert|publié|publiée"
        r"|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd)(?!\w).*$",
        re.IGNORECASE,
    ),
    # "Anna Roth am 29.12.2010", "le 3 mai", "el 8 de mayo": the date's preposition goes with it.
    re.compile(r"\s(?:am|um|le|el|il|op|the)\s+\d.*$", re.IGNORECASE),
    # "Anna Roth Illustration von Jan Hof", "Anna Roth Fotos: Jan Hof": the picture credit after it.
    re.compile(r"\s(?:illustrations?|fotos?|photos?|bilder|grafiken?)\s*(?:von|by|par|:).*$", re.IGNORECASE),
    # A weekday that opens the date line run into the byline: "Anna Roth Montag, 3. Mai".
    re.compile(
        r"\s(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch"
        r"|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
        r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b.*$",
        re.IGNORECASE,
    ),
    re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b.*$"),  # dates
    re.compile(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$", re.IGNORECASE
    ),
    re.compile(r"\b\d{1,2}:\d{2}\b.*$"),  # times
    re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]"),  # innermost: "((((" is not rescanned per "("
    # Japanese credits put the role after the name: "Eric Freeman 著", "嶋田 健志 監訳".
    re.compile(r"\s(?:著|共著|編著|監訳|監修|訳|編|作|絵|写真|撮影|取材|文)$"),
    # Korean, Japanese and Chinese bylines end the name with the role: "신현주 기자", "山田太郎 記者".
    re.compile(r"(?<!\s)\s*(?:선임기자|기자|특파원|논설위원|記者|特派員|编辑|記者)$"),
)
# Spaces before a separator are taken from the start of their run only (a long run is read
# once, not again from each of its spaces); after a match's own spaces, none are needed.
_SEPARATORS = re.compile(
    r"(?:(?<!\s)\s+)?(?:,|，|、|;|\||·|•|\band\b|\bund\b|\bet\b|\by\b|\bog\b|\boch\b|(?-i:\be\b)|\bе\b|\bі\b|\bи\b|\bta\b|&|\+|\n)\s*",
    re.IGNORECASE,
)
# A byline part that is a role, not a name ("John Smith, Staff Writer").
_ROLE_WORDS = frozenset(
    """writer writers reporter reporters correspondent correspondents editor editors contributor
    contributing columnist columnists staff senior chief associate deputy managing executive
    political economics science technology health sports business foreign national bureau desk
    analyst producer anchor host photographer photographers photojournalist journalist journalists
    freelance special guest reviewer critic intern fellow team newsroom editorial opinion
    редактор кореспондент корреспондент журналіст журналист оглядач обозреватель
    redakteur redakteurin autor autorin korrespondent korrespondentin journalistin reporterin
    mitarbeiter mitarbeiterin volontär volontärin chefredakteur chefredakteurin ressortleiter
    rédacteur rédactrice journaliste correspondant correspondante envoyé envoyée spécial spéciale
    periodista redactor redactora corresponsal enviado enviada giornalista redattore redattrice
    inviato inviata corrispondente verslaggever redacteur correspondente repórter""".split()
)
# Words that mark an organisation rather than a person.
_ORG_WORDS = frozenset(
    """news press associated agency agencies reuters afp ap dpa upi bloomberg newswire wire
    service services times post media group network daily weekly magazine journal tribune
    herald gazette online digital newspaper radio tv television channel broadcasting corporation
    inc ltd llc gmbh company staff team desk bureau newsroom editors contributors partners
    department ministry office council committee university institute agenturen agences agencias
    agenzie redaktion rédaction redacción redaccion redazione redactie""".split()
)
# Button and widget labels that run into bylines when text is joined.
_UI_WORDS = frozenset(
    """follow unfollow profile watch live more view email e-mail twitter facebook instagram linkedin bio
    posts articles stories see all contact share subscribe ceo cto founder president size
    folgen suivre seguir volgen segui abonnieren mehr abbruch abbrechen cancel gesponserte sponsored
    inhalte anzeige""".split()
)
# News agencies, as bylines credit them ("dpa", "AFP", "Reuters", "The Associated Press"): the
# wire services of the countries the dev sets cover, and the big international ones.
_AGENCIES = frozenset(
    (
        *"""dpa afp ap reuters upi bloomberg ansa efe kna epd apa sid xinhua tass interfax ukrinform unian
        pap ctk anp belga tt ntb ritzau stt yonhap kyodo jiji aap pti ians ani dapd ats sda lusa""".split(),
        "keystone-sda",
        "europa press",
        "associated press",
        "the associated press",
        "agence france-presse",
        "agence france presse",
        "deutsche presse-agentur",
        "thomson reuters",
    )
)
# The last word of a desk's credit: "MND Staff", "Gear Team", "BWW News Desk", "IN-Redaktion".
_DESK_WORDS = re.compile(
    r"(?:^|[\s-])(?:staff|team|desk|newsroom|redaktion|rédaction|redacción|redaccion|redazione|redactie)$",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")  # "D.", "T.C."
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "du",
        "bin",
        "al",
        "el",
        "y",
        "ter",
        "dos",
    }
)
# Co-authors in parentheses: "Martin Untersinger (avec Damien Leloup et Morgane Tual)".
_WITH_COAUTHORS = re.compile(r"\(\s*(?:with|avec|mit|con|com)\s+([^()]*)\)", re.IGNORECASE)
# A byline wholly in brackets ("[田中宏昌，ITmedia]"): the brackets go, the names stay.
_BRACKETED = re.compile(r"^\s*[\[(（【《](.*)[\])）】》]\s*$", re.DOTALL)
_CUT_AFTER = re.compile(r"(?<!\s)\s+(?:for|in|at|from|with|special to|для|із|из|в|у)\s+.*$")


def _without_noise(text: str) -> str:
    """``text`` without e-mails, links, handles, dates and times, whitespace collapsed."""
    for pattern in _NOISE:
        text = pattern.sub(" ", text)
    return " ".join(text.split())


def clean_name(part: str) -> str:
    """One byline part without prefixes, noise, trailing roles and "for the Times" / "in Kyiv"."""
    text = _without_noise(_PREFIX.sub("", _GLUED_BY.sub("", part.strip(), count=1), count=1))
    words = _CUT_AFTER.sub("", text).split()
    # "Redakteur Anna Schmidt", "Senior Writer Jane Doe": a role before the name
    while len(words) > 2 and words[0].lower().strip(".,:") in _ROLE_WORDS:
        words = words[1:]
    # "Howard Blume Staff Writer", "Joe Davidson Washington Post", "Patrick Allan Profile Follow":
    # the name ends where a role, an organisation or a button label begins.
    for i, word in enumerate(words):
        low = word.lower().strip(".,")
        if i >= 2 and (low in _ROLE_WORDS or low in _ORG_WORDS or low in _UI_WORDS):
            # "Joe Davidson Washington Post": the capitalised word before an organisation word is its
            # name; "Meg Wagner NEW YORK DAILY NEWS": so is a run of capitals.
            if low in _ORG_WORDS and words[i].isupper():
                words = words[:i]
                while len(words) > 2 and words[-1].isupper() and not _INITIALS.match(words[-1]):
                    words.pop()
            else:
                organisation = low in _ORG_WORDS and low not in _ROLE_WORDS  # "Staff Writer" is a role
                words = words[: i - 1] if organisation and i >= 3 else words[:i]
            break
    return " ".join(words).strip(" \t-–—:;,.|*")


def credited_organisation(part: str) -> str | None:
    """A byline part that credits an organisation as author: a news agency ("dpa", "AFP"), or a
    desk ("MND Staff", "BWW News Desk", "IN-Redaktion", 2 to 5 capitalised words)."""
    text = _without_noise(_PREFIX.sub("", part.strip(), count=1)).strip(" -–—:;,.|*")
    if text.casefold() in _AGENCIES:
        return text
    words = text.split()
    if (
        _DESK_WORDS.search(text)
        and len(words) <= 5
        and (len(words) >= 2 or "-" in text)
        and all(w[0].isupper() or w[0].isdigit() for w in words)
        and not any(w.lower() in _UI_WORDS for w in words)
    ):
        return text
    return None


# A bare credit with no person in it: "Staff Writer", "Redaktion", "HLNF Staff Report". Its last
# word says who is credited; a collective noun may stand alone, a role needs its qualifier.
_COLLECTIVE_CREDITS = frozenset(
    """staff team desk newsdesk newsroom redaktion rédaction redacción redaccion redazione redactie
    agenturen agences agencias agenzie""".split()
)
# Newsroom nouns that German and the Romance languages put before the publication's name
# ("Redaktion Gelbe Liste"); English puts its desk words after it ("Metro Desk", "Staff Reports").
_NEWSROOM_WORDS = frozenset("redaktion rédaction redacción redaccion redazione redactie".split())
_ROLE_CREDITS = frozenset("writer writers reporter reporters report editors".split())
MAX_CREDIT_WORDS = 5


def _bare_credit(text: str) -> str | None:
    """The byline as credited when it names no person: a desk, a team, "Staff Writer"."""
    text = _without_noise(_PREFIX.sub("", text.strip(), count=1)).strip(" -–—:;,.|*")
    words = text.split()
    if not 1 <= len(words) <= MAX_CREDIT_WORDS or not all(w[0].isupper() for w in words):
        return None
    last = words[-1].lower().rsplit("-", 1)[-1]
    desk_first = words[0].lower() in _NEWSROOM_WORDS  # "Redacción Diario Pagina Siete"
    if not desk_first and last not in _COLLECTIVE_CREDITS and (len(words) == 1 or last not in _ROLE_CREDITS):
        return None
    return None if any(w.lower() in _UI_WORDS for w in words) else text


# Capital letters that make an upper-case word pronounceable: a surname ("GHARBI"), not an
# acronym ("CNN").
_VOWELS = re.compile(r"[AEIOUYÀ-ÆÈ-ÏÒ-ÖØ-ÜАЕЁИОУЫЭЮЯІЇЄ]")


def _upper_case_surname(word: str) -> bool:
    return len(word) >= 3 and _VOWELS.search(word) is not None


# A user name as a blog or forum prints it: "rasos", "c1ph4", "Bo2man", "reineckefuchs", "IWB".
_HANDLE = re.compile(r"^(?=.*[^\W\d_])[\w.\-]{2,30}$")
# Labels that stand where a name would: "Author", "Autor", "Profil".
_LABEL_WORDS = frozenset(
    """author authors autor autorin auteur autore by von par anonymous anonym gast guest text texte
    foto fotos photo photos bild bilder illustration interview quelle source""".split()
)


def credited_handle(text: str) -> str | None:
    """A one-word user name where the page marks its author (rel=author, itemprop=author, a
    user-name element, structured data): the page credits it as printed. A lower-case word
    or an acronym is no name in running text, so only such places may give one."""
    text = text.strip(" \t\n-–—:;,.|*@")
    low = text.lower()
    if not _HANDLE.match(text) or low in _LABEL_WORDS or low in _UI_WORDS or low in _ROLE_WORDS:
        return None
    return None if low in _ORG_WORDS and low not in _COLLECTIVE_CREDITS else text


MAX_STRUCTURED_NAME_WORDS = 4


def structured_name(text: str) -> str | None:
    """A person's name as a structured-data field gives it, where the case of its words says
    nothing ("Mobasir hassan", "anna roth"): 2 to 4 name words, none a role, organisation or
    button word; else the user name it is."""
    words = text.split()
    if not 2 <= len(words) <= MAX_STRUCTURED_NAME_WORDS:
        return credited_handle(text)
    lowered = [w.lower().strip(".,") for w in words]
    if any(w in _ROLE_WORDS or w in _ORG_WORDS or w in _UI_WORDS or w in _LABEL_WORDS for w in lowered):
        return None
    return text if all(_NAME_WORD.match(w) for w in words) else None


def looks_like_name(text: str) -> bool:
    """A person's name: 1 to 5 words, capitalised (in scripts with case), no role or organisation words."""
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60:
        return False
    lowered = [w.lower().strip(".,") for w in words]
    if any(w in _ROLE_WORDS or w in _ORG_WORDS or w in _UI_WORDS for w in lowered):
        return False
    if lowered[0] == "the":
        return False  # "The Huffington Post", "The New York Times"
    if all(len(w.strip(".")) <= (2 if len(words) == 1 else 1) for w in words):
        return False  # initials only ("J J"), or one short word ("人氣"); "Li Na", "嶋田 健志" pass
    caps = [w.isupper() and not _INITIALS.match(w) for w in words]
    upper = [w for w, c in zip(words, caps, strict=True) if c and w.lower() not in _PARTICLES]
    if any(caps) and not all(caps) and (caps[0] or not all(_upper_case_surname(w) for w in upper)):
        # An acronym beside ordinary words: "ACLU Speech", "CNN Wire"; a surname written in
        # capitals after the given name is a name: "Chokri GHARBI".
        return False
    if len(words) == 1 and caps[0]:
        return False  # "CNN", "TNN"
    for word, low in zip(words, lowered, strict=True):
        if not _NAME_WORD.match(word):
            return False
        if low in _PARTICLES:
            continue
        if word[0].isalpha() and word[0].lower() != word[0].upper() and not word[0].isupper():
            return False  # a cased script, written lower-case: a sentence, not a name
    if len(words) == 1 and len(words[0]) < 2:
        return False
    return True


def _cased(word: str) -> bool:
    """Written in a script with capitals (Latin, Cyrillic, Greek): one word there is one name part."""
    return any(ch.lower() != ch.upper() for ch in word)


# A clock time alone ("10:42") marks a dateline field as well as a date does.
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def _is_date(field: str) -> bool:
    return find_date_text(field) is not None or _TIME.search(field) is not None


def _without_dateline_place(raw: str) -> str:
    """ "Patricio Candia | Palma de Mallorca | 08/01/2014": in a byline of fields between bars,
    the field just before the date is the dateline's place, not a co-author."""
    fields = raw.split("|")
    if len(fields) < 3:
        return raw
    kept = [
        field
        for i, field in enumerate(fields)
        if i == 0 or i + 1 >= len(fields) or not _is_date(fields[i + 1]) or _is_date(field)
    ]
    return "|".join(kept)


def _part_names(part: str) -> list[str]:
    name = credited_organisation(part) or clean_name(part)
    return [name] if name and (looks_like_name(name) or credited_organisation(name)) else []


def _slash_credit(part: str) -> list[str]:
    """A part's names; "det/dpa", "AFP/The Local", "dpa/lno": an agency with its desk's initials
    or its partner is one credit, kept whole. "Anna Roth/dpa" names two."""
    pieces = part.split("/")
    if len(pieces) == 1:
        return _part_names(part)
    named = [_part_names(piece) for piece in pieces]
    agency = any(clean_name(piece).casefold() in _AGENCIES for piece in pieces)
    people = any(names and not credited_organisation(names[0]) for names in named)
    if agency and not people:
        whole = _without_noise(_PREFIX.sub("", part.strip(), count=1)).strip(" -–—:;,.|*()")
        whole = "/".join(piece.strip() for piece in whole.split("/"))
        if 0 < len(whole) <= MAX_CREDIT_CHARS:
            return [whole]
    return [name for names in named for name in names]


# A slash credit longer than this is a list of people, not an agency and its desk.
MAX_CREDIT_CHARS = 40


def split_byline(byline: str | Iterable[str] | None) -> list[str]:
    """Person names from a byline (or from several author strings), in order, without duplicates.

    >>> split_byline("By Jane Doe and John Smith, Staff Writers | Updated 3 May 2024")
    ['Jane Doe', 'John Smith']
    >>> split_byline("Oleh Pavliuk — Friday, 12 July 2024, 19:50")
    ['Oleh Pavliuk']
    >>> split_byline("Felix Weber und Anna Roth, dpa")
    ['Felix Weber', 'Anna Roth', 'dpa']
    """
    if byline is None:
        return []
    if isinstance(byline, str) and len(byline) <= MAX_CACHED_BYLINE:
        return list(_split(byline))
    return list(_split_parts((byline,) if isinstance(byline, str) else tuple(byline)))


# The same byline is split several times per page (candidates, the meta check, the record) and
# recurs across a site's pages: each distinct text is split once. Longer texts are containers
# read by mistake, not worth their memory in the cache.
MAX_CACHED_BYLINE = 300


@lru_cache(maxsize=4096)
def _split(byline: str) -> tuple[str, ...]:
    return _split_parts((byline,))


def _split_parts(parts: tuple[str, ...]) -> tuple[str, ...]:
    names: list[str] = []
    seen: set[str] = set()
    for raw in parts:
        raw = _BRACKETED.sub(r"\1", raw)
        raw = re.split(r"\s[—–]\s|\s-\s", raw, maxsplit=1)[0] if len(raw) > 40 or "—" in raw else raw
        raw = _WITH_COAUTHORS.sub(r", \1", raw)
        raw = _without_dateline_place(raw)
        for part in _SEPARATORS.split(_PREFIX.sub("", raw, count=1)):
            for name in _slash_credit(part):
                key = name.casefold()
                if key not in seen:
                    seen.add(key)
                    names.append(name)
    if not names:
        names = [credit for raw in parts if (credit := _bare_credit(raw))][:1]
    if any(" " in name for name in names):
        # "Anna Roth, Frankfurt": beside a full name, one capitalised word is a place or a
        # section, not a co-author; agencies ("dpa") stay.
        names = [n for n in names if " " in n or "-" in n or not _cased(n) or credited_organisation(n)]
    return tuple(names)
