"""Table: the filtered mentions (first rows shown, all downloadable) and the evidence of the
selected row, with the two actors and the trigger highlighted (:mod:`components.evidence`),
followed by the page's actions on that row (the review buttons, from a store)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

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
        elif column.name == "negated":
            config[column.name] = st.column_config.CheckboxColumn(column.heading)
        else:
            config[column.name] = st.column_config.TextColumn(column.heading, width=column.width)
    return config


#: Rows added by "Show more rows".
MORE_ROWS = 500


def _more_rows(key: str, limit: int) -> None:
    st.session_state[key] = limit


def shown_limit(key: str, limit: int = DEFAULT_LIMIT) -> int:
    """How many rows the table ``key`` shows now: ``limit``, or more after "Show more rows" (a page
    that queries its rows asks for this many)."""
    return max(limit, int(st.session_state.get(f"{key}_more_rows", 0) or 0))


def render_table(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    limit: int = DEFAULT_LIMIT,
    noun: str = "mentions",
    actions: Callable[[Mapping[str, Any]], None] | None = None,
    selection_version: int | None = None,
    total: int | None = None,
    download: Callable[[], bytes] | None = None,
) -> pd.DataFrame:
    """The mentions table with row selection and the evidence panel.

    Returns the rows shown. The download holds every filtered mention, all columns.
    ``noun="events"`` when ``df`` holds one row per event (its most confident mention).
    ``actions(row)`` draws under the selected row's evidence (the page's review buttons).
    A new ``selection_version`` (e.g. the store's generation after a write) starts the
    table without a selection, so that a row that moved is never mistaken for another.
    When ``df`` holds only the first rows of a query (at least :func:`shown_limit`), ``total``
    says how many there are and ``download`` gives them all (deferred: a callable returning the CSV).
    """
    total = len(df) if total is None else total
    if df.empty:
        st.info(f"No {noun} match this filter.")
        return table_rows(df, limit=limit)
    more_key = f"{key}_more_rows"
    limit = shown_limit(key, limit)
    rows = table_rows(df, limit=limit)
    if total > limit:
        st.caption(
            f"Showing the first {limit:,} of {total:,} {noun} (newest first). The download below has all of them."
        )
    else:
        st.caption(f"{total:,} {noun}, newest first. Click a column header to sort, a row to read it.")
    if noun == "events":
        st.caption(
            "One row per event: its most confident mention, with the number of articles and of mentions that report it."
        )
    event = st.dataframe(
        rows,
        key=f"{key}_grid" if selection_version is None else f"{key}_grid_{selection_version}",
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        lazy=False,
        height=360,
        column_config=_column_config(),
    )
    left, right = st.columns([1, 1])
    with left:
        render_download(
            public_frame(df), key=key, view=noun, filters=filters, label=f"Download {noun} (CSV)", data=download, rows=total
        )
    if total > limit:
        right.button(
            f"Show {min(MORE_ROWS, total - limit):,} more rows",
            key=f"{key}_more",
            on_click=_more_rows,
            args=(more_key, limit + MORE_ROWS),
            help="Rows are sent to the browser as they are shown: the first few hundred answer fastest.",
        )
    selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if selected and 0 <= selected[0] < len(rows):
        st.markdown("**Evidence**")
        row = df.iloc[selected[0]].to_dict()
        st.html(evidence_html(row))
        if actions is not None:
            actions(row)
    else:
        st.caption("Select a row to read its evidence sentence and article.")
    return rows
