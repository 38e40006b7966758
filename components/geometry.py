"""Map geometry: the rotated longitude frame, great circles, the antimeridian, GeoJSON outlines.

Pure maths, no drawing (:mod:`components.map_view` turns the results into pydeck layers).

The map is drawn in a rotated longitude frame: longitudes are shifted so that the
"seam" (the edge of the flat map) crosses as few arcs as possible. With the default
actors that puts the Pacific in the middle, so USA -> KOR goes across the Pacific (the
short way), not across Europe. An arc or a country that does cross the seam is drawn at
both edges of the map (:func:`world_copies`, :func:`rotate_geometry`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

#: Web Mercator stops short of the poles: latitudes are clamped to +-MAX_LAT.
MAX_LAT = 84.0


def wrap_lon(lon: float) -> float:
    """Longitude in [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


def unwrap(lons: Iterable[float]) -> list[float]:
    """Make a sequence of longitudes continuous (no jump of more than 180 degrees)."""
    out: list[float] = []
    for lon in lons:
        if out:
            prev = out[-1]
            lon = prev + wrap_lon(lon - prev)
        out.append(float(lon))
    return out


def great_circle(lon1: float, lat1: float, lon2: float, lat2: float, *, points: int = 48) -> list[tuple[float, float]]:
    """Points along the shorter great-circle arc from (lon1, lat1) to (lon2, lat2).

    Longitudes are continuous (unwrapped), starting at ``wrap_lon(lon1)``: an arc that
    crosses the antimeridian goes past +-180 instead of jumping across the map.
    """
    phi1, lam1, phi2, lam2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = np.array([math.cos(phi1) * math.cos(lam1), math.cos(phi1) * math.sin(lam1), math.sin(phi1)])
    b = np.array([math.cos(phi2) * math.cos(lam2), math.cos(phi2) * math.sin(lam2), math.sin(phi2)])
    omega = math.acos(max(-1.0, min(1.0, float(a @ b))))
    t = np.linspace(0.0, 1.0, max(points, 2))
    if omega < 1e-9:
        vectors = np.outer(1 - t, a) + np.outer(t, b)
    else:
        vectors = (np.outer(np.sin((1 - t) * omega), a) + np.outer(np.sin(t * omega), b)) / math.sin(omega)
    lats = np.degrees(np.arctan2(vectors[:, 2], np.hypot(vectors[:, 0], vectors[:, 1])))
    lons = np.degrees(np.arctan2(vectors[:, 1], vectors[:, 0]))
    lons[0] = wrap_lon(lon1)
    return list(zip(unwrap(lons), (float(v) for v in lats), strict=True))


def crosses_meridian(lons: Sequence[float], meridian: float) -> bool:
    """Does a continuous path with these longitudes cross ``meridian`` (any world copy)?"""
    lo, hi = min(lons), max(lons)
    k = math.ceil((lo - meridian) / 360.0)
    return meridian + 360.0 * k <= hi


def choose_centre(
    actor_lons: Sequence[float],
    paths: Sequence[Sequence[float]] = (),
    weights: Sequence[float] = (),
    *,
    step: float = 5.0,
) -> float:
    """The central longitude of the map.

    The seam (centre + 180) goes where the weighted number of arcs crossing it is
    smallest; among equals, where it is farthest from any actor. ``paths`` are the arcs'
    continuous longitudes, ``weights`` what each arc counts (mentions or events).
    """
    weights = list(weights) or [1.0] * len(paths)
    best: tuple[float, float, float] | None = None
    for seam in np.arange(-180.0, 180.0, step):
        crossing = sum(w for lons, w in zip(paths, weights, strict=True) if crosses_meridian(lons, seam))
        clearance = min((abs(wrap_lon(lon - seam)) for lon in actor_lons), default=180.0)
        candidate = (crossing, -clearance, float(seam))
        if best is None or candidate < best:
            best = candidate
    seam = best[2] if best else 180.0
    return wrap_lon(seam + 180.0)


def to_frame(path: Sequence[tuple[float, float]], centre: float) -> list[tuple[float, float]]:
    """A continuous path (lon, lat) in the rotated frame whose 0 is ``centre``."""
    lons = unwrap([wrap_lon(lon - centre) for lon, _ in path])
    return [(lon, lat) for lon, (_, lat) in zip(lons, path, strict=True)]


def world_copies(path: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The path, plus a copy shifted by 360 degrees if it runs past the edge of the map."""
    lons = [p[0] for p in path]
    copies = [list(path)]
    if max(lons) > 180.0:
        copies.append([(lon - 360.0, lat) for lon, lat in path])
    if min(lons) < -180.0:
        copies.append([(lon + 360.0, lat) for lon, lat in path])
    return copies


def mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, in degree-like units (equal to longitude units)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def mercator_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def bend(path: Sequence[tuple[float, float]], amount: float = 0.08, cap: float = 5.0) -> list[tuple[float, float]]:
    """Push a path sideways (to the left of its direction, as seen on the map) by up to
    ``amount`` of its length, most in the middle, so that A->B and B->A show side by side.
    The offset is computed in Web Mercator, so it looks the same at every latitude."""
    if len(path) < 3:
        return list(path)
    projected = [(x, mercator_y(lat)) for x, lat in path]
    (x0, y0), (x1, y1) = projected[0], projected[-1]
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length == 0:
        return list(path)
    nx, ny = -dy / length, dx / length
    size = min(amount * length, cap)
    n = len(path) - 1
    out = []
    for i, (x, y) in enumerate(projected):
        s = size * math.sin(math.pi * i / n)
        out.append((x + nx * s, max(-MAX_LAT, min(MAX_LAT, mercator_lat(y + ny * s)))))
    return out


def rotate_geometry(geometry: Mapping[str, Any], centre: float) -> list[dict[str, Any]]:
    """GeoJSON features in the rotated frame, coordinates rounded to 0.001 degrees; rings
    crossing the seam are drawn twice. Every feature becomes a MultiPolygon; other
    geometry types are left out."""
    features = []
    for feature in geometry.get("features", []):
        geom = feature.get("geometry") or {}
        kind = geom.get("type")
        polygons = [geom.get("coordinates", [])] if kind == "Polygon" else geom.get("coordinates", [])
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        out_polygons = []
        for polygon in polygons:
            rings = [to_frame([(float(x), float(y)) for x, y, *_ in ring], centre) for ring in polygon if ring]
            if not rings:
                continue
            lons = [lon for ring in rings for lon, _ in ring]
            shifts = [0.0]
            if max(lons) > 180.0:
                shifts.append(-360.0)
            if min(lons) < -180.0:
                shifts.append(360.0)
            for shift in shifts:
                out_polygons.append([[[round(x + shift, 3), round(y, 3)] for x, y in ring] for ring in rings])
        features.append(
            {
                "type": "Feature",
                "properties": dict(feature.get("properties") or {}),
                "geometry": {"type": "MultiPolygon", "coordinates": out_polygons},
            }
        )
    return features


def rotated_features(geometry: Mapping[str, Any] | str | None, centre: float) -> list[dict[str, Any]]:
    """:func:`rotate_geometry` of a GeoJSON mapping or GeoJSON text.

    For text (what the app passes) the result is memoised: the outlines are rotated once
    per centre, not on every rerun."""
    if geometry is None:
        return []
    if isinstance(geometry, str):
        return _rotated_text(geometry, round(float(centre), 6))
    return rotate_geometry(geometry, centre)


@lru_cache(maxsize=16)
def _rotated_text(text: str, centre: float) -> list[dict[str, Any]]:
    return rotate_geometry(json.loads(text), centre)


def label_offsets(points: Sequence[tuple[float, float]], *, near: float = 18.0, pixels: float = 22.0):
    """Pixel offsets for marker labels: away from the neighbours within ``near`` degrees
    (straight up when alone), so that labels of clustered actors do not overlap."""
    offsets = []
    for i, (x, y) in enumerate(points):
        others = [(ox, oy) for j, (ox, oy) in enumerate(points) if j != i and math.hypot(ox - x, oy - y) < near]
        if not others:
            offsets.append([0.0, -pixels])
            continue
        dx = x - sum(o[0] for o in others) / len(others)
        dy = y - sum(o[1] for o in others) / len(others)
        norm = math.hypot(dx, dy) or 1.0
        # screen y grows downwards
        offsets.append([round(pixels * 1.2 * dx / norm, 1), round(-pixels * dy / norm, 1)])
    return offsets


def fit_view(
    points: Sequence[tuple[float, float]], *, width: int = 640, height: int = 520
) -> tuple[float, float, float]:
    """(longitude, latitude, zoom) of a Web Mercator view that shows ``points`` (lon, lat in
    the rotated frame) in a ``width`` x ``height`` pixel map."""
    if not points:
        return 0.0, 30.0, 1.0
    lons = [p[0] for p in points]
    lats = [max(-MAX_LAT, min(MAX_LAT, p[1])) for p in points]
    merc = [math.radians(mercator_y(lat)) for lat in lats]
    span_x = max(max(lons) - min(lons), 20.0) * 1.3
    span_y = max(max(merc) - min(merc), 0.35) * 1.5
    zoom_x = math.log2(width * 360.0 / (512.0 * span_x))
    zoom_y = math.log2(height * 2 * math.pi / (512.0 * span_y))
    zoom = round(max(0.2, min(5.0, min(zoom_x, zoom_y))), 2)
    # Keep the view inside the world (|lat| < 85): deck.gl would otherwise zoom in to fit.
    half_height = (height / 2) / (512.0 * 2**zoom) * 2 * math.pi
    room = max(math.pi - half_height, 0.0)
    mid_y = max(-room, min(room, (max(merc) + min(merc)) / 2))
    latitude = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return (max(lons) + min(lons)) / 2, round(latitude, 4), zoom
