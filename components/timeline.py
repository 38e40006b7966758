"""The timeline's data: mentions per month by quad class, and the mean intensity per month of
chosen dyads. Pure functions, no Streamlit (:mod:`components.timeline_view` draws them)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from extraction.schema import QUAD_CLASSES

from .aggregate import actor_codes, column_codes, count
from .prepare import month_numbers, relation_dates, relation_scores

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
