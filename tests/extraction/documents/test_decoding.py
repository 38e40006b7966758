"""Bytes -> text: encodings (cp1252, Shift-JIS, EUC-KR, UTF-16), BOMs, empty and binary files."""

from __future__ import annotations

import pytest

from extraction.documents import (
    decode_bytes,
)
from extraction.errors import InputProblem

# --------------------------------------------------------------------------- decoding

CP1252_TEXT = "Caf\u00e9 talks \u2014 the minister\u2019s \u201cna\u00efve\u201d plan.\n"
SJIS_TEXT = "\u65e5\u97d3\u9996\u8133\u4f1a\u8ac7\u304c\u6771\u4eac\u3067\u958b\u304b\u308c\u307e\u3057\u305f\u3002\n"
KOREAN_TEXT = "\ud55c\uc77c \uc815\uc0c1\ud68c\ub2f4\uc774 \ub3c4\ucfc4\uc5d0\uc11c \uc5f4\ub838\ub2e4.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Plain ASCII.\n", "Plain ASCII.\n"),
        ("\ufeffWith a BOM \u2014 UTF-8.\n".encode(), "With a BOM \u2014 UTF-8.\n"),
        (CP1252_TEXT.encode("cp1252"), CP1252_TEXT),
        (SJIS_TEXT.encode("shift_jis"), SJIS_TEXT),
        (KOREAN_TEXT.encode("euc_kr"), KOREAN_TEXT),
        ("\ufeffUTF-16 with a BOM.\n".encode("utf-16-le"), "UTF-16 with a BOM.\n"),
        ("UTF-16 without a BOM, little endian.\n".encode("utf-16-le"), "UTF-16 without a BOM, little endian.\n"),
        ("UTF-16 without a BOM, big endian.\n".encode("utf-16-be"), "UTF-16 without a BOM, big endian.\n"),
    ],
    ids=["ascii", "utf8-bom", "cp1252", "shift-jis", "euc-kr", "utf16-bom", "utf16le", "utf16be"],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "f.txt") == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "[E001] f.txt: file is empty"),
        (b"  \n\t\r\n", "[E001] f.txt: file is empty"),
        (b"\xef\xbb\xbf", "[E001] f.txt: file is empty"),
        (b"\xef\xbb\xbf \n", "[E001] f.txt: file is empty"),
        (b"\xff\xfe", "[E001] f.txt: file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "[E001] f.txt: looks like a binary file, not text"),
        (b"text\x01\x02\x03\x04\x05\x06\x07\x08 and control bytes", "[E001] f.txt: looks like a binary file, not text"),
    ],
    ids=["empty", "whitespace", "bom-only", "bom-and-space", "utf16-bom-only", "png", "control-bytes"],
)
def test_decode_bytes_problems(data: bytes, message: str) -> None:
    with pytest.raises(InputProblem) as info:
        decode_bytes(data, "f.txt")
    assert str(info.value) == message
