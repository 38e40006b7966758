"""The timeline charts: valid Vega-Lite, one shared x range, bars that span their bins, coarse dates apart."""

from __future__ import annotations

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.timeline import intensity_series, time_range, timeline_series
from components.timeline_view import counts_chart, intensity_chart, period_labels
from tests.components.helpers import validate_vega


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def _domains(spec: dict) -> list:
    return [layer["encoding"]["x"]["scale"]["domain"] for layer in spec["layer"] if "x" in layer.get("encoding", {})]


@pytest.mark.parametrize("brush", [False, True])
def test_both_charts_share_the_range_and_validate(view: pd.DataFrame, brush: bool) -> None:
    rng = time_range(view)
    counts = validate_vega(counts_chart(timeline_series(view, rng=rng), rng, brush=brush))
    lines = validate_vega(intensity_chart(intensity_series(view, ["CHN → USA"], rng=rng), rng, brush=brush))
    first = {"year": 2016, "month": 4, "date": 1, "utc": True}
    last = {"year": 2025, "month": 7, "date": 1, "utc": True}
    assert {str(d) for d in _domains(counts) + _domains(lines)} == {str([first, last])}
    params = [p["name"] for p in counts.get("params", [])] + [p["name"] for p in lines.get("params", [])]
    assert params == (["pick_dates", "pick_dates"] if brush else [])


def test_bars_span_their_bins_and_stack_from_zero(view: pd.DataFrame) -> None:
    rng = time_range(view, "month")
    spec = counts_chart(timeline_series(view, rng=rng), rng)
    bars = spec["datasets"]["bars"]
    assert (bars["stop"] > bars["start"]).all()
    aug22 = bars[bars["period"] == "Aug 2022"].sort_values("lo")
    assert aug22[["quad_class", "lo", "hi"]].values.tolist() == [
        ["verbal conflict", 0.0, 2.0],
        ["material conflict", 2.0, 4.0],
    ]
    assert spec["datasets"]["spread"].empty  # the fixture's dates are all days


def test_period_labels() -> None:
    starts = pd.Series(pd.to_datetime(["2018-03-01", "2018-04-01"]))
    assert period_labels(starts, "month") == ["Mar 2018", "Apr 2018"]
    assert period_labels(starts, "quarter") == ["2018 Q1", "2018 Q2"]
    assert period_labels(starts, "year") == ["2018", "2018"]
    assert period_labels(pd.Series(pd.to_datetime(["2018-03-05"])), "week") == ["week of 2018-03-05"]
