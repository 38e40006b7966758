"""Stage 4: event dates.

Two steps: :func:`find_dates` (:mod:`.expressions`) finds the temporal expressions of a text
with regular expressions and resolves them against the publication date; :func:`event_date`
(:mod:`.event`) picks the date of one event from them, using the sentence's parse
(:mod:`.attach`) and the story's time.

Precision is ``day``, ``month`` or ``year``; a date is always a full ISO date (the first day of
the month or year at coarser precision). "This week" and "last week" are reported at month
precision, or at the day the article names within that week when it names one. Without any
usable expression the event takes the publication date at precision ``doc``.
"""

from .event import EventDate, event_date
from .expressions import TimeExpression, find_dates
from .story import carry_dates

__all__ = ["EventDate", "TimeExpression", "carry_dates", "event_date", "find_dates"]
