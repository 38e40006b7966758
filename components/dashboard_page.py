"""The dashboard page: headline, map, network, timeline, dyad matrix and table over the mentions.

Reads through :mod:`components.data_source` (cached), draws the sidebar filter (kept in the
URL), then every view over the filtered rows: every event mention (a row of the relation
table), or one row per event when the user counts events. The page composes the views;
the views do not know each other.

From a store, the mentions are shown with the analysts' reviews applied unless the sidebar's
toggle asks for them as extracted; the evidence of a selected mention offers Confirm,
Reject and Fix (:mod:`components.review_view`), recorded by :func:`_record` under the
reviewer named in the sidebar.
"""

from __future__ import annotations

from dataclasses import replace

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
from .filters import ORIGIN_LABELS
from .headline_view import render_headline
from .map_view import render_map
from .markup import code_span
from .matrix_view import render_matrix
from .network_view import render_network
from .query import dropped_query_note_html, filters_to_query
from .review_data import ReviewRequest, progress_caption, record_review
from .review_view import raw_wanted, render_raw_toggle, render_review_controls, render_reviewer
from .sidebar import render_filters
from .table_view import render_table
from .timeline_view import render_timeline
from .ui import may_write, write_gate
from .view_data import Overview, download_rows, load_overview, load_view

ADD_PAGE = "components/pages/add_articles.py"
NOTICE_KEY = "review_notice"


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


def render_dashboard(source: Source) -> None:
    st.title("Who did what to whom")
    raw = source.is_store and raw_wanted()
    actors = load_actors()
    loaded = _load(source, actors.order, raw=raw)
    if loaded is None:
        return
    overview, key = loaded
    geometry = load_outlines()
    reviewer = ""
    if source.is_store:
        with st.sidebar:
            st.header("Review")
            reviewer = render_reviewer()
            render_raw_toggle()
        shown = "as extracted, reviews not applied" if raw else "reviews applied"
        st.caption(
            f"Relation store: {code_span(str(source.path), 200)} · {overview.mentions:,} mentions from "
            f"{overview.articles:,} articles ({shown}) · {progress_caption(load_review_progress(key[1], key[2][0]))}"
        )
    else:
        st.caption(f"Relation table: {code_span(str(source.path), 200)} · {overview.mentions:,} mentions (read-only)")
        if overview.problems:
            shown = "\n".join(f"- {code_span(p, 300)}" for p in overview.problems[:10])
            more = f"\n- … and {len(overview.problems) - 10} more" if len(overview.problems) > 10 else ""
            st.warning(f"Some files of the dataset were left out:\n{shown}{more}")
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
        filters, notes = render_filters(options, query, key="filter")
    wanted = filters_to_query(filters)
    if not query:
        # Streamlit drops a query string with over 1,000 parameters whole; only the browser still
        # has it, so the page says so from there (and the URL is left alone while it is unchanged)
        st.html(dropped_query_note_html(), unsafe_allow_javascript=True)
    if {k: [v] for k, v in wanted.items()} != query:
        st.query_params.from_dict(wanted)
    for note in notes:
        st.warning(note, icon=":material/link_off:")

    counting_events = filters.count == "events"
    try:
        data = load_view(*key, filters)
    except (ExtractionError, OSError, ValueError) as exc:
        st.error(f"Cannot read the relations for this filter: {exc}")
        return
    view = data.cube  # the mention cube (or the events'): what the map, network, timeline and matrix count
    unit = filters.count  # what the views count: "mentions" or "events"
    if counting_events:
        render_headline(view, key="headline", mentions=data.mentions, articles=data.mention_articles)
        st.caption(
            "Counting events: the mentions of the same source, target and event type within a few days, "
            "across articles, are one event. The map, network, timeline, matrix and table below count events."
        )
    else:
        render_headline(view, key="headline", articles=data.articles.total)
    if len(options.origins) > 1 and not filters.origins:
        by_origin = data.origins
        shown = ", ".join(f"{ORIGIN_LABELS.get(o, o)}: {by_origin.get(o, 0):,}" for o in options.origins)
        st.caption(f"Mentions by origin — {shown}. Pick one in the sidebar's **Origin** filter.")
    if data.total == 0:
        st.info(f"No {unit} match the current filter. Widen it, or use **Reset filters** in the sidebar.")
        return

    summary = dyad_summary(view, unit=unit, articles=data.articles.by_dyad)  # shared by the map, the network and the matrix
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader("Map")
        render_map(
            view,
            key="map",
            filters=filters,
            locations=actors.locations,
            geometry=geometry,
            summary=summary,
            unit=unit,
            actor_table=str(actor_table_path()),
        )
    with right:
        st.subheader("Network")
        render_network(
            view,
            key="network",
            filters=filters,
            actors=options.actors,
            actor_names=actors.names,
            summary=summary,
            unit=unit,
        )
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader("Timeline")
        render_timeline(view, key="timeline", filters=filters, unit=unit)
    with right:
        st.subheader("Dyad matrix")
        render_matrix(view, key="matrix", filters=filters, actors=options.actors, summary=summary, unit=unit)
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
        data.rows,
        key="table",
        filters=filters,
        noun=unit,
        actions=actions,
        selection_version=key[2][0] if source.is_store else None,
        total=data.total,
        download=download_rows(*key, filters),
    )
