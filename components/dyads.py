"""The dyad summary: one row per directed pair (source, target), the base of the dyad matrix,
the network edges and the map arcs. Pure functions, no Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from extraction.schema import QUAD_CLASSES

from .aggregate import actor_codes, column_codes, count, distinct_per_group
from .prepare import relation_scores

#: Column name of each quad-class count in the summaries.
QUAD_COLUMNS: dict[str, str] = {q: q.replace(" ", "_") for q in QUAD_CLASSES}


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
