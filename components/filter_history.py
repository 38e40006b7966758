"""Undoing filter changes: the filters a session went through, newest last.

Every change of the filter (a sidebar widget, a click on a chart, a reset) is recorded, so the
selection bar's *Undo* goes back one step at a time; the browser's Back button goes back too,
since every filter is in the URL (:func:`link_moved` tells a link the browser went back to from
the one the app wrote). Pure functions, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .filters import Filters

#: Steps kept for Undo.
MAX_STEPS = 30


def record(history: Sequence[Filters], last: Filters | None, current: Filters, *, limit: int = MAX_STEPS) -> list[Filters]:
    """``history`` after a run whose filter is ``current``: the previous filter ``last`` is
    added when the filter changed (the oldest steps beyond ``limit`` are dropped)."""
    steps = list(history)
    if last is not None and current != last:
        steps.append(last)
    return steps[-limit:]


def undo(history: Sequence[Filters]) -> tuple[list[Filters], Filters | None]:
    """(the history without its newest step, that step), or (history, None) when there is none."""
    steps = list(history)
    if not steps:
        return steps, None
    return steps[:-1], steps[-1]


def _normal(query: Mapping[str, str | Sequence[str]]) -> dict[str, tuple[str, ...]]:
    return {k: (v,) if isinstance(v, str) else tuple(v) for k, v in query.items()}


def link_moved(query: Mapping[str, str | Sequence[str]], written: Mapping[str, str] | None) -> bool:
    """Whether the browser's link is no longer the one the app last wrote (``written``): the
    user went Back or Forward, so the link's filter wins over the widgets'. False before the app
    wrote any link (the first run reads the link anyway)."""
    if written is None:
        return False
    return _normal(query) != _normal(written)
