"""The dashboard page: headline, map, network, timeline, dyad matrix and table over the mentions.

Reads through :mod:`components.data_source` (cached), draws the sidebar filter (kept in the
URL), then every view over the filtered rows: every event mention (a row of the relation
table), or one row per event when the user counts events. The page composes the views;
the views do not know each other.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from extraction.actor_table import actor_table_path
from extraction.errors import ExtractionError

from .data_source import (
    DATA_ENV,
    Source,
    data_key,
    load_actors,
    load_event_ids,
    load_options,
    load_outlines,
    load_relations,
    open_store,
)
from .dyads import dyad_summary
from .events import event_rows
from .filters import ORIGIN_LABELS, apply_filters
from .headline_view import render_headline
from .map_view import render_map
from .markup import code_span
from .matrix_view import render_matrix
from .network_view import render_network
from .query import filters_to_query
from .sidebar import render_filters
from .table_view import render_table
from .timeline_view import render_timeline

ADD_PAGE = "components/pages/add_articles.py"


def _query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _load(source: Source) -> tuple[pd.DataFrame, tuple] | None:
    """The relation frame and its cache key, or None after saying why there is none."""
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
        key = data_key(source, store)
        return load_relations(*key), key
    except (ExtractionError, OSError, ValueError) as exc:
        what = "relation store" if source.is_store else "relation table"
        st.error(f"Cannot read the {what}: {exc}")
        return None


def render_dashboard(source: Source) -> None:
    st.title("Who did what to whom")
    loaded = _load(source)
    if loaded is None:
        return
    frame, key = loaded
    actors = load_actors()
    geometry = load_outlines()
    if source.is_store:
        articles = frame["doc_id"].nunique() if len(frame) else 0
        st.caption(
            f"Relation store: {code_span(str(source.path), 200)} · {len(frame):,} mentions from {articles:,} articles"
        )
    else:
        st.caption(f"Relation table: {code_span(str(source.path), 200)} · {len(frame):,} mentions (read-only)")
    if frame.empty:
        if source.is_store:
            st.info("The relation store holds no mentions yet: add articles to see them here.")
            st.page_link(ADD_PAGE, label="Add articles")
        else:
            st.info("The relation table is empty: there is nothing to show yet.")
        return

    options = load_options(*key, actors.order)
    options = replace(options, actor_names=actors.names)
    with st.sidebar:
        st.header("Filter")
        filters, notes = render_filters(options, _query_params(), key="filter")
    st.query_params.from_dict(filters_to_query(filters))
    for note in notes:
        st.warning(note, icon=":material/link_off:")

    counting_events = filters.count == "events"
    if counting_events:
        frame = frame.assign(event_id=load_event_ids(*key).array)  # categorical, row for row
    mentions = apply_filters(frame, filters)
    view = event_rows(mentions) if counting_events else mentions
    unit = filters.count  # what the views count: "mentions" or "events"
    render_headline(view, key="headline", mentions=mentions if counting_events else None)
    if counting_events:
        st.caption(
            "Counting events: the mentions of the same source, target and event type within a few days, "
            "across articles, are one event. The map, network, timeline, matrix and table below count events."
        )
    if len(options.origins) > 1 and not filters.origins:
        shown = ", ".join(f"{ORIGIN_LABELS.get(o, o)}: {(mentions['origin'] == o).sum():,}" for o in options.origins)
        st.caption(f"Mentions by origin — {shown}. Pick one in the sidebar's **Origin** filter.")
    if view.empty:
        st.info(f"No {unit} match the current filter. Widen it, or use **Reset filters** in the sidebar.")
        return

    summary = dyad_summary(view, unit=unit)  # shared by the map, the network and the matrix
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
    render_table(view, key="table", filters=filters, noun=unit)
