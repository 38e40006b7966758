"""Stage 3: events and roles from the dependency parse.

The trigger lexicon (``data/triggers.csv``) maps a verb or noun lemma to a
PLOVER type and says where the target is found (``slots``: ``obj``, ``dative``
or prepositions such as ``with``, ``to``, ``on``, ``between``), whether the
event is symmetric (meetings, joint agreements: rows both ways), whether the
roles are reversed ("Tokyo hosted Yoon": the visitor is the source), and an
optional ``cue``: lemmas one of which must modify the trigger or be its object
("withdraw troops", "war games", "export controls").

Roles: subject -> source, object or prepositional object -> target; passives
flip (the ``by`` agent is the source); a subject is inherited through control
verbs ("agreed to meet"), conjoined verbs and relative clauses; noun triggers
take their source from a possessive or an actor modifier ("China's sanctions",
"US sanctions") or from the verb that governs them ("imposed sanctions on").
Coordinated actors give one row per pair.

Entry point: :func:`find_events` yields :class:`CodedEvent` records for one
parsed sentence.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from .actors import Mention
from .config import data_dir
from .errors import DataFileError
from .schema import EVENT_TYPES

#: Slots in the trigger lexicon that are not prepositions.
NON_PREPOSITION_SLOTS = frozenset({"obj", "dative", "between", "ccomp", "speaker", "cond"})


class Trigger(NamedTuple):
    lemma: str
    particle: str
    pos: str  # VERB or NOUN
    event_type: str
    slots: tuple[str, ...]
    symmetric: bool
    reverse: bool
    cue: frozenset[str]
    intensity: float | None


class CodedEvent(NamedTuple):
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


# Event nouns that can refer back to an earlier event of the same kind in the article.
EVENT_NOUN_GROUPS: dict[str, str] = {
    **dict.fromkeys(("drill", "exercise", "game", "maneuver", "manoeuvre", "patrol", "deployment"), "exercise"),
    **dict.fromkeys(("launch", "test", "missile", "firing", "flight"), "launch"),
    **dict.fromkeys(("pact", "treaty", "agreement", "deal", "accord"), "agreement"),
    **dict.fromkeys(("visit", "trip", "stopover", "transit"), "visit"),
    **dict.fromkeys(("sale", "package", "delivery", "shipment", "transfer"), "sale"),
    **dict.fromkeys(("sanction", "ban", "curb", "restriction", "control", "tariff", "measure", "embargo", "duty", "levy"), "sanction"),
    **dict.fromkeys(("detention", "arrest", "seizure", "abduction"), "detention"),
    **dict.fromkeys(("accusation", "charge", "claim", "allegation"), "accusation"),
    **dict.fromkeys(("offer", "proposal", "invitation", "pledge"), "offer"),
    **dict.fromkeys(("demand", "request", "call", "appeal"), "demand"),
    **dict.fromkeys(("attack", "strike", "shelling", "invasion", "bombing", "killing", "demolition"), "attack"),
    **dict.fromkeys(("intrusion", "incursion", "violation"), "intrusion"),
    **dict.fromkeys(("threat", "warning", "ultimatum"), "threat"),
    # generic nouns: the latest event of any kind ("welcomed the decision")
    **dict.fromkeys(("decision", "move", "step", "announcement", "action", "plan"), "any"),
}
#: Verb triggers whose event a later noun can refer to ("Tokyo accused Seoul ... Seoul denied the accusation").
VERB_EVENT_GROUPS: dict[str, str] = {
    **dict.fromkeys(("accuse", "charge", "blame"), "accusation"),
    **dict.fromkeys(("offer", "propose", "invite", "pledge", "promise"), "offer"),
    **dict.fromkeys(("demand", "request", "urge", "ask", "call"), "demand"),
    **dict.fromkeys(("launch", "fire", "test"), "launch"),
    **dict.fromkeys(("visit", "travel", "fly", "meet", "host"), "visit"),
    **dict.fromkeys(("sanction", "ban", "restrict", "curb", "blacklist", "designate"), "sanction"),
    **dict.fromkeys(("detain", "arrest", "seize", "abduct", "kidnap"), "detention"),
    **dict.fromkeys(("attack", "strike", "shell", "bomb", "invade", "kill", "destroy", "demolish"), "attack"),
    **dict.fromkeys(("threaten", "warn"), "threat"),
    **dict.fromkeys(("sign", "agree"), "agreement"),
    **dict.fromkeys(("sell", "supply", "deliver", "transfer", "ship"), "sale"),
    **dict.fromkeys(("deploy", "mobilize"), "exercise"),
    **dict.fromkeys(("intrude", "violate", "enter", "cross"), "intrusion"),
}


def event_group(lemma: str) -> str:
    """The event-noun group an event with this trigger lemma can later be called by, or ""."""
    return EVENT_NOUN_GROUPS.get(lemma) or VERB_EVENT_GROUPS.get(lemma, "")


#: Types whose target may be found through an event noun ("Taipei condemned the drills").
RECALL_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "CONCEDE", "REQUEST", "RETREAT", "SANCTION"})
#: Types that take over the *target* of the event referred to ("China voted for the measure": sanctions on X).
RECALL_TARGET_TYPES = frozenset({"SANCTION"})
#: Denials and refusals: the inner event is negated, and the refusal itself is a REJECT.
REFUSING_VERBS = frozenset({"deny", "refuse", "decline", "reject"})


# Verbs whose complement is an event that did not happen.
NEGATING_VERBS = frozenset({"deny", "refuse", "decline", "fail", "reject", "avoid", "rule"})
# Verbs whose complement is an intended or planned event.
INTENT_VERBS = frozenset(
    {"intend", "plan", "aim", "seek", "want", "hope", "expect", "prepare", "consider", "mull", "try", "attempt",
     "wish", "propose", "threaten", "vow", "pledge", "promise", "decide", "agree", "offer", "schedule", "set",
     "work", "push", "look", "strive", "move"}
)  # fmt: skip
SPEECH_VERBS = frozenset(
    {"say", "state", "tell", "announce", "add", "declare", "note", "insist", "claim", "report", "confirm", "signal",
     "pledge", "vow", "promise", "warn", "indicate", "stress", "write", "reply", "respond"}
)  # fmt: skip
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# Verbs whose object noun names the subject's own event ("held talks", "imposed sanctions").
SUPPORT_VERBS = frozenset(
    ["hold", "conduct", "stage", "carry", "launch", "impose", "announce", "sign", "reach", "strike", "seal", "conclude", "make", "offer", "extend", "provide", "give", "pledge", "lodge", "issue", "deliver", "express", "begin", "start", "resume", "continue", "expand", "deepen", "strengthen", "boost", "step", "increase", "intensify", "seek", "propose", "agree", "approve", "host", "wage", "mount", "levy", "slap", "place", "put", "raise", "tighten", "unveil", "adopt", "enact", "apply", "introduce", "pursue", "plan", "enter", "join", "engage", "take", "keep", "maintain", "complete", "finalize", "finalise", "organize", "organise", "perform", "receive", "send", "open", "announce", "renew", "broaden", "accelerate", "ink", "forge", "negotiate", "restore", "upgrade", "escalate", "threaten", "vow", "promise", "order", "authorize", "authorise", "clear", "green-light", "greenlight", "okay", "sell", "conduct", "deploy", "fire", "test", "hold"]
)
RELATIONAL_NOUNS = frozenset(
    {"ally", "partner", "neighbour", "neighbor", "rival", "adversary", "foe", "enemy", "friend", "client", "proxy",
     "patron", "counterpart", "protege", "satellite"}
)  # fmt: skip
CIRCUMSTANCE_PREPS = frozenset({"at", "during", "in", "on", "after", "before", "since", "ahead", "amid", "despite"})
REQUEST_VERBS = frozenset({"urge", "demand", "ask", "call", "press", "request", "want", "push", "appeal", "implore"})
PLAN_ADJECTIVES = frozenset(
    {"planned", "proposed", "expected", "scheduled", "possible", "potential", "upcoming", "future", "prospective",
     "mooted", "likely"}
)  # fmt: skip
# Nouns that pass an actor through "of": "the government of Japan".
OF_NOUNS = frozenset(
    {"government", "leader", "president", "minister", "ministry", "people", "citizen", "navy", "military", "army",
     "force", "forces", "side", "delegation", "embassy", "ambassador", "official", "officials", "administration",
     "foreign", "coast", "member", "troops", "troop", "soldier", "republic", "state", "regime", "leadership"}
)  # fmt: skip
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


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
                if pos not in ("VERB", "NOUN"):
                    raise DataFileError(f"{path}:{n}: pos must be VERB or NOUN, not {pos!r}")
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
        """Lower-case word forms of every trigger, for the cheap sentence prefilter."""
        forms: set[str] = set()
        for t in self.triggers:
            forms |= inflections(t.lemma, t.pos)
        return frozenset(forms)

    @cached_property
    def form_pattern(self) -> re.Pattern[str]:
        return re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def _yes(value: str | None) -> bool:
    return (value or "").strip().lower() in {"yes", "true", "1", "y"}


_IRREGULAR = {
    "meet": {"met"}, "speak": {"spoke", "spoken"}, "send": {"sent"}, "sell": {"sold"}, "give": {"gave", "given"},
    "hold": {"held"}, "strike": {"struck", "stricken"}, "shoot": {"shot"}, "withdraw": {"withdrew", "withdrawn"},
    "fly": {"flew", "flown", "flies"}, "take": {"took", "taken"}, "seek": {"sought"}, "buy": {"bought"},
    "sink": {"sank", "sunk"}, "blow": {"blew", "blown"}, "freeze": {"froze", "frozen"}, "cut": {"cut"},
    "forgive": {"forgave", "forgiven"}, "stand": {"stood"}, "lead": {"led"}, "win": {"won"}, "tell": {"told"},
    "drive": {"drove", "driven"}, "break": {"broke", "broken"}, "rise": {"rose", "risen"}, "bring": {"brought"},
    "shell": {"shelled"}, "ban": {"banned"}, "ram": {"rammed"}, "jam": {"jammed"}, "plan": {"planned"},
    "sue": {"sued"}, "free": {"freed"}, "lay": {"laid"}, "pay": {"paid"}, "deal": {"dealt"},
}  # fmt: skip


def inflections(lemma: str, pos: str) -> set[str]:
    """Over-generated word forms of a lemma (cheap, no model): used only to prefilter."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    forms |= _IRREGULAR.get(lemma, set())
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if pos == "NOUN" and lemma.endswith(("s", "sh", "ch", "x")):
        forms.add(lemma + "es")
    return forms


# --------------------------------------------------------------------------- roles


class Roles(NamedTuple):
    sources: list[tuple[Mention, float]]
    targets: list[tuple[Mention, float]]


MentionLookup = Callable[[object], list[Mention]]


class EventRef(NamedTuple):
    """What an article has said about an event of some kind: who did it (and to whom)."""

    source: Mention
    target: Mention | None = None


RecallLookup = Callable[[str], "EventRef | None"]
RememberHook = Callable[[str, EventRef], None]


def find_events(
    sent,
    mentions_of: MentionLookup,
    lexicon: TriggerLexicon,
    recall: RecallLookup | None = None,
    remember: RememberHook | None = None,
) -> Iterator[CodedEvent]:
    """Stage entry point: events in one parsed sentence (a spaCy ``Doc`` or ``Span``).

    ``mentions_of(token)`` returns the actor mentions a token stands for
    (dictionary names, resolved surnames and anaphora), or [].
    ``recall(group)`` returns the latest earlier event of an event-noun group
    ("exercise", "launch", ...) in the same article, for "Taipei condemned the drills";
    ``remember(group, ref)`` is told of events whose agent is known even when
    they have no target ("North Korea fired a missile"; "a North Korean missile").
    """
    best: dict[tuple[str, str, str, bool], CodedEvent] = {}
    consumed: set[int] = set()
    refusals: list = []
    if remember is not None:
        _remember_event_nouns(sent, mentions_of, remember)
    tokens = sorted(sent, key=lambda t: (t.pos_ != "VERB", t.i))  # verbs first: they may consume nouns
    for tok in tokens:
        if tok.i in consumed:
            continue
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else ""
        if not pos or (pos == "NOUN" and tok.text[:1].isupper() and tok.i > sent[0].i):
            continue  # "the Seoul Defense Dialogue" names an event series, not an event between actors
        for key in _lemma_keys(tok):
            rows = lexicon.index.get((key, pos))
            if rows:
                break
        else:
            continue
        for row in rows:
            cue_tokens = _cue_tokens(tok)
            if row.particle and not any(c.dep_ == "prt" and c.lower_ == row.particle for c in tok.children):
                continue
            if row.cue and not any(c.lemma_.lower() in row.cue or c.lower_ in row.cue for c in cue_tokens):
                continue
            if row.cue:
                # "put off their joint exercises": the exercises belong to this event, not one of their own
                consumed.update(c.i for c in cue_tokens if c.lemma_.lower() in row.cue and c.i != tok.i)
            if _governs_other_trigger(tok, row, lexicon):
                if tok.lemma_.lower() in REFUSING_VERBS:
                    refusals.append((tok, row))
                break  # "denied locking onto": the inner event is negated instead
            roles = _roles(tok, row, mentions_of, recall)
            if not roles.sources:
                continue
            pairs = _pairs(roles, row)
            if not pairs:
                group = event_group(tok.lemma_.lower())
                if remember is not None and group and not row.reverse and not _negated(tok):
                    remember(group, EventRef(roles.sources[0][0]))
                continue
            pred = (_speech_head(tok) or tok) if "speaker" in row.slots else tok
            negated = _negated(pred)  # "warned that X would pay a price": the warning is the event
            modality = _modality(pred)
            intensity = row.intensity if row.intensity is not None else EVENT_TYPES[row.event_type][1]
            text = tok.text if not row.particle else f"{tok.text} {row.particle}"
            for src, tgt, conf in pairs:
                ev = CodedEvent(
                    src, tgt, row.event_type, intensity, text, tok.idx, negated, modality, round(conf, 2),
                    tok.lemma_.lower(),
                )  # fmt: skip
                k = (src.actor, tgt.actor, row.event_type, negated)
                if k not in best or best[k].confidence < ev.confidence:
                    best[k] = ev
            break
    for ev in [*_modal_requests(sent, mentions_of), *_negative_claims(sent, mentions_of, recall)]:
        k = (ev.source.actor, ev.target.actor, ev.event_type, ev.negated)
        if k not in best:
            best[k] = ev
    for tok, _row in refusals:
        # "Seoul denied locking onto the plane": besides the negated lock-on, Seoul rejects the claim
        inner = {t.idx for t in tok.subtree if t is not tok}
        refusers = {m.actor for m, _ in _verb_subjects(tok, mentions_of)[0]}
        for ev in list(best.values()):
            if ev.negated and ev.trigger_start in inner and ev.source.actor in refusers:
                k = (ev.source.actor, ev.target.actor, "REJECT", False)
                if k not in best:
                    best[k] = ev._replace(
                        event_type="REJECT", intensity=EVENT_TYPES["REJECT"][1], trigger=tok.text,
                        trigger_start=tok.idx, negated=False, confidence=round(ev.confidence * 0.9, 2),
                        lemma=tok.lemma_.lower(),
                    )  # fmt: skip
    yield from sorted(best.values(), key=lambda e: (e.trigger_start, e.source.actor, e.target.actor))


OBLIGATION_AUX = frozenset({"should", "must"})
#: Predicates of a reported claim that make it an accusation: "said the sale damaged China's interests".
NEGATIVE_PREDICATES = frozenset(
    {"damage", "harm", "hurt", "undermine", "erode", "worsen", "escalate", "destabilize", "destabilise", "threaten",
     "violate", "breach", "infringe", "interfere", "jeopardize", "jeopardise", "endanger", "provoke", "sabotage",
     "poison", "disrupt", "wreck", "meddle", "smear", "attack"}
)  # fmt: skip
#: Nouns that make "X amounted to / was / posed a ___" an accusation.
NEGATIVE_NOUNS = frozenset(
    {"interference", "violation", "provocation", "threat", "breach", "mistake", "aggression", "coercion", "meddling",
     "blackmail", "bullying", "crime", "lie", "smear", "signal", "stunt", "trick", "betrayal", "hypocrisy"}
)  # fmt: skip


def _negative_claims(sent, mentions_of: MentionLookup, recall: RecallLookup | None) -> Iterator[CodedEvent]:
    """"X said Y's move damaged / amounted to interference in ...": X accuses Y (ACCUSE)."""
    for clause in sent:
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_VERBS | {"argue"}:
            continue
        lemma = clause.lemma_.lower()
        objects = [c for c in clause.children if c.dep_ in ("dobj", "attr")]
        objects += [p for c in clause.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        if lemma not in NEGATIVE_PREDICATES and not any(o.lemma_.lower() in NEGATIVE_NOUNS for o in objects):
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        speakers = _verb_subjects(clause.head, mentions_of)[0]
        targets = _actors_of(subjects, mentions_of, 0.8)
        if not targets and recall is not None:
            for subj in subjects:
                group = EVENT_NOUN_GROUPS.get(subj.lemma_.lower())
                earlier = recall(group) if group else None
                if earlier is not None:
                    speaker_actors = {m.actor for m, _ in speakers}
                    agent = next((m for m in (earlier.source, earlier.target) if m and m.actor not in speaker_actors), None)
                    if agent is not None:
                        targets = [(agent._replace(text=subj.text, kind="event", via="event"), 0.6)]
        for (src, ws), (tgt, wt) in ((s, t) for s in speakers for t in targets):
            if src.actor != tgt.actor:
                yield CodedEvent(
                    src, tgt, "ACCUSE", EVENT_TYPES["ACCUSE"][1], clause.text, clause.idx,
                    _negated(clause.head), _modality(clause.head), round(ws * wt * src.confidence * tgt.confidence, 2),
                    "accuse",
                )  # fmt: skip


def _modal_requests(sent, mentions_of: MentionLookup) -> Iterator[CodedEvent]:
    """"X said Y should/must V": X asks something of Y (REQUEST)."""
    for clause in sent:
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_VERBS:
            continue
        aux = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX]
        if not aux:
            continue
        speakers = _verb_subjects(clause.head, mentions_of)[0]
        addressees = _actors_of([c for c in clause.children if c.dep_ == "nsubj"], mentions_of, 0.8)
        for (src, ws), (tgt, wt) in ((s, t) for s in speakers for t in addressees):
            if src.actor != tgt.actor:
                yield CodedEvent(
                    src, tgt, "REQUEST", EVENT_TYPES["REQUEST"][1], aux[0].text, aux[0].idx,
                    _negated(clause.head), _modality(clause.head), round(ws * wt * src.confidence * tgt.confidence, 2),
                    "demand",
                )  # fmt: skip


def _remember_event_nouns(sent, mentions_of: MentionLookup, remember: RememberHook) -> None:
    """Event nouns with an actor modifier ("a North Korean missile", "China's drills") name their agent."""
    for tok in sent:
        group = EVENT_NOUN_GROUPS.get(tok.lemma_.lower())
        if not group or group == "any" or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound") and not _hyphen_participle(c):
                found = mentions_of(c)
                if found:
                    remember(group, EventRef(found[0]))
                    break


def _lemma_keys(tok) -> tuple[str, ...]:
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    return (lemma, lower) if lemma != lower else (lemma,)


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
        if c.dep_ == "prep" and c.lower_ in ("with", "to", "of", "on", "from"):
            for p in c.children:  # "supplied Russia with shells", "added him to its sanctions list"
                if p.dep_ == "pobj":
                    out.append(p)
                    out.extend(cc for cc in p.children if cc.dep_ == "compound")
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


def _expand(tokens) -> list:
    out = []
    for t in tokens:
        out.append(t)
        out.extend(t.conjuncts)
    seen, uniq = set(), []
    for t in out:
        if t.i not in seen:
            seen.add(t.i)
            uniq.append(t)
    return uniq


def phrase_actors(tok, mentions_of: MentionLookup, depth: int = 0) -> list[Mention]:
    """Actors a noun phrase headed by ``tok`` stands for (head first, then its modifiers)."""
    found = list(mentions_of(tok))
    if depth > 2 or (not found and tok.lemma_.lower() in RELATIONAL_NOUNS):
        return found  # "a US ally", "China's neighbours": the modifier is the relatum, not the referent
    out: list[Mention] = list(found)
    for c in tok.children:
        if c.tag_ in ("VBN", "VBG") or _hyphen_participle(c):
            continue  # "US-backed pact": the backer is not the pact's party
        if found and c.dep_ == "conj":
            out.extend(phrase_actors(c, mentions_of, depth + 1))
            continue
        if found and c.pos_ != "PROPN":
            continue  # "US ally Japan" is Japan; "Masami Oka and Sin Beom-cheol" (misparsed) is both
        if c.dep_ in _MODIFIER_DEPS or (c.dep_ == "appos" and depth == 0 and not found):
            out.extend(phrase_actors(c, mentions_of, depth + 1))
    if not out:  # "the government of Japan", "imports of Japanese seafood"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for p in prep.children:
                    if p.dep_ == "pobj":
                        out.extend(phrase_actors(p, mentions_of, depth + 1))
    uniq: dict[tuple[int, str], Mention] = {}
    for m in out:
        uniq.setdefault((m.start, m.actor), m)
    return list(uniq.values())


def _hyphen_participle(tok) -> bool:
    """``tok`` is the first part of "US-backed", "China-led", "Russia-made"."""
    doc = tok.doc
    return (
        tok.i + 2 < len(doc)
        and doc[tok.i + 1].text == "-"
        and (doc[tok.i + 2].tag_ in ("VBN", "VBD") or doc[tok.i + 2].lower_.endswith("ed"))
    )


def _actors_of(tokens, mentions_of: MentionLookup, weight: float) -> list[tuple[Mention, float]]:
    out = []
    for t in _expand(tokens):
        out.extend((m, weight) for m in phrase_actors(t, mentions_of))
    return out


#: Types whose object may name its partner only through a preposition ("banned trade with Pyongyang").
PARTNER_TYPES = frozenset({"SANCTION", "RETREAT", "COOPERATE", "AID"})


def _object_actors(tokens, row: Trigger, mentions_of: MentionLookup, weight: float) -> list[tuple[Mention, float]]:
    """Actors of an object phrase, or of its partner when it has none.

    "a ban on trade with Pyongyang", "lifted curbs on exports to Seoul" (sanction-like
    types), "accepted an invitation to visit Pyongyang" (agreements).
    """
    found = _actors_of(tokens, mentions_of, weight)
    if found:
        return found
    for t in _expand(tokens):
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        if row.event_type in PARTNER_TYPES and t.lemma_.lower() not in EVENT_NOUN_GROUPS:
            # (not "struck a deal with X": that is the deal's own partner)
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ in ("with", "to", "from", "against"):
                    objs = [p for p in prep.children if p.dep_ == "pobj"]
                    found.extend(_actors_of(objs, mentions_of, weight * 0.8))
        if row.event_type == "AGREE":
            for acl in t.children:  # "accepted an invitation to visit Pyongyang"
                if acl.dep_ == "acl" and acl.pos_ == "VERB":
                    objs = [c for c in acl.children if c.dep_ == "dobj"]
                    found.extend(_actors_of(objs, mentions_of, weight * 0.7))
    return found


def _verb_subjects(verb, mentions_of: MentionLookup, depth: int = 0) -> tuple[list, list, float]:
    """(sources, passive patients, weight) for a verb, inheriting subjects where needed."""
    subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    weight = 1.0 - 0.1 * depth
    if subj:
        return _actors_of(subj, mentions_of, weight), [], weight
    if passive or agents:
        return _actors_of(agents, mentions_of, weight), _actors_of(passive, mentions_of, weight), weight
    if depth >= 3:
        return [], [], weight
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb:
        # object control ("urged Japan to lift") before subject control ("agreed to meet")
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objs and head.lemma_.lower() not in INTENT_VERBS:
            return _actors_of(objs, mentions_of, weight * 0.9), [], weight
        return _verb_subjects(head, mentions_of, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for"):
        gov = head.head  # "accused Seoul of locking", "was accused of supplying": Seoul locks, the accused supplies
        objs = [c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")]
        if objs:
            return _actors_of(objs, mentions_of, weight * 0.9), [], weight
    if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp") and head is not verb and head.pos_ in ("VERB", "AUX"):
        return _verb_subjects(head, mentions_of, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _verb_subjects(head.head, mentions_of, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head is not verb:
        return _actors_of([head], mentions_of, weight * 0.9), [], weight
    if verb.dep_ == "ROOT":
        return _left_region(verb, mentions_of), [], weight
    return [], [], weight


def _left_region(verb, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    """Fallback subject for a verb the parser left without one: actors just left of it.

    Scans back to the previous verb, skipping objects of prepositions
    ("... held in Seoul, US, Japanese and South Korean officials held a meeting").
    """
    out: list[tuple[Mention, float]] = []
    for t in reversed(list(verb.doc[max(0, verb.i - 15) : verb.i])):
        if t.pos_ in ("VERB", "AUX") or t.text in (";", ":", '"', "“", "”"):
            break
        if t.dep_ == "pobj" or t.head.dep_ == "pobj":
            continue
        out.extend((m, 0.6) for m in mentions_of(t))
    return out


def _noun_sources(noun, mentions_of: MentionLookup, depth: int = 0) -> tuple[list, float]:
    mods = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    found = _actors_of(mods, mentions_of, 0.9) if mods else []
    if found or depth >= 4:
        return found, 0.9
    for prep in noun.children:  # "sanctions by Japan", "a visit by Pelosi"
        if prep.dep_ in ("prep", "agent") and prep.lower_ == "by":
            found = _actors_of([p for p in prep.children if p.dep_ == "pobj"], mentions_of, 0.85)
            if found:
                return found, 0.9
    for acl in noun.children:  # "sanctions imposed by the US", "a deal struck by Trump"
        if acl.dep_ == "acl":
            agents = [p for c in acl.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if agents:
                return _actors_of(agents, mentions_of, 0.9), 0.9
    head = noun.head
    if head is noun:
        return [], 0.0
    if (
        noun.dep_ == "nsubj"
        and head.pos_ in ("VERB", "AUX")
        and head.tag_ in ("VBG", "VBN")  # a participle taken for a clause: "resumed exercises ending a deal"
        and head.dep_ in ("ccomp", "xcomp", "advcl", "conj")
    ):
        srcs, _, w = _verb_subjects(head.head, mentions_of)  # misparsed object ("resumed exercises ending ...")
        return srcs, 0.6 * w
    if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() not in SUPPORT_VERBS and head.lower_ not in _SUPPORT_FORMS:
            return [], 0.0  # "discussed the pact": the pact's parties are not the discussants
        srcs, _, w = _verb_subjects(head, mentions_of)
        return srcs, 0.85 * w
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        gov = head.head
        if gov.pos_ in ("NOUN", "PROPN", "NUM"):
            return _noun_sources(gov, mentions_of, depth + 1)
        if gov.pos_ in ("VERB", "AUX"):
            srcs, _, w = _verb_subjects(gov, mentions_of)
            return srcs, 0.8 * w
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
                    out.extend(_object_actors([c], row, mentions_of, 0.95))
                elif (
                    slot == "obj"
                    and holder is tok
                    and c.dep_ in ("advmod", "npadvmod", "dep")
                    and c.i > tok.i
                    and c.text[:1].isupper()
                ):
                    out.extend(_actors_of([c], mentions_of, 0.8))  # "Kishida met Yoon": name misparsed
                elif slot == "cond" and holder is tok and c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "should", "unless", "once") for m in c.children
                ):  # "Moscow would respond harshly if Seoul sent arms": the threatened side
                    subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                    out.extend(_actors_of(subj, mentions_of, 0.75))
                elif slot == "ccomp" and holder is tok and c.dep_ == "ccomp":
                    subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                    out.extend(_actors_of(subj, mentions_of, 0.85))
                elif slot == "dative" and holder is tok and c.dep_ == "dative":
                    objs = [p for p in c.children if p.dep_ == "pobj"] or [c]
                    out.extend(_actors_of(objs, mentions_of, 0.9))
                elif slot not in NON_PREPOSITION_SLOTS and c.dep_ in ("prep", "dative", "agent") and c.lower_ == slot:
                    objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
                    out.extend(_object_actors(objs, row, mentions_of, 0.85 if holder is tok else 0.75))
    if not out and row.symmetric:
        out = _deep_slot_targets(tok, row, mentions_of)
    return out


def _deep_slot_targets(tok, row: Trigger, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    """Fallback for misparses: a slot preposition further down, not inside another clause."""
    out: list[tuple[Mention, float]] = []
    preps = {s for s in row.slots if s not in NON_PREPOSITION_SLOTS}
    stack = [(c, 1) for c in tok.children if c.dep_ not in ("ccomp", "relcl", "xcomp", "conj", "nsubj")]
    while stack:
        node, depth = stack.pop()
        if node.dep_ == "prep" and node.lower_ in preps:
            out.extend(_actors_of([p for p in node.children if p.dep_ == "pobj"], mentions_of, 0.6))
        if depth < 3:
            stack.extend((c, depth + 1) for c in node.children if c.dep_ not in ("ccomp", "relcl", "nsubj"))
    return out


def _speech_head(tok):
    """The verb of saying or warning whose clause holds ``tok``, or None."""
    cur = tok
    for _ in range(4):
        if cur.head is cur:
            return None
        if cur.dep_ in ("ccomp", "xcomp", "advcl") and cur.head.lemma_.lower() in SPEECH_VERBS:
            return cur.head
        cur = cur.head
    return None


def _speaker(tok, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    """Subject of the verb of saying or warning whose clause holds ``tok`` ("warned the North would pay")."""
    head = _speech_head(tok)
    return _verb_subjects(head, mentions_of)[0] if head is not None else []


def _between(tok, mentions_of: MentionLookup) -> list[tuple[Mention, float]]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among"):
            return _actors_of([p for p in c.children if p.dep_ == "pobj"], mentions_of, 0.9)
    return []


def _recall_target(tok, row: Trigger, sources, recall: RecallLookup | None) -> list[tuple[Mention, float]]:
    """Target through an event noun that refers back to an earlier event ("condemned the drills")."""
    if recall is None or row.event_type not in RECALL_TYPES:
        return []
    nouns = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in row.slots:
            nouns.extend(p for p in c.children if p.dep_ == "pobj")
    source_actors = {m.actor for m, _ in sources}
    for noun in nouns:
        group = EVENT_NOUN_GROUPS.get(noun.lemma_.lower())
        if not group or any(c.dep_ in ("poss", "compound", "amod") and c.pos_ == "PROPN" for c in noun.children):
            continue
        earlier = recall(group)
        if earlier is None:
            continue
        order = (earlier.target, earlier.source) if row.event_type in RECALL_TARGET_TYPES else (earlier.source, earlier.target)
        for m in order:
            if m is not None and m.actor not in source_actors:
                return [(m._replace(text=noun.text, kind="event", via="event"), 0.6)]
    return []


def _roles(tok, row: Trigger, mentions_of: MentionLookup, recall: RecallLookup | None = None) -> Roles:
    if row.pos == "VERB":
        sources, patients, _ = _verb_subjects(tok, mentions_of)
        targets = patients + _slot_targets(tok, row, mentions_of)
        if patients and not sources:
            # passive without agent: "Japan was accused of ..." has no source
            return Roles([], targets)
    else:
        targets = _slot_targets(tok, row, mentions_of)
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if not targets and gov.pos_ in ("VERB", "AUX") and tok.dep_ in ("pobj", "dobj"):
            # "Russia was hit with sanctions by Japan": the passive subject is the target
            patients = [c for c in gov.children if c.dep_ == "nsubjpass"]
            targets = _actors_of(patients, mentions_of, 0.8)
        sources, weight = _noun_sources(tok, mentions_of)
        if not targets and tok.dep_ == "pobj" and tok.head.lower_ in CIRCUMSTANCE_PREPS:
            # "At a council meeting, China and Russia blamed ...": the meeting's parties are unknown
            sources = []
        sources = [(m, w * weight) for m, w in sources]
        if "between" in row.slots and not sources:
            sources = _between(tok, mentions_of)
    if not targets and sources and not row.symmetric:
        targets = _recall_target(tok, row, sources, recall)
    if row.reverse:
        sources, targets = targets, sources
    return Roles(sources, targets)


def _pairs(roles: Roles, row: Trigger) -> list[tuple[Mention, Mention, float]]:
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
                    out.append((s, t, 0.9 * ws * wt * s.confidence * t.confidence))
    return out


# --------------------------------------------------------------------------- negation, modality


def _predicate_chain(tok) -> list:
    """The trigger, then the verbs that govern it (through objects, complements, conjuncts)."""
    chain = [tok]
    cur = tok
    for _ in range(6):
        head = cur.head
        if head is cur:
            break
        if cur.dep_ in ("dobj", "pobj", "prep", "xcomp", "ccomp", "pcomp", "nsubjpass", "attr", "advcl", "conj",
                        "acomp") or (cur.dep_ == "nsubj" and cur.pos_ == "NOUN"):
            chain.append(head)
            cur = head
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ in ("ROOT",):
                break
        else:
            break
    return chain


def _negated(tok) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children):
        return True
    chain = _predicate_chain(tok)
    for prev, node in zip(chain, chain[1:], strict=False):
        if node.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "neg" for c in node.children):
                return True
            if node.lemma_.lower() in NEGATING_VERBS and prev.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "prep"):
                return True
            if prev.dep_ in ("ccomp", "advcl"):
                break  # a negation above a reported clause does not reach it
        elif node.lower_ == "without":
            return True
        elif node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
            return True  # "had no plan to join", "no intention of meeting"
    return False


def _modality(tok) -> str:
    chain = _predicate_chain(tok)
    intended = any(c.dep_ == "amod" and c.lower_ in PLAN_ADJECTIVES for c in tok.children)
    for prev, node in zip([None, *chain], chain, strict=False):
        if node.pos_ not in ("VERB", "AUX") and node is not tok:
            continue
        for c in node.children:
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return "hypothetical"
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                return "hypothetical"  # the consequent of a condition: "would respond if Seoul sent arms"
            if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX:
                if c.lower_ == "would" and node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS:
                    intended = True  # "Seoul said it would share": future in the past
                    continue
                return "hypothetical"
            if c.dep_ == "aux" and c.lower_ in FUTURE_AUX:
                intended = True
        if node.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "hypothetical"
        if prev is not None and prev.dep_ in ("xcomp", "ccomp") and node.lemma_.lower() in REQUEST_VERBS:
            return "hypothetical"  # "urged Moscow to halt ...": requested, not done
        if prev is not None and prev.dep_ in ("xcomp", "ccomp") and node.lemma_.lower() in INTENT_VERBS:
            intended = True
        if prev is not None and prev.dep_ == "xcomp" and node.lemma_ == "be":
            intended = True  # "Moon is to visit Pyongyang"
        if prev is not None and prev.dep_ == "ccomp":
            break
    return "intended" if intended else "asserted"


def sentence_has_trigger(text: str, lexicon: TriggerLexicon) -> bool:
    """Cheap prefilter: does the text contain a word form of any trigger?"""
    forms = lexicon.surface_forms
    return any(w.lower() in forms for w in lexicon.form_pattern.findall(text))


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


_SUPPORT_FORMS = frozenset(f for verb in SUPPORT_VERBS for f in inflections(verb, "VERB"))
