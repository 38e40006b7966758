"""Surface fallback: roles from word order where the parse gave a trigger none.

The small English model misparses long news sentences: a third conjunct loses its subject, a
relative clause swallows the object, a headline's verb is tagged as a noun. When the parse-based
pass (:mod:`.roles`) finds no event for a trigger word, this pass reads the clause around it as
a reader skims it:

* the clause is the stretch of tokens between clause boundaries (``;``, ``:``, dashes, quotes,
  brackets, and subordinators such as "that", "which", "while", "because");
* the source is the nearest actor to the left of the trigger in its clause, not inside a
  prepositional phrase ("in Seoul"); a clause opened by "who"/"which" takes the actor the
  relative clause hangs on ("Japan, which had protested ..., ...");
* the target follows the trigger: right after it for an ``obj`` slot (with only determiners,
  adjectives or a possessive in between), after the slot's preposition for a prepositional slot,
  right after "that" for a ``ccomp`` slot.

Events found this way carry :data:`~extraction.weights.SURFACE` in their confidence. Only
triggers whose lexicon row has a target slot are tried, and only pairs the parse did not give.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import weights
from ..actors import Mention
from ..lexicons import word_class
from .phrases import MentionLookup, stands_for_people
from .triggers import NON_PREPOSITION_SLOTS, Trigger, TriggerLexicon, lemma_keys

#: Tokens that end a clause on either side of a trigger.
_BOUNDARY_TEXT = frozenset({";", ":", "—", "–", "(", ")", '"', "“", "”", "[", "]"})
_SUBORDINATORS = word_class("subordinator") | word_class("clause_opener")
_RELATIVE = frozenset({"who", "which"})
#: Words that may stand between a verb and its object actor ("urged the new Japanese government").
_OBJECT_FILLERS = frozenset({"DET", "ADJ", "NUM", "PART", "ADV"})
_SPEECH_VERBS = word_class("speech_verb")
#: How far (in tokens) a target may follow its trigger or preposition.
_OBJECT_WINDOW = 4
_PREPOSITION_WINDOW = 8


def _is_boundary(tok) -> bool:
    return tok.text in _BOUNDARY_TEXT or tok.lower_ in _SUBORDINATORS or (
        tok.lemma_.lower() in _SPEECH_VERBS and tok.pos_ == "VERB"
    )


def _clause(sent, tok) -> tuple[int, int, object | None]:
    """(first, last) token index of the clause holding ``tok``, and the relative pronoun opening it."""
    start, end = sent[0].i, sent[-1].i
    left = tok.i - 1
    opener = None
    while left >= start:
        t = tok.doc[left]
        if _is_boundary(t):
            opener = t if t.lower_ in _RELATIVE else None
            break
        left -= 1
    right = tok.i + 1
    while right <= end:
        t = tok.doc[right]
        if _is_boundary(t) or (t.text == "," and right > tok.i + 1):
            break
        right += 1
    return left + 1, right - 1, opener


def _after_preposition(tok, mentions_of: MentionLookup) -> bool:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.pos_ == "ADP"


def _source(tok, first: int, opener, mentions_of: MentionLookup) -> list[Mention]:
    """The nearest actor left of ``tok`` in its clause, or the antecedent of its relative pronoun."""
    doc = tok.doc
    if opener is not None and any(doc[j].text == "," for j in range(opener.i + 1, tok.i)):
        first = tok.i  # "Yoon, who met Kishida in Tokyo, will travel ...": the relative clause closed
        # before the trigger, whose subject is the clause's head, not an actor inside it
    for i in range(tok.i - 1, first - 1, -1):
        found = mentions_of(doc[i])
        if found and (i == tok.i - 1 or (not _after_preposition(doc[i], mentions_of) and doc[i].dep_ != "pobj")):
            return found  # right before the verb it is the subject, whatever the parse says ("On Monday Beijing said")
        if doc[i].tag_ in ("VBD", "VBZ", "VBP") and doc[i].dep_ not in ("aux", "auxpass"):
            return []  # another finite verb stands between: its subject is not this trigger's
    if opener is not None:  # "Japan, which had protested ..., ...": the relative clause's head
        i = opener.i - 1
        while i >= 0 and doc[i].text in (",",):
            i -= 1
        if i >= 0 and mentions_of(doc[i]):
            return mentions_of(doc[i])
    return []


def _targets(tok, row: Trigger, last: int, mentions_of: MentionLookup) -> list[Mention]:
    doc = tok.doc
    for slot in row.slots:
        if slot in ("obj", "dative"):
            for i in range(tok.i + 1, min(last, tok.i + _OBJECT_WINDOW) + 1):
                found = mentions_of(doc[i])
                if found:
                    return found
                if doc[i].pos_ not in _OBJECT_FILLERS and doc[i].tag_ != "POS" and doc[i].dep_ != "poss":
                    break
        elif slot == "ccomp":
            if tok.i + 2 <= last and doc[tok.i + 1].lower_ == "that":
                for i in range(tok.i + 2, min(last, tok.i + 2 + _OBJECT_WINDOW) + 1):
                    if mentions_of(doc[i]):
                        return mentions_of(doc[i])
        elif slot not in NON_PREPOSITION_SLOTS:
            for i in range(tok.i + 1, min(last, tok.i + _PREPOSITION_WINDOW) + 1):
                if doc[i].tag_ == "VB" and doc[i - 1].lower_ == "to" and not (doc[i].dep_ == "xcomp" and doc[i].head == tok):
                    break  # "working to repair relations with Beijing": the preposition is the other verb's
                if doc[i].lower_ != slot:
                    continue
                for j in range(i + 1, min(last, i + _OBJECT_WINDOW) + 1):
                    found = mentions_of(doc[j])
                    if found:
                        return found
                    if doc[j].pos_ not in _OBJECT_FILLERS:
                        break
                break
    return []


def surface_events(
    sent, mentions_of: MentionLookup, lexicon: TriggerLexicon, skip: set[int]
) -> Iterator[tuple[object, Trigger, list[Mention], list[Mention]]]:
    """(trigger token, lexicon row, sources, targets) read from word order, for triggers not in ``skip``.

    ``skip`` holds the token indices the parse-based pass used or consumed.
    """
    for tok in sent:
        if tok.i in skip or not (tok.pos_ in ("VERB", "AUX") or _headline_verb(tok, mentions_of)):
            continue
        rows: list[Trigger] = []
        for key in lemma_keys(tok):
            rows = lexicon.index.get((key, "VERB")) or []
            if rows:
                break
        if not rows or tok.dep_ in ("amod", "compound") or any(r.particle for r in rows):
            continue  # an adjectival participle ("detained Americans"), or a phrasal verb the parse must read
        first, last, opener = _clause(sent, tok)
        after = {t.lemma_.lower() for t in tok.doc[tok.i + 1 : min(last, tok.i + _OBJECT_WINDOW) + 1]}
        rows = [
            r for r in rows
            if any(s not in ("speaker", "cond") for s in r.slots) and (not r.cue or r.cue & after)
        ]  # fmt: skip
        if not rows or (any(r.cue for r in lexicon.index.get((rows[0].lemma, "VERB"), [])) and not rows[0].cue):
            continue  # a word whose sense depends on a cue that is not there ("called the patrol routine")
        sources = _source(tok, first, opener, mentions_of)
        if not sources:
            continue
        for row in rows:
            if row.event_type in ("CONSULT", "AGREE", "COOPERATE") and any(
                stands_for_people(t, mentions_of) for t in tok.doc[first:tok.i] if mentions_of(t)
            ):
                continue  # "Chinese tourists travelling to Japan" is no state visit
            targets = [m for m in _targets(tok, row, last, mentions_of) if m.actor not in {s.actor for s in sources}]
            if targets:
                yield tok, row, sources, targets
                break


def _headline_verb(tok, mentions_of: MentionLookup) -> bool:
    """A verb the tagger took for a noun right after an actor: "North Korea fires missile"."""
    return (
        tok.tag_ == "NNS"
        and tok.i > 0
        and bool(mentions_of(tok.doc[tok.i - 1]))
        and tok.lower_.endswith("s")
    )


def surface_confidence(source: Mention, target: Mention) -> float:
    return round(weights.SURFACE * source.confidence * target.confidence, 2)
