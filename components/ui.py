"""Drawing helpers shared by the views: Altair charts, CSV download buttons, the dyad tooltip."""

from __future__ import annotations

from functools import partial
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from .downloads import csv_bytes, download_name
from .dyads import DEFAULT_UNIT, QUAD_COLUMNS
from .filters import Filters


def draw_altair(chart: alt.TopLevelMixin, *, key: str, width: Any = "stretch") -> None:
    """Draw an Altair chart as its Vega-Lite spec.

    The spec is built without Altair's JSON-schema validation (the charts are fixed and
    validated by the unit tests; validating on every rerun costs ~30 ms a chart) and
    without Altair's 5,000-row guard (the views pass aggregated data only).
    """
    with alt.data_transformers.disable_max_rows():
        spec = chart.to_dict(validate=False)
    st.vega_lite_chart(spec=spec, key=key, width=width)


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


def dyad_tooltip(unit: str = DEFAULT_UNIT) -> list[alt.Tooltip]:
    """Tooltip fields of one dyad (a row of :func:`~components.dyads.dyad_summary` counting
    ``unit``), shared by the matrix and the network."""
    return [
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("target:N", title="Target"),
        alt.Tooltip(f"{unit}:Q", title=unit.capitalize(), format=","),
        alt.Tooltip("articles:Q", title="Articles", format=","),
        alt.Tooltip("mean_intensity:Q", title="Mean intensity", format="+.2f"),
        *(alt.Tooltip(f"{c}:Q", title=q.capitalize()) for q, c in QUAD_COLUMNS.items()),
        alt.Tooltip("top_event_types:N", title="Top event types"),
    ]
