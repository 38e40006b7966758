"""Dyad matrix: a source x target heatmap of counts (mentions or events) or mean intensity. A click on a
cell picks that dyad; the picked cell is outlined."""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd
import streamlit as st

from .dyads import DEFAULT_UNIT, count_unit, dyad_summary
from .filters import Filters
from .scale import DOMAIN, INTENSITY_HELP, RANGE
from .selection import DYAD, PARAMS
from .ui import OnPick, draw_vega, dyad_tooltip, render_download, vega_template, with_data

#: What the cells' colour shows: the dyad's count (of mentions or events), or its mean intensity.
METRICS: tuple[str, ...] = ("count", "mean_intensity")
#: The cells and their numbers are picks of a dyad.
PICKS = (PARAMS[DYAD], f"{PARAMS[DYAD]}_label")
#: Outline of the picked cell.
PICKED_COLOUR = "#e4572e"


def metric_label(metric: str, unit: str) -> str:
    return unit.capitalize() if metric == "count" else "Mean intensity"


@lru_cache(maxsize=16)
def _template(unit: str, by_count: bool, order: tuple[str, ...], clickable: bool) -> str:
    if by_count:
        colour = alt.Color("count:Q", title=unit.capitalize(), scale=alt.Scale(scheme="blues"))
    else:
        colour = alt.Color(
            "colour_intensity:Q",
            title="Mean intensity",
            scale=alt.Scale(domain=DOMAIN, range=RANGE, clamp=True),
        )
    tooltip = dyad_tooltip(unit)
    base = alt.Chart(alt.Data(name="cells")).encode(
        x=alt.X("target:N", sort=list(order), title="Target", axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("source:N", sort=list(order), title="Source"),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1, **({"cursor": "pointer"} if clickable else {})).encode(
        color=colour, tooltip=tooltip
    )
    if clickable:
        cells = cells.add_params(alt.selection_point(name=PICKS[0], fields=["source", "target"], on="click"))
    labels = base.mark_text(fontSize=11, **({"cursor": "pointer"} if clickable else {})).encode(
        text="label:N",
        color=alt.Color("label_colour:N", scale=None, legend=None),
        tooltip=tooltip,
    )
    if clickable:  # a click on a cell's number picks the cell too
        labels = labels.add_params(alt.selection_point(name=PICKS[1], fields=["source", "target"], on="click"))
    outline = (
        alt.Chart(alt.Data(name="picked"))
        .mark_rect(filled=False, stroke=PICKED_COLOUR, strokeWidth=3)
        .encode(
            x=alt.X("target:N", sort=list(order), title="Target", axis=alt.Axis(labelAngle=0, orient="top")),
            y=alt.Y("source:N", sort=list(order), title="Source"),
        )
    )
    size = max(220, 48 * len(order))
    return vega_template(alt.layer(cells, labels, outline).resolve_scale(color="independent").properties(height=size))


def matrix_chart(
    summary: pd.DataFrame,
    *,
    metric: str,
    actors: tuple[str, ...] = (),
    dyad: tuple[str, ...] = (),
    clickable: bool = False,
) -> dict:
    """The Vega-Lite spec of the heatmap of ``summary`` (a :func:`~components.dyads.dyad_summary`)
    for ``metric`` (one of :data:`METRICS`); ``dyad``: the picked cell, outlined on top; ``clickable``:
    cells and their numbers are selection parameters (:data:`PICKS`)."""
    unit = count_unit(summary)
    by_count = metric != "mean_intensity"
    max_count = int(summary[unit].max()) if len(summary) else 0
    picked = (summary["source"] == dyad[0]) & (summary["target"] == dyad[1]) if len(dyad) == 2 else None
    cells = summary.assign(
        count=summary[unit],
        colour_intensity=summary["mean_intensity"].fillna(0.0),
        label=[
            f"{r:,}" if by_count else ("–" if pd.isna(v) else f"{v:+.1f}")
            for r, v in zip(summary[unit], summary["mean_intensity"], strict=True)
        ],
        # light text on dark cells: the top of the count scale, the ends of the intensity scale
        label_colour=[
            "white" if (r > 0.6 * max_count if by_count else (not pd.isna(v) and abs(v) > 6.5)) else "#222222"
            for r, v in zip(summary[unit], summary["mean_intensity"], strict=True)
        ],
    )
    present = set(summary["source"]) | set(summary["target"])
    order = tuple([a for a in actors if a in present] + sorted(present - set(actors)))
    chosen = summary[picked][["source", "target"]] if picked is not None else summary.iloc[0:0][["source", "target"]]
    return with_data(_template(unit, by_count, order, clickable), {"cells": cells, "picked": chosen})


def render_matrix(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    actors: tuple[str, ...] = (),
    summary: pd.DataFrame | None = None,
    unit: str = DEFAULT_UNIT,
    on_pick: OnPick | None = None,
    version: int = 0,
) -> pd.DataFrame:
    """Heatmap of source x target with a metric switch and the dyad summary download.

    ``unit``: what the rows of ``df`` are (``mentions``, or ``events``); ``summary``: the
    :func:`~components.dyads.dyad_summary` of ``df`` when already computed; ``on_pick``: called
    with the dyad of a clicked cell; ``version``: part of the chart's key (see the network)."""
    summary = dyad_summary(df, unit=unit) if summary is None else summary
    if summary.empty:
        st.info(f"No {unit} to show in the dyad matrix for this filter.")
        return summary
    metric = st.radio(
        "Colour by",
        options=list(METRICS),
        format_func=lambda m: metric_label(m, unit),
        horizontal=True,
        key=f"{key}_metric",
        help=INTENSITY_HELP,
    )
    spec = matrix_chart(
        summary, metric=metric or "count", actors=actors, dyad=filters.dyad, clickable=on_pick is not None
    )
    draw_vega(spec, key=f"{key}_chart_{version}", on_pick=on_pick, picks=PICKS)
    click = " Click a cell to filter on that dyad; click it again to clear." if on_pick else ""
    st.caption(f"Rows: the acting side (source); columns: the side acted upon (target).{click}")
    render_download(summary, key=key, view="dyads", filters=filters, label="Download dyad summary (CSV)")
    return summary
