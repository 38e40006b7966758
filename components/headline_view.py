"""The headline row of figures for the current filter (mentions, or events when the user counts events)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .headline import Headline, Totals, format_intensity, format_span, headline, totals_text
from .scale import INTENSITY_HELP


def render_headline(
    df: pd.DataFrame,
    *,
    key: str,
    mentions: pd.DataFrame | int | None = None,
    articles: int | None = None,
    totals: Totals | None = None,
) -> Headline:
    """The figures of ``df`` (rows, or a mention cube with its number of ``articles``); with
    ``mentions``, ``df`` is one row per event and an "Events" figure leads (see
    :func:`components.headline.headline`). ``totals``: why the figures differ from the whole
    table's (shown, hidden by which filter, articles without mentions), said under the figures."""
    figures = headline(df, mentions=mentions, articles=articles)
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
    cols[0].metric(
        "Mentions",
        f"{figures.mentions:,}",
        help="Event mentions that pass the filter: rows of the relation table, each one sentence's "
        "report of who did what to whom.",
    )
    cols[1].metric("Articles", f"{figures.articles:,}", help="Distinct source articles of those mentions.")
    cols[2].metric("Dyads", f"{figures.dyads:,}", help="Distinct directed actor pairs (source → target).")
    cols[3].metric("Mean intensity", format_intensity(figures.mean_intensity), help=INTENSITY_HELP)
    cols[4].metric(
        "Date span",
        format_span(figures.date_from, figures.date_to),
        help="Earliest and latest event date (the article's date where the event has none).",
    )
    if totals is not None:
        st.markdown(totals_text(totals))
    return figures
