"""Actors of a noun phrase in the parse: "Japan", "Japan and South Korea", "the government of Japan".

``mentions_of(token)`` (a :data:`MentionLookup`) gives the actor mentions a token stands for;
the functions here collect them over coordinations, modifiers and "of" phrases.
"""

from __future__ import annotations

from collections.abc import Callable

from ..actors import Mention
from ..lexicons import word_class

MentionLookup = Callable[[object], list[Mention]]
#: Nouns whose actor modifier is the relatum, not the referent ("a US ally", "China's neighbours").
RELATIONAL_NOUNS = word_class("relational_noun")
#: Abstract nouns whose "of" complement names no one they stand for ("the importance of ...").
_ABSTRACT = word_class("abstract_noun")
#: Nouns of private people and firms: "Chinese tourists visiting Japan" is no state visit.
_GENERIC_PEOPLE = frozenset(w.rstrip("s") for w in word_class("generic_group_noun")) | word_class("generic_group_noun")
#: Prepositions that introduce examples of a noun ("partners *including* Japan"); "such as" too.
EXAMPLE_PREPOSITIONS = word_class("example_preposition")
#: Words that count a nation's people ("many Chinese"), not its government.
_PEOPLE_QUANTIFIERS = word_class("people_quantifier")
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod"})


def expand(tokens) -> list:
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
    if depth > 2:
        return found
    if not found and tok.pos_ in ("NOUN", "PRON"):
        # "countries such as Japan and Korea", "partners including Washington": the examples
        examples = [m for c in _example_objects(tok) for m in phrase_actors(c, mentions_of, depth + 1)]
        if examples:
            return examples
    if not found and tok.lemma_.lower() in RELATIONAL_NOUNS:
        # "a US ally", "China's neighbours": the modifier is the relatum, not the referent;
        # an appositive name is the referent ("stands by its ally Japan")
        return [m for c in tok.children if c.dep_ == "appos" for m in phrase_actors(c, mentions_of, depth + 1)]
    out: list[Mention] = list(found)
    for c in tok.children:
        if c.tag_ in ("VBN", "VBG") or hyphen_participle(c):
            continue  # "US-backed pact": the backer is not the pact's party
        if found and c.dep_ == "conj":
            out.extend(phrase_actors(c, mentions_of, depth + 1))
            continue
        if found and c.pos_ != "PROPN" and not hyphen_joined(c, tok):
            continue  # "US ally Japan" is Japan; "Masami Oka and Sin Beom-cheol" (misparsed) is both
        if c.dep_ in _MODIFIER_DEPS or (c.dep_ == "appos" and depth == 0 and not found):
            out.extend(phrase_actors(c, mentions_of, depth + 1))
    if not out and tok.lemma_.lower() not in _ABSTRACT:
        # "the government of Japan", "imports of Japanese seafood", "officials from the two sides"
        # (not "the importance of US-Japan cooperation": an abstract noun is not its complement's actors)
        for prep in tok.children:
            if prep.dep_ == "prep" and (prep.lower_ == "of" or (prep.lower_ == "from" and tok.tag_ == "NNS")):
                for p in prep.children:
                    if p.dep_ == "pobj":
                        out.extend(phrase_actors(p, mentions_of, depth + 1))
    if not found and tok.lemma_.lower() in _GENERIC_PEOPLE:
        out = [m._replace(via="people") for m in out]  # "its citizens", "Chinese tourists": people, not the state
    elif found and people_demonym(tok, mentions_of):
        out = [m._replace(via="people") if m in found else m for m in out]  # "many South Koreans"
    uniq: dict[tuple[int, str], Mention] = {}
    for m in out:
        uniq.setdefault((m.start, m.actor), m)
    return list(uniq.values())


def _example_objects(tok) -> list:
    """The objects of "such as", "including" or "like" after a noun, with their conjuncts."""
    out = []
    for prep in tok.children:
        if prep.dep_ != "prep":
            continue
        such = prep.lower_ == "as" and any(c.lower_ == "such" for c in (*prep.children, *tok.children))
        if such or prep.lower_ in EXAMPLE_PREPOSITIONS:
            out.extend(expand([p for p in prep.children if p.dep_ == "pobj"]))
    return out


def hyphen_participle(tok) -> bool:
    """``tok`` is the first part of "US-backed", "China-led", "Russia-made"."""
    doc = tok.doc
    return (
        tok.i + 2 < len(doc)
        and doc[tok.i + 1].text == "-"
        and (doc[tok.i + 2].tag_ in ("VBN", "VBD") or doc[tok.i + 2].lower_.endswith("ed"))
    )


def stands_for_people(tok, mentions_of: MentionLookup | None = None) -> bool:
    """``tok`` only qualifies private people or firms: "its citizens", "Chinese tourists", "Japanese firms";
    or (given ``mentions_of``) is a demonym for a nation's people ("many South Koreans")."""
    if tok.dep_ in ("poss", "amod", "compound", "nmod") and tok.head.lemma_.lower() in _GENERIC_PEOPLE:
        return True
    return mentions_of is not None and people_demonym(tok, mentions_of)


def people_demonym(tok, mentions_of: MentionLookup) -> bool:
    """A demonym used as a noun for people, not the state: plural ("South Koreans", "Americans"),
    counted ("many Chinese", "thousands of Japanese") or bare after a preposition ("attacks on Chinese")."""
    found = mentions_of(tok)
    if not found or any(m.kind != "demonym" for m in found) or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.dep_ in _MODIFIER_DEPS or tok.dep_ == "compound":
        return False
    if tok.tag_ in ("NNS", "NNPS") and tok.lower_.endswith("s"):
        return True  # "Koreans", "Americans", "Russians"
    quantifiers = [c for c in tok.children if c.dep_ in ("det", "amod", "nummod", "quantmod")]
    if any(c.lower_ in _PEOPLE_QUANTIFIERS or c.like_num for c in quantifiers):
        return True  # "many Chinese"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and (tok.head.head.like_num or tok.head.head.lower_ in _PEOPLE_QUANTIFIERS):
        return True  # "thousands of Japanese"
    return tok.dep_ == "pobj" and not any(c.dep_ in ("det", "poss") for c in tok.children)  # "attacks on Chinese"


def hyphen_joined(first, second) -> bool:
    """``first`` and ``second`` are written as one hyphenated word: "Sino-Russian", "US-Japan"."""
    doc = first.doc
    return first.i + 2 == second.i and doc[first.i + 1].text in ("-", "–", "—")


def actors_of(tokens, mentions_of: MentionLookup, weight: float) -> list[tuple[Mention, float]]:
    out = []
    for t in expand(tokens):
        out.extend((m, weight) for m in phrase_actors(t, mentions_of))
    return out


#: Types whose object may name its partner only through a preposition ("banned trade with Pyongyang").
