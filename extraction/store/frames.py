"""Relation frames shaped for the store's relations table, and back."""

from __future__ import annotations

import pandas as pd

from extraction.relation_ids import RELATION_ID, relation_ids
from extraction.store.ddl import RELATION_FRAME_COLUMNS, RELATION_TABLE_COLUMNS, REVIEW_COLUMNS
from extraction.table import coerce_types, to_frame

_GDELT_COUNTS = ("gdelt_num_mentions", "gdelt_num_articles")


def text_relation_frame(relations: list, rename: dict[str, str]) -> pd.DataFrame:
    """Relation records of the documents in ``rename`` (planned id -> final id), store-shaped."""
    frame = to_frame(relations)
    frame = frame[frame["doc_id"].isin(rename)].copy()
    frame["doc_id"] = frame["doc_id"].map(rename)
    frame["origin"] = "text"
    for col in _GDELT_COUNTS:
        frame[col] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["row_no"] = frame.groupby("doc_id").cumcount().astype("int64")
    frame[RELATION_ID] = relation_ids(frame)
    return frame[list(RELATION_TABLE_COLUMNS)].reset_index(drop=True)


def imported_relation_frame(df: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Rows from another source (e.g. GDELT), store-shaped, all of ``origin``."""
    frame = coerce_types(df)
    frame["origin"] = origin
    for col in _GDELT_COUNTS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64") if col in frame else pd.NA
    frame["row_no"] = frame.groupby("doc_id").cumcount().astype("int64")
    frame[RELATION_ID] = relation_ids(frame)
    return frame[list(RELATION_TABLE_COLUMNS)]


def relation_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows read from the relation views: :data:`RELATION_FRAME_COLUMNS`, canonical dtypes."""
    frame = coerce_types(frame)
    frame["origin"] = frame["origin"].fillna("text").astype(str)
    for col in _GDELT_COUNTS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    for col in REVIEW_COLUMNS:
        frame[col] = frame[col].fillna("").astype(str)
    return frame[list(RELATION_FRAME_COLUMNS)].reset_index(drop=True)
