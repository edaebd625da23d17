"""Ukrainian and Russian forms: verb endings, a name's genitive after "за словами" / "по
словам" turned back to the nominative, patronymics, role nouns that stand for a person named
earlier, and organisations that capitalise their first word only."""

from __future__ import annotations

import re


def verb_forms(stems: str, endings: tuple[str, ...]) -> list[str]:
    """Every stem with every ending (Ukrainian and Russian verb forms)."""
    return [stem + ending for stem in stems.split() for ending in endings]


# «…», – додав міністр / — пояснил эксперт: a role noun after the cue stands for the person named before.
CYRILLIC_ROLES = (
    "міністр|министр|міністерка|експерт|эксперт|експертка|аналітик|аналитик|прокурор|прокурорка|речник|"
    "речниця|адвокат|адвокатка|депутат|депутатка|губернатор|мер|мэр|голова|глава|директор|директорка|"
    "керівник|керівниця|руководитель|лікар|врач|тренер|тренерка|суддя|судья|посол|посадовець|чиновник|"
    "політик|политик|президент|прем'єр|премьер|командир|генерал|учений|ученый|науковець|дослідник|"
    "исследователь|автор|авторка|режисер|режиссер|спікер|спикер|представник|представниця|представитель|"
    "співрозмовник|собеседник|співрозмовниця|собеседница|чиновниця|нардеп|активіст|активистка|активист"
)
ROLE_WORD = re.compile(rf"^(?:{CYRILLIC_ROLES})$")
# Roles that stand for someone the text does not name ("сказав посадовець, імені якого не називають").
ANONYMOUS_ROLE = re.compile(r"^(?:посадовець|чиновник|чиновниця|представник|представниця|представитель)$")
# Cues that put the name after them in the genitive.
GENITIVE_CUES = frozenset({"за словами", "по словам", "за підписом", "за подписью"})
PATRONYMIC = re.compile(r"(?:ович|евич|йович|ич|овна|евна|ична|івна|ївна)$")


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


def nominative(name: str) -> str:
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


# Ukrainian and Russian organisations capitalise their first word only: "Народный союз Кассарии",
# "Міністерство закордонних справ України", "Главное управление МЧС России".
_CYRILLIC_ORG_STEMS = (
    "партія|партия|міністерств|министерств|компані|компани|служб|прокуратур|уряд|правительств|"
    "управлін|управлени|комітет|комитет|союз|асоціаці|ассоциаци|фонд|інститут|институт|університет|"
    "университет|агентств|корпораці|корпораци|об'єднанн|объединени|спілк|профспілк|академі|академи|"
    "організаці|организаци|коаліці|коалици|федераці|федераци|рада|совет|суд"
)
CYRILLIC_ORG = re.compile(
    rf"(?<![\w'’-])((?:[А-ЯІЇЄҐЁ][а-яіїєґё'’-]+\s+)?(?:[а-яіїєґё'’-]+\s+){{0,2}}"
    rf"(?i:{_CYRILLIC_ORG_STEMS})[а-яіїєґё'’-]*(?:\s+[А-ЯІЇЄҐЁ][\w'’-]+){{0,4}})"
)
