"""The dashboard's questions as DuckDB SQL: the filter, the mention cube, articles per dyad, a page
of rows, every row for a download, and the filter's choices. Pure: SQL text and parameters, and
the shaping of query results into the frames the views take; :mod:`components.data_source`
runs them (it is the module that opens files).

Every query reads the relation ``rel``, which :mod:`components.data_source` defines over the
store (its ``relations`` table, or the view ``reviewed_relations`` / ``raw_relations`` when
the store holds reviews) or over a CSV/Parquet table or Parquet dataset. ``rel`` has the
relation table's columns (:data:`extraction.schema.COLUMNS`, ``origin`` and the GDELT counts
when the source has them), plus

``_day``   DATE: the event date, else the article's date (NULL when neither is a date);
``_doc``   BIGINT: a dense number per doc_id (the store's ``doc_no``), or NULL when the
           source has none (articles are then counted with ``count(DISTINCT doc_id)``);
``_seq``   the source's own row order, the last tie-break of "newest first".

Only aggregates and one page of rows leave DuckDB. The **mention cube**
(:func:`cube_query`) counts the filtered rows per source, target, event type, quad class and
month (:data:`CUBE_COLUMNS`): a few thousand rows however many mentions there are. The data
modules take it as they take rows, each cube row standing for ``_rows`` mentions
(:func:`components.aggregate.row_weights`), so the map, network, timeline, matrix and headline
are computed from it exactly as from the rows themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pandas as pd

from extraction.schema import COLUMNS

from .filters import Filters

#: The cube's columns: the keys (``_prec``: the date's precision, 0 a day, 1 a month, 2 a year), the
#: measures (``_rows`` mentions; the sum and number of scored intensities, see
#: :func:`components.prepare.scored_mask`; the first and last day), then the rows' period at the
#: cube's grain (``_pstart``, ``_pend``: see :func:`components.bins.row_periods`).
CUBE_KEYS: tuple[str, ...] = ("source", "target", "event_type", "quad_class", "origin", "_month", "_prec")
CUBE_MEASURES: tuple[str, ...] = ("_rows", "_isum", "_iscored", "_dmin", "_dmax")
CUBE_COLUMNS: tuple[str, ...] = (*CUBE_KEYS, *CUBE_MEASURES, "_pstart", "_pend")
#: Grains of the cube: its rows group the mentions of a month, or of a day.
GRAINS: tuple[str, ...] = ("month", "day")
#: "Newest first": the order of :func:`components.prepare.prepare_relations`, then the source's.
NEWEST_FIRST = "_day DESC NULLS LAST, doc_id, sentence_id, _seq"
#: Rows that count toward the mean intensity: not negated, not hypothetical.
SCORED = "NOT COALESCE(negated, FALSE) AND modality IS DISTINCT FROM 'hypothetical' AND intensity IS NOT NULL"
#: Months since 1970-01 of ``_day`` (-1 when undated), as :func:`components.prepare.month_numbers`.
MONTH = "COALESCE(datediff('month', DATE '1970-01-01', _day), -1)"
#: The precision of a row's date, as :func:`components.bins.row_periods` reads it: 1 a month, 2 a
#: year (an event date given so), else 0 (a day; undated rows too).
PREC = (
    "CASE WHEN _day IS NULL OR COALESCE(event_date, '') = '' THEN 0 WHEN date_precision = 'month' THEN 1 "
    "WHEN date_precision = 'year' THEN 2 ELSE 0 END"
)


def _period(day: str, prec: str, grain: str) -> tuple[str, str]:
    """SQL of the first day and the day after the last of the period of a row dated ``day`` at
    precision ``prec``, a day-dated row's period being its ``grain`` (a day, or its month)."""
    if grain not in GRAINS:
        raise ValueError(f"unknown cube grain {grain!r}: use one of {', '.join(GRAINS)}")
    unit = "DAY" if grain == "day" else "MONTH"
    fine = f"CAST({day} AS DATE)" if grain == "day" else f"CAST(date_trunc('month', {day}) AS DATE)"
    start = (
        f"CASE WHEN {day} IS NULL THEN NULL WHEN {prec} = 2 THEN CAST(date_trunc('year', {day}) AS DATE) "
        f"WHEN {prec} = 1 THEN CAST(date_trunc('month', {day}) AS DATE) ELSE {fine} END"
    )
    end = (
        f"CASE WHEN {day} IS NULL THEN NULL WHEN {prec} = 2 THEN CAST(date_trunc('year', {day}) + INTERVAL 1 YEAR AS DATE) "
        f"WHEN {prec} = 1 THEN CAST(date_trunc('month', {day}) + INTERVAL 1 MONTH AS DATE) "
        f"ELSE CAST({fine} + INTERVAL 1 {unit} AS DATE) END"
    )
    return start, end


@dataclass(frozen=True)
class Query:
    """One SQL statement and its parameters."""

    sql: str
    params: tuple[object, ...] = field(default=())


def _marks(values: tuple[object, ...] | list[object]) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def like_pattern(text: str) -> str:
    """``text`` as an ILIKE pattern that matches it anywhere (``%`` and ``_`` taken literally)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_condition(text: str) -> str:
    """The evidence search (one parameter, :func:`like_pattern`). ``ESCAPE`` only when the text holds
    a wildcard or a backslash: DuckDB's ILIKE is more than twice as slow with it."""
    if any(c in text for c in "%_\\"):
        return "sentence ILIKE ? ESCAPE '\\'"
    return "sentence ILIKE ?"


def where(filters: Filters, *, has_origin: bool = True) -> Query:
    """The WHERE condition of ``filters`` over ``rel`` (``TRUE`` for no filter), as
    :func:`components.filters.filter_mask` applies it to a frame."""
    parts: list[str] = []
    params: list[object] = []
    if filters.countries:
        picked = list(filters.countries)
        src, tgt = f"source IN ({_marks(picked)})", f"target IN ({_marks(picked)})"
        if filters.match == "source":
            parts.append(src)
            params += picked
        elif filters.match == "target":
            parts.append(tgt)
            params += picked
        elif filters.match == "both":
            parts.append(f"{src} AND {tgt}")
            params += picked + picked
        else:
            parts.append(f"({src} OR {tgt})")
            params += picked + picked
    if len(filters.dyad) == 2:
        parts.append("source = ? AND target = ?")
        params += list(filters.dyad)
    if filters.date_from is not None:
        parts.append("_day >= ?")
        params.append(filters.date_from)
    if filters.date_to is not None:
        parts.append("_day < ?")
        params.append(filters.date_to + timedelta(days=1))
    if filters.event_types:
        parts.append(f"event_type IN ({_marks(list(filters.event_types))})")
        params += list(filters.event_types)
    if filters.quad_classes:
        parts.append(f"quad_class IN ({_marks(list(filters.quad_classes))})")
        params += list(filters.quad_classes)
    if not filters.include_negated:
        parts.append("NOT COALESCE(negated, FALSE)")
    if not filters.include_hypothetical:
        parts.append("modality IS DISTINCT FROM 'hypothetical'")
    if filters.min_confidence > 0:
        parts.append("COALESCE(confidence, -1.0) >= ?")
        params.append(float(filters.min_confidence))
    if filters.article:
        parts.append("doc_id = ?")
        params.append(filters.article)
    if filters.origins and has_origin:
        parts.append(f"origin IN ({_marks(list(filters.origins))})")
        params += list(filters.origins)
    if filters.text:  # last: the other conditions narrow the rows it searches
        parts.append(text_condition(filters.text))
        params.append(like_pattern(filters.text))
    return Query(" AND ".join(parts) or "TRUE", tuple(params))


def cube_query(condition: Query, relation: str = "rel", *, grain: str = "month") -> Query:
    """The mention cube (:data:`CUBE_COLUMNS`) of the rows of ``relation`` that meet ``condition``,
    a row per key and month (``grain="day"``: per day; for a timeline by week)."""
    start, end = _period("_dmin", "_prec", grain)
    time = MONTH if grain == "month" else "_day"
    sql = (
        f"SELECT source, target, event_type, quad_class, origin, COALESCE(datediff('month', DATE '1970-01-01', _dmin), -1) "
        f"AS _month, _prec, _rows, _isum, _iscored, _dmin, _dmax, {start} AS _pstart, {end} AS _pend FROM ("
        f"SELECT source, target, event_type, quad_class, origin, {time} AS _t, {PREC} AS _prec, count(*) AS _rows, "
        f"sum(intensity) FILTER (WHERE {SCORED}) AS _isum, count(*) FILTER (WHERE {SCORED}) AS _iscored, "
        f"min(_day) AS _dmin, max(_day) AS _dmax FROM {relation} WHERE {condition.sql} GROUP BY ALL)"
    )
    return Query(sql, condition.params)


def window_condition(start, end) -> Query:
    """Rows whose date's period (a day, or the month or year its precision says) overlaps the days
    ``start`` (inclusive) to ``end`` (exclusive), as :func:`components.bins.overlaps`. The bounds
    on ``_day`` itself (a period is at most a year) let DuckDB skip row groups by their zone maps."""
    first, after = _period("_day", f"({PREC})", "day")
    sql = (
        f"_day >= CAST(? AS DATE) - INTERVAL 1 YEAR AND _day < CAST(? AS DATE) + INTERVAL 1 YEAR "
        f"AND {first} < CAST(? AS DATE) AND {after} > CAST(? AS DATE)"
    )
    return Query(sql, (start, end, end, start))


def bins_query(condition: Query, size: str, relation: str = "rel") -> Query:
    """The distinct (first, last) bins of ``size`` (week or month, numbered as
    :func:`components.bins.bin_numbers`) the periods of the rows that meet ``condition`` span."""
    first, after = _period("_day", f"({PREC})", "day")
    last = f"({after} - INTERVAL 1 DAY)"
    if size == "week":
        number = "CAST(floor(datediff('day', DATE '1970-01-05', {}) / 7) AS BIGINT)"
    elif size == "month":
        number = "datediff('month', DATE '1970-01-01', {})"
    else:
        raise ValueError(f"unknown window size {size!r}: use week or month")
    sql = (
        f"SELECT DISTINCT {number.format(first)} AS _first, {number.format(last)} AS _last "
        f"FROM {relation} WHERE _day IS NOT NULL AND {condition.sql}"
    )
    return Query(sql, condition.params)


def totals_query(conditions: dict[str, Query], relation: str = "rel", *, lazy: str | None = None) -> Query:
    """One row: every row of ``relation``, the rows every condition passes (the filter's), and for
    each condition the rows only it fails (those it alone hides), in the order of ``conditions``
    (a filter's single parts: :func:`components.headline.single_filters`).

    ``lazy``: the label of a costly condition (the evidence search), evaluated only on the rows
    the others hide at most once of: where two others fail, the row is hidden by several filters
    whatever it gives."""
    eager = [label for label in conditions if label != lazy]
    flags = [f"COALESCE(({conditions[label].sql}), FALSE) AS _f{i}" for i, label in enumerate(eager)]
    params = [p for label in eager for p in conditions[label].params]
    names = {label: f"_f{i}" for i, label in enumerate(eager)}
    inner = f"SELECT {', '.join(flags) or '1 AS _one'}{', sentence' if lazy in conditions else ''} FROM {relation}"
    if lazy in conditions:
        failed = " + ".join(f"CAST(NOT {n} AS INTEGER)" for n in names.values()) or "0"
        inner = (
            f"SELECT *, CASE WHEN {failed} <= 1 THEN COALESCE(({conditions[lazy].sql}), FALSE) ELSE FALSE END AS _flazy "
            f"FROM ({inner})"
        )
        params = [*conditions[lazy].params, *params]  # its parameters come first in the text
        names[lazy] = "_flazy"
    ordered = [names[label] for label in conditions]
    passes = " AND ".join(ordered) or "TRUE"
    only = [
        "count(*) FILTER (WHERE " + " AND ".join([f"NOT {name}", *(o for o in ordered if o != name)]) + ")" for name in ordered
    ]
    sql = f"SELECT count(*), count(*) FILTER (WHERE {passes}){''.join(', ' + o for o in only)} FROM ({inner})"
    return Query(sql, tuple(params))


def filter_totals_query(filters: Filters, *, has_origin: bool = True) -> tuple[Query, tuple[str, ...]]:
    """The :func:`totals_query` of ``filters`` (its parts: :func:`components.headline.single_filters`,
    the evidence search evaluated lazily) and the labels of its per-part counts, in order."""
    from .headline import single_filters

    parts = single_filters(filters)
    conditions = {label: where(f, has_origin=has_origin) for label, f in parts.items()}
    search = next((label for label, f in parts.items() if f.text), None)
    return totals_query(conditions, lazy=search), tuple(parts)


def articles_query(condition: Query, doc_range: tuple[int, int] | None, relation: str = "rel") -> Query:
    """Distinct articles per directed dyad, and in all (the row whose ``_all`` is 1).

    With ``doc_range`` (the least and greatest ``_doc``), counted as set bits of a bitstring
    per dyad (``bitstring_agg``: one pass, no hash table of (dyad, article) pairs), and in
    all as the set bits of their union.
    """
    if doc_range is not None:
        lo, hi = (int(v) for v in doc_range)
        sql = (
            f"WITH dyads AS (SELECT source, target, bitstring_agg(_doc, {lo}, {hi}) AS docs FROM {relation} "
            f"WHERE {condition.sql} GROUP BY ALL) "
            "SELECT source, target, bit_count(docs) AS articles, 0 AS _all FROM dyads "
            "UNION ALL SELECT NULL, NULL, COALESCE(bit_count(bit_or(docs)), 0), 1 FROM dyads"
        )
    else:
        sql = (
            f"SELECT source, target, count(DISTINCT doc_id) AS articles, GROUPING(source) AS _all "
            f"FROM {relation} WHERE {condition.sql} GROUP BY GROUPING SETS ((source, target), ())"
        )
    return Query(sql, condition.params)


def rows_query(
    condition: Query,
    columns: tuple[str, ...],
    *,
    limit: int | None = None,
    order: str = NEWEST_FIRST,
    relation: str = "rel",
) -> Query:
    """The rows of ``relation`` that meet ``condition`` in ``order`` (newest first): ``columns``
    only, at most ``limit``."""
    cols = ", ".join(_quote(c) for c in columns)
    sql = f"SELECT {cols} FROM {relation} WHERE {condition.sql} ORDER BY {order}"
    params = condition.params
    if limit is not None:
        sql += " LIMIT ?"
        params = (*params, int(limit))
    return Query(sql, params)


def origins_query(condition: Query, relation: str = "rel") -> Query:
    """The rows of ``relation`` that meet ``condition`` per origin."""
    return Query(f"SELECT origin, count(*) AS n FROM {relation} WHERE {condition.sql} GROUP BY origin", condition.params)


def options_query(relation: str = "rel", *, has_origin: bool = True) -> Query:
    """One row: the actors (as source, as target), event types, first and last day, origins and number of rows."""
    origins = "list(DISTINCT origin) FILTER (WHERE origin <> '')" if has_origin else "[]"
    return Query(
        "SELECT list(DISTINCT source) FILTER (WHERE source <> ''), list(DISTINCT target) FILTER (WHERE target <> ''), "
        "list(DISTINCT event_type) FILTER (WHERE event_type <> ''), min(_day), max(_day), "
        f"{origins}, count(*) FROM {relation}"
    )


def articles_total_query(distinct_docs: str, relation: str = "rel") -> Query:
    """One row: the number of articles (``distinct_docs``, an aggregate). A query of its own: with
    the DISTINCT lists of :func:`options_query` in one statement, ``bitstring_agg`` is many times slower."""
    return Query(f"SELECT {distinct_docs} FROM {relation}")


def titles_query(relation: str = "rel", limit: int | None = None) -> Query:
    """doc_id and title of every article (its newest row's title), sorted by doc_id."""
    sql = (
        f"SELECT doc_id, arg_max(doc_title, _day) AS doc_title FROM {relation} "
        "WHERE doc_id <> '' GROUP BY doc_id ORDER BY doc_id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return Query(sql)


def has_article_query(doc_id: str, relation: str = "rel") -> Query:
    return Query(f"SELECT EXISTS (SELECT 1 FROM {relation} WHERE doc_id = ?)", (doc_id,))


# --------------------------------------------------------------------------- shaping results


def cube_frame(result: pd.DataFrame, grain: str = "month") -> pd.DataFrame:
    """A cube query's result with the dtypes the data modules expect (sorted by its keys); its
    ``attrs["grain"]`` says whether a row groups a month or a day."""
    frame = result.copy()
    for col in ("source", "target", "event_type", "quad_class"):
        frame[col] = frame[col].fillna("").astype(str)
    frame["origin"] = frame["origin"].fillna("text").astype(str)
    frame["_month"] = frame["_month"].astype("int32")
    frame["_rows"] = frame["_rows"].astype("int64")
    frame["_isum"] = pd.to_numeric(frame["_isum"]).fillna(0.0).astype("float64")
    frame["_iscored"] = frame["_iscored"].astype("int64")
    frame["_prec"] = frame["_prec"].astype("int8")
    for col in ("_dmin", "_dmax", "_pstart", "_pend"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    frame = frame[list(CUBE_COLUMNS)]
    frame = frame.sort_values([*CUBE_KEYS, "_dmin"], kind="stable").reset_index(drop=True)
    frame.attrs["grain"] = grain
    return frame


@dataclass(frozen=True)
class ArticleCounts:
    """Distinct articles among the filtered mentions: per directed dyad, and in all."""

    total: int
    by_dyad: pd.DataFrame  # source, target, articles


def article_counts(result: pd.DataFrame) -> ArticleCounts:
    """An :func:`articles_query` result as :class:`ArticleCounts`."""
    overall = result[result["_all"] == 1]
    total = int(overall["articles"].iloc[0]) if len(overall) else 0
    dyads = result[result["_all"] == 0][["source", "target", "articles"]].copy()
    dyads["source"] = dyads["source"].fillna("").astype(str)
    dyads["target"] = dyads["target"].fillna("").astype(str)
    dyads["articles"] = dyads["articles"].astype("int64")
    return ArticleCounts(total, dyads.reset_index(drop=True))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


#: The public columns a page of rows (and a download) holds, in order, among those of ``rel``.
def public_columns(available: tuple[str, ...]) -> tuple[str, ...]:
    extra = [c for c in available if c not in COLUMNS and not c.startswith("_")]
    return tuple([c for c in COLUMNS if c in available] + extra)
