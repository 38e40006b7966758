"""Map geometry: great circles the short way round, the seam, the rotated frame, outlines."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from components.geometry import (
    choose_centre,
    crosses_meridian,
    great_circle,
    rotate_geometry,
    to_frame,
    unwrap,
    wrap_lon,
)

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
    # with no arcs the seam stays away from the actors
    lone = choose_centre([WASHINGTON[0], SEOUL[0]])
    assert min(abs(wrap_lon(lone + 180 - lon)) for lon in (WASHINGTON[0], SEOUL[0])) >= 45






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






