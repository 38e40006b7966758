"""Time bins: the size by the span, bin numbers and first days, each row's period, coarse dates spread."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from components.bins import (
    BINS,
    bin_numbers,
    bin_starts,
    choose_bin,
    count_bins,
    overlaps,
    row_periods,
    spread_rows,
)
from components.prepare import prepare_relations
from tests.components.helpers import relation


@pytest.mark.parametrize(
    ("first", "last", "size"),
    [
        (date(2020, 1, 1), date(2020, 1, 1), "week"),
        (date(2020, 1, 1), date(2020, 6, 20), "week"),  # under 26 weeks
        (date(2020, 1, 1), date(2020, 7, 15), "month"),
        (date(2018, 1, 1), date(2023, 12, 31), "month"),  # 72 months
        (date(2018, 1, 1), date(2024, 1, 1), "quarter"),  # 73 months
        (date(2010, 1, 1), date(2026, 4, 1), "quarter"),  # 66 quarters
        (date(2000, 1, 1), date(2026, 4, 1), "year"),
        (date(1945, 1, 1), date(2026, 4, 1), "year"),
        (date(2025, 1, 1), date(2020, 1, 1), "month"),  # given in the wrong order
        (None, date(2019, 1, 1), "month"),
    ],
)
def test_choose_bin_follows_the_span(first, last, size: str) -> None:
    assert choose_bin(first, last) == size


@pytest.mark.parametrize("size", BINS)
def test_bin_numbers_and_starts_round_trip(size: str) -> None:
    days = np.array(["1969-12-29", "1970-01-05", "2016-02-29", "2020-12-31", "2024-03-31"], dtype="datetime64[D]")
    numbers = bin_numbers(days, size)
    starts = bin_starts(numbers, size)
    assert (starts <= days).all() and (days < bin_starts(numbers + 1, size)).all()


def test_bin_starts_are_the_calendars() -> None:
    day = np.array(["2020-08-19"], dtype="datetime64[D]")  # a Wednesday
    assert [str(bin_starts(bin_numbers(day, s), s)[0]) for s in BINS] == ["2020-08-17", "2020-08-01", "2020-07-01", "2020-01-01"]
    assert count_bins(date(2020, 1, 1), date(2020, 12, 31), "quarter") == 4
    with pytest.raises(ValueError, match="week, month, quarter, year"):
        bin_numbers(day, "decade")


def _frame(*rows: dict) -> pd.DataFrame:
    return prepare_relations(pd.DataFrame([relation(**r) for r in rows]))


def test_row_periods_follow_the_precision() -> None:
    frame = _frame(
        {"event_date": "2017-01-01", "date_precision": "year"},
        {"event_date": "2017-03-01", "date_precision": "month"},
        {"event_date": "2017-03-05", "date_precision": "day"},
        {"event_date": "", "date_precision": "doc", "doc_date": "2016-02-10"},  # the article's day
        {"event_date": "", "date_precision": "year", "doc_date": ""},  # undated
    )
    periods = row_periods(frame.sort_values("sentence_id"))
    got = sorted(
        (str(s), str(e)) for s, e, d in zip(periods.start, periods.end, periods.dated, strict=True) if d
    )
    assert got == [
        ("2016-02-10", "2016-02-11"),
        ("2017-01-01", "2018-01-01"),
        ("2017-03-01", "2017-04-01"),
        ("2017-03-05", "2017-03-06"),
    ]
    assert periods.dated.sum() == 4


def test_a_coarse_date_is_spread_over_its_bins() -> None:
    frame = _frame(
        {"event_date": "2017-01-01", "date_precision": "year"},
        {"event_date": "2017-03-01", "date_precision": "month"},
        {"event_date": "2017-03-05", "date_precision": "day"},
    )
    periods = row_periods(frame)
    by_month = spread_rows(periods, "month")
    year_row = int(np.flatnonzero(frame["date_precision"].astype(str) == "year")[0])
    pieces = by_month.row == year_row
    assert pieces.sum() == 12 and np.allclose(by_month.share[pieces], 1 / 12) and by_month.coarse[pieces].all()
    assert by_month.share[~pieces].tolist() == [1.0, 1.0] and not by_month.coarse[~pieces].any()  # a month in months: exact
    by_quarter = spread_rows(periods, "quarter")
    assert np.isclose(by_quarter.share.sum(), 3.0) and (by_quarter.row == year_row).sum() == 4
    by_year = spread_rows(periods, "year")
    assert by_year.share.tolist() == [1.0, 1.0, 1.0] and not by_year.coarse.any()  # a year in years: exact


def test_overlaps() -> None:
    frame = _frame(
        {"event_date": "2017-01-01", "date_precision": "year"},
        {"event_date": "2017-03-05", "date_precision": "day"},
        {"event_date": "2018-03-05", "date_precision": "day"},
    )
    march = overlaps(row_periods(frame), date(2017, 3, 1), date(2017, 4, 1))
    assert sorted(frame.loc[march, "date_precision"].astype(str)) == ["day", "year"]
    assert not overlaps(row_periods(frame), date(2016, 1, 1), date(2017, 1, 1)).any()  # the end is exclusive
