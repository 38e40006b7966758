"""Reviews in the dashboard, run headless with Streamlit's AppTest on a store filled from a tiny
corpus: Confirm / Reject / Fix under a mention's evidence, the sidebar's reviewer and raw
toggle, "Add a missed relation" and the review-progress figure on the Articles page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.downloads import download_name
from components.filters import Filters
from components.review_view import NO_NAME
from extraction.store import Store
from tests import test_app
from tests.test_app import (
    ARTICLES,
    DASHBOARD,
    make_app,
    metrics,
    on_page,
    open_article,
    read_csv,
    select_row,
    store_app,
    table_frame,
)

# the app tests' fixtures: a store filled from a tiny corpus, and the downloads' data
store_db = test_app.store_db
downloads = test_app.downloads


#: The table's download under the default filter.
MENTIONS_CSV = download_name("mentions", Filters())


@pytest.fixture()
def reviewer_ann(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("RELDASH_REVIEWER", "ann")
    return "ann"


def notices(at: AppTest) -> list[tuple[str, str]]:
    return [(kind, str(e.value)) for kind in ("success", "info", "error", "warning") for e in at.get(kind)]


def page_html(at: AppTest) -> str:
    """The page's HTML blocks (evidence, article), without the script that watches for dropped links and
    the map's legend."""
    return "\n".join(
        h.value for h in at.html if "reldash-dropped-query" not in h.value and "reldash-map-legend" not in h.value
    )


def shown_row(at: AppTest, relation_id: str) -> pd.Series | None:
    frame = table_frame(at).set_index("relation_id")
    return frame.loc[relation_id] if relation_id in frame.index else None


def test_confirm_and_reject_from_the_evidence_panel(store_db: Path, reviewer_ann: str, downloads) -> None:
    at = store_app()
    assert not at.exception
    total = int(metrics(at)["Mentions"])
    assert [w.label for w in at.sidebar.text_input][0] == "Reviewer"
    assert at.sidebar.text_input(key="reviewer").value == "ann"
    assert any("(reviews applied) · articles fully reviewed: 0 of 3" in c.value for c in at.caption)

    first = table_frame(at).iloc[0]
    select_row(at, store_db, 0)
    assert f"relation <code>{first['relation_id']}</code>" in page_html(at)
    assert any(c.value == f"Review: **not reviewed** · relation `{first['relation_id']}`" for c in at.caption)
    at.button(key="review_confirm").click().run()
    assert not at.exception
    sentence = Store(store_db).relations().set_index("relation_id").loc[first["relation_id"], "sentence_id"]
    assert notices(at) == [
        ("success", f"Confirmed `{first['source']}->{first['target']} {first['event_type']} in {first['doc_id']}, "
                    f"sentence {sentence}` (relation `{first['relation_id']}`, reviewer `ann`).")
    ]  # fmt: skip
    assert not page_html(at)  # the write starts the table without a selection
    assert shown_row(at, first["relation_id"])["review_status"] == "confirmed"
    assert Store(store_db).reviews()[["relation_id", "verdict", "reviewer"]].values.tolist() == [
        [first["relation_id"], "confirm", "ann"]
    ]

    second = table_frame(at).iloc[1]
    select_row(at, store_db, 1)
    at.text_input(key=f"review_{second['relation_id']}_note").input("the text says no such thing")
    at.button(key="review_reject").click().run()
    assert not at.exception and notices(at)[0][0] == "success"
    assert int(metrics(at)["Mentions"]) == total - 1
    assert shown_row(at, second["relation_id"]) is None
    download = read_csv(downloads[MENTIONS_CSV]())
    assert second["relation_id"] not in set(download["relation_id"]) and len(download) == total - 1
    assert Store(store_db).reviews()["note"].tolist() == ["", "the text says no such thing"]

    # the sidebar toggle shows the extraction as it came out, the rejected mention included
    at.toggle(key="review_raw").set_value(True).run()
    assert not at.exception
    assert int(metrics(at)["Mentions"]) == total
    assert shown_row(at, second["relation_id"])["review_status"] == "rejected"
    assert any("(as extracted, reviews not applied)" in c.value for c in at.caption)
    assert len(read_csv(downloads[MENTIONS_CSV]())) == total
    # ... and it stays on across pages
    on_page(at, ARTICLES)
    on_page(at, DASHBOARD)
    assert at.toggle(key="review_raw").value is True and int(metrics(at)["Mentions"]) == total
    at.toggle(key="review_raw").set_value(False).run()
    assert int(metrics(at)["Mentions"]) == total - 1


def test_fix_type_direction_date_and_negation(store_db: Path, reviewer_ann: str) -> None:
    at = store_app()
    row = table_frame(at).iloc[0]
    rid = row["relation_id"]
    select_row(at, store_db, 0)
    prefix = f"review_{rid}"
    assert at.selectbox(key=f"{prefix}_type").value == row["event_type"]
    assert at.text_input(key=f"{prefix}_date").value == row["event_date"]

    # nothing changed: nothing recorded
    at.button(key="review_fix").click().run()
    assert notices(at) == [("info", "Nothing to fix: change the type, the direction, the date or the negation first.")]
    assert Store(store_db).reviews().empty

    # a bad date: a clear message, nothing recorded
    select_row(at, store_db, 0)
    at.text_input(key=f"{prefix}_date").input("31/31/2016")
    at.button(key="review_fix").click().run()
    assert notices(at) == [
        (
            "error",
            "Nothing was recorded: `[E024] date: unparseable date '31/31/2016' (use YYYY-MM-DD, YYYY-MM or YYYY)`",
        )
    ]
    assert Store(store_db).reviews().empty

    select_row(at, store_db, 0)
    at.selectbox(key=f"{prefix}_type").set_value("SUPPORT")
    at.radio(key=f"{prefix}_direction").set_value("reversed")
    at.text_input(key=f"{prefix}_date").input("2016-11")
    at.checkbox(key=f"{prefix}_negated").check()
    at.button(key="review_fix").click().run()
    assert not at.exception
    kind, message = notices(at)[0]
    assert kind == "success" and message.startswith("Fixed ")
    assert f"event_type {row['event_type']} -> SUPPORT" in message
    assert shown_row(at, rid) is None  # negated now: the default filter leaves it out
    at.checkbox(key="filter_include_negated").check().run()
    fixed = shown_row(at, rid)
    assert (fixed["source"], fixed["target"], fixed["event_type"], fixed["event_date"], fixed["negated"]) == (
        row["target"], row["source"], "SUPPORT", "2016-11", True,
    )  # fmt: skip  (the table shows a month-precision date as the month)
    assert fixed["review_status"] == "fixed"
    stored = Store(store_db).relations().set_index("relation_id").loc[rid]
    assert (stored["date_precision"], stored["quad_class"]) == ("month", "verbal cooperation")
    # the fix form now starts from the fixed mention
    select_row(at, store_db, int(table_frame(at).index[table_frame(at)["relation_id"] == rid][0]))
    assert at.text_input(key=f"{prefix}_date").value == "2016-11"
    assert at.checkbox(key=f"{prefix}_negated").value is True


def test_without_a_reviewer_name_the_buttons_wait_for_one(store_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELDASH_REVIEWER", raising=False)
    at = store_app()
    select_row(at, store_db, 0)
    assert at.button(key="review_confirm").disabled and at.button(key="review_reject").disabled
    assert at.button(key="review_fix").disabled
    assert any(c.value == NO_NAME for c in at.caption)
    at.sidebar.text_input(key="reviewer").input("  Kim   Soo ").run()
    assert not at.button(key="review_confirm").disabled
    at.button(key="review_confirm").click().run()
    assert Store(store_db).reviews()["reviewer"].tolist() == ["Kim Soo"]
    # the name is kept on the Articles page
    on_page(at, ARTICLES)
    assert at.sidebar.text_input(key="reviewer").value == "  Kim   Soo "


def test_add_a_missed_relation_and_the_review_progress(store_db: Path, reviewer_ann: str) -> None:
    at = on_page(store_app(), ARTICLES)
    assert not at.exception
    store = Store(store_db)
    total = len(store.relations(raw=True))
    assert any(
        c.value.startswith(
            f"Review progress: articles fully reviewed: 0 of 3 · extracted mentions reviewed: 0 of {total}."
        )
        for c in at.caption
    )
    assert len(at.get("vega_lite_chart")) == 1

    before = store.relations(doc_ids=["t2_arms"])
    open_article(at, store_db, "t2_arms")
    sentences = at.selectbox(key="articles_add_sentence")
    assert sentences.options[1].startswith("1: China protested on Wednesday")
    sentences.set_value(1)
    at.selectbox(key="articles_add_source").set_value("USA")
    at.selectbox(key="articles_add_target").set_value("CHN")
    at.selectbox(key="articles_add_type").set_value("REJECT")
    at.text_input(key="articles_add_date").input("2015-12")
    at.button(key="FormSubmitter:articles_add_form-Add the relation").click().run()
    assert not at.exception
    kind, message = notices(at)[0]
    assert kind == "success" and message.startswith("Added `USA->CHN REJECT in t2_arms, sentence 1`")
    assert "China protests US arms sale to Taiwan" in page_html(at)  # the article stays open
    after = store.relations(doc_ids=["t2_arms"])
    assert len(after) == len(before) + 1
    added = after[after["review_status"] == "added"].iloc[0]
    assert (added["sentence"], added["event_date"], added["date_precision"]) == (
        "China protested on Wednesday against a US arms sale to Taiwan and urged Washington to cancel it.",
        "2015-12-01",
        "month",
    )
    assert any("1 mention added by reviewers" in c.value for c in at.caption)

    # the same again: refused with the store's message, nothing written
    at.button(key="FormSubmitter:articles_add_form-Add the relation").click().run()
    assert notices(at)[0] == (
        "error",
        f"Nothing was recorded: `[E024] relation {added['relation_id']} was already added`",
    )
    assert len(store.reviews(history=True)) == 1

    # review every mention of t3_deal: one article fully reviewed
    t3 = store.relations(doc_ids=["t3_deal"])["relation_id"]
    assert len(t3) > 0
    store.confirm_many(t3, reviewer="bob")
    at = on_page(store_app(), ARTICLES)
    assert any(
        c.value.startswith(
            f"Review progress: articles fully reviewed: 1 of 3 · extracted mentions reviewed: {len(t3)} of {total} "
            "· 1 mention added"
        )
        for c in at.caption
    )
    on_page(at, DASHBOARD)
    assert any("articles fully reviewed: 1 of 3" in c.value for c in at.caption)
    assert "added" in set(table_frame(at)["review_status"])


def test_a_plain_table_offers_no_reviews(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    assert "reviewer" not in [w.key for w in at.sidebar.text_input]
    assert not at.sidebar.toggle
    at.session_state["table_grid"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert page_html(at) and "review_confirm" not in [b.key for b in at.button]


def test_exposed_without_a_password_reviews_are_off(store_db: Path, reviewer_ann: str, monkeypatch) -> None:
    """Reviews write to the store: a dashboard open to a network offers them only to the unlocked."""
    from streamlit import config as streamlit_config

    monkeypatch.delenv("RELDASH_WRITE_PASSWORD", raising=False)
    before = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    try:
        at = store_app()
        assert not at.exception
        select_row(at, store_db, 0)
        assert not at.exception
        assert not [b for b in at.button if b.key in ("review_confirm", "review_reject")]
        assert any(w.value.startswith("Reviewing is off") for w in at.warning)
        on_page(at, ARTICLES)
        open_article(at, store_db, "t2_arms")
        assert not at.exception
        assert any(w.value.startswith("Adding relations is off") for w in at.warning)
        assert not [b for b in at.button if b.key == "articles_remove"]
    finally:
        streamlit_config.set_option("server.address", before)
    assert Store(store_db).reviews().empty
