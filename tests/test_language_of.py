"""normalize.language.language_of: the one place the record's language is decided."""

from __future__ import annotations

import re

import pytest

import newsextract
from newsextract.normalize import language as language_module
from newsextract.normalize.language import language_of, primary_language

ENGLISH = ["The harbour reopened on Monday after the storm, and the ferries run again on time."] * 6
UKRAINIAN = ["Гавань знову відкрилася в понеділок після шторму, і пороми знову ходять за розкладом."] * 6
GERMAN = ["Der Hafen wurde am Montag nach dem Sturm wieder geöffnet, und die Fähren fahren wieder."] * 6


@pytest.mark.parametrize(
    "tag,code",
    [
        ("en-GB", "en"),
        ("uk_UA", "uk"),
        ("DE", "de"),
        (" fr ", "fr"),
        ("x-default", None),
        ("fil", None),
        ("", None),
    ],
)
def test_a_language_tag_gives_its_iso_639_1_code(tag: str, code: str | None) -> None:
    assert primary_language(tag) == code


def test_a_declared_language_in_the_texts_script_is_kept_without_a_warning() -> None:
    # German text declared English: the same script, so the declaration stands (no model load).
    assert language_of("en", GERMAN) == ("en", [])
    assert language_of("uk-UA", UKRAINIAN) == ("uk", [])


def test_a_declaration_in_another_script_gives_way_to_the_text() -> None:
    code, warnings = language_of("en", UKRAINIAN)
    assert code == "uk"
    assert warnings == ["language: the page declares en; the text reads as uk"]


def test_an_undeclared_language_is_read_from_the_text() -> None:
    code, warnings = language_of(None, GERMAN)
    assert code == "de"
    assert warnings == ["language: not declared on the page; the text reads as de"]


def test_cyrillic_text_too_short_for_the_detector_is_told_by_its_letters() -> None:
    assert language_of(None, ["Її їжак єдиний ґанок."]) == ("uk", ["language: not declared on the page"])
    assert language_of(None, ["Объявлены съезд и вызов."]) == ("ru", ["language: not declared on the page"])
    assert language_of(None, ["Short text."]) == (None, ["language: not declared on the page"])


def test_the_record_takes_its_language_and_warnings_from_language_of() -> None:
    html = (
        '<html lang="en-US"><body><article><h1>Гавань знову відкрилася</h1>'
        + "".join(f"<p>{p}</p>" for p in UKRAINIAN)
        + "</article></body></html>"
    )
    article = newsextract.extract(html, "https://news.example/a")
    assert article.language == "uk"
    assert "language: the page declares en; the text reads as uk" in article.warnings


class _Answers:
    """A detector that reads every text as one language, with certainty."""

    def __init__(self, code: str) -> None:
        self.code = code

    def classify(self, text: str) -> tuple[str, float]:
        return self.code, 0.99


def test_the_detector_answers_in_iso_639_1_codes_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every language the installed model knows, some without an ISO 639-1 code ("yue", "zxx"):
    # the record's language is such a code (its JSON Schema says so) or None.
    for code in list(language_module._model().nb_classes):
        monkeypatch.setattr(language_module, "_model", lambda code=code: _Answers(code))
        found, _ = language_of(None, ENGLISH)
        assert found is None or re.fullmatch(r"[a-z]{2}", found)
        assert found == (code if re.fullmatch(r"[a-z]{2}", code) else None)
