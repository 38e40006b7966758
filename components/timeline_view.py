"""Timeline: mentions per month by quad class, and the mean intensity per month for chosen dyads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from extraction.schema import QUAD_CLASSES

from .aggregate import total_rows
from .dyads import DEFAULT_UNIT, count_unit
from .filters import Filters
from .scale import INTENSITY_HELP
from .timeline import ALL_DYADS, DEFAULT_DYADS, dyad_options, intensity_series, timeline_series
from .ui import draw_altair, render_download

#: Bar colour of each quad class (in :data:`extraction.schema.QUAD_CLASSES` order).
QUAD_COLOURS: dict[str, str] = dict(zip(QUAD_CLASSES, ("#92c5de", "#2166ac", "#f4a582", "#b2182b"), strict=True))


def counts_chart(series: pd.DataFrame, *, width_px: int = 640) -> alt.Chart:
    """Stacked bars of :func:`~components.timeline.timeline_series`: its count per month and quad class."""
    unit = count_unit(series)
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
            y=alt.Y(f"sum({unit}):Q", title=unit.capitalize(), stack="zero"),
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
                alt.Tooltip(f"{unit}:Q", title=unit.capitalize(), format=","),
            ],
        )
        .transform_calculate(quad_order="indexof(" + str(list(QUAD_CLASSES)).replace("'", '"') + ", datum.quad_class)")
        .properties(height=240)
    )


def intensity_chart(series: pd.DataFrame) -> alt.LayerChart:
    """Lines of :func:`~components.timeline.intensity_series`: the mean intensity per month, a line per dyad."""
    unit = count_unit(series)
    base = alt.Chart(series.dropna(subset=["mean_intensity"]))
    lines = base.mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("yearmonth(month):T", title="Month"),
        y=alt.Y("mean_intensity:Q", title="Mean intensity", scale=alt.Scale(domain=[-10, 10])),
        color=alt.Color("dyad:N", title="Dyad", legend=alt.Legend(orient="bottom")),
        tooltip=[
            alt.Tooltip("dyad:N", title="Dyad"),
            alt.Tooltip("yearmonth(month):T", title="Month"),
            alt.Tooltip("mean_intensity:Q", title="Mean intensity", format="+.2f"),
            alt.Tooltip(f"{unit}:Q", title=unit.capitalize(), format=","),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#888888", strokeDash=[4, 4]).encode(y="y:Q")
    return alt.layer(zero, lines).properties(height=240)


def render_timeline(
    df: pd.DataFrame, *, key: str, filters: Filters, unit: str = DEFAULT_UNIT
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both timeline charts with their downloads. Returns (counts series, intensity series).

    ``df``: rows, or a mention cube; ``unit``: what they count (``mentions``, or ``events``)."""
    series = timeline_series(df, unit=unit)
    if series.empty:
        st.info(f"No dated {unit} for this filter: nothing to plot over time.")
        return series, intensity_series(df.iloc[0:0], unit=unit)
    undated = total_rows(df) - int(series[unit].sum())
    st.markdown(f"**{unit.capitalize()} per month, by quad class**")
    draw_altair(counts_chart(series), key=f"{key}_counts")
    if undated:
        st.caption(f"{undated:,} {unit} without a date are not plotted.")
    render_download(series, key=f"{key}_counts", view="timeline", filters=filters, label="Download series (CSV)")

    st.markdown("**Mean intensity per month**", help=INTENSITY_HELP)
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
        placeholder=ALL_DYADS,
        help=f"Directed pairs (source → target), most {unit} first. None chosen: one line over all dyads.",
    )
    intensities = intensity_series(df, chosen, unit=unit)
    if intensities["mean_intensity"].notna().any():
        draw_altair(intensity_chart(intensities), key=f"{key}_intensity")
    else:
        st.info(f"None of these {unit} counts toward the mean intensity (all negated or hypothetical).")
    render_download(
        intensities,
        key=f"{key}_intensity",
        view="timeline_intensity",
        filters=filters,
        label="Download mean intensities (CSV)",
    )
    return series, intensities
