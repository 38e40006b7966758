"""Stable relation ids: extraction.relation_ids."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction.relation_ids import ID_FIELDS, is_relation_id, relation_id, relation_ids
from extraction.table import to_frame
from tests.extraction.store.helpers import A, B, C, FakeExtractor

KEY = {
    "doc_id": "a",
    "sentence_start": 15,
    "sentence_end": 32,
    "source": "USA",
    "target": "JPN",
    "event_type": "CONSULT",
    "trigger": "mark",
}


def test_the_id_of_a_known_relation_is_pinned():
    # stored reviews refer to these ids: the derivation must not change silently
    assert relation_id(**KEY) == "r44b0911a73ad5576"


@pytest.mark.parametrize(
    ("field", "other"),
    [
        ("doc_id", "a-2"),
        ("sentence_start", 17),
        ("sentence_end", 36),
        ("source", "CHN"),
        ("target", "KOR"),
        ("event_type", "AGREE"),
        ("trigger", "met"),
    ],
)
def test_every_id_field_changes_the_id(field, other):
    assert field in ID_FIELDS
    assert relation_id(**{**KEY, field: other}) != relation_id(**KEY)


def test_fields_are_not_concatenated_ambiguously():
    # "a" + "b1" and "ab" + "1" must not collide
    assert relation_id("ab", 1, 2, "USA", "JPN", "AGREE", "x") != relation_id("a", 1, 2, "USA", "JPN", "AGREE", "bx")
    assert relation_id("a", 11, 2, "USA", "JPN", "AGREE", "") != relation_id("a", 1, 12, "USA", "JPN", "AGREE", "")


def test_other_columns_and_row_order_do_not_change_the_ids():
    frame = to_frame(FakeExtractor().extract([A, B, C]))
    ids = relation_ids(frame)
    assert ids.tolist()[0] == "r44b0911a73ad5576"  # A's first mark is KEY
    changed = frame.assign(
        event_date="1999-01-01", negated=True, modality="hypothetical", confidence=0.1, sentence_id=7,
        doc_title="other", sentence="other", intensity=0.0,
    )  # fmt: skip
    assert relation_ids(changed).tolist() == ids.tolist()
    shuffled = frame.sample(frac=1.0, random_state=3)
    assert relation_ids(shuffled).to_dict() == ids.to_dict()
    assert all(is_relation_id(i) for i in ids)
    assert ids.is_unique


def test_repeated_rows_get_numbered_ids_in_row_order():
    frame = to_frame(FakeExtractor().extract([A]))
    twice = pd.concat([frame, frame.iloc[[0]], frame.iloc[[0]]], ignore_index=True)
    ids = relation_ids(twice).tolist()
    first = ids[0]
    assert ids == [first, ids[1], f"{first}-2", f"{first}-3"]
    assert all(is_relation_id(i) for i in ids)


def test_empty_table_and_id_shape():
    empty = to_frame([])
    assert relation_ids(empty).tolist() == []
    for good in ("r44b0911a73ad5576", "r44b0911a73ad5576-2"):
        assert is_relation_id(good)
    for bad in (
        "",
        "25cc7691a1ee4a28",
        "r44b0911a73ad557",
        "r44B0911A73AD5576",
        "r44b0911a73ad5576-0",
        "r44b0911a73ad5576 ",
    ):
        assert not is_relation_id(bad)


_text = st.text(max_size=12)
_rows = st.lists(
    st.tuples(_text, st.integers(-1, 10_000), st.integers(-1, 10_000), _text, _text, _text, _text),
    max_size=30,
)


@given(_rows)
def test_ids_are_unique_and_depend_only_on_the_row(rows):
    frame = pd.DataFrame(rows, columns=list(ID_FIELDS))
    ids = relation_ids(frame)
    assert ids.is_unique
    distinct = frame.drop_duplicates()
    # a row's id does not depend on the rows around it (first occurrences keep the bare hash)
    assert relation_ids(distinct).tolist() == [relation_id(*r) for r in distinct.itertuples(index=False)]
    assert ids.loc[distinct.index].tolist() == [relation_id(*r) for r in distinct.itertuples(index=False)]
