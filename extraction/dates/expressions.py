"""Temporal expressions in a text, resolved against the publication date (no parse needed).

* explicit: "December 2018", "September 7", "7 September 2022", "in August", "in 2016",
  "2022-09-07";
* relative to the publication date: "last month", "last week's talks", "on Tuesday",
  "yesterday", "three days ago", "over the weekend";
* relative to the story's own time: "the previous day", "the following year", "a day earlier",
  "a day before the talks began".

Each :class:`TimeExpression` also records what the words around it say: whether it is the limit
of a period ("since 2019", "until March"), background in the past perfect ("had met in 2018"),
a plan or a future ("will meet on Monday", "is due to start in March"), or names the time of a
thing rather than of the story ("its April pledge"). An underspecified expression ("on Monday",
"in March", "March 3") keeps both readings, the last one on or before the publication date and
the next one on or after it; its ``date`` is the reading its clause calls for (the nearest tense
cue decides; with none, the past one for a weekday and the nearer one for a month or a day of a
month). A month without a year takes a year the sentence names on its own ("In 2019 ... in
July"). Datelines ("SEOUL, March 9 —", "Jan 5 (Reuters) -"), years inside names ("Justice
Mission 2025") and appositions ("February 25, the day after ...") are not event times.

Entry point: :func:`find_dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from ..constants import (
    CAPITALISED_FUNCTION_WORDS,
    MONTH_NAMES,
    MONTH_PATTERN,
    MONTHS,
    PERIOD_BOUND_WORDS,
    WEEKDAY_NAMES,
)
from ..lexicons import number_words, word_class
from .resolve import in_year, month_start, publication_day, resolve


class TimeExpression(NamedTuple):
    start: int
    end: int
    text: str
    date: str  # ISO date: the reading the expression's own clause calls for
    precision: str  # day, month, year
    bound: bool = False  # "since 2019", "until March": a limit of a period, not the time of an event
    limit: str = ""  # the word that makes it a limit ("since", "until", "by", ...)
    earlier: str = ""  # underspecified ("on Monday", "in March"): the reading on or before the publication date
    later: str = ""  # ... and the one on or after it
    background: bool = False  # in a past-perfect clause ("had met in 2018"): not the story's current time
    future: bool = False  # a plan or a future ("will meet on Monday", "due to take effect on May 1")
    week: str = ""  # "this week", "last week": the Monday of that week
    modifier: bool = False  # names the time of a thing, not of the story: "its April pledge", "the 2019 curbs"
    paragraph: int = 0  # which paragraph of the text (blank-line separated) it is in
    joined: bool = False  # the second of a pair: "Saturday and Sunday", "from Sunday to Wednesday"


WEEKDAYS = tuple(w.lower() for w in WEEKDAY_NAMES)
_MON = MONTH_PATTERN
_NUMWORDS = number_words()
_COUNT = r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few)"
#: What the last word of a counted expression makes it: relative to the story, to an event, to today.
_OFFSET, _OFFSET_EVENT, _AGO = "offset", "offset_event", "ago"
_COUNTED_KIND = {"earlier": _OFFSET, "later": _OFFSET, "before": _OFFSET_EVENT, "after": _OFFSET_EVENT, "ago": _AGO}

_WEEKDAY = rf"(?P<wd>{'|'.join(WEEKDAY_NAMES)})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("weekday_last_week", re.compile(rf"\b(?:on\s+)?{_WEEKDAY}\s+(?:of\s+)?last\s+week\b")),
    # "three days earlier", "a day before the talks began", "two weeks ago": one scan, sorted by the last word
    (
        "counted",
        re.compile(
            r"\b" + _COUNT + r"\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later|before|after|ago)\b", re.I
        ),
    ),
    ("that_day", re.compile(r"\bthat\s+(?:same\s+)?(?P<unit>day|morning|afternoon|evening|night)\b", re.I)),
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:\b|(?=T\d))")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\s*,?\s+(?P<y>\d{{4}})\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y>\d{{4}})\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<y>\d{{4}})\b")),
    ("my", re.compile(rf"\b(?P<mon>{_MON})\s+(?:of\s+)?(?P<y>\d{{4}})\b")),
    ("md", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d)")),
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\b")),
    # "on the 15th": a day of the publication's month or the one before (Korean and Japanese wire style)
    ("dom", re.compile(r"\b(?:on|since|until|by|from)\s+the\s+(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of|century))")),
    (
        "the_rel",
        re.compile(
            r"\bthe\s+(?P<which>previous|following|next|same|preceding)\s+(?P<unit>day|week|month|year|morning|evening|night)\b",
            re.I,
        ),
    ),
    (
        "rel_unit",
        re.compile(
            r"\b(?P<which>last|this|next|previous|past|coming|following|earlier this|later this)\s+"
            r"(?P<unit>week|month|year|weekend)\b",
            re.I,
        ),
    ),
    ("weekend", re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b", re.I)),
    ("day_before", re.compile(r"\bthe\s+day\s+(?P<which>before|after)\b", re.I)),
    ("deictic", re.compile(r"\b(?P<w>yesterday|today|tonight|this morning|this afternoon|this evening|last night)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>(?i:last|next|this\s+coming|this|coming|on))\s+)?"
            + _WEEKDAY
            + r"\b"
        ),
    ),
    (
        "month",
        re.compile(
            r"\b(?:(?P<which>(?i:in|last|this|next|early|late|mid|since|until|by|from|of|during|through|before"
            r"|after|earlier in|later in))[\s-]+)?"
            + rf"(?P<mon>{'|'.join(MONTH_NAMES)})\b"
        ),
    ),
    ("year", re.compile(r"\b(?P<which>in|since|of|during|early|late|mid|until|by|from|before|after|throughout)[\s-]+(?:the\s+year\s+)?(?P<y>(?:19|20)\d\d)\b(?!-\d)", re.I)),
    ("year_bare", re.compile(r"(?<![\w$-])(?P<y>20[0-3]\d)(?![\w-])")),
]
#: Kinds resolved against the story's latest day rather than the publication date.
_STORY_RELATIVE = frozenset({"the_rel", "day_before", "offset", "offset_event", "that_day"})
#: Kinds that name a year and so set the year later expressions ("the following year") count from.
_YEAR_KINDS = frozenset({"iso", "dmy", "mdy", "my", "year", "year_bare"})

# --------------------------------------------------------------------------- the words around an expression

#: Where a clause ends, for the cheap tense cues (no parse).
_CLAUSE_BREAK = re.compile(
    r"[;:—–()\"“”]|\s-\s|[.!?](?=\s|$)"
    r"|,\s+(?=(?:and|but|while|whereas|which|who|whose|where|when|as|saying|adding|after|before)\b)"
    r"|\b(?:that|which|who|because|although|though|whereas|when|while|once|if|unless)\b"
)
#: A future or a plan in the clause: "will meet on Monday", "is due to start in March".
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|would|won't|wouldn't"
    r"|(?:is|are|was|were)\s+(?:due|set|scheduled|slated|expected|poised|going|about)\s+to"
    r"|(?:is|are|was|were)\s+to|plans?\s+to|planning\s+to|intends?\s+to|hopes?\s+to|aims?\s+to"
    r"|upcoming|forthcoming|scheduled|planned|due\s+(?:on|in|to|for))\b|'ll\b",
    re.I,
)
#: A past tense in the clause: "met in March", "was signed on June 3".
_PAST_CUE = re.compile(r"\b(?:had|did|was|were|ago)\b|\b[a-z]{2,}ed\b")
#: "had met", "had already been": the past perfect of background.
_HAD = re.compile(
    r"\bhad\s+(?:(?:not|never|already|also|just|long|previously|earlier|first|last|once|twice|ever|still|both"
    r"|all|each|only|[a-z]+ly)\s+)*(?P<w>[a-z]+)\b"
)
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[A-Z][A-Z .'/-]+(?:,\s+[A-Z][A-Za-z .'-]+)?,\s*$")
#: "Jan 5 (Reuters) -" opening a line: a dateline without a place.
_DATELINE_AFTER = re.compile(r"(?:,?\s*\d{4})?\s*(?:\([A-Z][\w .&-]*\)\s*)?(?:—|–|--?)\s")
_BOUND_WORDS = PERIOD_BOUND_WORDS
_BOUND_BEFORE = re.compile(r"\b(?P<w>since|until|till|before|after|by|through)\s+(?:the\s+)?$", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: A verb of saying right before a day: "said on Thursday", "told reporters Friday".
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told(?:\s+\w+)?|announced|reported|stated|confirmed|disclosed|added|noted|claimed|insisted)\s+$",
    re.I,
)
#: Relative expressions that count forward ("the next day", "two days later", "the day after").
_FORWARD = re.compile(r"\b(?:next|following|later|after)\b", re.I)
_PAIR_JOIN = re.compile(r"\s*(?:and|or|to|through|-|–)\s*")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|his|her|their|our|this|that|a|an)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?:[a-z]+-)?[a-z]{3,}")


def _modifies_a_noun(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` between a determiner and a noun ("its April pledge", "the March 3
    summit", "the 2019 restrictions"), naming the time of that thing?"""
    return bool(_DETERMINER_BEFORE.search(text[max(0, start - 8) : start]) and _NOUN_AFTER.match(text, end))


def _clause_parts(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the clause before ``text[start:end]`` and, when the expression opens its
    clause ("On Monday, the two will meet"), those after it."""
    before = text[max(0, start - 240) : start]
    cuts = list(_CLAUSE_BREAK.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    if len(before.split()) > 1:
        return before, ""
    after = text[end : end + 240]
    cut = _CLAUSE_BREAK.search(after)
    return before, after[: cut.start()] if cut else after


def _cues(words: str) -> list[tuple[int, str]]:
    """Tense cues in ``words`` by position: (offset, "future" or "past")."""
    future = [(m.start(), m.end()) for m in _FUTURE_CUE.finditer(words)]
    past = [m for m in _PAST_CUE.finditer(words)]
    irregular = word_class("irregular_past")
    past += [m for m in re.finditer(r"[a-z]+", words) if m.group(0) in irregular]
    found = [(start, "future") for start, _ in future]
    found += [(m.start(), "past") for m in past if not any(s <= m.start() < e for s, e in future)]  # "scheduled"
    return sorted(found)


def _tense_cue(before: str, after: str) -> str:
    """The cue nearest to the expression: the last one before it, else the first one after it."""
    cues = _cues(before)
    if cues:
        return cues[-1][1]
    cues = _cues(after)
    return cues[0][1] if cues else ""


def _year_in_context(
    text: str, start: int, end: int, years: list[tuple[int, int]], pub: dt.date, past: bool
) -> int | None:
    """The year an expression without one ("in July", "March 3") takes from its sentence or, for a
    past tense, from an earlier sentence of its paragraph when that year is a past one; None
    when it is the publication's own."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=0)
    following = _SENTENCE_END.search(text, end)
    sentence_end = following.start() if following else len(text)
    paragraph_start = text.rfind("\n", 0, start) + 1
    same = [y for at, y in years if sentence_start <= at < sentence_end]
    if same:
        return same[-1] if same[-1] != pub.year else None
    earlier = [y for at, y in years if paragraph_start <= at < sentence_start]
    if past and earlier and earlier[-1] < pub.year:
        return earlier[-1]
    return None


def _is_background(words: str) -> bool:
    """Do the clause's words hold a past perfect ("had met", also reported: "said they had met")?"""
    irregular = word_class("irregular_participle")
    for m in _HAD.finditer(words):
        w = m.group("w")
        if w.endswith(("ed", "en", "wn")) or w in irregular:
            return True
    return False


def _in_name(text: str, start: int) -> bool:
    """A bare year right after a capitalised word is part of a name ("Justice Mission 2025")."""
    m = re.search(r"([A-Z][A-Za-z]*)[\s\"']+$", text[max(0, start - 30) : start])
    if not m:
        return False
    word = m.group(1)
    return word not in CAPITALISED_FUNCTION_WORDS and word.lower().rstrip(".") not in MONTHS


def find_dates(text: str, doc_date: str = "") -> Iterator[TimeExpression]:
    """Stage entry point: resolved temporal expressions in ``text``, by position.

    ``doc_date`` is the publication date (ISO); relative expressions need it and are skipped
    without it. "The previous day" and its kin resolve against the latest day-precise expression
    before them in the text (else the publication date); "a day before the talks" only against
    one in an earlier sentence that is not ahead of the publication date; "the same day as the
    decision" against the first day the text names. See :class:`TimeExpression` for what each
    record holds.
    """
    pub = publication_day(doc_date)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for pattern_kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            kind = _COUNTED_KIND[m.group("dir").lower()] if pattern_kind == "counted" else pattern_kind
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "month" and m.group("mon") == "May" and not m.group("which"):
                continue  # the modal verb
            if kind == "year_bare" and _in_name(text, m.start()):
                continue
            found.append((m.start(), m.end(), kind, m))
            taken.append((m.start(), m.end()))
    found.sort()
    years = [  # years named on their own as points of time ("in 2019"), not limits ("since 2019")
        (start, int(m.group("y")))
        for start, _end, kind, m in found
        if kind == "year"
        and (m.groupdict().get("which") or "").lower() not in _BOUND_WORDS
        and not _BOUND_BEFORE.search(text[max(0, start - 12) : start])
    ]
    anchor: dt.date | None = None  # the latest day the text named
    anchor_at = -1  # where it was named
    anchor_month: dt.date | None = None  # the latest month (or day) it named
    anchor_year: int | None = None
    last_end = -10  # where the last expression found ends (yielded or not)
    first_day: dt.date | None = None  # the first day the text names: the story's reference time
    paragraph, next_break = 0, _PARAGRAPH_BREAK.search(text)
    previous_end = -1  # where the last expression yielded ends
    reported_at, before_report = -1, None  # the latest report's day ("said on Thursday") and the day before it
    for start, end, kind, m in found:
        apposition = kind in _STORY_RELATIVE and re.fullmatch(r",\s*", text[last_end:start]) is not None
        last_end = end
        if apposition:
            continue  # "on February 25, the day after the invasion": the same time again
        if start < 400 and (
            _DATELINE_BEFORE.search(text[max(0, start - 80) : start])
            or (re.search(r"(?:^|\n)\s*$", text[max(0, start - 40) : start]) and _DATELINE_AFTER.match(text, end))
        ):
            continue  # "SEOUL, March 9 —": the dateline gives the publication date, not an event's
        base = anchor
        if kind == "offset_event" and (
            anchor is None or not _SENTENCE_END.search(text[anchor_at:start]) or (pub is not None and anchor > pub)
        ):
            continue  # "a day before the talks began": the talks are the story's latest day, named in an earlier sentence
        if kind == "the_rel" and m.group("which").lower() == "same" and re.match(r"\s+as\b", text[end : end + 4]):
            base = first_day or anchor  # "on the same day as the cabinet decision": the story's main event
        elif (
            kind in _STORY_RELATIVE
            and _FORWARD.search(m.group(0))
            and before_report is not None
            and anchor_at == reported_at
            and not _SENTENCE_END.search(text[anchor_at:start])
            and re.search(r"\bthat\b", text[anchor_at:start])
        ):
            # "said on Thursday that soldiers had found him the next day": a reported event is not after its
            # report; count from the story's day before the report
            base = before_report
        resolved = resolve(kind, m, pub, base, anchor_year, anchor_month)
        if resolved is None:
            continue
        before, after = _clause_parts(text, start, end)
        cue = _tense_cue(before, after)
        future = cue == "future"
        day = resolved.day
        year = None
        if kind in ("month", "md", "dm") and resolved.earlier and pub is not None and cue != "future":
            year = _year_in_context(text, start, end, years, pub, cue == "past")
        if year is not None:
            # "In 2019 Japan restricted exports in July", "The dispute began in 2019. ... in August": that year
            day = in_year(year, day.month, day.day) or day
            resolved = resolved._replace(earlier=None, later=None)
        elif future and resolved.later:
            day = resolved.later
        elif cue == "past" and resolved.earlier:
            day = resolved.earlier
        precision = resolved.precision
        limit_word = _BOUND_BEFORE.search(text[max(0, start - 12) : start])
        which = (m.groupdict().get("which") or "").lower()
        limit = (limit_word.group("w").lower() if limit_word else "") or (
            which if which in _BOUND_WORDS and kind not in _STORY_RELATIVE else ""
        )
        if pub is not None and (day > pub if precision == "day" else day > month_start(pub)):
            future = True
        if precision == "day" and kind not in _STORY_RELATIVE:
            if _SPEECH_BEFORE.search(text[max(0, start - 30) : start]):
                reported_at, before_report = end, anchor  # "said on Thursday": the time of a report
            anchor, anchor_at = day, end
            if first_day is None and not limit and (pub is None or day <= pub):
                first_day = day
        if kind not in ("the_rel", "day_before") and (precision == "day" or kind in ("my", "month")):
            anchor_month = day
        if kind in _YEAR_KINDS:
            anchor_year = day.year
        while next_break is not None and next_break.start() < start:
            paragraph += 1
            next_break = _PARAGRAPH_BREAK.search(text, next_break.end())
        yield TimeExpression(
            start, end, m.group(0), day.isoformat(), precision, bool(limit), limit,
            resolved.earlier.isoformat() if resolved.earlier else "",
            resolved.later.isoformat() if resolved.later else "",
            _is_background(f"{before} {after}"), future,
            resolved.week.isoformat() if resolved.week else "",
            kind in ("month", "md", "year_bare", "my") and not which and _modifies_a_noun(text, start, end),
            paragraph, previous_end >= 0 and _PAIR_JOIN.fullmatch(text[previous_end:start]) is not None,
        )  # fmt: skip
        previous_end = end
