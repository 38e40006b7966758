"""Resolving one time expression against the publication date: calendar arithmetic and readings.

:func:`resolve` turns a matched expression ("on Tuesday", "last month", "three days earlier",
"in December") into a day and a precision, reading a bare weekday, month or day of the month
backward or forward by the tense around it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..constants import MONTHS, WEEKDAY_NAMES
from ..lexicons import number_words

WEEKDAYS = tuple(w.lower() for w in WEEKDAY_NAMES)
_NUMWORDS = number_words()


def publication_day(doc_date: str) -> dt.date | None:
    """The publication date as a date (the first ten characters of an ISO date or date-time); None if none."""
    try:
        return dt.date.fromisoformat(doc_date[:10]) if doc_date else None
    except ValueError:
        return None


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _mon(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def in_year(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class _Resolved(NamedTuple):
    day: dt.date
    precision: str
    earlier: dt.date | None = None  # the other readings of an underspecified expression
    later: dt.date | None = None
    week: dt.date | None = None


def resolve(
    kind: str,
    m: re.Match[str],
    pub: dt.date | None,
    anchor: dt.date | None,
    anchor_year: int | None,
    anchor_month: dt.date | None = None,
) -> _Resolved | None:
    g = m.groupdict()
    try:
        if kind == "iso":
            return _Resolved(dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "day")
        if kind in ("dmy", "mdy"):
            return _Resolved(dt.date(int(g["y"]), _mon(g["mon"]), int(g["d"])), "day")
        if kind == "my":
            return _Resolved(dt.date(int(g["y"]), _mon(g["mon"]), 1), "month")
        if kind in ("year", "year_bare"):
            return _Resolved(dt.date(int(g["y"]), 1, 1), "year")
    except ValueError:
        return None
    if pub is None:
        return None
    if kind == "weekday_last_week":
        target = WEEKDAYS.index(g["wd"].lower())
        return _Resolved(_monday(pub) - dt.timedelta(days=7) + dt.timedelta(days=target), "day")
    if kind in ("offset", "offset_event"):
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMWORDS.get(n, 1)
        sign = -1 if g["dir"].lower() in ("earlier", "before") else 1
        base = anchor or pub
        unit = g["unit"].lower()
        if unit == "day":
            return _Resolved(base + dt.timedelta(days=sign * count), "day")
        if unit == "week":
            return _Resolved(month_start(base + dt.timedelta(days=7 * sign * count)), "month")
        if unit == "month":  # "two months later": from the story's latest month, as "the following month"
            return _Resolved(_add_months(anchor_month or base, sign * count), "month")
        return _Resolved(dt.date((anchor_year or base.year) + sign * count, 1, 1), "year")  # "In 2016 ... Two years later"
    if kind == "that_day":
        return _Resolved(anchor or pub, "day")
    if kind in ("md", "dm"):
        return _day_month(_mon(g["mon"]), int(g["d"]), pub)
    if kind == "dom":
        return _day_of_month(int(g["d"]), pub)
    if kind == "month":
        return _month_name(_mon(g["mon"]), (g.get("which") or "").lower(), pub)
    if kind == "rel_unit" and g["which"].lower() in ("previous", "following"):
        kind = "the_rel"  # "following year": relative to the story's time, not to today
    if kind == "weekend":
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        return _Resolved(month_start(saturday), "month", week=_monday(saturday))
    if kind == "rel_unit":
        which, unit = g["which"].lower(), g["unit"].lower()
        step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
        if unit == "year":
            return _Resolved(dt.date(pub.year + step, 1, 1), "year")
        if unit == "month":
            return _Resolved(_add_months(pub, step), "month")
        # a week: at month precision, the month holding that week's middle (refined by event_date)
        week = _monday(pub) + dt.timedelta(days=7 * step)
        return _Resolved(month_start(pub + dt.timedelta(days=7 * step)), "month", week=week)
    if kind in ("the_rel", "day_before"):
        which = g["which"].lower()
        unit = (g.get("unit") or "day").lower()
        base = anchor or pub
        step = {"previous": -1, "preceding": -1, "before": -1, "following": 1, "next": 1, "after": 1}.get(which, 0)
        if unit in ("day", "morning", "evening", "night"):
            return _Resolved(base + dt.timedelta(days=step), "day")
        if unit == "week":
            return _Resolved(month_start(base + dt.timedelta(days=7 * step)), "month")
        if unit == "month":
            return _Resolved(_add_months(anchor_month or base, step), "month")
        year = (anchor_year or base.year) + step
        return _Resolved(dt.date(year, 1, 1), "year")
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMWORDS.get(n, 1)
        unit = g["unit"].lower()
        if unit == "day":
            return _Resolved(pub - dt.timedelta(days=count), "day")
        if unit == "week":
            return _Resolved(month_start(pub - dt.timedelta(days=7 * count)), "month")
        if unit == "month":
            return _Resolved(_add_months(pub, -count), "month")
        return _Resolved(dt.date(pub.year - count, 1, 1), "year")
    if kind == "deictic":
        w = g["w"].lower()
        return _Resolved(pub - dt.timedelta(days=1) if w in ("yesterday", "last night") else pub, "day")
    if kind == "weekday":
        return _weekday(WEEKDAYS.index(g["wd"].lower()), " ".join((g.get("which") or "").lower().split()), pub)
    return None


def _weekday(target: int, which: str, pub: dt.date) -> _Resolved:
    """A weekday ("on Monday"): the last Monday on or before the publication date, or the next one on or after it."""
    back = pub - dt.timedelta(days=(pub.weekday() - target) % 7)
    ahead = pub + dt.timedelta(days=(target - pub.weekday()) % 7)
    if which == "next":
        return _Resolved(pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7), "day")
    if which == "last":
        return _Resolved(back if back < pub else back - dt.timedelta(days=7), "day")
    if which == "this":
        return _Resolved(_monday(pub) + dt.timedelta(days=target), "day")
    if which in ("coming", "this coming"):
        return _Resolved(ahead if ahead > pub else ahead + dt.timedelta(days=7), "day")
    return _Resolved(back, "day", back, ahead)


def _day_month(month: int, day: int, pub: dt.date) -> _Resolved | None:
    """A day of a month ("March 3"): this year's, unless that is more than two months ahead (then last year's) or
    more than ten months back (then next year's); the clause may call for either side instead."""
    this = in_year(pub.year, month, day)
    if this is None:
        return None
    back = this if this <= pub else in_year(pub.year - 1, month, day)
    ahead = this if this >= pub else in_year(pub.year + 1, month, day)
    if this > pub + dt.timedelta(days=62):
        nearer = back
    elif this < pub - dt.timedelta(days=300):
        nearer = ahead
    else:
        nearer = this
    if nearer is None:
        return None
    return _Resolved(nearer, "day", back, ahead)


def _day_of_month(day: int, pub: dt.date) -> _Resolved | None:
    """A day without its month ("on the 15th"): the last such day on or before the publication date,
    or the next one on or after it."""
    months = [_add_months(pub, step) for step in (-2, -1, 0, 1, 2)]
    days = [d for d in (in_year(m.year, m.month, day) for m in months) if d is not None]
    back = max((d for d in days if d <= pub), default=None)
    ahead = min((d for d in days if d >= pub), default=None)
    if back is None or ahead is None:
        return None
    return _Resolved(back, "day", back, ahead)


def _month_name(month: int, which: str, pub: dt.date) -> _Resolved:
    """A month name ("in March"): like "March 3", at month precision; "last March" and "next March" are fixed."""
    back = dt.date(pub.year if month <= pub.month else pub.year - 1, month, 1)
    ahead = dt.date(pub.year if month >= pub.month else pub.year + 1, month, 1)
    if which == "next":
        return _Resolved(dt.date(pub.year + (month <= pub.month), month, 1), "month")
    if which == "last":
        return _Resolved(dt.date(pub.year - (month >= pub.month), month, 1), "month")
    if which == "this":
        return _Resolved(dt.date(pub.year, month, 1), "month")
    if which in ("until", "by", "through"):
        return _Resolved(ahead, "month")
    diff = month - pub.month
    if diff > 2:
        nearer = back
    elif diff < -9:
        nearer = ahead
    else:
        nearer = dt.date(pub.year, month, 1)
    return _Resolved(nearer, "month", back, ahead)
