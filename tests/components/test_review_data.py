"""The dashboard's review helpers: components.review_data."""

from __future__ import annotations

import pandas as pd
import pytest

from components.review_data import (
    BUSY,
    PROGRESS_PARTS,
    ReviewRequest,
    fix_changes,
    progress_caption,
    progress_figures,
    record_review,
    sentence_choices,
    shown_date,
)
from extraction.store import Store
from extraction.store.locking import StoreLock
from tests.extraction.store.helpers import A, B, FakeExtractor

ROW = {"source": "USA", "target": "JPN", "event_type": "CONSULT", "event_date": "2016-05-01",
       "date_precision": "month", "negated": False, "relation_id": "r1"}  # fmt: skip


@pytest.mark.parametrize(
    ("date", "precision", "shown"),
    [("2016-05-27", "day", "2016-05-27"), ("2016-05-01", "month", "2016-05"), ("2016-01-01", "year", "2016"),
     ("2016-05-27", "doc", "2016-05-27"), ("", "doc", "")],
)  # fmt: skip
def test_dates_are_shown_at_their_precision(date, precision, shown):
    assert shown_date({"event_date": date, "date_precision": precision}) == shown


@pytest.mark.parametrize(
    ("form", "changes"),
    [
        ({}, {}),
        ({"event_date": "2016-05"}, {}),  # the date as shown: unchanged
        ({"event_date": "  "}, {}),  # emptied: the date is kept
        ({"event_type": "AGREE"}, {"event_type": "AGREE"}),
        ({"reverse": True}, {"source": "JPN", "target": "USA"}),
        ({"event_date": "2016-05-03"}, {"event_date": "2016-05-03"}),
        ({"negated": True}, {"negated": True}),
        ({"event_type": "AGREE", "reverse": True, "negated": True},
         {"event_type": "AGREE", "source": "JPN", "target": "USA", "negated": True}),
    ],
)  # fmt: skip
def test_a_fix_form_changes_only_what_differs(form, changes):
    values = {"event_type": "CONSULT", "reverse": False, "event_date": "2016-05", "negated": False, **form}
    assert fix_changes(ROW, **values) == changes


def test_sentences_are_numbered_as_the_extractor_numbers_them():
    assert sentence_choices("Abe met Obama. They talked.\n\nNo deal.") == [
        (0, "Abe met Obama."), (1, "They talked."), (2, "No deal."),
    ]  # fmt: skip
    assert sentence_choices("") == []


def test_progress_figures_and_caption():
    progress = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "extracted": [2, 3, 4, 0],
            "reviewed": [2, 1, 0, 0],
            "confirmed": [1, 1, 0, 0],
            "fixed": [0, 0, 0, 0],
            "rejected": [1, 0, 0, 0],
            "added": [0, 0, 0, 2],
            "fully_reviewed": [True, False, False, True],
        }
    )
    figures = progress_figures(progress)
    assert figures[["bar", "part", "count"]].values.tolist() == [
        ["Articles", "fully reviewed", 2], ["Articles", "partly reviewed", 1], ["Articles", "not reviewed", 1],
        ["Extracted mentions", "confirmed", 2], ["Extracted mentions", "fixed", 0],
        ["Extracted mentions", "rejected", 1], ["Extracted mentions", "not reviewed", 6],
    ]  # fmt: skip
    assert figures.groupby("bar")["share"].sum().round(9).tolist() == [1.0, 1.0]
    assert set(figures["part"]) <= set(PROGRESS_PARTS)
    assert progress_caption(progress) == (
        "articles fully reviewed: 2 of 4 · extracted mentions reviewed: 3 of 9 · 2 mentions added by reviewers"
    )
    empty = progress.iloc[0:0]
    assert progress_figures(empty)["count"].sum() == 0 and progress_figures(empty)["share"].sum() == 0
    assert progress_caption(empty) == "articles fully reviewed: 0 of 0 · extracted mentions reviewed: 0 of 0"


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.add_documents([A, B], FakeExtractor())
    return store


def test_record_review_answers_with_a_notice(store):
    rid = store.relations()["relation_id"][0]
    kind, message = record_review(store, ReviewRequest("confirm", relation_id=rid), "ann")
    assert (kind, message) == (
        "success",
        f"Confirmed `USA->JPN CONSULT in a, sentence 0` (relation `{rid}`, reviewer `ann`).",
    )
    kind, message = record_review(store, ReviewRequest("fix", relation_id=rid, changes={"negated": True}), "ann")
    assert kind == "success" and message.endswith(": `negated false -> true` (relation " + f"`{rid}`, reviewer `ann`).")
    assert record_review(store, ReviewRequest("fix", relation_id=rid), "ann")[0] == "info"
    changes = {
        "source": "CHN",
        "target": "JPN",
        "event_type": "PROTEST",
        "event_date": None,
        "sentence_id": 0,
        "negated": False,
    }
    kind, message = record_review(store, ReviewRequest("add", doc_id="b", changes=changes), "ann")
    assert kind == "success" and message.startswith("Added `CHN->JPN PROTEST in b, sentence 0`")
    # the store's coded errors, shown as code (never as Markdown), and nothing written
    before = store.reviews(history=True)
    for request, reviewer, error in [
        (ReviewRequest("confirm", relation_id="r0000000000000000"), "ann", "[E023] no relation 'r0000000000000000' in the store"),
        (ReviewRequest("reject", relation_id=rid), "", "[E024] reviewer: no name given"),
        (ReviewRequest("add", doc_id="![x](https://evil/)", changes=changes), "ann", "[E022] no document '![x](https://evil/)' in the store"),
    ]:  # fmt: skip
        kind, message = record_review(store, request, reviewer)
        assert kind == "error" and message.startswith(f"Nothing was recorded: `{error}")
    pd.testing.assert_frame_equal(store.reviews(history=True), before)


def test_record_review_when_the_store_is_busy(store):
    busy = Store(store.path, lock_timeout=0.2)
    rid = store.relations()["relation_id"][0]
    with StoreLock(store.path).hold(exclusive=True, timeout=1):
        assert record_review(busy, ReviewRequest("confirm", relation_id=rid), "ann") == ("error", BUSY)
    assert store.reviews().empty
