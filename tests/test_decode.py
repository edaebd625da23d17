"""Bytes -> text: BOM, caller charset, <meta> declarations, and detection without any declaration."""

from __future__ import annotations

import codecs

import pytest

import newsextract
from newsextract.document import decode_html

UK_TEXT = (
    "Київ вітає весну: у місті відкрили нову бібліотеку на березі Дніпра, де читачі можуть взяти книжки."
)
RU_TEXT = "Жители города собрались на площади, чтобы обсудить строительство нового моста через реку."


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><article><h1>Заголовок</h1><p>{text}</p><p>{text}</p></article></body></html>"


@pytest.mark.parametrize("text", [UK_TEXT, RU_TEXT])
def test_windows_1251_without_declaration_is_detected(text: str) -> None:
    decoded, encoding = decode_html(page(text).encode("windows-1251"))
    assert text in decoded
    assert encoding == "cp1251"


def test_utf8_without_declaration() -> None:
    decoded, encoding = decode_html(page(UK_TEXT).encode("utf-8"))
    assert UK_TEXT in decoded and encoding == "utf-8"


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="windows-1251">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    ],
)
def test_meta_declarations(head: str) -> None:
    decoded, encoding = decode_html(page(RU_TEXT, head).encode("windows-1251"))
    assert RU_TEXT in decoded and encoding == "cp1251"


def test_caller_charset_wins_over_meta() -> None:
    data = page(RU_TEXT, '<meta charset="iso-8859-5">').encode("koi8-r")
    decoded, encoding = decode_html(data, "koi8-r")
    assert RU_TEXT in decoded and encoding == "koi8-r"


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_bom_wins(bom: bytes, codec: str) -> None:
    data = bom + page(UK_TEXT, '<meta charset="windows-1251">').encode(codec)
    decoded, _ = decode_html(data)
    assert UK_TEXT in decoded


def test_declaration_that_does_not_fit_is_skipped() -> None:
    # Says UTF-8, is windows-1251: strict UTF-8 fails, detection takes over.
    decoded, encoding = decode_html(page(UK_TEXT, '<meta charset="utf-8">').encode("windows-1251"))
    assert UK_TEXT in decoded and encoding == "cp1251"


def test_unknown_charset_label_is_ignored() -> None:
    decoded, _ = decode_html(page(UK_TEXT, '<meta charset="x-no-such-charset">').encode("utf-8"))
    assert UK_TEXT in decoded


def test_extract_decodes_bytes_end_to_end() -> None:
    art = newsextract.extract(page(UK_TEXT * 2).encode("windows-1251"), "https://example.com/a")
    assert art.body[0].startswith("Київ вітає весну")
    assert art.language == "uk"
