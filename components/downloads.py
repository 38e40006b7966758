"""CSV downloads: every view offers exactly the DataFrame it shows."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from .filters import Filters, download_name


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV file a download holds: UTF-8, header row, no index."""
    return frame.to_csv(index=False).encode("utf-8")


def render_download(
    frame: pd.DataFrame,
    *,
    key: str,
    view: str,
    filters: Filters,
    label: str = "Download CSV",
    help_text: str | None = None,
) -> None:
    """A CSV download button for ``frame``, named after the view and the filter.

    The CSV is built only when the button is clicked (a deferred download), so a rerun
    does not pay for serialising a large table.
    """
    rows = len(frame)
    st.download_button(
        label,
        data=partial(csv_bytes, frame),
        file_name=download_name(view, filters),
        mime="text/csv",
        key=f"{key}_download",
        help=help_text or f"{rows:,} row{'s' if rows != 1 else ''}, as CSV",
        on_click="ignore",
        icon=":material/download:",
    )
