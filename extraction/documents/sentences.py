"""Sentences and paragraphs with character offsets, by rule (no model needed)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..lexicons import word_class
from .pubdate import parse_date


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    paragraph: int
    paragraph_start: int


#: Abbreviations whose dot does not end a sentence ("Gen.", "U.S."), lower case without the last dot.
_ABBREVIATIONS = word_class("abbreviation")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*#>])|\n(?=[A-Z][A-Z .'-]+,)")


def split_sentences(text: str) -> list[Sentence]:
    """Rule-based sentence and paragraph split with character offsets (no model needed)."""
    out: list[Sentence] = []
    breaks = sorted([(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + _header_breaks(text))
    para_starts, para_ends = [0], []
    for b_start, b_end in breaks:
        if b_start < para_starts[-1]:
            continue  # overlaps the previous break
        para_ends.append(b_start)
        para_starts.append(b_end)
    para_ends.append(len(text))
    for p, (p_start, p_end) in enumerate(zip(para_starts, para_ends, strict=True)):
        chunk = text[p_start:p_end]
        pos = 0
        for m in _BOUNDARY.finditer(chunk):
            word = re.search(r"([A-Za-z.]+)[.!?]*[\"'”’)\]]*$", chunk[pos : m.end()])
            token = word.group(1).lower().rstrip(".") if word else ""
            if token == "no" and not re.match(r"\s+\d", chunk[m.end() :]):
                token = ""  # "No." ends a sentence unless a number follows ("No. 5")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            _add_sentence(out, text, p_start + pos, p_start + m.end(), p, p_start)
            pos = m.end()
        _add_sentence(out, text, p_start + pos, p_end, p, p_start)
    return out


_HEADER_LINE = re.compile(r"^(?:#{1,6}[ \t][^\n]*|[^\n]{1,60})(\n)(?=[ \t]*\S)", re.M)


def _header_breaks(text: str) -> list[tuple[int, int]]:
    """Line ends that close a paragraph although no blank line follows: after a Markdown
    heading ("# Title") or a line holding only a date, the next line starts a new paragraph."""
    out = []
    for m in _HEADER_LINE.finditer(text):
        line = text[m.start() : m.start(1)]
        if line.startswith("#") or parse_date(line):
            out.append((m.start(1), m.end(1)))
    return out


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, paragraph: int, p_start: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, paragraph, p_start))
