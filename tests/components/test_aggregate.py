"""Integer-code counting shared by the views."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.aggregate import actor_codes, column_codes, count, distinct_per_group
from components.filters import Filters, apply_filters


def test_column_codes_plain_categorical_and_missing() -> None:
    codes, labels = column_codes(pd.Series(["b", "a", "b", None], dtype=object))
    assert [labels[c] for c in codes] == ["b", "a", "b", ""]
    cat = pd.Series(["x", "y", "x"], dtype="category")
    codes, labels = column_codes(cat)
    assert [labels[c] for c in codes] == ["x", "y", "x"]


def test_actor_codes_fast_and_slow_paths_agree(raw: pd.DataFrame, rel: pd.DataFrame) -> None:
    fast = actor_codes(rel)  # prepared: shared categories
    slow = actor_codes(raw)  # plain strings
    assert fast.actors == slow.actors == sorted(set(raw["source"]) | set(raw["target"]))
    assert [fast.actors[i] for i in fast.src] == list(rel["source"].astype(str))
    assert [slow.actors[i] for i in slow.tgt] == list(raw["target"])
    view = apply_filters(rel, Filters(countries=("TWN",)))
    codes = actor_codes(view)
    assert {codes.actors[i] for i in np.concatenate([codes.src, codes.tgt])} <= set(codes.actors)
    assert codes.index("TWN") >= 0 and codes.index("nobody") == -1


def test_count_and_distinct() -> None:
    assert list(count(np.array([0, 2, 2]), 4)) == [1, 0, 2, 0]
    assert list(count(np.array([0, 2]), 3, np.array([0.5, 1.5]))) == [0.5, 0.0, 1.5]
    groups = np.array([0, 0, 0, 1, 1])
    items = np.array([7, 7, 3, 3, 3])
    assert list(distinct_per_group(groups, items, 3)) == [2, 1, 0]
    assert list(distinct_per_group(np.array([], dtype=np.int64), np.array([], dtype=np.int64), 2)) == [0, 0]
