"""Time playback: the map, network and matrix redrawn for one month (or week) after another, as
Kepler.gl's time playback does. The windows, their labels, the rows of a window and when the next
step is due. Pure functions, no Streamlit (:mod:`components.playback_view` draws the controls).

Only windows that hold something are played: a month with no mention is skipped, so a corpus
with a few old mentions does not play through decades of empty months. A row dated only to a
month or a year is in every window its period overlaps (:func:`components.bins.overlaps`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd

from .bins import bin_numbers, bin_starts, overlaps, row_periods, spread_rows

#: Window sizes the player steps by.
STEPS: tuple[str, ...] = ("month", "week")
STEP_LABELS: dict[str, str] = {"month": "Months", "week": "Weeks"}
#: Seconds per step, by speed.
SPEEDS: dict[str, float] = {"Slow": 3.0, "Normal": 1.5, "Fast": 0.75}
DEFAULT_SPEED = "Normal"


@dataclass(frozen=True)
class Window:
    """One step of the playback: the days ``start`` (inclusive) to ``end`` (exclusive)."""

    start: date
    end: date
    step: str

    def label(self) -> str:
        """``Mar 2018``, or ``week of 2018-03-05``."""
        if self.step == "month":
            return f"{self.start:%b %Y}"
        return f"week of {self.start.isoformat()}"


def windows(df: pd.DataFrame, step: str) -> list[Window]:
    """The windows of ``step`` (a month or a week) that hold at least one dated row of ``df``, in order."""
    if step not in STEPS:
        raise ValueError(f"unknown playback step {step!r}: use one of {', '.join(STEPS)}")
    if df.empty:
        return []
    pieces = spread_rows(row_periods(df), step)
    bins = np.unique(pieces.bin)
    starts = bin_starts(bins, step).astype(object)
    ends = bin_starts(bins + 1, step).astype(object)
    return [Window(s, e, step) for s, e in zip(starts, ends, strict=True)]


def windows_of_bins(first: np.ndarray, last: np.ndarray, step: str) -> list[Window]:
    """The windows of ``step`` covered by bin spans ``first[i]``..``last[i]`` (bin numbers of
    :func:`components.bins.bin_numbers`, e.g. from a query of the rows' periods), in order."""
    first = np.asarray(first, dtype=np.int64)
    last = np.asarray(last, dtype=np.int64)
    if len(first) == 0:
        return []
    spans = np.maximum(last - first + 1, 1)
    offsets = np.arange(int(spans.sum())) - np.repeat(np.cumsum(spans) - spans, spans)
    bins = np.unique(np.repeat(first, spans) + offsets)
    starts = bin_starts(bins, step).astype(object)
    ends = bin_starts(bins + 1, step).astype(object)
    return [Window(s, e, step) for s, e in zip(starts, ends, strict=True)]


def window_rows(df: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The rows of ``df`` whose date (or coarse period) overlaps ``window``, in their order."""
    return df[overlaps(row_periods(df), window.start, window.end)].reset_index(drop=True)


class Playback(Protocol):
    """Where the playback's windows and their rows come from."""

    def windows(self, step: str) -> list[Window]: ...

    def rows(self, window: Window) -> pd.DataFrame: ...


@dataclass(frozen=True)
class RowsPlayback:
    """The playback over rows (or a mention cube) in memory."""

    df: pd.DataFrame

    def windows(self, step: str) -> list[Window]:
        return windows(self.df, step)

    def rows(self, window: Window) -> pd.DataFrame:
        return window_rows(self.df, window)


def position_of(found: list[Window], day: date | None) -> int:
    """The index of the window holding ``day`` (or the first after it); 0 without one."""
    if not found or day is None:
        return 0
    day64 = np.datetime64(day, "D")
    numbers = bin_numbers(np.array([w.start for w in found], dtype="datetime64[D]"), found[0].step)
    target = bin_numbers(np.array([day64]), found[0].step)[0]
    return int(min(np.searchsorted(numbers, target), len(found) - 1))


def next_position(position: int, count: int) -> tuple[int, bool]:
    """(the next position, whether the playback goes on): it stops on the last window."""
    if count <= 0:
        return 0, False
    following = min(position + 1, count - 1)
    return following, following < count - 1


def due(now: float, last: float | None, interval: float) -> bool:
    """Whether the next step is due: ``interval`` seconds after the ``last`` one (a timer run may come
    a little early; 80% of the interval counts)."""
    return last is None or now - last >= 0.8 * interval
