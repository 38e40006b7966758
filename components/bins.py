"""Time bins for the timelines and the playback: week, month, quarter or year, chosen by the span,
and the period each row's date stands for.

A row's date is as precise as its ``date_precision`` says: ``day`` (and ``doc``, the article's
day) is one day, ``month`` the whole month, ``year`` the whole year (the date itself is the
period's first day, e.g. ``2017-01-01`` for "in 2017"). A coarse date is not a day: the
timelines spread a row dated to a year over the bins of that year instead of drawing it on
1 January (:func:`spread_rows`), and the playback shows it in every window it overlaps
(:func:`overlaps`); the table shows it as ``2017`` (:func:`components.review_data.shown_date`).
Pure functions, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .prepare import relation_dates

#: Bin sizes, finest first.
BINS: tuple[str, ...] = ("week", "month", "quarter", "year")
#: The finest bin with at most this many bins over the span is chosen.
MAX_BINS = 72
#: Label of each bin size, as the charts' axes say it.
BIN_LABELS: dict[str, str] = {"week": "Week", "month": "Month", "quarter": "Quarter", "year": "Year"}
#: A mention cube's period columns: first day, and the day after the last.
CUBE_PERIOD: tuple[str, str] = ("_pstart", "_pend")
#: Weeks start on Monday (ISO 8601); 1970-01-05 was a Monday.
_MONDAY = np.datetime64("1970-01-05", "D")


def bin_numbers(days: np.ndarray, size: str) -> np.ndarray:
    """The bin of each day (datetime64[D]): weeks since 1970-01-05, months, quarters or years since 1970."""
    if size == "week":
        return (days - _MONDAY).astype(np.int64) // 7
    months = days.astype("datetime64[M]").astype(np.int64)
    if size == "month":
        return months
    if size == "quarter":
        return months // 3
    if size == "year":
        return days.astype("datetime64[Y]").astype(np.int64)
    raise ValueError(f"unknown bin size {size!r}: use one of {', '.join(BINS)}")


def bin_starts(numbers: np.ndarray, size: str) -> np.ndarray:
    """The first day (datetime64[D]) of each bin number of :func:`bin_numbers`."""
    numbers = np.asarray(numbers, dtype=np.int64)
    if size == "week":
        return _MONDAY + (numbers * 7).astype("timedelta64[D]")
    if size == "month":
        return numbers.astype("datetime64[M]").astype("datetime64[D]")
    if size == "quarter":
        return (numbers * 3).astype("datetime64[M]").astype("datetime64[D]")
    if size == "year":
        return numbers.astype("datetime64[Y]").astype("datetime64[D]")
    raise ValueError(f"unknown bin size {size!r}: use one of {', '.join(BINS)}")


def count_bins(first: date, last: date, size: str) -> int:
    """How many bins of ``size`` the days ``first`` .. ``last`` (inclusive) touch."""
    days = np.array([first, last], dtype="datetime64[D]")
    lo, hi = bin_numbers(days, size)
    return int(hi - lo + 1)


def choose_bin(first: date | None, last: date | None, *, max_bins: int = MAX_BINS) -> str:
    """The finest bin size (week, month, quarter, year) with at most ``max_bins`` bins from
    ``first`` to ``last``; weeks only for spans of up to 26 weeks. ``"month"`` without dates."""
    if first is None or last is None:
        return "month"
    first, last = min(first, last), max(first, last)
    if (last - first).days < 26 * 7:
        return "week"
    for size in BINS[1:]:
        if count_bins(first, last, size) <= max_bins:
            return size
    return "year"


def _equals(values: pd.Series, text: str) -> np.ndarray:
    """``values == text`` as a boolean array (on a categorical, through its few categories)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        matches = np.asarray(values.cat.categories.astype(str) == text, dtype=bool)
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, np.append(matches, False)[codes], False)
    return (values.astype(str) == text).to_numpy(dtype=bool)


def _nonempty(values: pd.Series) -> np.ndarray:
    """Cells holding some text (not missing, not empty)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        filled = np.asarray(values.cat.categories.astype(str).str.len() > 0, dtype=bool)
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, np.append(filled, False)[codes], False)
    return (values.notna() & (values.astype(str).str.len() > 0)).to_numpy(dtype=bool)


@dataclass(frozen=True)
class Periods:
    """Each row's date as a period: first day (datetime64[D]), the day after its last, and a mask
    of the dated rows (undated rows have neither)."""

    start: np.ndarray
    end: np.ndarray
    dated: np.ndarray


def row_periods(df: pd.DataFrame) -> Periods:
    """The period of each row's date: a day, or the whole month or year its ``date_precision`` says.

    A row without an event date has its article's date (a day). A mention cube
    (:func:`components.relation_sql.cube_query`) carries its rows' period (``_pstart``,
    ``_pend``): at its grain, a day-dated row's period is its month in a cube grouped by month."""
    if CUBE_PERIOD[0] in df.columns:
        start = df[CUBE_PERIOD[0]].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        end = df[CUBE_PERIOD[1]].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        return Periods(start, end, ~np.isnat(start) & ~np.isnat(end))
    dates = relation_dates(df).to_numpy(dtype="datetime64[ns]")
    dated = ~np.isnat(dates)
    start = dates.astype("datetime64[D]")
    end = start + np.timedelta64(1, "D")
    if "date_precision" in df.columns and len(df):
        has_event_date = _nonempty(df["event_date"]) if "event_date" in df.columns else dated
        months = start.astype("datetime64[M]")
        years = start.astype("datetime64[Y]")
        month = _equals(df["date_precision"], "month") & has_event_date & dated
        year = _equals(df["date_precision"], "year") & has_event_date & dated
        start = np.where(month, months.astype("datetime64[D]"), start)
        end = np.where(month, (months + 1).astype("datetime64[D]"), end)
        start = np.where(year, years.astype("datetime64[D]"), start)
        end = np.where(year, (years + 1).astype("datetime64[D]"), end)
    return Periods(start, end, dated)


def period_bounds(df: pd.DataFrame) -> tuple[np.datetime64, np.datetime64] | None:
    """The first and last day (datetime64[D]) the dated rows' periods cover, None when nothing is
    dated. A cube grouped by month knows its day-dated rows' first and last day (``_dmin``,
    ``_dmax``), so its bounds are those of its rows, not of their months."""
    periods = row_periods(df)
    if not periods.dated.any():
        return None
    start, last = periods.start, periods.end - np.timedelta64(1, "D")
    if "_prec" in df.columns and "_dmin" in df.columns:
        day = df["_prec"].to_numpy() == 0  # a day-dated cube row: its days, not its period at the cube's grain
        start = np.where(day, df["_dmin"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]"), start)
        last = np.where(day, df["_dmax"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]"), last)
    return start[periods.dated].min(), last[periods.dated].max()


@dataclass(frozen=True)
class Spread:
    """Rows laid over bins: for each (row, bin) piece, the row's index, its bin number and its share
    (1 for a row within one bin; 1/k for each of the k bins a coarse date spans), and whether the
    piece is a share of a coarse date."""

    row: np.ndarray
    bin: np.ndarray
    share: np.ndarray
    coarse: np.ndarray


def spread_rows(periods: Periods, size: str) -> Spread:
    """Lay the dated rows over bins of ``size``: a row whose period fits in one bin counts 1 there;
    a row whose period spans k bins (a year in months) counts 1/k in each of them."""
    rows = np.flatnonzero(periods.dated)
    first = bin_numbers(periods.start[rows], size)
    last = bin_numbers(periods.end[rows] - np.timedelta64(1, "D"), size)
    spans = (last - first + 1).astype(np.int64)
    repeat = np.repeat(np.arange(len(rows)), spans)
    offsets = np.arange(len(repeat)) - np.repeat(np.cumsum(spans) - spans, spans)
    return Spread(
        row=rows[repeat],
        bin=first[repeat] + offsets,
        share=(1.0 / spans)[repeat],
        coarse=(spans > 1)[repeat],
    )


def overlaps(periods: Periods, start: date, end: date) -> np.ndarray:
    """Rows whose period overlaps the days ``start`` (inclusive) to ``end`` (exclusive)."""
    lo, hi = np.datetime64(start, "D"), np.datetime64(end, "D")
    return periods.dated & (periods.start < hi) & (periods.end > lo)

