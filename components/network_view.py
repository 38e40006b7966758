"""Network: actors as nodes on a circle (fixed order), directed weighted edges between them. A click on
a node picks the country, on an edge the dyad; the picked ones stand out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import altair as alt
import pandas as pd
import streamlit as st

from .dyads import DEFAULT_UNIT, count_unit
from .filters import Filters
from .network import edge_geometry, network_edges, network_nodes
from .network_export import EXPORT_FORMATS, network_file
from .scale import DOMAIN, INTENSITY_HELP, RANGE
from .selection import COUNTRY, DYAD, PARAMS
from .ui import OnPick, draw_vega, dyad_tooltip, render_download, vega_template, with_data

LABEL_RADIUS = 1.3
#: Ring around a picked country's node.
PICKED_COLOUR = "#e4572e"
#: Opacity of the other edges while a dyad is picked.
FADED = 0.22
PICKS = (PARAMS[COUNTRY], PARAMS[DYAD], f"{PARAMS[DYAD]}_line")


@lru_cache(maxsize=8)
def _template(unit: str, clickable: bool, size: int) -> str:
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
    emphasis = alt.Opacity("emphasis:Q", scale=None, legend=None)
    cursor = {"cursor": "pointer"} if clickable else {}
    line_tip = [
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("target:N", title="Target"),
        alt.Tooltip(f"{unit}:Q", title=f"{unit.capitalize()} (hover the arrow for more)", format=","),
        alt.Tooltip("mean_intensity:Q", title="Mean intensity", format="+.2f"),
    ]
    lines = (
        alt.Chart(alt.Data(name="paths"))
        .mark_line(strokeCap="round", **cursor)
        .encode(
            x=x,
            y=y,
            detail="edge:N",
            order="step:Q",
            color=colour,
            size=alt.Size(f"{unit}:Q", scale=alt.Scale(range=[1, 10]), legend=None),
            opacity=emphasis,
            tooltip=line_tip,
        )
    )
    arrows = (
        alt.Chart(alt.Data(name="heads"))
        .mark_point(shape="triangle", filled=True, **cursor)
        .encode(
            x=x,
            y=y,
            angle=alt.Angle("angle:Q", scale=None),
            color=colour,
            size=alt.Size(f"{unit}:Q", scale=alt.Scale(range=[70, 420]), legend=None),
            opacity=emphasis,
            tooltip=dyad_tooltip(unit),
        )
    )
    node_tip = [
        alt.Tooltip("actor:N", title="Actor"),
        alt.Tooltip("name:N", title="Name"),
        alt.Tooltip("degree:Q", title="Degree (edges in + out)"),
        alt.Tooltip("as_source:Q", title=f"{unit.capitalize()} as source", format=","),
        alt.Tooltip("as_target:Q", title=f"{unit.capitalize()} as target", format=","),
    ]
    circles = (
        alt.Chart(alt.Data(name="nodes"))
        .mark_circle(opacity=1, **cursor)
        .encode(
            x=x,
            y=y,
            size=alt.Size("degree:Q", scale=alt.Scale(range=[250, 1500]), legend=None),
            color=alt.Color("fill:N", scale=None),
            stroke=alt.Stroke("ring:N", scale=None),
            strokeWidth=alt.StrokeWidth("ring_width:Q", scale=None),
            tooltip=node_tip,
        )
    )
    if clickable:
        lines = lines.add_params(alt.selection_point(name=PICKS[2], fields=["source", "target"], on="click"))
        arrows = arrows.add_params(alt.selection_point(name=PICKS[1], fields=["source", "target"], on="click"))
        circles = circles.add_params(alt.selection_point(name=PICKS[0], fields=["actor"], on="click"))
    labels = (
        alt.Chart(alt.Data(name="nodes"))
        .mark_text(fontSize=12, fontWeight="bold", color="#222222", align="center", baseline="middle")
        .encode(x=alt.X("lx:Q", scale=square, axis=None), y=alt.Y("ly:Q", scale=square, axis=None), text="actor:N")
    )
    chart = (
        alt.layer(lines, arrows, circles, labels)
        .resolve_scale(size="independent")
        .properties(width=size, height=size, autosize=alt.AutoSizeParams(type="pad"))
        .configure_view(stroke=None)
    )
    return vega_template(chart)


def network_chart(
    edges: pd.DataFrame,
    nodes: pd.DataFrame,
    *,
    size: int = 400,
    clickable: bool = False,
    countries: Sequence[str] = (),
    dyad: Sequence[str] = (),
) -> dict:
    """The Vega-Lite spec: edges (width = their count, colour = mean intensity), arrowheads, nodes,
    labels. ``countries``: nodes ringed as picked; ``dyad``: the picked edge, the others faded.
    ``clickable``: nodes and edges are selection parameters (see :data:`PICKS`)."""
    unit = count_unit(edges)
    paths, heads = edge_geometry(edges, nodes)
    picked = (
        (paths["source"] == dyad[0]) & (paths["target"] == dyad[1]) if len(dyad) == 2 else pd.Series(True, index=paths.index)
    )
    paths = paths.assign(emphasis=picked.map({True: 0.85, False: FADED}))
    picked = (
        (heads["source"] == dyad[0]) & (heads["target"] == dyad[1]) if len(dyad) == 2 else pd.Series(True, index=heads.index)
    )
    heads = heads.assign(emphasis=picked.map({True: 1.0, False: FADED}))
    chosen = nodes["actor"].isin(list(countries))
    nodes = nodes.assign(
        lx=nodes["x"] * LABEL_RADIUS,
        ly=nodes["y"] * LABEL_RADIUS,
        fill=(nodes["degree"] > 0).map({True: "#31456a", False: "#c8c8c8"}),
        ring=chosen.map({True: PICKED_COLOUR, False: "white"}),
        ring_width=chosen.map({True: 4, False: 2}),
    )
    return with_data(_template(unit, clickable, size), {"paths": paths, "heads": heads, "nodes": nodes})


def render_network(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    actors: Sequence[str] = (),
    actor_names: Mapping[str, str] | None = None,
    summary: pd.DataFrame | None = None,
    unit: str = DEFAULT_UNIT,
    on_pick: OnPick | None = None,
    version: int = 0,
) -> pd.DataFrame:
    """The network chart, its edges download (CSV) and the network as GEXF and GraphML. Returns the
    edges shown.

    ``unit``: what the rows of ``df`` are (``mentions``, or ``events``); ``summary``: the dyad
    summary of ``df`` when already computed; ``on_pick``: called with the country or dyad clicked;
    ``version``: part of the chart's key (a new one after each pick starts it with no selection)."""
    edges = network_edges(df, summary=summary, unit=unit)
    if edges.empty:
        st.info(f"No {unit} between two different actors for this filter: nothing to draw.")
        return edges
    nodes = network_nodes(edges, actors, actor_names)
    spec = network_chart(
        edges, nodes, clickable=on_pick is not None, countries=filters.countries, dyad=filters.dyad
    )
    draw_vega(spec, key=f"{key}_chart_{version}", width="content", on_pick=on_pick, picks=PICKS)
    click = " Click a node to filter on that country, an arrow for that dyad." if on_pick else ""
    st.caption(
        f"Arrows point from source to target; line width = {unit}; colour = mean intensity "
        f"(red conflict, blue cooperation); node size = degree (edges in + out).{click}",
        help=INTENSITY_HELP,
    )
    render_download(edges, key=key, view="network_edges", filters=filters, label="Download edges (CSV)")
    for fmt, (label, mime) in EXPORT_FORMATS.items():
        render_download(
            edges,
            key=f"{key}_{fmt}",
            view="network",
            filters=filters,
            label=f"Download network ({label})",
            data=lambda fmt=fmt: network_file(edges, nodes, fmt, unit=unit),
            extension=fmt,
            mime=mime,
            help_text=f"The network for Gephi, Cytoscape or networkx: {len(nodes):,} actors, {len(edges):,} edges, "
            f"with their {unit}, articles, mean intensity and quad-class counts.",
        )
    return edges
