"""The table view's rows: the first rows, in the table's columns."""

from __future__ import annotations

import pandas as pd

from components.filters import Filters, apply_filters
from components.table_rows import TABLE_COLUMNS, table_rows


def test_table_rows_are_the_first_rows(rel: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    rows = table_rows(view, limit=5)
    assert list(rows.columns) == list(TABLE_COLUMNS) and len(rows) == 5
    assert list(rows["sentence"]) == list(view["sentence"].iloc[:5])


def test_event_counts_follow_the_date_and_origin_and_id_come_last(rel: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters()).assign(num_articles=1, num_mentions=2, origin="text", event_id="e")
    columns = list(table_rows(view, limit=3).columns)
    assert columns == ["event_date", "num_articles", "num_mentions", *TABLE_COLUMNS[1:], "origin", "event_id"]
    assert "_date" not in columns and "doc_url" not in columns  # internal and unshown columns stay out


def test_review_status_and_relation_id_come_before_origin(rel: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters()).assign(origin="text", relation_id="r0", review_status="confirmed")
    columns = list(table_rows(view, limit=3).columns)
    assert columns[-4:] == ["doc_id", "review_status", "relation_id", "origin"]


def test_every_column_is_headed_alike() -> None:
    from components.table_rows import COLUMNS_SHOWN

    headings = [c.heading for c in COLUMNS_SHOWN]
    assert all(h and h[0].isupper() and "_" not in h and not h.endswith(".") for h in headings), headings
    assert len(set(headings)) == len(headings)


def test_a_date_is_shown_as_precise_as_it_is() -> None:
    from components.prepare import prepare_relations
    from tests.components.helpers import relation

    rows = [
        relation(sentence_id=0, event_date="2017-01-01", date_precision="year"),
        relation(sentence_id=1, event_date="2017-03-01", date_precision="month"),
        relation(sentence_id=2, event_date="2017-03-05", date_precision="day"),
        relation(sentence_id=3, event_date="", date_precision="doc"),
    ]
    shown = table_rows(prepare_relations(pd.DataFrame(rows)))
    assert sorted(shown["event_date"]) == ["", "2017", "2017-03", "2017-03-05"]
