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


def _bezier(p0: np.ndarray, p1: np.ndarray, p2: np.ndarray, t: np.ndarray) -> np.ndarray:
    t = t[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2


def edge_geometry(
    edges: pd.DataFrame,
    nodes: pd.DataFrame,
    *,
    points: int = 16,
    bend: float = 0.18,
    start: float = 0.07,
    end: float = 0.86,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Curved paths for the edges and an arrowhead at the target end of each.

    Each edge is a quadratic Bezier bent to the left of its direction, so A->B and B->A
    are drawn apart. Returns (paths: one row per point with the few columns a line
    needs, heads: one row per edge with every edge column and the arrow's ``angle`` in
    degrees clockwise from north).
    """
    unit = count_unit(edges)
    pos = {a: np.array([x, y]) for a, x, y in zip(nodes["actor"], nodes["x"], nodes["y"], strict=True)}
    t = np.linspace(start, end, points)
    path_rows: list[dict[str, object]] = []
    head_rows: list[dict[str, object]] = []
    for i, edge in enumerate(edges.to_dict("records")):
        p0, p2 = pos[edge["source"]], pos[edge["target"]]
        chord = p2 - p0
        length = float(np.hypot(*chord)) or 1.0
        normal = np.array([-chord[1], chord[0]]) / length
        p1 = (p0 + p2) / 2 + normal * bend * length
        curve = _bezier(p0, p1, p2, t)
        for step, (x, y) in enumerate(curve):
            path_rows.append(
                {
                    "source": edge["source"],
                    "target": edge["target"],
                    unit: edge[unit],
                    "mean_intensity": edge["mean_intensity"],
                    "edge": i,
                    "step": step,
                    "x": float(x),
                    "y": float(y),
                }
            )
        tangent = 2 * (1 - end) * (p1 - p0) + 2 * end * (p2 - p1)
        angle = math.degrees(math.atan2(tangent[0], tangent[1])) % 360
        head_rows.append({**edge, "edge": i, "x": float(curve[-1][0]), "y": float(curve[-1][1]), "angle": angle})
    columns = [*edges.columns, "edge"]
    paths = pd.DataFrame(path_rows, columns=["source", "target", unit, "mean_intensity", "edge", "step", "x", "y"])
    heads = pd.DataFrame(head_rows, columns=[*columns, "x", "y", "angle"])
    for frame in (paths, heads):
        frame["colour_intensity"] = frame["mean_intensity"].fillna(0.0)
    return paths, heads
