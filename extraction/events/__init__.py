"""Stage 3: events and roles from the dependency parse.

* :mod:`.triggers`: the trigger lexicon (``data/triggers.csv``) and the cheap prefilter;
* :mod:`.phrases`: the actors a noun phrase stands for;
* :mod:`.roles`: source and target of one trigger;
* :mod:`.nouns`: event nouns and the article's event memory ("condemned the drills");
* :mod:`.modality`: negation and modality;
* :mod:`.claims`: reported accusations and obligations;
* :mod:`.idioms`: fixed phrases that carry an event no single word carries (``data/lexicons/idioms.csv``);
* :mod:`.find`: the entry point :func:`find_events`, yielding :class:`CodedEvent` records.
"""

from __future__ import annotations

from .find import find_events, mention_map
from .nouns import EVENT_NOUN_GROUPS, VERB_EVENT_GROUPS, EventRef, event_group
from .records import CodedEvent
from .triggers import Trigger, TriggerLexicon, inflections, sentence_has_trigger

__all__ = [
    "EVENT_NOUN_GROUPS",
    "VERB_EVENT_GROUPS",
    "CodedEvent",
    "EventRef",
    "Trigger",
    "TriggerLexicon",
    "event_group",
    "find_events",
    "inflections",
    "mention_map",
    "sentence_has_trigger",
]
