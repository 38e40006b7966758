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

from .aggregate import ActorCodes, actor_codes, count
from .dyads import DYAD_COLUMNS, QUAD_COLUMNS
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
from .prepare import relation_scores
from .scale import intensity_rgb

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


TOOLTIP_HTML = "<b>{title}</b><br/>{line1}<br/>{line2}<br/>{line3}"


QUAD_SHORT = {
    "verbal_cooperation": "verbal coop.",
    "material_cooperation": "material coop.",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}


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


def _fmt_score(value: float) -> str:
    return "no score" if value is None or math.isnan(value) else f"net score {value:+.2f}"


def arc_records(arcs: pd.DataFrame, centre: float) -> list[dict[str, Any]]:
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


def actor_records(activity: pd.DataFrame, centre: float) -> list[dict[str, Any]]:
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
    centre = choose_centre(list(activity["lon"]), paths, list(arcs["relations"]))
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
