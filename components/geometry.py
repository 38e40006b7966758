"""Map geometry: the rotated longitude frame, great circles, the antimeridian, GeoJSON outlines.

Pure maths, no drawing (:mod:`components.map_layout` lays the map out on screen,
:mod:`components.map_view` turns it into pydeck layers).

The map is drawn in a rotated longitude frame: longitudes are shifted so that the
"seam" (the edge of the flat map) crosses as few arcs as possible. With the default
actors that puts the Pacific in the middle, so USA -> KOR goes across the Pacific (the
short way), not across Europe. A country that crosses the seam is drawn at both edges of
the map (:func:`rotate_geometry`); an arc never is: one whose great circle would cross the
seam is drawn inside the frame (:func:`components.map_data.arc_path`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
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







