"""The map's data: arcs between located actors, each actor's activity, and the records the
pydeck layers draw (paths in the rotated frame, colours, tooltip lines). Pure functions, no
Streamlit and no pydeck (:mod:`components.map_view` builds the deck)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .aggregate import ActorCodes, actor_codes, count, row_weights, scored_parts
from .dyads import DEFAULT_UNIT, QUAD_COLUMNS, count_unit, dyad_columns
from .geometry import (
    bend,
    choose_centre,
    fit_view,
    great_circle,
    label_offsets,
    rotated_features,
    to_frame,
    world_copies,
    wrap_lon,
)
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


def arc_records(arcs: pd.DataFrame, centre: float) -> list[dict[str, Any]]:
    """One PathLayer record per arc of :func:`map_arcs` (two when it crosses the seam): its
    bent great circle in the rotated frame whose 0 is ``centre``, width, colour, tooltip lines."""
    unit = count_unit(arcs)
    max_count = max(int(arcs[unit].max()) if len(arcs) else 1, 1)
    records = []
    for arc in arcs.to_dict("records"):
        path = great_circle(arc["source_lon"], arc["source_lat"], arc["target_lon"], arc["target_lat"])
        path = bend(to_frame(path, centre))
        rgb = intensity_rgb(arc["mean_intensity"])
        quads = " · ".join(f"{QUAD_SHORT[c]} {int(arc[c]):,}" for c in QUAD_COLUMNS.values() if arc[c])
        record = {
            "title": f"{arc['source']} → {arc['target']}",
            "line1": f"{int(arc[unit]):,} {unit} in {int(arc['articles']):,} articles, "
            + format_intensity(arc["mean_intensity"]),
            "line2": quads,
            "line3": f"Top: {arc['top_event_types']}",
            "width": round(1.5 + 9.0 * math.sqrt(arc[unit] / max_count), 2),
            "color": [*rgb, 210],
        }
        for copy in world_copies(path):
            records.append({**record, "path": [[round(x, 3), round(y, 3)] for x, y in copy]})
    return records


def actor_records(activity: pd.DataFrame, centre: float) -> list[dict[str, Any]]:
    """One marker record per actor of :func:`actor_activity`: position in the rotated frame,
    radius, colour, label offset, tooltip lines."""
    unit = count_unit(activity)
    max_count = max(int(activity[unit].max()) if len(activity) else 1, 1)
    records = []
    for row in activity.to_dict("records"):
        lon = wrap_lon(row["lon"] - centre)
        rgb = intensity_rgb(row["mean_intensity"])
        records.append(
            {
                "actor": row["actor"],
                "position": [round(lon, 4), round(row["lat"], 4)],
                "radius": round(5 + 11 * math.sqrt(row[unit] / max_count), 2),
                "color": [*rgb, 235],
                "title": f"{row['actor']} · {row['name']}" + (f" ({row['capital']})" if row["capital"] else ""),
                "line1": f"{row[unit]:,} {unit}: {row['as_source']:,} as source, {row['as_target']:,} as target",
                "line2": format_intensity(row["mean_intensity"]).capitalize(),
                "line3": "",
            }
        )
    for record, offset in zip(records, label_offsets([tuple(r["position"]) for r in records]), strict=True):
        record["offset"] = offset
    return records


@dataclass(frozen=True)
class MapScene:
    """What the map draws, in the rotated frame whose 0 is ``centre``."""

    centre: float
    features: list[dict[str, Any]]  # every country outline
    actor_features: list[dict[str, Any]]  # the outlines of the highlighted actors' countries
    actors: list[dict[str, Any]]  # marker records (:func:`actor_records`)
    arcs: list[dict[str, Any]]  # arc records (:func:`arc_records`)
    longitude: float  # the initial view (:func:`~components.geometry.fit_view`)
    latitude: float
    zoom: float


def map_scene(
    arcs: pd.DataFrame,
    activity: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None,
    *,
    highlight: Sequence[str] = (),
    height: int = 520,
) -> MapScene:
    """The map's frame, outlines, markers, arcs and initial view for ``arcs`` (:func:`map_arcs`)
    and ``activity`` (:func:`actor_activity`). ``geometry``: GeoJSON (text or mapping) or None."""
    paths = [
        [lon for lon, _ in great_circle(a["source_lon"], a["source_lat"], a["target_lon"], a["target_lat"])]
        for a in arcs.to_dict("records")
    ]
    centre = choose_centre(list(activity["lon"]), paths, list(arcs[count_unit(arcs)]))
    features = rotated_features(geometry, centre)
    highlighted = set(highlight)
    actor_features = [f for f in features if str(f["properties"].get("iso_a3")) in highlighted]
    actors = actor_records(activity, centre)
    arc_data = arc_records(arcs, centre)
    fit = [tuple(a["position"]) for a in actors]
    fit += [
        (x, max(-72.0, min(72.0, y)))
        for a in arc_data
        if all(-180.0 <= x <= 180.0 for x, _ in a["path"])  # arcs that cross the seam don't count
        for x, y in a["path"]
    ]
    longitude, latitude, zoom = fit_view(fit, height=height)
    return MapScene(centre, features, actor_features, actors, arc_data, longitude, latitude, zoom)
