"""The timeline's data: counts per time bin by quad class, and the mean intensity per bin of chosen
dyads, over one shared range of bins. Pure functions, no Streamlit (:mod:`components.timeline_view`
draws them).

The bin (week, month, quarter or year) follows the span of the dates (:func:`components.bins.choose_bin`).
A row dated only to a month or a year that spans several bins is not drawn on its first day: it
is shared out evenly over the bins of its period, and counted apart (the ``*_spread`` columns),
so the charts can show it as what it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from extraction.schema import QUAD_CLASSES

from .aggregate import actor_codes, column_codes, row_weights, scored_parts
from .bins import BINS, Spread, bin_numbers, bin_starts, choose_bin, period_bounds, row_periods, spread_rows
from .dyads import DEFAULT_UNIT

#: The label of the one series over every dyad, when none is chosen.
ALL_DYADS = "All dyads"
ARROW = " → "
DEFAULT_DYADS = 3


def spread_column(unit: str) -> str:
    """The column of the coarse-dated share of a count column (``mentions_spread``)."""
    return f"{unit}_spread"


def series_columns(unit: str = DEFAULT_UNIT) -> tuple[str, ...]:
    """Columns of :func:`timeline_series`."""
    return ("period_start", "period_end", "bin", "quad_class", unit, spread_column(unit))


def intensity_columns(unit: str = DEFAULT_UNIT) -> tuple[str, ...]:
    """Columns of :func:`intensity_series`."""
    return ("period_start", "period_end", "bin", "dyad", unit, spread_column(unit), "mean_intensity")


@dataclass(frozen=True)
class Range:
    """The bins both timelines share: bin size and the first and last bin (numbers of
    :func:`components.bins.bin_numbers`); ``first > last`` when nothing is dated."""

    size: str
    first: int
    last: int

    @property
    def empty(self) -> bool:
        return self.first > self.last

    def start(self) -> date:
        """The first day of the first bin."""
        return bin_starts(np.array([self.first]), self.size)[0].astype(object)

    def end(self) -> date:
        """The day after the last bin (exclusive end)."""
        return bin_starts(np.array([self.last + 1]), self.size)[0].astype(object)


def time_range(df: pd.DataFrame, size: str | None = None) -> Range:
    """The bins from the first to the last dated row of ``df`` (a coarse date counts with its whole
    period); ``size`` None chooses the bin by the span (:func:`components.bins.choose_bin`)."""
    bounds = period_bounds(df)
    if bounds is None:
        return Range(size or "month", 0, -1)
    lo, hi = bounds
    if size is None:
        size = choose_bin(lo.astype(object), hi.astype(object))
    if size not in BINS:
        raise ValueError(f"unknown bin size {size!r}: use one of {', '.join(BINS)}")
    first, last = bin_numbers(np.array([lo, hi]), size)
    return Range(size, int(first), int(last))


def _weights(df: pd.DataFrame) -> np.ndarray:
    """How many rows (mentions or events) each row of ``df`` stands for: 1, or a cube row's ``_rows``."""
    weights = row_weights(df)
    return np.ones(len(df)) if weights is None else weights


def _check_grain(df: pd.DataFrame, rng: Range) -> None:
    """A cube grouped by month (:func:`components.relation_sql.cube_query`) has no days: it cannot
    be binned by week (the page asks for the cube by day then)."""
    if rng.size == "week" and df.attrs.get("grain") == "month":
        raise ValueError("a mention cube grouped by month cannot be binned by week: query it by day")


def _period_frame(bins: np.ndarray, rng: Range) -> dict[str, object]:
    starts = bin_starts(bins, rng.size)
    ends = bin_starts(bins + 1, rng.size) - np.timedelta64(1, "D")
    return {
        "period_start": starts.astype("datetime64[ns]"),
        "period_end": ends.astype("datetime64[ns]"),
        "bin": rng.size,
    }


def _empty(columns: Sequence[str], unit: str) -> pd.DataFrame:
    dtypes = {"period_start": "datetime64[ns]", "period_end": "datetime64[ns]", unit: "int64"}
    dtypes |= {spread_column(unit): "float64", "mean_intensity": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "object")) for c in columns})


def _pieces_in(df: pd.DataFrame, rng: Range) -> Spread:
    """The rows of ``df`` laid over ``rng``'s bins (:func:`~components.bins.spread_rows`), only the
    pieces that fall within them."""
    _check_grain(df, rng)
    pieces = spread_rows(row_periods(df), rng.size)
    keep = (pieces.bin >= rng.first) & (pieces.bin <= rng.last)
    return Spread(pieces.row[keep], pieces.bin[keep], pieces.share[keep], pieces.coarse[keep])


def timeline_series(df: pd.DataFrame, *, unit: str = DEFAULT_UNIT, rng: Range | None = None) -> pd.DataFrame:
    """Rows per bin and quad class: :func:`series_columns`. ``unit`` (``mentions``, or ``events``)
    counts the rows dated within the bin; ``<unit>_spread`` adds up the shares of the rows dated
    only to a coarser period that spans several bins (1/12 of a year-dated row in each month).
    Undated rows are left out; (bin, quad class) pairs with nothing are absent. ``rng``: the bins
    (default: :func:`time_range` of ``df``)."""
    columns = series_columns(unit)
    rng = time_range(df) if rng is None else rng
    if df.empty or rng.empty:
        return _empty(columns, unit)
    pieces = _pieces_in(df, rng)
    weight = _weights(df)[pieces.row]
    q_codes, q_labels = column_codes(df["quad_class"])
    rank = {q: i for i, q in enumerate(QUAD_CLASSES)}
    order = sorted(range(len(q_labels)), key=lambda k: (rank.get(q_labels[k], len(rank)), q_labels[k]))
    n_q, span = len(q_labels), rng.last - rng.first + 1
    key = (pieces.bin - rng.first) * n_q + q_codes[pieces.row]
    exact = ~pieces.coarse
    counts = np.bincount(key[exact], weights=weight[exact], minlength=span * n_q)[: span * n_q]
    counts = np.rint(counts).astype("int64").reshape(span, n_q)[:, order]
    shares = np.bincount(key[~exact], weights=(pieces.share * weight)[~exact], minlength=span * n_q)
    shares = shares[: span * n_q].reshape(span, n_q)[:, order]
    bin_idx, quad_idx = np.nonzero((counts > 0) | (shares > 0))
    return pd.DataFrame(
        {
            **_period_frame(bin_idx + rng.first, rng),
            "quad_class": [q_labels[order[k]] for k in quad_idx],
            unit: counts[bin_idx, quad_idx].astype("int64"),
            spread_column(unit): np.round(shares[bin_idx, quad_idx], 6).astype("float64"),
        }
    )[list(columns)]


def dyad_label(source: str, target: str) -> str:
    return f"{source}{ARROW}{target}"


def dyad_options(df: pd.DataFrame) -> list[str]:
    """Directed dyads of ``df`` as ``"USA → CHN"``, most rows first."""
    if df.empty:
        return []
    codes = actor_codes(df)
    weights = row_weights(df)
    counts = np.rint(np.bincount(codes.pair(), weights=weights, minlength=codes.n * codes.n)).astype("int64")
    present = [(int(-counts[p]), codes.actors[p // codes.n], codes.actors[p % codes.n]) for p in np.flatnonzero(counts)]
    return [dyad_label(s, t) for _, s, t in sorted(present)]


def parse_dyad(label: str) -> tuple[str, str] | None:
    parts = label.split(ARROW)
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def intensity_series(
    df: pd.DataFrame, dyads: Sequence[str] = (), *, unit: str = DEFAULT_UNIT, rng: Range | None = None
) -> pd.DataFrame:
    """Mean intensity per bin: :func:`intensity_columns`. One series per dyad label of ``dyads``
    (``"USA → CHN"``); with no dyads, one series over every dyad, labelled :data:`ALL_DYADS`.
    ``unit`` counts the rows dated within the bin, ``<unit>_spread`` the shares of coarse-dated
    ones; ``mean_intensity`` weighs each scored row by its share (NaN when none is scored).
    Bins without rows are absent: a line is not drawn across them. ``rng`` as in
    :func:`timeline_series`."""
    columns = intensity_columns(unit)
    rng = time_range(df) if rng is None else rng
    if df.empty or rng.empty:
        return _empty(columns, unit)
    pieces = _pieces_in(df, rng)
    rows, slots, share, coarse = pieces.row, pieces.bin - rng.first, pieces.share, pieces.coarse
    span = rng.last - rng.first + 1
    sums, scored = (part[rows] for part in scored_parts(df))  # a row: its intensity and 1 (0, 0 unscored)
    n_rows = _weights(df)[rows]
    weight = scored * share
    value = sums * share
    codes = actor_codes(df)
    pairs = [p for p in (parse_dyad(d) for d in dyads) if p is not None]
    if pairs:
        selections = []
        for s, t in pairs:
            i, j = codes.index(s), codes.index(t)
            if i >= 0 and j >= 0:
                selections.append((dyad_label(s, t), codes.pair()[rows] == i * codes.n + j))
    else:
        selections = [(ALL_DYADS, np.ones(len(rows), dtype=bool))]
    frames = []
    for label, mask in selections:
        exact, spread = mask & ~coarse, mask & coarse
        n_exact = np.rint(np.bincount(slots[exact], weights=n_rows[exact], minlength=span)[:span])
        n_spread = np.bincount(slots[spread], weights=(share * n_rows)[spread], minlength=span)[:span]
        total = np.bincount(slots[mask], weights=value[mask], minlength=span)[:span]
        weights = np.bincount(slots[mask], weights=weight[mask], minlength=span)[:span]
        present = np.flatnonzero((n_exact > 0) | (n_spread > 0))
        if len(present) == 0:
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(weights[present] > 0, total[present] / np.maximum(weights[present], 1e-12), np.nan)
        frames.append(
            pd.DataFrame(
                {
                    **_period_frame(present + rng.first, rng),
                    "dyad": label,
                    unit: n_exact[present].astype("int64"),
                    spread_column(unit): np.round(n_spread[present], 6).astype("float64"),
                    "mean_intensity": mean.astype("float64"),
                }
            )
        )
    if not frames:
        return _empty(columns, unit)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["dyad", "period_start"], kind="stable").reset_index(drop=True)[list(columns)]


def line_segments(series: pd.DataFrame, rng: Range) -> np.ndarray:
    """A segment number per row of an :func:`intensity_series` (sorted by dyad, then period): a
    new segment starts after a gap (a bin without a mean intensity), so lines are not drawn
    across empty bins."""
    if series.empty:
        return np.zeros(0, dtype=np.int64)
    bins = bin_numbers(series["period_start"].to_numpy(dtype="datetime64[D]"), rng.size)
    dyads = series["dyad"].to_numpy()
    scored = series["mean_intensity"].notna().to_numpy()
    new = np.ones(len(series), dtype=bool)
    new[1:] = (dyads[1:] != dyads[:-1]) | (bins[1:] != bins[:-1] + 1) | ~scored[:-1]
    return np.cumsum(new) - 1
