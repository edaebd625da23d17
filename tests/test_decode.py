"""Bytes -> text: BOM, caller charset, <meta> declarations, and detection without any declaration."""

from __future__ import annotations

import codecs

import pytest

import newsextract
from newsextract.document import _decoded, decode_html

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


def test_valid_utf8_goes_to_the_parser_as_bytes() -> None:
    # Decoding a UTF-8 page only for Lexbor to encode it again is work for nothing.
    data = page(UK_TEXT, '<meta charset="utf-8">').encode("utf-8")
    markup, encoding = _decoded(data, None, None, utf8_as_bytes=True)
    assert markup is data and encoding == "utf-8"
    markup, _ = _decoded(codecs.BOM_UTF8 + data, None, None, utf8_as_bytes=True)
    assert markup == data  # without its byte-order mark


@pytest.mark.parametrize(
    "data",
    [
        page(UK_TEXT).encode("windows-1251"),  # not UTF-8
        page(UK_TEXT, '<meta charset="utf-8">').encode("windows-1251"),  # says UTF-8, is not
        page(RU_TEXT, '<meta charset="koi8-r">').encode("koi8-r"),  # declared otherwise
    ],
    ids=["detected", "false declaration", "declared"],
)
def test_other_pages_are_decoded_to_text_for_the_parser(data: bytes) -> None:
    markup, _ = _decoded(data, None, None, utf8_as_bytes=True)
    assert isinstance(markup, str) and markup == decode_html(data)[0]


def test_utf8_bytes_and_their_text_give_the_same_record() -> None:
    html = page(f"«{UK_TEXT}» — сказав він. {UK_TEXT}")
    from_text = newsextract.extract(html, "https://example.com/a").to_dict()
    from_bytes = newsextract.extract(html.encode("utf-8"), "https://example.com/a").to_dict()
    from_text.pop("fetched_at"), from_bytes.pop("fetched_at")
    assert from_bytes == from_text
