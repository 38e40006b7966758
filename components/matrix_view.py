"""Dyad matrix: a source x target heatmap of mention counts or mean intensity."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from .dyads import DEFAULT_UNIT, count_unit, dyad_summary
from .filters import Filters
from .scale import DOMAIN, INTENSITY_HELP, RANGE
from .ui import draw_altair, dyad_tooltip, render_download

#: What the cells' colour shows: the dyad's count (of mentions or events), or its mean intensity.
METRICS: tuple[str, ...] = ("count", "mean_intensity")


def metric_label(metric: str, unit: str) -> str:
    return unit.capitalize() if metric == "count" else "Mean intensity"


def matrix_chart(summary: pd.DataFrame, *, metric: str, actors: tuple[str, ...] = ()) -> alt.Chart:
    """The heatmap of ``summary`` (a :func:`~components.dyads.dyad_summary`) for ``metric``
    (one of :data:`METRICS`)."""
    unit = count_unit(summary)
    by_count = metric != "mean_intensity"
    max_count = int(summary[unit].max()) if len(summary) else 0
    summary = summary.assign(
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
    order = [a for a in actors if a in present] + sorted(present - set(actors))
    if by_count:
        colour = alt.Color(f"{unit}:Q", title=unit.capitalize(), scale=alt.Scale(scheme="blues"))
    else:
        colour = alt.Color(
            "colour_intensity:Q",
            title="Mean intensity",
            scale=alt.Scale(domain=DOMAIN, range=RANGE, clamp=True),
        )
    tooltip = dyad_tooltip(unit)
    base = alt.Chart(summary).encode(
        x=alt.X("target:N", sort=order, title="Target", axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("source:N", sort=order, title="Source"),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(color=colour, tooltip=tooltip)
    labels = base.mark_text(fontSize=11).encode(
        text="label:N",
        color=alt.Color("label_colour:N", scale=None, legend=None),
        tooltip=tooltip,
    )
    size = max(220, 48 * len(order))
    return alt.layer(cells, labels).resolve_scale(color="independent").properties(height=size)


def render_matrix(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    actors: tuple[str, ...] = (),
    summary: pd.DataFrame | None = None,
    unit: str = DEFAULT_UNIT,
) -> pd.DataFrame:
    """Heatmap of source x target with a metric switch and the dyad summary download.

    ``unit``: what the rows of ``df`` are (``mentions``, or ``events``); ``summary``: the
    :func:`~components.dyads.dyad_summary` of ``df`` when already computed."""
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
    draw_altair(matrix_chart(summary, metric=metric or "count", actors=actors), key=f"{key}_chart")
    st.caption("Rows: the acting side (source); columns: the side acted upon (target).")
    render_download(summary, key=key, view="dyads", filters=filters, label="Download dyad summary (CSV)")
    return summary
