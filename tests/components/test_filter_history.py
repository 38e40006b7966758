"""Undo: the filters a session went through, and a link the browser went back to."""

from __future__ import annotations

from components.filter_history import link_moved, record, undo
from components.filters import Filters

A, B, C = Filters(), Filters(countries=("USA",)), Filters(countries=("USA",), dyad=("USA", "CHN"))


def test_record_keeps_each_change_once() -> None:
    history = record([], None, A)  # the first run: nothing before it
    assert history == []
    history = record(history, A, A)  # a rerun without a change
    assert history == []
    history = record(history, A, B)
    history = record(history, B, C)
    assert history == [A, B]
    assert record([A] * 40, B, C, limit=30) == [A] * 29 + [B]  # bounded


def test_undo_goes_back_one_step_at_a_time() -> None:
    history, previous = undo([A, B])
    assert (history, previous) == ([A], B)
    history, previous = undo(history)
    assert (history, previous) == ([], A)
    assert undo([]) == ([], None)


def test_link_moved() -> None:
    written = {"countries": "USA", "dyad": "USA,CHN"}
    assert not link_moved({"countries": ["USA"], "dyad": ["USA,CHN"]}, written)  # what the app wrote
    assert not link_moved({"countries": "USA", "dyad": "USA,CHN"}, written)
    assert link_moved({"countries": ["USA"]}, written)  # Back: an older link
    assert link_moved({}, written)
    assert not link_moved({"countries": ["JPN"]}, None)  # nothing written yet: the first run reads it anyway
