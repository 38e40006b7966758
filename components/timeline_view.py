"""Timeline: relations per month by quad class, and the net cooperation score per month
for chosen dyads."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from extraction.schema import QUAD_CLASSES

from .aggregate import actor_codes, column_codes, count
from .charts import draw_altair
from .downloads import render_download
from .filters import Filters
from .prepare import month_numbers, relation_dates, relation_scores
from .scale import SCORE_HELP

QUAD_COLOURS: dict[str, str] = {
    "verbal cooperation": "#92c5de",
    "material cooperation": "#2166ac",
    "verbal conflict": "#f4a582",
    "material conflict": "#b2182b",
}
ALL_DYADS = "All relations"
ARROW = " → "
DEFAULT_DYADS = 3


def _month_numbers(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(months since 1970-01 of the dated rows, mask of the dated rows)."""
    months = df["_month"].to_numpy() if "_month" in df.columns else month_numbers(relation_dates(df))
    dated = months >= 0
    return months[dated].astype(np.int64), dated


def _month_dates(numbers: np.ndarray) -> np.ndarray:
    return numbers.astype("datetime64[M]").astype("datetime64[ns]")


def timeline_series(df: pd.DataFrame) -> pd.DataFrame:
    """Relations per month and quad class: columns ``month`` (first day), ``quad_class``,
    ``relations``. Undated relations are left out; months without relations are absent."""
    months, dated = _month_numbers(df) if len(df) else (np.zeros(0, dtype=np.int64), np.zeros(0, bool))
    if len(months) == 0:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="datetime64[ns]"),
                "quad_class": pd.Series(dtype="object"),
                "relations": pd.Series(dtype="int64"),
            }
        )
    q_codes, q_labels = column_codes(df["quad_class"])
    rank = {q: i for i, q in enumerate(QUAD_CLASSES)}
    order = sorted(range(len(q_labels)), key=lambda k: (rank.get(q_labels[k], len(rank)), q_labels[k]))
    first, n_q = int(months.min()), len(q_labels)
    span = int(months.max()) - first + 1
    grid = count((months - first) * n_q + q_codes[dated], span * n_q).reshape(span, n_q)[:, order]
    month_idx, quad_idx = np.nonzero(grid)
    return pd.DataFrame(
        {
            "month": _month_dates(month_idx + first),
            "quad_class": [q_labels[order[k]] for k in quad_idx],
            "relations": grid[month_idx, quad_idx].astype("int64"),
        }
    )


def dyad_label(source: str, target: str) -> str:
    return f"{source}{ARROW}{target}"


def dyad_options(df: pd.DataFrame) -> list[str]:
    """Directed dyads of ``df`` as ``"USA → CHN"``, most relations first."""
    if df.empty:
        return []
    codes = actor_codes(df)
    counts = count(codes.pair(), codes.n * codes.n)
    present = [(int(-counts[p]), codes.actors[p // codes.n], codes.actors[p % codes.n]) for p in np.flatnonzero(counts)]
    return [dyad_label(s, t) for _, s, t in sorted(present)]


def parse_dyad(label: str) -> tuple[str, str] | None:
    parts = label.split(ARROW)
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def score_series(df: pd.DataFrame, dyads: Sequence[str] = ()) -> pd.DataFrame:
    """Net cooperation score per month: columns ``month``, ``dyad``, ``relations``,
    ``net_score``. One series per dyad label of ``dyads`` (``"USA → CHN"``); with no
    dyads, one series for all relations, labelled :data:`ALL_DYADS`. ``relations``
    counts every relation of the month; ``net_score`` is NaN when none is scored."""
    columns = ["month", "dyad", "relations", "net_score"]
    empty = pd.DataFrame(
        {
            "month": pd.Series(dtype="datetime64[ns]"),
            "dyad": pd.Series(dtype="object"),
            "relations": pd.Series(dtype="int64"),
            "net_score": pd.Series(dtype="float64"),
        }
    )
    if df.empty:
        return empty
    months, dated = _month_numbers(df)
    if len(months) == 0:
        return empty
    codes = actor_codes(df)
    score = relation_scores(df).to_numpy(dtype=float)[dated]
    scored = ~np.isnan(score)
    first = int(months.min())
    span = int(months.max()) - first + 1
    slots = months - first
    pairs = [p for p in (parse_dyad(d) for d in dyads) if p is not None]
    if pairs:
        # one pass: relations, score sum and scored count per (dyad, month) for every dyad
        n = codes.n
        key = codes.pair()[dated] * span + slots
        size = n * n * span
        grid_n = count(key, size).reshape(n * n, span)
        grid_sum = count(key, size, np.where(scored, score, 0.0)).reshape(n * n, span)
        grid_scored = count(key, size, scored.astype(float)).reshape(n * n, span)
        selections = []
        for s, t in pairs:
            i, j = codes.index(s), codes.index(t)
            if i >= 0 and j >= 0:
                p = i * n + j
                selections.append((dyad_label(s, t), grid_n[p], grid_sum[p], grid_scored[p]))
    else:
        selections = [
            (
                ALL_DYADS,
                count(slots, span),
                count(slots, span, np.where(scored, score, 0.0)),
                count(slots, span, scored.astype(float)),
            )
        ]
    frames = []
    for label, n_rel, total, n_scored in selections:
        present = np.flatnonzero(n_rel)
        if len(present) == 0:
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            net = np.where(n_scored[present] > 0, total[present] / np.maximum(n_scored[present], 1), np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "month": _month_dates(present + first),
                    "dyad": label,
                    "relations": n_rel[present].astype("int64"),
                    "net_score": net.astype("float64"),
                }
            )
        )
    if not frames:
        return empty
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["dyad", "month"], kind="stable").reset_index(drop=True)[columns]


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
