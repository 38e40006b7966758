"""The timeline's data: mentions per month by quad class, mean intensity per month and dyad."""

from __future__ import annotations

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.timeline import ALL_DYADS, dyad_options, intensity_series, timeline_series


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def test_empty_input_gives_empty_series(view: pd.DataFrame) -> None:
    assert timeline_series(view.iloc[0:0]).empty
    assert intensity_series(view.iloc[0:0]).empty


def test_timeline_series(view: pd.DataFrame) -> None:
    series = timeline_series(view)
    assert list(series.columns) == ["month", "quad_class", "mentions"]
    assert series["mentions"].sum() == len(view)
    aug22 = series[series["month"] == pd.Timestamp("2022-08-01")].set_index("quad_class")["mentions"]
    assert aug22.to_dict() == {"verbal conflict": 2, "material conflict": 2}
    assert (series["month"].dt.day == 1).all()
    assert series["month"].is_monotonic_increasing


def test_intensity_series(view: pd.DataFrame) -> None:
    overall = intensity_series(view)
    assert set(overall["dyad"]) == {ALL_DYADS}
    assert overall["mentions"].sum() == len(view)
    options = dyad_options(view)
    assert options[0] == "CHN → USA"  # the most frequent dyad first
    series = intensity_series(view, ["CHN → USA", "USA → CHN", "not a dyad"])
    assert set(series["dyad"]) == {"CHN → USA", "USA → CHN"}
    chn_usa = series[series["dyad"] == "CHN → USA"].set_index("month")
    assert chn_usa.loc[pd.Timestamp("2020-10-01"), "mentions"] == 2
    assert chn_usa.loc[pd.Timestamp("2020-10-01"), "mean_intensity"] == pytest.approx((-3.5 + 0.0) / 2)
