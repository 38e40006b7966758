"""Checking the values of a review before anything is written: actors, event types, dates, names, notes.

Each function returns the normalised value or raises
:class:`~extraction.errors.InvalidReview` naming the field and what was wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from extraction import config
from extraction.actor_table import load_actor_table
from extraction.documents.pubdate import parse_date
from extraction.errors import InvalidReview
from extraction.schema import EVENT_TYPES

#: Longest reviewer name and note kept (characters).
MAX_REVIEWER = 80
MAX_NOTE = 2000
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?")


def _shown(value: object, limit: int = 40) -> str:
    return repr(str(value)[:limit])


def actor_code(value: object, field: str) -> str:
    """An actor code of the actor table (case-insensitive), e.g. ``"usa"`` -> ``"USA"``."""
    code = str(value or "").strip().upper()
    codes = [a.code for a in load_actor_table()]
    if code not in codes:
        raise InvalidReview(f"{field}: unknown actor {_shown(value)}; actors are {', '.join(codes)}")
    return code


def event_type(value: object, field: str = "type") -> str:
    """A PLOVER event type of :data:`~extraction.schema.EVENT_TYPES` (case-insensitive)."""
    name = str(value or "").strip().upper()
    if name not in EVENT_TYPES:
        raise InvalidReview(f"{field}: unknown event type {_shown(value)}; types are {', '.join(EVENT_TYPES)}")
    return name


def event_date(value: object, field: str = "date") -> tuple[str, str]:
    """``(ISO date, precision)`` of a date given as ``YYYY-MM-DD`` (or another common format),
    ``YYYY-MM`` (precision ``month``, stored as the first of the month) or ``YYYY`` (``year``)."""
    text = str(value or "").strip()
    partial = _PARTIAL_DATE.fullmatch(text)
    if partial:
        year, month = partial.groups()
        try:
            first = dt.date(int(year), int(month or 1), 1)
        except ValueError:
            raise InvalidReview(f"{field}: no such month {_shown(value)}") from None
        return first.isoformat(), "month" if month else "year"
    parsed = parse_date(text) if text else None
    if parsed is None:
        raise InvalidReview(f"{field}: unparseable date {_shown(value)} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return parsed.isoformat(), "day"


def reviewer_name(value: str | None) -> str:
    """``value``, else the setting ``RELDASH_REVIEWER``: one line of printable text."""
    name = " ".join(str(value if value is not None else config.reviewer()).split())
    if not name:
        raise InvalidReview(f"reviewer: no name given (pass one, or set {config.REVIEWER_ENV})")
    if len(name) > MAX_REVIEWER:
        raise InvalidReview(f"reviewer: name longer than {MAX_REVIEWER} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InvalidReview(f"reviewer: name {_shown(name)} holds control characters")
    return name


def note_text(value: str | None) -> str:
    """A note of at most :data:`MAX_NOTE` characters, without control characters other than newlines."""
    note = str(value or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidReview(f"note: longer than {MAX_NOTE} characters ({len(note)})")
    if any(unicodedata.category(ch).startswith("C") and ch not in "\n\t" for ch in note):
        raise InvalidReview("note: holds control characters")
    return note
