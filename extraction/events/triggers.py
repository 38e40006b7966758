"""The trigger lexicon (``data/triggers.csv``): which words carry which PLOVER event type.

Each row maps a verb or noun lemma to a PLOVER type and says where the target is found
(``slots``: ``obj``, ``dative``, a preposition such as ``with``, ``to``, ``on``, ``between``,
``ccomp``, ``cond`` or ``speaker``), whether the event is symmetric (meetings, joint agreements:
rows both ways), whether the roles are reversed ("Tokyo hosted Yoon": the visitor is the source),
and an optional ``cue``: lemmas one of which must modify the trigger or be its object
("withdraw troops", "war games", "export controls").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ..config import data_dir
from ..constants import MONTH_NAMES, WEEKDAY_NAMES
from ..errors import DataFileError
from ..lexicons import irregular_forms
from ..schema import EVENT_TYPES

#: Slots in the trigger lexicon that are not prepositions.
NON_PREPOSITION_SLOTS = frozenset({"obj", "dative", "between", "ccomp", "speaker", "cond"})


class Trigger(NamedTuple):
    lemma: str
    particle: str
    pos: str  # VERB, NOUN or ADJ
    event_type: str
    slots: tuple[str, ...]
    symmetric: bool
    reverse: bool
    cue: frozenset[str]
    intensity: float | None



#: Parts of speech a trigger may have: verbs, their nominalisations, and predicate adjectives
#: ("China was dissatisfied with", "Tokyo is willing to").
TRIGGER_POS: tuple[str, ...] = ("VERB", "NOUN", "ADJ")


def trigger_pos(tok) -> str:
    """The lexicon part of speech a token is looked up under, or ""."""
    if tok.pos_ in ("VERB", "AUX"):
        return "ADJ" if tok.dep_ == "acomp" else "VERB"  # "was disappointed" (tagged VERB)
    if tok.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return "ADJ" if tok.pos_ == "ADJ" else ""


def is_passive_participle(tok) -> bool:
    """``tok`` is a past participle with its own passive auxiliary: "Washington was disappointed by Seoul"."""
    return tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)


def lookup_pos(tok) -> tuple[str, ...]:
    """The parts of speech a token is looked up under, in order.

    A passive participle is tried as a predicate adjective first ("was disappointed with",
    "is opposed to", parsed as passive verbs), then as a verb ("was accused by").
    """
    pos = trigger_pos(tok)
    if pos == "VERB" and is_passive_participle(tok):
        return ("ADJ", "VERB")
    return (pos,) if pos else ()


# --------------------------------------------------------------------------- lexicon


@dataclass
class TriggerLexicon:
    triggers: list[Trigger]
    _index: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> TriggerLexicon:
        path = Path(path) if path else data_dir() / "triggers.csv"
        if not path.exists():
            raise DataFileError(f"missing trigger lexicon {path}")
        triggers = []
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            for col in ("lemma", "pos", "event_type", "slots"):
                if col not in (reader.fieldnames or []):
                    raise DataFileError(f"{path}: missing column {col!r}")
            for n, row in enumerate(reader, start=2):
                lemma = (row.get("lemma") or "").strip().lower()
                if not lemma:
                    continue
                etype = (row.get("event_type") or "").strip().upper()
                if etype not in EVENT_TYPES:
                    raise DataFileError(f"{path}:{n}: unknown event type {etype!r}")
                pos = (row.get("pos") or "").strip().upper()
                if pos not in TRIGGER_POS:
                    raise DataFileError(f"{path}:{n}: pos must be VERB, NOUN or ADJ, not {pos!r}")
                word, _, particle = lemma.partition(" ")
                intensity = (row.get("intensity") or "").strip()
                try:
                    value = float(intensity) if intensity else None
                except ValueError as exc:
                    raise DataFileError(f"{path}:{n}: bad intensity {intensity!r}") from exc
                triggers.append(
                    Trigger(
                        word,
                        particle,
                        pos,
                        etype,
                        tuple((row.get("slots") or "").split()),
                        _yes(row.get("symmetric")),
                        _yes(row.get("reverse")),
                        frozenset(c for c in (row.get("cue") or "").lower().split("|") if c),
                        value,
                    )
                )
        return cls(triggers)

    @cached_property
    def index(self) -> dict[tuple[str, str], list[Trigger]]:
        index: dict[tuple[str, str], list[Trigger]] = {}
        for t in self.triggers:
            index.setdefault((t.lemma, t.pos), []).append(t)
        for rows in index.values():
            rows.sort(key=lambda t: (not t.cue, not t.particle))  # specific rows first
        return index

    @cached_property
    def surface_forms(self) -> frozenset[str]:
        """Lower-case word forms of every trigger, for the cheap sentence prefilter.

        (The pipeline's prefilter adds the words of reported claims and idioms, which no lexicon
        row carries: see ``Extractor._may_hold_event``.)
        """
        forms: set[str] = set()
        for t in self.triggers:
            forms |= inflections(t.lemma, t.pos)
        return frozenset(forms)

    @cached_property
    def cued_forms(self) -> dict[str, frozenset[str]]:
        """Word forms whose every trigger row needs a cue -> the word forms of those cues.

        "put" counts only beside "off", "pressure", ...: a sentence holding the form but none of
        its cues cannot carry that trigger, so the prefilter need not send it to the parser.
        """
        needs: dict[str, set[str]] = {}
        free: set[str] = set()
        for t in self.triggers:
            for form in inflections(t.lemma, t.pos):
                if not t.cue and not t.particle:
                    free.add(form)
                else:
                    cues = needs.setdefault(form, set())
                    for cue in t.cue:
                        cues |= inflections(cue, "NOUN") | inflections(cue, "VERB")
                    if t.particle:
                        cues.add(t.particle)
        return {form: frozenset(cues) for form, cues in needs.items() if form not in free}

    def forms_of_types(self, types: frozenset[str], pos: tuple[str, ...] = ("VERB", "ADJ")) -> frozenset[str]:
        """Word forms of the triggers of ``types`` with one of the parts of speech ``pos``."""
        return frozenset(f for t in self.triggers if t.event_type in types and t.pos in pos for f in inflections(t.lemma, t.pos))

    @cached_property
    def form_pattern(self) -> re.Pattern[str]:
        return re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def _yes(value: str | None) -> bool:
    return (value or "").strip().lower() in {"yes", "true", "1", "y"}


def inflections(lemma: str, pos: str) -> set[str]:
    """Over-generated word forms of a lemma (cheap, no model): used only to prefilter.

    A noun has only its plurals ("accord" gives no "according").
    """
    if pos == "NOUN":
        forms = {lemma, lemma + "s", lemma + "es"}
        if lemma.endswith("y"):
            forms.add(lemma[:-1] + "ies")
        return forms | {f for f in irregular_forms().get(lemma, frozenset()) if not f.endswith("ing")}
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    forms |= irregular_forms().get(lemma, frozenset())
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if pos == "NOUN" and lemma.endswith(("s", "sh", "ch", "x")):
        forms.add(lemma + "es")
    return forms


_CALENDAR = frozenset((*MONTH_NAMES, *WEEKDAY_NAMES))


def sentence_has_trigger(text: str, lexicon: TriggerLexicon) -> bool:
    """Cheap prefilter: does the text contain a word form of a trigger (and, for triggers that need
    a cue, one of its cues)?"""
    forms, cued = lexicon.surface_forms, lexicon.cued_forms
    words = {w.lower() for w in lexicon.form_pattern.findall(text) if w not in _CALENDAR}  # "March" is no march
    for w in words & forms:
        cues = cued.get(w)
        if cues is None or cues & words:
            return True
    return False


def lemma_keys(tok) -> tuple[str, ...]:
    """The keys a token is looked up by in the lexicon: its lemma, then its lower-case form."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    return (lemma, lower) if lemma != lower else (lemma,)
