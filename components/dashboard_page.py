"""The dashboard page: headline, selection bar and drill-down, map, network, dyad matrix (with time
playback), timeline and table over the mentions.

Reads through :mod:`components.data_source` and :mod:`components.view_data` (cached), draws the
sidebar filter (kept in the URL), then every view over the filtered mentions: every event mention
(a row of the relation table), or one row per event when the user counts events. The filter runs
as DuckDB SQL over the store or table; only aggregates (the mention cube, articles per dyad, the
headline's totals) and one page of rows come back. The page composes the views; the views do
not know each other.

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
    load_outlines,
    load_review_progress,
    open_store,
    store_handle,
)
from .dyads import dyad_summary
from .filter_history import record, undo
from .filters import ORIGIN_LABELS, FilterOptions, Filters
from .headline import totals_from_counts
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
from .table_view import render_table, shown_limit
from .timeline_view import render_timeline
from .ui import may_write, write_gate
from .view_data import (
    Overview,
    QueryPlayback,
    download_rows,
    load_overview,
    load_rows,
    load_totals,
    load_view,
    query_session,
    timeline_frame,
)

ADD_PAGE = "components/pages/add_articles.py"
NOTICE_KEY = "review_notice"
FILTER_KEY = "filter"
TABLE_KEY = "table"
#: Counts the picks: part of the charts' keys, so that a chart starts with no selection after one.
VERSION_KEY = "pick_version"
#: The filters this session went through (for Undo), and the last run's.
HISTORY_KEY, LAST_KEY = "filter__history", "filter__last"


def _query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _load(source: Source, actor_order: tuple[str, ...], *, raw: bool = False) -> tuple[Overview, tuple] | None:
    """What the source holds and its cache key, or None after saying why there is none
    (``raw``: a store's mentions as extracted)."""
    store = None
    if source.is_store:
        store = open_store(source.path)
        if store is None:
            return None
    elif not source.path.exists():
        st.info(
            f"No relation table at {code_span(str(source.path), 200)}. Run `make demo` to build the demo table "
            "from the demo corpus, or point the dashboard at another table: "
            f"`streamlit run app.py -- --data PATH` or `{DATA_ENV}=PATH`; without either, the dashboard uses "
            "its relation store."
        )
        return None
    try:
        key = data_key(source, store, raw=raw)
        return load_overview(*key, actor_order), key
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


def render_dashboard(source: Source) -> None:
    st.title("Who did what to whom")
    raw = source.is_store and raw_wanted()
    actors = load_actors()
    loaded = _load(source, actors.order, raw=raw)
    if loaded is None:
        return
    overview, key = loaded  # key: (kind, path, version, raw)
    geometry = load_outlines()
    reviewer = ""
    stored_articles = None
    if source.is_store:
        with st.sidebar:
            st.header("Review")
            reviewer = render_reviewer()
            render_raw_toggle()
        shown = "as extracted, reviews not applied" if raw else "reviews applied"
        progress = load_review_progress(key[1], key[2][0])  # one row per stored article
        stored_articles = len(progress)
        st.caption(
            f"Relation store: {code_span(str(source.path), 200)} · {overview.mentions:,} mentions from "
            f"{overview.articles:,} articles ({shown}) · {progress_caption(progress)}"
        )
    else:
        st.caption(f"Relation table: {code_span(str(source.path), 200)} · {overview.mentions:,} mentions (read-only)")
        if overview.problems:
            listed = "\n".join(f"- {code_span(p, 300)}" for p in overview.problems[:10])
            more = f"\n- … and {len(overview.problems) - 10} more" if len(overview.problems) > 10 else ""
            st.warning(f"Some files of the dataset were left out:\n{listed}{more}")
    if not overview.mentions:
        if source.is_store:
            st.info("The relation store holds no mentions yet: add articles to see them here.")
            st.page_link(ADD_PAGE, label="Add articles")
        else:
            st.info("The relation table is empty: there is nothing to show yet.")
        return

    options = replace(overview.options, actor_names=actors.names)
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
    limit = shown_limit(TABLE_KEY)
    try:
        with query_session(*key):  # one connection for this run's queries (each cached on the filter)
            data = load_view(*key, filters)
            # the map, network and matrix show every dyad (the picked one stands out): they are where the next is picked
            pairs_data = load_view(*key, replace(filters, dyad=())) if filters.dyad else data
            all_mentions, shown_mentions, hidden_only = load_totals(*key, filters)
            page = load_rows(*key, filters, limit)
            timeline = timeline_frame(*key, filters, data.cube) if data.total else data.cube
    except (ExtractionError, OSError, ValueError) as exc:
        st.error(f"Cannot read the relations for this filter: {exc}")
        return
    view = data.cube  # the mention cube (or the events'): what the map, network, timeline and matrix count
    unit = filters.count  # what the views count: "mentions" or "events"
    totals = totals_from_counts(
        all_mentions,
        shown_mentions,
        hidden_only,
        articles=overview.articles,
        articles_shown=data.mention_articles,
        stored_articles=stored_articles,
    )
    if counting_events:
        render_headline(view, key="headline", mentions=data.mentions, articles=data.mention_articles, totals=totals)
        st.caption(
            "Counting events: the mentions of the same source, target and event type within a few days, "
            "across articles, are one event. The map, network, matrix, timeline and table below count events."
        )
    else:
        render_headline(view, key="headline", articles=data.articles.total, totals=totals)
    if len(options.origins) > 1 and not filters.origins:
        shown = ", ".join(f"{ORIGIN_LABELS.get(o, o)}: {data.origins.get(o, 0):,}" for o in options.origins)
        st.caption(f"Mentions by origin — {shown}. Pick one in the sidebar's **Origin** filter.")
    mention_filter = replace(filters, count="mentions")

    def first_mentions(n: int) -> pd.DataFrame:
        """The drill-down's first ``n`` mentions: the head of the table's page when it lists mentions."""
        if not counting_events and n <= len(page):
            return page.head(n)
        return load_rows(*key, mention_filter, n)

    render_selection(
        filters,
        key="selection",
        total=data.mentions,
        first_rows=first_mentions,
        names=actors.names,
        can_undo=bool(history),
        on_set=partial(_set_filters, options=options),
        on_undo=partial(_undo, options),
    )
    if pairs_data.total == 0:
        st.info(f"No {unit} match the current filter. Widen it, or use **Reset filters** in the sidebar.")
        return
    pairs = pairs_data.cube
    on_pick = partial(_on_pick, options)
    version = int(st.session_state.get(VERSION_KEY, 0))
    # shared by the map, the network and the matrix
    everything = dyad_summary(pairs, unit=unit, articles=pairs_data.articles.by_dyad)
    playback = QueryPlayback(*key, replace(filters, dyad=()), pairs)

    def draw(rows: pd.DataFrame, window: Window | None) -> None:
        summary = everything if window is None else dyad_summary(rows, unit=unit, articles=playback.articles(window))
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
        source=playback,
    )
    st.subheader("Timeline")
    if data.total == 0:
        st.info(f"No {unit} match the current filter. Widen it, or use **Reset filters** in the sidebar.")
        return
    render_timeline(timeline, key="timeline", filters=filters, unit=unit, on_pick=on_pick, version=version)
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
        page,
        key=TABLE_KEY,
        filters=filters,
        noun=unit,
        actions=actions,
        selection_version=key[2][0] if source.is_store else None,
        total=data.total,
        download=download_rows(*key, filters),
    )
