"""Events across articles: extraction.grouping."""

from __future__ import annotations

import pandas as pd
import pytest

from extraction.grouping import EVENT_COLUMNS, assign_event_ids, group_events
from extraction.schema import COLUMNS, EVENT_TYPES
from extraction.table import coerce_types


def rel(doc_id, source, target, event_type, date, precision="day", intensity=None, **extra):
    row = {c: "" for c in COLUMNS}
    row.update(
        doc_id=doc_id,
        source=source,
        target=target,
        event_type=event_type,
        quad_class=EVENT_TYPES[event_type][0],
        intensity=EVENT_TYPES[event_type][1] if intensity is None else intensity,
        event_date=date,
        date_precision=precision,
        sentence_id=0,
        sentence_start=0,
        sentence_end=0,
        negated=False,
        modality="asserted",
        confidence=1.0,
    )
    row.update(extra)
    return row


def frame(rows):
    return coerce_types(pd.DataFrame(rows))


def test_same_event_reported_by_several_articles_is_one_event():
    df = frame(
        [
            rel("a1", "CHN", "JPN", "ACCUSE", "2016-05-01", intensity=-3.0),
            rel("a2", "CHN", "JPN", "ACCUSE", "2016-05-02", intensity=-2.0),
            rel("a2", "CHN", "JPN", "ACCUSE", "2016-05-02", intensity=-2.0),  # second mention, same article
            rel("a3", "CHN", "JPN", "ACCUSE", "2016-05-04", intensity=-3.0, date_precision="doc"),
        ]
    )
    events = group_events(df)
    assert list(events.columns) == list(EVENT_COLUMNS)
    assert len(events) == 1
    ev = events.iloc[0]
    assert ev["event_id"] == "CHN>JPN:ACCUSE:2016-05-01"
    assert ev["origin"] == "text"
    assert (ev["first_date"], ev["last_date"]) == ("2016-05-01", "2016-05-04")
    assert ev["num_articles"] == 3
    assert ev["num_mentions"] == 4
    assert ev["mean_intensity"] == pytest.approx(-2.5)
    assert ev["doc_ids"] == ["a1", "a2", "a3"]
    assert ev["date_precision"] == "day"
    assert ev["quad_class"] == "verbal conflict"


def test_window_is_counted_from_the_first_date_of_the_event():
    df = frame(
        [
            rel("a1", "USA", "PRK", "SANCTION", "2017-01-01"),
            rel("a2", "USA", "PRK", "SANCTION", "2017-01-04"),  # 3 days later: same event
            rel("a3", "USA", "PRK", "SANCTION", "2017-01-05"),  # 4 days after the first: new event
            rel("a4", "USA", "PRK", "SANCTION", "2017-01-08"),
        ]
    )
    tagged = assign_event_ids(df)
    assert list(tagged["event_id"]) == [
        "USA>PRK:SANCTION:2017-01-01",
        "USA>PRK:SANCTION:2017-01-01",
        "USA>PRK:SANCTION:2017-01-05",
        "USA>PRK:SANCTION:2017-01-05",
    ]
    assert list(group_events(df)["num_articles"]) == [2, 2]
    assert list(group_events(df, window_days=0)["event_id"]) == [
        "USA>PRK:SANCTION:2017-01-01",
        "USA>PRK:SANCTION:2017-01-04",
        "USA>PRK:SANCTION:2017-01-05",
        "USA>PRK:SANCTION:2017-01-08",
    ]
    assert len(group_events(df, window_days=10)) == 1


def test_dyad_direction_and_type_separate_events():
    df = frame(
        [
            rel("a1", "USA", "JPN", "CONSULT", "2016-05-27"),
            rel("a1", "JPN", "USA", "CONSULT", "2016-05-27"),
            rel("a2", "USA", "JPN", "AGREE", "2016-05-27"),
            rel("a2", "USA", "JPN", "CONSULT", "2016-05-28"),
        ]
    )
    events = group_events(df)
    assert list(events["event_id"]) == [
        "JPN>USA:CONSULT:2016-05-27",
        "USA>JPN:AGREE:2016-05-27",
        "USA>JPN:CONSULT:2016-05-27",
    ]
    assert list(events["num_mentions"]) == [1, 1, 2]
    assert list(events["num_articles"]) == [1, 1, 2]


def test_month_and_year_precision_group_by_calendar_period_and_undated_by_document():
    df = frame(
        [
            rel("a1", "KOR", "JPN", "SANCTION", "2019-08-01", "month"),
            rel("a2", "KOR", "JPN", "SANCTION", "2019-08-01", "month"),
            rel("a3", "KOR", "JPN", "SANCTION", "2019-09-01", "month"),
            rel("a3", "KOR", "JPN", "SANCTION", "2019-08-01", "day"),  # day precision: not merged with the month
            rel("a4", "KOR", "JPN", "SANCTION", "2019-01-01", "year"),
            rel("a5", "KOR", "JPN", "SANCTION", "", "doc"),
            rel("a6", "KOR", "JPN", "SANCTION", "", "doc"),
        ]
    )
    tagged = assign_event_ids(df)
    assert list(tagged["event_id"]) == [
        "KOR>JPN:SANCTION:2019-08",
        "KOR>JPN:SANCTION:2019-08",
        "KOR>JPN:SANCTION:2019-09",
        "KOR>JPN:SANCTION:2019-08-01",
        "KOR>JPN:SANCTION:2019",
        "KOR>JPN:SANCTION:undated:a5",
        "KOR>JPN:SANCTION:undated:a6",
    ]
    events = group_events(df).set_index("event_id")
    assert events.loc["KOR>JPN:SANCTION:2019-08", "num_articles"] == 2
    assert events.loc["KOR>JPN:SANCTION:2019-08", "date_precision"] == "month"
    assert events.loc["KOR>JPN:SANCTION:2019", "date_precision"] == "year"
    assert events.loc["KOR>JPN:SANCTION:undated:a5", "date_precision"] == "undated"
    assert events.loc["KOR>JPN:SANCTION:2019-08-01", "date_precision"] == "day"
    assert len(events) == 6


def test_assign_event_ids_keeps_index_order_and_columns():
    df = frame(
        [
            rel("b", "CHN", "TWN", "MOBILIZE", "2022-08-05"),
            rel("a", "CHN", "TWN", "MOBILIZE", "2022-08-04"),
        ]
    )
    df.index = [10, 20]
    tagged = assign_event_ids(df)
    assert list(tagged.index) == [10, 20]
    assert list(tagged.columns) == [*df.columns, "event_id"]
    assert list(tagged["event_id"]) == ["CHN>TWN:MOBILIZE:2022-08-04"] * 2
    assert "event_id" not in df.columns  # input untouched


def test_origins_are_not_merged_and_gdelt_counts_are_summed():
    df = frame(
        [
            rel("t1", "USA", "CHN", "THREATEN", "2016-07-12", origin="text"),
            rel("gdelt-1", "USA", "CHN", "THREATEN", "2016-07-12", origin="gdelt"),
            rel("gdelt-2", "USA", "CHN", "THREATEN", "2016-07-13", origin="gdelt"),
        ]
    )
    df["gdelt_num_mentions"] = pd.array([pd.NA, 12, 5], dtype="Int64")
    df["gdelt_num_articles"] = pd.array([pd.NA, 10, 4], dtype="Int64")
    events = group_events(df).set_index("event_id")
    assert list(events.index) == ["USA>CHN:THREATEN:2016-07-12", "gdelt:USA>CHN:THREATEN:2016-07-12"]
    assert events.loc["gdelt:USA>CHN:THREATEN:2016-07-12", "num_mentions"] == 17
    assert events.loc["gdelt:USA>CHN:THREATEN:2016-07-12", "num_articles"] == 14
    assert events.loc["gdelt:USA>CHN:THREATEN:2016-07-12", "origin"] == "gdelt"
    assert events.loc["USA>CHN:THREATEN:2016-07-12", "num_mentions"] == 1


def test_empty_table_and_bad_window():
    empty = frame([rel("a", "USA", "JPN", "AGREE", "2016-01-01")]).iloc[0:0]
    events = group_events(empty)
    assert list(events.columns) == list(EVENT_COLUMNS)
    assert len(events) == 0
    assert list(assign_event_ids(empty).columns) == [*COLUMNS, "event_id"]
    with pytest.raises(ValueError):
        assign_event_ids(empty, window_days=-1)
