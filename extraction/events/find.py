"""Stage 3 entry point: coded events of one parsed sentence.

For each token whose lemma is a trigger (verbs first: they may consume the event nouns they
govern), the matching lexicon row is checked (particle, cue), its roles found
(:mod:`.roles`), and one :class:`~extraction.events.records.CodedEvent` yielded per ordered
pair of different actors, with negation and modality (:mod:`.modality`). Reported claims and
obligations (:mod:`.claims`) and refusals ("denied locking onto": a REJECT beside the negated
event) are added; the best-scoring event per (source, target, type, negated) is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from .. import weights
from ..actors import Mention
from ..lexicons import word_class
from ..schema import EVENT_TYPES
from .claims import modal_requests, negative_claims
from .idioms import idiom_events
from .joint import joint_actions
from .learned import PairModel
from .modality import (
    NEGATING_VERBS,
    SPEECH_VERBS,
    conditional_consequent,
    is_negated,
    is_verb_of,
    left_open,
    modality_of,
    predicate_chain,
    verb_forms,
)
from .nouns import EventRef, RecallLookup, RememberHook, event_group, remember_event_nouns
from .pairs import candidate_triples, features
from .phrases import MentionLookup, actors_of, stands_for_people
from .records import CodedEvent
from .roles import Roles, find_roles, role_pairs, speech_head, verb_subjects
from .surface import surface_confidence, surface_events
from .triggers import Trigger, TriggerLexicon, lemma_keys, lookup_pos

#: Types whose other side may be implied by the article when the sentence names only one.
IMPLIED_TYPES = frozenset(
    {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SANCTION", "PROTEST", "COERCE", "CONCEDE", "RETREAT", "SUPPORT"}
)  # fmt: skip
ImpliedLookup = Callable[[Mention], "Mention | None"]


def _slot_filled(tok, row: Trigger) -> bool:
    """The trigger has an object or a slot phrase of its own: "urged lawmakers", "protested to the UN"."""
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd", "dative", "ccomp"):
            return True
        if c.dep_ in ("prep", "agent") and c.lower_ in row.slots and any(p.dep_ == "pobj" for p in c.children):
            return True
    return False


def _with_implied_side(tok, row: Trigger, roles: Roles, implied: ImpliedLookup) -> Roles:
    """Roles with the article's counterpart filled in where a verb names one side and leaves the other open.

    The caller makes sure the sentence names one actor only: where it names others, the parse
    missed a role and the article's dyad would be a guess.
    """
    if tok.pos_ not in ("VERB", "AUX"):
        return roles
    if roles.sources and not roles.targets and not _slot_filled(tok, row):
        other = implied(roles.sources[0][0])
        if other is not None:
            return Roles(roles.sources, [(other, weights.IMPLIED_COUNTERPART)])
    elif roles.targets and not roles.sources:
        other = implied(roles.targets[0][0])
        if other is not None:
            return Roles([(other, weights.IMPLIED_COUNTERPART)], roles.targets)
    return roles


#: Types the learned scorer leaves to the rules: a demonstration needs its place ("outside the embassy").
RULES_ONLY_TYPES = frozenset({"PROTEST"})
#: Subordinators of a clause an event reacts to ("threatened sanctions after the US approved the sale").
REASON_MARKERS = word_class("reason_marker")
#: Subordinators of the condition a threat is made on ("... if Seoul continues").
CONDITIONAL_MARKERS = frozenset({"if", "unless"})
#: Complaints whose target a demand made in the same breath names ("was dissatisfied, urged Seoul to ...").
COMPLAINT_TYPES = frozenset({"ACCUSE", "REJECT"})
#: Types only a state does: private people or firms travelling or trading are no such event.
STATE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: Material conflict that, promised on a condition, is a threat: "would impose sanctions if ...".
CONDITIONAL_THREAT_TYPES = frozenset({"SANCTION", "ASSAULT", "COERCE", "MOBILIZE", "REJECT"})

#: Cooperative types whose intended event, promised or announced, is coded as the promise (AGREE):
#: PLOVER's AGREE covers future-tense cooperation, aid and meetings.
PROMISED_TYPES = frozenset({"CONSULT", "COOPERATE", "AID"})
#: Verbs that make an intended event they govern a promise ("pledged to visit", "said it would host").
PROMISING_VERBS = word_class("promising_verb")
_PROMISING_FORMS = verb_forms(PROMISING_VERBS)
#: Verbs whose object noun is a promised meeting, cooperation or aid ("pledged cooperation with Pyongyang").
PLEDGING_VERBS = word_class("pledging_verb")
_PLEDGING_FORMS = verb_forms(PLEDGING_VERBS)
#: Verbs of saying that make a promise only of what they report as intended ("said it would host").
ANNOUNCING_VERBS = SPEECH_VERBS - PLEDGING_VERBS
_ANNOUNCING_FORMS = verb_forms(ANNOUNCING_VERBS)

#: Denials and refusals: the inner event is negated, and the refusal itself is a REJECT.
REFUSING_VERBS = word_class("refusing_verb")


def find_events(
    sent,
    mentions_of: MentionLookup,
    lexicon: TriggerLexicon,
    recall: RecallLookup | None = None,
    remember: RememberHook | None = None,
    implied: ImpliedLookup | None = None,
    speaker: Mention | None = None,
    scorer: PairModel | None = None,
) -> Iterator[CodedEvent]:
    """Stage entry point: events in one parsed sentence (a spaCy ``Doc`` or ``Span``).

    ``mentions_of(token)`` returns the actor mentions a token stands for
    (dictionary names, resolved surnames and anaphora), or [].
    ``recall(group)`` returns the latest earlier event of an event-noun group
    ("exercise", "launch", ...) in the same article, for "Taipei condemned the drills";
    ``remember(group, ref)`` is told of events whose agent is known even when
    they have no target ("North Korea fired a missile"; "a North Korean missile").
    ``implied(mention)`` gives the article's established counterpart of an actor, for events of
    :data:`IMPLIED_TYPES` whose parse names only one side ("Seoul complained of unfair treatment").
    ``speaker`` is who speaks the sentence in a transcript ("Mao Ning: The US must ..."): what it
    says others must do is a request of the speaker's.
    ``scorer`` is the learned pair scorer (:mod:`.learned`): it judges the candidate triples of
    actor pairs the rules gave no event.
    """
    best: dict[tuple[str, str, str, bool], CodedEvent] = {}
    consumed: set[int] = set()
    fired: set[int] = set()  # trigger tokens that gave events through the parse
    sent = list(sent)  # one Token object per word for all the passes below (spaCy makes a new one per access)
    named = {m.actor for t in sent for m in mentions_of(t)}
    refusals: list = []
    given: dict[int, list[tuple[Mention, float]]] = {}  # trigger token -> the targets it was given
    given_types: dict[int, str] = {}  # trigger token -> the event type it gave them
    orphans: list = []  # (token, row, roles, has_object) of events with a source and no target
    if remember is not None:
        remember_event_nouns(sent, mentions_of, remember)
    tokens = sorted(sent, key=lambda t: (t.pos_ != "VERB", t.i))  # verbs first: they may consume nouns
    for tok in tokens:
        if tok.i in consumed:
            continue
        rows = _lexicon_rows(tok, sent, lexicon)
        if not rows:
            continue
        among_sources = False  # a symmetric row fired among coordinated sources ("China and Russia held drills")
        for row in rows:
            cue_tokens = _cue_tokens(tok)
            if row.particle and not any(c.dep_ == "prt" and c.lower_ == row.particle for c in tok.children):
                continue
            if row.cue and not any(c.lemma_.lower() in row.cue or c.lower_ in row.cue for c in cue_tokens):
                continue
            if row.event_type == "THREATEN" and "speaker" in row.slots and tok.tag_ == "VBD":
                continue  # "said Pyongyang bore full responsibility" blames; "will bear the consequences" threatens
            if row.cue:
                # "put off their joint exercises": the exercises belong to this event, not one of their own
                consumed.update(c.i for c in cue_tokens if c.lemma_.lower() in row.cue and c.i != tok.i)
            if _governs_other_trigger(tok, row, lexicon):
                if tok.lemma_.lower() in REFUSING_VERBS:
                    refusals.append((tok, row))
                break  # "denied locking onto": the inner event is negated instead
            roles = find_roles(tok, row, mentions_of, recall)
            if implied is not None and row.event_type in IMPLIED_TYPES and not row.symmetric:
                roles = _with_implied_side(tok, row, roles, implied) if len(named) == 1 else roles
            if among_sources:  # a joint activity of the sources aims at others, not at one of them
                own = {m.actor for m, _ in roles.sources}
                roles = Roles(roles.sources, [(m, w) for m, w in roles.targets if m.actor not in own])
            if not roles.sources or (among_sources and not roles.targets):
                continue
            if row.event_type in STATE_TYPES and all(m.via == "people" for m, _ in roles.sources):
                continue  # "China advised its citizens to avoid visiting Japan": tourists, not the state
            has_object = any(c.dep_ in ("dobj", "oprd") for c in tok.children)
            open_target = not roles.targets and row.event_type in IMPLIED_TYPES and not row.symmetric
            if open_target and (not has_object or (row.event_type == "REQUEST" and "obj" in row.slots)):
                orphans.append((tok, row, roles, False))  # its target may be the governing event's ("demanded an apology")
            elif open_target:
                orphans.append((tok, row, roles, True))  # "opposed the move and asked Seoul to ...": Seoul's move
            if not roles.targets and "obj" in row.slots and has_object:
                continue  # "Beijing and Moscow both called the patrol routine": the object is not the partner
            pairs = role_pairs(roles, row)
            if not pairs:
                group = event_group(tok.lemma_.lower())
                if remember is not None and group and not row.reverse and not is_negated(tok):
                    remember(group, EventRef(roles.sources[0][0]))
                continue
            for ev in _coded(tok, row, roles, pairs):
                k = (ev.source.actor, ev.target.actor, ev.event_type, ev.negated)
                if k not in best or best[k].confidence < ev.confidence:
                    best[k] = ev
            if roles.targets:
                given[tok.i] = roles.targets
                given_types[tok.i] = row.event_type
                if tok.pos_ == "NOUN" and tok.dep_ == "dobj":
                    given.setdefault(tok.head.i, roles.targets)  # "made a protest with China": the support verb
            fired.add(tok.i)
            if roles.targets:
                break
            # "China and Russia held joint drills near Japan": the drills are also aimed at Japan
            among_sources = True
    for tok, row, roles, has_object in orphans:
        # "Seoul summoned the Japanese ambassador, demanding an apology": the demand is made of Japan
        if tok.i in fired:
            continue  # "calling the drills a provocation" was the accusation of the same word
        own = {m.actor for m, _ in roles.sources}
        # with an object of its own, the governing event's target is no guess for it ("opposed the move")
        inherited = [] if has_object else _governing_targets(tok, given, own)
        if not inherited and row.event_type in COMPLAINT_TYPES:
            inherited = _sibling_targets(tok, given, given_types, own)
        if not inherited:
            inherited = _reason_targets(tok, mentions_of, own, threat=row.event_type == "THREATEN")
        pairs = role_pairs(Roles(roles.sources, inherited), row) if inherited else []
        for ev in _coded(tok, row, roles, pairs):
            k = (ev.source.actor, ev.target.actor, ev.event_type, ev.negated)
            if k not in best:
                best[k] = ev
                fired.add(tok.i)
    for ev in _surface(sent, mentions_of, lexicon, fired | consumed):
        k = (ev.source.actor, ev.target.actor, ev.event_type, ev.negated)
        if k not in best:
            best[k] = ev
    if scorer is not None:
        for ev in _learned(sent, mentions_of, lexicon, scorer, {frozenset(k[:2]) for k in best}):
            k = (ev.source.actor, ev.target.actor, ev.event_type, ev.negated)
            if k not in best or best[k].confidence < ev.confidence:
                best[k] = ev
    idiomatic = list(idiom_events(sent, mentions_of))
    for ev in idiomatic:  # "refrain from traveling to Japan" is the idiom's event, not a (negated) visit
        inside = range(ev.trigger_start, ev.trigger_start + len(ev.trigger))
        for k, other in list(best.items()):
            if other.trigger_start in inside and other.event_type != ev.event_type:
                del best[k]
    joint = list(joint_actions(sent, mentions_of))
    for ev, verb in joint:  # "Chinese and Russian warships sailed together": partners, not each other's target
        for k, other in list(best.items()):
            if {k[0], k[1]} == {ev.source.actor, ev.target.actor} and other.trigger_start == verb:
                del best[k]
    derived = [
        *modal_requests(sent, mentions_of, speaker), *negative_claims(sent, mentions_of, recall), *(e for e, _ in joint)
    ]  # fmt: skip
    for ev in [*derived, *idiomatic]:
        k = (ev.source.actor, ev.target.actor, ev.event_type, ev.negated)
        if k not in best:
            best[k] = ev
    for tok, _row in refusals:
        # "Seoul denied locking onto the plane": besides the negated lock-on, Seoul rejects the claim
        inner = {t.idx for t in tok.subtree if t != tok}
        refusers = {m.actor for m, _ in verb_subjects(tok, mentions_of)[0]}
        for ev in list(best.values()):
            if ev.negated and ev.trigger_start in inner and ev.source.actor in refusers:
                k = (ev.source.actor, ev.target.actor, "REJECT", False)
                if k not in best:
                    best[k] = ev._replace(
                        event_type="REJECT", intensity=EVENT_TYPES["REJECT"][1], trigger=tok.text,
                        trigger_start=tok.idx, negated=False, confidence=round(ev.confidence * weights.REFUSAL, 2),
                        lemma=tok.lemma_.lower(),
                    )  # fmt: skip
    yield from sorted(best.values(), key=lambda e: (e.trigger_start, e.source.actor, e.target.actor))




def _coded(tok, row: Trigger, roles: Roles, pairs) -> list[CodedEvent]:
    """The coded events of one trigger row and its (source, target, confidence) pairs."""
    pred = (speech_head(tok) or tok) if "speaker" in row.slots else tok
    negated = is_negated(pred)  # "warned that X would pay a price": the warning is the event
    modality = modality_of(pred)
    event_type = row.event_type
    if modality == "hypothetical" and event_type in CONDITIONAL_THREAT_TYPES and (
        conditional_consequent(pred) or left_open(pred)
    ):
        # "would impose sanctions on Beijing if it invaded", "did not rule out the use of force": a threat, made now
        event_type = "THREATEN"
    text = tok.text if not row.particle else f"{tok.text} {row.particle}"
    where, lemma = tok.idx, tok.lemma_.lower()
    promiser = None
    if event_type in PROMISED_TYPES and not negated:
        promiser = _promiser(pred, modality == "intended")
        if promiser is None and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and is_verb_of(tok.head, PLEDGING_VERBS, _PLEDGING_FORMS):
            promiser = tok.head  # "pledged cooperation with Pyongyang", "offered aid to Taipei"
    if promiser is not None:
        # "Beijing said it would host a summit", "agreed to resume talks": the promise, made when it was said
        event_type, text, where, lemma, modality = "AGREE", promiser.text, promiser.idx, promiser.lemma_.lower(), "asserted"
    intensity = row.intensity if row.intensity is not None and event_type == row.event_type else EVENT_TYPES[event_type][1]
    if row.symmetric and (modality != "asserted" or promiser is not None) and roles.targets:
        # "Seoul will strengthen cooperation with Tokyo": one side's intention, not yet mutual
        doers = {m.actor for m, _ in roles.sources}
        pairs = [(s, t, c) for s, t, c in pairs if s.actor in doers]
    return [
        CodedEvent(src, tgt, event_type, intensity, text, where, negated, modality, round(conf, 2), lemma)
        for src, tgt, conf in pairs
    ]


def _promiser(tok, intended: bool):
    """The verb of promising that governs an event, or of announcing that governs an ``intended`` one;
    None for neither ("pledged to visit", "committed to working with", "said it would host"; not
    "will visit", "hopes to meet", "the proposed sale", "said they met")."""
    chain = predicate_chain(tok)
    for prev, node in zip(chain, chain[1:], strict=False):
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in prev.children)  # "work closely to prepare"
        if (prev.dep_ == "advcl" and not purpose) or (prev.dep_ == "conj" and prev.tag_ in ("VBD", "VBZ", "VBP")):
            return None  # "cut contacts after Pelosi visited Taiwan", "plan ... and visited": a clause of its own
        if (
            node.pos_ == "VERB"
            and (prev.dep_ in ("xcomp", "ccomp", "conj", "pcomp") or (prev.dep_ == "prep" and prev.lower_ == "to"))
            and is_verb_of(node, PROMISING_VERBS, _PROMISING_FORMS)
            and (intended or not is_verb_of(node, ANNOUNCING_VERBS, _ANNOUNCING_FORMS))
        ):
            return node if not is_negated(node) else None
    return None


def _governing_targets(tok, given: dict[int, list[tuple[Mention, float]]], own: set[str]) -> list[tuple[Mention, float]]:
    """The targets of the event whose clause governs ``tok`` ("protested to China *and demanded* ...",
    "summoned the ambassador, *demanding* ..."), weighted down; the sources' own actors left out."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("conj", "advcl", "xcomp", "acl") or cur.head == cur:
            return []
        cur = cur.head
        if cur.i in given:
            return [(m, w * weights.GOVERNING_EVENT) for m, w in given[cur.i] if m.actor not in own]
    return []


def _sibling_targets(
    tok, given: dict[int, list[tuple[Mention, float]]], given_types: dict[int, str], own: set[str]
) -> list[tuple[Mention, float]]:
    """A complaint's target from the demand or complaint its speaker made alongside it: in "said China
    was strongly dissatisfied, urged Seoul to rein in its coast guard", Seoul is what China is
    dissatisfied with. The sibling is a conjunct of the verb of saying whose clause holds ``tok``."""
    say = speech_head(tok)
    if say is None:
        return []
    clause = tok.head if tok.dep_ in ("acomp", "attr") else tok  # "it was disappointed and demanded ..."
    siblings = [*clause.conjuncts, *say.conjuncts, *(c for c in say.children if c.dep_ == "advcl")]
    for sib in siblings:
        if sib.i in given and given_types.get(sib.i) in COMPLAINT_TYPES | {"REQUEST", "THREATEN"}:
            return [(m, w * weights.GOVERNING_EVENT) for m, w in given[sib.i] if m.actor not in own]
    return []


def _reason_targets(tok, mentions_of: MentionLookup, own: set[str], threat: bool = False) -> list[tuple[Mention, float]]:
    """The actor an event reacts to, named as the subject of its "after", "when" or "because" clause:
    "China threatened sanctions after the US approved the sale", "Japan protested when Chinese ships
    entered its waters". A ``threat`` is also aimed at the subject of its condition: "warned of severe
    consequences if Putin did not agree", "warned that it would resume the launches if Seoul continued"."""
    verb = tok
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head  # "warned of consequences if ..."
    elif tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ == "VERB":
        verb = tok.head
    markers = REASON_MARKERS | CONDITIONAL_MARKERS if threat else REASON_MARKERS
    verbs = [verb, *(c for c in verb.children if c.dep_ == "ccomp")] if threat else [verb]
    for clause in (c for v in verbs for c in v.children):
        if clause.dep_ != "advcl" or not any(m.dep_ in ("mark", "advmod") and m.lower_ in markers for m in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        found = [(m, w * weights.REASON_CLAUSE) for m, w in actors_of(subjects, mentions_of, 1.0) if m.actor not in own]
        if found:
            return found
    return []


def _learned(
    sent, mentions_of: MentionLookup, lexicon: TriggerLexicon, scorer: PairModel, known: set[frozenset[str]]
) -> Iterator[CodedEvent]:
    """Events the learned scorer finds among the actor pairs the rules left without one (either way)."""
    n_actors = len({m.actor for t in sent for m in mentions_of(t)})
    for triple in candidate_triples(sent, mentions_of, lexicon, frozenset(known)):
        if triple.row.event_type in STATE_TYPES and stands_for_people(triple.source_tok, mentions_of):
            continue  # "Chinese tourists visiting Japan" is no state visit
        if triple.row.event_type in RULES_ONLY_TYPES:
            continue
        p = scorer.probability(features(triple, n_actors))
        if p < scorer.threshold:
            continue
        tok, row = triple.trigger, triple.row
        intensity = row.intensity if row.intensity is not None else EVENT_TYPES[row.event_type][1]
        conf = round(weights.LEARNED * p * triple.source.confidence * triple.target.confidence, 2)
        yield CodedEvent(
            triple.source, triple.target, row.event_type, intensity, tok.text, tok.idx, is_negated(tok),
            modality_of(tok), conf, tok.lemma_.lower(),
        )  # fmt: skip


def _surface(sent, mentions_of: MentionLookup, lexicon: TriggerLexicon, skip: set[int]) -> Iterator[CodedEvent]:
    """Events read from word order for the triggers the parse gave nothing (:mod:`.surface`)."""
    for tok, row, sources, targets in surface_events(sent, mentions_of, lexicon, skip):
        if _governs_other_trigger(tok, row, lexicon):
            continue
        negated, modality = is_negated(tok), modality_of(tok)
        intensity = row.intensity if row.intensity is not None else EVENT_TYPES[row.event_type][1]
        for src in sources:
            for tgt in targets:
                pairs = [(tgt, src)] if row.reverse else [(src, tgt)]
                if row.symmetric:
                    pairs.append((pairs[0][1], pairs[0][0]))
                for a, b in pairs:
                    yield CodedEvent(
                        a, b, row.event_type, intensity, tok.text, tok.idx, negated, modality,
                        surface_confidence(a, b), tok.lemma_.lower(),
                    )  # fmt: skip


def _lexicon_rows(tok, sent, lexicon: TriggerLexicon) -> list[Trigger]:
    """The lexicon rows of a token, under the first part of speech that has any (:func:`.triggers.lookup_pos`)."""
    for pos in lookup_pos(tok):
        if pos == "NOUN" and tok.text[:1].isupper() and tok.i > sent[0].i:
            continue  # "the Seoul Defense Dialogue" names an event series, not an event between actors
        keys = (tok.lower_, *lemma_keys(tok)) if pos == "ADJ" else lemma_keys(tok)
        for key in keys:
            rows = lexicon.index.get((key, pos))
            if rows:
                return rows
    return []


def _cue_tokens(tok) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "compound", "amod", "nsubjpass", "prt", "attr", "nmod") or (
            c.dep_ == "advcl" and c.tag_ == "VBG"  # "share missile warning data" misparsed as a clause
        ):
            out.append(c)
            out.extend(cc for cc in c.children if cc.dep_ in ("compound", "amod", "conj"))
        if c.dep_ == "dobj":
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    out.extend(p for p in prep.children if p.dep_ == "pobj")
        if c.dep_ == "prep" and c.lower_ in ("with", "to", "of", "on", "from", "in", "into"):
            for p in c.children:  # "supplied Russia with shells", "added him to its sanctions list", "called in the envoy"
                if p.dep_ == "pobj":
                    out.append(p)
                    out.extend(cc for cc in p.children if cc.dep_ == "compound")
        if c.dep_ == "prep" and c.lower_ in ("over", "for"):
            out.extend(p for p in c.children if p.dep_ == "pobj")  # "attacked Tokyo over its remarks": the issue
        if c.dep_ == "advmod":
            out.append(c)  # "would respond strongly"
        if c.dep_ == "nsubj" and c.pos_ == "NOUN":
            out.append(c)  # "a North Korean missile flew over Hokkaido"
        if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp"):
            out.append(c)  # "called the launch reckless"
            out.extend(cc for cc in c.children if cc.dep_ in ("conj", "amod", "compound", "dobj", "attr"))
        if c.dep_ == "dobj":
            out.extend(cc for cc in c.children if cc.dep_ in ("amod", "oprd", "appos"))
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":  # "described the decision as a violation"
                    for p in prep.children:
                        out.append(p)
                        out.extend(cc for cc in p.children if cc.dep_ in ("conj", "amod", "compound"))
        if c.dep_ == "prep" and c.lower_ == "as":
            for p in c.children:  # "described the retaliation as inappropriate"
                out.append(p)
                out.extend(cc for cc in p.children if cc.dep_ in ("conj", "amod", "compound"))
    if tok.dep_ in ("compound", "relcl", "amod"):
        out.append(tok.head)  # "war games", "the vaccines which Tokyo provided", "exchanged views" (misparsed)
    # subject of a passive trigger or of an adjectival participle ("the exercises were suspended")
    return out



def _governs_other_trigger(tok, row: Trigger, lexicon: TriggerLexicon) -> bool:
    if tok.lemma_.lower() not in NEGATING_VERBS:
        return False
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "pcomp", "prep") or (c.dep_ == "dobj" and c.tag_ == "VBG"):
            for d in c.subtree:
                if d is tok:
                    continue
                pos = "VERB" if d.pos_ in ("VERB", "AUX") else "NOUN" if d.pos_ in ("NOUN", "PROPN") else ""
                if pos and (d.lemma_.lower(), pos) in lexicon.index and d.lemma_.lower() not in NEGATING_VERBS:
                    return True
    return False



def mention_map(sent, offset: int, mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    """token index -> mentions covering it (``offset``: char position of the parsed text in the document)."""
    out: dict[int, list[Mention]] = {}
    j = 0
    ms = sorted(mentions)
    for tok in sent:
        a = offset + tok.idx
        b = a + len(tok.text)
        while j < len(ms) and ms[j].end <= a:
            j += 1
        k = j
        while k < len(ms) and ms[k].start < b:
            if ms[k].start < b and a < ms[k].end:
                out.setdefault(tok.i, []).append(ms[k])
            k += 1
    return out
