"""People: names learned from titles and appositives, surnames used alone.

"Japan's Vice Defense Minister Masami Oka" and "Takehiro Funakoshi, Japan's director-general"
introduce people the dictionary does not know; a surname alone ("Kim", "Oka") resolves to the
latest full name with that surname earlier in the text, or to a dictionary person whose surname
may stand alone within their period of office.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .. import weights
from ..constants import CAPITALISED_FUNCTION_WORDS, MONTH_NAMES, WEEKDAY_NAMES
from ..lexicons import word_class
from .dictionary import ActorDictionary, Mention, Person, _alternation, overlaps, owner_before, surname_of

# Words that may stand between an actor and a person's name ("Japan's Vice
# Defense Minister for International Affairs Masami Oka").
TITLE_WORDS = word_class("title_word")
#: Capitalised words that never start or continue a person's name.
_NON_NAME_WORDS = frozenset((*WEEKDAY_NAMES, *MONTH_NAMES, *CAPITALISED_FUNCTION_WORDS))
_NAME_TOKEN = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?$")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*|\S")
_NAME_AFTER = re.compile(r" [A-Z][a-z]+(?:-[a-z]+)?\b")
_CONNECTORS = word_class("title_connector")


def _in_period(person: Person, when: dt.date | None) -> bool:
    if when is None:
        return True
    start = person.start - dt.timedelta(days=730) if person.start else dt.date.min
    end = person.end + dt.timedelta(days=5 * 365) if person.end else dt.date.max
    return start <= when <= end


def _learn_people(text: str, mentions: list[Mention]) -> Iterator[tuple[int, int, str, str]]:
    """Names introduced by an actor and a title, or in an appositive naming an actor."""
    for m in mentions:
        if m.kind == "person":
            continue
        # "<Actor>('s) <title words> <Name Name>"
        window = text[m.end : m.end + 160]
        pos = 0
        if window.startswith(("'s", "’s")):
            pos = 2
        words = [(w.group(0), w.start() + pos) for w in _WORD.finditer(window[pos:])]
        i = 0
        titled = pos > 0  # "Japan's Masami Oka": a possessive introduces a name without a title
        while i < len(words) and i < 10 and words[i][0].lower().rstrip(".,") in TITLE_WORDS:
            if words[i][0].endswith(",") or words[i][0] == "New":
                break  # "ambassador to New Zealand": a place name, not a title
            if words[i][0].lower() in _CONNECTORS:
                if not titled:
                    break  # "Japan and Sri Lanka", "Japan in Kuala Lumpur": no title, no name
            else:
                titled = True
            i += 1
        if not titled:
            i = len(words)  # "American Airlines Flight 12": a demonym alone introduces no name
        name_tokens = []
        while i < len(words) and len(name_tokens) < 3:
            w = words[i][0].rstrip(".,;:")  # "Qiu Guohong." at the end of a sentence
            if _NAME_TOKEN.match(w) and w not in _NON_NAME_WORDS and w.lower() not in TITLE_WORDS:
                name_tokens.append((w, words[i][1]))
                i += 1
                if w != words[i - 1][0]:
                    break  # punctuation ends the name
            else:
                break
        ended = i >= len(words) or name_tokens and words[i - 1][0] != name_tokens[-1][0]
        if len(name_tokens) >= 2 and (ended or not _NAME_TOKEN.match(words[i][0])):
            start = m.end + name_tokens[0][1]
            end = m.end + name_tokens[-1][1] + len(name_tokens[-1][0])
            yield start, end, text[start:end], m.actor
        # "<Name Name>, (the) <Actor>'s ..." appositive
        before = text[max(0, m.start - 60) : m.start]
        ap = re.search(
            r"(?<![A-Za-z])((?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?\s){1,2}[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?),\s+(?:the\s+|a\s+|an\s+)?"
            r"(?:(?:acting|former|new|then|deputy|top|senior|chief|outgoing|incoming)\s+)*$",
            before,
        )
        if ap and (
            text[m.end : m.end + 2] in ("'s", "’s")
            or m.kind == "demonym"
            or re.search(r"\b[Tt]he (?:[a-z]+ )*$", before[ap.end(1) :])
        ):
            tokens = ap.group(1).split(" ")
            start = m.start - len(before) + ap.start(1)
            while len(tokens) > 2 and tokens[0].lower() in TITLE_WORDS:
                # "Minister Masami Oka, the Japanese ...": the title is not part of the name
                start += len(tokens.pop(0)) + 1
            name = " ".join(tokens)
            if not any(t in _NON_NAME_WORDS or t.lower() in TITLE_WORDS for t in tokens):
                yield start, start + len(name), name, m.actor



def learned_people(text: str, mentions: list[Mention], actors: ActorDictionary) -> Iterator[tuple[Mention, str]]:
    """(mention, surname) of each person introduced by a title or an appositive."""
    for start, end, name, actor in list(_learn_people(text, mentions)):
        mention = Mention(start, end, name, actor, "person", weights.LEARNED_PERSON, "learned")
        yield mention, surname_of(name, actor in actors.family_name_first)


def surname_mentions(
    text: str,
    actors: ActorDictionary,
    persons: list[tuple[int, str, str]],
    mentions: list[Mention],
    occupied: list[tuple[int, int]],
    when: dt.date | None,
) -> Iterator[Mention]:
    """Surnames used alone, given the full names found so far.

    ``persons`` holds (position, surname, actor) of full-name mentions; ``occupied`` the spans
    already taken (extended here as surnames are found). A surname goes to the latest earlier
    full name with that surname (to the possessor's when "South Korea's Kim" says which), else
    to the one dictionary person of that surname in office at ``when``.
    """
    surnames = {s for _, s, _ in persons}
    alone = {s: ps for s, ps in actors.alone_surnames.items() if any(_in_period(p, when) for p in ps)}
    candidates = surnames | set(alone)
    if not candidates:
        return
    persons = sorted(persons)
    taken = list(occupied)
    for m in _alternation(sorted(candidates)).finditer(text):
        if overlaps(m.start(), m.end(), taken):
            continue
        if _NAME_AFTER.match(text, m.end()):
            continue  # "Kim Hong-kyun": another person's full name, not a surname alone
        surname = m.group(0)
        earlier = [a for pos, s, a in persons if s == surname and pos < m.start()]
        owner = owner_before(text, m.start(), mentions)
        if owner and owner in earlier:
            earlier = [owner]  # "South Korea's Kim": the Kim of that actor
        if earlier:
            actor, conf = earlier[-1], weights.SURNAME_AFTER_FULL_NAME
        elif surname in alone:
            ps = [p for p in alone[surname] if _in_period(p, when)]
            if len({p.actor for p in ps}) != 1:
                continue
            actor, conf = ps[0].actor, weights.SURNAME_ALONE
        else:
            continue
        taken.append((m.start(), m.end()))
        yield Mention(m.start(), m.end(), surname, actor, "person", conf, "surname")
