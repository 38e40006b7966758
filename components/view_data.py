"""The dashboard page's data: DuckDB queries over the store or table, cached on its version and the filter.

The page asks for an :class:`Overview` of the source (counts and the filter's choices, once
per version) and, per filter, for :class:`ViewData`: the mention cube (or the events'), the
articles per dyad, the table's first rows and their number. Only those cross into Python
(:mod:`components.relation_sql` builds the queries, :mod:`components.query_source` runs
them over the store, a CSV/Parquet table or a Parquet dataset). The table's download
streams every filtered row from the same query into a CSV file, a batch at a time.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from extraction.schema import EVENT_TYPES
from extraction.table import coerce_types, write_csv_part

from . import event_sql, query_source, relation_sql
from .data_source import store_handle
from .filters import MAX_LISTED_ARTICLES, ORIGIN_LABELS, ArticleIds, FilterOptions, Filters, ordered
from .playback import Window, window_rows, windows, windows_of_bins
from .timeline import time_range


@st.cache_resource(max_entries=2)
def _table_source(path: str, version: tuple[int, ...]) -> query_source.TableSource:
    """The in-memory DuckDB over a table file or dataset folder at ``version`` (one per server)."""
    return query_source.TableSource(Path(path))


@st.cache_data(max_entries=4)
def _store_relation(path: str, version: tuple[int, ...], raw: bool) -> query_source.Relation:
    return query_source.store_relation(store_handle(path), raw=raw)


#: The store connection of the current page run's :func:`query_session` (per script thread).
_SESSION = threading.local()


@contextmanager
def query_session(kind: str, path: str, version: tuple[int, ...], raw: bool = False):
    """One store connection for the queries of the block (a page run's data): opened once, under
    the store's shared lock, with DuckDB's cache warm from one query to the next, instead of a
    connection per query. Keep the block to the queries: a writer waits for it."""
    if kind != "store" or getattr(_SESSION, "active", None) is not None:
        yield
        return
    with store_handle(path).query() as con:
        query_source.configure(con)
        _SESSION.active = ((kind, path, version, raw), con)
        try:
            yield
        finally:
            _SESSION.active = None


@contextmanager
def query_connection(kind: str, path: str, version: tuple[int, ...], raw: bool = False):
    """(connection, relation) for one batch of queries over the source at ``version``: a store is
    opened under its shared lock for the block only (or the :func:`query_session`'s connection
    is used: a cursor of it, so that registered frames stay the block's)."""
    if kind == "store":
        relation = _store_relation(path, version, raw)
        active = getattr(_SESSION, "active", None)
        if active is not None and active[0] == (kind, path, version, raw):
            cur = active[1].cursor()
            try:
                yield cur, relation
            finally:
                cur.close()
            return
        with store_handle(path).query() as con:
            query_source.configure(con)
            yield con, relation
    else:
        source = _table_source(path, version)
        with source.cursor() as cur:
            yield cur, source.relation


@dataclass(frozen=True)
class _ArticleLookup:
    """Whether an article id is in the source at one version (a query; picklable for the cache)."""

    kind: str
    path: str
    version: tuple[int, ...]
    raw: bool

    def __call__(self, doc_id: str) -> bool:
        return article_exists(self.kind, self.path, self.version, self.raw, doc_id)


@st.cache_data(max_entries=64)
def article_exists(kind: str, path: str, version: tuple[int, ...], raw: bool, doc_id: str) -> bool:
    with query_connection(kind, path, version, raw) as (con, relation):
        return bool(query_source.run(con, relation, relation_sql.has_article_query(doc_id)).iloc[0, 0])


def _listed(value: object) -> list:
    """A list value of a query result (a list or an array), [] for NULL."""
    if value is None or isinstance(value, str) or not hasattr(value, "__iter__"):
        return []
    return [v for v in value if v is not None]


@dataclass(frozen=True)
class Overview:
    """What the source holds at one version: its mentions and articles, and the filter's choices."""

    mentions: int
    articles: int
    options: FilterOptions
    problems: tuple[str, ...] = ()  # files of a dataset left out, with the reason


@st.cache_data(show_spinner="Reading the relations…", max_entries=4)
def load_overview(
    kind: str, path: str, version: tuple[int, ...], raw: bool, actor_order: tuple[str, ...]
) -> Overview:
    """Counts and filter choices of the source (two scans), cached on its version."""
    with query_connection(kind, path, version, raw) as (con, relation):
        row = query_source.run(con, relation, relation_sql.options_query(has_origin=relation.has_origin)).iloc[0]
        docs = query_source.run(con, relation, relation_sql.articles_total_query(_distinct_docs(relation))).iloc[0, 0]
        n_articles, n_rows = int(docs or 0), int(row.iloc[6] or 0)
        titles: dict[str, str] = {}
        if 0 < n_articles <= MAX_LISTED_ARTICLES:
            frame = query_source.run(con, relation, relation_sql.titles_query())
            titles = {str(k): str(v) for k, v in zip(frame["doc_id"], frame["doc_title"], strict=True)}
    listed = tuple(sorted(titles))
    articles = ArticleIds(listed, n_articles, None if len(listed) == n_articles else _ArticleLookup(kind, path, version, raw))
    actors = ordered([str(a) for a in (_listed(row.iloc[0]) + _listed(row.iloc[1]))], actor_order)
    extra_types = sorted(str(t) for t in _listed(row.iloc[2]) if t not in EVENT_TYPES)
    origins = ordered([str(o) for o in _listed(row.iloc[5])], tuple(ORIGIN_LABELS)) if relation.has_origin else ()
    date_min, date_max = row.iloc[3], row.iloc[4]
    options = FilterOptions(
        actors=actors,
        event_types=tuple(EVENT_TYPES) + tuple(extra_types),
        date_min=None if pd.isna(date_min) else pd.Timestamp(date_min).date(),
        date_max=None if pd.isna(date_max) else pd.Timestamp(date_max).date(),
        articles=articles,
        origins=origins,
        article_titles=titles,
    )
    return Overview(n_rows, n_articles, options, relation.problems)


@dataclass(frozen=True)
class ViewData:
    """What the views show for one filter: the cube of what they count (mentions, or events),
    its articles, how many rows there are in all, and the filtered mentions and their articles
    (the same as ``total`` and ``articles.total`` when counting mentions)."""

    cube: pd.DataFrame
    articles: relation_sql.ArticleCounts
    total: int
    mentions: int
    mention_articles: int
    origins: dict[str, int]  # the filtered mentions per origin


def _typed_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows read by a query with the relation table's dtypes (:func:`extraction.table.coerce_types`)."""
    frame = coerce_types(frame)
    for col in ("gdelt_num_mentions", "gdelt_num_articles", "num_articles", "num_mentions"):
        if col in frame.columns:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64" if col.startswith("gdelt") else "int64")
    for col in ("origin", "relation_id", "review_status", "event_id"):
        if col in frame.columns:
            frame[col] = frame[col].fillna("").astype(str)
    return frame.reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=16)
def load_view(kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters) -> ViewData:
    """The views' data for ``filters``: the cube and the articles (two queries), cached."""
    with query_connection(kind, path, version, raw) as (con, relation):
        condition = relation_sql.where(filters, has_origin=relation.has_origin)
        if filters.count == "events":
            return _load_events(con, relation, condition, _event_map(kind, path, version, raw))
        cube = relation_sql.cube_frame(query_source.run(con, relation, relation_sql.cube_query(condition)))
        articles = relation_sql.article_counts(
            query_source.run(con, relation, relation_sql.articles_query(condition, relation.doc_range))
        )
    total = int(cube["_rows"].sum())
    origins = {str(k): int(v) for k, v in cube.groupby("origin")["_rows"].sum().items()}
    return ViewData(cube, articles, total, total, articles.total, origins)


def _rows_query(con, kind: str, path: str, version: tuple[int, ...], raw: bool, relation, filters: Filters, limit: int | None):
    """The query of the filtered rows (or events), newest first, with its parameters."""
    condition = relation_sql.where(filters, has_origin=relation.has_origin)
    if filters.count != "events":
        return relation_sql.rows_query(condition, relation.columns, limit=limit, order=relation.order)
    con.register(event_sql.WINDOWS, _event_map(kind, path, version, raw))
    ev = event_sql.events_relation(condition, relation.order)
    query = relation_sql.rows_query(
        relation_sql.Query("TRUE"), (*relation.columns, *event_sql.EVENT_COLUMNS), limit=limit, order=relation.order, relation=ev.sql
    )
    return relation_sql.Query(query.sql, (*ev.params, *query.params))


@st.cache_data(show_spinner=False, max_entries=16)
def load_rows(kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters, limit: int) -> pd.DataFrame:
    """The first ``limit`` filtered rows (or events: ``filters.count``), newest first: the table's
    page, or the drill-down's mentions."""
    with query_connection(kind, path, version, raw) as (con, relation):
        query = _rows_query(con, kind, path, version, raw, relation, filters, limit)
        return _typed_rows(query_source.run(con, relation, query))


@st.cache_data(show_spinner=False, max_entries=16)
def load_timeline_cube(kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters) -> pd.DataFrame:
    """The cube of ``filters`` by day (a timeline binned by week needs days; its span is then at
    most half a year, so the cube stays small)."""
    with query_connection(kind, path, version, raw) as (con, relation):
        condition = relation_sql.where(filters, has_origin=relation.has_origin)
        if filters.count == "events":
            con.register(event_sql.WINDOWS, _event_map(kind, path, version, raw))
            ev = event_sql.events_relation(condition, relation.order)
            query = relation_sql.cube_query(relation_sql.Query("TRUE"), relation=ev.sql, grain="day")
            query = relation_sql.Query(query.sql, (*ev.params, *query.params))
        else:
            query = relation_sql.cube_query(condition, grain="day")
        return relation_sql.cube_frame(query_source.run(con, relation, query), grain="day")


def timeline_frame(kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters, cube: pd.DataFrame) -> pd.DataFrame:
    """What the timeline bins: the view's cube (by month), or its cube by day when the span is binned by week."""
    if cube.empty or time_range(cube).size != "week":
        return cube
    return load_timeline_cube(kind, path, version, raw, filters)


@st.cache_data(show_spinner=False, max_entries=16)
def load_totals(kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters) -> tuple[int, int, dict[str, int]]:
    """(every mention, those the filter shows, those each of its parts alone hides), for the
    headline's totals (:func:`components.headline.totals_from_counts`)."""
    with query_connection(kind, path, version, raw) as (con, relation):
        query, labels = relation_sql.filter_totals_query(filters, has_origin=relation.has_origin)
        row = query_source.run(con, relation, query).iloc[0]
    values = [int(v or 0) for v in row.tolist()]
    return values[0], values[1], dict(zip(labels, values[2:], strict=True))


@st.cache_data(show_spinner=False, max_entries=16)
def load_windows(kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters, step: str) -> list[Window]:
    """The playback's windows of ``step`` (week or month) that hold a filtered row (or event)."""
    with query_connection(kind, path, version, raw) as (con, relation):
        condition = relation_sql.where(filters, has_origin=relation.has_origin)
        if filters.count == "events":
            con.register(event_sql.WINDOWS, _event_map(kind, path, version, raw))
            ev = event_sql.events_relation(condition, relation.order)
            query = relation_sql.bins_query(relation_sql.Query("TRUE"), step, relation=ev.sql)
            query = relation_sql.Query(query.sql, (*ev.params, *query.params))
        else:
            query = relation_sql.bins_query(condition, step)
        spans = query_source.run(con, relation, query)
    return windows_of_bins(spans["_first"].to_numpy(), spans["_last"].to_numpy(), step)


def _windowed(con, relation, source: tuple, filters: Filters, start: date, end: date, build) -> relation_sql.Query:
    """``build(condition, relation)`` over the filtered rows (or, counting events, the events) whose
    date's period overlaps ``start``..``end``; ``source`` is (kind, path, version, raw)."""
    window = relation_sql.window_condition(start, end)
    condition = relation_sql.where(filters, has_origin=relation.has_origin)
    if filters.count == "events":
        con.register(event_sql.WINDOWS, _event_map(*source))
        ev = event_sql.events_relation(condition, relation.order)
        query = build(window, ev.sql)
        return relation_sql.Query(query.sql, (*ev.params, *query.params))
    return build(relation_sql.Query(f"{condition.sql} AND {window.sql}", (*condition.params, *window.params)), "rel")


@st.cache_data(show_spinner=False, max_entries=8)
def load_window_cube(
    kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters, start: date, end: date
) -> pd.DataFrame:
    """The cube of the filtered rows (or events) whose date's period overlaps ``start``..``end``."""
    with query_connection(kind, path, version, raw) as (con, relation):
        query = _windowed(
            con, relation, (kind, path, version, raw), filters, start, end,
            lambda condition, rel: relation_sql.cube_query(condition, relation=rel),
        )  # fmt: skip
        return relation_sql.cube_frame(query_source.run(con, relation, query))


@st.cache_data(show_spinner=False, max_entries=8)
def load_window_articles(
    kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters, start: date, end: date
) -> pd.DataFrame:
    """Articles per dyad (source, target, articles) of the filtered rows (or events) whose date's
    period overlaps ``start``..``end``: the dyad summary's article counts in a playback window."""
    with query_connection(kind, path, version, raw) as (con, relation):
        query = _windowed(
            con, relation, (kind, path, version, raw), filters, start, end,
            lambda condition, rel: relation_sql.articles_query(
                condition, relation.doc_range if rel == "rel" else None, relation=rel
            ),
        )  # fmt: skip
        return relation_sql.article_counts(query_source.run(con, relation, query)).by_dyad


@dataclass(frozen=True)
class QueryPlayback:
    """The playback's windows and rows from the queries: by month, from the view's cube (each of its
    rows is a month, or a year for a year-dated one); by week, a query per window."""

    kind: str
    path: str
    version: tuple[int, ...]
    raw: bool
    filters: Filters
    cube: pd.DataFrame

    def windows(self, step: str) -> list[Window]:
        if step == "month":
            return windows(self.cube, step)
        return load_windows(self.kind, self.path, self.version, self.raw, self.filters, step)

    def rows(self, window: Window) -> pd.DataFrame:
        if window.step == "month":
            return window_rows(self.cube, window)
        return load_window_cube(self.kind, self.path, self.version, self.raw, self.filters, window.start, window.end)

    def articles(self, window: Window) -> pd.DataFrame:
        """Articles per dyad in ``window`` (a cube counts no articles)."""
        return load_window_articles(self.kind, self.path, self.version, self.raw, self.filters, window.start, window.end)


def download_rows(kind: str, path: str, version: tuple[int, ...], raw: bool, filters: Filters) -> Callable[[], bytes]:
    """The deferred data of the table's download: every filtered row (or event), streamed from
    the query in batches into a CSV file (as :func:`extraction.table.write_csv` writes it)."""

    def build() -> bytes:
        with tempfile.TemporaryFile() as handle:
            return _write_download(handle)

    def _write_download(handle) -> bytes:
        first = True
        with query_connection(kind, path, version, raw) as (con, relation):
            query = _rows_query(con, kind, path, version, raw, relation, filters, None)
            for batch in query_source.stream(con, relation, query):
                write_csv_part(_typed_rows(batch), handle, header=first)
                first = False
        if first:  # no rows: the header alone
            write_csv_part(_typed_rows(pd.DataFrame(columns=list(relation.columns))), handle, header=True)
        handle.seek(0)
        # Streamlit takes bytes (or a BytesIO / read-only file; not the temporary file's
        # BufferedRandom): the rows stream into the file, and the file is read once at the end
        return handle.read()

    return build


@st.cache_data(show_spinner="Grouping mentions into events…", max_entries=2)
def _event_map(kind: str, path: str, version: tuple[int, ...], raw: bool) -> pd.DataFrame:
    """Where each day-dated event window starts, for the whole source at ``version``
    (:func:`components.events.window_starts`)."""
    with query_connection(kind, path, version, raw) as (con, relation):
        days = query_source.run(con, relation, event_sql.dated_keys_query())
    return event_sql.window_starts(days)


def _distinct_docs(relation: query_source.Relation) -> str:
    if relation.doc_range:
        return f"COALESCE(bit_count(bitstring_agg(_doc, {relation.doc_range[0]}, {relation.doc_range[1]})), 0)"
    return "count(DISTINCT doc_id)"


def _load_events(con, relation: query_source.Relation, condition: relation_sql.Query, windows: pd.DataFrame) -> ViewData:
    """:class:`ViewData` counting events: the cube and articles of one row per event."""
    con.register(event_sql.WINDOWS, windows)
    ev = event_sql.events_relation(condition, relation.order)

    def over_events(query: relation_sql.Query) -> pd.DataFrame:
        return query_source.run(con, relation, relation_sql.Query(query.sql, (*ev.params, *query.params)))

    everything = relation_sql.Query("TRUE")
    cube = relation_sql.cube_frame(over_events(relation_sql.cube_query(everything, relation=ev.sql)))
    articles = relation_sql.article_counts(over_events(relation_sql.articles_query(everything, None, relation=ev.sql)))
    totals = query_source.run(con, relation, event_sql.mention_totals(condition, _distinct_docs(relation))).iloc[0]
    by_origin = query_source.run(con, relation, relation_sql.origins_query(condition))
    origins = {str(k): int(v) for k, v in zip(by_origin["origin"], by_origin["n"], strict=True)}
    return ViewData(cube, articles, int(cube["_rows"].sum()), int(totals.iloc[0]), int(totals.iloc[1] or 0), origins)
