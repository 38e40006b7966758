"""Generators of hostile input files, shared by the reader, store, CLI, GDELT and app tests.

Each returns the file's bytes (or writes it) at the size the issue reported, or at a size given
by the test (just over a bound the test lowers through its setting), so that tests stay fast.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

GOOD_ARTICLE = (
    "Japan protests to China\n\n11 September 2022\n\n"
    "Japan lodged a protest with China on Monday over the ships near the islands.\n"
)


def deep_json_array(depth: int = 100_000) -> bytes:
    """``[`` repeated: a RecursionError in ``json.loads``."""
    return b"[" * depth


def deep_json_object(depth: int = 100_000) -> bytes:
    """``{"a":`` repeated, closed: objects inside objects."""
    return b'{"a":' * depth + b"1" + b"}" * depth


def deep_json_in_a_record(depth: int = 100_000) -> bytes:
    """A good record whose ``title`` is an array nested ``depth`` deep."""
    return b'{"text": "Japan lodged a protest with China.", "title": ' + b"[" * depth + b"]" * depth + b"}"


def jsonl_with_a_deep_line(depth: int = 100_000) -> bytes:
    """Three JSON Lines: good, nested ``depth`` deep, good."""
    return (
        b'{"id": "first", "text": "Japan lodged a protest with China."}\n'
        + b"[" * depth
        + b'\n{"id": "third", "text": "Seoul imposed sanctions on Russia."}\n'
    )


def long_number_json(digits: int = 5000) -> bytes:
    """A record whose ``id`` is an integer too long for Python to convert (over 4,300 digits)."""
    return b'{"id": ' + b"7" * digits + b', "text": "Japan lodged a protest with China."}'


def surrogate_json() -> bytes:
    """Lone UTF-16 surrogates in a record's text and title: no UTF-8 file or database can hold them."""
    return b'{"title": "Bad \\ud800 title", "text": "Japan lodged a protest \\udc00 with China."}'


def long_line_text(chars: int = 1_800_000) -> bytes:
    """One line of ``chars`` characters without a sentence end, starting with a relation: longer
    than spaCy's ``nlp.max_length`` (1,000,000) when ``chars`` is the reported 1.8 million."""
    relation = "Japan lodged a protest with China and "
    filler = "the talks went on through the night and "
    body = relation + filler * ((chars - len(relation)) // len(filler) + 1)
    return body[:chars].encode("ascii")


def punctuation_run(n: int = 40_000, mark: str = '"') -> bytes:
    """An article with a run of ``n`` punctuation marks in the middle of a sentence with a relation."""
    return (
        "Protest\n\nJapan lodged a protest with China on Monday " + mark * n + " after the ships came.\n"
    ).encode()


def gdelt_zip_with_long_line(
    path: Path, line_bytes: int, *, before: list[str] = (), after: list[str] = ()
) -> Path:
    """A zip whose member holds the lines ``before``, one line of ``line_bytes`` bytes, and the lines
    ``after``. Written in chunks, so that making a big one takes little memory."""
    chunk = b"x\t" * 32768
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf, zf.open(
        "20160713000000.export.CSV", "w", force_zip64=True
    ) as member:
        for line in before:
            member.write(line.encode() + b"\n")
        left = line_bytes
        while left > 0:
            piece = chunk[: min(left, len(chunk))]
            member.write(piece)
            left -= len(piece)
        member.write(b"\n")
        for line in after:
            member.write(line.encode() + b"\n")
    return path
