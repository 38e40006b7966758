"""Dyad matrix: a source x target heatmap of mention counts or mean intensity."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from .dyads import dyad_summary
from .filters import Filters
from .scale import DOMAIN, RANGE, SCORE_HELP
from .ui import draw_altair, dyad_tooltip, render_download

METRICS = {"relations": "Relations", "net_score": "Net cooperation score"}


def matrix_chart(summary: pd.DataFrame, *, metric: str, actors: tuple[str, ...] = ()) -> alt.Chart:
    """The heatmap of ``summary`` (a :func:`dyad_summary`) for ``metric``."""
    max_relations = int(summary["relations"].max()) if len(summary) else 0
    summary = summary.assign(
        colour_score=summary["net_score"].fillna(0.0),
        label=[
            f"{r:,}" if metric == "relations" else ("–" if pd.isna(v) else f"{v:+.1f}")
            for r, v in zip(summary["relations"], summary["net_score"], strict=True)
        ],
        # light text on dark cells: the top of the count scale, the ends of the score scale
        label_colour=[
            "white"
            if (r > 0.6 * max_relations if metric == "relations" else (not pd.isna(v) and abs(v) > 6.5))
            else "#222222"
            for r, v in zip(summary["relations"], summary["net_score"], strict=True)
        ],
    )
    present = set(summary["source"]) | set(summary["target"])
    order = [a for a in actors if a in present] + sorted(present - set(actors))
    if metric == "net_score":
        colour = alt.Color(
            "colour_score:Q",
            title="Net score",
            scale=alt.Scale(domain=DOMAIN, range=RANGE, clamp=True),
        )
    else:
        colour = alt.Color("relations:Q", title="Relations", scale=alt.Scale(scheme="blues"))
    tooltip = dyad_tooltip()
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
) -> pd.DataFrame:
    """Heatmap of source x target with a metric switch and the dyad summary download.

    ``summary``: the :func:`dyad_summary` of ``df`` when already computed."""
    summary = dyad_summary(df) if summary is None else summary
    if summary.empty:
        st.info("No relations to show in the dyad matrix for this filter.")
        return summary
    metric = st.radio(
        "Colour by",
        options=list(METRICS),
        format_func=METRICS.__getitem__,
        horizontal=True,
        key=f"{key}_metric",
        help=SCORE_HELP,
    )
    draw_altair(matrix_chart(summary, metric=metric or "relations", actors=actors), key=f"{key}_chart")
    st.caption("Rows: the acting side (source); columns: the side acted upon (target).")
    render_download(summary, key=key, view="dyads", filters=filters, label="Download dyad summary (CSV)")
    return summary
