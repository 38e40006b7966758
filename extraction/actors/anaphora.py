"""Anaphora: group nouns ("the two sides"), pronouns and "we" in quotes, resolved to actors.

:func:`group_anaphors` finds group anaphors in a sentence; :func:`resolve_anaphor` returns the
antecedent mentions of an anaphor, searched back to the start of a scope (the paragraph, or the
paragraph before for "they" and the people pronouns).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..constants import FIRST_PERSON, PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS
from ..lexicons import group_anaphors as _group_anaphor_sizes
from ..lexicons import word_class
from .dictionary import Mention

#: Group anaphor phrase -> how many actors it refers to ("the two sides" -> 2); data/lexicons/group_anaphors.csv.
GROUP_ANAPHORS = _group_anaphor_sizes()
#: Plural nouns of people ("officials", "analysts") that "they" may refer to instead of countries.
_PLURAL_NOUN = re.compile(
    r"\s*\b(?:" + "|".join(sorted(word_class("generic_group_noun"))) + r")\b",
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
