"""The table view's rows: the first rows of the filtered mentions (or events), in the order
and with the headings the table shows. Pure, no Streamlit."""

from __future__ import annotations

import pandas as pd

#: Rows sent to the browser; the download has all of them.
DEFAULT_LIMIT = 1000


TABLE_COLUMNS: tuple[str, ...] = (
    "event_date",
    "source",
    "event_type",
    "target",
    "quad_class",
    "intensity",
    "confidence",
    "negated",
    "modality",
    "trigger",
    "sentence",
    "doc_title",
    "doc_id",
)


#: Shown when the frame has them: after the date when counting events, and at the end.
EVENT_COUNT_COLUMNS: tuple[str, ...] = ("num_articles", "num_mentions")


TRAILING_COLUMNS: tuple[str, ...] = ("origin", "event_id")


def table_rows(df: pd.DataFrame, *, limit: int = DEFAULT_LIMIT) -> pd.DataFrame:
    """The rows the table shows: the first ``limit`` relations, in :data:`TABLE_COLUMNS` (plus the
    event counts, origin and event id when ``df`` has them)."""
    order = (TABLE_COLUMNS[0], *EVENT_COUNT_COLUMNS, *TABLE_COLUMNS[1:], *TRAILING_COLUMNS)
    columns = [c for c in order if c in df.columns]
    return df.iloc[:limit][columns].reset_index(drop=True)
