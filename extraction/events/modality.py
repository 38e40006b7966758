"""Negation and modality of an event mention, from the verbs that govern its trigger.

* negated: "did not discuss", "never met", "no longer supports", "refused to meet", "denied locking
  onto", "without consulting", "had no plan to join", "no deals were signed", "neither Washington nor
  Tokyo criticised";
* modality: ``hypothetical`` for conditions, modal auxiliaries and things requested of someone
  ("urged Moscow to halt"); ``intended`` for plans, futures and "is to"; else ``asserted``.
"""

from __future__ import annotations

from ..constants import CONDITIONAL_MARKS, FUTURE_AUX, HYPOTHETICAL_AUX, NEGATIVE_DETERMINERS
from ..lexicons import word_class
from .triggers import inflections

#: Tags of finite verbs: a conjunct with one of them carries its own tense, mood and polarity.
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
#: Dependents that say who acted or what was done: "no" or "neither" on one of them denies the event.
_NEGATABLE_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})
#: Verbs whose complement is an event that did not happen ("refused to meet").
NEGATING_VERBS = word_class("negating_verb")
#: A verb and its particle whose complement did not happen: "hold off", "back away".
NEGATING_PHRASES = word_class("negating_phrase")
#: Verbs (with their particle) that deny their complement, which their own negation leaves open:
#: "ruled out supplying arms" (negated), "did not rule out supplying arms" (hypothetical).
EXCLUDING_PHRASES = word_class("excluding_phrase")
#: Verbs whose complement is an intended or planned event ("plans to visit").
INTENT_VERBS = word_class("intent_verb")
#: Verbs of saying that report a clause.
SPEECH_VERBS = word_class("speech_verb")
#: Verbs whose complement is requested of someone, not done ("urged Moscow to halt").
REQUEST_VERBS = word_class("request_verb")
#: Nouns whose complement is intended ("a plan to visit", "no intention of meeting").
INTENT_NOUNS = word_class("intent_noun")
#: Adjectives that make an event noun intended ("the planned visit").
PLAN_ADJECTIVES = word_class("plan_adjective")


def verb_forms(lemmas) -> frozenset[str]:
    """Every word form of ``lemmas``, for :func:`is_verb_of`."""
    return frozenset(f for lemma in lemmas for f in inflections(lemma, "VERB"))


def is_verb_of(tok, lemmas, forms: frozenset[str]) -> bool:
    """``tok`` is one of the verbs ``lemmas`` (with their word ``forms``), by its lemma or, where the
    model's lemma is wrong ("hopes" read as a form of "hop"), by its form."""
    return tok.lemma_.lower() in lemmas or tok.lower_ in forms


_NEGATING_FORMS = verb_forms(NEGATING_VERBS)
#: Verbs whose "from" complement did not happen: "prevented Japan from joining", "barred Taiwan from attending".
PREVENTING_VERBS = word_class("preventing_verb")
_PREVENTING_FORMS = verb_forms(PREVENTING_VERBS)
_INTENT_FORMS = verb_forms(INTENT_VERBS)
_REQUEST_FORMS = verb_forms(REQUEST_VERBS)


def predicate_chain(tok) -> list:
    """The trigger, then the verbs that govern it (through objects, complements, conjuncts)."""
    chain = [tok]
    cur = tok
    for _ in range(6):
        head = cur.head
        if head == cur:
            break
        if cur.dep_ in ("dobj", "pobj", "prep", "xcomp", "ccomp", "pcomp", "nsubjpass", "attr", "advcl", "conj",
                        "acomp") or (cur.dep_ == "nsubj" and cur.pos_ == "NOUN") or (
            cur.dep_ == "acl" and cur.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        ):  # "a plan to visit": the plan governs the visit
            chain.append(head)
            cur = head
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ in ("ROOT",):
                break
        else:
            break
    return chain


def _phrasal(verb) -> set[str]:
    """The verb with each of its particles or adverbs: {"hold off"} for "held off on"."""
    lemma = verb.lemma_.lower()
    return {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod", "acomp")}


def _negative_modifier(c) -> bool:
    """A child that denies its head: "not", "never", "no longer", "no more"."""
    return c.dep_ == "neg" or (c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children))


def _negative_argument(c) -> bool:
    """A subject or object that is nobody and nothing: "no deals were signed", "neither Washington nor
    Tokyo criticised", "signed no agreement"."""
    return c.dep_ in _NEGATABLE_ARGS and any(
        g.dep_ in ("det", "preconj") and g.lower_ in NEGATIVE_DETERMINERS for g in c.children
    )


def _excludes(prev, node) -> bool:
    """``node`` rules out ``prev``, its complement: "ruled out supplying", "excluded the use of force"."""
    return (
        prev.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "prep")
        and node.pos_ == "VERB"
        and (node.lemma_.lower() in EXCLUDING_PHRASES or not EXCLUDING_PHRASES.isdisjoint(_phrasal(node)))
    )


def is_negated(tok) -> bool:
    if any(_negative_modifier(c) or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children):
        return True
    if tok.pos_ in ("VERB", "AUX") and any(_negative_argument(c) for c in tok.children):
        return True
    chain = predicate_chain(tok)
    for prev, node in zip(chain, chain[1:], strict=False):
        if prev.dep_ == "conj" and prev.tag_ in _FINITE:
            break  # "did not attend and sent an envoy": the second verb is not negated
        if node.pos_ in ("VERB", "AUX"):
            if _excludes(prev, node):
                return not is_negated(node)  # "did not rule out" and "refused to rule out" leave it open
            if any(_negative_modifier(c) for c in node.children):
                return True
            if prev.dep_ == "prep" and prev.lower_ == "from" and is_verb_of(node, PREVENTING_VERBS, _PREVENTING_FORMS):
                return True  # "prevented the two countries from signing a treaty"
            if prev.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "prep") and (
                is_verb_of(node, NEGATING_VERBS, _NEGATING_FORMS) or not NEGATING_PHRASES.isdisjoint(_phrasal(node))
            ):
                return True  # "refused to meet", "held off on new tariffs", "backed away from scrapping"
            if prev.dep_ in ("ccomp", "advcl"):
                break  # a negation above a reported clause does not reach it
        elif node.lower_ == "without":
            return True
        elif node.dep_ == "advmod" and prev.dep_ == "prep" and f"{node.head.lemma_.lower()} {node.lower_}" in NEGATING_PHRASES:
            return True  # "stopped short of condemning": the chain ends at "short"
        elif node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
            return True  # "had no plan to join", "no intention of meeting"
    return False


def modality_of(tok) -> str:
    chain = predicate_chain(tok)
    intended = any(c.dep_ == "amod" and c.lower_ in PLAN_ADJECTIVES for c in tok.children)
    for prev, node in zip([None, *chain], chain, strict=False):
        if prev is not None and prev.dep_ == "conj" and prev.tag_ in _FINITE:
            break  # "would damage security and urged Japan": a finite conjunct has its own tense and mood
        if node.pos_ == "NOUN" and node != tok and node.lemma_.lower() in INTENT_NOUNS:
            intended = True  # "a plan to visit", "no intention of meeting"
        if node.pos_ not in ("VERB", "AUX") and node != tok:
            continue
        if prev is not None and _excludes(prev, node) and is_negated(node):
            return "hypothetical"  # "did not rule out supplying arms": a possibility
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
        if prev is not None and prev.dep_ in ("xcomp", "ccomp") and is_verb_of(node, REQUEST_VERBS, _REQUEST_FORMS):
            return "hypothetical"  # "urged Moscow to halt ...": requested, not done
        if prev is not None and prev.dep_ in ("xcomp", "ccomp") and is_verb_of(node, INTENT_VERBS, _INTENT_FORMS):
            intended = True
        if prev is not None and prev.dep_ == "xcomp" and node.lemma_ == "be":
            intended = True  # "Moon is to visit Pyongyang"
        if prev is not None and prev.dep_ == "ccomp":
            break
    return "intended" if intended else "asserted"


def left_open(tok) -> bool:
    """``tok`` is a possibility someone will not exclude: "did not rule out the use of force"."""
    chain = predicate_chain(tok)
    return any(_excludes(prev, node) and is_negated(node) for prev, node in zip(chain, chain[1:], strict=False))


def conditional_consequent(tok) -> bool:
    """``tok`` is what will happen if something else does: "would impose sanctions if it invaded"."""
    for node in predicate_chain(tok):
        if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in node.children):
            return False  # inside the condition: "if it invaded Taiwan"
        if node.pos_ not in ("VERB", "AUX") and node != tok:
            continue
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in node.children):
            return True
    return False
