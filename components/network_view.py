"""Network: actors as nodes on a circle (fixed order), directed weighted edges between them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
import streamlit as st

from .dyads import DEFAULT_UNIT, count_unit
from .filters import Filters
from .network import edge_geometry, network_edges, network_nodes
from .scale import DOMAIN, INTENSITY_HELP, RANGE
from .ui import draw_altair, dyad_tooltip, render_download

LABEL_RADIUS = 1.3


def network_chart(edges: pd.DataFrame, nodes: pd.DataFrame, *, size: int = 400) -> alt.LayerChart:
    """Altair layers: edges (width = their count, colour = mean intensity), arrowheads, nodes, labels."""
    unit = count_unit(edges)
    paths, heads = edge_geometry(edges, nodes)
    extent = 1.45
    square = alt.Scale(domain=[-extent, extent])
    x = alt.X("x:Q", scale=square, axis=None)
    y = alt.Y("y:Q", scale=square, axis=None)
    colour = alt.Color(
        "colour_intensity:Q",
        title="Mean intensity",
        scale=alt.Scale(domain=DOMAIN, range=RANGE, clamp=True),
        legend=alt.Legend(orient="bottom", type="gradient", gradientLength=200),
    )
    max_count = max(int(edges[unit].max()) if len(edges) else 1, 1)
    width = alt.Size(f"{unit}:Q", scale=alt.Scale(domain=[0, max_count], range=[1, 10]), legend=None)
    edge_tip = dyad_tooltip(unit)
    line_tip = [
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("target:N", title="Target"),
        alt.Tooltip(f"{unit}:Q", title=f"{unit.capitalize()} (hover the arrow for more)", format=","),
        alt.Tooltip("mean_intensity:Q", title="Mean intensity", format="+.2f"),
    ]
    lines = (
        alt.Chart(paths)
        .mark_line(strokeCap="round", opacity=0.85)
        .encode(x=x, y=y, detail="edge:N", order="step:Q", color=colour, size=width, tooltip=line_tip)
    )
    arrows = (
        alt.Chart(heads)
        .mark_point(shape="triangle", filled=True, opacity=1)
        .encode(
            x=x,
            y=y,
            angle=alt.Angle("angle:Q", scale=None),
            color=colour,
            size=alt.Size(f"{unit}:Q", scale=alt.Scale(domain=[0, max_count], range=[70, 420]), legend=None),
            tooltip=edge_tip,
        )
    )
    max_degree = max(int(nodes["degree"].max()) if len(nodes) else 1, 1)
    node_fill = alt.when(alt.datum.degree > 0).then(alt.value("#31456a")).otherwise(alt.value("#c8c8c8"))
    node_tip = [
        alt.Tooltip("actor:N", title="Actor"),
        alt.Tooltip("name:N", title="Name"),
        alt.Tooltip("degree:Q", title="Degree (edges in + out)"),
        alt.Tooltip("as_source:Q", title=f"{unit.capitalize()} as source", format=","),
        alt.Tooltip("as_target:Q", title=f"{unit.capitalize()} as target", format=","),
    ]
    circles = (
        alt.Chart(nodes)
        .mark_circle(opacity=1, stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            size=alt.Size("degree:Q", scale=alt.Scale(domain=[0, max_degree], range=[250, 1500]), legend=None),
            color=node_fill,
            tooltip=node_tip,
        )
    )
    labels = (
        alt.Chart(nodes.assign(lx=nodes["x"] * LABEL_RADIUS, ly=nodes["y"] * LABEL_RADIUS))
        .mark_text(fontSize=12, fontWeight="bold", color="#222222", align="center", baseline="middle")
        .encode(x=alt.X("lx:Q", scale=square, axis=None), y=alt.Y("ly:Q", scale=square, axis=None), text="actor:N")
    )
    return (
        alt.layer(lines, arrows, circles, labels)
        .resolve_scale(size="independent")
        .properties(width=size, height=size, autosize=alt.AutoSizeParams(type="pad"))
        .configure_view(stroke=None)
    )


def render_network(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    actors: Sequence[str] = (),
    actor_names: Mapping[str, str] | None = None,
    summary: pd.DataFrame | None = None,
    unit: str = DEFAULT_UNIT,
) -> pd.DataFrame:
    """The network chart and its edges download. Returns the edges shown.

    ``unit``: what the rows of ``df`` are (``mentions``, or ``events``); ``summary``: the dyad
    summary of ``df`` when already computed."""
    edges = network_edges(df, summary=summary, unit=unit)
    if edges.empty:
        st.info(f"No {unit} between two different actors for this filter: nothing to draw.")
        return edges
    nodes = network_nodes(edges, actors, actor_names)
    draw_altair(network_chart(edges, nodes), key=f"{key}_chart", width="content")
    st.caption(
        f"Arrows point from source to target; line width = {unit}; colour = mean intensity "
        "(red conflict, blue cooperation); node size = degree (edges in + out).",
        help=INTENSITY_HELP,
    )
    render_download(edges, key=key, view="network_edges", filters=filters, label="Download edges (CSV)")
    return edges
