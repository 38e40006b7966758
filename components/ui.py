"""Drawing helpers shared by the views and pages: Vega-Lite charts (built with Altair once, filled
with each run's data), clicks on charts, CSV download buttons, the dyad tooltip, the write gate of
the pages that change the store."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from extraction import config

from .access import MAX_ATTEMPTS, WriteAccess, off_message, password_matches, write_access
from .data_dictionary import TITLE, anchor
from .downloads import csv_bytes, download_name
from .dyads import DEFAULT_UNIT, QUAD_COLUMNS
from .filters import Filters
from .selection import Pick, deck_pick, vega_pick

#: What a view calls when a click on its chart picked something (a page's cross-filter).
OnPick = Callable[[Pick], None]


def vega_template(chart: alt.TopLevelMixin) -> str:
    """The Vega-Lite spec of an Altair chart whose data are named (``alt.Data(name=...)``), as
    JSON text: built once per shape by the views (``functools.lru_cache``) and filled with each
    run's data by :func:`with_data`. Building a layered chart with Altair costs ~50-100 ms; a run
    pays only for its data. Not validated here: the unit tests validate every chart."""
    return json.dumps(chart.to_dict(validate=False))


def with_data(template: str, datasets: Mapping[str, pd.DataFrame], **patch: Any) -> dict[str, Any]:
    """A fresh spec from :func:`vega_template`'s text with ``datasets`` (sent to the browser as
    Arrow) and top-level ``patch`` keys set."""
    spec = json.loads(template)
    spec["datasets"] = dict(datasets)
    spec.update(patch)
    return spec


def _on_vega_pick(key: str, on_pick: OnPick) -> None:
    pick = vega_pick(st.session_state.get(key))
    if pick is not None:
        on_pick(pick)


def _on_deck_pick(key: str, on_pick: OnPick) -> None:
    pick = deck_pick(st.session_state.get(key))
    if pick is not None:
        on_pick(pick)


def draw_vega(
    spec: Mapping[str, Any],
    *,
    key: str,
    width: Any = "stretch",
    on_pick: OnPick | None = None,
    picks: Sequence[str] = (),
) -> None:
    """Draw a Vega-Lite spec. With ``on_pick``, a click (or brush) on one of the selection
    parameters ``picks`` calls it with the :class:`~components.selection.Pick` (in a callback,
    before the rerun); the page is then redrawn with a new ``key`` so that the chart starts with
    no selection."""
    if on_pick is None or not picks:
        st.vega_lite_chart(spec=dict(spec), key=key, width=width)
        return
    st.vega_lite_chart(
        spec=dict(spec),
        key=key,
        width=width,
        on_select=partial(_on_vega_pick, key, on_pick),
        selection_mode=list(picks),
    )


def draw_deck(deck: Any, *, key: str, height: int, on_pick: OnPick | None = None) -> None:
    """Draw a pydeck chart; with ``on_pick``, a click on a marker or an arc calls it (see :func:`draw_vega`)."""
    if on_pick is None:
        st.pydeck_chart(deck, height=height, key=key)
        return
    st.pydeck_chart(
        deck, height=height, key=key, on_select=partial(_on_deck_pick, key, on_pick), selection_mode="single-object"
    )


def draw_altair(chart: alt.TopLevelMixin, *, key: str, width: Any = "stretch", height: Any = "content") -> None:
    """Draw an Altair chart as its Vega-Lite spec (no validation: the unit tests validate it; no
    5,000-row guard: views pass aggregated data only). For charts drawn on every run, prefer
    :func:`vega_template` + :func:`with_data`."""
    with alt.data_transformers.disable_max_rows():
        spec = chart.to_dict(validate=False)
    st.vega_lite_chart(spec=spec, key=key, width=width, height=height)


#: The Data dictionary page's path (see app.py): each CSV download links to its section there.
DICTIONARY_PAGE = "dictionary"


def dictionary_link(view: str) -> str:
    """A Markdown link to the ``view`` CSV's section of the Data dictionary page."""
    return f"[{TITLE}]({DICTIONARY_PAGE}#{anchor(view)})"


def render_download(
    frame: pd.DataFrame,
    *,
    key: str,
    view: str,
    filters: Filters,
    label: str = "Download CSV",
    help_text: str | None = None,
    data: Callable[[], bytes] | None = None,
    extension: str = "csv",
    mime: str = "text/csv",
    rows: int | None = None,
) -> None:
    """A download button for ``frame`` (CSV), named after the view and the filter; its help links
    to the file's columns in the Data dictionary. ``data``: another file to build instead of the CSV
    (``extension`` and ``mime`` then say what it is).

    The file is built only when the button is clicked (a deferred download), so a rerun does not
    pay for serialising a large table. ``rows``: how many rows the file holds when ``data``
    builds more than ``frame`` shows (a query's every row: the table's download).
    """
    rows = len(frame) if rows is None else rows
    if help_text is None:
        help_text = f"{rows:,} row{'s' if rows != 1 else ''}, as CSV. Columns: {dictionary_link(view)}."
    st.download_button(
        label,
        data=data or partial(csv_bytes, frame),
        file_name=download_name(view, filters, extension),
        mime=mime,
        key=f"{key}_download",
        help=help_text,
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
