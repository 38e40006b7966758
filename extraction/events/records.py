"""The record the events stage yields for one parsed sentence."""

from __future__ import annotations

from typing import NamedTuple

from ..actors import Mention


class CodedEvent(NamedTuple):
    """One coded event in a sentence: actors as mentions, the trigger, negation, modality, confidence.

    The pipeline turns it into an :class:`~extraction.schema.EventMention` row by adding the
    document, the sentence and the event date.
    """

    source: Mention
    target: Mention
    event_type: str
    intensity: float
    trigger: str  # trigger word(s) as in the text
    trigger_start: int  # char offset of the trigger in the sentence text
    negated: bool
    modality: str
    confidence: float
    lemma: str = ""  # trigger lemma, for event coreference ("condemned the drills")
