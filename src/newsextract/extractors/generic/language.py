"""The page's language: declared (html lang, JSON-LD inLanguage), else guessed from the script."""

from __future__ import annotations

import re

from ...document import Document
from .signals import ld_text


def language(doc: Document) -> str | None:
    ld = doc.article_ld() or {}
    return _primary_language(doc.lang) or _primary_language(ld_text(ld.get("inLanguage")))


def _primary_language(tag: str | None) -> str | None:
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


# Letters that tell Ukrainian from Russian (і ї є ґ vs ы э ъ ё).
_UK = re.compile(r"[іїєґІЇЄҐ]")
_RU = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# How much of the text the guess reads.
GUESS_SAMPLE_CHARS = 3000


def guess_language(text: str) -> str | None:
    """A script-based guess for Cyrillic text (uk / ru); None for anything else."""
    sample = text[:GUESS_SAMPLE_CHARS]
    if len(_CYRILLIC.findall(sample)) < len(sample) / 4:
        return None
    uk, ru = len(_UK.findall(sample)), len(_RU.findall(sample))
    if uk > ru:
        return "uk"
    if ru > uk:
        return "ru"
    return None
