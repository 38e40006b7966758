"""Roles: who acts (source) and who is acted upon (target) for one trigger in the parse.

Subject -> source, object or prepositional object -> target; passives flip (the ``by`` agent is
the source); a subject is inherited through control verbs ("agreed to meet"), conjoined verbs
and relative clauses; noun triggers take their source from a possessive or an actor modifier
("China's sanctions", "US sanctions") or from the verb that governs them ("imposed sanctions
on"). Each actor comes with a weight (:mod:`extraction.weights`) for how directly it was found.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import weights
from ..actors import Mention
from ..lexicons import event_noun_groups, word_class
from .modality import INTENT_VERBS, SPEECH_VERBS
from .nouns import RecallLookup, recall_target
from .phrases import MentionLookup, actors_of, expand
from .triggers import NON_PREPOSITION_SLOTS, Trigger, inflections, is_passive_participle

#: Prepositions that introduce the circumstances of a clause ("At a council meeting, ...").
_CIRCUMSTANCE_PREPS = word_class("circumstance_preposition")

#: Verbs whose object noun names the subject's own event ("held talks", "imposed sanctions").
SUPPORT_VERBS = word_class("support_verb")
#: Verbs whose prepositional object is what someone else did: "would respond to any arms sales" (the sales are not the responder's).
REACTION_VERBS = word_class("reaction_verb")
#: Words right before "visiting" that make the one visiting a guest: "met / welcomed / talks with visiting ...".
HOSTING_WORDS = word_class("hosting_word")
#: Verbs whose object shares the act of their complement: "joined Seoul in condemning Pyongyang".
JOINING_VERBS = word_class("joining_verb")
_SUPPORT_FORMS = frozenset(f for verb in SUPPORT_VERBS for f in inflections(verb, "VERB"))
_EVENT_NOUNS = event_noun_groups()
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


class Roles(NamedTuple):
    sources: list[tuple[Mention, float]]
    targets: list[tuple[Mention, float]]


PARTNER_TYPES = frozenset({"SANCTION", "RETREAT", "COOPERATE", "AID"})


def object_actors(tokens, row: Trigger, mentions_of: MentionLookup, weight: float) -> list[tuple[Mention, float]]:
    """Actors of an object phrase, or of its partner when it has none.

    "a ban on trade with Pyongyang", "lifted curbs on exports to Seoul" (sanction-like
    types), "accepted an invitation to visit Pyongyang" (agreements).
    """
    found = actors_of(tokens, mentions_of, weight)
    if found and row.event_type in PARTNER_TYPES and all(m.kind == "anaphor" for m, _ in found):
        # "announced a halt to its talks with Japan": "its" is the talks' owner, Japan the partner
        partners = _partners(tokens, row, mentions_of, weight)
        if partners:
            return partners
    if found:
        return found
    return _partners(tokens, row, mentions_of, weight)


def _partners(tokens, row: Trigger, mentions_of: MentionLookup, weight: float) -> list[tuple[Mention, float]]:
    """The partner of an object phrase that names no actor of its own (see :func:`object_actors`)."""
    found: list[tuple[Mention, float]] = []
    for t in expand(tokens):
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        if row.event_type in PARTNER_TYPES and t.lemma_.lower() not in _EVENT_NOUNS:
            # (not "struck a deal with X": that is the deal's own partner)
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ in ("with", "to", "from", "against"):
                    objs = [p for p in prep.children if p.dep_ == "pobj"]
                    found.extend(actors_of(objs, mentions_of, weight * weights.PARTNER))
        if t.lemma_.lower() in _EVENT_NOUNS and not found:
            for prep in t.children:  # "opposes the arms sale to Taiwan by the United States": the seller
                if prep.dep_ == "prep" and prep.lower_ == "by":
                    objs = [p for p in prep.children if p.dep_ == "pobj"]
                    found.extend(actors_of(objs, mentions_of, weight * weights.NOUN_BY_AGENT))
        if row.event_type == "AGREE":
            for acl in t.children:  # "accepted an invitation to visit Pyongyang"
                if acl.dep_ == "acl" and acl.pos_ == "VERB":
                    objs = [c for c in acl.children if c.dep_ == "dobj"]
                    found.extend(actors_of(objs, mentions_of, weight * weights.INVITATION))
    return found




def verb_subjects(verb, mentions_of: MentionLookup, depth: int = 0) -> tuple[list, list, float]:
    """(sources, passive patients, weight) for a verb, inheriting subjects where needed."""
    subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    weight = 1.0 - weights.SUBJECT_DEPTH_STEP * depth
    if subj and verb.dep_ == "relcl" and all(s.tag_ in ("WP", "WDT") for s in subj) and verb.head != verb:
        # "Kishida, who had held talks with Biden, ...": the relative pronoun stands for its head
        return actors_of([verb.head], mentions_of, weight * weights.RELATIVE_HEAD), [], weight
    if subj:
        return actors_of(subj, mentions_of, weight), [], weight
    if passive or agents:
        return actors_of(agents, mentions_of, weight), actors_of(passive, mentions_of, weight), weight
    if depth >= 3:
        return [], [], weight
    head = verb.head
    joined = head.head if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "in" else head
    if verb.dep_ in ("xcomp", "pcomp", "advcl") and joined != verb and joined.lemma_.lower() in JOINING_VERBS:
        # "the US joined Seoul to accuse / in condemning Pyongyang": both accuse
        found = verb_subjects(joined, mentions_of, depth + 1)[0]
        objs = [c for c in joined.children if c.dep_ == "dobj"]
        return found + actors_of(objs, mentions_of, weight * weights.OBJECT_CONTROL), [], weight
    if verb.dep_ == "xcomp" and head != verb:
        # object control ("urged Japan to lift") before subject control ("agreed to meet")
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objs and head.lemma_.lower() not in INTENT_VERBS:
            return actors_of(objs, mentions_of, weight * weights.OBJECT_CONTROL), [], weight
        return verb_subjects(head, mentions_of, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for", "from"):
        # "accused Seoul of locking", "was accused of supplying", "barred its citizens from travelling":
        # the object does it
        gov = head.head
        objs = [c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")]
        if objs:
            return actors_of(objs, mentions_of, weight * weights.ACCUSED_OF), [], weight
    if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp") and head != verb and head.pos_ in ("VERB", "AUX"):
        found = verb_subjects(head, mentions_of, depth + 1)
        if verb.dep_ == "conj" and not found[0] and not found[1]:
            # "X said that the deployment would damage ... and urged Y": the parse hung "urged" on the
            # reported clause; a past-tense conjunct shares the subject of the sentence's main verb
            root = verb.sent.root
            if root != head and root.tag_ == verb.tag_ == "VBD" and root.pos_ == "VERB":
                subjects = [c for c in root.children if c.dep_ in _SUBJECT_DEPS]
                return actors_of(subjects, mentions_of, weight * weights.MAIN_CLAUSE_SUBJECT), [], weight
        return found
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return verb_subjects(head.head, mentions_of, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head != verb:
        found = actors_of([head], mentions_of, weight * weights.RELATIVE_HEAD)
        if found or verb.dep_ == "relcl":
            return found, [], weight
        # "approved a plan to give aid", "made a decision to impose": the one who has the plan
        return _noun_holder_subjects(head, mentions_of, depth)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        # "had no intention of meeting", "announced its decision of joining"
        return _noun_holder_subjects(head.head, mentions_of, depth)
    if verb.dep_ == "ROOT":
        return _left_region(verb, mentions_of), [], weight
    return [], [], weight


def _noun_holder_subjects(noun, mentions_of: MentionLookup, depth: int) -> tuple[list, list, float]:
    """Subjects of the verb whose object is ``noun`` ("Seoul approved [a plan] to give ...")."""
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head  # "agreed on a plan to ..."
    if noun.dep_ in ("dobj", "attr", "pobj", "oprd") and gov is not noun and gov.pos_ in ("VERB", "AUX"):
        return verb_subjects(gov, mentions_of, depth + 1)
    return [], [], 1.0 - weights.SUBJECT_DEPTH_STEP * depth


def _left_region(verb, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    """Fallback subject for a verb the parser left without one: actors just left of it.

    Scans back to the previous verb, skipping objects of prepositions
    ("... held in Seoul, US, Japanese and South Korean officials held a meeting").
    """
    out: list[tuple[Mention, float]] = []
    for t in reversed(list(verb.doc[max(0, verb.i - 15) : verb.i])):
        if t.pos_ in ("VERB", "AUX") or t.text in (";", ":", '"', "“", "”"):
            break
        if (t.dep_ == "pobj" or t.head.dep_ == "pobj") and t.i < verb.i - 1:
            continue  # "in Seoul, ... held": not the subject, unless right before the verb ("On Monday Beijing said")
        out.extend((m, weights.LEFT_REGION) for m in mentions_of(t))
    return out


def _noun_sources(noun, mentions_of: MentionLookup, depth: int = 0) -> tuple[list, float]:
    mods = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    found = actors_of(mods, mentions_of, weights.NOUN_MODIFIER) if mods else []
    if found or depth >= 4:
        return found, weights.NOUN_MODIFIER
    for prep in noun.children:  # "sanctions by Japan", "a visit by Pelosi"
        if prep.dep_ in ("prep", "agent") and prep.lower_ == "by":
            found = actors_of([p for p in prep.children if p.dep_ == "pobj"], mentions_of, weights.NOUN_BY_AGENT)
            if found:
                return found, weights.NOUN_MODIFIER
    for acl in noun.children:  # "sanctions imposed by the US", "a deal struck by Trump"
        if acl.dep_ == "acl":
            agents = [p for c in acl.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if agents:
                return actors_of(agents, mentions_of, weights.NOUN_MODIFIER), weights.NOUN_MODIFIER
    head = noun.head
    if head == noun:
        return [], 0.0
    if (
        noun.dep_ == "nsubj"
        and head.pos_ in ("VERB", "AUX")
        and head.tag_ in ("VBG", "VBN")  # a participle taken for a clause: "resumed exercises ending a deal"
        and head.dep_ in ("ccomp", "xcomp", "advcl", "conj")
    ):
        srcs, _, w = verb_subjects(head.head, mentions_of)  # misparsed object ("resumed exercises ending ...")
        return srcs, weights.MISPARSED_PARTICIPLE * w
    if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() not in SUPPORT_VERBS and head.lower_ not in _SUPPORT_FORMS:
            return [], 0.0  # "discussed the pact": the pact's parties are not the discussants
        srcs, _, w = verb_subjects(head, mentions_of)
        return srcs, weights.SUPPORT_VERB_SUBJECT * w
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        gov = head.head
        if gov.pos_ in ("NOUN", "PROPN", "NUM"):
            return _noun_sources(gov, mentions_of, depth + 1)
        if gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() not in REACTION_VERBS:
            srcs, _, w = verb_subjects(gov, mentions_of)
            return srcs, weights.PREPOSITION_GOVERNOR * w
    if noun.dep_ in ("conj", "appos", "compound") and head.pos_ in ("NOUN", "PROPN"):
        return _noun_sources(head, mentions_of, depth + 1)
    return [], 0.0


def _slot_targets(tok, row: Trigger, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    holders = [tok]
    if row.pos == "NOUN":
        holders.extend(c for c in tok.children if c.dep_ == "acl")  # "a deal struck with ..."
        cur = tok
        for _ in range(3):  # "approval of $1 billion in arms sales to Taiwan": "to" hangs higher up
            if (
                cur.dep_ == "pobj"
                and cur.head.dep_ == "prep"
                and cur.head.lower_ in ("of", "in", "for")
                and cur.head.head.pos_ in ("NOUN", "NUM")
            ):
                cur = cur.head.head
                holders.append(cur)
            else:
                break
        if cur.dep_ in ("dobj", "nsubjpass", "attr") and cur.head.pos_ in ("VERB", "AUX"):
            holders.append(cur.head)  # "held talks in Tokyo with Japan": "with" hangs on the verb
    else:
        # "lifted restrictions on Seoul", "suspended talks with Tokyo": the preposition hangs on the object
        holders.extend(c for c in tok.children if c.dep_ == "dobj")
    out: list[tuple[Mention, float]] = []
    if "speaker" in row.slots:
        out.extend(_speaker(tok, mentions_of))
    for slot in row.slots:
        for holder in holders:
            for c in holder.children:
                if slot == "obj" and holder is tok and c.dep_ in ("dobj", "attr", "oprd"):
                    out.extend(object_actors([c], row, mentions_of, weights.OBJECT))
                elif (
                    slot == "obj"
                    and holder is tok
                    and c.dep_ in ("advmod", "npadvmod", "dep")
                    and c.i > tok.i
                    and c.text[:1].isupper()
                ):
                    out.extend(actors_of([c], mentions_of, weights.MISPARSED_NAME))  # "Kishida met Yoon": name misparsed
                elif slot == "cond" and holder is tok and c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "should", "unless", "once") for m in c.children
                ):  # "Moscow would respond harshly if Seoul sent arms": the threatened side
                    subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                    out.extend(actors_of(subj, mentions_of, weights.CONDITION_SUBJECT))
                elif slot == "ccomp" and holder is tok and c.dep_ == "ccomp":
                    subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                    out.extend(actors_of(subj, mentions_of, weights.CLAUSE_SUBJECT))
                elif slot == "dative" and holder is tok and c.dep_ == "dative":
                    objs = [p for p in c.children if p.dep_ == "pobj"] or [c]
                    out.extend(actors_of(objs, mentions_of, weights.DATIVE))
                elif (
                    slot == "between" and row.pos == "VERB" and holder is not tok
                    and c.dep_ == "prep" and c.lower_ in ("between", "among")
                ):  # "cancelled a meeting between its minister and his Chinese counterpart"
                    out.extend(actors_of([p for p in c.children if p.dep_ == "pobj"], mentions_of, weights.BETWEEN))
                elif slot not in NON_PREPOSITION_SLOTS and c.dep_ in ("prep", "dative", "agent") and c.lower_ == slot:
                    objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
                    out.extend(
                        object_actors(
                            objs, row, mentions_of,
                            weights.TRIGGER_PREPOSITION if holder is tok else weights.HOLDER_PREPOSITION,
                        )
                    )
    if not out and row.symmetric:
        out = _deep_slot_targets(tok, row, mentions_of)
    return out


def _deep_slot_targets(tok, row: Trigger, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    """Fallback for misparses: a slot preposition further down, not inside another clause."""
    out: list[tuple[Mention, float]] = []
    preps = {s for s in row.slots if s not in NON_PREPOSITION_SLOTS}
    stack = [
        (c, 1) for c in tok.children if c.dep_ not in ("ccomp", "relcl", "xcomp", "conj", "nsubj") and not _purpose(c)
    ]  # fmt: skip
    while stack:
        node, depth = stack.pop()
        if node.dep_ == "prep" and node.lower_ in preps:
            out.extend(actors_of([p for p in node.children if p.dep_ == "pobj"], mentions_of, weights.DEEP_PREPOSITION))
        if depth < 3:
            stack.extend(
                (c, depth + 1) for c in node.children if c.dep_ not in ("ccomp", "relcl", "nsubj") and not _purpose(c)
            )  # fmt: skip
    return out


def _purpose(tok) -> bool:
    """Is ``tok`` the verb of a purpose clause ("working *to repair* relations with Beijing")?"""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def speech_head(tok):
    """The verb of saying or warning whose clause holds ``tok``, or None."""
    cur = tok
    for _ in range(4):
        if cur.head == cur:
            return None
        if cur.dep_ in ("ccomp", "xcomp", "advcl") and cur.head.lemma_.lower() in SPEECH_VERBS:
            return cur.head
        cur = cur.head
    return None


def _speaker(tok, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    """Subject of the verb of saying or warning whose clause holds ``tok`` ("warned the North would pay")."""
    head = speech_head(tok)
    return verb_subjects(head, mentions_of)[0] if head is not None else []


def _between(tok, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among"):
            return actors_of([p for p in c.children if p.dep_ == "pobj"], mentions_of, weights.BETWEEN)
    return []


def find_roles(tok, row: Trigger, mentions_of: MentionLookup, recall: RecallLookup | None = None) -> Roles:
    if row.pos == "ADJ":
        # "China was strongly dissatisfied with Seoul": the subject of the copula feels it
        holder = tok.head if tok.dep_ in ("acomp", "oprd", "amod") and tok.head != tok else tok
        sources = verb_subjects(holder, mentions_of)[0] if holder.pos_ in ("VERB", "AUX") else []
        if holder == tok and is_passive_participle(tok):
            # "Washington was disappointed by Seoul": the passive subject feels it, the agent is a slot
            sources = verb_subjects(tok, mentions_of)[1]
        targets = _slot_targets(tok, row, mentions_of)
        if not targets and "obj" in row.slots:  # "sorry to have disappointed Moon": the complement's object
            objects = [o for c in tok.children if c.dep_ == "xcomp" for o in c.children if o.dep_ == "dobj"]
            targets = actors_of(objects, mentions_of, weights.CLAUSE_SUBJECT)
        return Roles(sources, targets)
    if row.pos == "VERB" and row.event_type == "CONSULT" and tok.tag_ == "VBG":
        hosted = _hosted_visit(tok, mentions_of)
        if hosted is not None:
            return hosted
    if row.pos == "VERB":
        sources, patients, _ = verb_subjects(tok, mentions_of)
        if not patients and tok.dep_ == "acl" and tok.tag_ == "VBN":
            # "a trip condemned by China", "Japan, criticised by Beijing, ...": the noun is the patient
            patients = actors_of([tok.head], mentions_of, weights.PASSIVE_PATIENT)
        targets = patients + _slot_targets(tok, row, mentions_of)
        if not sources and not targets and row.symmetric:
            sources = _between(tok, mentions_of)  # "no deals were signed between China and Russia"
        if patients and not sources:
            # passive without agent: "Japan was accused of ..." has no source
            return Roles([], targets)
    else:
        targets = _slot_targets(tok, row, mentions_of)
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if not targets and gov.pos_ in ("VERB", "AUX") and tok.dep_ in ("pobj", "dobj"):
            # "Russia was hit with sanctions by Japan": the passive subject is the target
            patients = [c for c in gov.children if c.dep_ == "nsubjpass"]
            targets = actors_of(patients, mentions_of, weights.PASSIVE_PATIENT)
        sources, weight = _noun_sources(tok, mentions_of)
        if not targets and tok.dep_ == "pobj" and tok.head.lower_ in _CIRCUMSTANCE_PREPS:
            # "At a council meeting, China and Russia blamed ...": the meeting's parties are unknown
            sources = []
        sources = [(m, w * weight) for m, w in sources]
        if "between" in row.slots and not sources:
            sources = _between(tok, mentions_of)
            if not sources and tok.dep_ in ("nsubjpass", "nsubj", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
                sources = _between(tok.head, mentions_of)  # "talks were held between Seoul and Tokyo"
    if not targets and sources and not row.symmetric:
        targets = recall_target(tok, row, sources, recall)
    if row.reverse:
        sources, targets = targets, sources
    return Roles(sources, targets)


def _hosted_visit(tok, mentions_of: MentionLookup) -> Roles | None:
    """"Xi met visiting Russian President Putin", "talks with visiting Chinese Foreign Minister Wang Yi",
    "welcomed visiting ...": the one visiting is the visitor (source), the one meeting the host (target);
    None for other shapes. Read from the words around "visiting", which the parser takes many ways."""
    if tok.i == 0 or tok.doc[tok.i - 1].lower_ not in HOSTING_WORDS:
        return None
    before = tok.doc[tok.i - 1]
    visitor = tok.head if tok.dep_ == "amod" else next((c for c in tok.children if c.dep_ == "dobj"), None)
    host_verb = before
    for _ in range(4):  # "talks with visiting ...": the verb whose object the talks are
        if host_verb.pos_ in ("VERB", "AUX") or host_verb.head == host_verb:
            break
        host_verb = host_verb.head
    if visitor is None or host_verb.pos_ not in ("VERB", "AUX"):
        return None
    visitors = actors_of([visitor], mentions_of, weights.HOSTED_VISIT)
    hosts = verb_subjects(host_verb, mentions_of)[0]
    return Roles(visitors, hosts) if visitors and hosts else None


def role_pairs(roles: Roles, row: Trigger) -> list[tuple[Mention, Mention, float]]:
    out: list[tuple[Mention, Mention, float]] = []
    src_actors = {m.actor for m, _ in roles.sources}
    if roles.targets:
        for s, ws in roles.sources:
            for t, wt in roles.targets:
                if s.actor != t.actor:
                    conf = ws * wt * s.confidence * t.confidence
                    out.append((s, t, conf))
                    if row.symmetric:
                        out.append((t, s, conf))
    elif row.symmetric and len(src_actors) >= 2:
        # "Japan and South Korea agreed", "US-Japan talks": every ordered pair
        for s, ws in roles.sources:
            for t, wt in roles.sources:
                if s.actor != t.actor:
                    out.append((s, t, weights.SYMMETRIC_SUBJECTS * ws * wt * s.confidence * t.confidence))
    return out
