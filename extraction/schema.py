"""Record types, the relation table's columns and the event ontology.

This module is the single place that defines what a relation row looks like.
Everything else (CLI, dashboard, store, evaluation) imports from here.
"""

from __future__ import annotations

from typing import NamedTuple

QUAD_CLASSES: tuple[str, ...] = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)

#: PLOVER event type -> (quad class, default intensity on the -10..+10 scale).
EVENT_TYPES: dict[str, tuple[str, float]] = {
    "AGREE": ("verbal cooperation", 2.5),
    "CONSULT": ("verbal cooperation", 2.5),
    "SUPPORT": ("verbal cooperation", 5.0),
    "CONCEDE": ("verbal cooperation", 4.5),
    "COOPERATE": ("material cooperation", 9.5),
    "AID": ("material cooperation", 10.0),
    "RETREAT": ("material cooperation", 6.5),
    "REQUEST": ("verbal conflict", 0.0),
    "ACCUSE": ("verbal conflict", -3.0),
    "REJECT": ("verbal conflict", -2.0),
    "THREATEN": ("verbal conflict", -3.5),
    "PROTEST": ("material conflict", -5.0),
    "SANCTION": ("material conflict", -6.0),
    "MOBILIZE": ("material conflict", -5.5),
    "COERCE": ("material conflict", -7.0),
    "ASSAULT": ("material conflict", -9.0),
}

MODALITIES: tuple[str, ...] = ("asserted", "intended", "hypothetical")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "doc")


class EventMention(NamedTuple):
    """One event mention (GDELT/ICEWS term): a directed relation as one sentence states it; a row of the relation table."""

    doc_id: str
    doc_title: str
    doc_date: str  # ISO date or ""
    doc_url: str
    sentence_id: int
    sentence: str
    sentence_start: int  # character offset of the sentence in the document text
    sentence_end: int
    source: str  # actor code, e.g. "USA"
    source_text: str
    target: str
    target_text: str
    event_type: str  # one of EVENT_TYPES
    quad_class: str
    intensity: float
    trigger: str
    event_date: str  # ISO date (YYYY-MM-DD) or ""
    date_precision: str  # one of DATE_PRECISIONS
    negated: bool
    modality: str  # one of MODALITIES
    confidence: float  # 0..1


#: Column order of the relation table (the fields of :class:`EventMention`). The single source of truth.
COLUMNS: tuple[str, ...] = EventMention._fields
