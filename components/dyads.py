"""The dyad summary: one row per directed pair (source, target), the base of the dyad matrix,
the network edges and the map arcs. Pure functions, no Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from extraction.schema import QUAD_CLASSES

from .aggregate import actor_codes, column_codes, count, distinct_per_group, row_weights, scored_parts

#: Column name of each quad-class count in the summaries.
QUAD_COLUMNS: dict[str, str] = {q: q.replace(" ", "_") for q in QUAD_CLASSES}
#: What a view counts, and the name of its count column: rows of the relation table
#: (``"mentions"``), or events when the user counts events (``"events"``).
DEFAULT_UNIT = "mentions"
TOP_TYPES = 3


def dyad_columns(unit: str = DEFAULT_UNIT) -> tuple[str, ...]:
    """The columns of :func:`dyad_summary`; ``unit`` names the count column."""
    return ("source", "target", unit, "articles", "mean_intensity", *QUAD_COLUMNS.values(), "top_event_types")


DYAD_COLUMNS: tuple[str, ...] = dyad_columns()


def dyad_summary(
    df: pd.DataFrame,
    *,
    unit: str = DEFAULT_UNIT,
    top_types: int = TOP_TYPES,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per directed pair (source, target) present in ``df`` (rows, or a mention cube).

    Columns: :func:`dyad_columns`. The ``unit`` column (``mentions``, or ``events`` when
    ``df`` holds one row per event) counts the pair's rows; ``mean_intensity`` is the mean
    intensity of its scored rows (NaN if none: see :data:`components.scale.INTENSITY_HELP`);
    the quad columns count rows per quad class; ``top_event_types`` lists the most frequent
    types as ``"CONSULT 12, AGREE 5"``. Sorted by count (desc), then source, target.
    ``articles`` counts distinct ``doc_id`` per pair; a cube has none, so its caller passes
    them (a frame of source, target, articles: :class:`components.relation_sql.ArticleCounts`).
    """
    columns = dyad_columns(unit)
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in columns})
    codes = actor_codes(df)
    n, pair = codes.n, codes.pair()
    size = n * n
    weights = row_weights(df)
    rows = np.rint(count(pair, size, weights)).astype("int64")
    present = np.flatnonzero(rows)
    q_codes, q_labels = column_codes(df["quad_class"])
    e_codes, e_labels = column_codes(df["event_type"])
    n_q, n_e = len(q_labels), len(e_labels)
    quads = np.rint(count(pair * n_q + q_codes, size * n_q, weights)).reshape(size, n_q)[present]
    types = np.rint(count(pair * n_e + e_codes, size * n_e, weights)).reshape(size, n_e)[present]
    sums, scored = scored_parts(df)
    intensity_sum = count(pair, size, sums)[present]
    scored_n = count(pair, size, scored)[present]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(scored_n > 0, intensity_sum / np.where(scored_n > 0, scored_n, 1), np.nan)
    out = pd.DataFrame(
        {
            "source": [codes.actors[p // n] for p in present],
            "target": [codes.actors[p % n] for p in present],
            unit: rows[present].astype("int64"),
            "articles": _articles(df, pair, size, present, codes.actors, articles),
            "mean_intensity": mean.astype("float64"),
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
    out = out.sort_values([unit, "source", "target"], ascending=[False, True, True], kind="stable")
    return out[list(columns)].reset_index(drop=True)


def _articles(
    df: pd.DataFrame, pair: np.ndarray, size: int, present: np.ndarray, actors: list[str], given: pd.DataFrame | None
) -> np.ndarray:
    """Distinct articles of each present pair: counted from ``doc_id``, else looked up in ``given``."""
    if given is None and "doc_id" in df.columns:
        d_codes, _ = column_codes(df["doc_id"])
        return distinct_per_group(pair, d_codes, size)[present].astype("int64")
    n = len(actors)
    lookup = {} if given is None else {
        (str(s), str(t)): int(a) for s, t, a in zip(given["source"], given["target"], given["articles"], strict=True)
    }
    return np.array([lookup.get((actors[p // n], actors[p % n]), 0) for p in present], dtype="int64")


def count_unit(frame: pd.DataFrame) -> str:
    """The count column of a view's data (:func:`dyad_summary` and what derives from it)."""
    return "events" if "events" in frame.columns else DEFAULT_UNIT


def _dtype(column: str) -> str:
    if column in ("source", "target", "top_event_types"):
        return "object"
    return "float64" if column == "mean_intensity" else "int64"
