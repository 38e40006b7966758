"""Words for counts: what the views count (mentions or events), in the singular or the plural as the
number asks, so that events mode says events everywhere. Pure, no Streamlit."""

from __future__ import annotations

#: The singular of each thing a view counts.
SINGULAR: dict[str, str] = {"mentions": "mention", "events": "event", "articles": "article"}


def noun(unit: str, n: float) -> str:
    """``unit`` ("mentions", "events") for ``n`` of them: the singular for exactly one."""
    return SINGULAR.get(unit, unit) if n == 1 else unit


def count_text(n: float, unit: str) -> str:
    """``"1 mention"``, ``"1,234 events"``; a share as ``"2.5 mentions"``."""
    shown = f"{int(n):,}" if float(n).is_integer() else f"{n:,.1f}"
    return f"{shown} {noun(unit, n)}"
