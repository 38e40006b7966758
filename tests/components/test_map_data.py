"""The map's data: arcs between located actors, actor activity, and the scene the layers draw (markers
that do not overlap at the default view, arcs from marker to marker never cut at the map's edge)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.map_data import ARC_COLUMNS, actor_activity, map_arcs, map_scene, unlocated_actors
from components.map_layout import MAX_ZOOM, MIN_SPAN_LON
from components.network import network_edges

ROOT = Path(__file__).resolve().parents[2]
GEO = (ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8")


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


def _scene(view: pd.DataFrame, locations: pd.DataFrame, **kwargs):
    activity = actor_activity(view, locations)
    return map_scene(map_arcs(view, locations), activity, GEO, highlight=tuple(activity["actor"]), **kwargs)


@pytest.mark.parametrize(
    "flt",
    [
        Filters(),
        Filters(countries=("KOR",)),
        Filters(countries=("PRK", "KOR"), match="both"),
        Filters(countries=("TWN",)),
        Filters(include_negated=True, include_hypothetical=True),
    ],
)
def test_markers_do_not_overlap_at_the_default_view(rel: pd.DataFrame, locations: pd.DataFrame, flt: Filters) -> None:
    scene = _scene(apply_filters(rel, flt), locations)
    pixels = {a["actor"]: (scene.view.pixel(*a["position"]), a["radius"]) for a in scene.actors}
    names = sorted(pixels)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            (pa, ra), (pb, rb) = pixels[a], pixels[b]
            assert math.dist(pa, pb) >= ra + rb, (a, b)
    for actor in scene.actors:  # every marker inside the frame
        x, y = scene.view.pixel(*actor["position"])
        assert 0 < x < scene.view.width and 0 < y < scene.view.height, actor["actor"]
    moved = {leader["actor"] for leader in scene.leaders}
    assert moved == {a["actor"] for a in scene.actors if a["position"] != a["capital"] and a["line3"]}


def test_korea_japan_china_and_taiwan_are_moved_apart_with_lines_to_their_capitals(
    rel: pd.DataFrame, locations: pd.DataFrame
) -> None:
    scene = _scene(apply_filters(rel, Filters()), locations)
    moved = {leader["actor"] for leader in scene.leaders}
    assert {"KOR", "PRK"} <= moved and "USA" not in moved and "RUS" not in moved
    for leader in scene.leaders:
        marker = next(a for a in scene.actors if a["actor"] == leader["actor"])
        assert leader["path"] == [marker["position"], marker["capital"]]


def test_arcs_run_from_marker_to_marker_and_never_leave_the_frame(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    scene = _scene(apply_filters(rel, Filters()), locations)
    where = {a["actor"]: a["position"] for a in scene.actors}
    assert scene.arcs
    for arc in scene.arcs:
        path = arc["path"]
        assert path[0] == pytest.approx(where[arc["source"]], abs=0.01)
        assert path[-1] == pytest.approx(where[arc["target"]], abs=0.01)
        assert all(-180.0 <= x <= 180.0 for x, _ in path), arc["title"]  # no copy beyond the seam
        pixels = [scene.view.pixel(x, y) for x, y in path]
        steps = [math.dist(a, b) for a, b in zip(pixels, pixels[1:], strict=False)]
        assert max(steps) < scene.view.width / 4, arc["title"]  # continuous: no jump across the map
    usa_rus = [a for a in scene.arcs if {a["source"], a["target"]} == {"USA", "RUS"}]
    assert usa_rus  # the one pair whose great circle crosses the seam: drawn inside the frame instead


def test_a_small_extent_shows_its_region(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    # the issue's ?countries=TWN&from=2010-01-01&to=2012-12-31: here TWN alone with one partner
    view = apply_filters(rel, Filters(countries=("TWN",)))
    scene = _scene(view, locations)
    assert scene.view.zoom <= MAX_ZOOM
    west, _, east, _ = scene.view.bounds()
    assert east - west >= MIN_SPAN_LON
    assert all(actor["radius"] <= 16 for actor in scene.actors)  # pixels: see test_map_view's units


def test_picked_country_and_dyad_stand_out(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    scene = _scene(apply_filters(rel, Filters()), locations, countries=("JPN",), dyad=("CHN", "USA"))
    rings = {a["actor"]: a["ring_width"] for a in scene.actors}
    assert rings["JPN"] == 3.0 and rings["USA"] == 1.5
    alphas = {(a["source"], a["target"]): a["color"][3] for a in scene.arcs}
    assert alphas[("CHN", "USA")] == 255 and alphas[("USA", "CHN")] < 100


def test_map_scene_outlines_the_region(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    scene = _scene(apply_filters(rel, Filters(countries=("KOR", "JPN"), match="both")), locations)
    assert {f["properties"]["iso_a3"] for f in scene.actor_features} == {"KOR", "JPN"}
    assert len(json.dumps(scene.features)) < len(GEO) / 2
