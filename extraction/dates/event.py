"""The date of one event: its own time expression, the story's time, or the publication date.

With the parsed sentence, the expression attached to the trigger's own clause wins (see
:mod:`.attach`), read forward for a future or intended verb. A sentence without one takes the
story's current time: the latest usable expression earlier in the paragraph (not background, not
a limit, not a thing's time, and for an event that happened not a plan), else the latest usable
day named earlier in the text. An undated event in the present progressive ("is calling for") is ongoing: the
publication date. Failing all that, the publication date at precision ``doc``.

Entry point: :func:`event_date`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from .attach import attachment, ongoing, tense_of, token_at, trigger_chain
from .expressions import TimeExpression
from .resolve import publication_day


class EventDate(NamedTuple):
    date: str
    precision: str  # day, month, year, doc


#: Limits that never give the time of an event ("until March", "through May"); "since 2019" may,
#: as its start, when nothing else does.
HARD_LIMITS = frozenset({"until", "till", "through", "throughout"})


def _reading(
    e: TimeExpression, tense: str, expressions: Sequence[TimeExpression], pub: dt.date | None, modality: str = ""
) -> EventDate:
    """The date ``e`` gives an event: its forward or backward reading for the verb's ``tense``, and
    for a week the day the article names within it, if any."""
    date = e.date
    if e.later and tense in ("future", "would"):
        date = e.later  # "will meet on Monday", "said it would meet on Monday"
    elif tense == "past" and e.earlier:
        date = e.earlier
    if e.week:
        # "this week": a day the article names within that week (a coming one for a plan)
        monday = dt.date.fromisoformat(e.week).isoformat()
        sunday = (dt.date.fromisoformat(e.week) + dt.timedelta(days=6)).isoformat()
        plan = modality == "intended" or tense == "future"
        for other in expressions:
            usable = other.precision == "day" and not other.bound and not other.background and not other.week
            if usable and other.future == plan and monday <= other.date <= sunday:
                return EventDate(other.date, "day")
    return EventDate(date, e.precision)


def _range_start(e: TimeExpression, candidates: Sequence[TimeExpression]) -> TimeExpression:
    """ "Saturday and Sunday", "from Sunday to Wednesday": an event over both starts on the first."""
    if e.joined:
        before = [c for c in candidates if c.end <= e.start]
        if before:
            return max(before, key=lambda c: c.end)
    return e


def _usable(e: TimeExpression, modality: str) -> bool:
    """May this expression give the story's current time for an event of ``modality``?"""
    if (e.bound and e.limit != "by") or e.modifier:
        return False
    return not e.background and (not e.future or modality == "intended")


def _story_time(
    expressions: Sequence[TimeExpression], start: int, paragraph_start: int, modality: str, pub: dt.date | None
) -> TimeExpression | None:
    """The story's current time for a sentence starting at ``start``: the latest usable expression
    earlier in its paragraph, else the latest usable day named anywhere earlier in the text.

    (Taking the lead paragraph's day instead fitted our demo articles, whose leads state the main
    event, but not real news: on the real-news development set it lost 6 points of date accuracy.)"""
    earlier = [e for e in expressions if paragraph_start <= e.start and e.end <= start and _usable(e, modality)]
    if earlier:
        return earlier[-1]
    # the story's reference time: the latest day named before this sentence
    last = pub.isoformat() if pub else "9999"
    plan = modality == "intended"  # a plan may take the story's coming day ("will mark the first visit")
    days = [e for e in expressions if e.precision == "day" and _usable(e, modality) and (plan or e.date <= last)]
    prior = [e for e in days if e.end <= start]
    return prior[-1] if prior else None


def event_date(
    expressions: Sequence[TimeExpression],
    start: int,
    end: int,
    position: int,
    doc_date: str,
    paragraph_start: int | None = None,
    *,
    modality: str = "",
    parsed=None,
) -> EventDate:
    """The date of an event whose trigger is at ``position`` in the sentence [start, end).

    ``expressions`` are :func:`find_dates` of the whole text; ``parsed`` is the sentence's spaCy
    ``Doc`` (its character 0 at ``start``) and ``modality`` the event's (asserted, intended,
    hypothetical). Limits of periods ("until March", "through May") never date an event; "by
    Friday", "before May" only when nothing else attached to the trigger does, and "since late
    February" (when it began) after them.

    With a parse: the expression attached to the trigger's clause nearest to the trigger (in the
    tree, then in the text; the first of a pair such as "Saturday and Sunday"), read forward for
    a future or intended verb and backward for a past one. With none: the publication date for
    an ongoing event ("is calling for"); else the story's current time (needs
    ``paragraph_start``: the latest usable expression earlier in the paragraph, else the latest
    usable day named earlier in the text); else an expression attached elsewhere in the
    sentence (not a future one for an event that happened); else the publication date at
    precision ``doc``. Without a parse: the expression nearest to the trigger, then the story's
    current time.
    """
    pub = publication_day(doc_date)
    inside = [e for e in expressions if start <= e.start and e.end <= end and e.limit not in HARD_LIMITS]
    trigger = token_at(parsed, position - start) if parsed is not None else None

    def distance(e: TimeExpression) -> int:
        return min(abs(e.start - position), abs(e.end - position))

    def limitness(e: TimeExpression) -> int:  # a point, then "by Friday", then "since 2019" (when it began)
        return 2 if e.limit == "since" else int(e.bound)

    others: list[TimeExpression] = []
    if trigger is None:
        if inside:
            best = min(inside, key=lambda e: (limitness(e), distance(e)))
            return _reading(_range_start(best, inside), "", expressions, pub, modality)
    else:
        chain = trigger_chain(trigger)
        ranked = [(attachment(e, parsed, start, chain), e) for e in inside]
        own = [(rank, limitness(e), depth, distance(e), e, word) for (rank, depth, word), e in ranked if rank <= 1]
        if own:
            *_, best, word = min(own, key=lambda o: o[:4])
            first = _range_start(best, [o[4] for o in own])
            return _reading(first, tense_of(word, modality, trigger), expressions, pub, modality)
        # another clause's date may stand in only on the right side of the publication date: a coming one
        # for a plan ("will remove curbs imposed in 2019" is no 2019 event), a past one otherwise
        others = [e for (rank, _, _), e in ranked if e.limit != "since" and e.future == (modality == "intended")]
        rank_of = {e: rank for (rank, _, _), e in ranked}
        if ongoing(chain):
            return EventDate(pub.isoformat() if pub else "", "doc")  # "Japan is calling for ...": now
    if paragraph_start is not None:
        story = _story_time(expressions, start, paragraph_start, modality, pub)
        if story is not None:
            return _reading(story, "", expressions, pub, modality)
    if others:
        return _reading(min(others, key=lambda e: (rank_of[e], distance(e))), "", expressions, pub, modality)
    return EventDate(pub.isoformat() if pub else "", "doc")
