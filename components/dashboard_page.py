"""The dashboard page: headline, selection bar and drill-down, map, network, dyad matrix (with time
playback), timeline and table over the mentions.

Reads through :mod:`components.data_source` (cached), draws the sidebar filter (kept in the
URL), then every view over the filtered rows: every event mention (a row of the relation
table), or one row per event when the user counts events. The page composes the views;
the views do not know each other.

Cross-filtering: a click on a chart (a marker, node, arc, edge, matrix cell; a brush over a
timeline) calls the page's :func:`_on_pick`, which sets the sidebar's widgets, so the pick is
in the URL, in the selection bar (removable) and undoable (:mod:`components.filter_history`).
The map, network and matrix keep showing every dyad while one dyad is picked (it stands out):
they are where the next dyad is picked.

From a store, the mentions are shown with the analysts' reviews applied unless the sidebar's
toggle asks for them as extracted; the evidence of a selected mention offers Confirm,
Reject and Fix (:mod:`components.review_view`), recorded by :func:`_record` under the
reviewer named in the sidebar.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from extraction.actor_table import actor_table_path
from extraction.errors import ExtractionError

from .data_source import (
    DATA_ENV,
    Source,
    data_key,
    load_actors,
    load_documents,
    load_event_ids,
    load_options,
    load_outlines,
    load_relations,
    load_review_progress,
    open_store,
    store_handle,
)
from .dyads import dyad_summary
from .events import event_rows
from .filter_history import record, undo
from .filters import ORIGIN_LABELS, FilterOptions, Filters, apply_filters
from .headline import totals
from .headline_view import render_headline
from .map_view import render_map
from .markup import code_span
from .matrix_view import render_matrix
from .network_view import render_network
from .playback import Window
from .playback_view import render_playback
from .query import dropped_query_note_html
from .review_data import ReviewRequest, progress_caption, record_review
from .review_view import raw_wanted, render_raw_toggle, render_review_controls, render_reviewer
from .selection import Pick, apply_pick
from .selection_view import render_selection
from .sidebar import current_filters, render_filters, show_filters, write_link
from .table_view import render_table
from .timeline_view import render_timeline
from .ui import may_write, write_gate

ADD_PAGE = "components/pages/add_articles.py"
NOTICE_KEY = "review_notice"
FILTER_KEY = "filter"
#: Counts the picks: part of the charts' keys, so that a chart starts with no selection after one.
VERSION_KEY = "pick_version"
#: The filters this session went through (for Undo), and the last run's.
HISTORY_KEY, LAST_KEY = "filter__history", "filter__last"


def _query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _load(source: Source, *, raw: bool = False) -> tuple[pd.DataFrame, tuple] | None:
    """The relation frame and its cache key, or None after saying why there is none
    (``raw``: a store's mentions as extracted)."""
    store = None
    if source.is_store:
        store = open_store(source.path)
        if store is None:
            return None
    elif not source.path.is_file():
        st.info(
            f"No relation table at {code_span(str(source.path), 200)}. Run `make demo` to build the demo table "
            "from the demo corpus, or point the dashboard at another table: "
            f"`streamlit run app.py -- --data PATH` or `{DATA_ENV}=PATH`; without either, the dashboard uses "
            "its relation store."
        )
        return None
    try:
        key = data_key(source, store, raw=raw)
        return load_relations(*key), key
    except (ExtractionError, OSError, ValueError) as exc:
        what = "relation store" if source.is_store else "relation table"
        st.error(f"Cannot read the {what}: {exc}")
        return None


def _record(path: str, reviewer: str, request: ReviewRequest) -> None:
    """Callback of the review buttons: ask the store, keep the outcome for the next run."""
    if not may_write():  # checked again when the click arrives, not only when the buttons were drawn
        st.session_state[NOTICE_KEY] = ("error", "Reviewing is off for this session: nothing was recorded.")
        return
    st.session_state[NOTICE_KEY] = record_review(store_handle(path), request, reviewer)


def _show_notice() -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        kind, message = notice
        getattr(st, kind)(message)


def _set_filters(filters: Filters, options: FilterOptions) -> None:
    """Callback: show ``filters`` in the sidebar (and so in the URL); the charts start anew."""
    show_filters(FILTER_KEY, filters, options)
    st.session_state[VERSION_KEY] = int(st.session_state.get(VERSION_KEY, 0)) + 1


def _on_pick(options: FilterOptions, pick: Pick) -> None:
    """Callback of a click on a chart: the filter with the picked country, dyad or dates."""
    current = current_filters(FILTER_KEY, options)
    picked = apply_pick(current, pick, options)
    if picked != current:
        _set_filters(picked, options)


def _undo(options: FilterOptions) -> None:
    """Callback of Undo: the filter before the last change."""
    history, previous = undo(st.session_state.get(HISTORY_KEY, []))
    st.session_state[HISTORY_KEY] = history
    if previous is not None:
        st.session_state[LAST_KEY] = previous  # not a new change to record
        _set_filters(previous, options)


def _stored_articles(source: Source, key: tuple) -> int | None:
    """The store's number of articles, with mentions or not (None for a relation table)."""
    if not source.is_store:
        return None
    return len(load_documents(key[1], key[2][0]))


def _counted(frame: pd.DataFrame, filters: Filters, counting_events: bool) -> pd.DataFrame:
    rows = apply_filters(frame, filters)
    return event_rows(rows) if counting_events else rows


def render_dashboard(source: Source) -> None:
    st.title("Who did what to whom")
    raw = source.is_store and raw_wanted()
    loaded = _load(source, raw=raw)
    if loaded is None:
        return
    frame, key = loaded
    actors = load_actors()
    geometry = load_outlines()
    reviewer = ""
    if source.is_store:
        with st.sidebar:
            st.header("Review")
            reviewer = render_reviewer()
            render_raw_toggle()
        shown = "as extracted, reviews not applied" if raw else "reviews applied"
        st.caption(
            f"Relation store: {code_span(str(source.path), 200)} ({shown}) · "
            f"{progress_caption(load_review_progress(key[1], key[2][0]))}"
        )
    else:
        st.caption(f"Relation table: {code_span(str(source.path), 200)} (read-only)")
    if frame.empty:
        if source.is_store:
            st.info("The relation store holds no mentions yet: add articles to see them here.")
            st.page_link(ADD_PAGE, label="Add articles")
        else:
            st.info("The relation table is empty: there is nothing to show yet.")
        return

    options = load_options(*key, actors.order)  # key: (kind, path, version, raw)
    options = replace(options, actor_names=actors.names)
    with st.sidebar:
        st.header("Filter")
        query = _query_params()
        filters, notes = render_filters(options, query, key=FILTER_KEY)
    if not query:
        # Streamlit drops a query string with over 1,000 parameters whole; only the browser still
        # has it, so the page says so from there (and the URL is left alone while it is unchanged)
        st.html(dropped_query_note_html(), unsafe_allow_javascript=True)
    write_link(FILTER_KEY, filters, query)
    for note in notes:
        st.warning(note, icon=":material/link_off:")
    history = record(st.session_state.get(HISTORY_KEY, []), st.session_state.get(LAST_KEY), filters)
    st.session_state[HISTORY_KEY], st.session_state[LAST_KEY] = history, filters

    counting_events = filters.count == "events"
    if counting_events:
        frame = frame.assign(event_id=load_event_ids(*key).array)  # categorical, row for row
    mentions = apply_filters(frame, filters)
    view = event_rows(mentions) if counting_events else mentions
    unit = filters.count  # what the views count: "mentions" or "events"
    render_headline(
        view,
        key="headline",
        mentions=mentions if counting_events else None,
        totals=totals(frame, filters, stored_articles=_stored_articles(source, key)),
    )
    if counting_events:
        st.caption(
            "Counting events: the mentions of the same source, target and event type within a few days, "
            "across articles, are one event. The map, network, matrix, timeline and table below count events."
        )
    if len(options.origins) > 1 and not filters.origins:
        shown = ", ".join(f"{ORIGIN_LABELS.get(o, o)}: {(mentions['origin'] == o).sum():,}" for o in options.origins)
        st.caption(f"Mentions by origin — {shown}. Pick one in the sidebar's **Origin** filter.")
    render_selection(
        filters,
        key="selection",
        mentions=mentions,
        names=actors.names,
        can_undo=bool(history),
        on_set=partial(_set_filters, options=options),
        on_undo=partial(_undo, options),
    )
    # the map, network and matrix show every dyad (the picked one stands out): they are where the next is picked
    pairs = _counted(frame, replace(filters, dyad=()), counting_events) if filters.dyad else view
    if pairs.empty:
        st.info(f"No {unit} match the current filter. Widen it, or use **Reset filters** in the sidebar.")
        return
    on_pick = partial(_on_pick, options)
    version = int(st.session_state.get(VERSION_KEY, 0))
    everything = dyad_summary(pairs, unit=unit)  # shared by the map, the network and the matrix

    def draw(rows: pd.DataFrame, window: Window | None) -> None:
        summary = everything if window is None else dyad_summary(rows, unit=unit)
        st.subheader("Map")
        render_map(
            rows,
            key="map",
            filters=filters,
            locations=actors.locations,
            geometry=geometry,
            summary=summary,
            unit=unit,
            actor_table=str(actor_table_path()),
            on_pick=on_pick,
            version=version,
            title=f"Who did what to whom: {unit}" + (f", {window.label()}" if window else ""),
        )
        left, right = st.columns([2, 3], gap="medium")
        with left:
            st.subheader("Network")
            render_network(
                rows,
                key="network",
                filters=filters,
                actors=options.actors,
                actor_names=actors.names,
                summary=summary,
                unit=unit,
                on_pick=on_pick,
                version=version,
            )
        with right:
            st.subheader("Dyad matrix")
            render_matrix(
                rows,
                key="matrix",
                filters=filters,
                actors=options.actors,
                summary=summary,
                unit=unit,
                on_pick=on_pick,
                version=version,
            )

    render_playback(
        pairs,
        key="playback",
        unit=unit,
        draw=draw,
        version=version,
        version_now=lambda: int(st.session_state.get(VERSION_KEY, 0)),
    )
    st.subheader("Timeline")
    if view.empty:
        st.info(f"No {unit} match the current filter. Widen it, or use **Reset filters** in the sidebar.")
        return
    render_timeline(view, key="timeline", filters=filters, unit=unit, on_pick=on_pick, version=version)
    st.subheader(unit.capitalize())
    actions = None
    if source.is_store:
        _show_notice()

        def actions(row: dict) -> None:
            if not write_gate("Reviewing", key="review"):
                return
            render_review_controls(
                row,
                key="review",
                reviewer=reviewer,
                on_review=lambda request: _record(key[1], reviewer, request),
                actor_names=actors.names,
            )

    render_table(
        view,
        key="table",
        filters=filters,
        noun=unit,
        actions=actions,
        selection_version=key[2][0] if source.is_store else None,
    )
