"""The timeline's data: counts per bin by quad class, mean intensity per bin and dyad, one shared range."""

from __future__ import annotations

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.prepare import prepare_relations
from components.timeline import (
    ALL_DYADS,
    Range,
    dyad_options,
    intensity_columns,
    intensity_series,
    line_segments,
    series_columns,
    time_range,
    timeline_series,
)
from tests.components.helpers import relation


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def test_empty_input_gives_empty_series(view: pd.DataFrame) -> None:
    assert timeline_series(view.iloc[0:0]).empty
    assert intensity_series(view.iloc[0:0]).empty
    assert time_range(view.iloc[0:0]).empty


def test_the_range_and_its_bin_follow_the_span(view: pd.DataFrame) -> None:
    rng = time_range(view)  # 2016-05-27 .. 2025-04-11: 37 quarters
    assert rng.size == "quarter" and rng.last - rng.first + 1 == 37
    assert (rng.start().isoformat(), rng.end().isoformat()) == ("2016-04-01", "2025-07-01")
    months = time_range(view, "month")
    assert (months.start().isoformat(), months.end().isoformat()) == ("2016-05-01", "2025-05-01")
    with pytest.raises(ValueError):
        time_range(view, "decade")


def test_timeline_series(view: pd.DataFrame) -> None:
    series = timeline_series(view, rng=time_range(view, "month"))
    assert tuple(series.columns) == series_columns() == (
        "period_start", "period_end", "bin", "quad_class", "mentions", "mentions_spread",
    )  # fmt: skip
    assert series["mentions"].sum() == len(view) and series["mentions_spread"].sum() == 0
    aug22 = series[series["period_start"] == pd.Timestamp("2022-08-01")].set_index("quad_class")["mentions"]
    assert aug22.to_dict() == {"verbal conflict": 2, "material conflict": 2}
    assert (series["period_end"] == pd.Timestamp("2022-08-31")).sum() == 2 and (series["bin"] == "month").all()
    assert series["period_start"].is_monotonic_increasing
    quarters = timeline_series(view)
    assert quarters["mentions"].sum() == len(view) and (quarters["bin"] == "quarter").all()


def _coarse() -> pd.DataFrame:
    rows = [
        relation(sentence_id=0, event_date="2017-01-01", date_precision="year", intensity=-9.0, quad_class="material conflict"),
        relation(sentence_id=1, event_date="2017-03-01", date_precision="month", intensity=3.0),
        relation(sentence_id=2, event_date="2017-03-05", date_precision="day", intensity=1.0),
        relation(sentence_id=3, event_date="2017-06-20", date_precision="day", intensity=5.0),
    ]
    return prepare_relations(pd.DataFrame(rows))


def test_a_year_date_is_spread_over_its_months_not_drawn_in_january() -> None:
    frame = _coarse()
    series = timeline_series(frame, rng=time_range(frame, "month"))
    january = series[series["period_start"] == pd.Timestamp("2017-01-01")]
    assert january["mentions"].sum() == 0 and january["mentions_spread"].sum() == pytest.approx(1 / 12, abs=1e-4)
    march = series[series["period_start"] == pd.Timestamp("2017-03-01")]
    assert march["mentions"].sum() == 2  # a month-dated and a day-dated mention: exact at month bins
    assert series["mentions"].sum() + series["mentions_spread"].sum() == pytest.approx(4.0, abs=1e-4)
    assert len(series[series["mentions_spread"] > 0]) == 12
    years = timeline_series(frame, rng=time_range(frame, "year"))
    assert years["mentions"].tolist() == [3, 1] and years["mentions_spread"].sum() == 0  # a year in years: exact


def test_intensity_weighs_a_coarse_date_by_its_share() -> None:
    frame = _coarse()
    series = intensity_series(frame, rng=time_range(frame, "month")).set_index("period_start")
    assert tuple(series.reset_index().columns) == intensity_columns()
    assert series.loc[pd.Timestamp("2017-02-01"), "mean_intensity"] == pytest.approx(-9.0)  # only the year's share
    march = (3.0 + 1.0 + (-9.0) / 12) / (2 + 1 / 12)
    assert series.loc[pd.Timestamp("2017-03-01"), "mean_intensity"] == pytest.approx(march)
    assert series.loc[pd.Timestamp("2017-03-01"), "mentions"] == 2
    assert series.loc[pd.Timestamp("2017-03-01"), "mentions_spread"] == pytest.approx(1 / 12, abs=1e-4)


def test_intensity_series(view: pd.DataFrame) -> None:
    rng = time_range(view, "month")
    overall = intensity_series(view, rng=rng)
    assert set(overall["dyad"]) == {ALL_DYADS}
    assert overall["mentions"].sum() == len(view)
    options = dyad_options(view)
    assert options[0] == "CHN → USA"  # the most frequent dyad first
    series = intensity_series(view, ["CHN → USA", "USA → CHN", "not a dyad"], rng=rng)
    assert set(series["dyad"]) == {"CHN → USA", "USA → CHN"}
    chn_usa = series[series["dyad"] == "CHN → USA"].set_index("period_start")
    assert chn_usa.loc[pd.Timestamp("2020-10-01"), "mentions"] == 2
    assert chn_usa.loc[pd.Timestamp("2020-10-01"), "mean_intensity"] == pytest.approx((-3.5 + 0.0) / 2)


def test_lines_do_not_bridge_gaps() -> None:
    starts = pd.to_datetime(["2020-01-01", "2020-02-01", "2020-04-01", "2020-05-01", "2020-01-01", "2020-03-01"])
    series = pd.DataFrame(
        {
            "period_start": starts,
            "dyad": ["A", "A", "A", "A", "B", "B"],
            "mean_intensity": [1.0, 2.0, 3.0, None, 1.0, 1.0],
        }
    )
    # A: Jan-Feb, then (March empty) Apr, then May unscored; B: Jan, then (Feb empty) Mar
    assert line_segments(series, Range("month", 0, 0)).tolist() == [0, 0, 1, 1, 2, 3]
