"""How a time expression attaches to an event's trigger, read from the sentence's dependency parse.

The trigger's chain is the trigger and the words above it up to the root of the sentence (a
relative clause with its own subject keeps its time to itself). An expression reached from the
chain directly, or through a noun it modifies and then a time-anchor preposition ("after talks on
Tuesday, they pledged"), is the event's own; one that modifies another noun ("her election in
January") or sits in another clause ("resolutions adopted in 2016", "agreed to hold talks next
month" for the agreement) is not.
"""

from __future__ import annotations

import re

from ..constants import FUTURE_AUX, HYPOTHETICAL_AUX
from ..lexicons import word_class
from .expressions import TimeExpression

#: Prepositions whose object is an earlier or simultaneous event: "after talks on Tuesday, they
#: pledged ..." dates the pledge by the talks.
TIME_ANCHOR_PREPS = word_class("time_anchor_preposition")


def token_at(parsed, offset: int):
    """The token of ``parsed`` that covers character ``offset``; None if none."""
    for tok in parsed:
        if tok.idx <= offset < tok.idx + max(len(tok), 1):
            return tok
    return None


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_EVENT_OFFSET_END = re.compile(r"\b(?:before|after)$", re.I)
_RELATIVISERS = frozenset({"who", "whom", "whose", "which", "that", "where", "when"})
#: Dependencies by which a word modifies a noun ("the 2019 restrictions", "Tuesday's talks", "test on May 9").
_NOUN_MODIFIER_DEPS = frozenset({"prep", "nummod", "compound", "amod", "poss", "npadvmod", "nmod", "appos"})


def _own_clause(verb) -> bool:
    """Does this verb head a clause of its own (its own subject or a relative pronoun)?"""
    return any(c.dep_ in _SUBJECTS or (c.lower_ in _RELATIVISERS and c.i < verb.i) for c in verb.children)


def trigger_chain(trigger) -> list:
    """The trigger and the words above it, up to the root of the sentence; a relative clause with
    a subject or relative pronoun ("X, who had met Y in 2018, ...") keeps its time to itself, so
    the chain stops there ("the last leader to visit Seoul was Abe in 2018" goes on)."""
    chain = [trigger]
    cur = trigger
    for _ in range(40):
        if cur.head.i == cur.i or (cur.dep_ in ("relcl", "acl") and _own_clause(cur)):
            break
        cur = cur.head
        chain.append(cur)
    return chain


def attachment(e: TimeExpression, parsed, offset: int, chain: list) -> tuple[int, int, object]:
    """How an expression attaches to the trigger's clause: (rank, depth, word).

    Walks up from the expression to the first word of the trigger's chain. rank 0: straight to
    it; 1: through a noun the expression modifies and then a time-anchor preposition ("after
    talks on Tuesday, they pledged"); 2: through such a noun and no anchor ("her election in
    January", "the 2019 restrictions"); 3: through a verb with a clause of its own ("after
    Seoul sent ships on Monday", "the controls it announced last month"), a past participle
    modifying a noun other than a subject ("resolutions adopted in 2016") or a complement
    ("agreed to hold talks next month" is no date for the agreement), or not at all. Participles
    and infinitives without a subject ("Lai, sworn in on Monday, used ...", "speaking in Seoul on
    Friday") pass the time on. ``depth`` is the position in the chain of the word reached (0:
    the trigger itself); ``word`` is that word.
    """
    span = parsed.char_span(e.start - offset, e.end - offset, alignment_mode="expand")
    if span is None or not len(span):
        return 3, 0, None
    in_span = {t.i for t in span}
    top = chain[-1]
    if top.dep_ == "relcl" and top.head.i in in_span:
        return 0, len(chain) - 1, top  # "began on Wednesday, when it suspended imports": that Wednesday
    if _EVENT_OFFSET_END.search(e.text):
        # "a day before the talks began, X added ...": the main clause's time, not the talks'
        marker = span[-1]  # "before"/"after": its object, or the clause it marks, is the other event
        other_event = marker.head.subtree if marker.dep_ == "mark" else marker.subtree
        if any(t.i == chain[0].i for t in other_event):
            return 3, 0, None
        return 0, len(chain) - 1, top
    where = {t.i: n for n, t in enumerate(chain)}
    cur = span.root
    through_noun = through_anchor = False
    came_by = cur.dep_
    for _ in range(40):
        if cur.i in where:
            return (0 if not through_noun else 1 if through_anchor else 2), where[cur.i], cur
        if cur.i not in in_span:
            if cur.pos_ in ("VERB", "AUX"):
                if cur.dep_ == "xcomp" and cur.tag_ == "VBG" and not _own_clause(cur):
                    pass  # "stopped selling tours from Wednesday": at the time of the stopping
                elif _own_clause(cur) or cur.dep_ in ("xcomp", "ccomp"):
                    return 3, 0, None
                participle_of_other = cur.dep_ == "acl" and cur.tag_ == "VBN" and cur.head.dep_ not in _SUBJECTS
                if participle_of_other and cur.head.i not in where:
                    return 3, 0, None  # "resolutions adopted in 2016"; but "the summit, chaired by Li in December"
            elif cur.pos_ in ("NOUN", "NUM") and came_by in _NOUN_MODIFIER_DEPS and cur.dep_ not in _SUBJECTS:
                # a noun the expression modifies; not a name or a subject ("South Korea and Japan on
                # Friday each announced ..." is a misplaced sentence adverbial)
                through_noun, through_anchor = True, False
            elif cur.pos_ == "ADP" and cur.lower_ in TIME_ANCHOR_PREPS:
                through_anchor = True
        if cur.head.i == cur.i:
            break
        came_by = cur.dep_
        cur = cur.head
    return 3, 0, None


def tense_of(word, modality: str, trigger) -> str:
    """The tense of the word an expression attaches to: "future" (will, plans, "is to"), "would" (a future
    in the past or a condition), "past" or ""."""
    from ..events.modality import modality_of

    if word is None:
        return ""
    if word.pos_ not in ("VERB", "AUX"):
        if word.i == trigger.i and modality == "intended":
            return "future"
        return ""
    auxes = {c.lower_ for c in word.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_AUX:
        return "future"
    if auxes & HYPOTHETICAL_AUX:
        return "would"
    if modality_of(word) in ("intended", "hypothetical"):
        return "future"
    if word.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in word.children):
        return "past"
    return ""


def ongoing(chain: list) -> bool:
    """Is the first verb governing the trigger in the present progressive ("Japan is calling for")
    or the present passive ("talks are reported to be in preparation")?"""
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    present_aux = {c.dep_ for c in verb.children if c.tag_ in ("VBZ", "VBP")}
    return (verb.tag_ == "VBG" and "aux" in present_aux) or (verb.tag_ == "VBN" and "auxpass" in present_aux)
