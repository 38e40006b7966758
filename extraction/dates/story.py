"""Dates carried between mentions of one event in a story.

A wire lead often sums up an event without its day ("SEOUL, March 9 — South Korea has tightened
its sanctions on Russia") and a later sentence gives it ("On Monday the ministry banned ...").
A mention that got only the publication date (precision ``doc``) takes the day of another mention
of the same event in the same article: the same event type between the same two actors (either
way), dated to the day, not after the publication date, and not negated. The nearest such mention
wins, a later one before an earlier one at equal distance.

Entry point: :func:`carry_dates`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ..schema import EventMention

#: Precision of a date carried from another mention of the event.
CARRIED = "day"

Row = TypeVar("Row", bound=EventMention)


def carry_dates(rows: Sequence[Row]) -> list[Row]:
    """``rows`` (the event mentions of one document), with each ``doc``-precision date replaced by
    the day of the nearest dated mention of the same event; other rows unchanged, order kept."""
    dated: dict[tuple[frozenset[str], str], list[Row]] = {}
    for r in rows:
        if r.date_precision == "day" and not r.negated and (not r.doc_date or r.event_date <= r.doc_date):
            dated.setdefault((frozenset((r.source, r.target)), r.event_type), []).append(r)
    if not dated:
        return list(rows)
    out = []
    for r in rows:
        same = dated.get((frozenset((r.source, r.target)), r.event_type)) if r.date_precision == "doc" else None
        if same:
            best = min(same, key=lambda o: (abs(o.sentence_id - r.sentence_id), o.sentence_id < r.sentence_id))
            r = r._replace(event_date=best.event_date, date_precision=CARRIED)
        out.append(r)
    return out
