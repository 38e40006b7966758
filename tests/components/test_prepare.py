"""The prepared frame keeps the public relation table."""

from __future__ import annotations

import pandas as pd

from components.prepare import prepare_relations, public_frame
from extraction.schema import COLUMNS


def test_prepare_keeps_the_public_table(raw: pd.DataFrame) -> None:
    prepared = prepare_relations(raw)
    assert list(public_frame(prepared).columns) == list(COLUMNS)
    key = ["doc_id", "sentence_id", "source", "target", "event_type"]
    a = public_frame(prepared).astype(str).sort_values(key).reset_index(drop=True)
    b = raw.astype(str).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert prepared["_date"].is_monotonic_decreasing  # newest first
