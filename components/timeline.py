"""The timeline's data: mentions per month by quad class, and the mean intensity per month of
chosen dyads. Pure functions, no Streamlit (:mod:`components.timeline_view` draws them)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from extraction.schema import QUAD_CLASSES

from .aggregate import actor_codes, column_codes, count, row_weights, scored_parts
from .dyads import DEFAULT_UNIT
from .prepare import month_numbers, relation_dates

#: The label of the one series over every dyad, when none is chosen.
ALL_DYADS = "All dyads"
ARROW = " → "
DEFAULT_DYADS = 3


def _month_numbers(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(months since 1970-01 of the dated rows, mask of the dated rows)."""
    months = df["_month"].to_numpy() if "_month" in df.columns else month_numbers(relation_dates(df))
    dated = months >= 0
    return months[dated].astype(np.int64), dated


def _month_dates(numbers: np.ndarray) -> np.ndarray:
    return numbers.astype("datetime64[M]").astype("datetime64[ns]")


def timeline_series(df: pd.DataFrame, *, unit: str = DEFAULT_UNIT) -> pd.DataFrame:
    """Rows per month and quad class: columns ``month`` (first day), ``quad_class``, ``unit``
    (the count: ``mentions``, or ``events``). Undated rows are left out; months without rows
    are absent."""
    months, dated = _month_numbers(df) if len(df) else (np.zeros(0, dtype=np.int64), np.zeros(0, bool))
    if len(months) == 0:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="datetime64[ns]"),
                "quad_class": pd.Series(dtype="object"),
                unit: pd.Series(dtype="int64"),
            }
        )
    q_codes, q_labels = column_codes(df["quad_class"])
    rank = {q: i for i, q in enumerate(QUAD_CLASSES)}
    order = sorted(range(len(q_labels)), key=lambda k: (rank.get(q_labels[k], len(rank)), q_labels[k]))
    first, n_q = int(months.min()), len(q_labels)
    span = int(months.max()) - first + 1
    weights = row_weights(df)
    weights = None if weights is None else weights[dated]
    grid = np.rint(count((months - first) * n_q + q_codes[dated], span * n_q, weights)).astype("int64")
    grid = grid.reshape(span, n_q)[:, order]
    month_idx, quad_idx = np.nonzero(grid)
    return pd.DataFrame(
        {
            "month": _month_dates(month_idx + first),
            "quad_class": [q_labels[order[k]] for k in quad_idx],
            unit: grid[month_idx, quad_idx].astype("int64"),
        }
    )


def dyad_label(source: str, target: str) -> str:
    return f"{source}{ARROW}{target}"


def dyad_options(df: pd.DataFrame) -> list[str]:
    """Directed dyads of ``df`` as ``"USA → CHN"``, most rows first."""
    if df.empty:
        return []
    codes = actor_codes(df)
    counts = np.rint(count(codes.pair(), codes.n * codes.n, row_weights(df))).astype("int64")
    present = [(int(-counts[p]), codes.actors[p // codes.n], codes.actors[p % codes.n]) for p in np.flatnonzero(counts)]
    return [dyad_label(s, t) for _, s, t in sorted(present)]


def parse_dyad(label: str) -> tuple[str, str] | None:
    parts = label.split(ARROW)
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def intensity_series(df: pd.DataFrame, dyads: Sequence[str] = (), *, unit: str = DEFAULT_UNIT) -> pd.DataFrame:
    """Mean intensity per month: columns ``month``, ``dyad``, ``unit`` (``mentions``, or
    ``events``), ``mean_intensity``. One series per dyad label of ``dyads`` (``"USA → CHN"``);
    with no dyads, one series over every dyad, labelled :data:`ALL_DYADS`. The ``unit``
    column counts every row of the month; ``mean_intensity`` is NaN when none is scored."""
    columns = ["month", "dyad", unit, "mean_intensity"]
    empty = pd.DataFrame(
        {
            "month": pd.Series(dtype="datetime64[ns]"),
            "dyad": pd.Series(dtype="object"),
            unit: pd.Series(dtype="int64"),
            "mean_intensity": pd.Series(dtype="float64"),
        }
    )
    if df.empty:
        return empty
    months, dated = _month_numbers(df)
    if len(months) == 0:
        return empty
    codes = actor_codes(df)
    sums, scored = (part[dated] for part in scored_parts(df))
    weights = row_weights(df)
    weights = None if weights is None else weights[dated]
    first = int(months.min())
    span = int(months.max()) - first + 1
    slots = months - first
    pairs = [p for p in (parse_dyad(d) for d in dyads) if p is not None]
    if pairs:
        # one pass: rows, intensity sum and scored count per (dyad, month) for every dyad
        n = codes.n
        key = codes.pair()[dated] * span + slots
        size = n * n * span
        grid_n = np.rint(count(key, size, weights)).reshape(n * n, span)
        grid_sum = count(key, size, sums).reshape(n * n, span)
        grid_scored = count(key, size, scored).reshape(n * n, span)
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
                np.rint(count(slots, span, weights)),
                count(slots, span, sums),
                count(slots, span, scored),
            )
        ]
    frames = []
    for label, n_rows, total, n_scored in selections:
        present = np.flatnonzero(n_rows)
        if len(present) == 0:
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(n_scored[present] > 0, total[present] / np.maximum(n_scored[present], 1), np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "month": _month_dates(present + first),
                    "dyad": label,
                    unit: n_rows[present].astype("int64"),
                    "mean_intensity": mean.astype("float64"),
                }
            )
        )
    if not frames:
        return empty
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["dyad", "month"], kind="stable").reset_index(drop=True)[columns]
