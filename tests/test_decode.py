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


ASCII_PAGE = (
    "<html><head>{head}<title>t</title></head><body><article><h1>Later in Los Angeles</h1>"
    + "<p>Lorem notes: the harbour reopened on Monday, and the ferries run again on time.</p>" * 3
    + "</article></body></html>"
)


@pytest.mark.parametrize("label", ["utf-16", "utf-16-le", "UTF-16BE", "utf-32", "cp037", "IBM037", "cp500"])
def test_a_meta_declaration_the_ascii_bytes_contradict_is_not_obeyed(label: str) -> None:
    data = ASCII_PAGE.format(head=f'<meta charset="{label}">').encode("ascii")
    notes: list[str] = []
    markup, encoding = _decoded(data, None, None, utf8_as_bytes=True, notes=notes)
    assert markup == data and encoding == "utf-8"
    assert len(notes) == 1 and "contradict the page's <meta> charset" in notes[0]


@pytest.mark.parametrize("label", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp037", "cp500"])
@pytest.mark.parametrize("pad", ["", " "])  # an even and an odd number of bytes
def test_a_caller_declaration_the_ascii_bytes_contradict_is_not_obeyed(label: str, pad: str) -> None:
    art = newsextract.extract((ASCII_PAGE.format(head="") + pad).encode("ascii"), encoding=label)
    assert art.title == "Later in Los Angeles"
    assert any("contradict the caller's encoding" in w for w in art.warnings)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "cp037", "cp500"])
def test_a_declaration_the_bytes_bear_out_is_obeyed(codec: str) -> None:
    """UTF-16 without a BOM shows its NUL pattern, EBCDIC its byte profile: both are read as declared."""
    data = ASCII_PAGE.format(head="").encode(codec)
    art = newsextract.extract(data, encoding=codec)
    assert art.title == "Later in Los Angeles"
    assert not any(w.startswith("charset:") for w in art.warnings)


FRENCH = "Le café où l'équipe a célébré la victoire était plein à craquer, raconte le patron."


def french_page(head: str) -> str:
    return f"<html><head>{head}<title>t</title></head><body><article><h1>Fête</h1><p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>"


def test_a_legacy_declaration_on_valid_utf8_bytes_gives_way_to_utf8() -> None:
    data = french_page('<meta charset="iso-8859-1">').encode("utf-8")
    notes: list[str] = []
    markup, encoding = _decoded(data, None, None, utf8_as_bytes=False, notes=notes)
    assert FRENCH in markup and encoding == "utf-8"
    assert notes == ["charset: declared iso-8859-1, but the bytes are UTF-8; read as UTF-8"]
    art = newsextract.extract(data, encoding="iso-8859-1")
    assert "café où l'équipe" in art.body[0]


def test_a_legacy_declaration_on_legacy_bytes_is_obeyed() -> None:
    data = french_page('<meta charset="iso-8859-1">').encode("windows-1252")
    notes: list[str] = []
    decoded, encoding = _decoded(data, None, None, utf8_as_bytes=False, notes=notes)
    assert FRENCH in decoded and encoding == "cp1252" and notes == []


def test_a_utf8_page_with_a_few_stray_bytes_stays_utf8() -> None:
    # A Windows curly quote (0x92) and an en dash (0x96) pasted into a UTF-8 page.
    data = page(UK_TEXT, '<meta charset="utf-8">').encode("utf-8").replace(b"</h1>", b"</h1>It\x92s \x96 ok")
    notes: list[str] = []
    decoded, encoding = _decoded(data, None, None, utf8_as_bytes=False, notes=notes)
    assert UK_TEXT in decoded and "It\ufffds \ufffd ok" in decoded and encoding == "utf-8"
    assert notes == ["charset: 2 invalid UTF-8 sequences in a page declared UTF-8; replaced"]


def test_a_page_that_only_says_utf8_is_read_in_its_own_charset() -> None:
    # Stray bytes everywhere and no valid UTF-8 beyond ASCII: the declaration is false as a whole.
    data = french_page('<meta charset="utf-8">').encode("windows-1252")
    decoded, encoding = decode_html(data)
    assert FRENCH in decoded and encoding != "utf-8"


def test_a_seven_bit_declaration_on_ascii_bytes_is_obeyed() -> None:
    text = "東京の港は月曜日に再開され、フェリーが再び運航しています。"
    data = page(text, '<meta charset="iso-2022-jp">').encode("iso-2022-jp")
    assert data.isascii()
    decoded, encoding = decode_html(data)
    assert text in decoded and encoding == "iso2022_jp"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_declared_without_byte_order_or_bom_are_read_in_the_bytes_order(codec: str) -> None:
    data = ASCII_PAGE.format(head="").encode(codec)
    art = newsextract.extract(data, encoding=codec[:6])
    assert art.title == "Later in Los Angeles"
