"""The language the page declares: ``<html lang>`` (or its ``<meta>`` stand-ins), else JSON-LD
``inLanguage``. Deciding the record's language from this and the text is
``normalize.language.language_of``'s job."""

from __future__ import annotations

from ...document import Document
from ...normalize.language import primary_language
from .signals import ld_text


def language(doc: Document) -> str | None:
    ld = doc.article_ld() or {}
    return primary_language(doc.lang) or primary_language(ld_text(ld.get("inLanguage")))
