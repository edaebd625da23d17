"""Records rendered as text and Markdown."""

from __future__ import annotations

from newsextract import Article
from newsextract.render import to_markdown, to_text


def _article(**changes: object) -> Article:
    fields: dict = {
        "url": "https://news.example/a",
        "title": "Storm closes the *coast* road",
        "authors": ("Ana Lima", "Ola Berg"),
        "published": "2024-05-01T10:00:00+02:00",
        "body": ("First paragraph.", "What changed", "One", "Two", "A quoted passage.", "1. Not a list"),
        "body_tags": ("p", "h2", "li", "li", "blockquote", "p"),
    }
    fields.update(changes)
    return Article(**fields)


def test_markdown_keeps_the_body_structure_and_escapes_markup() -> None:
    assert to_markdown(_article()) == (
        "# Storm closes the \\*coast\\* road\n\n"
        "*Ana Lima, Ola Berg · 2024-05-01T10:00:00+02:00*\n\n"
        "First paragraph.\n\n"
        "## What changed\n\n"
        "- One\n- Two\n\n"
        "> A quoted passage.\n\n"
        "1\\. Not a list\n\n"
        "<https://news.example/a>\n"
    )


def test_text_gives_headline_credit_line_and_paragraphs() -> None:
    assert to_text(_article(authors=(), body_tags=())) == (
        "Storm closes the *coast* road\n2024-05-01T10:00:00+02:00\n\n"
        "First paragraph.\n\nWhat changed\n\nOne\n\nTwo\n\nA quoted passage.\n\n1. Not a list\n"
    )


def test_the_tags_stay_out_of_the_record() -> None:
    assert "body_tags" not in _article().to_dict()
