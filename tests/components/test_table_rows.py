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
