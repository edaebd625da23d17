"""Quotes with speakers on pages written for these tests (fixtures/quotes), one per language:
each pattern of attribution the quote finder handles, in English, Ukrainian and Russian."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsextract

PAGES = Path(__file__).parent / "fixtures" / "quotes"

EXPECTED = {
    "en": [
        ("This is the day the two halves of the city finally meet", "Lena Ortiz"),  # "she" after a subject
        ("We have waited long enough.", "Lena Ortiz"),  # the second half of an interrupted quote
        ("a very expensive boat ride.", "Ben Adeyemi"),  # the cue apart from the quote
        ("will not sail before the autumn", "Coastal Transit Authority"),  # an acronym it defined
        ("the timetable depends on the new piers.", "Coastal Transit Authority"),
        ("We are ready to crew every boat the city buys", "Harbour Workers Alliance"),  # "it said"
        (  # one statement over two paragraphs, in the voice of the quote before it
            "Our members have trained for this for two years. They know the bay better than anyone. "
            "We only ask that the city keeps its word on pay.",
            "Harbour Workers Alliance",
        ),
    ],
    "uk": [
        ("Ми відремонтуємо кожен зруйнований міст до кінця року", "Олег Дорошенко"),  # «…», — сказав він
        ("ремонт мосту через Десну завершать уже восени", "Петро Гнатенко"),  # за словами + genitive
        ("допоможе з проєктуванням нових мостів", "Том Бейлі"),  # a genitive country before the name
        ("Гроші надійдуть громадам без затримок", "Ірина Коваль"),
        ("розгляне й інші заявки громад найближчим часом", None),  # an unnamed official
        ("Першими гроші отримають громади на сході, де руйнувань найбільше", "Ігор Сахно"),  # – додав міністр
        ("кроком у правильному напрямку", "Ольга Тарасенко"),  # a "назвала" frame
        ("Ми просили втричі більше, але раді й цьому", "Ольга Тарасенко"),  # «Укрінформу» is a name
        ("Подробиці ми повідомимо згодом", None),  # "сказав посадовець, імені якого не називають"
    ],
    "ru": [
        ("первые вагоны выйдут на линию уже весной", "Андрей Соколов"),  # по словам + genitive
        ("Мы построим линию быстрее, чем обещали", "Андрей Соколов"),  # «…», — заявил он
        ("жители ждали этот трамвай двадцать лет", "Мария Белова"),  # как отметила X, "…"
        ("стоимость проекта пока не окончательная", "Дмитрий Орлов"),
        ("начнутся после согласования с жителями", None),
        ("выглядит реалистичным, но дорогим", "Илья Фомин"),  # как отметил + role + name, then the quote
        ("Если цены на металл вырастут, смету придется пересмотреть", "Илья Фомин"),  # — пояснил эксперт
        ("запоздалым", "Народный союз Новограда"),  # an organisation, first word capitalised only
        ("Жители устали ждать транспорт", "Народный союз Новограда"),  # — говорится в документе
    ],
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_quotes_and_speakers_of_the_page(language: str) -> None:
    html = (PAGES / f"{language}.html").read_bytes()
    article = newsextract.extract(html, f"https://news.example/{language}/1", site_rules=False)
    assert [(q.text, q.speaker) for q in article.quotes] == EXPECTED[language]
