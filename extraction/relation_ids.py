"""Stable relation ids: a short hash of what makes a relation mention itself.

A relation mention's id is derived from its document, sentence span, source, target,
event type and trigger (:data:`ID_FIELDS`), so re-extracting an unchanged sentence gives
the same id, and a review attached to the id stays attached. It does not depend on the
row's date, negation, modality, confidence or position in the table.

An id is ``r`` and 16 hex digits of the SHA-256 of those fields (``r`` keeps spreadsheet
programs from reading it as a number). Rows of one table equal in every id field (the
same trigger coding the same dyad twice in one sentence) get ``-2``, ``-3``, ... in row
order.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

#: The fields a relation id is derived from.
ID_FIELDS: tuple[str, ...] = (
    "doc_id",
    "sentence_start",
    "sentence_end",
    "source",
    "target",
    "event_type",
    "trigger",
)
#: Column name of the id in relation tables and exports.
RELATION_ID = "relation_id"
#: Hex digits of the hash kept in an id.
HASH_DIGITS = 16
#: The shape of an id: "r" + 16 hex digits, optionally "-N" for a repeated row.
ID_PATTERN = re.compile(rf"r[0-9a-f]{{{HASH_DIGITS}}}(?:-[1-9][0-9]*)?")


def relation_id(
    doc_id: str,
    sentence_start: int,
    sentence_end: int,
    source: str,
    target: str,
    event_type: str,
    trigger: str,
) -> str:
    """The id of one relation mention, e.g. ``"r3fa9c2d1e0b47a11"``."""
    key = "\x1f".join(
        (str(doc_id), str(int(sentence_start)), str(int(sentence_end)), source, target, event_type, trigger)
    )
    return "r" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:HASH_DIGITS]


def relation_ids(frame: pd.DataFrame) -> pd.Series:
    """The id of every row of a relation table (it needs the :data:`ID_FIELDS` columns).

    Returns a string Series aligned with ``frame``'s index; a row equal to an earlier
    row in every id field gets the earlier id with ``-2``, ``-3``, ... appended.
    """
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object, name=RELATION_ID)
    columns = [frame[c].tolist() for c in ID_FIELDS]
    ids = pd.Series([relation_id(*fields) for fields in zip(*columns, strict=True)], index=frame.index)
    repeat = ids.groupby(ids, sort=False).cumcount()
    if repeat.any():
        ids = ids.where(repeat == 0, ids + "-" + (repeat + 1).astype(str))
    return ids.astype(object).rename(RELATION_ID)


def is_relation_id(value: str) -> bool:
    """Whether ``value`` has the shape of a relation id (not whether such a relation exists)."""
    return bool(ID_PATTERN.fullmatch(value or ""))
