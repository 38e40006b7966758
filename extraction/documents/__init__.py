"""Stage 1: reading documents and splitting them into sentences.

* :mod:`.formats`: input files -> :class:`Document` records (entry point :func:`read_inputs`);
* :mod:`.decoding`: bytes -> text;
* :mod:`.pubdate`: publication dates in metadata, date lines and datelines;
* :mod:`.sentences`: sentences and paragraphs with character offsets (:func:`split_sentences`).
"""

from __future__ import annotations

from .decoding import decode_bytes
from .formats import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    Document,
    iter_paths,
    parse_html,
    parse_plain,
    parse_records,
    read_bytes,
    read_inputs,
)
from .pubdate import find_date, parse_date, parse_date_or_problem
from .sentences import Sentence, split_sentences

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Document",
    "Sentence",
    "decode_bytes",
    "find_date",
    "iter_paths",
    "parse_date",
    "parse_date_or_problem",
    "parse_html",
    "parse_plain",
    "parse_records",
    "read_bytes",
    "read_inputs",
    "split_sentences",
]
