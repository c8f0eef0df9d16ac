"""Bytes to text: byte-order marks, legacy encodings (Korean CP949 first of all), and non-text."""

from __future__ import annotations

import codecs

import pytest

from newsdesk.errors import IngestError
from newsdesk.ingest.decode import decode_text, looks_binary
from newsdesk.model import RawDocument
from tests.conftest import FIXTURES, TEXTPAGE_SEED

KOREAN_CP949 = FIXTURES / "text" / "korean_cp949.txt"
KOREAN_TITLE = "한국은행, 기준금리 연 3.50%로 동결"


def decode(content: bytes, origin: str = "input.txt") -> str:
    return decode_text(RawDocument(content=content, origin=origin))


def refusal(content: bytes) -> str:
    with pytest.raises(IngestError) as caught:
        decode(content, "input.txt")
    assert caught.value.origin == "input.txt"
    return caught.value.reason


def test_utf8_is_read_as_is() -> None:
    text = TEXTPAGE_SEED.read_text("utf-8")
    assert decode(TEXTPAGE_SEED.read_bytes()) == text
    assert "—" in text  # the seed holds non-ASCII, so a wrong decoding would show


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_picks_the_encoding_and_is_dropped(bom: bytes, encoding: str) -> None:
    text = "북한 반미 교양 — Seoul “bolsters” ties\n"
    assert decode(bom + text.encode(encoding)) == text


def test_the_cp949_korean_page_decodes_to_korean() -> None:
    content = KOREAN_CP949.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")  # the fixture really is not UTF-8
    text = decode(content, str(KOREAN_CP949))
    assert text.splitlines()[0] == KOREAN_TITLE
    assert text == content.decode("cp949")
    assert "금융통화위원회는" in text


def test_euc_kr_korean_decodes_to_korean() -> None:
    text = KOREAN_CP949.read_bytes().decode("cp949")
    assert decode(text.encode("euc-kr")) == text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "cp1252",
            "Le président a déclaré mercredi que la réforme des retraites serait présentée à "
            "l'Assemblée nationale avant l'été, malgré l'opposition des syndicats. « Nous irons "
            "jusqu'au bout », a-t-il ajouté.",
        ),
        (
            "shift_jis",
            "北朝鮮は十三日、日本海に向けて弾道ミサイルを発射したと韓国軍合同参謀本部が発表した。"
            "防衛省によると、ミサイルは日本の排他的経済水域の外に落下したとみられる。",
        ),
        (
            "koi8-r",
            "Министерство иностранных дел России заявило в среду, что переговоры с Северной "
            "Кореей о сотрудничестве в области энергетики продолжатся в следующем месяце.",
        ),
    ],
)
def test_other_legacy_encodings_are_recognised(encoding: str, text: str) -> None:
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t ", b"\n"])
def test_empty_input_is_refused(content: bytes) -> None:
    assert refusal(content) == "input is empty"


def test_binary_junk_is_refused() -> None:
    junk = (FIXTURES / "bad" / "photo.txt").read_bytes()
    assert refusal(junk) == "input is binary data, not text"


def test_a_broken_utf16_text_is_refused_with_its_encoding_named() -> None:
    reason = refusal(
        codecs.BOM_UTF16_LE + "Seoul".encode("utf-16-le") + b"\x00\xd8"
    )  # lone surrogate
    assert reason.startswith("input could not be decoded as utf-16")
    assert "\n" not in reason


def test_looks_binary() -> None:
    assert looks_binary(b"text with a NUL\x00 in it")
    assert looks_binary(bytes(range(1, 32)) * 4)
    assert not looks_binary(b"plain text\twith tabs\r\nand a form feed\x0c and an escape \x1b[0m")
    assert not looks_binary("한국어 텍스트".encode("cp949"))
    assert not looks_binary(b"")
