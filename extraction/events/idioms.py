"""Idioms: fixed phrases that carry an event no single trigger word carries.

"All options are on the table" is a threat, "said no to the offer" a rejection, "a red line that
must not be crossed" a warning; none of their words is a trigger on its own. The phrases are
data, ``data/lexicons/idioms.csv`` (``phrase,event_type,target``):

* ``phrase``: lower-case lemmas separated by spaces, ``...`` for a gap of up to
  :data:`MAX_GAP` tokens ("option ... on the table" matches "all options remain on the table");
* ``event_type``: the PLOVER type;
* ``target``: where the other side is: ``clause`` (an actor in the clause that holds the
  phrase), or a preposition (the actors of its object after the phrase: ``to`` in "said no to
  Seoul's offer").

The source is the speaker when the clause is reported ("Washington said all options were on
the table"), else the nearest actor subject up the parse ("the US is keeping all options on the
table"). Negation and modality are those of the clause's verb.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .. import weights
from ..actors import Mention
from ..errors import DataFileError
from ..lexicons import lexicon_dir, word_class
from ..schema import EVENT_TYPES
from .modality import SPEECH_VERBS, is_negated, modality_of
from .phrases import MentionLookup
from .records import CodedEvent
from .roles import verb_subjects

#: A gap in a phrase, and how many tokens it may stand for.
GAP = "..."
MAX_GAP = 3
#: Words too common to tell the prefilter that a sentence may hold an idiom.
_COMMON = word_class("common_word")
#: How far up the parse the source is looked for (the clause's verb, then the verbs reporting it).
_SOURCE_STEPS = 3

class Idiom(NamedTuple):
    words: tuple[str, ...]  # lemmas, GAP for a gap
    event_type: str
    target: str  # "clause" or a preposition

    @property
    def phrase(self) -> str:
        return " ".join(self.words)

    @property
    def keyword(self) -> str:
        """The phrase's least common word (the longest one not in :data:`_COMMON`), for the prefilter."""
        content = [w for w in self.words if w != GAP and w not in _COMMON] or [w for w in self.words if w != GAP]
        return max(content, key=len)


@cache
def _load(path: Path) -> tuple[Idiom, ...]:
    if not path.exists():
        return ()  # a data folder copied before idioms existed: no idioms, not an error
    out: list[Idiom] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("phrase", "event_type", "target") if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path}: missing columns {', '.join(missing)}")
        for n, row in enumerate(reader, start=2):
            phrase = (row.get("phrase") or "").strip().lower()
            etype = (row.get("event_type") or "").strip().upper()
            target = (row.get("target") or "").strip().lower()
            if not (phrase or etype or target):
                continue
            words = tuple(phrase.split())
            if etype not in EVENT_TYPES:
                raise DataFileError(f"{path}:{n}: unknown event type {etype!r}")
            if not words or GAP in (words[0], words[-1]) or f"{GAP} {GAP}" in " ".join(words):
                raise DataFileError(f"{path}:{n}: a phrase needs words, and a gap ('{GAP}') only between two words")
            if not target or " " in target:
                raise DataFileError(f"{path}:{n}: target must be 'clause' or one preposition, not {target!r}")
            out.append(Idiom(words, etype, target))
    return tuple(out)


def idioms() -> tuple[Idiom, ...]:
    """The idioms of ``<data dir>/lexicons/idioms.csv``, in file order (none when the file is absent).

    Raises :class:`~extraction.errors.DataFileError` naming the file and line of a bad row.
    """
    return _load(lexicon_dir() / "idioms.csv")


def keywords() -> frozenset[str]:
    """One word of each idiom (lemma), so that the sentence prefilter lets its sentences through."""
    return frozenset(i.keyword for i in idioms())


def _matches(words: tuple[str, ...], tokens: list) -> Iterator[tuple[int, int]]:
    """(first, last) positions in ``tokens`` of each match of ``words``."""

    def word_at(k: int, word: str) -> bool:
        return tokens[k].lemma_.lower() == word or tokens[k].lower_ == word

    def rest(w: int, k: int) -> int | None:  # position of the last token matching words[w:] from k on
        if w == len(words):
            return k - 1
        if words[w] == GAP:
            for skip in range(MAX_GAP + 1):
                if k + skip < len(tokens) and word_at(k + skip, words[w + 1]):
                    end = rest(w + 2, k + skip + 1)
                    if end is not None:
                        return end
            return None
        if k < len(tokens) and word_at(k, words[w]):
            return rest(w + 1, k + 1)
        return None

    for start in range(len(tokens)):
        end = rest(0, start)
        if end is not None:
            yield start, end


def _verb_above(tok):
    """The nearest verb at or above ``tok`` in the parse, or None."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _sources(verb, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS:
        found = verb_subjects(verb.head, mentions_of)[0]  # a reported clause: the speaker
        if found:
            return found
    cur = verb
    for _ in range(_SOURCE_STEPS):
        found = verb_subjects(cur, mentions_of)[0]
        if found:
            return found
        above = _verb_above(cur.head) if cur.head != cur else None
        if above is None:
            return []
        cur = above
    return []


def _targets(idiom: Idiom, verb, span: range, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    if idiom.target == "clause":
        clause = [t for t in verb.subtree if t.i not in span]
        return [(m, weights.CLAIM_TARGET) for t in clause for m in mentions_of(t)]
    for t in verb.subtree:  # "said no to Seoul's offer": the object of the preposition after the phrase
        if t.dep_ in ("prep", "dative") and t.lower_ == idiom.target and t.i >= span.start:
            objects = [d for p in t.children if p.dep_ == "pobj" for d in p.subtree]  # "no to talks with Seoul"
            return [(m, weights.TRIGGER_PREPOSITION) for d in objects for m in mentions_of(d)]
    return []


def idiom_events(sent, mentions_of: MentionLookup) -> Iterator[CodedEvent]:
    """Events carried by the idioms of :func:`idioms` in one parsed sentence.

    Only sentences that name the other side give a row: the article's established counterpart
    is no safe guess for a threat ("Trump said every option remained under consideration" after
    a paragraph on Trump and Abe is not aimed at Japan).
    """
    tokens = list(sent)
    present = {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}
    for idiom in idioms():
        if not all(w in present for w in idiom.words if w != GAP):
            continue  # a word of the phrase is missing: no match anywhere
        for first, last in _matches(idiom.words, tokens):
            span = range(tokens[first].i, tokens[last].i + 1)
            verb = _verb_above(tokens[first])
            if verb is None:
                continue
            sources = _sources(verb, mentions_of)
            if not sources:
                continue
            own = {m.actor for m, _ in sources}
            targets = [(m, w) for m, w in _targets(idiom, verb, span, mentions_of) if m.actor not in own]
            text = tokens[first].doc[span.start : span.stop].text
            for src, ws in sources:
                for tgt, wt in targets:
                    yield CodedEvent(
                        src, tgt, idiom.event_type, EVENT_TYPES[idiom.event_type][1], text, tokens[first].idx,
                        is_negated(verb), modality_of(verb), round(ws * wt * src.confidence * tgt.confidence, 2),
                        idiom.phrase,
                    )  # fmt: skip
