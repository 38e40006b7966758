"""Actions done together: "China and Russia patrolled jointly", "Russian and Chinese bombers flew
together over the Sea of Japan". The coordinated subjects of a verb modified by a joint adverb
cooperate with each other (COOPERATE, both ways), whatever the verb; no trigger row is needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations

from .. import weights
from ..lexicons import word_class
from ..schema import EVENT_TYPES
from .modality import is_negated, modality_of
from .phrases import MentionLookup
from .records import CodedEvent
from .roles import verb_subjects

#: Adverbs that make the subjects of a verb act together ("together", "jointly").
JOINT_ADVERBS = word_class("joint_adverb")
#: Verbs of being somewhere or spending time, which people do together without cooperating.
PRESENCE_VERBS = word_class("presence_verb")


def joint_actions(sent, mentions_of: MentionLookup) -> Iterator[tuple[CodedEvent, int]]:
    """(COOPERATE event, character offset of the verb done together) for each ordered pair of its subjects' actors.

    Two or more different actors must be among the subjects; a subject and an object ("Japan
    worked together with Seoul") are left to the trigger rows.
    """
    for adv in sent:
        if adv.lower_ not in JOINT_ADVERBS or adv.dep_ != "advmod":
            continue
        verb = adv.head
        if verb.pos_ == "ADP" and verb.dep_ == "prep":  # "flew together over the sea": the parse hangs it on "over"
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in PRESENCE_VERBS or _embedded(verb):
            continue  # "agreed to bid jointly" is the agreement; "appeared together" is no cooperation
        partners: dict[str, tuple] = {}
        for mention, weight in verb_subjects(verb, mentions_of)[0]:
            if mention.via == "people":
                continue
            if mention.actor not in partners or partners[mention.actor][1] < weight:
                partners[mention.actor] = (mention, weight)
        if len(partners) < 2:
            continue
        negated, modality = is_negated(verb), modality_of(verb)
        for (src, ws), (tgt, wt) in permutations(partners.values(), 2):
            conf = weights.JOINT_ACTION * ws * wt * src.confidence * tgt.confidence
            yield CodedEvent(
                src, tgt, "COOPERATE", EVENT_TYPES["COOPERATE"][1], adv.text, adv.idx, negated, modality,
                round(conf, 2), verb.lemma_.lower(),
            ), verb.idx  # fmt: skip


def _embedded(verb) -> bool:
    """Is the verb the complement of another ("agreed to reconnect roads and to bid jointly")?"""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.dep_ in ("xcomp", "pcomp")
