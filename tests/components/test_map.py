"""Map helpers: great circles the short way round, the seam, arcs, markers, the deck."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.map_view import (
    ARC_COLUMNS,
    actor_activity,
    bend,
    build_deck,
    choose_centre,
    crosses_meridian,
    great_circle,
    label_offsets,
    map_arcs,
    rotate_geometry,
    to_frame,
    unlocated_actors,
    unwrap,
    world_copies,
    wrap_lon,
)
from components.network_view import network_edges

ROOT = Path(__file__).resolve().parents[2]
WASHINGTON = (-77.0364, 38.8951)
SEOUL = (126.978, 37.5665)
MOSCOW = (37.6173, 55.7558)


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = (map(math.radians, p) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * math.asin(math.sqrt(h))


def test_wrap_and_unwrap() -> None:
    assert wrap_lon(190) == -170 and wrap_lon(-180) == -180 and wrap_lon(540) == -180
    assert unwrap([170, -175, -160]) == [170, 185, 200]


def test_us_to_korea_goes_across_the_pacific_not_europe() -> None:
    path = great_circle(*WASHINGTON, *SEOUL)
    lons = [p[0] for p in path]
    assert path[0] == pytest.approx(WASHINGTON) and path[-1][1] == pytest.approx(SEOUL[1])
    assert wrap_lon(path[-1][0]) == pytest.approx(SEOUL[0])
    # westward from -77, past the antimeridian (continuous, no jump), never over Europe (0..30E)
    assert lons[-1] == pytest.approx(SEOUL[0] - 360)
    assert all(b < a + 1e-9 for a, b in zip(lons, lons[1:], strict=False))
    assert max(abs(b - a) for a, b in zip(lons, lons[1:], strict=False)) < 30
    assert crosses_meridian(lons, 180) and not crosses_meridian(lons, 10)
    # it is a great circle: each step covers the same angle, and the total is the short distance
    steps = [_haversine(p, q) for p, q in zip(path, path[1:], strict=False)]
    assert max(steps) - min(steps) < 1e-6
    assert sum(steps) == pytest.approx(_haversine(WASHINGTON, SEOUL), rel=1e-6)
    assert _haversine(WASHINGTON, SEOUL) < math.pi / 2 + 0.3  # ~11,000 km, not the long way


def test_great_circle_degenerate_and_antipodal_safe() -> None:
    same = great_circle(10, 10, 10, 10, points=5)
    assert all(p == pytest.approx((10, 10)) for p in same)
    assert len(great_circle(0, 0, 179.9, 0, points=3)) == 3


def test_seam_avoids_the_pacific_arcs() -> None:
    pacific = [[p[0] for p in great_circle(*WASHINGTON, *SEOUL)]] * 3
    atlantic = [[p[0] for p in great_circle(*WASHINGTON, *MOSCOW)]]
    centre = choose_centre([WASHINGTON[0], SEOUL[0], MOSCOW[0]], pacific + atlantic, [5, 5, 5, 1])
    seam = wrap_lon(centre + 180)
    assert not any(crosses_meridian(lons, seam) for lons in pacific)
    # in the rotated frame the US -> Korea arc is continuous and inside the map
    framed = to_frame(great_circle(*WASHINGTON, *SEOUL), centre)
    assert all(-180 <= x <= 180 for x, _ in framed)
    assert world_copies(framed) == [framed]
    # with no arcs the seam stays away from the actors
    lone = choose_centre([WASHINGTON[0], SEOUL[0]])
    assert min(abs(wrap_lon(lone + 180 - lon)) for lon in (WASHINGTON[0], SEOUL[0])) >= 45


def test_world_copies_for_a_path_across_the_seam() -> None:
    path = [(170.0, 0.0), (190.0, 1.0)]
    copies = world_copies(path)
    assert copies == [path, [(-190.0, 0.0), (-170.0, 1.0)]]


def test_bend_pushes_left_and_keeps_the_ends() -> None:
    path = [(0.0, 0.0), (5.0, 0.0), (10.0, 0.0)]
    bent = bend(path)
    assert bent[0] == pytest.approx(path[0]) and bent[-1] == pytest.approx(path[-1], abs=1e-9)
    assert bent[1][1] > 0  # eastward path: left is north
    assert bend(list(reversed(path)))[1][1] < 0


def test_rotate_geometry_duplicates_rings_across_the_seam() -> None:
    square = [[[170, 0], [190 - 360, 0], [190 - 360, 10], [170, 10], [170, 0]]]
    geo = {"features": [{"properties": {"iso_a3": "X"}, "geometry": {"type": "Polygon", "coordinates": square}}]}
    rotated = rotate_geometry(geo, centre=0.0)
    polys = rotated[0]["geometry"]["coordinates"]
    assert len(polys) == 2  # drawn at both edges
    assert max(x for x, _ in polys[0][0]) == 190 and min(x for x, _ in polys[1][0]) == -190


def test_shipped_geometry_is_small_and_has_the_actors() -> None:
    path = ROOT / "data" / "geo" / "countries.geojson"
    assert path.stat().st_size < 1_000_000
    geo = json.loads(path.read_text(encoding="utf-8"))
    codes = {f["properties"]["iso_a3"] for f in geo["features"]}
    assert {"USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"} <= codes
    assert len(rotate_geometry(geo, 150.0)) == len(geo["features"])


def test_map_arcs_and_activity(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    arcs = map_arcs(view, locations)
    assert tuple(arcs.columns) == ARC_COLUMNS
    pd.testing.assert_frame_equal(arcs[list(network_edges(view).columns)], network_edges(view))
    usa_kor = arcs[(arcs["source"] == "USA") & (arcs["target"] == "KOR")].iloc[0]
    assert (usa_kor["source_lat"], usa_kor["target_lon"]) == (38.8951, 126.978)
    activity = actor_activity(view, locations).set_index("actor")
    usa = view[(view["source"] == "USA") | (view["target"] == "USA")]
    assert activity.loc["USA", "relations"] == len(usa)
    assert activity.loc["USA", "as_source"] == (view["source"] == "USA").sum()
    assert activity.loc["USA", "net_score"] == pytest.approx(usa["intensity"].mean())


def test_unlocated_actors_are_reported_not_drawn(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    frame = apply_filters(rel, Filters()).copy()
    frame["target"] = frame["target"].astype(str)
    frame.loc[0, "target"] = "AUS"
    assert unlocated_actors(frame, locations) == ["AUS"]
    assert "AUS" not in set(map_arcs(frame, locations)["target"])


def test_label_offsets_spread_clustered_labels() -> None:
    offsets = label_offsets([(0.0, 0.0), (3.0, 0.0), (100.0, 0.0)])
    assert offsets[0][0] < 0 < offsets[1][0]  # pushed apart
    assert offsets[2] == [0.0, -22.0]  # alone: straight up


def test_deck_has_no_base_map_and_no_external_urls(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    geo = json.loads((ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8"))
    deck = build_deck(map_arcs(view, locations), actor_activity(view, locations), geo, highlight=("USA",))
    spec = json.loads(deck.to_json())
    assert spec.get("mapProvider") is None
    assert "mapStyle" not in spec or not str(spec.get("mapStyle") or "").startswith("http")
    assert "http" not in deck.to_json()
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"countries", "actor-countries", "arcs", "actors", "labels"} <= set(layers)
    arcs = layers["arcs"]["data"]
    usa_kor = [a for a in arcs if a["title"] == "USA → KOR"]
    assert usa_kor and all(-180 <= x <= 180 for a in usa_kor for x, _ in a["path"])
    assert {"title", "line1", "line2", "line3"} <= set(arcs[0]) and {"title", "line1"} <= set(
        layers["actors"]["data"][0]
    )
