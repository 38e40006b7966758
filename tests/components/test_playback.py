"""Time playback: the windows that hold something, a window's rows, the next step."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.playback import Window, due, next_position, position_of, window_rows, windows
from components.prepare import prepare_relations
from tests.components.helpers import relation


def _frame() -> pd.DataFrame:
    rows = [
        relation(sentence_id=0, event_date="2017-01-01", date_precision="year"),
        relation(sentence_id=1, event_date="2017-03-05", date_precision="day"),
        relation(sentence_id=2, event_date="2017-03-09", date_precision="day"),
        relation(sentence_id=3, event_date="2019-06-20", date_precision="day"),
    ]
    return prepare_relations(pd.DataFrame(rows))


def test_only_windows_that_hold_something_are_played() -> None:
    months = windows(_frame(), "month")
    assert [w.label() for w in months] == [f"{m} 2017" for m in (
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")] + ["Jun 2019"]  # fmt: skip
    assert months[-1] == Window(date(2019, 6, 1), date(2019, 7, 1), "month")
    days = _frame()[_frame()["date_precision"].astype(str) == "day"]
    weeks = windows(days, "week")
    assert [w.label() for w in weeks] == ["week of 2017-02-27", "week of 2017-03-06", "week of 2019-06-17"]
    assert weeks[0].start == date(2017, 2, 27)  # 2017-03-05 is a Sunday: the week began on Monday 27 February
    assert windows(_frame().iloc[0:0], "month") == []
    with pytest.raises(ValueError, match="month, week"):
        windows(_frame(), "day")


def test_a_window_holds_the_rows_that_overlap_it() -> None:
    frame = _frame()
    march = window_rows(frame, Window(date(2017, 3, 1), date(2017, 4, 1), "month"))
    assert sorted(march["date_precision"].astype(str)) == ["day", "day", "year"]  # the year-dated one too
    june19 = window_rows(frame, Window(date(2019, 6, 1), date(2019, 7, 1), "month"))
    assert june19["event_date"].astype(str).tolist() == ["2019-06-20"]


def test_the_fixture_plays_month_by_month(rel: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    found = windows(view, "month")
    assert sum(len(window_rows(view, w)) for w in found) == len(view)  # day dates: each in one window
    assert position_of(found, date(2022, 8, 15)) == [w.label() for w in found].index("Aug 2022")
    assert position_of(found, None) == 0 and position_of([], date(2020, 1, 1)) == 0


def test_next_position_stops_on_the_last_window_and_due() -> None:
    assert next_position(0, 5) == (1, True)
    assert next_position(3, 5) == (4, False)
    assert next_position(4, 5) == (4, False)
    assert next_position(0, 0) == (0, False)
    assert due(10.0, None, 1.5) and due(10.0, 8.7, 1.5) and not due(10.0, 9.5, 1.5)
