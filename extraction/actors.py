"""Stage 2: actor mentions.

The actor dictionary is data (``data/actors/*.csv``): names and variants,
demonyms, capitals, institutions, people with their period of office, and
non-actor phrases ("South China Sea") that block a match. Matching is a plain
regular-expression pass over the text, so it is cheap enough to run on every
sentence before any parsing.

Entry point: :func:`find_mentions` yields :class:`Mention` records for one
text. Besides dictionary entries it

* learns article-specific people from titles and appositives
  ("Japan's Vice Defense Minister Masami Oka", "Takehiro Funakoshi, Japan's ..."),
* resolves a surname used alone ("Kim", "Oka") to the latest full name with
  that surname earlier in the text, and
* accepts context-dependent names ("the North", "the island") only when the
  text mentions their context actors.

Anaphora ("the two sides", "it", "we") are resolved later, per sentence, by
:func:`resolve_anaphor`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from .actor_table import load_actor_table
from .config import data_dir
from .errors import DataFileError


class Mention(NamedTuple):
    start: int  # character offsets in the text
    end: int
    text: str
    actor: str  # actor code; "" for a non-actor phrase (never yielded)
    kind: str  # name, demonym, capital, institution, person, anaphor
    confidence: float
    via: str  # dictionary, learned, surname, context


class Person(NamedTuple):
    actor: str
    name: str
    surname: str
    variants: tuple[str, ...]
    role: str
    start: dt.date | None
    end: dt.date | None
    alone: bool


class Alias(NamedTuple):
    actor: str
    alias: str
    kind: str
    context: tuple[str, ...]
    confidence: float


# Words that may stand between an actor and a person's name ("Japan's Vice
# Defense Minister for International Affairs Masami Oka").
TITLE_WORDS = frozenset(
    ["president", "vice", "prime", "minister", "ministry", "foreign", "defense", "defence", "secretary", "state", "deputy", "chief", "cabinet", "leader", "supreme", "chairman", "chairwoman", "chair", "premier", "speaker", "house", "ambassador", "envoy", "special", "representative", "spokesperson", "spokesman", "spokeswoman", "director", "director-general", "general", "admiral", "commander", "lieutenant", "colonel", "army", "navy", "national", "security", "adviser", "advisor", "affairs", "international", "trade", "unification", "senator", "congressman", "congresswoman", "lawmaker", "lawmakers", "official", "diplomat", "counterpart", "top", "senior", "former", "acting", "new", "first", "lady", "sister", "brother", "nuclear", "negotiator", "head", "parliamentary", "presidential", "assistant", "undersecretary", "under-secretary", "assistant-secretary", "commerce", "finance", "economy", "interior", "justice", "chief-of-staff", "staff", "governor", "mayor", "opposition", "ruling", "party", "member", "members", "delegate", "delegation", "commissioner", "coast", "guard", "ministerial", "vice-minister", "vice-president", "defense-minister", "then", "then-", "incoming", "outgoing", "outgoing", "strongman", "dictator", "monarch", "king", "emperor", "crown", "prince", "princess", "queen", "policy", "council", "committee", "military", "intelligence", "agency", "press", "office", "chargé", "affaires", "charge", "d'affaires", "consul", "consul-general", "for", "of", "and", "the", "on", "to", "in", "at"]
)
_NON_NAME_WORDS = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "The", "A", "An", "And", "But", "In", "On", "At", "Of", "For", "With", "This", "That", "It", "He", "She", "They", "We", "His", "Her", "Their", "Its"]
)
_NAME_TOKEN = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?$")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*|\S")
_NAME_AFTER = re.compile(r" [A-Z][a-z]+(?:-[a-z]+)?\b")
# Title words that only join titles ("Minister for International Affairs"), never start one.
_CONNECTORS = frozenset({"for", "of", "and", "the", "on", "to", "in", "at"})


def _parse_iso(value: str, where: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DataFileError(f"{where}: bad date {value!r}") from exc


def name_variants(name: str) -> set[str]:
    """Spelling variants of a romanised name: hyphen/space ("Kim Jong Un" / "Kim Jong-un")."""
    out = {name}
    parts = name.split()
    if len(parts) == 3 and all(p[:1].isupper() for p in parts):
        out.add(f"{parts[0]} {parts[1]}-{parts[2].lower()}")
        out.add(f"{parts[0]} {parts[1]}-{parts[2]}")
    if len(parts) == 2 and "-" in parts[1]:
        a, b = parts[1].split("-", 1)
        out.add(f"{parts[0]} {a} {b.capitalize()}")
        out.add(f"{parts[0]} {a}-{b.lower()}")
        out.add(f"{parts[0]} {a}-{b.capitalize()}")
    return out


def surname_of(name: str, family_name_first: bool) -> str:
    """The family name of ``name``: its first word when the actor writes names family first."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return parts[0] if family_name_first else parts[-1]


def _alternation(strings: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(set(strings), key=len, reverse=True)
    body = "|".join(re.escape(s) for s in ordered)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])")


@dataclass
class ActorDictionary:
    """Actors, aliases and people, loaded from CSV files under ``data/actors``."""

    codes: dict[str, str]
    aliases: list[Alias]
    people: list[Person]
    family_name_first: frozenset[str] = frozenset()  # actor codes whose people are written family name first
    _by_text: dict[str, Alias | Person] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, folder: str | Path | None = None) -> ActorDictionary:
        folder = Path(folder) if folder else data_dir() / "actors"
        try:
            table = load_actor_table(folder)
            codes = {a.code: a.name for a in table}
            family_first = frozenset(a.code for a in table if a.family_name_first)
            aliases = []
            for n, r in enumerate(_rows(folder / "aliases.csv", ("actor", "alias", "kind")), start=2):
                actor = r["actor"].strip()
                if actor and actor not in codes:
                    raise DataFileError(f"{folder / 'aliases.csv'}:{n}: unknown actor {actor!r}")
                aliases.append(
                    Alias(
                        actor,
                        r["alias"].strip(),
                        r["kind"].strip() or "name",
                        tuple((r.get("context") or "").split()),
                        float(r.get("confidence") or 1.0),
                    )
                )
            people = []
            for n, r in enumerate(_rows(folder / "people.csv", ("actor", "name")), start=2):
                where = f"{folder / 'people.csv'}:{n}"
                actor = r["actor"].strip()
                if actor not in codes:
                    raise DataFileError(f"{where}: unknown actor {actor!r}")
                name = r["name"].strip()
                people.append(
                    Person(
                        actor,
                        name,
                        (r.get("surname") or "").strip() or surname_of(name, actor in family_first),
                        tuple(v.strip() for v in (r.get("variants") or "").split("|") if v.strip()),
                        (r.get("role") or "").strip(),
                        _parse_iso(r.get("start", ""), where),
                        _parse_iso(r.get("end", ""), where),
                        (r.get("alone") or "").strip().lower() in {"yes", "true", "1"},
                    )
                )
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"malformed actor data in {folder}: {exc}") from exc
        return cls(codes, aliases, people, family_first)

    # ------------------------------------------------------------------ indexes
    @cached_property
    def _static_index(self) -> dict[str, Alias | Person]:
        index: dict[str, Alias | Person] = {}
        for alias in self.aliases:
            index.setdefault(alias.alias, alias)
        for alias in self.aliases:
            # "The North fired ...": a "the ..." alias at the start of a sentence, unless the
            # name without the article is an alias itself ("The U.S." is found as "U.S.").
            if alias.alias.startswith("the ") and alias.alias[4:] not in index:
                index.setdefault("The " + alias.alias[4:], alias)
        for person in self.people:
            for variant in {person.name, *person.variants}:
                for v in name_variants(variant):
                    index.setdefault(v, person)
        return index

    @cached_property
    def static_pattern(self) -> re.Pattern[str]:
        return _alternation(list(self._static_index))

    @cached_property
    def alone_surnames(self) -> dict[str, list[Person]]:
        out: dict[str, list[Person]] = {}
        for p in self.people:
            if p.alone:
                out.setdefault(p.surname, []).append(p)
        return out

    # ------------------------------------------------------------------ matching
    def find_mentions(self, text: str, doc_date: str = "") -> list[Mention]:
        return list(find_mentions(text, self, doc_date=doc_date))


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise DataFileError(f"missing data file {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path}: missing columns {', '.join(missing)}")
        return [r for r in reader if any((v or "").strip() for v in r.values())]


def _in_period(person: Person, when: dt.date | None) -> bool:
    if when is None:
        return True
    start = person.start - dt.timedelta(days=730) if person.start else dt.date.min
    end = person.end + dt.timedelta(days=5 * 365) if person.end else dt.date.max
    return start <= when <= end


def find_mentions(text: str, actors: ActorDictionary, *, doc_date: str = "") -> Iterator[Mention]:
    """Stage entry point: actor mentions in ``text``, in order of position."""
    when = None
    if doc_date:
        try:
            when = dt.date.fromisoformat(doc_date[:10])
        except ValueError:
            when = None
    index = actors._static_index
    static: list[Mention] = []
    pattern = actors.static_pattern
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.end()
        if m.group(0).startswith(("the ", "The ")):
            # "the South Korean": a longer name starting inside "the South" wins.
            inner = pattern.match(text, m.start() + 4)
            if inner and inner.end() > m.end():
                m, pos = inner, inner.end()
            elif re.match(r" [A-Z]", text[m.end() : m.end() + 2]):
                continue  # "the North American ...": part of another name
        entry = index[m.group(0)]
        if isinstance(entry, Person):
            static.append(Mention(m.start(), m.end(), m.group(0), entry.actor, "person", 1.0, "dictionary"))
        else:
            static.append(
                Mention(m.start(), m.end(), m.group(0), entry.actor, entry.kind, entry.confidence, "dictionary")
            )
    # Context actors are those named outright: a context-dependent name ("the North") does
    # not vouch for itself or for another one.
    present = {
        m.actor
        for m in static
        if m.actor and not (isinstance(alias := index.get(m.text), Alias) and alias.context)
    }
    static = [
        m
        for m in static
        if m.actor
        and (not (alias := index.get(m.text)) or not isinstance(alias, Alias) or _context_ok(alias, present))
    ]
    # People: dictionary full names, learned names (title patterns, appositives).
    persons: list[tuple[int, str, str]] = []  # (position, surname, actor) of full-name mentions
    for m in static:
        entry = index.get(m.text)
        if isinstance(entry, Person):
            persons.append((m.start, entry.surname, entry.actor))
    learned = list(_learn_people(text, static))
    occupied = [(m.start, m.end) for m in static]
    for start, end, name, actor in learned:
        if not _overlaps(start, end, occupied):
            static.append(Mention(start, end, name, actor, "person", 0.9, "learned"))
            occupied.append((start, end))
            persons.append((start, surname_of(name, actor in actors.family_name_first), actor))
    # Surnames used alone.
    surnames = {s for _, s, _ in persons}
    alone = {s: ps for s, ps in actors.alone_surnames.items() if any(_in_period(p, when) for p in ps)}
    candidates = surnames | set(alone)
    if candidates:
        persons.sort()
        for m in _alternation(sorted(candidates)).finditer(text):
            if _overlaps(m.start(), m.end(), occupied):
                continue
            if _NAME_AFTER.match(text, m.end()):
                continue  # "Kim Hong-kyun": another person's full name, not a surname alone
            surname = m.group(0)
            earlier = [a for pos, s, a in persons if s == surname and pos < m.start()]
            owner = _owner_before(text, m.start(), static)
            if owner and owner in earlier:
                earlier = [owner]  # "South Korea's Kim": the Kim of that actor
            if earlier:
                actor, conf = earlier[-1], 0.9
            elif surname in alone:
                ps = [p for p in alone[surname] if _in_period(p, when)]
                if len({p.actor for p in ps}) != 1:
                    continue
                actor, conf = ps[0].actor, 0.85
            else:
                continue
            static.append(Mention(m.start(), m.end(), surname, actor, "person", conf, "surname"))
            occupied.append((m.start(), m.end()))
    home = home_actor(text, actors)
    owned: dict[str, str] = {}  # "foreign ministry" -> actor of its latest explicit owner
    for m in _HOME_PHRASE.finditer(text):
        start, end = m.start(), m.end()
        key = _institution_key(m.group(0))
        owner = _owner_before(text, start, static)
        if owner:
            owned[key] = owner  # "China's foreign ministry": a later "the foreign ministry" is China's
            continue
        if _overlaps(start, end, occupied) or re.search(r"(?:'s|’s|\bof)\s*$", text[max(0, start - 4) : start]):
            continue  # "the foreign ministry of Japan" (owner after)
        actor = owned.get(key) or home
        if actor:
            via = "context" if key in owned else "home"
            static.append(Mention(start, end, m.group(0), actor, "institution", 0.6, via))
            occupied.append((start, end))
    static.sort()
    yield from static


_DATELINE = re.compile(r"^\s*(?:#[^\n]*\n+\s*)?([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*),\s+[A-Z][a-z]{2,}\.?(?:\s+\d{1,2})?", re.M)
_HOME_PHRASE = re.compile(
    r"\b(?:the )?(?:[Ff]oreign|[Dd]efen[cs]e|[Uu]nification|[Tt]rade|[Ii]ndustry|[Cc]ommerce|[Ff]inance) [Mm]inistry\b"
    r"|\b(?:the )?(?:[Pp]residential [Oo]ffice|[Pp]rime [Mm]inister's [Oo]ffice)\b"
    r"|\b(?:(?:First )?Vice |Deputy )?(?:Foreign|Defen[cs]e|Unification|Trade|Prime|Finance) Minister"
    r"(?: [A-Z][a-z]+(?:[- ][A-Za-z][a-z]+){0,2})?"
    r"|\b(?:[Nn]ational [Ss]ecurity [Aa]dviser|[Ss]py [Cc]hief) [A-Z][a-z]+(?:[- ][A-Za-z][a-z]+){0,2}"
)


def _institution_key(phrase: str) -> str:
    """"the Foreign Ministry" -> "foreign ministry"; titled people keep their name."""
    return " ".join(w for w in phrase.lower().split() if w != "the")


def home_actor(text: str, actors: ActorDictionary) -> str:
    """Actor of the dateline's city ("SEOUL, March 16 —" -> KOR), or ""."""
    m = _DATELINE.search(text[:400])
    if not m or m.start() > 300:
        return ""
    city = m.group(1).title()
    entry = actors._static_index.get(city)
    return entry.actor if isinstance(entry, Alias) and entry.kind == "capital" else ""


def _owner_before(text: str, position: int, mentions: list[Mention]) -> str:
    """Actor of a possessive or demonym right before ``position`` ("South Korea's Kim")."""
    for m in mentions:
        gap = text[m.end : position]
        if m.end <= position and gap in ("'s ", "’s ", " ") and m.kind != "person":
            return m.actor
    return ""


def _context_ok(alias: Alias, present: set[str]) -> bool:
    return not alias.context or bool(present & set(alias.context))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


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


# ---------------------------------------------------------------------- anaphora

GROUP_ANAPHORS = {
    "the two sides": 2,
    "both sides": 2,
    "both countries": 2,
    "the two countries": 2,
    "the two nations": 2,
    "both nations": 2,
    "the two governments": 2,
    "both governments": 2,
    "the two leaders": 2,
    "both leaders": 2,
    "the two neighbours": 2,
    "the two neighbors": 2,
    "the two allies": 2,
    "both allies": 2,
    "the two capitals": 2,
    "the two": 2,
    "the pair": 2,
    "the three countries": 3,
    "the three nations": 3,
    "the three governments": 3,
    "the three leaders": 3,
    "the three allies": 3,
    "the three": 3,
}
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its"})
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me", "ours"})
PLURAL_PRONOUNS = frozenset({"they", "their"})
_PLURAL_NOUN = re.compile(
    r"\s*\b(?:officials|analysts|experts|critics|observers|people|residents|lawmakers|researchers|scholars|"
    r"companies|firms|activists|protesters|demonstrators|citizens|investors|exporters|businesses)\b",
    re.I,
)
_COORDINATION = re.compile(r"(?:'s|’s)?(?:,\s*|\s+and\s+|,\s+and\s+|\s*&\s*)")
_ANAPHOR_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(re.escape(k) for k in sorted(GROUP_ANAPHORS, key=len, reverse=True))
    + r")(?![A-Za-z-])",
    re.I,
)
_PREP_BEFORE = re.compile(
    r"(?:\b(?:for|on|toward|towards|against|to|with|of|in|over|into|about|from|near|around|at)\s+(?:the\s+)?)$",
    re.I,
)


def group_anaphors(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, size) of group anaphors like "the two sides" in ``text``."""
    for m in _ANAPHOR_RE.finditer(text):
        yield m.start(), m.end(), GROUP_ANAPHORS[m.group(0).lower()]


def resolve_anaphor(
    word: str, position: int, mentions: Sequence[Mention], scope_start: int, text: str = ""
) -> list[Mention]:
    """Antecedent mentions of an anaphor at ``position``, searched back to ``scope_start``.

    ``word`` is the anaphor ("it", "he", "we", "the two sides"...). Returns []
    when nothing fits. Mentions right after a preposition ("envoy for North
    Korea") are passed over as antecedents of group anaphors.
    """
    lower = word.lower()
    before = [m for m in mentions if scope_start <= m.start and m.end <= position]
    if lower in GROUP_ANAPHORS:
        need = GROUP_ANAPHORS[lower]
        seen: dict[str, Mention] = {}
        for m in reversed(before):
            if text and _PREP_BEFORE.search(text[max(0, m.start - 30) : m.start]):
                continue
            if m.actor not in seen:
                seen[m.actor] = m
            if len(seen) == need:
                return list(seen.values())
        return []
    if lower in PERSON_PRONOUNS or lower in FIRST_PERSON:
        people = [m for m in before if m.kind == "person"]
        if people:
            return [people[-1]]
        if lower in FIRST_PERSON and before:
            return [before[-1]]
        return []
    if lower in THING_PRONOUNS:
        things = [
            m
            for m in before
            if m.kind in ("name", "capital", "institution")
            and not (lower == "its" and text and _PREP_BEFORE.search(text[max(0, m.start - 30) : m.start]))
        ]
        return [things[-1]] if things else []
    if lower in PLURAL_PRONOUNS and text:
        # "Japan and South Korea ... they": the latest coordinated pair (or list) of actors
        for i in range(len(before) - 1, 0, -1):
            group = [before[i]]
            j = i
            while j > 0 and _COORDINATION.fullmatch(text[before[j - 1].end : before[j].start]):
                group.insert(0, before[j - 1])
                j -= 1
            if len({m.actor for m in group}) >= 2:
                between = text[group[-1].end : position]
                later = _PLURAL_NOUN.search(between, len(_PLURAL_NOUN.match(between).group(0)) if _PLURAL_NOUN.match(between) else 0)
                # "Japan and South Korea ... Officials said ... they": the officials are nearer
                return [] if later else group
        return []
    return []
