"""Sentences and paragraphs with character offsets, by rule (no model needed).

What reaches the parser is bounded, so that hostile text costs time linear in its length:
a sentence is at most ``RELDASH_MAX_SENTENCE_CHARS`` long (a longer one is cut at whitespace,
always well under spaCy's ``nlp.max_length``), and a run without whitespace longer than
``RELDASH_MAX_TOKEN_CHARS`` (40,000 quote marks, say: spaCy's tokenizer strips affixes from
such a run in quadratic time) is taken out of its sentence and cut into pieces of that length,
each a "sentence" of its own. Real sentences are far shorter (the longest in the demo and
held-out corpora is under 1,000 characters, the longest word 26).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from .. import config
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
# Possessive quantifiers and the look-behind (only the start of a run of marks is tried) keep
# the search linear on long runs of "!!!!" or "....".
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# The word before a sentence-final mark, searched for in a short window before it.
_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?]*[\"'”’)\]]*$")
_WINDOW = 40  # longer than any abbreviation
_NUMBER_AHEAD = re.compile(r"\s+\d")
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
            token = _word_before(chunk, pos, m)
            if token == "no" and not _NUMBER_AHEAD.match(chunk, m.end()):
                token = ""  # "No." ends a sentence unless a number follows ("No. 5")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            _add_bounded(out, text, p_start + pos, p_start + m.end(), p, p_start)
            pos = m.end()
        _add_bounded(out, text, p_start + pos, p_end, p, p_start)
    return out


def _word_before(chunk: str, pos: int, m: re.Match[str]) -> str:
    """The word that the sentence-final marks ``m`` follow, lower case without its last dot
    ("" when there is none, or when it is longer than the window and so no abbreviation)."""
    if m.end() - m.start() > 8:
        return ""  # "!!!!!!!!!": no abbreviation ends like that
    low = max(pos, m.start() - _WINDOW)
    word = _LAST_WORD.search(chunk, low, m.end())
    if word is None:
        return ""
    if word.start() == low and low > pos and chunk[low - 1] in _WORD_CHARS:
        return ""  # the word goes on before the window
    return word.group(1).lower().rstrip(".")


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


@functools.lru_cache(maxsize=8)
def _long_run(limit: int) -> re.Pattern[str]:
    """A run without whitespace longer than ``limit``: only run starts are tried, so finding them is linear."""
    return re.compile(rf"(?<!\S)\S{{{limit + 1},}}")


def bounded_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` as pieces the parser can take in linear time: runs without whitespace
    longer than :func:`config.max_token_chars` on their own, cut into pieces of that length; the
    rest cut at whitespace into pieces of at most :func:`config.max_sentence_chars`."""
    max_sentence = config.max_sentence_chars()
    max_token = config.max_token_chars()
    if end - start <= max_token:
        yield start, end
        return
    pos = start
    for run in _long_run(max_token).finditer(text, start, end):
        yield from _cut_at_whitespace(text, pos, run.start(), max_sentence)
        for piece in range(run.start(), run.end(), max_token):
            yield piece, min(piece + max_token, run.end())
        pos = run.end()
    yield from _cut_at_whitespace(text, pos, end, max_sentence)


def _cut_at_whitespace(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Pieces of at most ``limit`` characters, cut after the last whitespace that fits (the text
    holds no run without whitespace longer than the token bound, which is below ``limit``)."""
    while end - start > limit:
        cut = start + limit
        while cut > start and not text[cut - 1].isspace():
            cut -= 1
        if cut == start:  # cannot happen for text from bounded_pieces; cut hard all the same
            cut = start + limit
        yield start, cut
        start = cut
    if end > start:
        yield start, end


def _add_bounded(out: list[Sentence], text: str, start: int, end: int, paragraph: int, p_start: int) -> None:
    for a, b in bounded_pieces(text, start, end):
        _add_sentence(out, text, a, b, paragraph, p_start)


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
