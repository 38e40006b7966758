"""Bytes -> text: BOMs, UTF-8, UTF-16 and single-byte encodings; empty and binary files refused."""

from __future__ import annotations

import re

from ..errors import InputProblem

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Control characters that do not occur in text files (tab, newlines, form feed excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes -> text, detecting the encoding; InputProblem for empty/binary/undecodable.

    UTF-8 (with or without BOM) is tried first, then UTF-16 (BOM or NUL pattern), then
    :mod:`charset_normalizer`; among equally good single-byte guesses cp1252 wins, the
    usual encoding of English text that is not UTF-8.
    """
    if not data.strip() or data in _BOMS:
        raise InputProblem(f"{name}: file is empty")
    text = _decode(data, name)
    if not text.strip():
        raise InputProblem(f"{name}: file is empty")
    if len(_CONTROL.findall(text[:8192])) > max(2, len(text[:8192]) // 100):
        raise InputProblem(f"{name}: looks like a binary file, not text")
    return text.lstrip("\ufeff")


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputProblem(f"{name}: cannot decode the text as UTF-16 ({exc.reason})") from exc
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if zeros.count(0) > 0.9 * len(zeros):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    break
        raise InputProblem(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise InputProblem(f"{name}: not UTF-8 and no other text encoding fits (binary file?)")
    if best.encoding != "cp1252":
        for match in results:
            if (
                match.encoding == "cp1252"
                and match.chaos <= best.chaos + 0.005
                and match.coherence >= best.coherence - 0.005
            ):
                best = match
                break
    return str(best)
