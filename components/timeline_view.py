"""Timeline: counts per time bin by quad class, and the mean intensity per bin for chosen dyads, side by
side over one shared range of bins (week, month, quarter or year, by the span). Brushing either chart
picks a date range."""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd
import streamlit as st

from extraction.schema import QUAD_CLASSES

from .aggregate import total_rows
from .bins import BIN_LABELS, row_periods
from .dyads import DEFAULT_UNIT, count_unit
from .filters import Filters
from .labels import count_text
from .scale import INTENSITY_HELP
from .selection import DATES, PARAMS
from .timeline import (
    ALL_DYADS,
    DEFAULT_DYADS,
    Range,
    dyad_options,
    intensity_series,
    line_segments,
    spread_column,
    time_range,
    timeline_series,
)
from .ui import OnPick, draw_vega, render_download, vega_template, with_data

#: Bar colour of each quad class (in :data:`extraction.schema.QUAD_CLASSES` order).
QUAD_COLOURS: dict[str, str] = dict(zip(QUAD_CLASSES, ("#92c5de", "#2166ac", "#f4a582", "#b2182b"), strict=True))
#: Colour of the shares of coarse-dated rows (a month or a year spread over its bins).
SPREAD_COLOUR = "#9e9e9e"
HEIGHT = 240


def period_labels(starts: pd.Series, size: str) -> list[str]:
    """How a bin reads in tooltips: ``2018``, ``2018 Q2``, ``Mar 2018``, ``week of 2018-03-05``."""
    out = []
    for day in pd.to_datetime(starts):
        if size == "year":
            out.append(f"{day.year}")
        elif size == "quarter":
            out.append(f"{day.year} Q{(day.month - 1) // 3 + 1}")
        elif size == "month":
            out.append(f"{day:%b %Y}")
        else:
            out.append(f"week of {day:%Y-%m-%d}")
    return out


def _ms(values: pd.Series) -> pd.Series:
    """Times as epoch milliseconds (float): what Vega-Lite reads as temporal, however the data travels."""
    return pd.to_datetime(values).astype("datetime64[ms]").astype("int64").astype("float64")


def _x(rng: Range, field: str = "start") -> alt.X:
    return alt.X(
        f"{field}:T",
        title=BIN_LABELS[rng.size],
        scale=alt.Scale(type="utc", domain=[0, 1]),  # the domain: the range's first and last day (see _domain)
        axis=alt.Axis(labelOverlap=True),
    )


def _domain(spec: dict, rng: Range) -> dict:
    """Set every layer's x domain to the shared range (Vega-Lite DateTime objects in UTC, as the
    data's times are sent: a line chart ignores a domain of plain timestamps), so both timelines
    line up."""
    domain = [{"year": d.year, "month": d.month, "date": d.day, "utc": True} for d in (rng.start(), rng.end())]
    for layer in spec.get("layer", [spec]):
        x = layer.get("encoding", {}).get("x")
        if x is not None:
            x["scale"]["domain"] = domain
    return spec


@lru_cache(maxsize=8)
def _counts_template(unit: str, size: str, brush: bool) -> str:
    rng = Range(size, 0, 0)
    bars = (
        alt.Chart(alt.Data(name="bars"))
        .mark_bar()
        .encode(
            x=_x(rng),
            x2="stop:T",
            y=alt.Y("lo:Q", title=unit.capitalize()),
            y2="hi:Q",
            color=alt.Color(
                "quad_class:N",
                title="Quad class",
                scale=alt.Scale(domain=list(QUAD_COLOURS), range=list(QUAD_COLOURS.values())),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            tooltip=[
                alt.Tooltip("period:N", title=BIN_LABELS[size]),
                alt.Tooltip("quad_class:N", title="Quad class"),
                alt.Tooltip("count:Q", title=unit.capitalize(), format=","),
            ],
        )
    )
    if brush:
        bars = bars.add_params(alt.selection_interval(name=PARAMS[DATES], encodings=["x"]))
    spread = (
        alt.Chart(alt.Data(name="spread"))
        .mark_bar(color=SPREAD_COLOUR, opacity=0.45)
        .encode(
            x=_x(rng),
            x2="stop:T",
            y=alt.Y("base:Q"),
            y2="top:Q",
            tooltip=[
                alt.Tooltip("period:N", title=BIN_LABELS[size]),
                alt.Tooltip("spread:Q", title=f"{unit.capitalize()} dated only to a month or year (share)", format=",.2f"),
            ],
        )
    )
    return vega_template(alt.layer(bars, spread).properties(height=HEIGHT))


def counts_chart(series: pd.DataFrame, rng: Range | None = None, *, brush: bool = False) -> dict:
    """Stacked bars of :func:`~components.timeline.timeline_series` (each bar spans its whole bin),
    with the shares of coarse-dated rows in grey on top. ``brush``: a date-range selection."""
    unit = count_unit(series)
    rng = rng or Range("month", 0, -1)
    spread_col = spread_column(unit)
    start, stop = _ms(series["period_start"]), _ms(series["period_end"] + pd.Timedelta(days=1))
    labels = period_labels(series["period_start"], rng.size)
    rank = {q: i for i, q in enumerate(QUAD_CLASSES)}
    bars = pd.DataFrame(
        {
            "start": start,
            "stop": stop,
            "period": labels,
            "quad_class": series["quad_class"].astype(str),
            "count": series[unit].astype("float64"),
            "order": [rank.get(q, len(rank)) for q in series["quad_class"]],
        }
    ).sort_values(["start", "order"], kind="stable")
    bars["hi"] = bars.groupby("start")["count"].cumsum()  # stacked in quad-class order, from 0
    bars["lo"] = bars["hi"] - bars["count"]
    bars = bars[bars["count"] > 0]
    by_bin = pd.DataFrame(
        {"start": start, "stop": stop, "period": labels, "count": series[unit], "spread": series[spread_col]}
    ).groupby(["start", "stop", "period"], as_index=False, sort=True)[["count", "spread"]].sum()
    by_bin = by_bin[by_bin["spread"] > 0]
    spread = by_bin.assign(base=by_bin["count"].astype("float64"), top=by_bin["count"] + by_bin["spread"])
    spec = with_data(_counts_template(unit, rng.size, brush), {"bars": bars, "spread": spread})
    return _domain(spec, rng)


@lru_cache(maxsize=8)
def _intensity_template(unit: str, size: str, brush: bool) -> str:
    rng = Range(size, 0, 0)
    lines = (
        alt.Chart(alt.Data(name="lines"))
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=_x(rng, "mid"),
            y=alt.Y("mean_intensity:Q", title="Mean intensity", scale=alt.Scale(domain=[-10, 10])),
            color=alt.Color("dyad:N", title="Dyad", legend=alt.Legend(orient="bottom")),
            detail="segment:N",
            tooltip=[
                alt.Tooltip("dyad:N", title="Dyad"),
                alt.Tooltip("period:N", title=BIN_LABELS[size]),
                alt.Tooltip("mean_intensity:Q", title="Mean intensity", format="+.2f"),
                alt.Tooltip("count:Q", title=unit.capitalize(), format=","),
            ],
        )
    )
    if brush:
        lines = lines.add_params(alt.selection_interval(name=PARAMS[DATES], encodings=["x"]))
    zero = alt.Chart(alt.Data(name="lines")).mark_rule(color="#888888", strokeDash=[4, 4]).encode(y=alt.datum(0))
    return vega_template(alt.layer(lines, zero).properties(height=HEIGHT))


def intensity_chart(series: pd.DataFrame, rng: Range | None = None, *, brush: bool = False) -> dict:
    """Lines of :func:`~components.timeline.intensity_series`, a line per dyad, each point in the
    middle of its bin; a bin without a mean intensity breaks the line (no line across a gap)."""
    unit = count_unit(series)
    rng = rng or Range("month", 0, -1)
    segments = line_segments(series, rng)
    start = series["period_start"]
    mid = start + (series["period_end"] + pd.Timedelta(days=1) - start) / 2
    lines = pd.DataFrame(
        {
            "mid": _ms(mid),
            "period": period_labels(start, rng.size),
            "dyad": series["dyad"],
            "mean_intensity": series["mean_intensity"],
            "count": (series[unit] + series[spread_column(unit)]).astype("float64"),
            "segment": [f"{d}#{s}" for d, s in zip(series["dyad"], segments, strict=True)],
        }
    ).dropna(subset=["mean_intensity"])
    spec = with_data(_intensity_template(unit, rng.size, brush), {"lines": lines})
    return _domain(spec, rng)


def _pick_dyads(key: str, options: list[str], unit: str) -> list[str]:
    """The dyad multiselect: follows the filter (the top dyads) until the user picks some."""
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
    return st.multiselect(
        "Dyads",
        options=options,
        key=widget_key,
        placeholder=ALL_DYADS,
        help=f"Directed pairs (source → target), most {unit} first. None chosen: one line over all dyads.",
    )


def render_timeline(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    unit: str = DEFAULT_UNIT,
    on_pick: OnPick | None = None,
    version: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both timeline charts with their downloads. Returns (counts series, intensity series).

    ``unit``: what the rows of ``df`` are (``mentions``, or ``events``); ``on_pick``: called with the
    date range brushed on either chart; ``version``: part of the charts' keys (a new one after each
    pick starts them with no brush)."""
    rng = time_range(df)
    series = timeline_series(df, unit=unit, rng=rng)
    if series.empty:
        st.info(f"No dated {unit} for this filter: nothing to plot over time.")
        return series, intensity_series(df.iloc[0:0], unit=unit)
    bin_word = BIN_LABELS[rng.size].lower()
    brush = on_pick is not None
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{unit.capitalize()} per {bin_word}, by quad class**")
        draw_vega(counts_chart(series, rng, brush=brush), key=f"{key}_counts_{version}", on_pick=on_pick, picks=[PARAMS[DATES]])
        notes = []
        undated = total_rows(df[~row_periods(df).dated])  # a cube row stands for several
        spread = float(series[spread_column(unit)].sum())
        if undated:
            notes.append(f"{count_text(undated, unit)} without a date not plotted.")
        if spread:
            notes.append(
                f"Grey: {count_text(round(spread), unit)} dated only to a month or a year, shared out over the "
                f"{bin_word}s of the period instead of drawn on its first day."
            )
        if brush:
            notes.append("Drag across either chart to filter on those dates.")
        st.caption(" ".join(notes))
        render_download(series, key=f"{key}_counts", view="timeline", filters=filters, label="Download series (CSV)")
    with right:
        st.markdown(f"**Mean intensity per {bin_word}**", help=INTENSITY_HELP)
        chosen = _pick_dyads(key, dyad_options(df), unit)
        intensities = intensity_series(df, chosen, unit=unit, rng=rng)
        if intensities["mean_intensity"].notna().any():
            draw_vega(
                intensity_chart(intensities, rng, brush=brush),
                key=f"{key}_intensity_{version}",
                on_pick=on_pick,
                picks=[PARAMS[DATES]],
            )
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
