"""Counting events in DuckDB: the event of every mention, and one row per event among the filtered
mentions, as :mod:`components.events` and :func:`extraction.grouping.assign_event_ids` do in pandas.
Pure: SQL text, and the one step SQL cannot do well (:func:`window_starts`).

An event groups the mentions of the same origin, source, target and event type (negated and
hypothetical mentions apart) whose event dates fall in one window: a month or a year at those
precisions, one article for undated mentions, and, for day dates, windows of at most
:data:`~extraction.grouping.DEFAULT_WINDOW_DAYS` days opened greedily from the earliest day.
That greedy chain runs in numpy over the distinct (group, day) pairs of the whole source
(:func:`window_starts`, computed once per source version); the queries join it back
(``_event_windows``: ``_g``, ``_eday``, ``_start``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from extraction.grouping import DEFAULT_WINDOW_DAYS

from .relation_sql import Query

#: The registered name of :func:`window_starts`'s frame in the queries.
WINDOWS = "_event_windows"
_KIND = (
    "event_type || CASE WHEN COALESCE(negated, FALSE) THEN '(negated)' "
    "WHEN modality = 'hypothetical' THEN '(hypothetical)' ELSE '' END"
)
#: The event's group: origin (but text), source, target, kind.
GROUP = f"(CASE WHEN origin <> 'text' THEN origin || ':' ELSE '' END) || source || '>' || target || ':' || {_KIND} || ':'"
EVENT_DAY = "TRY_CAST(left(event_date, 10) AS DATE)"
BUCKET = (
    "CASE WHEN event_date = '' THEN 'none' WHEN date_precision = 'month' THEN 'month' "
    f"WHEN date_precision = 'year' THEN 'year' WHEN {EVENT_DAY} IS NULL THEN 'none' ELSE 'day' END"
)
#: Columns an event row has after those of its representative mention.
EVENT_COLUMNS: tuple[str, ...] = ("num_articles", "num_mentions", "event_id")


def dated_keys_query() -> Query:
    """The distinct (group, day) pairs of the day-dated mentions of ``rel``, sorted."""
    return Query(f"SELECT DISTINCT {GROUP} AS _g, {EVENT_DAY} AS _eday FROM rel WHERE {BUCKET} = 'day' ORDER BY 1, 2")


def window_starts(keys: pd.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """For each (group, day) of ``keys`` (sorted), the first day of its window (``_start``).

    Per group, a window opens at the earliest day and holds the days up to ``window_days``
    after it; the next day beyond opens the next window. All groups step together: one
    numpy step per window of the longest group.
    """
    out = keys[["_g", "_eday"]].copy()
    if out.empty:
        out["_start"] = pd.Series([], dtype="datetime64[ns]")
        return out
    days = pd.to_datetime(out["_eday"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    groups = pd.factorize(out["_g"], sort=False)[0].astype(np.int64)
    span = int(days.max() - days.min()) + window_days + 2
    key = groups * span + (days - days.min())
    firsts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    ends = np.r_[firsts[1:], len(key)]
    is_start = np.zeros(len(key), dtype=bool)
    current, active = firsts.copy(), np.ones(len(firsts), dtype=bool)
    while active.any():
        is_start[current[active]] = True
        following = np.searchsorted(key, key[current] + window_days, side="right")
        active &= following < ends
        current = np.where(active, following, current)
    position = np.maximum.accumulate(np.where(is_start, np.arange(len(key)), 0))
    out["_start"] = out["_eday"].to_numpy()[position]
    return out


def event_id_sql(alias: str = "m") -> str:
    """SQL: the readable event id of a mention (``USA>JPN:AGREE:2016-05-27``), given its window."""
    return (
        f"CASE {BUCKET} WHEN 'none' THEN {GROUP} || 'undated:' || doc_id "
        f"WHEN 'month' THEN {GROUP} || left(event_date, 7) WHEN 'year' THEN {GROUP} || left(event_date, 4) "
        f"ELSE {GROUP} || strftime({alias}._start, '%Y-%m-%d') END"
    )


def events_relation(condition: Query, order: str) -> Query:
    """A subquery (``(...) AS ev``) of one row per event among the mentions of ``rel`` that meet
    ``condition``: the event's most confident mention (the first, newest first, on a tie),
    with ``num_articles`` and ``num_mentions`` among those mentions (GDELT rows bring their
    own) and ``event_id``."""
    mentions = (
        f"SELECT r.*, {event_id_sql('w')} AS event_id FROM rel r LEFT JOIN {WINDOWS} w "
        f"ON w._g = {GROUP} AND w._eday = {EVENT_DAY} "
        f"WHERE {condition.sql}"
    )
    sql = (
        f"(WITH m AS MATERIALIZED ({mentions}), "
        "stats AS (SELECT event_id, count(DISTINCT doc_id) FILTER (WHERE gdelt_num_articles IS NULL) "
        "+ COALESCE(sum(gdelt_num_articles), 0) AS num_articles, sum(COALESCE(gdelt_num_mentions, 1)) AS num_mentions "
        "FROM m GROUP BY event_id), "
        "rep AS (SELECT * FROM m QUALIFY row_number() OVER (PARTITION BY event_id "
        f"ORDER BY COALESCE(confidence, -1.0) DESC, {order}) = 1) "
        "SELECT rep.* EXCLUDE (event_id), stats.num_articles, stats.num_mentions, rep.event_id "
        "FROM rep JOIN stats USING (event_id)) AS ev"
    )
    return Query(sql, condition.params)


def mention_totals(condition: Query, doc_distinct: str) -> Query:
    """The filtered mentions and their distinct articles (one row)."""
    return Query(f"SELECT count(*), {doc_distinct} FROM rel WHERE {condition.sql}", condition.params)
