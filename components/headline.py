"""The headline figures of the current filter: counts, mean intensity, date span. Pure functions,
no Streamlit (:mod:`components.headline_view` draws them)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .aggregate import actor_codes, count, is_cube, row_weights, scored_parts, total_rows
from .prepare import relation_dates


@dataclass(frozen=True)
class Headline:
    mentions: int
    articles: int
    dyads: int
    mean_intensity: float  # NaN when nothing is scored
    date_from: date | None
    date_to: date | None
    events: int | None = None  # when counting events: their number (``mentions`` still counts the mentions)


def headline(
    df: pd.DataFrame, *, mentions: pd.DataFrame | int | None = None, articles: int | None = None
) -> Headline:
    """Counts and mean intensity of (filtered) mentions. Dyads are directed (source -> target).

    ``df`` holds rows, or is a mention cube (:mod:`components.relation_sql`), which has no
    doc_id: ``articles`` then gives the number of distinct articles.
    When ``mentions`` is given, ``df`` holds one row per event (see
    :func:`components.events.event_rows`, or the cube of those rows): dyads, mean intensity
    and dates are those of the events, mentions and articles are counted among the
    mentions (a frame of them, or their number, with ``articles`` the number of their articles).
    """
    if mentions is not None:
        base = headline(df, articles=0)
        if isinstance(mentions, pd.DataFrame):
            n_mentions = len(mentions)
            n_articles = int(mentions["doc_id"].nunique()) if len(mentions) else 0
        else:
            n_mentions, n_articles = int(mentions), int(articles or 0)
        return Headline(
            mentions=n_mentions,
            articles=n_articles,
            dyads=base.dyads,
            mean_intensity=base.mean_intensity,
            date_from=base.date_from,
            date_to=base.date_to,
            events=total_rows(df),
        )
    if df.empty:
        return Headline(0, 0, 0, float("nan"), None, None)
    if is_cube(df):
        first, last = df["_dmin"].min(), df["_dmax"].max()
        n_articles = int(articles or 0)
    else:
        dates = relation_dates(df)
        first, last = dates.min(), dates.max()  # NaT-skipping
        n_articles = int(df["doc_id"].nunique()) if articles is None else int(articles)
    codes = actor_codes(df)
    dyads = np.count_nonzero(count(codes.pair(), codes.n * codes.n, row_weights(df)))
    sums, scored = scored_parts(df)
    n_scored = float(scored.sum())
    return Headline(
        mentions=total_rows(df),
        articles=n_articles,
        dyads=int(dyads),
        mean_intensity=float(sums.sum() / n_scored) if n_scored else float("nan"),
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
