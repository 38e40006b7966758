"""GDELT rows into the store, the relation filters, removing an origin: extraction.store.gdelt_import."""

from __future__ import annotations

import pytest

from extraction.errors import InputProblem, StoreError
from extraction.sources.gdelt import read_gdelt
from tests.extraction.store.helpers import GDELT_SAMPLE, A, B, C, FakeExtractor


def test_import_gdelt_rows_and_filters(store):
    store.add_documents([A, B, C], FakeExtractor())
    frame, _ = read_gdelt([GDELT_SAMPLE])
    report = store.import_relations(frame)
    assert (report.inserted, report.replaced) == (6, 0)
    again = store.import_relations(frame)  # importing the same file twice does not double the rows
    assert (again.inserted, again.replaced) == (6, 6)
    assert store.stats()["gdelt_relations"] == 6
    assert store.stats()["documents"] == 3  # GDELT rows have no documents

    gd = store.relations(origin="gdelt")
    assert list(gd["doc_id"]) == [f"gdelt-49800000{i}" for i in range(1, 7)]
    assert list(gd["gdelt_num_mentions"]) == [12, 4, 6, 3, 2, 20]
    assert list(store.relations(origin="text")["doc_id"]) == ["a", "a", "b", "c", "c"]

    japan_2016 = store.relations(actors=["JPN"], since="2016-05-27", until="2016-07-13")
    assert list(zip(japan_2016["doc_id"], japan_2016["event_date"], strict=True)) == [
        ("a", "2016-05-27"),
        ("b", "2016-05-28"),
        ("gdelt-498000002", "2016-07-12"),
        ("gdelt-498000003", "2016-07-13"),
    ]
    assert len(store.relations(actors=["PRK"])) == 1
    assert len(store.relations(actors=[])) == 0
    assert len(store.relations(since="2019-01-01")) == 2
    with pytest.raises(InputProblem, match="until: unparseable date"):
        store.relations(until="someday")

    assert store.remove("gdelt-498000006") == 1
    assert store.remove_origin("gdelt") == 5
    assert store.stats()["relations"] == 5
    with pytest.raises(StoreError):
        store.import_relations(frame, origin="text")
