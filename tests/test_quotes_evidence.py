"""Quotes and speakers that need evidence, on pages written for these tests
(fixtures/quotes/evidence-*.html): a connective before a surname is not a name, a long title
before a three-part name, two apostrophes closing a quotation, naming frames that someone
speaks through and passive ones that only name a term, a short sentence quoted after speech,
and one statement across embedded lines."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsextract
from newsextract.normalize.quotes import find_quotes

PAGES = Path(__file__).parent / "fixtures" / "quotes"

EXPECTED = {
    "en": [
        # "While Brightwater's ..." opens the sentence: "he" is the person named before it
        ("We have room on the slipway for three hulls at once", "Tomas Reyes"),
        ("What we need now is a second city to sign.", "Tomas Reyes"),
        # a three-part name after a four-word title
        ("The river routes are the ones that pay back first", "Helena Marques Duarte"),
        # “…,’’ closes with two apostrophes
        ("It is a boat built for a river that floods twice a year", "Ana Lindqvist"),
        ("And the hull shows it.", "Ana Lindqvist"),
        ("weakest link.", "Ana Lindqvist"),  # "sees X as"
        ("a bargain.", "Tomas Reyes"),  # "describe X as": the subject of its own sentence
        # "the use of "Bright."" is a word mentioned; "is called", "what engineers call" name terms
        ("Clear the ramp!", None),
        ("Stand back.", None),  # a sentence quoted after speech goes on with it
        (  # one statement, past a credit line and a label between its paragraphs
            "Brightwater has delivered eleven vessels on time in the last two years. "
            "Every one of them is still in service today.",
            "Brightwater Marine",
        ),
    ],
    "uk": [
        # "Потім Сидоренко уточнила": a surname after a connective, the full name given above
        ("почнуться одразу після паводку, коли рівень води впаде", "Вероніка Сидоренко"),
        ("може зрости через ціни на бетон", "Вероніка Сидоренко"),
        ("Не заходьте за огорожу!", None),  # an unnamed guard "крикнув"
        ("Тут небезпечно", None),  # the stop after the closing mark
    ],
    "ru": [
        ("начнутся сразу после паводка, когда уровень воды упадет", "Вероника Сидоренко"),
        ("может вырасти из-за цен на бетон", "Вероника Сидоренко"),
        ("Не заходите за ограждение!", None),
        ("Здесь опасно", None),
    ],
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_quotes_and_speakers_that_need_evidence(language: str) -> None:
    html = (PAGES / f"evidence-{language}.html").read_bytes()
    article = newsextract.extract(html, f"https://news.example/{language}/2", site_rules=False)
    assert [(q.text, q.speaker) for q in article.quotes] == EXPECTED[language]


@pytest.mark.parametrize(
    "opener",
    ["While", "As", "Like", "No", "When", "Why", "Within", "Fifty-one"],
)
def test_a_sentence_opener_is_not_a_speakers_first_name(opener: str) -> None:
    body = [
        "Marta Ilves runs the ferry line. " + opener + " Kestrel was late again, she kept the timetable.",
        '"We sail at nine whatever the weather," she said.',
    ]
    assert [q.speaker for q in find_quotes(body)] == ["Marta Ilves"]


@pytest.mark.parametrize(
    "title",
    [
        "As 5 Etapas para Alfabetizar seus Filhos em Casa",
        "Die Kunst des Wartens und Hoffens",
        "Le Chant des Oiseaux et du Vent",
    ],
)
def test_a_work_title_in_another_language_is_not_a_quote(title: str) -> None:
    assert find_quotes([f'Leia também: "{title}" e outros textos do blog sobre música infantil.']) == []


REGISTER = {
    # a capitalised place or event seen once is no one's name: "she" is the person named
    # with a title ("Coach", "Тренерка") or an apposition ("Marit Solheim, 56,")
    "en": [
        ("We raced for the people who kept coming back every week", "Dana Whitlock"),
        ("I have never seen the stands this full on a cold day", "Marit Solheim"),
        # a given name the lexicon lacks: "X, a farmer ...," says it is a person's name
        ("The engines are louder than my harvester, but the children love it", "Tarun Vellaikal"),
    ],
    "uk": [("Ми їхали для тих, хто повертався до нас щотижня", "Дана Вітлок")],
    "ru": [("Мы ехали для тех, кто возвращался к нам каждую неделю", "Дана Витлок")],
}


@pytest.mark.parametrize("language", sorted(REGISTER))
def test_a_pronoun_stands_for_a_name_with_evidence(language: str) -> None:
    html = (PAGES / f"register-{language}.html").read_bytes()
    article = newsextract.extract(html, f"https://news.example/{language}/3", site_rules=False)
    assert [(q.text, q.speaker) for q in article.quotes] == REGISTER[language]


SPEECH = {
    # "stating that they": the organisation "The group, X," introduces, not one named before;
    # "saying" and "put it" are cues; "one Facebook user wrote" names no one
    "en": [
        ("will not sail short-handed for another winter.", "Ferry Crews Forum"),
        ("temporary and tied to the fuel contract.", "Harbour Transit"),
        ("nobody should wait an hour for a boat in this city.", "Lena Ortiz"),  # "as X put it"
        # someone unnamed: the name before the noun qualifies it, and no one named before speaks
        ("I have heard the same promise every winter for five years.", None),
        ("The evening boats were the only way home for night-shift staff", None),
        # "called Ortiz's office and told": the subject of the clause, not whose office it was
        ("My boats will keep sailing with or without your permit.", "Ivo Brandt"),
        # an acronym right before the cue speaks; one before a noun ("PR staff") qualifies it
        ("an independent review of every cut made since the summer", "CTU"),
        ("a shambles.", None),
    ],
    # Portuguese speech verbs ("disse", "afirmou") and a three-part name after a role
    "pt": [
        ("uma vitória de quem atravessa o rio todos os dias", "Rui Andrade Costa"),
        ("Ainda faltam marinheiros para a escala de domingo", "Marta Ribeiro"),
    ],
}


@pytest.mark.parametrize("language", sorted(SPEECH))
def test_speech_cues_of_organisations_and_of_portuguese(language: str) -> None:
    html = (PAGES / f"speech-{language}.html").read_bytes()
    article = newsextract.extract(html, f"https://news.example/{language}/4", site_rules=False)
    assert [(q.text, q.speaker) for q in article.quotes] == SPEECH[language]
