"""The language of an article's text, for pages that declare none or declare the wrong one.

py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams, 97 languages,
shipped in the wheel) reads the body's first SAMPLE_CHARS characters. Its model loads once per
process, on the first page that needs it (about 0.7 s on this machine); a page then costs about
0.5 ms.
"""

from __future__ import annotations

from typing import Any

__all__ = ["detect_language"]

# How much of the body is read: enough for a confident answer, little enough to be cheap.
SAMPLE_CHARS = 800
# Below this much text no language is guessed (a fifth of it in scripts without spaces, where
# a character carries a word's worth: Chinese, Japanese).
MIN_CHARS = 200
MIN_WIDE_CHARS = 40
_identifier: Any = None


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) for ``text``, or None when it is too short to tell."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    wide = sum(1 for ch in sample[:MIN_CHARS] if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    if len(sample) < (MIN_WIDE_CHARS if wide >= MIN_WIDE_CHARS else MIN_CHARS):
        return None
    lang, probability = _model().classify(sample)
    return str(lang), float(probability)


def _model() -> Any:
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # numpy and the model: only when needed

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier
