"""The headline figures of the current filter: counts, mean intensity, date span. Pure functions,
no Streamlit (:mod:`components.headline_view` draws them)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .aggregate import actor_codes, count
from .prepare import mean_intensity, relation_dates


@dataclass(frozen=True)
class Headline:
    mentions: int
    articles: int
    dyads: int
    mean_intensity: float  # NaN when nothing is scored
    date_from: date | None
    date_to: date | None
    events: int | None = None  # when counting events: their number (``mentions`` still counts the mentions)


def headline(df: pd.DataFrame, *, mentions: pd.DataFrame | None = None) -> Headline:
    """Counts and mean intensity of (filtered) mentions. Dyads are directed (source -> target).

    When ``mentions`` is given, ``df`` holds one row per event (see
    :func:`components.events.event_rows`): dyads, mean intensity and dates are those of the
    events, mentions and articles are counted among the mentions.
    """
    if mentions is not None:
        base = headline(df)
        return Headline(
            mentions=len(mentions),
            articles=int(mentions["doc_id"].nunique()) if len(mentions) else 0,
            dyads=base.dyads,
            mean_intensity=base.mean_intensity,
            date_from=base.date_from,
            date_to=base.date_to,
            events=len(df),
        )
    if df.empty:
        return Headline(0, 0, 0, float("nan"), None, None)
    dates = relation_dates(df)
    first, last = dates.min(), dates.max()  # NaT-skipping
    codes = actor_codes(df)
    dyads = np.count_nonzero(count(codes.pair(), codes.n * codes.n))
    return Headline(
        mentions=len(df),
        articles=int(df["doc_id"].nunique()),
        dyads=int(dyads),
        mean_intensity=mean_intensity(df),
        date_from=None if pd.isna(first) else first.date(),
        date_to=None if pd.isna(last) else last.date(),
    )


def format_intensity(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:+.2f}"


def format_span(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "–"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"
