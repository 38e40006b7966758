"""The dyad matrix chart: valid Vega-Lite for both colourings; a cell is a pick; the picked cell outlined."""

from __future__ import annotations

import pandas as pd
import pytest

from components.dyads import dyad_summary
from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters
from components.matrix_view import PICKED_COLOUR, matrix_chart
from tests.components.helpers import validate_vega


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


@pytest.mark.parametrize("metric", ["count", "mean_intensity"])
def test_matrix_chart_builds(view: pd.DataFrame, metric: str) -> None:
    spec = validate_vega(matrix_chart(dyad_summary(view), metric=metric, actors=("USA", "JPN")))
    assert spec["layer"][0]["mark"]["type"] == "rect"
    assert spec["layer"][0]["encoding"]["x"]["sort"][:2] == ["USA", "JPN"]


def test_a_cell_is_a_pick_and_the_picked_cell_is_outlined(view: pd.DataFrame) -> None:
    spec = validate_vega(matrix_chart(dyad_summary(view), metric="count", dyad=("CHN", "USA"), clickable=True))
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"pick_dyad", "pick_dyad_label"}  # a cell, or the number on it
    assert all(p["select"]["fields"] == ["source", "target"] for p in params.values())
    assert params["pick_dyad"]["views"] == [spec["layer"][0]["name"]]
    picked = matrix_chart(dyad_summary(view), metric="count", dyad=("CHN", "USA"))
    assert picked["datasets"]["picked"].values.tolist() == [["CHN", "USA"]]
    assert picked["layer"][-1]["mark"] == {"type": "rect", "filled": False, "stroke": PICKED_COLOUR, "strokeWidth": 3}
    assert matrix_chart(dyad_summary(view), metric="count")["datasets"]["picked"].empty


def test_events_mode_names_its_legend_events(rel: pd.DataFrame) -> None:
    frame = rel.assign(event_id=event_ids(rel).to_numpy())
    events = event_rows(apply_filters(frame, Filters()))
    spec = matrix_chart(dyad_summary(events, unit="events"), metric="count")
    assert spec["layer"][0]["encoding"]["color"]["title"] == "Events"
    assert "mentions" not in str(spec["layer"][0]["encoding"]) and "relations" not in str(spec).lower()
