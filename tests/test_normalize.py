"""Normalizers: dates with real offsets, bylines to names, quotes with speakers, sites."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

import newsextract
from newsextract.normalize.blocks import Block
from newsextract.normalize.dates import find_date_text, parse_date, to_iso
from newsextract.normalize.header import without_header
from newsextract.normalize.people import split_byline
from newsextract.normalize.quotes import find_quotes
from newsextract.normalize.text import clean_text, site_of

KYIV = "Europe/Kyiv"


@pytest.mark.parametrize(
    "text,tz,expected",
    [
        ("2024-07-12T19:50:00+03:00", KYIV, "2024-07-12T19:50:00+03:00"),
        ("2024-07-12T16:50:00Z", KYIV, "2024-07-12T19:50:00+03:00"),  # same instant, site-local
        ("2025-10-24 15:26:00", KYIV, "2025-10-24T15:26:00+03:00"),  # naive wall time: summer offset
        ("2026-01-08 17:46", KYIV, "2026-01-08T17:46:00+02:00"),  # winter offset
        ("Friday, 12 July 2024, 19:50", KYIV, "2024-07-12T19:50:00+03:00"),
        ("Понеділок, 29 вересня 2014, 14:55", KYIV, "2014-09-29T14:55:00+03:00"),
        ("Пятница, 12 июля 2024, 19:50", KYIV, "2024-07-12T19:50:00+03:00"),
        ("Tue, 13 Dec 2016 22:33:06 +0000", None, "2016-12-13T22:33:06+00:00"),
        ("2018-10-29T10:15-500", None, "2018-10-29T10:15:00-05:00"),
        ("2019年02月22日 14時30分", None, "2019-02-22T14:30:00"),
        ("December 12, 2016 09:22 AM", None, "2016-12-12T09:22:00"),
        ("Dec 16, 2016 at 1:38 pm", None, "2016-12-16T13:38:00"),
        ("2019/3/5", None, "2019-03-05"),
        ("2024-07-12", KYIV, "2024-07-12"),
        ("8:27 AM - 21 Jun 2016", None, "2016-06-21T08:27:00"),  # the time before the date
        ("December 15, 2016 3:33 PM ET", None, "2016-12-15T15:33:00-05:00"),  # US zones keep DST
        ("July 1, 2016 3:33 PM ET", None, "2016-07-01T15:33:00-04:00"),
        ("12 July 2024 10:00 et 11:00", None, "2024-07-12T10:00:00"),  # French "et" is no zone
    ],
)
def test_parse_date(text: str, tz: str | None, expected: str) -> None:
    assert to_iso(parse_date(text, tz=tz)) == expected


@pytest.mark.parametrize(
    "text,tz,expected",
    [
        ("Veröffentlicht am 12. März 2019 um 14.30 Uhr", None, "2019-03-12T14:30:00"),
        ("publié le 3 mai 2021 à 14h30", None, "2021-05-03T14:30:00"),
        ("Miércoles, 15 de Abril de 2020", None, "2020-04-15"),
        ("9 oktober 2020 11:12", None, "2020-10-09T11:12:00"),
        ("23. 12. 2024 13:31", None, "2024-12-23T13:31:00"),  # Czech and Slovak space the parts
        ("1er mai 2022", None, "2022-05-01"),
        ("3 maja 2021", None, "2021-05-03"),
        ("5 Mai 2020 - 9:05", None, "2020-05-05T09:05:00"),
        ("Fri Apr 28 19:20:36 CEST 2023", None, "2023-04-28T19:20:36+02:00"),  # date(1) output
        ("20180619T055000+0900", None, "2018-06-19T05:50:00+09:00"),  # ISO 8601 basic format
        ("02.12.19", None, "2019-12-02"),  # a two-digit year, day first
        ("8.5.12", None, "2012-05-08"),
        ("28.09.19 12:44", None, "2019-09-28T12:44:00"),
        ("12.05.98", None, "1998-05-12"),  # the web's years run from the nineties
        ("26 | 01 | 2022", None, "2022-01-26"),  # the parts set apart by bars
        ("22:57 GMT 28.04.2020", None, "2020-04-28T22:57:00+00:00"),  # a zone between time and date
    ],
)
def test_printed_dates_of_the_european_press_read_without_dateparser(
    text: str, tz: str | None, expected: str
) -> None:
    assert to_iso(parse_date(text, tz=tz, fuzzy=False)) == expected


def test_year_from_hint_when_the_page_omits_it() -> None:
    assert to_iso(parse_date("24 жовтня, 15:26", tz=KYIV, year_hint=2025)) == "2025-10-24T15:26:00+03:00"
    assert parse_date("24 жовтня, 15:26", tz=KYIV, fuzzy=False) is None


def test_relative_dates_resolve_against_capture_time_not_now() -> None:
    fetched = datetime(2020, 5, 1, 12, 0, tzinfo=timezone.utc)
    value = parse_date("3 hours ago", fetched_at=fetched)
    assert isinstance(value, datetime) and value.date() == date(2020, 5, 1) and value.hour == 9


def test_relative_date_without_capture_time_is_no_date() -> None:
    assert parse_date("3 hours ago") is None
    assert parse_date("Вчора, 14:20") is None


def test_junk_is_not_a_date() -> None:
    assert parse_date("no date here") is None
    assert parse_date("") is None
    assert parse_date("1066-10-14") is None  # before any web page
    assert parse_date("12 maintenance 2020", fuzzy=False) is None  # a month name is a whole word


@pytest.mark.parametrize(
    "text",
    [
        "31.12.99999",  # a five-digit year is no year, not 9999-12-31
        "1e400",  # a number is no date (dateparser says: now)
        "-1",  # nor is this (dateparser says: a day in January)
        "2024-07-12T10:00:00+99:99",  # an impossible offset breaks the value, it is not dropped
        "2024-13-45T25:61",  # month 13
    ],
)
def test_impossible_dates_are_no_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text,languages,expected",
    [
        ("03/05/2021", ("fr",), "2021-05-03"),  # day first outside English
        ("03/05/2021 14:05", ("es",), "2021-05-03T14:05:00"),
        ("03/05/2021", ("en",), "2021-03-05"),  # month first in English, as US sites print it
        ("03/05/2021", None, "2021-03-05"),
        ("13/05/2021", ("en",), "2021-05-13"),  # a part above 12 can only be the day
        ("05/13/2021", ("de",), "2021-05-13"),
    ],
)
def test_slashed_dates_read_in_the_pages_order(
    text: str, languages: tuple[str, ...] | None, expected: str
) -> None:
    assert to_iso(parse_date(text, languages=languages, fuzzy=False)) == expected


def test_find_date_text() -> None:
    assert find_date_text("Posted by KJ : 2019年04月04日 09:00 in Tools") == "2019年04月04日 09:00"
    assert find_date_text("Publié le 03/05/2021, mis à jour") == "03/05/2021"
    assert find_date_text("step 1/2/3/2021") is None
    assert find_date_text("nothing to see") is None
    # Terse forms only where a date is looked for: in a paragraph they sign comments.
    assert find_date_text("Ausgabe vom 2019-10-19 im Archiv", terse=True) == "2019-10-19"
    assert find_date_text("Forum: 28.01.22 / 0 Kommentare", terse=True) == "28.01.22"
    assert find_date_text("Peter Flom 07.08.12 at 13:24") is None
    assert find_date_text("Version 1.2.3 and 2019-10-19T10:00Z", terse=True) is None  # a timestamp


@pytest.mark.parametrize(
    "byline,names",
    [
        ("By Jane Doe and John Smith, Staff Writers | Updated 3 May 2024", ["Jane Doe", "John Smith"]),
        ("ByHoward Blume Staff Writer Dec. 16, 2016 2:05 PM PT", ["Howard Blume"]),
        ("By Joe Davidson Washington Post Dec 13, 2016 at 3:45 pm", ["Joe Davidson"]),
        ("Patrick Allan Profile Follow Unfollow", ["Patrick Allan"]),
        ("jane.doe@example.com", []),
        ("CNN", []),
        ("The Huffington Post", []),
        ("Oleh Pavliuk — Friday, 12 July 2024, 19:50", ["Oleh Pavliuk"]),
        (["Ярослав Кузишин", "Антон Зелинский"], ["Ярослав Кузишин", "Антон Зелинский"]),
        ("Reuters staff", []),
        ("By Nelson D. Schwartz", ["Nelson D. Schwartz"]),  # an initial is not an acronym
        ("T.C. Sottek", ["T.C. Sottek"]),
        ("ACLU Speech", []),
        (
            "Saibal Dasgupta / TNN / Updated: Oct 9, 2019 Share AA + Text Size Small Medium Large",
            ["Saibal Dasgupta"],
        ),
        ("Pete Evans · CBC News · Posted: Oct 14, 2022 | Last Updated: October 14", ["Pete Evans"]),
        ("By Meg Wagner NEW YORK DAILY NEWS Dec 16, 2016 at 1:38 pm", ["Meg Wagner"]),
        ("JANE DOE DAILY MAIL", ["JANE DOE"]),
        (
            "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            ["Martin Untersinger", "Damien Leloup", "Morgane Tual"],
        ),
        ("John Smith (AP)", ["John Smith"]),
        # Japanese credits: the role after the name, names listed with 、 or ，.
        ("Eric Freeman 著、嶋田 健志 監訳、木下 哲也 訳", ["Eric Freeman", "嶋田 健志", "木下 哲也"]),
        ("[田中宏昌，小林 翔]", ["田中宏昌", "小林 翔"]),  # a byline wholly in brackets
        ("By Li Na", ["Li Na"]),  # short words are a name; one short word is not
        ("人氣", []),
        ("J J", []),
        # Credited organisations: agencies and desks, as printed; a byline that credits only a
        # desk or "Staff Writer" gives that credit; beside a name, a role is no co-author.
        ("Felix Weber und Anna Roth, dpa", ["Felix Weber", "Anna Roth", "dpa"]),
        ("By The Associated Press", ["The Associated Press"]),
        ("Valley Desk Staff", ["Valley Desk Staff"]),
        ("VN-Redaktion", ["VN-Redaktion"]),
        ("By Staff Writer", ["Staff Writer"]),
        ("Redaktion", ["Redaktion"]),
        ("Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Writer", []),
        ("Author", []),
        # An agency with its desk's initials or its partner is one credit; with a person, two.
        ("det/dpa", ["det/dpa"]),
        ("AFP/The Local", ["AFP/The Local"]),
        ("Anna Roth/dpa", ["Anna Roth", "dpa"]),
        # Lead-ins and labels before the name, a weekday or a follow widget after it.
        ("Eingestellt von Jonas Weber", ["Jonas Weber"]),
        ("Alle Artikel von Tanja Roth", ["Tanja Roth"]),
        ("Erstellt von Mia Lenz am 3.5.2021", ["Mia Lenz"]),
        ("Autor: Jan Hof", ["Jan Hof"]),
        ("Von Anna Roth Montag, 3. Mai 2021", ["Anna Roth"]),
        ("Anna Roth Folgen Abbruch", ["Anna Roth"]),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),  # a particle is no lead-in
        # A surname in capitals after the given name is a name; an acronym is not.
        ("Chokri GHARBI", ["Chokri GHARBI"]),
        ("E. BARRENECHE / J. I. DA SILVA", ["E. BARRENECHE", "J. I. DA SILVA"]),
        ("CNN Wire", []),
        ("Redacción Diario Sur", ["Redacción Diario Sur"]),  # a desk named first
        ("Quelle: sid/dpa", ["sid/dpa"]),
        ("Text und Interview: Hanna Wilke", ["Hanna Wilke"]),  # labels joined before the colon
        ("Logan C. Ritchie Staff Writer", ["Logan C. Ritchie"]),
        # Conjunctions of Scandinavian and Italian bylines; an initial "E." is not one.
        ("Trine Holm og Tôrtia Berg-Lund", ["Trine Holm", "Tôrtia Berg-Lund"]),
        ("Mario Rossi e Luigi Bianchi", ["Mario Rossi", "Luigi Bianchi"]),
        ("Laura E. Adkins", ["Laura E. Adkins"]),
        # Beside a full name, one word is a place or a section; roles and buttons in any language.
        ("Anna Roth, Frankfurt", ["Anna Roth"]),
        ("Anna Roth, Redakteurin", ["Anna Roth"]),
        ("Von Anna Roth Folgen", ["Anna Roth"]),
        ("Redakteurin Anna Roth", ["Anna Roth"]),  # the role before the name
        ("Senior Writer Jane Doe", ["Jane Doe"]),
        ("Publié le 3 mai 2021 à 14h05 par Marie Dupont", ["Marie Dupont"]),  # a date line opening it
        ("Posted on June 4, 2021 by Ana Lima", ["Ana Lima"]),
        ("Text: Anna Roth, Fotos: Jonas Weber", ["Anna Roth"]),  # a photo credit is no author
        ("Pablo Ruiz | Palma de Mallorca | 08/01/2014", ["Pablo Ruiz"]),  # the dateline's place
        ("Jane Doe | John Roe", ["Jane Doe", "John Roe"]),
        ("Jean Dupont, Envoyé Spécial", ["Jean Dupont"]),
        ("신현주 기자", ["신현주"]),  # Korean puts the role after the name
    ],
)
def test_split_byline(byline: str | list[str], names: list[str]) -> None:
    assert split_byline(byline) == names


def test_split_byline_hands_out_its_own_list_each_time() -> None:
    first = split_byline("By Jane Doe and John Smith")
    first.append("Someone Else")  # a caller's edit must not reach the next caller
    assert split_byline("By Jane Doe and John Smith") == ["Jane Doe", "John Smith"]


def test_a_byline_too_long_to_cache_is_split_the_same() -> None:
    byline = "By Jane Doe and John Smith, " + "staff " * 100
    assert split_byline(byline) == split_byline(byline) == split_byline(byline.split(", ")[:1])


@pytest.mark.parametrize(
    "junk",
    ["<a" * 25_000 + " ", "(" * 50_000 + " ", "[" * 50_000 + " ", "x" * 50_000 + " "],
    ids=["open tags", "parentheses", "brackets", "one long word"],
)
def test_a_byline_with_a_long_run_of_junk_is_split_in_one_pass(junk: str) -> None:
    """None of these is rescanned from every character by a cleaner regex (the e-mail and
    bracket patterns): a rescan of 50,000 characters takes seconds to minutes."""
    names = split_byline("By Jane Doe, " + junk + "and John Smith")
    assert names[0] == "Jane Doe" and names[-1] == "John Smith"


def test_co_authors_after_many_open_parentheses_are_found_in_one_pass() -> None:
    names = split_byline("Martin Untersinger " + "(with x, " * 5_000 + "(avec Damien Leloup et Morgane Tual)")
    assert names[-2:] == ["Damien Leloup", "Morgane Tual"]


def test_an_acronym_is_defined_beside_a_long_capitalised_word() -> None:
    """A 20,000-letter capitalised word before a "(": the acronym pattern does not rescan it from
    every letter (seconds); the definition after it still names the speaker."""
    body = [
        "A" * 20_000 + " (x",
        "The Drug Enforcement Administration (DEA) opened an office in the city.",
        '"We will stay here for a long time to come," the DEA said.',
    ]
    assert [q.speaker for q in find_quotes(body)] == ["Drug Enforcement Administration"]


def test_an_organisation_is_found_after_a_long_hyphenated_run() -> None:
    """ "A-A-A-..." is not rescanned from each of its letters by the organisation pattern."""
    body = [
        "A-" * 20_000,
        "The Foreign Ministry of Ruritania spoke on Monday about the bridge.",
        '"We will rebuild the bridge before the winter comes," they said in a statement.',
    ]
    assert [q.speaker for q in find_quotes(body)] == ["Foreign Ministry of Ruritania"]


def test_thousands_of_one_word_quotations_are_read_up_to_the_span_limit(monkeypatch) -> None:
    from newsextract.normalize.quotes import _attribution as quotes

    read: list[int] = []
    real = quotes.cue_in_sentence
    monkeypatch.setattr(
        quotes, "cue_in_sentence", lambda s, start, end: read.append(start) or real(s, start, end)
    )
    assert find_quotes(['"a' * 20_000]) == []
    assert 0 < len(read) <= quotes.MAX_SPANS_READ  # not each of the 10,000 spans


def test_a_cue_is_read_within_reach_of_its_quotation(monkeypatch) -> None:
    """Thousands of kept quotations in one paragraph without a full stop: each quotation's
    speaker is looked for near it, not in the whole "sentence" (which would be quadratic)."""
    from newsextract.normalize.quotes import _attribution as quotes
    from newsextract.normalize.quotes import _marks

    read: list[int] = []
    real = quotes.Speakers._subject
    monkeypatch.setattr(
        quotes.Speakers,
        "_subject",
        lambda self, i, o, text, nearest: read.append(len(text)) or real(self, i, o, text, nearest),
    )
    found = find_quotes(['"we will say it again and again" said ' * 3_000])
    assert len(found) == quotes.MAX_QUOTES
    assert read and max(read) <= _marks.MAX_CUE_REACH


def test_quotes_with_speakers_and_pronouns() -> None:
    body = [
        "Source: Sabrina Singh, spokesperson of the Pentagon.",
        '"The call was useful and long overdue," she added.',
        'Singh then specified that the call "was initiated by the Russian side".',
        'UK Defence Secretary Grant Shapps said Belousov would be "another of Putin\'s puppets".',
        'Critics called it a "shadow fleet".',
    ]
    quotes = [(q.text, q.speaker, q.paragraph) for q in find_quotes(body)]
    assert quotes == [
        ("The call was useful and long overdue", "Sabrina Singh", 1),
        ("was initiated by the Russian side", "Sabrina Singh", 2),
        ("another of Putin's puppets", "Grant Shapps", 3),
        ("shadow fleet", None, 4),  # a "called" frame makes a short quotation someone's words
    ]


def _quoted(body: list[str]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(body)]


def test_a_pronoun_is_the_person_the_text_was_about_without_a_speech_verb() -> None:
    body = [
        "Coach Mara Lind talked to the Port Harbour players on Monday.",
        "Barely a week ago, Tomas Brandt, 35, had scored once in ten games. Harbour defender Ola Berg, who "
        "joked about Brandt's sticks, could see the frustration on his face.",
        '"He is used to scoring goals, getting points," he said.',
    ]
    assert _quoted(body) == [("He is used to scoring goals, getting points", "Ola Berg")]


def test_the_cue_of_a_quotation_may_stand_apart_from_it_in_its_sentence() -> None:
    body = [
        "Coach Mara Lind was pleased after the game.",
        'Lind gave her players a talk on Tuesday, telling them to "believe in yourselves" before the trip.',
        '"Perfect," Lind said. "It is the mark of a true competitor."',  # a short first half carries
        'The ministry described the plan as "improper." Under the plan, a "shadow" budget is kept.',
    ]
    assert _quoted(body) == [
        ("believe in yourselves", "Mara Lind"),
        ("Perfect", "Mara Lind"),
        ("It is the mark of a true competitor.", "Mara Lind"),
        ("improper.", None),
    ]


def test_organisations_speak_through_pronouns_role_nouns_and_acronyms() -> None:
    body = [
        "The rules were set in 2018 by the Coastal Fisheries Administration (CFA), the agency said.",
        'That said, the CFA says that the bay "remains the main breeding ground" and that "the stock is '
        'recovering in every season."',
        "The group that owns the boats, Blue Harbour, has its own view. Director Ana Silva disagreed.",
        '"We will keep fishing within the limits we are given," it said.',
        'In a statement, the group added that "the quotas are too low for a living."',
        'A spokesperson for the Northern Trade Office said the deal was "a fair one for everyone involved."',
        'The plan was "bold and long overdue," said a former Trade Office adviser, Ola Berg.',
    ]
    assert [speaker for _, speaker in _quoted(body)] == [
        "Coastal Fisheries Administration",
        "Coastal Fisheries Administration",
        "Blue Harbour",
        "Blue Harbour",
        "Northern Trade Office",
        "Ola Berg",
    ]


def test_a_quotation_over_several_paragraphs_is_one_quote() -> None:
    body = [
        "Manager Rui Costa left Harbour City for the Portuguese club on Monday.",
        'The 56-year-old said after his appointment: "I am excited to be joining a club with such a heritage.',
        '"The quality of the squad excites me. Working with these players is what attracted me."',
        "The club issued a statement.",
        '"We are delighted to welcome him to the club and to the city," it says.',
        '"He will start work on Tuesday, with the first team."',
    ]
    assert _quoted(body) == [
        (
            "I am excited to be joining a club with such a heritage. The quality of the squad excites me. "
            "Working with these players is what attracted me.",
            "Rui Costa",
        ),
        ("We are delighted to welcome him to the club and to the city", None),
        ("He will start work on Tuesday, with the first team.", None),
    ]


def test_a_straight_opening_mark_may_close_curly() -> None:
    body = [
        '"And I asked, well, on whose authority?” said Ola Berg, who will testify. "And he said, the mayor."'
    ]
    assert _quoted(body) == [
        ("And I asked, well, on whose authority?", "Ola Berg"),
        ("And he said, the mayor.", "Ola Berg"),
    ]


def test_titles_of_works_and_words_talked_about_are_not_speech() -> None:
    body = [
        'The band will play "Listen To The Music," "Takin\' It to the Streets" and "Black Water" on tour.',
        'He had planned to charge the firm for the use of the word "We" after it said so.',
        'The minister said the report by "Ukrinform" was wrong.',
    ]
    assert _quoted(body) == []


def test_a_capitalised_common_noun_opening_a_ukrainian_sentence_is_no_speaker() -> None:
    body = [
        'Посадовець Білого дому також сказав, що Обама "згадував про попередні тривалі намагання Росії".',
        '"Це були інші зусилля з метою дестабілізувати країну", сказав посадовець, імені якого не називають.',
    ]
    assert [speaker for _, speaker in _quoted(body)] == [None, None]


def test_quotes_ukrainian_source_and_unnamed_official() -> None:
    body = [
        "Про це повідомляє пресслужба Мінцифри.",
        '"Ми розробили документ разом із партнерами за найкращою практикою", - йдеться в повідомленні.',
        '"Це лише перший крок до нових правил для всіх", сказав посадовець.',
    ]
    assert [(q.speaker) for q in find_quotes(body)] == ["пресслужба Мінцифри", None]


def test_clean_text_and_site() -> None:
    assert clean_text(" a\u00a0b\u200b\n c ") == "a b c"
    assert site_of("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert site_of("https://news.example.com/x") == "example.com"
    assert site_of("http://127.0.0.1:8000/x") == "127.0.0.1"
    assert site_of(None) is None and site_of("file:///tmp/a.html") is None


def _blocks(*texts: str) -> list[Block]:
    return [Block(text=t, tag="p") for t in texts]


@pytest.mark.parametrize(
    "line",
    [
        "By Laura Adkins December 28, 2016",
        "Posted by Andrew Hayden, Software Engineer on Google Play",
        "Oct 18, 2019 · 8 min read",
        "22 Dec, 2016 22 Dec, 2016",
        "15.05.2020, 07:11 | Lesedauer: 8 Minuten",
        "2019年3月1日 13時16分",
        "Updated Dec 1, 2016 3:33 PM ET",
        "Politics · Jo Bittner, Tina Hild",  # the byline as the page prints it
        "Spencer Pratt/Getty Images",  # photo credits and media labels out of their figure
        "Steven Putz | The Image Bank | Getty Images",
        "A mayor near the synagogue on Sunday. (Jeff Swen/AFP)",
        "ASSOCIATED PRESS",
        "Photo",
    ],
)
def test_byline_and_date_lines_above_the_text_are_not_body(line: str) -> None:
    text = "The council voted on Tuesday to reopen the ferry, ending a year of detours for the island."
    blocks = _blocks("Storm closes the coast road", "A standfirst about the road", line, text)
    kept = without_header(blocks, "Storm closes the coast road", "Politics · Jo Bittner, Tina Hild")
    assert [b.text for b in kept] == ["A standfirst about the road", text]


@pytest.mark.parametrize(
    "line",
    [
        "By 2030, emissions will have fallen by half, the ministry said.",  # a sentence
        "Daring Example is written and produced by Jo Bittner.",
        "December 28, 2016 was the coldest day of the year in the valley",
        "Ballots were counted by hand",
        "December 28, 2016 first",  # a word, not a zone
    ],
)
def test_text_lines_stay(line: str) -> None:
    blocks = _blocks(line, "More text.")
    assert without_header(blocks, None, "Daring Example is written and produced by Jo Bittner.") == blocks


def test_header_lines_further_down_stay() -> None:
    blocks = _blocks("One.", "Two.", "Three.", "December 7, 2016")
    assert without_header(blocks, None, None) == blocks


def test_a_first_paragraph_that_starts_with_a_short_headline_is_not_the_headline() -> None:
    blocks = [Block("Deep text of the story, with commas, long enough to be article text.", "p")]
    assert without_header(blocks, "Deep", None) == blocks
    assert without_header([Block("Deep", "h1"), *blocks], "Deep", None) == blocks


def test_speakers_carry_over_interrupted_and_quote_only_paragraphs() -> None:
    body = [
        '"We will rebuild the pier before winter," Olena Marchuk said. "Not everyone believes it."',
        "On Monday council member Petro Ivanenko said the plan had no money behind it at all.",
        '"There is no money for it this year, and there will be none next year either."',
    ]
    speakers = [(q.text, q.speaker) for q in find_quotes(body)]
    assert speakers == [
        ("We will rebuild the pier before winter", "Olena Marchuk"),
        ("Not everyone believes it.", "Olena Marchuk"),  # the second half of the interrupted quote
        ("There is no money for it this year, and there will be none next year either.", "Petro Ivanenko"),
    ]


@pytest.mark.parametrize(
    "sentence,speaker",
    [
        ('"The plan was never funded," Indiana House Speaker Brian Bosma acknowledged.', "Brian Bosma"),
        ('"We were ready for the storm," Harbour DL Sheldon Richardson testified.', "Sheldon Richardson"),
        ('"It was never about the money," Eriksson Ek cautioned.', "Joel Eriksson Ek"),
    ],
)
def test_speaker_names_without_their_roles_and_in_full(sentence: str, speaker: str) -> None:
    body = ["Joel Eriksson Ek’s goal came late in the game, after a long and quiet evening.", sentence]
    (quote,) = find_quotes(body)
    assert quote.speaker == speaker


def test_a_page_of_nothing_but_quotations_stops_at_the_quote_limit() -> None:
    from newsextract.normalize.quotes import MAX_QUOTES

    line = '"This is one more quotation of a page made of them, long enough to count," Ola Berg said.'
    assert len(find_quotes([line] * (MAX_QUOTES + 200))) == MAX_QUOTES
    html = "<html><body><h1>Quotes</h1>" + f"<p>{line}</p>" * (MAX_QUOTES + 5) + "</body></html>"
    article = newsextract.extract(html, "https://quotes.example/a", site_rules=False)
    assert (
        len(article.quotes) == MAX_QUOTES
        and f"quotes: stopped at {MAX_QUOTES} quotations" in article.warnings
    )


def test_speech_patterns_are_compiled_on_first_use_not_at_import() -> None:
    code = (
        "import newsextract.normalize.quotes as q; "
        "assert 'all_verbs' not in vars(q._cues.SPEECH); "
        "q.find_quotes(['\"We are open again,\" said Ana Lima, the harbour master.']); "
        "assert 'all_verbs' in vars(q._cues.SPEECH)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_lazy_pattern_that_was_never_defined_is_an_attribute_error() -> None:
    from newsextract.normalize.text import LazyPatterns

    patterns = LazyPatterns()
    patterns.define("year", r"\d{4}")
    assert patterns.year.search("in 2024").group() == "2024"
    with pytest.raises(AttributeError):
        _ = patterns.month
