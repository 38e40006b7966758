"""Candidate (source, target, trigger) triples of a parsed sentence, and their features.

The rules of :mod:`.roles` follow the parse; where the small model misparses, a reader still
sees that "Seoul ... condemned ... Pyongyang" belong together. A learned scorer
(:mod:`.learned`) judges each triple from features a reader would use: the trigger's type and
part of speech, the order of the three words, their distances, the dependency labels on the
way from each actor to the trigger, clause boundaries and finite verbs in between, the
preposition before the target. This module enumerates the triples and computes the features;
it is shared by training (:mod:`extraction.training`) and extraction, so both see the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..actors import Mention
from ..lexicons import word_class
from .phrases import MentionLookup
from .triggers import NON_PREPOSITION_SLOTS, Trigger, TriggerLexicon, lemma_keys, trigger_pos

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Labels inside a noun phrase, walked up to reach its head ("the *Russian* ambassador").
_PHRASE_INNER = frozenset({"amod", "compound", "poss", "nmod", "det", "case"})
_BOUNDARY = frozenset({";", ":", "—", "–", '"', "“", "”", "(", ")"})
_SUBORDINATORS = word_class("subordinator")
#: Words that open an adverbial clause walling its actors off from the main clause's event.
_CLAUSE_MARKS = _SUBORDINATORS | word_class("clause_mark")
#: Prepositions before an object actor that the scorer tells apart ("talks with Seoul").
_OBJECT_PREPS = word_class("object_preposition")


class Triple(NamedTuple):
    """One candidate event: ``source`` does ``row.event_type`` to ``target``, carried by ``trigger``."""

    source: Mention
    target: Mention
    source_tok: object  # spaCy Token: the head token of the source mention
    target_tok: object
    trigger: object  # spaCy Token
    row: Trigger


def _bin(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (16, "9-16")):
        if n <= limit:
            return name
    return "17+"


def _head_tokens(sent, mentions_of: MentionLookup) -> dict[str, list[tuple[Mention, object]]]:
    """actor -> (mention, head token) for every mention in the sentence (one head per mention span)."""
    spans: dict[tuple[int, int, str], tuple[Mention, list]] = {}
    for tok in sent:
        for m in mentions_of(tok):
            spans.setdefault((m.start, m.end, m.actor), (m, []))[1].append(tok)
    out: dict[str, list[tuple[Mention, object]]] = {}
    for (_s, _e, actor), (m, toks) in spans.items():
        idx = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in idx or t.head.i == t.i), toks[-1])
        out.setdefault(actor, []).append((m, head))
    return out


def trigger_rows(tok, lexicon: TriggerLexicon) -> list[Trigger]:
    """The lexicon rows a token may carry (any part of speech the tagger allows), without particle rows.

    A row with a cue counts only when one of its cue words stands in the token's own phrase
    (:func:`_cue_words`): "face" is a threat only with "consequences", "take" an accusation only
    with "aim". Reversed rows are left to the rules: in "Seoul's plan drew a protest from Tokyo" or
    "Tokyo hosted Yoon" the source stands where a target usually does.
    """
    pos = trigger_pos(tok)
    if not pos or (pos == "VERB" and any(c.dep_ == "prt" for c in tok.children)):
        return []  # "called up Trump", "called in the envoy": a particle verb is another word (its own rows)
    keys = (tok.lower_, *lemma_keys(tok)) if pos == "ADJ" else lemma_keys(tok)
    for key in keys:
        rows = lexicon.index.get((key, pos))
        if rows:
            words = _cue_words(tok) if any(r.cue for r in rows) else frozenset()
            return [r for r in rows if not r.particle and not r.reverse and (not r.cue or r.cue & words)]
    return []


def _cue_words(tok) -> frozenset[str]:
    """Lemmas and forms of the words that may cue ``tok``'s sense: its own phrase, or for a noun the
    phrase of the verb it hangs on ("drew a *rebuke*", "called the launch *reckless*"), not a word
    elsewhere in the sentence ("signed what he called a document, capping their *historic* summit")."""
    root = tok.head if tok.pos_ == "NOUN" and tok.head != tok else tok
    return frozenset(w for t in root.subtree for w in (t.lemma_.lower(), t.lower_))


def _object_misfit(target, trigger, row: Trigger) -> bool:
    """Is ``target`` attached to a verb trigger in a way its sense in ``row`` does not take: as a direct
    object where the row takes none ("called *Seoul*" is no "call on Seoul to ..."), or after a
    preposition of the verb that is not one of the row's ("called in the *Russian* envoy")?"""
    if row.pos != "VERB":
        return False
    head = target
    while head.dep_ in _PHRASE_INNER and head.head != head:
        head = head.head
    if head.dep_ in ("dobj", "oprd") and head.head.i == trigger.i:
        return not any(slot in ("obj", "dative") for slot in row.slots)
    prep = head.head
    if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.i == trigger.i:
        preps = [s for s in row.slots if s not in NON_PREPOSITION_SLOTS]
        return bool(preps) and prep.lower_ not in preps and prep.lower_ not in ("between", "among")
    return False


def candidate_triples(
    sent, mentions_of: MentionLookup, lexicon: TriggerLexicon, skip: frozenset[frozenset[str]] = frozenset()
) -> Iterator[Triple]:
    """Every (source, target, trigger) with two different actors of the sentence and a trigger word,
    but for the actor pairs in ``skip`` (either way)."""
    heads = _head_tokens(sent, mentions_of)
    if len(heads) < 2 or all(frozenset((a, b)) in skip for a in heads for b in heads if a != b):
        return
    for tok in sent:
        rows = trigger_rows(tok, lexicon)
        seen_types: set[str] = set()
        for row in rows:
            if row.event_type in seen_types:
                continue
            seen_types.add(row.event_type)
            for a, a_list in heads.items():
                for b, b_list in heads.items():
                    if a == b or frozenset((a, b)) in skip:
                        continue
                    (ma, ta), (mb, tb) = _nearest(a_list, tok), _nearest(b_list, tok)
                    if tok.i in (ta.i, tb.i) or _venue(tb, tok, row) or _object_misfit(tb, tok, row):
                        continue
                    if not row.symmetric and _coordinated(ta, tb):
                        continue
                    if _walled_off(ta, tok) or _walled_off(tb, tok):
                        continue
                    yield Triple(ma, mb, ta, tb, tok, row)


def _coordinated(a, b) -> bool:
    """Are ``a`` and ``b`` conjuncts of one phrase ("Neither Washington nor Tokyo", "China and
    Russia")? They act together or are acted upon together, never on each other, unless the event
    is mutual (a meeting, an agreement)."""

    def first(tok):
        while tok.dep_ == "conj" and tok.head != tok:
            tok = tok.head
        return tok

    return first(a).i == first(b).i


def _walled_off(actor, trigger) -> bool:
    """Is ``actor`` inside a relative or subordinate clause that does not hold ``trigger``? ("Putin, who
    had visited *Pyongyang*, criticised Washington": Pyongyang has no part in the criticism.)"""
    node = actor
    for _ in range(12):
        if node.dep_ == "relcl" or (
            node.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _CLAUSE_MARKS for c in node.children)
        ):  # "condemned Pyongyang after *the United States* announced drills": the clause's own event
            return not (node.left_edge.i <= trigger.i <= node.right_edge.i)
        if node.head == node:
            return False
        node = node.head
    return False


def _venue(target, trigger, row: Trigger) -> bool:
    """Is ``target`` where the event takes place ("met Yoon *in Washington*"), not a party to it?"""
    prep = target.head
    return (
        target.dep_ == "pobj" and prep.lower_ in ("in", "at") and prep.lower_ not in row.slots and prep.head.i == trigger.i
    )


def _nearest(mentions: list[tuple[Mention, object]], tok) -> tuple[Mention, object]:
    return min(mentions, key=lambda mt: abs(mt[1].i - tok.i))


def _path(a, b) -> tuple[list[str], list[str]]:
    """Dependency labels from ``a`` up to the lowest common ancestor, and from there down to ``b``."""
    up_a = [a]
    while up_a[-1].dep_ != "ROOT" and len(up_a) < 12:
        up_a.append(up_a[-1].head)
    index = {t.i: n for n, t in enumerate(up_a)}
    up_b = [b]
    while up_b[-1].i not in index and up_b[-1].dep_ != "ROOT" and len(up_b) < 12:
        up_b.append(up_b[-1].head)
    if up_b[-1].i not in index:
        return [t.dep_ for t in up_a], [t.dep_ for t in up_b]
    lca = index[up_b[-1].i]
    return [t.dep_ for t in up_a[:lca]], [t.dep_ for t in up_b[:-1]]


def _between(doc, i: int, j: int) -> list:
    lo, hi = sorted((i, j))
    return [doc[k] for k in range(lo + 1, hi)]


def features(triple: Triple, n_actors: int) -> dict[str, float]:
    """Sparse features of a triple: names -> 1.0."""
    s, t, trig, row = triple.source_tok, triple.target_tok, triple.trigger, triple.row
    doc = trig.doc
    f: dict[str, float] = {}

    def on(name: str) -> None:
        f[name] = 1.0

    on("bias")
    on(f"type={row.event_type}")
    on(f"pos={row.pos}")
    on(f"lemma={row.lemma}")
    on(f"sym={row.symmetric}")
    on(f"rev={row.reverse}")
    order = "".join(x for _, x in sorted(((s.i, "S"), (t.i, "O"), (trig.i, "T"))))
    on(f"order={order}")
    on(f"order={order}|type={row.event_type}")
    on(f"dST={_bin(abs(s.i - trig.i))}")
    on(f"dTO={_bin(abs(t.i - trig.i))}")
    up, down = _path(s, trig)
    on(f"pathST={'/'.join(up[:3])}^{'/'.join(down[:3])}")
    on(f"lenST={_bin(len(up) + len(down))}")
    up, down = _path(t, trig)
    on(f"pathOT={'/'.join(up[:3])}^{'/'.join(down[:3])}")
    on(f"lenOT={_bin(len(up) + len(down))}")
    on(f"sdep={s.dep_}")
    on(f"odep={t.dep_}")
    on(f"tdep={trig.dep_}")
    on(f"skind={triple.source.kind}")
    on(f"okind={triple.target.kind}")
    on(f"nact={min(n_actors, 4)}")
    prev = doc[t.i - 1].lower_ if t.i > 0 else ""
    while prev in ("the", "a", "an") and t.i > 1:
        prev = doc[t.i - 2].lower_
        break
    if prev in row.slots or prev in _OBJECT_PREPS:
        on(f"prepO={prev}")
        on(f"prepO_in_slots={prev in row.slots}")
    for name, span in (("ST", _between(doc, s.i, trig.i)), ("TO", _between(doc, trig.i, t.i))):
        finite = sum(1 for x in span if x.tag_ in _FINITE)
        on(f"fin{name}={min(finite, 2)}")
        if any(x.text in _BOUNDARY for x in span):
            on(f"bound{name}")
        if any(x.lower_ in _SUBORDINATORS for x in span):
            on(f"sub{name}")
        if any(x.text == "," for x in span):
            on(f"comma{name}")
    if any(c.dep_ == "neg" for c in trig.children):
        on("neg")
    return f
