"""Actor mentions in a text: one regular-expression pass over the dictionary, then context.

Entry point: :func:`find_mentions` yields :class:`~extraction.actors.dictionary.Mention`
records, in order of position. Besides dictionary entries it

* accepts context-dependent names ("the North", "the island") only when the text names
  their context actors outright,
* adds people learned from titles and appositives and surnames used alone
  (:mod:`extraction.actors.people`), and
* gives "the foreign ministry" and officials named by title alone to their latest explicit
  owner ("China's foreign ministry") or to the dateline's country ("SEOUL, March 16 —").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .. import weights
from ..documents.normalise import caps_lines
from .dictionary import ActorDictionary, Alias, Mention, Person, context_ok, overlaps, owner_before
from .people import learned_people, surname_mentions

#: A dateline: "SEOUL, March 16 —", "Tokyo, March 22 (Jiji Press)--", "BEIJING (AP) —", "TAIPEI —",
#: "BEIJING:", "Seoul, South Korea —"; group 1 or 2 is the city.
_DATELINE = re.compile(
    r"^\s*(?:#[^\n]*\n+\s*)?(?:"
    r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*),\s+[A-Z][a-z]{2,}\.?(?:\s+\d{1,2})?"
    r"|([A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?)(?:,\s+[A-Z][A-Za-z. ]{2,20}?)?(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Z][\w .&-]*\))?\s*(?:(?:—|–|--)\s?|-\s|:\s)"
    r")",
    re.M,
)
_HOME_PHRASE = re.compile(
    r"\b(?:[Tt]he )?(?:[Ff]oreign|[Dd]efen[cs]e|[Uu]nification|[Tt]rade|[Ii]ndustry|[Cc]ommerce|[Ff]inance) [Mm]inistry\b"
    r"|\b(?:[Tt]he )?Ministry of (?:Foreign Affairs|(?:National )?Defen[cs]e|Commerce|Unification|Finance"
    r"|(?:Economy, )?Trade(?:,? and Industry)?)\b"
    r"|\b[Tt]he [Mm]inistry\b"
    r"|\b(?:the )?(?:[Pp]residential [Oo]ffice|[Pp]rime [Mm]inister's [Oo]ffice)\b"
    r"|\b(?:(?:First )?Vice |Deputy )?(?:Foreign|Defen[cs]e|Unification|Trade|Prime|Finance) Minister"
    r"(?: [A-Z][a-z]+(?:[- ][A-Za-z][a-z]+){0,2})?"
    r"|\b(?:[Nn]ational [Ss]ecurity [Aa]dviser|[Ss]py [Cc]hief) [A-Z][a-z]+(?:[- ][A-Za-z][a-z]+){0,2}"
)


def _doc_day(doc_date: str) -> dt.date | None:
    if not doc_date:
        return None
    try:
        return dt.date.fromisoformat(doc_date[:10])
    except ValueError:
        return None


def dictionary_mentions(text: str, actors: ActorDictionary) -> list[Mention]:
    """Dictionary names in ``text`` whose context holds, in order of position."""
    index = actors._static_index
    static: list[Mention] = []
    pattern = actors.static_pattern
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.end()
        if m.group(0).startswith(("the ", "The ")):
            # "the South Korean": a longer name starting inside "the South" wins.
            inner = pattern.match(text, m.start() + 4)
            if inner and inner.end() >= m.end():
                # "the South Korean": the longer name; "the U.S. Treasury": "U.S." is a name itself
                m, pos = inner, inner.end()
            elif re.match(r" [A-Z]", text[m.end() : m.end() + 2]):
                continue  # "the North American ...": part of another name
        entry = index[m.group(0)]
        if isinstance(entry, Person):
            static.append(
                Mention(m.start(), m.end(), m.group(0), entry.actor, "person", weights.DICTIONARY_PERSON, "dictionary")
            )
        else:
            for actor in (entry.actor, *entry.also):  # a collective name: one mention per actor
                static.append(Mention(m.start(), m.end(), m.group(0), actor, entry.kind, entry.confidence, "dictionary"))
    # Context actors are those named outright: a context-dependent name ("the North") does
    # not vouch for itself or for another one.
    present = {
        m.actor
        for m in static
        if m.actor and not (isinstance(alias := index.get(m.text), Alias) and alias.context)
    }
    return [
        m
        for m in static
        if m.actor
        and (not (alias := index.get(m.text)) or not isinstance(alias, Alias) or context_ok(alias, present))
    ]


def find_mentions(text: str, actors: ActorDictionary, *, doc_date: str = "") -> Iterator[Mention]:
    """Stage entry point: actor mentions in ``text``, in order of position."""
    static = dictionary_mentions(text, actors)
    index = actors._static_index
    # People: dictionary full names, learned names (title patterns, appositives).
    persons: list[tuple[int, str, str]] = []  # (position, surname, actor) of full-name mentions
    for m in static:
        entry = index.get(m.text)
        if isinstance(entry, Person):
            persons.append((m.start, entry.surname, entry.actor))
    occupied = [(m.start, m.end) for m in static]
    for mention, surname in learned_people(text, static, actors):
        if not overlaps(mention.start, mention.end, occupied):
            static.append(mention)
            occupied.append((mention.start, mention.end))
            persons.append((mention.start, surname, mention.actor))
    for mention in surname_mentions(text, actors, persons, static, occupied, _doc_day(doc_date)):
        static.append(mention)
        occupied.append((mention.start, mention.end))
    static.extend(institution_mentions(text, actors, static, occupied))
    static.sort()
    yield from static


def _institution_key(phrase: str) -> str:
    """"the Foreign Ministry" -> "foreign ministry", "the Ministry of Foreign Affairs" -> "foreign
    affairs ministry"; titled people keep their name."""
    words = [w for w in phrase.lower().replace(",", "").split() if w != "the"]
    if words[:2] == ["ministry", "of"]:
        words = [*words[2:], "ministry"]
    return " ".join(words)


def institution_mentions(
    text: str, actors: ActorDictionary, static: list[Mention], occupied: list[tuple[int, int]]
) -> Iterator[Mention]:
    """"the foreign ministry", "Vice Foreign Minister X" with no owner named beside them.

    They belong to the latest explicit owner of the same institution ("China's foreign
    ministry") or else to the dateline's country.
    """
    home = home_actor(text, actors)
    owned: dict[str, str] = {}  # "foreign ministry" -> actor of its latest explicit owner
    latest = ""  # actor of the ministry named last
    taken = list(occupied)
    known = list(static)
    for m in _HOME_PHRASE.finditer(text):
        start, end = m.start(), m.end()
        key = _institution_key(m.group(0))
        owner = owner_before(text, start, known)
        if owner:
            owned[key] = owner  # "China's foreign ministry": a later "the foreign ministry" is China's
            latest = owner if key.endswith("ministry") else latest
            continue
        if overlaps(start, end, taken) or re.search(r"(?:'s|’s|\bof)\s*$", text[max(0, start - 4) : start]):
            continue  # "the foreign ministry of Japan" (owner after)
        # a bare "the ministry" is the one last named, whoever's it was
        actor = (latest if key == "ministry" else owned.get(key)) or home
        if actor:
            via = "context" if key in owned else "home"
            mention = Mention(start, end, m.group(0), actor, "institution", weights.HOME_INSTITUTION, via)
            known.append(mention)
            taken.append((start, end))
            if key.endswith("ministry"):
                latest = actor
            yield mention


def home_actor(text: str, actors: ActorDictionary) -> str:
    """Actor of the dateline's city ("SEOUL, March 16 —" -> KOR), or ""."""
    m = _DATELINE.search(text[:400])
    if not m or m.start() > 300:
        return ""
    city = (m.group(1) or m.group(2)).title()
    entry = actors._static_index.get(city)
    return entry.actor if isinstance(entry, Alias) and entry.kind == "capital" else ""


def truecase(text: str, actors: ActorDictionary) -> str:
    """Lines written in capitals ("NORTH KOREA FIRES MISSILE TOWARD JAPAN") in ordinary case.

    The line is lower-cased, its first letter raised, and every dictionary name found in it
    (matched without regard to case) written as the dictionary writes it. The result has the
    same length as ``text``; other lines are left as they are.
    """
    spans = caps_lines(text)
    if not spans:
        return text
    pattern = actors.insensitive_pattern
    index = {k.lower(): k for k in actors._static_index}
    chars = list(text)
    for start, end in spans:
        line = text[start:end].lower()
        if len(line) != end - start:
            continue  # a letter whose lower case is longer: leave the line alone
        chars[start:end] = line
        first = re.search(r"[a-z]", line)
        if first:
            chars[start + first.start()] = line[first.start()].upper()
        for m in pattern.finditer(line):
            name = index.get(m.group(0).lower())
            if name and len(name) == len(m.group(0)):
                chars[start + m.start() : start + m.end()] = name
    return "".join(chars)
