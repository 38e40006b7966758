"""Table: the filtered mentions (first rows shown, all downloadable) and the evidence of the
selected row, with the two actors and the trigger highlighted (:mod:`components.evidence`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .evidence import evidence_html
from .filters import Filters
from .prepare import public_frame
from .table_rows import COLUMNS_SHOWN, DEFAULT_LIMIT, table_rows
from .ui import render_download


def _column_config() -> dict[str, object]:
    """Headings, formats and widths of :data:`~components.table_rows.COLUMNS_SHOWN`."""
    config: dict[str, object] = {}
    for column in COLUMNS_SHOWN:
        if column.number_format:
            config[column.name] = st.column_config.NumberColumn(column.heading, format=column.number_format)
        elif column.heading or column.width:
            config[column.name] = st.column_config.TextColumn(column.heading, width=column.width)
    return config


def render_table(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    limit: int = DEFAULT_LIMIT,
    noun: str = "mentions",
) -> pd.DataFrame:
    """The mentions table with row selection and the evidence panel.

    Returns the rows shown. The download holds every filtered mention, all columns.
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
        column_config=_column_config(),
    )
    render_download(public_frame(df), key=key, view=noun, filters=filters, label=f"Download {noun} (CSV)")
    selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if selected and 0 <= selected[0] < len(rows):
        st.markdown("**Evidence**")
        st.html(evidence_html(df.iloc[selected[0]].to_dict()))
    else:
        st.caption("Select a row to read its evidence sentence and article.")
    return rows
