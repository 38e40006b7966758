"""Stage 4: event dates.

Temporal expressions are found with regular expressions (no parse needed) and
resolved against the publication date:

* explicit: "December 2018", "September 7", "7 September 2022", "in August",
  "in 2016", "2022-09-07";
* relative: "last month", "last week's talks", "on Tuesday", "yesterday",
  "the previous day", "the following year", "three days ago".

Entry point: :func:`find_dates` yields :class:`TimeExpression` records for a
text; :func:`event_date` picks the one that applies to an event at a given
position and falls back to the publication date (precision ``doc``).

Precision is ``day``, ``month`` or ``year``; ``event_date`` is always a full
ISO date (the first day of the month or year at coarser precision).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .constants import MONTH_NAMES, MONTH_PATTERN, MONTHS, NUMBER_WORDS, PERIOD_BOUND_WORDS, WEEKDAY_NAMES


class TimeExpression(NamedTuple):
    start: int
    end: int
    text: str
    date: str  # ISO date
    precision: str  # day, month, year
    bound: bool = False  # "since 2019", "until March": a limit of a period, not the time of an event


class EventDate(NamedTuple):
    date: str
    precision: str  # day, month, year, doc


WEEKDAYS = tuple(w.lower() for w in WEEKDAY_NAMES)
_MON = MONTH_PATTERN
_NUMWORDS = NUMBER_WORDS

_WEEKDAY = rf"(?P<wd>{'|'.join(WEEKDAY_NAMES)})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("weekday_last_week", re.compile(rf"\b(?:on\s+)?{_WEEKDAY}\s+(?:of\s+)?last\s+week\b")),
    (
        "offset",
        re.compile(
            r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+"
            r"(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later)\b",
            re.I,
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
    ("day_before", re.compile(r"\bthe\s+day\s+(?P<which>before|after)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("deictic", re.compile(r"\b(?P<w>yesterday|today|tonight|this morning|this afternoon|this evening|last night)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>(?i:last|next|this|on))\s+)?"
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


def _doc_day(doc_date: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(doc_date[:10]) if doc_date else None
    except ValueError:
        return None


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _mon(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def find_dates(text: str, doc_date: str = "") -> Iterator[TimeExpression]:
    """Stage entry point: resolved temporal expressions in ``text``, by position.

    Relative expressions need the publication date; without it they are skipped.
    "The previous day" and its kin resolve against the latest day-precise
    expression before them in the text (else the publication date).
    """
    pub = _doc_day(doc_date)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "month" and m.group("mon") == "May" and not m.group("which"):
                continue  # the modal verb
            found.append((m.start(), m.end(), kind, m))
            taken.append((m.start(), m.end()))
    found.sort()
    anchor: dt.date | None = None  # the latest day the text named
    anchor_month: dt.date | None = None  # the latest month (or day) it named
    anchor_year: int | None = None
    for start, end, kind, m in found:
        if start < 400 and _DATELINE_BEFORE.search(text[max(0, start - 60) : start]):
            continue  # "SEOUL, March 9 —": the dateline gives the publication date, not an event's
        resolved = _resolve(kind, m, pub, anchor, anchor_year, anchor_month)
        if resolved is None:
            continue
        day, precision = resolved
        bound = bool(_BOUND_BEFORE.search(text[max(0, start - 12) : start])) or (
            (m.groupdict().get("which") or "").lower() in _BOUND_WORDS
        )
        if precision == "day" and kind not in ("the_rel", "day_before", "offset", "that_day"):
            anchor = day
        if kind not in ("the_rel", "day_before") and (precision == "day" or kind in ("my", "month")):
            anchor_month = day
        if kind in ("iso", "dmy", "mdy", "my", "year", "year_bare"):
            anchor_year = day.year
        yield TimeExpression(start, end, m.group(0), day.isoformat(), precision, bound)


_DATELINE_BEFORE = re.compile(r"(?:^|\n)[A-Z][A-Z .'/-]+,\s*$")
_BOUND_WORDS = PERIOD_BOUND_WORDS
_BOUND_BEFORE = re.compile(r"\b(?:since|until|till|before|after|by|through)\s+(?:the\s+)?$", re.I)


def _resolve(
    kind: str,
    m: re.Match[str],
    pub: dt.date | None,
    anchor: dt.date | None,
    anchor_year: int | None,
    anchor_month: dt.date | None = None,
) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    try:
        if kind == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "day"
        if kind in ("dmy", "mdy"):
            return dt.date(int(g["y"]), _mon(g["mon"]), int(g["d"])), "day"
        if kind == "my":
            return dt.date(int(g["y"]), _mon(g["mon"]), 1), "month"
        if kind in ("year", "year_bare"):
            return dt.date(int(g["y"]), 1, 1), "year"
    except ValueError:
        return None
    if pub is None:
        return None
    if kind == "weekday_last_week":
        target = WEEKDAYS.index(g["wd"].lower())
        return pub - dt.timedelta(days=pub.weekday() + 7) + dt.timedelta(days=target), "day"
    if kind == "offset":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMWORDS.get(n, 1)
        sign = -1 if g["dir"].lower() == "earlier" else 1
        base = anchor or pub
        unit = g["unit"].lower()
        if unit == "day":
            return base + dt.timedelta(days=sign * count), "day"
        if unit == "week":
            return _month_start(base + dt.timedelta(days=7 * sign * count)), "month"
        if unit == "month":
            return _add_months(base, sign * count), "month"
        return dt.date(base.year + sign * count, 1, 1), "year"
    if kind == "that_day":
        return (anchor or pub), "day"
    if kind in ("md", "dm"):
        try:
            day = dt.date(pub.year, _mon(g["mon"]), int(g["d"]))
        except ValueError:
            return None
        if day > pub + dt.timedelta(days=62):
            day = day.replace(year=pub.year - 1)
        return day, "day"
    if kind == "month":
        month = _mon(g["mon"])
        which = (g.get("which") or "").lower()
        if which == "next":
            year = pub.year + (month <= pub.month)
        elif which == "last":
            year = pub.year - (month >= pub.month)
        elif month > pub.month + 2 and which not in ("this", "until", "by", "through"):
            year = pub.year - 1
        else:
            year = pub.year
        return dt.date(year, month, 1), "month"
    if kind == "rel_unit" and g["which"].lower() in ("previous", "following"):
        kind = "the_rel"  # "following year": relative to the story's time, not to today
    if kind == "rel_unit":
        which, unit = g["which"].lower(), g["unit"].lower()
        step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
        if unit == "year":
            return dt.date(pub.year + step, 1, 1), "year"
        if unit == "month":
            return _add_months(pub, step), "month"
        # a week: at month precision, the month holding that week's middle
        return _month_start(pub + dt.timedelta(days=7 * step)), "month"
    if kind in ("the_rel", "day_before"):
        which = g["which"].lower()
        unit = (g.get("unit") or "day").lower()
        base = anchor or pub
        step = {"previous": -1, "preceding": -1, "before": -1, "following": 1, "next": 1, "after": 1}.get(which, 0)
        if unit in ("day", "morning", "evening", "night"):
            return base + dt.timedelta(days=step), "day"
        if unit == "week":
            return _month_start(base + dt.timedelta(days=7 * step)), "month"
        if unit == "month":
            return _add_months(anchor_month or base, step), "month"
        year = (anchor_year or base.year) + step
        return dt.date(year, 1, 1), "year"
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMWORDS.get(n, 1)
        unit = g["unit"].lower()
        if unit == "day":
            return pub - dt.timedelta(days=count), "day"
        if unit == "week":
            return _month_start(pub - dt.timedelta(days=7 * count)), "month"
        if unit == "month":
            return _add_months(pub, -count), "month"
        return dt.date(pub.year - count, 1, 1), "year"
    if kind == "deictic":
        w = g["w"].lower()
        return (pub - dt.timedelta(days=1) if w in ("yesterday", "last night") else pub), "day"
    if kind == "weekday":
        target = WEEKDAYS.index(g["wd"].lower())
        which = (g.get("which") or "").lower()
        delta = (pub.weekday() - target) % 7
        if which == "next":
            return pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7), "day"
        if which == "last" and delta == 0:
            delta = 7
        return pub - dt.timedelta(days=delta), "day"
    return None


def event_date(
    expressions: Sequence[TimeExpression],
    start: int,
    end: int,
    position: int,
    doc_date: str,
    paragraph_start: int | None = None,
) -> EventDate:
    """The date of an event whose trigger is at ``position`` in the sentence [start, end).

    Takes the expression inside the sentence nearest to the trigger (limits of
    periods such as "since 2019" only when nothing else is there). With none,
    the latest expression earlier in the same paragraph (the story's current
    time, "that afternoon"); else the publication date at precision ``doc``.
    """
    inside = [e for e in expressions if start <= e.start and e.end <= end]
    points = [e for e in inside if not e.bound] or inside
    if points:
        best = min(points, key=lambda e: min(abs(e.start - position), abs(e.end - position)))
        return EventDate(best.date, best.precision)
    if paragraph_start is not None:
        earlier = [e for e in expressions if paragraph_start <= e.start and e.end <= start and not e.bound]
        if earlier:
            return EventDate(earlier[-1].date, earlier[-1].precision)
        before = [e for e in expressions if e.end <= start and not e.bound and e.precision == "day"]
        if before:
            return EventDate(before[-1].date, before[-1].precision)
    pub = _doc_day(doc_date)
    return EventDate(pub.isoformat() if pub else "", "doc")
