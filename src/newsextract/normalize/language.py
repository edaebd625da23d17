"""The language of an article: the one home for deciding it.

``language_of(declared, body)`` gives the record's language and the warnings that explain it.
A declared language (``<html lang>``, JSON-LD ``inLanguage``, a site rule) is kept when the text
is written in its script; when it is not (a template's lang="en" on a Ukrainian page), or when
the page declares none, the text decides: the detector when it is confident, else a script
count that tells Ukrainian from Russian.

py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams, about a hundred
languages and varieties, shipped in the wheel; a variety without an ISO 639-1 code is no answer)
reads the body's first SAMPLE_CHARS characters. Its model loads once per process, on the first
page that needs it; after that a page costs little.

The wheel's model is xz-compressed: inflating it is half of what a load takes, paid by
every process (the CLI on one page, each batch worker). The first load therefore keeps the
model's arrays, as py3langid's own loader returns them, uncompressed in the user's cache
(NEWSEXTRACT_CACHE_DIR, else $XDG_CACHE_HOME/newsextract or ~/.cache/newsextract; 68 MB); later
loads read them from there in a fraction of that time, the NumPy arrays memory-mapped (processes share
their pages). An empty NEWSEXTRACT_CACHE_DIR turns the cache off; a cache that cannot be written
or read is passed over (the wheel's model is loaded instead).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import string
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["detect_language", "language_of", "primary_language", "script_disagrees"]

# How much of the body is read: enough for a confident answer, little enough to be cheap.
SAMPLE_CHARS = 800
# Below this much text no language is guessed (a fifth of it in scripts without spaces, where
# a character carries a word's worth: Chinese, Japanese).
MIN_CHARS = 200
MIN_WIDE_CHARS = 40
_identifier: Any = None
log = logging.getLogger(__name__)


# A page that declares no language gets the one its text reads as, at this probability or more
# (read from the body's first 800 characters: correct readings on pages of a known language lie
# above it, and wrong ones are certain, so no higher bar would catch them). A declared language
# is kept: checking it against the text would load the detector's model in every process, for
# the rare template that declares "en" on text in another Latin-script language.
DETECTED_MIN_PROBABILITY = 0.8


def language_of(declared: str | None, body: Sequence[str]) -> tuple[str | None, list[str]]:
    """The article's language (ISO 639-1) and the warnings that say how it was found.

    declared: the language the page or the site rules state, as written ("en-GB", "uk_UA").
    body: the article's paragraphs; only the opening is read.

    The declared language when the text is written in its script; else the text's, when the
    detector is confident and its answer agrees with the script; else the declared one; else,
    for Cyrillic text, Ukrainian or Russian by their distinctive letters.
    """
    declared = primary_language(declared)
    warnings: list[str] = []
    text = _opening(body, max(SAMPLE_CHARS, GUESS_SAMPLE_CHARS))
    if declared and not script_disagrees(declared, text):
        return declared, warnings
    found = detect_language(text)
    if found and found[1] >= DETECTED_MIN_PROBABILITY:
        if not declared:
            warnings.append(f"language: not declared on the page; the text reads as {found[0]}")
            return found[0], warnings
        if not script_disagrees(found[0], text):
            warnings.append(f"language: the page declares {declared}; the text reads as {found[0]}")
            return found[0], warnings
    if declared:
        return declared, warnings
    warnings.append("language: not declared on the page")
    return _cyrillic_guess(text), warnings


_LANGUAGE_TAG = re.compile(r"[-_]")
_ISO_639_1 = re.compile(r"[a-z]{2}")


def primary_language(tag: str | None) -> str | None:
    """The ISO 639-1 code of a language tag ("en-GB", "uk_UA", "DE" -> "de"); None for a tag
    that does not start with one ("x-default", "fil", "")."""
    if not tag:
        return None
    code = _LANGUAGE_TAG.split(tag.strip().lower(), maxsplit=1)[0]
    return code if _ISO_639_1.fullmatch(code) else None


def _opening(body: Sequence[str], chars: int) -> str:
    """The body's paragraphs joined by spaces, up to the paragraph that reaches ``chars``: what
    the language tests read, without joining the whole text."""
    taken, length = [], 0
    for paragraph in body:
        taken.append(paragraph)
        length += len(paragraph) + 1
        if length >= chars:
            break
    return " ".join(taken)


# Letters that tell Ukrainian from Russian (і ї є ґ vs ы э ъ ё).
_UK = re.compile(r"[іїєґІЇЄҐ]")
_RU = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# How much of the text the script count reads.
GUESS_SAMPLE_CHARS = 3000


def _cyrillic_guess(text: str) -> str | None:
    """Ukrainian or Russian for Cyrillic text, by the letters only one of them has; None for
    text in other scripts or without those letters (the detector had no confident answer)."""
    sample = text[:GUESS_SAMPLE_CHARS]
    if len(_CYRILLIC.findall(sample)) < len(sample) / 4:
        return None
    uk, ru = len(_UK.findall(sample)), len(_RU.findall(sample))
    if uk > ru:
        return "uk"
    if ru > uk:
        return "ru"
    return None


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) for ``text``, or None when it is too short to tell."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    wide = sum(1 for ch in sample[:MIN_CHARS] if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    if len(sample) < (MIN_WIDE_CHARS if wide >= MIN_WIDE_CHARS else MIN_CHARS):
        return None
    lang, probability = _model().classify(sample)
    # The model also knows languages ISO 639-1 has no code for ("yue", "arz", "zxx" for no
    # linguistic content); the record's language is an ISO 639-1 code, so those are no answer.
    return (str(lang), float(probability)) if _ISO_639_1.fullmatch(str(lang)) else None


# The script of each language whose script alone tells it from the others' (Serbian, Azerbaijani
# and others written in two scripts are left out): a declared language is checked against the
# text's script, which costs a pass over the sample, not the model.
_SCRIPTS = {
    **dict.fromkeys(
        "af ca cs cy da de en es et eu fi fr ga gl hr hu id is it lt lv ms mt nl no nb nn pl pt ro sk "
        "sl sq sv sw tl tr vi".split(),
        "latin",
    ),
    **dict.fromkeys("be bg kk ky mk mn ru tg uk".split(), "cyrillic"),
    **dict.fromkeys("ar fa ps ur".split(), "arabic"),
    **dict.fromkeys("he yi".split(), "hebrew"),
    **dict.fromkeys("zh ja ko".split(), "cjk"),
    **dict.fromkeys("hi mr ne".split(), "devanagari"),
    "el": "greek",
    "hy": "armenian",
    "ka": "georgian",
    "th": "thai",
}
_SCRIPT_LETTERS = {
    "latin": re.compile("[A-Za-z\u00c0-\u024f]"),
    "greek": re.compile("[\u0370-\u03ff]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "armenian": re.compile("[\u0530-\u058f]"),
    "hebrew": re.compile("[\u0590-\u05ff]"),
    "arabic": re.compile("[\u0600-\u06ff]"),
    "devanagari": re.compile("[\u0900-\u097f]"),
    "thai": re.compile("[\u0e00-\u0e7f]"),
    "georgian": re.compile("[\u10a0-\u10ff]"),
    "cjk": re.compile("[\u3040-\u9fff\uac00-\ud7af]"),
}
_LETTER = re.compile(r"[^\W\d_]")
# The declared script must hold at least this share of the text's letters: quoted names and
# brand words in Latin letters do not make a Ukrainian text English, nor the reverse.
MIN_DECLARED_SHARE = 0.2


def script_disagrees(language: str, text: str) -> bool:
    """True when ``language`` is written in one script and the text in another (a template's
    lang="en" on a Ukrainian article): counted over the first SAMPLE_CHARS characters."""
    script = _SCRIPTS.get(language[:2].lower())
    if script is None:
        return False
    sample = text[:SAMPLE_CHARS]
    if script == "latin" and _latin_share_holds(sample):
        return False
    letters = len(_LETTER.findall(sample))
    if letters < MIN_WIDE_CHARS:
        return False
    return len(_SCRIPT_LETTERS[script].findall(sample)) < MIN_DECLARED_SHARE * letters


def _latin_share_holds(sample: str) -> bool:
    """A sufficient test, in C, that Latin letters are MIN_DECLARED_SHARE of the sample's: its
    ASCII letters are, even if every other character were a letter of another script (most
    pages; curly quotes and accents spare them the two regex passes)."""
    ascii_part = sample.encode("ascii", "ignore")
    ascii_letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    others = len(sample) - len(ascii_part)
    return ascii_letters * (1 - MIN_DECLARED_SHARE) >= MIN_DECLARED_SHARE * others


_ASCII_LETTERS = string.ascii_letters.encode()


def _model() -> Any:
    global _identifier
    if _identifier is None:
        _identifier = _load_identifier()
    return _identifier


def _load_identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # numpy and the model: when needed

    try:
        import numpy as np
        from py3langid.modelio import load_model

        parts = _model_parts(MODEL_DIR / MODEL_FILE, load_model)
        ptc, pc, classes, nextmove, row, output = parts
        # what LanguageIdentifier.from_model_file does with the parts
        return LanguageIdentifier(
            np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
        )
    except Exception as exc:  # a py3langid whose loader or model differs: its own way
        log.debug("language model cache not used: %s", exc)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


CACHE_ENV = "NEWSEXTRACT_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where newsextract keeps what it derives once per machine; None when turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsextract"


def _model_parts(source: Path, load_model: Callable[[Path], Sequence[Any]]) -> Sequence[Any]:
    """py3langid's ``load_model(source)``, read from the cache when it holds that model."""
    from importlib.metadata import version

    base = cache_dir()
    if base is None:
        return load_model(source)
    folder = base / f"py3langid-{version('py3langid')}-{source.stat().st_size}"
    try:
        return _read_parts(folder)
    except FileNotFoundError:
        pass  # not written yet
    except Exception as exc:  # a damaged copy (whatever numpy says of it): written anew
        log.debug("language model cache at %s not read: %s", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
    parts = load_model(source)
    try:
        _write_parts(folder, parts)
    except (OSError, ValueError) as exc:  # a read-only home, a full disk, a part numpy cannot store
        log.debug("language model cache not written at %s: %s", folder, exc)
    return parts


# How each part of the model is stored: a NumPy array as it is (mapped when read back), a
# stdlib array and a list as a NumPy array of their items (no pickle).
_MANIFEST = "parts.json"


def _write_parts(folder: Path, parts: Sequence[Any]) -> None:
    import numpy as np

    staging = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        kinds = []
        for i, part in enumerate(parts):
            if isinstance(part, np.ndarray):
                kinds.append("ndarray")
                np.save(staging / f"{i}.npy", part, allow_pickle=False)
            elif isinstance(part, array):
                kinds.append(f"array:{part.typecode}")
                np.save(staging / f"{i}.npy", np.frombuffer(part, dtype=part.typecode), allow_pickle=False)
            elif isinstance(part, list):
                kinds.append("list")
                np.save(staging / f"{i}.npy", np.asarray(part), allow_pickle=False)
            else:
                raise ValueError(f"model part {i} is a {type(part).__name__}: not cached")
        (staging / _MANIFEST).write_text(json.dumps(kinds))  # last: a folder without it is not whole
        for stale in folder.parent.glob("py3langid-*"):  # another version's model
            if stale != folder and not stale.name.endswith(".tmp"):
                shutil.rmtree(stale, ignore_errors=True)
        os.replace(staging, folder)  # another process may have won the race: its copy is as good
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _read_parts(folder: Path) -> list[Any]:
    import numpy as np

    parts: list[Any] = []
    for i, kind in enumerate(json.loads((folder / _MANIFEST).read_text())):
        stored = np.load(
            folder / f"{i}.npy", mmap_mode="r" if kind == "ndarray" else None, allow_pickle=False
        )
        if kind == "ndarray":
            parts.append(stored)
        elif kind.startswith("array:"):
            parts.append(array(kind[len("array:") :], stored.tobytes()))
        elif kind == "list":
            parts.append(stored.tolist())
        else:
            raise ValueError(f"unknown model part kind {kind!r}")
    return parts
