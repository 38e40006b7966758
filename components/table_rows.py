"""The table view's rows: the first rows of the filtered mentions (or events), in the order
and with the headings the table shows (every column headed alike: a capitalised word or two).
A date is shown as precise as it is: ``2017`` for a year, ``2017-03`` for a month. Pure, no
Streamlit."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .review_data import shown_date

#: Rows sent to the browser at first (more on request); the download has all of them. A few hundred
#: rows fill the table's window many times over and cost the browser a fifth of a thousand.
DEFAULT_LIMIT = 200


class Column(NamedTuple):
    """One column of the table, as shown."""

    name: str
    heading: str
    number_format: str | None = None  # printf-style; set for the number columns
    width: str | None = None  # "small", "medium", "large"; None: Streamlit's default
    optional: bool = False  # shown only when the frame has it (event counts, review, relation id, origin, event id)


#: The table's columns in order: the relation table's columns a reader needs, the event
#: counts after the date when counting events; at the end, from a store, the review status
#: and the relation id (to review a mention from the command line), then the origin and
#: the event id.
COLUMNS_SHOWN: tuple[Column, ...] = (
    Column("event_date", "Date"),
    Column("num_articles", "Articles", "%d", optional=True),
    Column("num_mentions", "Mentions", "%d", optional=True),
    Column("source", "Source"),
    Column("event_type", "Event type"),
    Column("target", "Target"),
    Column("quad_class", "Quad class"),
    Column("intensity", "Intensity", "%+.1f"),
    Column("confidence", "Confidence", "%.2f"),
    Column("negated", "Negated"),
    Column("modality", "Modality"),
    Column("trigger", "Trigger"),
    Column("sentence", "Sentence", width="large"),
    Column("doc_title", "Article", width="medium"),
    Column("doc_id", "Article id"),
    Column("review_status", "Review", optional=True),
    Column("relation_id", "Relation id", optional=True),
    Column("origin", "Origin", optional=True),
    Column("event_id", "Event", optional=True),
)
#: The columns every table shows.
TABLE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS_SHOWN if not c.optional)


def table_rows(df: pd.DataFrame, *, limit: int = DEFAULT_LIMIT) -> pd.DataFrame:
    """The rows the table shows: the first ``limit`` rows, in the order of :data:`COLUMNS_SHOWN`
    (the optional columns when ``df`` has them)."""
    columns = [c.name for c in COLUMNS_SHOWN if not c.optional or c.name in df.columns]
    rows = df.iloc[:limit][columns].reset_index(drop=True)
    if "date_precision" in df.columns and len(rows):
        precision = df["date_precision"].iloc[:limit].to_numpy()
        rows["event_date"] = [
            shown_date({"event_date": d if isinstance(d, str) else "", "date_precision": p})
            for d, p in zip(rows["event_date"].astype(object), precision, strict=True)
        ]
    return rows
