"""Events that no single trigger word carries: reported claims and reported obligations.

* "X said Y's move damaged / amounted to interference in ...": X accuses Y (ACCUSE);
* "X said Y should / must V": X asks something of Y (REQUEST).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import weights
from ..actors import Mention
from ..constants import OBLIGATION_AUX
from ..lexicons import word_class
from ..schema import EVENT_TYPES
from .modality import SPEECH_VERBS, is_negated, modality_of
from .nouns import EVENT_NOUN_GROUPS, RecallLookup
from .phrases import MentionLookup, actors_of
from .records import CodedEvent
from .roles import verb_subjects

#: Predicates of a reported claim that make it an accusation: "said the sale damaged China's interests".
NEGATIVE_PREDICATES = word_class("negative_predicate")
#: Nouns that make "X amounted to / was / posed a ___" an accusation.
NEGATIVE_NOUNS = word_class("negative_noun")
#: Adjectives that make "X was ___" an accusation: "told Biden that the curbs were unfair".
NEGATIVE_ADJECTIVES = word_class("negative_adjective")


def negative_claims(sent, mentions_of: MentionLookup, recall: RecallLookup | None) -> Iterator[CodedEvent]:
    """"X said Y's move damaged / amounted to interference in ...": X accuses Y (ACCUSE)."""
    for clause in sent:
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_VERBS | {"argue"}:
            continue
        lemma = clause.lemma_.lower()
        objects = [c for c in clause.children if c.dep_ in ("dobj", "attr")]
        objects += [p for c in clause.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        judged = any(c.dep_ == "acomp" and c.lower_ in NEGATIVE_ADJECTIVES for c in clause.children)
        if lemma not in NEGATIVE_PREDICATES and not judged and not any(o.lemma_.lower() in NEGATIVE_NOUNS for o in objects):
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        speakers = verb_subjects(clause.head, mentions_of)[0]
        targets = actors_of(subjects, mentions_of, weights.CLAIM_TARGET)
        if not targets:
            # "Kishida told Li Qiang that the detention was unacceptable": the one told is the accused
            told = [c for c in clause.head.children if c.dep_ in ("dobj", "dative")]
            targets = actors_of(told, mentions_of, weights.CLAIM_TARGET * weights.CLAIM_ADDRESSEE)
        if not targets and recall is not None:
            for subj in subjects:
                group = EVENT_NOUN_GROUPS.get(subj.lemma_.lower())
                earlier = recall(group) if group else None
                if earlier is not None:
                    speaker_actors = {m.actor for m, _ in speakers}
                    agent = next((m for m in (earlier.source, earlier.target) if m and m.actor not in speaker_actors), None)
                    if agent is not None:
                        targets = [(agent._replace(text=subj.text, kind="event", via="event"), weights.EVENT_RECALL)]
        for (src, ws), (tgt, wt) in ((s, t) for s in speakers for t in targets):
            if src.actor != tgt.actor:
                yield CodedEvent(
                    src, tgt, "ACCUSE", EVENT_TYPES["ACCUSE"][1], clause.text, clause.idx,
                    is_negated(clause.head), modality_of(clause.head), round(ws * wt * src.confidence * tgt.confidence, 2),
                    "accuse",
                )  # fmt: skip


def modal_requests(sent, mentions_of: MentionLookup, speaker: Mention | None = None) -> Iterator[CodedEvent]:
    """"X said Y should/must V": X asks something of Y (REQUEST).

    In a transcript paragraph with a known ``speaker``, the sentence itself is said: "The US must
    stop ..." is a request of the speaker's.
    """
    clauses = [c for c in sent if c.dep_ == "ccomp" and c.head.lemma_.lower() in SPEECH_VERBS]
    if speaker is not None:
        clauses.extend(t for t in sent if t.dep_ == "ROOT" and t.lemma_.lower() not in SPEECH_VERBS)
    for clause in clauses:
        aux = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX]
        if not aux and clause.lemma_.lower() == "need" and any(c.dep_ == "xcomp" for c in clause.children):
            aux = [clause]  # "The US needs to exercise prudence"
        if not aux:
            continue
        if clause.dep_ == "ccomp":
            speakers = verb_subjects(clause.head, mentions_of)[0]
            negated, modality = is_negated(clause.head), modality_of(clause.head)
        else:
            speakers = [(speaker, weights.CLAIM_TARGET)]
            negated, modality = False, "asserted"
        addressees = actors_of([c for c in clause.children if c.dep_ == "nsubj"], mentions_of, weights.CLAIM_TARGET)
        for (src, ws), (tgt, wt) in ((s, t) for s in speakers for t in addressees):
            if src.actor != tgt.actor:
                yield CodedEvent(
                    src, tgt, "REQUEST", EVENT_TYPES["REQUEST"][1], aux[0].text, aux[0].idx, negated, modality,
                    round(ws * wt * src.confidence * tgt.confidence, 2), "demand",
                )  # fmt: skip
