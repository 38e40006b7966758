"""Sidebar filter widgets, kept in sync with the URL query string.

On a session's first run the widgets are seeded from the query string (bad or stale
values are dropped, with notes to show); afterwards the widgets are the source of truth
and the app writes :func:`components.query.filters_to_query` back to the URL
(:func:`write_link`). When the browser's link is no longer the one the app wrote (the user
went Back or Forward), the widgets are seeded from the link again. Clicks on the charts and
Undo set the widgets through :func:`show_filters`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import streamlit as st

from .filter_history import link_moved
from .filter_state import dyad_choices, dyad_pair, filters_from_widgets, widget_keys, widget_values
from .filters import (
    COUNT_LABELS,
    COUNT_MODES,
    MATCH_LABELS,
    MATCH_MODES,
    MAX_LISTED_ARTICLES,
    MAX_TEXT_LENGTH,
    ORIGIN_LABELS,
    FilterOptions,
    Filters,
)
from .markup import code_span
from .query import filters_from_query, filters_to_query

#: Above this many articles the article filter is a text box (an id) instead of a list.
MAX_ARTICLE_CHOICES = MAX_LISTED_ARTICLES
#: Above this many actors the sidebar lists no dyads (a dyad is then picked on the matrix,
#: network or map, or given in the link).
MAX_DYAD_ACTORS = 30


def show_filters(key: str, filters: Filters, options: FilterOptions) -> None:
    """Set the filter widgets to show ``filters`` (call before they are drawn: in a callback)."""
    keys = widget_keys(key)
    for name, value in widget_values(filters, options).items():
        st.session_state[keys[name]] = value



def current_filters(key: str, options: FilterOptions) -> Filters:
    """The filter the widgets hold now (in a callback: before this run draws them)."""
    values = {name: st.session_state.get(widget_key) for name, widget_key in widget_keys(key).items()}
    return filters_from_widgets(values, options)


def write_link(key: str, filters: Filters, query: Mapping[str, Sequence[str]]) -> None:
    """Put ``filters`` in the URL (when the link does not say it already) and remember the link
    written, so that a link the browser goes back to is told apart (:func:`render_filters`)."""
    wanted = filters_to_query(filters)
    if {k: [v] for k, v in wanted.items()} != {k: list(v) for k, v in query.items()}:
        st.query_params.from_dict(wanted)
    st.session_state[f"{key}__written"] = wanted


def _sanitise(key: str, options: FilterOptions) -> None:
    """Drop widget values the current options no longer allow (e.g. after the data changed)."""
    keys = widget_keys(key)
    state = st.session_state
    allowed = {
        "countries": set(options.actors),
        "event_types": set(options.event_types),
        "quad_classes": set(options.quad_classes),
        "origins": set(options.origins),
    }
    for name, ok in allowed.items():
        current = state.get(keys[name], [])
        if any(v not in ok for v in current):
            state[keys[name]] = [v for v in current if v in ok]
    dyad = state.get(keys["dyad"], "")
    if dyad and not (dyad_pair(dyad) and set(dyad_pair(dyad)) <= set(options.actors)):
        state[keys["dyad"]] = ""
    if state.get(keys["match"]) not in MATCH_MODES:
        state[keys["match"]] = "either"
    if state.get(keys["count"]) not in COUNT_MODES:
        state[keys["count"]] = "mentions"
    dates = state.get(keys["dates"])
    lo, hi = options.date_min, options.date_max
    span_key = f"{key}__date_span"
    old_lo, old_hi = state.get(span_key) or (None, None)
    if lo and hi and dates:
        picked = [d for d in dates if isinstance(d, date)]
        # An end at the old data's first or last date was open: it follows the data (articles added
        # or removed), so that "no date filter" does not turn into a range that hides new rows.
        if picked and old_lo is not None and picked[0] == old_lo:
            picked[0] = lo
        if len(picked) > 1 and old_hi is not None and picked[1] == old_hi:
            picked[1] = hi
        clamped = tuple(min(max(d, lo), hi) for d in picked)
        if clamped != tuple(dates):
            state[keys["dates"]] = clamped
    state[span_key] = (lo, hi)
    if (
        len(options.articles) <= MAX_ARTICLE_CHOICES
        and state.get(keys["article"], "")
        and state[keys["article"]] not in options.articles
    ):
        state[keys["article"]] = ""


def reset_filters(key: str, options: FilterOptions) -> None:
    """Callback: every filter back to its default (what the views count stays as chosen)."""
    count = st.session_state.get(widget_keys(key)["count"], "mentions")
    show_filters(key, Filters(count=count if count in COUNT_MODES else "mentions"), options)


def render_filters(
    options: FilterOptions,
    query: Mapping[str, str | Sequence[str]],
    *,
    key: str = "filter",
) -> tuple[Filters, list[str]]:
    """Draw the filter widgets (call inside ``with st.sidebar``).

    ``query`` is the URL's query parameters, read on the session's first run, and again when
    the browser's link moved (Back, Forward) from the one :func:`write_link` wrote.
    Returns the current filter and the notes about ignored URL values, which stay
    until the filter is changed.
    """
    keys = widget_keys(key)
    seeded_key, notes_key = f"{key}__seeded", f"{key}__notes"
    if seeded_key not in st.session_state or link_moved(query, st.session_state.get(f"{key}__written")):
        from_url, notes = filters_from_query(query, options)
        show_filters(key, from_url, options)
        # the filter as the widgets hold it: a date clamped to the data's first or last day is "no
        # bound" there, and the notes must stay until the user changes the filter, in every case
        st.session_state[seeded_key] = filters_from_widgets(widget_values(from_url, options), options)
        st.session_state[notes_key] = notes
    _sanitise(key, options)
    names = options.actor_names

    st.radio(
        "Count",
        options=list(COUNT_MODES),
        key=keys["count"],
        format_func=COUNT_LABELS.__getitem__,
        horizontal=True,
        help="Mentions: every event mention, one sentence's report of who did what to whom. Events: the mentions of the same source, target "
        "and event type within a few days (or the same month or year, at coarser date precision) count as "
        "one event, reported by one or more articles, as GDELT counts NumArticles and NumMentions.",
    )
    st.multiselect(
        "Countries",
        options=list(options.actors),
        key=keys["countries"],
        format_func=lambda code: f"{code} · {names[code]}" if code in names else code,
        placeholder="All actors",
        help="Keep mentions involving these actors.",
    )
    st.radio(
        "Match countries as",
        options=list(MATCH_MODES),
        key=keys["match"],
        format_func=MATCH_LABELS.__getitem__,
        horizontal=True,
        help="Source: the picked actor acts; target: it is acted upon; between them: both sides are picked.",
    )
    if len(options.actors) <= MAX_DYAD_ACTORS:
        st.selectbox(
            "Dyad",
            options=dyad_choices(options.actors),
            key=keys["dyad"],
            format_func=lambda text: text or "All dyads",
            help="One directed pair, source → target. Click a cell of the dyad matrix, an arrow of the network "
            "or an arc of the map to pick one.",
        )
    if options.date_min and options.date_max:
        st.date_input(
            "Event date",
            key=keys["dates"],
            min_value=options.date_min,
            max_value=options.date_max,
            help="Inclusive range on the event date (the article's date where the event has none).",
        )
    st.multiselect(
        "Event types",
        options=list(options.event_types),
        key=keys["event_types"],
        placeholder="All event types",
    )
    st.multiselect(
        "Quad classes",
        options=list(options.quad_classes),
        key=keys["quad_classes"],
        placeholder="All quad classes",
    )
    st.checkbox("Include negated mentions", key=keys["include_negated"], help='E.g. "did not sanction".')
    st.checkbox(
        "Include hypothetical mentions",
        key=keys["include_hypothetical"],
        help='E.g. "could impose sanctions".',
    )
    st.slider("Minimum confidence", min_value=0.0, max_value=1.0, step=0.05, key=keys["min_confidence"])
    st.text_input(
        "Search evidence sentences",
        key=keys["text"],
        max_chars=MAX_TEXT_LENGTH,
        placeholder="e.g. missile",
        help="Case-insensitive text search in the evidence sentence.",
    )
    if len(options.articles) <= MAX_ARTICLE_CHOICES:
        titles = options.article_titles
        st.selectbox(
            "Source article",
            options=["", *options.articles],
            key=keys["article"],
            format_func=lambda doc: "All articles" if not doc else f"{titles.get(doc, '')[:70]} ({doc})",
        )
    else:
        st.text_input("Source article id", key=keys["article"], placeholder="All articles")
        typed = str(st.session_state.get(keys["article"], "")).strip()
        if typed and typed not in options.articles:
            st.caption(f"No article with id {code_span(typed)}: the article filter is off.")
    if len(options.origins) > 1:
        st.multiselect(
            "Origin",
            options=list(options.origins),
            key=keys["origins"],
            format_func=lambda origin: ORIGIN_LABELS.get(origin, origin),
            placeholder="All origins",
            help="Mentions extracted from articles, or rows imported from GDELT event exports "
            "(`python -m extraction import-gdelt`).",
        )
    st.button("Reset filters", key=f"{key}_reset", on_click=reset_filters, args=(key, options))

    values = {name: st.session_state.get(widget_key) for name, widget_key in keys.items()}
    filters = filters_from_widgets(values, options)
    notes = st.session_state.get(notes_key, []) if filters == st.session_state.get(seeded_key) else []
    return filters, notes
