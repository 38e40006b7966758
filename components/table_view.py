"""Table: the filtered mentions (first rows shown, all downloadable) and the evidence of the
selected row, with the two actors and the trigger highlighted (:mod:`components.evidence`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .evidence import evidence_html
from .filters import Filters
from .prepare import public_frame
from .table_rows import DEFAULT_LIMIT, table_rows
from .ui import render_download


def render_table(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    limit: int = DEFAULT_LIMIT,
    noun: str = "relations",
) -> pd.DataFrame:
    """The relations table with row selection and the evidence panel.

    Returns the rows shown. The download holds every filtered relation, all columns.
    ``noun="events"`` when ``df`` holds one row per event (its most confident mention).
    """
    if df.empty:
        st.info(f"No {noun} match this filter.")
        return table_rows(df, limit=limit)
    rows = table_rows(df, limit=limit)
    if len(df) > limit:
        st.caption(
            f"Showing the first {limit:,} of {len(df):,} {noun} (newest first). The download below has all of them."
        )
    else:
        st.caption(f"{len(df):,} {noun}, newest first. Click a column header to sort, a row to read it.")
    if noun == "events":
        st.caption(
            "One row per event: its most confident mention, with the number of articles and of mentions that report it."
        )
    event = st.dataframe(
        rows,
        key=f"{key}_grid",
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        lazy=False,
        height=360,
        column_config={
            "event_date": st.column_config.TextColumn("Date"),
            "intensity": st.column_config.NumberColumn("Intensity", format="%+.1f"),
            "confidence": st.column_config.NumberColumn("Conf.", format="%.2f"),
            "sentence": st.column_config.TextColumn("Sentence", width="large"),
            "doc_title": st.column_config.TextColumn("Article", width="medium"),
            "num_articles": st.column_config.NumberColumn("Articles", format="%d"),
            "num_mentions": st.column_config.NumberColumn("Mentions", format="%d"),
            "event_id": st.column_config.TextColumn("Event"),
        },
    )
    render_download(public_frame(df), key=key, view=noun, filters=filters, label=f"Download {noun} (CSV)")
    selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if selected and 0 <= selected[0] < len(rows):
        st.markdown("**Evidence**")
        st.html(evidence_html(df.iloc[selected[0]].to_dict()))
    else:
        st.caption("Select a row to read its evidence sentence and article.")
    return rows
