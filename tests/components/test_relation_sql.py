"""The dashboard's DuckDB queries give what the pandas functions give on the rows: every filter field,
over a CSV table, a Parquet dataset and a store (components.relation_sql, event_sql, query_source)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from components import event_sql, query_source, relation_sql
from components.aggregate import total_rows
from components.dyads import dyad_summary
from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters, filter_mask
from components.headline import headline, single_filters, totals, totals_from_counts
from components.map_data import actor_activity, unlocated_actors
from components.playback import window_rows, windows_of_bins
from components.playback import windows as playback_windows
from components.prepare import prepare_relations, public_frame
from components.timeline import dyad_options, intensity_series, time_range, timeline_series
from extraction.schema import COLUMNS
from extraction.store import Store
from extraction.table import coerce_types, read_table, write_table
from tests.extraction.store.test_bulk import write_dataset

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "dash_relations.csv"

FILTERS = [
    Filters(),
    Filters(include_negated=True, include_hypothetical=True),
    Filters(countries=("USA", "CHN")),
    Filters(countries=("USA", "CHN"), match="both"),
    Filters(countries=("JPN",), match="source"),
    Filters(countries=("KOR",), match="target"),
    Filters(date_from=date(2019, 1, 1), date_to=date(2023, 12, 31)),
    Filters(date_to=date(2019, 7, 23)),
    Filters(event_types=("AGREE", "SANCTION"), quad_classes=("material conflict",)),
    Filters(min_confidence=0.8),
    Filters(text="CHINA"),
    Filters(text="100%_"),  # % and _ are taken literally
    Filters(countries=("CHN",), text="china", date_from=date(2018, 1, 1), min_confidence=0.7),  # text with parameters
    Filters(countries=("USA", "KOR"), match="both", text="a_", event_types=("CONSULT", "AGREE")),
    Filters(article="2019-07-23-russia-china-joint-patrol"),
    Filters(origins=("text",)),
    Filters(countries=("TWN",), count="events"),
    Filters(count="events", include_negated=True, include_hypothetical=True),
    Filters(dyad=("USA", "CHN")),
    Filters(dyad=("CHN", "USA"), count="events", include_negated=True),
    Filters(dyad=("PRK", "USA"), countries=("PRK",), date_from=date(2017, 1, 1)),
]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    """The fixture, with a date known only to the year (2018) besides its two known to the month."""
    frame = read_table(FIXTURE)
    frame["origin"] = "text"
    frame.loc[3, ["event_date", "date_precision"]] = ["2018-01-01", "year"]
    return frame


@pytest.fixture(scope="module", params=["csv", "dataset", "store"])
def source(request, table, tmp_path_factory):
    """(connection opener, relation) over the fixture as a CSV table, a Parquet dataset or a store."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "csv":
        write_table(table, folder / "rel.csv")
        src = query_source.TableSource(folder / "rel.csv")
        yield src.cursor, src.relation
        src.close()
    elif request.param == "dataset":  # hive partitions, and one file beside them (no partition key)
        first = table["doc_id"] == table["doc_id"].iloc[0]
        ds = write_dataset(table[~first], folder / "ds")
        table[first].to_parquet(ds / "extra.parquet", index=False)
        src = query_source.TableSource(ds)
        yield src.cursor, src.relation
        src.close()
    else:
        store = Store(folder / "s.duckdb")
        store.add_relation_tables([write_dataset(table, folder / "ds")])
        yield store.query, query_source.store_relation(store, raw=False)


def _same(a, b) -> bool:
    """Equal headlines (NaN equal to NaN)."""
    left, right = vars(a), vars(b)
    return left.keys() == right.keys() and all(
        (isinstance(v, float) and np.isnan(v) and np.isnan(right[k])) or v == right[k] for k, v in left.items()
    )


def _rows(con, relation, condition):
    q = relation_sql.rows_query(condition, relation.columns, order=relation.order)
    return coerce_types(query_source.run(con, relation, q))


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: ",".join(f"{k}" for k, v in vars(f).items() if v != getattr(Filters(), k)) or "default")
def test_the_views_data_from_sql_equal_the_data_from_rows(source, table, flt):
    opener, relation = source
    frame = prepare_relations(table)
    mentions = apply_filters(frame, flt)
    with opener() as con:
        condition = relation_sql.where(flt, has_origin=relation.has_origin)
        if flt.count == "events":
            windows = event_sql.window_starts(query_source.run(con, relation, event_sql.dated_keys_query()))
            con.register(event_sql.WINDOWS, windows)
            ev = event_sql.events_relation(condition, relation.order)
            run = lambda q: query_source.run(con, relation, relation_sql.Query(q.sql, (*ev.params, *q.params)))  # noqa: E731
            everything = relation_sql.Query("TRUE")
            cube = relation_sql.cube_frame(run(relation_sql.cube_query(everything, relation=ev.sql)))
            articles = relation_sql.article_counts(run(relation_sql.articles_query(everything, None, relation=ev.sql)))
            cols = (*relation.columns, *event_sql.EVENT_COLUMNS)
            rows = run(relation_sql.rows_query(everything, cols, order=relation.order, relation=ev.sql))
            mask = filter_mask(frame, flt)
            expected = event_rows(frame[mask].assign(event_id=event_ids(frame)[mask].to_numpy()).reset_index(drop=True))
        else:
            cube = relation_sql.cube_frame(query_source.run(con, relation, relation_sql.cube_query(condition)))
            articles = relation_sql.article_counts(
                query_source.run(con, relation, relation_sql.articles_query(condition, relation.doc_range))
            )
            rows = _rows(con, relation, condition)
            expected = mentions
    # the rows, newest first, in the order of the pandas frame
    want = public_frame(expected).reset_index(drop=True)
    got = rows[[c for c in want.columns if c in rows.columns]].reset_index(drop=True)
    assert list(got["sentence"]) == list(want["sentence"])
    pd.testing.assert_frame_equal(
        coerce_types(got)[list(COLUMNS)], coerce_types(want[list(got.columns)])[list(COLUMNS)], check_dtype=False
    )
    if flt.count == "events":
        assert list(rows["event_id"]) == list(want["event_id"])
        assert list(rows["num_mentions"]) == list(want["num_mentions"])
        assert list(rows["num_articles"]) == list(want["num_articles"])
    # every aggregate the views draw
    unit = flt.count
    assert _same(headline(cube, articles=articles.total), headline(expected))
    pd.testing.assert_frame_equal(
        dyad_summary(cube, unit=unit, articles=articles.by_dyad), dyad_summary(expected, unit=unit)
    )
    # the timelines: binned as the rows are (by week on a short span: the cube by day then)
    rng = time_range(expected)
    assert time_range(cube) == rng
    with opener() as con:
        by_day = relation_sql.cube_frame(_over(con, relation, flt, lambda c, rel: relation_sql.cube_query(c, rel, grain="day")), "day")
    binned = by_day if rng.size == "week" else cube
    if rng.size == "week":
        with pytest.raises(ValueError, match="by week"):
            timeline_series(cube, unit=unit)
    for grained in {id(binned): binned, id(by_day): by_day}.values():  # the cube by day bins as the rows at any size
        pd.testing.assert_frame_equal(timeline_series(grained, unit=unit), timeline_series(expected, unit=unit))
        assert dyad_options(grained) == dyad_options(expected)
        for dyads in ([], dyad_options(expected)[:3]):
            pd.testing.assert_frame_equal(
                intensity_series(grained, dyads, unit=unit), intensity_series(expected, dyads, unit=unit)
            )
    # the playback: its windows, and what the map, network and matrix draw for one
    for step in ("month", "week"):
        with opener() as con:
            spans = _over(con, relation, flt, lambda c, rel, step=step: relation_sql.bins_query(c, step, rel))
        want_windows = playback_windows(expected, step)
        assert windows_of_bins(spans["_first"], spans["_last"], step) == want_windows
        if step == "month":
            assert playback_windows(cube, step) == want_windows
        for window in want_windows[:2] + want_windows[-1:]:
            wanted = window_rows(expected, window)
            cond = relation_sql.window_condition(window.start, window.end)
            with opener() as con:
                in_window = relation_sql.cube_frame(_over(con, relation, flt, lambda c, rel, w=cond: relation_sql.cube_query(_and(c, w), rel)))
                dyad_articles = relation_sql.article_counts(
                    _over(con, relation, flt, lambda c, rel, w=cond: relation_sql.articles_query(_and(c, w), None if rel != "rel" else relation.doc_range, rel))
                ).by_dyad
            got_rows = window_rows(cube, window) if step == "month" else in_window
            assert total_rows(got_rows) == len(wanted) == total_rows(in_window)
            pd.testing.assert_frame_equal(
                dyad_summary(got_rows, unit=unit, articles=dyad_articles), dyad_summary(wanted, unit=unit)
            )
    # the headline's totals: every mention, those shown, and what hides the others
    query, labels = relation_sql.filter_totals_query(flt, has_origin=relation.has_origin)
    assert labels == tuple(single_filters(flt))
    with opener() as con:
        counts = [int(v) for v in query_source.run(con, relation, query).iloc[0]]
    got_totals = totals_from_counts(
        counts[0], counts[1], dict(zip(labels, counts[2:], strict=True)),
        articles=int(frame["doc_id"].nunique()), articles_shown=int(mentions["doc_id"].nunique()),
    )  # fmt: skip
    assert got_totals == totals(frame, flt)
    locations = pd.DataFrame({"code": ["USA", "CHN", "JPN"], "lat": [1.0, 2.0, 3.0], "lon": [4.0, 5.0, 6.0]})
    pd.testing.assert_frame_equal(actor_activity(cube, locations, unit=unit), actor_activity(expected, locations, unit=unit))
    assert unlocated_actors(cube, locations) == unlocated_actors(expected, locations)


def _and(a: relation_sql.Query, b: relation_sql.Query) -> relation_sql.Query:
    return relation_sql.Query(f"({a.sql}) AND ({b.sql})", (*a.params, *b.params))


def _over(con, relation, flt: Filters, build) -> pd.DataFrame:
    """``build(condition, relation)`` over the filtered mentions, or over the events among them."""
    condition = relation_sql.where(flt, has_origin=relation.has_origin)
    if flt.count != "events":
        return query_source.run(con, relation, build(condition, "rel"))
    con.register(event_sql.WINDOWS, event_sql.window_starts(query_source.run(con, relation, event_sql.dated_keys_query())))
    ev = event_sql.events_relation(condition, relation.order)
    q = build(relation_sql.Query("TRUE"), ev.sql)
    return query_source.run(con, relation, relation_sql.Query(q.sql, (*ev.params, *q.params)))


def test_window_starts_are_the_greedy_windows_of_assign_event_ids():
    rng = np.random.default_rng(7)
    days = pd.to_datetime("2020-01-01") + pd.to_timedelta(rng.integers(0, 60, 400), unit="D")
    keys = pd.DataFrame({"_g": rng.choice(["a:", "b:", "c:"], 400), "_eday": days}).drop_duplicates()
    keys = keys.sort_values(["_g", "_eday"]).reset_index(drop=True)
    got = event_sql.window_starts(keys, window_days=3)
    for group, part in got.groupby("_g"):
        start = None
        for day, first in zip(part["_eday"], part["_start"], strict=True):
            if start is None or (day - start).days > 3:
                start = day
            assert first == start, group
    assert event_sql.window_starts(keys.iloc[0:0]).empty


def test_like_patterns_take_wildcards_literally():
    assert relation_sql.like_pattern("100%_a\\b") == "%100\\%\\_a\\\\b%"
