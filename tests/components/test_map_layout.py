"""The map's layout: the default view, markers moved apart, outlines cut to the region."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from components.map_layout import (
    MAX_ZOOM,
    MIN_SPAN_LON,
    View,
    _clip_ring,
    _outer,
    fit,
    regional_outlines,
    separate,
    simplify,
    tolerance_level,
    world_lonlat,
    world_xy,
)
from tests.components.conftest import ROOT

GEO = (ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lon", "lat"), [(0.0, 0.0), (126.978, 37.5665), (-77.0364, 38.8951), (200.0, 60.0), (10.0, -80.0)])
def test_world_pixels_round_trip(lon: float, lat: float) -> None:
    back = world_lonlat(*world_xy(lon, lat))
    assert back == pytest.approx((lon, lat), abs=1e-9)
    view = View(150.0, 35.0, 2.3, 1000, 520)
    assert view.lonlat(*view.pixel(lon, lat)) == pytest.approx((lon, lat), abs=1e-9)
    assert view.pixel(150.0, 35.0) == pytest.approx((500.0, 260.0))


def test_fit_frames_the_points_with_padding() -> None:
    points = [(-60.0, 40.0), (60.0, 40.0), (0.0, 10.0)]
    view = fit(points, width=1000, height=520)
    for lon, lat in points:
        x, y = view.pixel(lon, lat)
        assert 0.1 * 1000 < x < 0.9 * 1000 and 0.1 * 520 < y < 0.9 * 520


def test_a_small_extent_is_not_zoomed_into() -> None:
    # Taiwan and China alone (?countries=TWN&from=2010-01-01&to=2012-12-31): the region around them
    view = fit([(121.5654 - 160, 25.033), (116.4074 - 160, 39.9042)], width=1000, height=520)
    assert view.zoom <= MAX_ZOOM
    west, _, east, _ = view.bounds()
    assert east - west >= MIN_SPAN_LON
    single = fit([(0.0, 0.0)], width=1000, height=520)
    assert single.zoom <= MAX_ZOOM and single.bounds()[2] - single.bounds()[0] >= MIN_SPAN_LON


def test_fit_stays_inside_the_world() -> None:
    view = fit([(0.0, 83.0), (10.0, 84.0)], width=1000, height=520)
    _, south, _, north = view.bounds()
    assert north <= 84.0 and south < 84.0


@pytest.mark.parametrize(
    ("points", "radii"),
    [
        ([(100.0, 100.0), (104.0, 101.0), (98.0, 96.0), (101.0, 99.0)], [15.0, 12.0, 13.0, 10.0]),  # a cluster
        ([(50.0, 50.0), (50.0, 50.0), (50.0, 50.0)], [10.0, 10.0, 10.0]),  # on the same spot
        ([(0.0, 0.0), (500.0, 0.0)], [10.0, 10.0]),  # apart already
    ],
)
def test_separate_leaves_no_overlap(points, radii) -> None:
    shown = separate(points, radii, gap=4.0)
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            assert math.dist(shown[i], shown[j]) >= radii[i] + radii[j] + 4.0 - 0.01
    assert np.array_equal(separate(points, radii, gap=4.0), shown)  # deterministic


def test_separate_moves_nothing_that_does_not_overlap() -> None:
    points = [(0.0, 0.0), (500.0, 0.0), (502.0, 1.0)]
    shown = separate(points, [10.0, 10.0, 10.0])
    assert tuple(shown[0]) == (0.0, 0.0)


def test_clip_and_simplify() -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    clipped = _clip_ring(square, (5.0, -5.0, 20.0, 5.0))
    assert sorted(set(clipped)) == [(5.0, 0.0), (5.0, 5.0), (10.0, 0.0), (10.0, 5.0)]
    assert _clip_ring(square, (20.0, 20.0, 30.0, 30.0)) == []
    wiggly = [(x / 10, 0.001 * (-1) ** x) for x in range(101)]
    assert simplify(wiggly, 0.01) == [wiggly[0], wiggly[-1]]
    assert simplify(wiggly, 0.0) == [tuple(p) for p in wiggly]


def test_regional_outlines_are_a_fraction_of_the_world() -> None:
    view = View(-30.0, 35.0, 3.5, 1000, 520)  # East Asia in a frame whose 0 is 150 degrees east
    features = regional_outlines(GEO, 150.0, view)
    codes = {f["properties"]["iso_a3"] for f in features}
    assert {"CHN", "JPN", "KOR", "PRK", "TWN"} <= codes and "BRA" not in codes and "FRA" not in codes
    size = len(json.dumps(features))
    assert size < len(GEO) / 4
    west, south, east, north = _outer(view.bounds(1.6))
    for feature in features:
        for polygon in feature["geometry"]["coordinates"]:
            for x, y in polygon[0]:
                assert west - 1e-6 <= x <= east + 1e-6 and south - 1e-6 <= y <= north + 1e-6
    assert regional_outlines(None, 150.0, view) == []
    assert tolerance_level(view) == 2.0 ** math.floor(math.log2(1.2 * view.degrees_per_pixel()))
    assert regional_outlines(GEO, 150.0, View(-30.01, 35.01, 3.5, 1000, 520)) is features  # a nearby view: the same cut


def test_pixels_and_lonlats_match_the_single_point_forms() -> None:
    view = View(150.0, 35.0, 2.3, 1000, 520)
    lons, lats = np.array([100.0, 150.0, 200.0]), np.array([10.0, 35.0, 60.0])
    pixels = view.pixels(lons, lats)
    assert np.allclose(pixels, [view.pixel(x, y) for x, y in zip(lons, lats, strict=True)])
    assert np.allclose(view.lonlats(pixels), np.stack([lons, lats], axis=1))
