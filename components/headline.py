"""The headline row of figures for the current filter (mentions, or events when the user counts events)."""

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
    events: int | None = None  # when counting events: their number (``relations`` counts the mentions)


def headline(df: pd.DataFrame, *, mentions: pd.DataFrame | None = None) -> Headline:
    """Counts and score of a (filtered) relation table. Dyads are directed (source -> target).

    When ``mentions`` is given, ``df`` holds one row per event (see
    :func:`components.events.event_rows`): dyads, score and dates are those of the events,
    relations and articles are counted among the mentions.
    """
    if mentions is not None:
        base = headline(df)
        return Headline(
            relations=len(mentions),
            articles=int(mentions["doc_id"].nunique()) if len(mentions) else 0,
            dyads=base.dyads,
            net_score=base.net_score,
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


def render_headline(df: pd.DataFrame, *, key: str, mentions: pd.DataFrame | None = None) -> Headline:
    """The figures of ``df``; with ``mentions``, ``df`` is one row per event and an "Events" figure leads."""
    figures = headline(df, mentions=mentions)
    if figures.events is None:
        cols = st.columns([1, 1, 1, 1.3, 1.9])
    else:
        cols = st.columns([0.9, 0.9, 0.9, 0.8, 1.3, 2.3])
        cols[0].metric(
            "Events",
            f"{figures.events:,}",
            help="Mentions of the same source, target and event type within a few days, grouped across "
            "articles: what the views below count.",
        )
        cols = cols[1:]
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
