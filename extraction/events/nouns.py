"""Event nouns and the article's event memory.

An event noun can refer back to an earlier event of its kind in the same article: "Taipei
condemned the drills" after "China held drills around Taiwan" is Taipei against China. The
groups (``data/lexicons/event_nouns.csv``, ``event_verbs.csv``) say which nouns and trigger
verbs name the same kind of event; the pipeline keeps the latest event of each group
(:class:`EventRef`) and offers it to later sentences through a :data:`RecallLookup`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .. import weights
from ..actors import Mention
from ..lexicons import event_noun_groups, event_verb_groups
from .phrases import MentionLookup, hyphen_participle
from .triggers import Trigger

#: Event noun (lemma) -> the group of earlier events it can refer to ("drill" -> "exercise").
EVENT_NOUN_GROUPS: dict[str, str] = event_noun_groups()
#: Trigger verbs whose event a later noun can refer to ("Tokyo accused Seoul ... Seoul denied the accusation").
VERB_EVENT_GROUPS: dict[str, str] = event_verb_groups()
#: Types whose target may be found through an event noun ("Taipei condemned the drills").
RECALL_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "CONCEDE", "REQUEST", "RETREAT", "SANCTION"})
#: Types that take over the *target* of the event referred to ("China voted for the measure": sanctions on X).
RECALL_TARGET_TYPES = frozenset({"SANCTION"})


class EventRef(NamedTuple):
    """What an article has said about an event of some kind: who did it (and to whom)."""

    source: Mention
    target: Mention | None = None


RecallLookup = Callable[[str], "EventRef | None"]
RememberHook = Callable[[str, EventRef], None]


def event_group(lemma: str) -> str:
    """The event-noun group an event with this trigger lemma can later be called by, or ""."""
    return EVENT_NOUN_GROUPS.get(lemma) or VERB_EVENT_GROUPS.get(lemma, "")


def remember_event_nouns(sent, mentions_of: MentionLookup, remember: RememberHook) -> None:
    """Event nouns with an actor modifier ("a North Korean missile", "China's drills") name their agent."""
    for tok in sent:
        group = EVENT_NOUN_GROUPS.get(tok.lemma_.lower())
        if not group or group == "any" or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound") and not hyphen_participle(c):
                found = mentions_of(c)
                if found:
                    remember(group, EventRef(found[0]))
                    break



def recall_target(tok, row: Trigger, sources, recall: RecallLookup | None) -> list[tuple[Mention, float]]:
    """Target through an event noun that refers back to an earlier event ("condemned the drills")."""
    if recall is None or row.event_type not in RECALL_TYPES:
        return []
    nouns = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl") and not nouns:
        nouns.append(tok.head)  # "a trip condemned by China", "a step Pyongyang denounced"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in row.slots:
            nouns.extend(p for p in c.children if p.dep_ == "pobj")
    source_actors = {m.actor for m, _ in sources}
    for noun in nouns:
        group = EVENT_NOUN_GROUPS.get(noun.lemma_.lower())
        if not group or any(
            (c.dep_ in ("poss", "compound", "amod") and c.pos_ == "PROPN")
            or c.dep_ == "poss"
            or (c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by") and any(p.dep_ == "pobj" for p in c.children))
            for c in noun.children
        ):
            continue  # "the decision of Nauru", "Nauru's decision": the event has an owner of its own
        earlier = recall(group)
        if earlier is None:
            continue
        order = (earlier.target, earlier.source) if row.event_type in RECALL_TARGET_TYPES else (earlier.source, earlier.target)
        for m in order:
            if m is not None and m.actor not in source_actors:
                return [(m._replace(text=noun.text, kind="event", via="event"), weights.EVENT_RECALL)]
    return []
