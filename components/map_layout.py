"""The map's layout on screen: the default view in Web Mercator pixels, markers moved apart where
they would overlap (callouts), and the country outlines cut down to the region and to the detail
the view can show.

Positions are in the rotated longitude frame of :mod:`components.geometry`. deck.gl's map view
draws the world 512 pixels wide at zoom 0 (Web Mercator); :class:`View` turns (lon, lat) into
pixels of the default view and back, so the layout is done in pixels, as the reader sees it.
Pure maths, no drawing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .geometry import MAX_LAT, rotate_geometry

#: Web Mercator world size at zoom 0, in pixels (deck.gl's).
WORLD = 512.0
#: The default view shows at least this many degrees of longitude (a small extent is not zoomed
#: into: Taiwan and China alone still show the region around them).
MIN_SPAN_LON = 40.0
MAX_ZOOM = 4.0


def world_xy(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator pixels at zoom 0 (x grows east, y grows south)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0 * WORLD
    y = (1.0 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2.0 * WORLD
    return x, y


def world_lonlat(x: float, y: float) -> tuple[float, float]:
    lon = x / WORLD * 360.0 - 180.0
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1.0 - 2.0 * y / WORLD))) - math.pi / 2)
    return lon, lat


@dataclass(frozen=True)
class View:
    """A map view: centre (lon, lat in the rotated frame), zoom, and its size in pixels."""

    longitude: float
    latitude: float
    zoom: float
    width: int
    height: int

    @property
    def scale(self) -> float:
        return 2.0**self.zoom

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Screen pixel of (lon, lat) in this view (origin top left)."""
        cx, cy = world_xy(self.longitude, self.latitude)
        x, y = world_xy(lon, lat)
        return (x - cx) * self.scale + self.width / 2, (y - cy) * self.scale + self.height / 2

    def lonlat(self, px: float, py: float) -> tuple[float, float]:
        cx, cy = world_xy(self.longitude, self.latitude)
        return world_lonlat(cx + (px - self.width / 2) / self.scale, cy + (py - self.height / 2) / self.scale)

    def pixels(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """:meth:`pixel` of many points at once: an (n, 2) array."""
        cx, cy = world_xy(self.longitude, self.latitude)
        lats = np.clip(np.asarray(lats, dtype=float), -MAX_LAT, MAX_LAT)
        x = (np.asarray(lons, dtype=float) + 180.0) / 360.0 * WORLD
        y = (1.0 - np.log(np.tan(np.pi / 4 + np.radians(lats) / 2)) / np.pi) / 2.0 * WORLD
        return np.stack([(x - cx) * self.scale + self.width / 2, (y - cy) * self.scale + self.height / 2], axis=1)

    def lonlats(self, pixels: np.ndarray) -> np.ndarray:
        """:meth:`lonlat` of many pixels at once: an (n, 2) array of (lon, lat)."""
        cx, cy = world_xy(self.longitude, self.latitude)
        x = cx + (pixels[:, 0] - self.width / 2) / self.scale
        y = cy + (pixels[:, 1] - self.height / 2) / self.scale
        lon = x / WORLD * 360.0 - 180.0
        lat = np.degrees(2 * np.arctan(np.exp(np.pi * (1.0 - 2.0 * y / WORLD))) - np.pi / 2)
        return np.stack([lon, lat], axis=1)

    def degrees_per_pixel(self) -> float:
        return 360.0 / (WORLD * self.scale)

    def bounds(self, margin: float = 1.0) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the view widened ``margin`` times around its centre."""
        w, h = self.width * margin, self.height * margin
        west, north = self.lonlat(self.width / 2 - w / 2, self.height / 2 - h / 2)
        east, south = self.lonlat(self.width / 2 + w / 2, self.height / 2 + h / 2)
        return west, max(south, -MAX_LAT), east, min(north, MAX_LAT)


def fit(
    points: Sequence[tuple[float, float]],
    *,
    width: int,
    height: int,
    padding: float = 0.18,
    min_span: float = MIN_SPAN_LON,
    max_zoom: float = MAX_ZOOM,
) -> View:
    """The view that shows ``points`` (lon, lat in the rotated frame) with ``padding`` (a fraction
    of the size) around them, at least ``min_span`` degrees of longitude wide, no closer than
    ``max_zoom``, and inside the world's latitudes."""
    if not points:
        return View(0.0, 30.0, 1.0, width, height)
    xs, ys = zip(*(world_xy(lon, lat) for lon, lat in points), strict=True)
    span_x = max(max(xs) - min(xs), min_span / 360.0 * WORLD)
    span_y = max(max(ys) - min(ys), 1.0)
    usable_w, usable_h = width * (1 - 2 * padding), height * (1 - 2 * padding)
    zoom = math.log2(min(usable_w / span_x, usable_h / span_y))
    zoom = round(max(0.0, min(max_zoom, zoom)), 2)
    scale = 2.0**zoom
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = height / 2 / scale  # keep the view inside the world (deck.gl would zoom in to fit)
    cy = min(max(cy, half), WORLD - half) if half < WORLD / 2 else WORLD / 2
    lon, lat = world_lonlat(cx, cy)
    return View(round(lon, 4), round(lat, 4), zoom, width, height)


def separate(
    points: Sequence[tuple[float, float]],
    radii: Sequence[float],
    *,
    gap: float = 6.0,
    rounds: int = 300,
) -> np.ndarray:
    """Screen positions for markers at ``points`` (pixels) with ``radii`` such that no two overlap
    (at least ``gap`` pixels apart): overlapping pairs are pushed apart along the line between them,
    a bit at a time, until none overlaps. Markers that do not overlap stay where they are.
    Deterministic: markers on the same spot part in directions set by their order."""
    p = np.array(points, dtype=float).reshape(-1, 2)
    r = np.asarray(radii, dtype=float)
    n = len(p)
    if n < 2:
        return p
    need = r[:, None] + r[None, :] + gap
    np.fill_diagonal(need, 0.0)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    fallback = np.array([[math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i in range(n)])
    for _ in range(rounds):
        d = p[None, :, :] - p[:, None, :]  # d[i, j] = p[j] - p[i]
        dist = np.hypot(d[..., 0], d[..., 1])
        overlap = upper & (dist < need - 1e-6)
        if not overlap.any():
            break
        same = dist < 1e-6
        direction = np.where(
            same[..., None],
            (fallback[None, :, :] - fallback[:, None, :]),
            d / np.where(same, 1.0, dist)[..., None],
        )
        push = np.where(overlap, (need - dist) / 2 * 0.5, 0.0)[..., None] * direction  # half the gap each round
        p -= push.sum(axis=1)
        p += push.sum(axis=0)
    return p


def _clip_ring(ring: list[tuple[float, float]], bbox: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of a closed ring inside the box (west, south, east, north)."""
    west, south, east, north = bbox
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    for inside, cross in edges:
        if not points:
            break
        out: list[tuple[float, float]] = []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        points = out
    return [*points, points[0]] if len(points) >= 3 else []


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(ring: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: the ring's points that matter at ``tolerance`` (same units); ends kept."""
    pts = np.asarray(ring, dtype=float)
    if len(pts) <= 4 or tolerance <= 0:
        return [tuple(p) for p in pts]
    keep = np.zeros(len(pts), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        lo, hi = stack.pop()
        if hi - lo < 2:
            continue
        a, b = pts[lo], pts[hi]
        seg = b - a
        norm = math.hypot(*seg)
        inner = pts[lo + 1 : hi]
        if norm == 0:
            dist = np.hypot(*(inner - a).T)
        else:
            dist = np.abs(seg[0] * (inner[:, 1] - a[1]) - seg[1] * (inner[:, 0] - a[0])) / norm
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            mid = lo + 1 + k
            keep[mid] = True
            stack.extend([(lo, mid), (mid, hi)])
    return [tuple(p) for p in pts[keep]]


def tolerance_level(view: View, pixels: float = 1.2) -> float:
    """The simplification tolerance (degrees) for ``pixels`` at the view's zoom, rounded down to a
    power of two (so that nearby views share the work)."""
    degrees = pixels * view.degrees_per_pixel()
    return 2.0 ** math.floor(math.log2(max(degrees, 1e-6)))


@lru_cache(maxsize=16)
def _simplified(text: str, centre: float, tolerance: float) -> tuple[tuple[str, tuple], ...]:
    """Every country's rings, rotated and simplified: ((iso_a3, rings), ...)."""
    out = []
    for feature in rotate_geometry(json.loads(text), centre):
        rings = []
        for polygon in feature["geometry"]["coordinates"]:
            for i, ring in enumerate(polygon):
                if i == 0:  # outer rings only: the 1:110m outlines' holes are lakes the map can do without
                    rings.append(tuple(simplify([tuple(p) for p in ring], tolerance)))
        out.append((str(feature["properties"].get("iso_a3", "")), tuple(rings)))
    return tuple(out)


def _outer(bbox: tuple[float, float, float, float], step: float = 10.0) -> tuple[float, float, float, float]:
    """``bbox`` widened to multiples of ``step`` degrees: nearby views share one cut."""
    west, south, east, north = bbox
    return (
        math.floor(west / step) * step,
        max(math.floor(south / step) * step, -MAX_LAT),
        math.ceil(east / step) * step,
        min(math.ceil(north / step) * step, MAX_LAT),
    )


def regional_outlines(
    geometry: Mapping[str, Any] | str | None,
    centre: float,
    view: View,
    *,
    margin: float = 1.6,
) -> list[dict[str, Any]]:
    """The country outlines the map needs for ``view``: rotated to the frame whose 0 is ``centre``,
    simplified to about a pixel at the view's zoom, cut to ``margin`` times the view (widened to
    whole 10-degree steps; the rest is off screen unless the reader zooms out), coordinates rounded
    to what a pixel shows. GeoJSON features (MultiPolygons) with ``iso_a3`` in their properties.
    Memoised: a filter that keeps the frame reuses the cut."""
    if geometry is None:
        return []
    text = geometry if isinstance(geometry, str) else json.dumps(geometry)
    return _cut(text, round(float(centre), 6), tolerance_level(view), _outer(view.bounds(margin)))


@lru_cache(maxsize=32)
def _cut(
    text: str, centre: float, tolerance: float, bbox: tuple[float, float, float, float]
) -> list[dict[str, Any]]:
    digits = max(1, min(3, math.ceil(-math.log10(tolerance)) + 1))
    features = []
    for iso, rings in _simplified(text, centre, tolerance):
        polygons = []
        for ring in rings:
            xs = [x for x, _ in ring]
            ys = [y for _, y in ring]
            if max(xs) < bbox[0] or min(xs) > bbox[2] or max(ys) < bbox[1] or min(ys) > bbox[3]:
                continue
            clipped = _clip_ring(list(ring), bbox)
            if len(clipped) >= 4:
                polygons.append([[[round(x, digits), round(y, digits)] for x, y in clipped]])
        if polygons:
            features.append(
                {"type": "Feature", "properties": {"iso_a3": iso}, "geometry": {"type": "MultiPolygon", "coordinates": polygons}}
            )
    return features
