"""The network's data: directed edges, actors on a circle in a fixed order, curved edge paths.
Pure functions, no Streamlit (:mod:`components.network_view` draws them)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .dyads import DEFAULT_UNIT, DYAD_COLUMNS, count_unit, dyad_summary

NODE_COLUMNS: tuple[str, ...] = (
    "actor",
    "name",
    "x",
    "y",
    "degree",
    "as_source",
    "as_target",
)


EDGE_COLUMNS: tuple[str, ...] = DYAD_COLUMNS


def network_edges(df: pd.DataFrame, *, summary: pd.DataFrame | None = None, unit: str = DEFAULT_UNIT) -> pd.DataFrame:
    """The directed edges: :func:`~components.dyads.dyad_summary` without self-loops (source == target).

    ``summary``: the dyad summary of ``df`` when already computed (saves a pass)."""
    summary = dyad_summary(df, unit=unit) if summary is None else summary
    return summary[summary["source"] != summary["target"]].reset_index(drop=True)


def circle_layout(actors: Sequence[str], *, radius: float = 1.0) -> pd.DataFrame:
    """Deterministic positions: the i-th actor at 12 o'clock, the next ones clockwise."""
    n = max(len(actors), 1)
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(len(actors))]
    return pd.DataFrame(
        {
            "actor": list(actors),
            "x": [round(radius * math.cos(a), 6) for a in angles],
            "y": [round(radius * math.sin(a), 6) for a in angles],
        }
    )


def network_nodes(
    edges: pd.DataFrame,
    actors: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Nodes for ``edges``: every actor of ``actors`` (in that order), then any other actor
    of the edges (sorted). ``degree`` counts distinct incident edges (in + out);
    ``as_source`` and ``as_target`` add up the edges' counts (mentions or events)."""
    present = set(edges["source"]) | set(edges["target"])
    order = list(dict.fromkeys(list(actors) + sorted(present - set(actors))))
    nodes = circle_layout(order)
    names = names or {}
    degree = pd.concat([edges["source"], edges["target"]]).value_counts()
    unit = count_unit(edges)
    out_rel = edges.groupby("source")[unit].sum()
    in_rel = edges.groupby("target")[unit].sum()
    nodes["name"] = [names.get(a, a) for a in order]
    nodes["degree"] = [int(degree.get(a, 0)) for a in order]
    nodes["as_source"] = [int(out_rel.get(a, 0)) for a in order]
    nodes["as_target"] = [int(in_rel.get(a, 0)) for a in order]
    return nodes[list(NODE_COLUMNS)]


def edge_geometry(
    edges: pd.DataFrame,
    nodes: pd.DataFrame,
    *,
    points: int = 10,
    bend: float = 0.18,
    start: float = 0.07,
    end: float = 0.86,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Curved paths for the edges and an arrowhead at the target end of each.

    Each edge is a quadratic Bezier bent to the left of its direction, so A->B and B->A
    are drawn apart. Returns (paths: one row per point with the few columns a line
    needs, heads: one row per edge with every edge column and the arrow's ``angle`` in
    degrees clockwise from north). Vectorised: no Python loop over points.
    """
    unit = count_unit(edges)
    where = {a: i for i, a in enumerate(nodes["actor"])}
    xy = nodes[["x", "y"]].to_numpy(dtype=float)
    n = len(edges)
    p0 = xy[[where[a] for a in edges["source"]]] if n else np.zeros((0, 2))
    p2 = xy[[where[a] for a in edges["target"]]] if n else np.zeros((0, 2))
    chord = p2 - p0
    length = np.hypot(chord[:, 0], chord[:, 1])
    length = np.where(length > 0, length, 1.0)
    normal = np.stack([-chord[:, 1], chord[:, 0]], axis=1) / length[:, None]
    p1 = (p0 + p2) / 2 + normal * (bend * length)[:, None]
    t = np.linspace(start, end, points)[None, :, None]
    curve = (1 - t) ** 2 * p0[:, None, :] + 2 * (1 - t) * t * p1[:, None, :] + t**2 * p2[:, None, :]
    tangent = 2 * (1 - end) * (p1 - p0) + 2 * end * (p2 - p1)
    angle = np.degrees(np.arctan2(tangent[:, 0], tangent[:, 1])) % 360
    index = np.repeat(np.arange(n), points)
    paths = pd.DataFrame(
        {
            "source": edges["source"].to_numpy()[index],
            "target": edges["target"].to_numpy()[index],
            unit: edges[unit].to_numpy()[index],
            "mean_intensity": edges["mean_intensity"].to_numpy(dtype=float)[index],
            "edge": index,
            "step": np.tile(np.arange(points), n),
            "x": curve[:, :, 0].reshape(-1),
            "y": curve[:, :, 1].reshape(-1),
        }
    )
    heads = edges.reset_index(drop=True).assign(
        edge=np.arange(n), x=curve[:, -1, 0] if n else [], y=curve[:, -1, 1] if n else [], angle=angle
    )
    for frame in (paths, heads):
        frame["colour_intensity"] = frame["mean_intensity"].fillna(0.0)
    return paths, heads
