"""Dyad matrix: a source x target heatmap of relation counts or net cooperation score.

:func:`dyad_summary` is also the base of the network edges and the map arcs.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from extraction.schema import QUAD_CLASSES

from .aggregate import actor_codes, column_codes, count, distinct_per_group
from .charts import draw_altair
from .downloads import render_download
from .filters import Filters
from .prepare import relation_scores
from .scale import DOMAIN, RANGE, SCORE_HELP

#: Column name of each quad-class count in the summaries.
QUAD_COLUMNS: dict[str, str] = {q: q.replace(" ", "_") for q in QUAD_CLASSES}


def dyad_tooltip() -> list[alt.Tooltip]:
    """Tooltip fields of one dyad (a row of :func:`dyad_summary`), shared by the matrix and the network."""
    return [
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("target:N", title="Target"),
        alt.Tooltip("relations:Q", title="Relations", format=","),
        alt.Tooltip("articles:Q", title="Articles", format=","),
        alt.Tooltip("net_score:Q", title="Net score", format="+.2f"),
        *(alt.Tooltip(f"{c}:Q", title=q.capitalize()) for q, c in QUAD_COLUMNS.items()),
        alt.Tooltip("top_event_types:N", title="Top event types"),
    ]
TOP_TYPES = 3

DYAD_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "relations",
    "articles",
    "net_score",
    *QUAD_COLUMNS.values(),
    "top_event_types",
)


def dyad_summary(df: pd.DataFrame, *, top_types: int = TOP_TYPES) -> pd.DataFrame:
    """One row per directed pair (source, target) present in ``df``.

    Columns: :data:`DYAD_COLUMNS`. ``net_score`` is the mean intensity of the pair's
    scored relations (NaN if none: see :data:`components.scale.SCORE_HELP`); the quad
    columns count relations per quad class; ``top_event_types`` lists the most frequent
    types as ``"CONSULT 12, AGREE 5"``. Sorted by relations (desc), then source, target.
    """
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in DYAD_COLUMNS})
    codes = actor_codes(df)
    n, pair = codes.n, codes.pair()
    size = n * n
    relations = count(pair, size)
    present = np.flatnonzero(relations)
    q_codes, q_labels = column_codes(df["quad_class"])
    e_codes, e_labels = column_codes(df["event_type"])
    d_codes, _ = column_codes(df["doc_id"])
    n_q, n_e = len(q_labels), len(e_labels)
    quads = count(pair * n_q + q_codes, size * n_q).reshape(size, n_q)[present]
    types = count(pair * n_e + e_codes, size * n_e).reshape(size, n_e)[present]
    score = relation_scores(df).to_numpy(dtype=float)
    scored = ~np.isnan(score)
    score_sum = count(pair, size, np.where(scored, score, 0.0))[present]
    score_n = count(pair, size, scored.astype(float))[present]
    with np.errstate(invalid="ignore", divide="ignore"):
        net = np.where(score_n > 0, score_sum / np.where(score_n > 0, score_n, 1), np.nan)
    out = pd.DataFrame(
        {
            "source": [codes.actors[p // n] for p in present],
            "target": [codes.actors[p % n] for p in present],
            "relations": relations[present].astype("int64"),
            "articles": distinct_per_group(pair, d_codes, size)[present].astype("int64"),
            "net_score": net.astype("float64"),
        }
    )
    for quad, column in QUAD_COLUMNS.items():
        out[column] = quads[:, q_labels.index(quad)].astype("int64") if quad in q_labels else 0
    rank = np.argsort(np.argsort(np.array(e_labels, dtype=object)))  # alphabetical tie-break
    labels = []
    for row in types:
        order = np.lexsort((rank, -row))[:top_types]
        labels.append(", ".join(f"{e_labels[j]} {int(row[j])}" for j in order if row[j] > 0))
    out["top_event_types"] = labels
    out = out.sort_values(["relations", "source", "target"], ascending=[False, True, True], kind="stable")
    return out[list(DYAD_COLUMNS)].reset_index(drop=True)


def _dtype(column: str) -> str:
    if column in ("source", "target", "top_event_types"):
        return "object"
    return "float64" if column == "net_score" else "int64"


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
