import codecs

import pytest

from newsint.ingest.encoding import binary_kind, decode

RUSSIAN = "Украинские военные заявили, что продолжают оборону города и не собираются отступать."
UKRAINIAN = "Українські військові заявили, що продовжують оборону міста і не збираються відступати."
FRENCH = "Les forces ukrainiennes ont déclaré qu'elles défendraient la ville coûte que coûte, à l'été."


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (UKRAINIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (FRENCH, "latin-1", None),
        (RUSSIAN, "utf-8", "utf-8"),
    ],
)
def test_code_pages_are_detected(text: str, encoding: str, expected: str | None) -> None:
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    if expected:
        assert decoded.encoding == expected


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_byte_order_marks_win(encoding: str) -> None:
    assert decode(RUSSIAN.encode(encoding)).text == RUSSIAN


def test_utf16_without_bom_is_recognised() -> None:
    assert decode("Kyiv said on Tuesday".encode("utf-16-le")).text == "Kyiv said on Tuesday"
    assert binary_kind("Kyiv said on Tuesday".encode("utf-16-be")) is None


def test_wrong_declaration_loses_to_the_bytes() -> None:
    assert decode(RUSSIAN.encode("cp1251"), declared="utf-8").text == RUSSIAN
    assert decode(FRENCH.encode("utf-8"), declared="iso-8859-1").text == FRENCH


def test_binary_formats_are_named() -> None:
    assert binary_kind(b"%PDF-1.7\n...") == "PDF document"
    assert binary_kind(b"\x89PNG\r\n\x1a\n") == "PNG image"
    assert binary_kind(b"abc\x00\x01\x02def\x00") == "binary data"
    assert binary_kind(codecs.BOM_UTF16_LE + "text".encode("utf-16-le")) is None
