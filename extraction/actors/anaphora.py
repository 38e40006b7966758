"""References: group nouns, pronouns and quoted "we", resolved to the actors they stand for.

* Group nouns: "the two sides", "both governments", "the three leaders", "the allies",
  "the two Asian neighbours". They go to the latest *coordinated* group of actors of the right
  size before them ("South Korea and the United States", "US-China", "Japan, South Korea and
  the US"), anywhere earlier in the article; failing that, to the latest distinct actors of the
  paragraph (or the one before).
* "he", "she", "his", "her": the latest person, or an actor named with a title ("the US
  secretary of state"), in this paragraph or the one before.
* "it", "its": the latest country, capital or institution of the paragraph.
* "they", "their": the latest coordinated group, unless a group of people ("officials") came in
  between.
* "we", "our", "us": inside a quotation, the speaker named in its attribution ("..., the Russian
  foreign minister said"); else the latest person or actor.

Entry point: :func:`sentence_anaphora` gives the anaphor mentions of one sentence;
:func:`resolve_anaphor` resolves one word and :func:`group_anaphors` finds group nouns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from .. import weights
from ..constants import (
    FIRST_PERSON,
    GROUP_SIZE_WORDS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
)
from ..documents import Sentence
from ..lexicons import group_anaphors as _group_anaphor_sizes
from ..lexicons import word_class
from .dictionary import Mention

#: Fixed group phrases -> how many actors they refer to ("the pair" -> 2); data/lexicons/group_anaphors.csv.
GROUP_ANAPHORS = _group_anaphor_sizes()
_GROUP_NOUNS = sorted(word_class("group_noun"), key=len, reverse=True)
_BARE_GROUP_NOUNS = sorted(word_class("bare_group_noun"), key=len, reverse=True)
_NAMED_AFTER = r"(?!\s+of\s+(?:the\s+)?(?-i:[A-Z]))"  # "the leaders of Japan and India" name their members
_GROUP_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?:[Tt]he\s+(?P<num>two|three|four)|[Bb]oth|[Aa]ll\s+(?P<all>three|four))\s+(?:[a-z][a-z-]*\s+){0,2}?"
    r"(?P<noun>" + "|".join(re.escape(n) for n in _GROUP_NOUNS) + r")(?![A-Za-z-])" + _NAMED_AFTER
    + r"|[Tt]he\s+(?:[a-z][a-z-]*\s+)?(?P<bare>" + "|".join(re.escape(n) for n in _BARE_GROUP_NOUNS) + r")"
    r"(?![A-Za-z-])" + _NAMED_AFTER
    + r"|(?P<fixed>" + "|".join(re.escape(k) for k in sorted(GROUP_ANAPHORS, key=len, reverse=True)) + r")"
    r"(?![A-Za-z-])(?!\s+(?:[a-z][a-z-]*\s+){0,2}(?:" + "|".join(re.escape(n) for n in _GROUP_NOUNS) + r")\b)"
    r"(?!\s+(?-i:[A-Z0-9]))"  # "the three China-US communiques" is no group noun
    r")",
    re.I,
)
#: Plural nouns of people ("officials", "analysts") that "they" may refer to instead of countries.
_PLURAL_NOUN = re.compile(
    r"\s*\b(?:" + "|".join(sorted(word_class("generic_group_noun"))) + r")\b",
    re.I,
)
_PERSON_TITLES = word_class("person_title")
_TITLE_ANAPHORS = word_class("title_anaphor")
#: "the president", "the prime minister": the person last named with that office.
_TITLE_RE = re.compile(
    r"(?<![A-Za-z])[Tt]he\s+(?P<title>" + "|".join(re.escape(t) for t in sorted(_TITLE_ANAPHORS, key=len, reverse=True))
    + r")(?![A-Za-z-])(?!\s+of\b)(?!\s+(?-i:[A-Z]))"
)
#: Offices that "the leader" may stand for.
_LEADER_ROLES = frozenset({"president", "prime minister", "premier", "supreme leader", "chairman", "general secretary"})
#: The office of a person mention ("Donald Trump" -> "President"), "" when unknown.
RoleLookup = Callable[[Mention], str]
#: Group nouns that refer to people ("the three leaders", "both ministers"), whose antecedents are people.
_PEOPLE_NOUN = re.compile(r"\b(?:leaders|presidents|ministers|heads of state|envoys|diplomats|negotiators)\b", re.I)
_COORDINATION = re.compile(r"(?:'s|’s)?(?:,\s*|\s+and\s+|,\s+and\s+|\s*&\s*|\s*[-–—/]\s*)(?:the\s+)?")
_PREP_BEFORE = re.compile(
    r"(?:\b(?:for|on|toward|towards|against|to|with|of|in|over|into|about|from|near|around|at)\s+(?:the\s+)?)$",
    re.I,
)
_PRONOUN = re.compile(
    r"(?<![A-Za-z])(?:it|its|It|Its|he|He|she|She|his|His|her|we|We|our|Our|us|they|They|their|Their)(?![A-Za-z])"
)
_QUOTES = re.compile(r"[\"“”]")
_SPEECH_NEXT = re.compile(
    r"\s+(?:[A-Za-z]+\s+){0,2}?(?:said|says|told|added|stated|pledged|declared|announced|insisted|wrote|warned"
    r"|stressed|noted|vowed|replied)\b"
)
_IT_COPULA = re.compile(r"\s+(?:was|is|has been|had been|will be|would be|remains|seems|appears)\b|’s\b|'s\b")
#: A verb of saying right before "it": "Japan said it was disappointed" speaks of Japan, not the situation.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|added|stated|insisted|stressed|noted|warned|declared|announced|replied|argued|told \w+)"
    r"(?:\s+(?:on|last|this)\s+\w+)?(?:\s+that)?\s*$"
)
#: "Pyongyang notified Japan's coast guard that it planned ...": "it" is the one telling, not the one told.
_TOLD_THAT = re.compile(
    r"\b(?:" + "|".join(sorted(word_class("telling_verb"))) + r")\s+(?:[^\s,;:]+\s+){1,6}?that\s+$"
)
_SPEECH_AFTER = re.compile(
    r"^[,.!?]?\s*[\"”]\s*,?\s*(?P<who>[^\"“”]{0,90}?)\s+(?:said|says|added|told|stressed|insisted|warned|wrote|declared"
    r"|noted|continued|argued|asked|replied)\b"
    r"|^[,.!?]?\s*[\"”]\s*,?\s*(?:said|says|added|told|stressed|warned|declared)\s+(?P<who2>[^\"“”.]{0,90})",
)


def group_anaphors(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, size) of group nouns like "the two sides" in ``text``; size 0: two or more."""
    for m in _GROUP_RE.finditer(text):
        if m.group("fixed"):
            size = GROUP_SIZE_WORDS.get(m.group("fixed").lower(), GROUP_ANAPHORS.get(m.group("fixed").lower(), 0))
        elif m.group("bare"):
            size = 0
        else:
            word = (m.group("num") or m.group("all") or m.group(0).split()[0]).lower()
            size = GROUP_SIZE_WORDS.get(word, 0)
        yield m.start(), m.end(), size


def coordinated_groups(mentions: Sequence[Mention], text: str) -> list[list[Mention]]:
    """Groups of mentions joined by coordination ("X and Y", "X, Y and Z", "US-China"), in text order.

    Mentions on the same span (a collective name such as "the two Koreas") are one group.
    """
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups and (
            (groups[-1][-1].start, groups[-1][-1].end) == (m.start, m.end)
            or _COORDINATION.fullmatch(text[groups[-1][-1].end : m.start])
        ):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [g for g in groups if len({m.actor for m in g}) >= 2]


def _distinct(group: Sequence[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in group:
        seen.setdefault(m.actor, m)
    return list(seen.values())


def _office_holder(
    title: str, position: int, mentions: Sequence[Mention], scope_start: int, role_of: RoleLookup
) -> Mention | None:
    """The latest person mention before ``position`` (back to ``scope_start``) whose office is ``title``
    ("the president" -> the president last named; "the leader" -> a head of state or government)."""
    title = "defense minister" if title == "defence minister" else title
    for m in reversed([m for m in mentions if scope_start <= m.start and m.end <= position and m.kind == "person"]):
        role = role_of(m).lower()
        if role.startswith("acting "):
            role = role[len("acting ") :]
        if role == title or (title == "leader" and role in _LEADER_ROLES):
            return m
    return None


def _titled(m: Mention, text: str) -> bool:
    """An actor named with a title, standing for a person: "the US secretary", "Japan's prime minister".

    A person title ("secretary", "minister", "spokesperson") must come within three lower-case words
    after the actor: "Taiwan affairs" or "Chinese territory" name no person.
    """
    if m.kind == "person":
        return False
    after = re.sub(r"^(?:'s|’s)?\s+", "", text[m.end : m.end + 60]).split()[:3]
    for word in after:
        word = word.strip(",.;:")
        if word.lower() in _PERSON_TITLES:
            return True
        if not word.islower():
            return False
    return False


def resolve_anaphor(
    word: str, position: int, mentions: Sequence[Mention], scope_start: int, text: str = "", size: int | None = None
) -> list[Mention]:
    """Antecedent mentions of an anaphor at ``position``, searched back to ``scope_start``.

    ``word`` is the anaphor ("it", "he", "we", "the two sides"...); ``size`` the number of actors
    a group noun refers to (0: two or more; None: look it up). Returns [] when nothing fits.
    Mentions right after a preposition ("envoy for North Korea") are passed over as antecedents
    of group nouns and of "its".
    """
    lower = word.lower()
    before = [m for m in mentions if scope_start <= m.start and m.end <= position]
    if size is None and _GROUP_RE.fullmatch(word):
        size = next(group_anaphors(word))[2]
    if size is not None:
        seen: dict[str, Mention] = {}
        for m in reversed(before):
            if text and _PREP_BEFORE.search(text[max(0, m.start - 30) : m.start]):
                continue
            if m.actor not in seen:
                seen[m.actor] = m
            if len(seen) == max(size, 2):
                return list(seen.values())
        return []
    if lower in PERSON_PRONOUNS or lower in FIRST_PERSON:
        people = [m for m in before if m.kind == "person" or (text and _titled(m, text))]
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
        groups = coordinated_groups(before, text)
        if groups:
            group = groups[-1]
            between = text[group[-1].end : position]
            first = _PLURAL_NOUN.match(between)
            later = _PLURAL_NOUN.search(between, len(first.group(0)) if first else 0)
            # "Japan and South Korea ... Officials said ... they": the officials are nearer
            return [] if later else group
        return []
    return []


def _group_antecedents(
    size: int, position: int, mentions: Sequence[Mention], text: str, near_start: int, sentence_start: int,
    scope_start: int, wide_scope: int, people: bool = False, main_dyad: tuple[str, str] | None = None,
) -> list[Mention]:
    """Antecedents of a group noun of ``size`` actors (0: two or more) at ``position``.

    In order: a coordinated group of that size in this or the previous sentence (from
    ``near_start``); the distinct actors of that stretch when they are exactly that many; the
    latest coordinated group of that size anywhere before (the previous sentence's own actors before
    those of the sentence up to the group noun, which are rather its subject); the latest distinct actors of the
    paragraph, then of the one before; for a group of ``people`` ("the three leaders"), the latest people
    of that many actors anywhere before, other than this sentence's. A pair ("the two sides", "the
    leaders") not found in this or the previous sentence is the article's ``main_dyad`` when it has one.
    """
    before = [m for m in mentions if m.end <= position]
    near = [m for m in before if m.start >= near_start]
    groups = coordinated_groups(before, text)
    for group in reversed(groups):
        actors = _distinct(group)
        if group[0].start >= near_start and size in (0, len(actors)):
            return actors
    outside = [m for m in near if not _PREP_BEFORE.search(text[max(0, m.start - 30) : m.start])]
    if main_dyad and size in (0, 2) and not (size == 2 and len(_distinct(outside)) == 2):
        latest = {m.actor: m for m in before}
        if all(a in latest for a in main_dyad):
            return [latest[a] for a in main_dyad]
    for stretch in ([m for m in outside if m.start < sentence_start], outside):
        distinct = _distinct(reversed(stretch))  # the previous sentence's actors first, then with this one's
        if size and len(distinct) == size:
            return distinct
    for group in reversed(groups):
        actors = _distinct(group)
        if size in (0, len(actors)):
            return actors
    for scope in (scope_start, wide_scope):
        found = resolve_anaphor("", position, mentions, scope, text, size=size)
        if found:
            return found
    if size and people:  # "the three leaders": the latest people of that many actors, not this sentence's subject
        here = {m.actor for m in before if m.start >= sentence_start}
        persons = _distinct(reversed([m for m in before if m.kind == "person" and m.actor not in here]))
        if len(persons) >= size:
            return persons[:size]
    return []


def _speaker(text: str, s: Sentence, end: int, mentions: Sequence[Mention]) -> list[Mention]:
    """The speaker of the quotation that holds ``end``.

    The attribution after the quote ("...," the Russian foreign minister said), else the one
    before it in the sentence: a person followed by a verb of saying ("Park Jin pledged ..., "We ...").
    """
    rest = text[end : min(len(text), s.end + 200)]
    close = _QUOTES.search(rest)
    m = _SPEECH_AFTER.match(rest[max(0, close.start() - 1) :]) if close is not None else None
    if m is not None:
        span_start = end + max(0, close.start() - 1) + m.start("who" if m.group("who") is not None else "who2")
        span_end = span_start + len(m.group("who") if m.group("who") is not None else m.group("who2"))
        inside = [x for x in mentions if span_start <= x.start and x.end <= span_end]
        people = [x for x in inside if x.kind == "person"]
        if people or inside:
            return (people or inside)[:1]
    opening = text.rfind('"', s.start, end), text.rfind("“", s.start, end)
    before = [x for x in mentions if s.start <= x.start and x.end <= max(opening)]
    speakers = [x for x in before if x.kind == "person" and _SPEECH_NEXT.match(text, x.end)]
    return speakers[:1]


def _inside_quote(text: str, s: Sentence, position: int) -> bool:
    """An odd number of quotation marks between the paragraph's start and ``position``."""
    return len(_QUOTES.findall(text, s.paragraph_start, position)) % 2 == 1


_SPEAKER_LABEL = re.compile(r"(?P<label>(?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,4}):[ \t]")


def paragraph_speakers(text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Paragraphs of a transcript that open with their speaker ("Mao Ning: ...", "Mr. Kono: ..."): paragraph -> speaker.

    The speaker is the person, institution or actor named in the label; a label naming none
    ("Q:", "AFP:") gives no speaker.
    """
    out: dict[int, Mention] = {}
    for s in sentences:
        if s.start != s.paragraph_start:
            continue
        m = _SPEAKER_LABEL.match(text, s.start)
        if m is None:
            continue
        inside = [x for x in mentions if s.start <= x.start and x.end <= m.end("label")]
        people = [x for x in inside if x.kind == "person"]
        if people or inside:
            out[s.paragraph] = (people or inside)[-1]
    return out


def sentence_anaphora(
    text: str, s: Sentence, static: Sequence[Mention], wide_scope: int, previous_start: int | None = None,
    speaker: Mention | None = None, main_dyad: tuple[str, str] | None = None, role_of: RoleLookup | None = None,
) -> list[Mention]:
    """Anaphor mentions of sentence ``s``, resolved against the dictionary mentions ``static``.

    ``wide_scope`` is where the paragraph before this one starts (pronouns may look back there);
    ``previous_start`` where the sentence before this one starts (group nouns look there first);
    ``speaker`` who speaks the paragraph in a transcript ("we" outside quotes is the speaker's side);
    ``main_dyad`` the two actors the article is about (the default for "the two sides");
    ``role_of`` the office of a person mention, for "the president" (no title anaphors without it).
    Each anaphor mention takes its antecedent's actor, at the antecedent's confidence times
    :data:`~extraction.weights.GROUP_ANAPHOR` or :data:`~extraction.weights.PRONOUN`.
    """
    out: list[Mention] = []
    sent_text = text[s.start : s.end]
    taken = [(m.start, m.end) for m in static]
    for a, b, size in group_anaphors(sent_text):
        start, end = s.start + a, s.start + b
        people = _PEOPLE_NOUN.search(text[start:end]) is not None
        if any(x < end and start < y for x, y in taken):
            continue  # "the two Koreas" is a name of its own
        near = s.start if previous_start is None else previous_start
        found = _group_antecedents(
            size, start, static, text, near, s.start, s.paragraph_start, wide_scope, people, main_dyad
        )
        out.extend(
            Mention(start, end, text[start:end], m.actor, "anaphor", round(m.confidence * weights.GROUP_ANAPHOR, 3), "anaphor")
            for m in found
        )
        taken.append((start, end))
    if role_of is not None:
        for m in _TITLE_RE.finditer(sent_text):
            start, end = s.start + m.start(), s.start + m.end()
            if any(a < end and start < b for a, b in taken):
                continue
            ante = _office_holder(m.group("title").lower(), start, static, 0, role_of)
            if ante is not None:
                out.append(Mention(start, end, m.group(0), ante.actor, "anaphor",
                                   round(ante.confidence * weights.PRONOUN, 3), "anaphor"))  # fmt: skip
                taken.append((start, end))
    for m in _PRONOUN.finditer(sent_text):
        start, end = s.start + m.start(), s.start + m.end()
        if any(a < end and start < b for a, b in taken):
            continue
        if m.group(0).lower() == "it" and _IT_COPULA.match(text, end) and not _SAID_BEFORE.search(text, s.start, start):
            continue  # "It was a trip condemned by China": the situation, not a country
        word = m.group(0).lower()
        scope = s.paragraph_start if word in THING_PRONOUNS else wide_scope
        found: list[Mention] = []
        if word in FIRST_PERSON and _inside_quote(text, s, start):
            found = _speaker(text, s, end, static)
        elif word in FIRST_PERSON and speaker is not None:
            found = [speaker]
        if not found and word == "it":
            told = _TOLD_THAT.search(text, s.start, start)
            if told is not None:
                found = resolve_anaphor(word, told.start(), static, s.start, text)
        if not found:
            found = resolve_anaphor(word, start, static, scope, text)
        out.extend(
            Mention(start, end, m.group(0), ante.actor, "anaphor", round(ante.confidence * weights.PRONOUN, 3), "anaphor")
            for ante in found
        )
    return out
