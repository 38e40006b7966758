"""The selection bar: what clicks on the charts (and the sidebar) picked, each removable, Undo, and the
drill-down: the mentions behind the selection with their evidence highlighted and their articles."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from .drilldown import PAGE, drilldown_html
from .filters import Filters
from .labels import count_text
from .selection import selection_chips, without_selection


def _more(key: str) -> None:
    st.session_state[key] = int(st.session_state.get(key, PAGE)) + PAGE


def render_selection(
    filters: Filters,
    *,
    key: str,
    mentions: pd.DataFrame | None = None,
    total: int | None = None,
    first_rows: Callable[[int], pd.DataFrame] | None = None,
    names: Mapping[str, str] | None = None,
    can_undo: bool = False,
    on_set: Callable[[Filters], None],
    on_undo: Callable[[], None],
) -> None:
    """The bar (a button per picked country, dyad or date range: a click removes it; *Clear
    selection*; *Undo*) and, while something is picked, the mentions behind it (``mentions``: the
    filtered mentions, newest first), :data:`~components.drilldown.PAGE` at a time. Instead of
    the mentions: their number (``total``) and ``first_rows(n)``, the first ``n`` of them (a query)."""
    if mentions is not None:
        total, first_rows = len(mentions), mentions.head
    total = int(total or 0)
    chips = selection_chips(filters, names)
    columns = st.columns([1] * len(chips) + [0.9, 0.7, max(4.0 - len(chips), 1.0)], vertical_alignment="center")
    for i, chip in enumerate(chips):
        columns[i].button(
            chip.label,
            key=f"{key}_chip_{i}",
            icon=":material/close:",
            on_click=on_set,
            args=(chip.without,),
            help="Remove this from the filter",
        )
    if chips:
        columns[len(chips)].button(
            "Clear selection", key=f"{key}_clear", on_click=on_set, args=(without_selection(filters),)
        )
    columns[len(chips) + 1].button(
        "Undo", key=f"{key}_undo", icon=":material/undo:", on_click=on_undo, disabled=not can_undo,
        help="Back to the filter before the last change (the browser's Back button works too)",
    )  # fmt: skip
    if not chips:
        columns[-1].caption(
            "Click a map marker or a network node to filter on a country; an arc, arrow or matrix cell for a "
            "dyad; drag across a timeline for its dates."
        )
        return
    shown_key = f"{key}_shown"
    signature = (filters.countries, filters.dyad, filters.date_from, filters.date_to, total)
    if st.session_state.get(f"{key}_signature") != signature:
        st.session_state[f"{key}_signature"] = signature
        st.session_state[shown_key] = PAGE
    shown = int(st.session_state.get(shown_key, PAGE))
    what = " · ".join(chip.label for chip in chips)
    with st.expander(f"Evidence: the {count_text(total, 'mentions')} behind {what}", expanded=True):
        if total == 0:
            st.caption("No mention passes the filter.")
            return
        with st.container(height=min(460, 120 + 95 * min(total, shown)), border=False):
            st.html(drilldown_html(first_rows(shown) if first_rows is not None else pd.DataFrame(), shown=shown))
        if total > shown:
            st.button(
                f"Show {min(PAGE, total - shown):,} more (of {total - shown:,} not shown)",
                key=f"{key}_more",
                on_click=_more,
                args=(shown_key,),
            )
        else:
            st.caption("All of them are listed; the table below has every column.")

