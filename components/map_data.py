"""The map's data: arcs between located actors, each actor's activity, and the scene the pydeck
layers draw: markers (moved apart where they would overlap at the default zoom, with a thin
line to the capital), arcs from marker to marker (great circles where the frame holds them
whole, else a curve inside the frame: never cut at the map's edge), outlines of the region.
Pure functions, no Streamlit and no pydeck (:mod:`components.map_view` builds the deck)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .aggregate import ActorCodes, actor_codes, count, row_weights, scored_parts
from .dyads import DEFAULT_UNIT, QUAD_COLUMNS, count_unit, dyad_columns
from .geometry import choose_centre, great_circle, to_frame, wrap_lon
from .map_layout import View, fit, regional_outlines, separate
from .network import network_edges
from .scale import intensity_rgb

COORDINATE_COLUMNS: tuple[str, ...] = ("source_lat", "source_lon", "target_lat", "target_lon")


def arc_columns(unit: str = DEFAULT_UNIT) -> tuple[str, ...]:
    """The columns of :func:`map_arcs`: the dyad columns, then both ends' coordinates."""
    return (*dyad_columns(unit), *COORDINATE_COLUMNS)


def actor_columns(unit: str = DEFAULT_UNIT) -> tuple[str, ...]:
    """The columns of :func:`actor_activity`; ``unit`` names the count column."""
    return ("actor", "name", "capital", "lat", "lon", unit, "as_source", "as_target", "mean_intensity")


ARC_COLUMNS: tuple[str, ...] = arc_columns()
ACTOR_COLUMNS: tuple[str, ...] = actor_columns()

TOOLTIP_HTML = "<b>{title}</b><br/>{line1}<br/>{line2}<br/>{line3}"


QUAD_SHORT = {
    "verbal_cooperation": "verbal coop.",
    "material_cooperation": "material coop.",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


def _locations_by_code(locations: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(r["code"]): r for r in locations.to_dict("records")}


def map_arcs(
    df: pd.DataFrame, locations: pd.DataFrame, *, summary: pd.DataFrame | None = None, unit: str = DEFAULT_UNIT
) -> pd.DataFrame:
    """The map's arcs: one row per directed pair of located actors (no self-loops).

    Columns: :func:`arc_columns` (the :func:`~components.network.network_edges` columns
    plus both ends' coordinates). Pairs with an actor that has no location are left out
    (see :func:`unlocated_actors`). ``unit``: what the rows of ``df`` are (``mentions``, or
    ``events``); ``summary``: the dyad summary of ``df`` when already computed.
    """
    edges = network_edges(df, summary=summary, unit=unit)
    unit = count_unit(edges)
    where = _locations_by_code(locations)
    edges = edges[edges["source"].isin(list(where)) & edges["target"].isin(list(where))].copy()
    for end in ("source", "target"):
        edges[f"{end}_lat"] = [float(where[a]["lat"]) for a in edges[end]]
        edges[f"{end}_lon"] = [float(where[a]["lon"]) for a in edges[end]]
    if edges.empty:
        edges = edges.astype({f"{e}_{c}": "float64" for e in ("source", "target") for c in ("lat", "lon")})
    return edges[list(arc_columns(unit))].reset_index(drop=True)


def _present_actors(codes: ActorCodes) -> list[str]:
    seen = count(codes.src, codes.n) + count(codes.tgt, codes.n)
    return [a for a, k in zip(codes.actors, seen, strict=True) if k > 0]


def unlocated_actors(df: pd.DataFrame, locations: pd.DataFrame) -> list[str]:
    """Actors of ``df`` with no row in the locations table."""
    known = set(locations["code"].astype(str))
    return sorted(set(_present_actors(actor_codes(df))) - known)


def actor_activity(df: pd.DataFrame, locations: pd.DataFrame, *, unit: str = DEFAULT_UNIT) -> pd.DataFrame:
    """One row per located actor that takes part in ``df`` (in the order of ``locations``):
    its rows (``unit``: mentions, or events) as source, as target, in total (a row with the
    actor on both sides counts once), and their mean intensity."""
    columns = actor_columns(unit)
    if df.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="float64" if c in ("lat", "lon", "mean_intensity") else "object") for c in columns}
        )
    codes = actor_codes(df)
    n = codes.n
    value, scored = scored_parts(df)
    weights = row_weights(df)
    if weights is None:
        weights = np.ones(len(df))
    is_self = codes.src == codes.tgt
    as_source = np.rint(count(codes.src, n, weights)).astype("int64")
    as_target = np.rint(count(codes.tgt, n, weights)).astype("int64")
    self_n = np.rint(count(codes.src[is_self], n, weights[is_self])).astype("int64")
    total = as_source + as_target - self_n
    value_sum = count(codes.src, n, value) + count(codes.tgt, n, value) - count(codes.src[is_self], n, value[is_self])
    scored_n = count(codes.src, n, scored) + count(codes.tgt, n, scored) - count(codes.src[is_self], n, scored[is_self])
    rows = []
    for r in locations.to_dict("records"):
        i = codes.index(str(r["code"]))
        if i < 0 or total[i] == 0:
            continue
        rows.append(
            {
                "actor": str(r["code"]),
                "name": str(r.get("name", r["code"])),
                "capital": str(r.get("capital", "")),
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                unit: int(total[i]),
                "as_source": int(as_source[i]),
                "as_target": int(as_target[i]),
                "mean_intensity": float(value_sum[i] / scored_n[i]) if scored_n[i] else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=list(columns))


def format_intensity(value: float) -> str:
    """A tooltip's mean intensity: ``"mean intensity +2.50"``, or ``"no mean intensity"``."""
    return "no mean intensity" if value is None or math.isnan(value) else f"mean intensity {value:+.2f}"


#: The map's default size in pixels: the frame and the callouts are laid out for it.
MAP_WIDTH, MAP_HEIGHT = 1000, 520
#: Room kept around a marker for its label when markers are moved apart (pixels).
LABEL_ROOM = 10.0
#: Colour of a picked country's marker ring.
PICKED_RGB = (228, 87, 46)


def marker_radius(count: float, max_count: float) -> float:
    """A marker's radius in pixels: 5 to 16 by the square root of its share of the largest count."""
    return round(5 + 11 * math.sqrt(count / max(max_count, 1)), 2)


def arc_width(count: float, max_count: float) -> float:
    """An arc's width in pixels: 1.5 to 10.5 by the square root of its share of the largest count."""
    return round(1.5 + 9.0 * math.sqrt(count / max(max_count, 1)), 2)


def _label_place(i: int, shown: np.ndarray, radius: float, *, near: float = 70.0) -> dict[str, Any]:
    """Where a marker's label goes: away from its neighbours within ``near`` pixels (above when alone)."""
    others = [j for j in range(len(shown)) if j != i and np.hypot(*(shown[j] - shown[i])) < near]
    if not others:
        return {"offset": [0.0, -(radius + 4.0)], "anchor": "middle", "baseline": "bottom"}
    away = shown[i] - shown[others].mean(axis=0)
    dx, dy = away / (np.hypot(*away) or 1.0)
    if abs(dx) >= abs(dy):
        return {
            "offset": [round(math.copysign(radius + 4.0, dx), 1), 0.0],
            "anchor": "start" if dx > 0 else "end",
            "baseline": "center",
        }
    return {
        "offset": [0.0, round(math.copysign(radius + 4.0, dy), 1)],
        "anchor": "middle",
        "baseline": "top" if dy > 0 else "bottom",
    }


def _circle(lon1: float, lat1: float, lon2: float, lat2: float, points: int) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes (continuous, from ``wrap_lon(lon1)``) and latitudes of the great circle: numpy arrays."""
    path = np.array(great_circle(lon1, lat1, lon2, lat2, points=points))
    return path[:, 0], path[:, 1]


def _bend_pixels(points: np.ndarray, amount: float = 0.1, cap: float = 30.0) -> np.ndarray:
    """Push a pixel path to the left of its direction (screen y grows down), most in the middle."""
    if len(points) < 3:
        return points
    chord = points[-1] - points[0]
    length = float(np.hypot(*chord))
    if length == 0:
        return points
    normal = np.array([chord[1], -chord[0]]) / length  # left of the direction on screen
    t = np.linspace(0.0, 1.0, len(points))
    return points + normal[None, :] * (min(amount * length, cap) * np.sin(np.pi * t))[:, None]


def _curve(a: np.ndarray, b: np.ndarray, *, points: int, bend: float = 0.22) -> np.ndarray:
    """A quadratic Bezier from ``a`` to ``b`` (pixels) bent to the left by ``bend`` of its length."""
    chord = b - a
    length = float(np.hypot(*chord)) or 1.0
    control = (a + b) / 2 + np.array([chord[1], -chord[0]]) / length * bend * length
    t = np.linspace(0.0, 1.0, points)[:, None]
    return (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b


def arc_path(
    source: tuple[float, float],
    target: tuple[float, float],
    shown: tuple[np.ndarray, np.ndarray],
    centre: float,
    view: View,
    *,
    points: int = 24,
) -> tuple[list[list[float]], bool]:
    """An arc's path (lon, lat in the rotated frame) from the source's marker to the target's, and
    whether it follows the great circle. ``source`` and ``target`` are the capitals (lon, lat, not
    rotated); ``shown`` the markers' screen pixels. The great circle is used when it stays inside the
    frame from one capital to the other, bent aside and moved with the markers; otherwise (it would
    leave one edge of the map and come back on the other) the arc is a curve inside the frame."""
    shown_a, shown_b = shown
    lons, lats = _circle(source[0], source[1], target[0], target[1], points)
    lons = lons - centre  # continuous already: shift into the frame as one piece
    lons = lons - 360.0 * np.round((lons[0] - wrap_lon(lons[0])) / 360.0)
    end = wrap_lon(target[0] - centre)
    whole = abs(lons[-1] - end) < 1e-6 and bool(((lons >= -180.0) & (lons <= 180.0)).all())
    if whole:
        pixels = view.pixels(lons, lats)
        t = np.linspace(0.0, 1.0, len(pixels))[:, None]
        pixels = pixels + (1 - t) * (shown_a - pixels[0]) + t * (shown_b - pixels[-1])
        pixels = _bend_pixels(pixels)
    else:
        pixels = _curve(shown_a, shown_b, points=points)
    path = view.lonlats(pixels)
    path[:, 1] = np.clip(path[:, 1], -MAX_PATH_LAT, MAX_PATH_LAT)
    return np.round(path, 2).tolist(), whole


MAX_PATH_LAT = 84.0


@dataclass(frozen=True)
class MapScene:
    """What the map draws, in the rotated frame whose 0 is ``centre``."""

    centre: float
    features: list[dict[str, Any]]  # the region's country outlines (:func:`~components.map_layout.regional_outlines`)
    actor_features: list[dict[str, Any]]  # the outlines of the highlighted actors' countries
    actors: list[dict[str, Any]]  # markers: shown position, capital, radius, colours, label place, tooltip lines
    leaders: list[dict[str, Any]]  # thin lines from a moved marker to its capital
    arcs: list[dict[str, Any]]  # arcs: source, target, path, width, colour, tooltip lines
    view: View  # the default view (:func:`~components.map_layout.fit`)
    unit: str = DEFAULT_UNIT

    @property
    def longitude(self) -> float:
        return self.view.longitude

    @property
    def latitude(self) -> float:
        return self.view.latitude

    @property
    def zoom(self) -> float:
        return self.view.zoom


def map_scene(
    arcs: pd.DataFrame,
    activity: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None,
    *,
    highlight: Sequence[str] = (),
    height: int = MAP_HEIGHT,
    width: int = MAP_WIDTH,
    countries: Sequence[str] = (),
    dyad: Sequence[str] = (),
) -> MapScene:
    """The map for ``arcs`` (:func:`map_arcs`) and ``activity`` (:func:`actor_activity`): the frame
    (the seam where the fewest arcs cross), the default view framed on the actors, markers moved
    apart so that none overlaps another at that view, arcs from marker to marker, the region's
    outlines. ``countries``: markers ringed as picked; ``dyad``: its arc stands out, the others
    fade. ``geometry``: GeoJSON (text or mapping) or None."""
    unit = count_unit(activity) if len(activity) else count_unit(arcs)
    paths = [
        [lon for lon, _ in great_circle(a["source_lon"], a["source_lat"], a["target_lon"], a["target_lat"])]
        for a in arcs.to_dict("records")
    ]
    centre = choose_centre(list(activity["lon"]), paths, list(arcs[count_unit(arcs)]))
    rows = activity.to_dict("records")
    true = [(wrap_lon(r["lon"] - centre), float(r["lat"])) for r in rows]
    max_count = max([r[unit] for r in rows] or [1])
    radii = [marker_radius(r[unit], max_count) for r in rows]
    arcs_in_frame = [
        (x, max(-70.0, min(70.0, y)))
        for a in arcs.to_dict("records")
        if a["source"] in set(activity["actor"]) and a["target"] in set(activity["actor"])
        for x, y in to_frame(great_circle(a["source_lon"], a["source_lat"], a["target_lon"], a["target_lat"], points=12), centre)
        if -180.0 <= x <= 180.0
    ]
    view = fit(true + arcs_in_frame, width=width, height=height)
    true_px = np.array([view.pixel(x, y) for x, y in true]).reshape(-1, 2)
    shown_px = separate(true_px, [r + LABEL_ROOM for r in radii])
    where = {r["actor"]: i for i, r in enumerate(rows)}
    picked = set(countries)
    actors, leaders = [], []
    for i, row in enumerate(rows):
        lon, lat = view.lonlat(*shown_px[i])
        rgb = intensity_rgb(row["mean_intensity"])
        moved = float(np.hypot(*(shown_px[i] - true_px[i]))) > 2.0
        actors.append(
            {
                "actor": row["actor"],
                "position": [round(lon, 4), round(lat, 4)],
                "capital": [round(true[i][0], 4), round(true[i][1], 4)],
                "radius": radii[i],
                "color": [*rgb, 235],
                "ring": [*PICKED_RGB, 255] if row["actor"] in picked else [255, 255, 255, 255],
                "ring_width": 3.0 if row["actor"] in picked else 1.5,
                "title": f"{row['actor']} · {row['name']}" + (f" ({row['capital']})" if row["capital"] else ""),
                "line1": f"{row[unit]:,} {unit}: {row['as_source']:,} as source, {row['as_target']:,} as target",
                "line2": format_intensity(row["mean_intensity"]).capitalize(),
                "line3": "Marker moved aside: the thin line leads to the capital" if moved else "",
                **_label_place(i, shown_px, radii[i]),
            }
        )
        if moved:
            leaders.append({"actor": row["actor"], "path": [actors[-1]["position"], actors[-1]["capital"]]})
    arc_unit = count_unit(arcs)
    max_arc = max(int(arcs[arc_unit].max()) if len(arcs) else 1, 1)
    chosen = tuple(dyad) if len(dyad) == 2 else None
    arc_data = []
    for arc in arcs.to_dict("records"):
        i, j = where.get(arc["source"]), where.get(arc["target"])
        if i is None or j is None:
            continue
        path, _ = arc_path(
            (arc["source_lon"], arc["source_lat"]),
            (arc["target_lon"], arc["target_lat"]),
            (shown_px[i], shown_px[j]),
            centre,
            view,
        )
        is_picked = chosen == (arc["source"], arc["target"])
        alpha = 255 if is_picked else (55 if chosen else 210)
        quads = " · ".join(f"{QUAD_SHORT[c]} {int(arc[c]):,}" for c in QUAD_COLUMNS.values() if arc[c])
        arc_data.append(
            {
                "source": arc["source"],
                "target": arc["target"],
                "title": f"{arc['source']} → {arc['target']}",
                "line1": f"{int(arc[arc_unit]):,} {arc_unit} in {int(arc['articles']):,} articles, "
                + format_intensity(arc["mean_intensity"]),
                "line2": quads,
                "line3": f"Top: {arc['top_event_types']}",
                "width": arc_width(arc[arc_unit], max_arc) + (2.0 if is_picked else 0.0),
                "color": [*intensity_rgb(arc["mean_intensity"]), alpha],
                "path": path,
            }
        )
    features = regional_outlines(geometry, centre, view)
    highlighted = set(highlight)
    actor_features = [f for f in features if str(f["properties"].get("iso_a3")) in highlighted]
    return MapScene(centre, features, actor_features, actors, leaders, arc_data, view, unit)
