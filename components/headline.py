"""The headline row of figures for the current filter."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from .aggregate import actor_codes, count
from .prepare import net_cooperation_score, relation_dates
from .scale import SCORE_HELP


@dataclass(frozen=True)
class Headline:
    relations: int
    articles: int
    dyads: int
    net_score: float  # NaN when nothing is scored
    date_from: date | None
    date_to: date | None


def headline(df: pd.DataFrame) -> Headline:
    """Counts and score of a (filtered) relation table. Dyads are directed (source -> target)."""
    if df.empty:
        return Headline(0, 0, 0, float("nan"), None, None)
    dates = relation_dates(df)
    first, last = dates.min(), dates.max()  # NaT-skipping
    codes = actor_codes(df)
    dyads = np.count_nonzero(count(codes.pair(), codes.n * codes.n))
    return Headline(
        relations=len(df),
        articles=int(df["doc_id"].nunique()),
        dyads=int(dyads),
        net_score=net_cooperation_score(df),
        date_from=None if pd.isna(first) else first.date(),
        date_to=None if pd.isna(last) else last.date(),
    )


def format_score(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:+.2f}"


def format_span(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "–"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


def render_headline(df: pd.DataFrame, *, key: str) -> Headline:
    figures = headline(df)
    cols = st.columns([1, 1, 1, 1.3, 1.9])
    cols[0].metric("Relations", f"{figures.relations:,}", help="Relation mentions that pass the filter.")
    cols[1].metric("Articles", f"{figures.articles:,}", help="Distinct source articles of those relations.")
    cols[2].metric("Dyads", f"{figures.dyads:,}", help="Distinct directed actor pairs (source → target).")
    cols[3].metric("Net cooperation score", format_score(figures.net_score), help=SCORE_HELP)
    cols[4].metric(
        "Date span",
        format_span(figures.date_from, figures.date_to),
        help="Earliest and latest event date (the article's date where the event has none).",
    )
    return figures
