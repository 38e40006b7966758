"""Timeline: mentions per month by quad class, and the mean intensity per month for chosen dyads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from extraction.schema import QUAD_CLASSES

from .filters import Filters
from .scale import SCORE_HELP
from .timeline import DEFAULT_DYADS, dyad_options, score_series, timeline_series
from .ui import draw_altair, render_download

QUAD_COLOURS: dict[str, str] = {
    "verbal cooperation": "#92c5de",
    "material cooperation": "#2166ac",
    "verbal conflict": "#f4a582",
    "material conflict": "#b2182b",
}


def counts_chart(series: pd.DataFrame, *, width_px: int = 640) -> alt.Chart:
    months = 1
    if len(series):
        first, last = series["month"].min(), series["month"].max()
        months = (last.year - first.year) * 12 + last.month - first.month + 1
    bar = max(1.5, min(24.0, 0.8 * width_px / max(months, 1)))
    return (
        alt.Chart(series)
        .mark_bar(size=bar)
        .encode(
            x=alt.X("yearmonth(month):T", title="Month"),
            y=alt.Y("sum(relations):Q", title="Relations", stack="zero"),
            color=alt.Color(
                "quad_class:N",
                title="Quad class",
                scale=alt.Scale(domain=list(QUAD_COLOURS), range=list(QUAD_COLOURS.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("quad_order:Q"),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("quad_class:N", title="Quad class"),
                alt.Tooltip("relations:Q", title="Relations", format=","),
            ],
        )
        .transform_calculate(quad_order="indexof(" + str(list(QUAD_CLASSES)).replace("'", '"') + ", datum.quad_class)")
        .properties(height=240)
    )


def score_chart(series: pd.DataFrame) -> alt.LayerChart:
    base = alt.Chart(series.dropna(subset=["net_score"]))
    lines = base.mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("yearmonth(month):T", title="Month"),
        y=alt.Y("net_score:Q", title="Net score", scale=alt.Scale(domain=[-10, 10])),
        color=alt.Color("dyad:N", title="Dyad", legend=alt.Legend(orient="bottom")),
        tooltip=[
            alt.Tooltip("dyad:N", title="Dyad"),
            alt.Tooltip("yearmonth(month):T", title="Month"),
            alt.Tooltip("net_score:Q", title="Net score", format="+.2f"),
            alt.Tooltip("relations:Q", title="Relations", format=","),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#888888", strokeDash=[4, 4]).encode(y="y:Q")
    return alt.layer(zero, lines).properties(height=240)


def render_timeline(df: pd.DataFrame, *, key: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both timeline charts with their downloads. Returns (counts series, score series)."""
    series = timeline_series(df)
    if series.empty:
        st.info("No dated relations for this filter: nothing to plot over time.")
        return series, score_series(df.iloc[0:0])
    undated = len(df) - int(series["relations"].sum())
    st.markdown("**Relations per month, by quad class**")
    draw_altair(counts_chart(series), key=f"{key}_counts")
    if undated:
        st.caption(f"{undated:,} relation(s) without a date are not plotted.")
    render_download(series, key=f"{key}_counts", view="timeline", filters=filters, label="Download series (CSV)")

    st.markdown("**Net cooperation score per month**", help=SCORE_HELP)
    options = dyad_options(df)
    widget_key, auto_key = f"{key}_dyads", f"{key}_dyads_auto"
    default = options[:DEFAULT_DYADS]
    current = st.session_state.get(widget_key)
    if current is None or list(current) == list(st.session_state.get(auto_key, [])):
        st.session_state[widget_key] = default  # still the automatic choice: follow the filter
    else:
        kept = [d for d in current if d in options]
        if kept != list(current):
            st.session_state[widget_key] = kept
    if list(st.session_state[widget_key]) == default:
        st.session_state[auto_key] = default
    chosen = st.multiselect(
        "Dyads",
        options=options,
        key=widget_key,
        placeholder="All relations",
        help="Directed pairs (source → target), most relations first. None chosen: all relations.",
    )
    scores = score_series(df, chosen)
    if scores["net_score"].notna().any():
        draw_altair(score_chart(scores), key=f"{key}_score")
    else:
        st.info("None of these relations counts toward the score (all negated or hypothetical).")
    render_download(scores, key=f"{key}_score", view="timeline_score", filters=filters, label="Download scores (CSV)")
    return series, scores
