"""The actor dictionary: actors, aliases and people, loaded from ``data/actors/*.csv``.

Names and variants, demonyms, capitals, institutions, people with their period of office, and
non-actor phrases ("South China Sea") that block a match. See ``data/actors/README.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from ..actor_table import load_actor_table
from ..config import data_dir
from ..errors import DataFileError


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
    actor: str  # "" for a non-actor phrase
    alias: str
    kind: str
    context: tuple[str, ...]
    confidence: float
    also: tuple[str, ...] = ()  # further actors a collective name stands for ("the two Koreas": PRK, then KOR)


# Words that may stand between an actor and a person's name ("Japan's Vice

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
    """One pattern matching any of ``strings`` as a whole word, longest first (compiled once per set)."""
    return _compiled_alternation(frozenset(strings))


@lru_cache(maxsize=512)
def _compiled_alternation(strings: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(strings, key=len, reverse=True)
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
                # a collective name lists its actors with "|": "the two Koreas" -> PRK|KOR
                actor, *also = [a.strip() for a in r["actor"].split("|")] or [""]
                for code in (actor, *also):
                    if (code or also) and code not in codes:
                        raise DataFileError(f"{folder / 'aliases.csv'}:{n}: unknown actor {code!r}")
                aliases.append(
                    Alias(
                        actor,
                        r["alias"].strip(),
                        r["kind"].strip() or "name",
                        tuple((r.get("context") or "").split()),
                        float(r.get("confidence") or 1.0),
                        tuple(also),
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
    def insensitive_pattern(self) -> re.Pattern[str]:
        """Every dictionary name, matched without regard to case (for lines written in capitals)."""
        return re.compile(_alternation(list(self._static_index)).pattern, re.I)

    @cached_property
    def _surname_roles(self) -> dict[tuple[str, str], str]:
        out: dict[tuple[str, str], str] = {}
        for p in self.people:
            out.setdefault((p.surname, p.actor), p.role)
        return out

    def role_of(self, mention: Mention) -> str:
        """The office of the person a mention names ("Donald Trump", or "Trump" alone -> "President");
        "" for other mentions and people the dictionary does not know."""
        if mention.kind != "person":
            return ""
        entry = self._static_index.get(mention.text)
        if isinstance(entry, Person):
            return entry.role
        return self._surname_roles.get((mention.text, mention.actor), "")

    @cached_property
    def alone_surnames(self) -> dict[str, list[Person]]:
        out: dict[str, list[Person]] = {}
        for p in self.people:
            if p.alone:
                out.setdefault(p.surname, []).append(p)
        return out


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise DataFileError(f"missing data file {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path}: missing columns {', '.join(missing)}")
        return [r for r in reader if any((v or "").strip() for v in r.values())]


def context_ok(alias: Alias, present: set[str]) -> bool:
    return not alias.context or bool(present & set(alias.context))


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)



def owner_before(text: str, position: int, mentions: list[Mention]) -> str:
    """Actor of a possessive or demonym right before ``position`` ("South Korea's Kim")."""
    for m in mentions:
        gap = text[m.end : position]
        if m.end <= position and gap in ("'s ", "’s ", " ") and m.kind != "person":
            return m.actor
    return ""
