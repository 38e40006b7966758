"""Drawing helpers shared by the views and pages: Altair charts, CSV download buttons, the dyad
tooltip, the write gate of the pages that change the store."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from extraction import config

from .access import MAX_ATTEMPTS, WriteAccess, off_message, password_matches, write_access
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
    data: Callable[[], object] | None = None,
    rows: int | None = None,
) -> None:
    """A CSV download button for ``frame``, named after the view and the filter.

    The CSV is built only when the button is clicked (a deferred download), so a rerun
    does not pay for serialising a large table. ``data`` (with its number of ``rows``)
    replaces ``frame`` when the file holds more than the frame shown: a callable
    returning the CSV (bytes or a binary file).
    """
    rows = len(frame) if rows is None else rows
    st.download_button(
        label,
        data=data or partial(csv_bytes, frame),
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


# --------------------------------------------------------------------------- the write gate

UNLOCKED_KEY = "write_unlocked"
ATTEMPTS_KEY = "write_attempts"
#: Pause after a wrong password (seconds): slows guessing down.
FAILURE_PAUSE = 1.0


def server_address() -> str:
    """The address this Streamlit server listens on ("" = every interface)."""
    return str(st.get_option("server.address") or "")


def current_access() -> WriteAccess:
    return write_access(server_address(), config.write_password())


def may_write() -> bool:
    """True when this browser session may write now (open, or unlocked with the password)."""
    access = current_access()
    return access.state == "open" or (access.state == "password" and bool(st.session_state.get(UNLOCKED_KEY)))


def write_gate(what: str, *, key: str) -> bool:
    """Draw what ``what`` ("Adding articles", "Removing articles") needs, and say whether the
    session may write: nothing when open; the unlock form when a password is set; a note when off."""
    access = current_access()
    if access.state == "open":
        return True
    if access.state == "off":
        st.warning(off_message(access, what), icon=":material/lock:")
        return False
    if st.session_state.get(UNLOCKED_KEY):
        return True
    attempts = int(st.session_state.get(ATTEMPTS_KEY, 0))
    if attempts >= MAX_ATTEMPTS:
        st.error(f"{what} is locked for this browser session after {MAX_ATTEMPTS} wrong passwords.")
        return False
    with st.form(f"{key}_unlock", border=True, clear_on_submit=True):
        st.markdown(f"**{what} needs the write password** (`RELDASH_WRITE_PASSWORD`).")
        given = st.text_input("Write password", type="password", key=f"{key}_password")
        submitted = st.form_submit_button("Unlock", icon=":material/lock_open:")
    if not submitted:
        return False
    password = config.write_password() or ""
    if password_matches(given or "", password):
        st.session_state[UNLOCKED_KEY] = True
        st.session_state.pop(ATTEMPTS_KEY, None)
        st.rerun()
    st.session_state[ATTEMPTS_KEY] = attempts + 1
    time.sleep(FAILURE_PAUSE)  # slows guessing down
    st.error("Wrong password.")
    return False
