"""Map (pydeck): actors at their capitals, great-circle arcs between them, country outlines.

No base map: ``pdk.Deck(map_provider=None)`` draws no tiles, so the page makes no request
beyond the app's own server. Country outlines come from the GeoJSON shipped in
``data/geo`` (Natural Earth, public domain), passed in by the app.

The map is drawn in a rotated longitude frame: longitudes are shifted so that the
"seam" (the edge of the flat map) crosses as few arcs as possible. With the default
actors that puts the Pacific in the middle, so USA -> KOR goes across the Pacific (the
short way), not across Europe. An arc or a country that does cross the seam is drawn at
both edges of the map.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from .aggregate import ActorCodes, actor_codes, count
from .charts import CompactDeck
from .downloads import render_download
from .filters import Filters, code_span
from .matrix_view import DYAD_COLUMNS, QUAD_COLUMNS
from .network_view import network_edges
from .prepare import relation_scores
from .scale import SCORE_HELP, intensity_rgb

ARC_COLUMNS: tuple[str, ...] = (
    *DYAD_COLUMNS,
    "source_lat",
    "source_lon",
    "target_lat",
    "target_lon",
)
ACTOR_COLUMNS: tuple[str, ...] = (
    "actor",
    "name",
    "capital",
    "lat",
    "lon",
    "relations",
    "as_source",
    "as_target",
    "net_score",
)
MAX_LAT = 84.0
TOOLTIP_HTML = "<b>{title}</b><br/>{line1}<br/>{line2}<br/>{line3}"
QUAD_SHORT = {
    "verbal_cooperation": "verbal coop.",
    "material_cooperation": "material coop.",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


# --------------------------------------------------------------------------- geometry


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
    continuous longitudes, ``weights`` their relation counts.
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
    """GeoJSON features in the rotated frame; rings crossing the seam are drawn twice."""
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


# --------------------------------------------------------------------------- data


def _locations_by_code(locations: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(r["code"]): r for r in locations.to_dict("records")}


def map_arcs(df: pd.DataFrame, locations: pd.DataFrame, *, summary: pd.DataFrame | None = None) -> pd.DataFrame:
    """The map's arcs: one row per directed pair of located actors (no self-loops).

    Columns: :data:`ARC_COLUMNS` (the :func:`~components.network_view.network_edges`
    columns plus both ends' coordinates). Pairs with an actor that has no location are
    left out (see :func:`unlocated_actors`). ``summary``: the dyad summary of ``df``
    when already computed.
    """
    edges = network_edges(df, summary=summary)
    where = _locations_by_code(locations)
    edges = edges[edges["source"].isin(list(where)) & edges["target"].isin(list(where))].copy()
    for end in ("source", "target"):
        edges[f"{end}_lat"] = [float(where[a]["lat"]) for a in edges[end]]
        edges[f"{end}_lon"] = [float(where[a]["lon"]) for a in edges[end]]
    if edges.empty:
        edges = edges.astype({f"{e}_{c}": "float64" for e in ("source", "target") for c in ("lat", "lon")})
    return edges[list(ARC_COLUMNS)].reset_index(drop=True)


def _present_actors(codes: ActorCodes) -> list[str]:
    seen = count(codes.src, codes.n) + count(codes.tgt, codes.n)
    return [a for a, k in zip(codes.actors, seen, strict=True) if k > 0]


def unlocated_actors(df: pd.DataFrame, locations: pd.DataFrame) -> list[str]:
    """Actors of ``df`` with no row in the locations table."""
    known = set(locations["code"].astype(str))
    return sorted(set(_present_actors(actor_codes(df))) - known)


def actor_activity(df: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """One row per located actor that takes part in ``df``: relations as source, as
    target, in total (a self-relation counts once), and the net score of its relations."""
    if df.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="float64" if c in ("lat", "lon", "net_score") else "object") for c in ACTOR_COLUMNS}
        )
    codes = actor_codes(df)
    n = codes.n
    score = relation_scores(df).to_numpy(dtype=float)
    scored = ~np.isnan(score)
    value = np.where(scored, score, 0.0)
    is_self = codes.src == codes.tgt
    as_source, as_target = count(codes.src, n), count(codes.tgt, n)
    self_n = count(codes.src[is_self], n)
    total = as_source + as_target - self_n
    score_sum = count(codes.src, n, value) + count(codes.tgt, n, value) - count(codes.src[is_self], n, value[is_self])
    score_n = (
        count(codes.src, n, scored.astype(float))
        + count(codes.tgt, n, scored.astype(float))
        - count(codes.src[is_self], n, scored[is_self].astype(float))
    )
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
                "relations": int(total[i]),
                "as_source": int(as_source[i]),
                "as_target": int(as_target[i]),
                "net_score": float(score_sum[i] / score_n[i]) if score_n[i] else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=list(ACTOR_COLUMNS))


# --------------------------------------------------------------------------- deck


def _fmt_score(value: float) -> str:
    return "no score" if value is None or math.isnan(value) else f"net score {value:+.2f}"


def _arc_records(arcs: pd.DataFrame, centre: float) -> list[dict[str, Any]]:
    max_rel = max(int(arcs["relations"].max()) if len(arcs) else 1, 1)
    records = []
    for arc in arcs.to_dict("records"):
        path = great_circle(arc["source_lon"], arc["source_lat"], arc["target_lon"], arc["target_lat"])
        path = bend(to_frame(path, centre))
        rgb = intensity_rgb(arc["net_score"])
        quads = " · ".join(f"{QUAD_SHORT[c]} {int(arc[c]):,}" for c in QUAD_COLUMNS.values() if arc[c])
        record = {
            "title": f"{arc['source']} → {arc['target']}",
            "line1": f"{int(arc['relations']):,} relations in {int(arc['articles']):,} articles, "
            + _fmt_score(arc["net_score"]),
            "line2": quads,
            "line3": f"Top: {arc['top_event_types']}",
            "width": round(1.5 + 9.0 * math.sqrt(arc["relations"] / max_rel), 2),
            "color": [*rgb, 210],
        }
        for copy in world_copies(path):
            records.append({**record, "path": [[round(x, 3), round(y, 3)] for x, y in copy]})
    return records


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


def _actor_records(activity: pd.DataFrame, centre: float) -> list[dict[str, Any]]:
    max_rel = max(int(activity["relations"].max()) if len(activity) else 1, 1)
    records = []
    for row in activity.to_dict("records"):
        lon = wrap_lon(row["lon"] - centre)
        rgb = intensity_rgb(row["net_score"])
        records.append(
            {
                "actor": row["actor"],
                "position": [round(lon, 4), round(row["lat"], 4)],
                "radius": round(5 + 11 * math.sqrt(row["relations"] / max_rel), 2),
                "color": [*rgb, 235],
                "title": f"{row['actor']} · {row['name']}" + (f" ({row['capital']})" if row["capital"] else ""),
                "line1": f"{row['relations']:,} relations: {row['as_source']:,} as source, "
                f"{row['as_target']:,} as target",
                "line2": _fmt_score(row["net_score"]).capitalize(),
                "line3": "",
            }
        )
    for record, offset in zip(records, label_offsets([tuple(r["position"]) for r in records]), strict=True):
        record["offset"] = offset
    return records


def view_for(points: Sequence[tuple[float, float]], *, width: int = 640, height: int = 520) -> pdk.ViewState:
    """A view state that fits ``points`` (lon, lat in the rotated frame)."""
    if not points:
        return pdk.ViewState(longitude=0, latitude=30, zoom=1)
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
    return pdk.ViewState(longitude=(max(lons) + min(lons)) / 2, latitude=round(latitude, 4), zoom=zoom)


def build_deck(
    arcs: pd.DataFrame,
    activity: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None,
    *,
    highlight: Sequence[str] = (),
    height: int = 520,
) -> pdk.Deck:
    """The pydeck chart: ocean, countries, actor countries, arcs, markers, labels."""
    paths = [
        [lon for lon, _ in great_circle(a["source_lon"], a["source_lat"], a["target_lon"], a["target_lat"])]
        for a in arcs.to_dict("records")
    ]
    centre = choose_centre(list(activity["lon"]), paths, list(arcs["relations"]))
    features = rotated_features(geometry, centre)
    highlighted = set(highlight)
    actor_features = [f for f in features if str(f["properties"].get("iso_a3")) in highlighted]
    actors = _actor_records(activity, centre)
    arc_records = _arc_records(arcs, centre)
    fit = [tuple(a["position"]) for a in actors]
    fit += [
        (x, max(-72.0, min(72.0, y)))
        for a in arc_records
        if all(-180.0 <= x <= 180.0 for x, _ in a["path"])  # arcs that cross the seam don't count
        for x, y in a["path"]
    ]
    ocean = [{"polygon": [[-540, -MAX_LAT], [540, -MAX_LAT], [540, MAX_LAT], [-540, MAX_LAT]]}]
    layers = [
        pdk.Layer("SolidPolygonLayer", id="ocean", data=ocean, get_polygon="polygon", get_fill_color=[235, 242, 248]),
        pdk.Layer(
            "GeoJsonLayer",
            id="countries",
            data={"type": "FeatureCollection", "features": features},
            stroked=True,
            filled=True,
            get_fill_color=[250, 250, 247],
            get_line_color=[160, 160, 160],
            line_width_units="pixels",
            get_line_width=0.7,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="actor-countries",
            data={"type": "FeatureCollection", "features": actor_features},
            stroked=True,
            filled=True,
            get_fill_color=[228, 226, 240],
            get_line_color=[120, 120, 140],
            line_width_units="pixels",
            get_line_width=1,
        ),
        pdk.Layer(
            "PathLayer",
            id="arcs",
            data=arc_records,
            get_path="path",
            get_width="width",
            width_units="pixels",
            get_color="color",
            cap_rounded=True,
            joint_rounded=True,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="actors",
            data=actors,
            get_position="position",
            get_radius="radius",
            radius_units="pixels",
            get_fill_color="color",
            get_line_color=[255, 255, 255],
            stroked=True,
            line_width_units="pixels",
            get_line_width=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            id="labels",
            data=actors,
            get_position="position",
            get_text="actor",
            get_size=13,
            get_color=[30, 30, 30],
            get_pixel_offset="offset",
            font_weight=700,
            outline_width=3,
            outline_color=[255, 255, 255],
            font_settings={"sdf": True},
        ),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=view_for(fit, height=height),
        map_provider=None,
        tooltip={"html": TOOLTIP_HTML, "style": {"fontSize": "12px", "maxWidth": "360px"}},
    )


def render_map(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    locations: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None = None,
    height: int = 520,
    summary: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The map and its arcs download. Returns the arcs shown.

    ``summary``: the dyad summary of ``df`` when already computed."""
    arcs = map_arcs(df, locations, summary=summary)
    activity = actor_activity(df, locations)
    missing = unlocated_actors(df, locations)
    if activity.empty:
        st.info("No located actors in the relations of this filter: nothing to draw on the map.")
        return arcs
    deck = build_deck(arcs, activity, geometry, highlight=tuple(activity["actor"]), height=height)
    st.pydeck_chart(deck, height=height, key=f"{key}_deck")
    st.caption(
        "Great-circle arcs from source to target (each direction bent to its left); width = relations; "
        "colour = net cooperation score, red conflict to blue cooperation; marker size = the actor's "
        "relations. Hover for details.",
        help=SCORE_HELP,
    )
    if missing:
        st.caption(
            f"Not on the map (no lat/lon in the actor table, data/actors/actors.csv): {', '.join(code_span(m) for m in missing)}."
        )
    render_download(arcs, key=key, view="map_arcs", filters=filters, label="Download arcs (CSV)")
    return arcs
