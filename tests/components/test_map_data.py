"""The map's data: arcs between located actors, actor activity, the records the layers draw."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.map_data import ARC_COLUMNS, actor_activity, map_arcs, map_scene, unlocated_actors
from components.network import network_edges

ROOT = Path(__file__).resolve().parents[2]


def test_map_arcs_and_activity(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    arcs = map_arcs(view, locations)
    assert tuple(arcs.columns) == ARC_COLUMNS
    pd.testing.assert_frame_equal(arcs[list(network_edges(view).columns)], network_edges(view))
    usa_kor = arcs[(arcs["source"] == "USA") & (arcs["target"] == "KOR")].iloc[0]
    assert (usa_kor["source_lat"], usa_kor["target_lon"]) == (38.8951, 126.978)
    activity = actor_activity(view, locations).set_index("actor")
    usa = view[(view["source"] == "USA") | (view["target"] == "USA")]
    assert activity.loc["USA", "mentions"] == len(usa)
    assert activity.loc["USA", "as_source"] == (view["source"] == "USA").sum()
    assert activity.loc["USA", "mean_intensity"] == pytest.approx(usa["intensity"].mean())


def test_unlocated_actors_are_reported_not_drawn(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    frame = apply_filters(rel, Filters()).copy()
    frame["target"] = frame["target"].astype(str)
    frame.loc[0, "target"] = "AUS"
    assert unlocated_actors(frame, locations) == ["AUS"]
    assert "AUS" not in set(map_arcs(frame, locations)["target"])


def test_map_scene_keeps_us_korea_inside_the_map(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    geo = json.loads((ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8"))
    scene = map_scene(map_arcs(view, locations), actor_activity(view, locations), geo, highlight=("USA", "KOR"))
    assert {f["properties"]["iso_a3"] for f in scene.actor_features} == {"USA", "KOR"}
    usa_kor = [a for a in scene.arcs if a["title"] == "USA → KOR"]
    assert usa_kor and all(-180 <= x <= 180 for a in usa_kor for x, _ in a["path"])  # the Pacific is in the middle
    assert {a["actor"] for a in scene.actors} == set(actor_activity(view, locations)["actor"])
    assert 0.2 <= scene.zoom <= 5.0
