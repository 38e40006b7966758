"""Analyst reviews in the store: extraction.store.reviews and the reviewed/raw views."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from extraction.documents import split_sentences
from extraction.errors import InvalidReview, NotInStore, StoreBusy, UnknownRelation
from extraction.relation_ids import relation_id
from extraction.schema import COLUMNS
from extraction.sources.gdelt import read_gdelt
from extraction.store import RELATION_FRAME_COLUMNS, Store
from extraction.store.locking import StoreLock
from extraction.store.review_reads import PROGRESS_COLUMNS, REVIEW_LIST_COLUMNS
from extraction.store.reviews import Reviewing
from tests.extraction.store.helpers import GDELT_SAMPLE, A, B, C, FakeExtractor, doc, run_threads, snapshot

SHOWN = ["doc_id", "source", "target", "event_type", "event_date", "date_precision", "negated", "review_status"]


@pytest.fixture
def filled(store):
    store.add_documents([A, B, C], FakeExtractor())
    return store


def ids(store: Store) -> list[str]:
    return store.relations(raw=True)["relation_id"].tolist()


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in frame[SHOWN].itertuples(index=False)]


def full_snapshot(store: Store) -> tuple:
    """Everything a failed review must leave unchanged (the reviews and both views too)."""
    return (
        *snapshot(store),
        store.reviews(history=True).to_dict("records"),
        store.relations(raw=True).to_dict("records"),
    )


def test_without_reviews_both_views_show_the_extraction(filled):
    raw, reviewed = filled.relations(raw=True), filled.relations()
    assert list(reviewed.columns) == list(RELATION_FRAME_COLUMNS)
    pd.testing.assert_frame_equal(raw, reviewed)
    assert (reviewed["review_status"] == "").all()
    expected = [
        relation_id(r.doc_id, r.sentence_start, r.sentence_end, r.source, r.target, r.event_type, r.trigger)
        for r in reviewed.itertuples()
    ]
    assert reviewed["relation_id"].tolist() == expected
    assert filled.reviews().empty and list(filled.reviews().columns) == list(REVIEW_LIST_COLUMNS)


def test_verdicts_applied_in_the_reviewed_view_and_listed_in_the_raw_one(filled):
    a1, a2, b1, c1, c2 = ids(filled)
    filled.confirm(a1, reviewer="ann")
    filled.reject(a2, reviewer="ann", note="Abe did not say so")
    filled.fix(b1, event_type="protest", event_date="2016-05", negated=True, reviewer="bob")
    filled.fix(c2, source="KOR", target="JPN", reviewer="bob")  # direction swapped
    added = filled.add_relation("c", source="kor", target="usa", event_type="consult", sentence_id=0, reviewer="cy")

    assert rows(filled.relations()) == [
        ("a", "USA", "JPN", "CONSULT", "2016-05-27", "doc", False, "confirmed"),
        ("b", "CHN", "JPN", "PROTEST", "2016-05-01", "month", True, "fixed"),
        ("c", "KOR", "JPN", "CONSULT", "2019-08-01", "day", False, ""),
        ("c", "KOR", "JPN", "SANCTION", "2019-08-02", "day", False, "fixed"),
        ("c", "KOR", "USA", "CONSULT", "2019-08-02", "doc", False, "added"),
    ]
    assert rows(filled.relations(raw=True)) == [
        ("a", "USA", "JPN", "CONSULT", "2016-05-27", "doc", False, "confirmed"),
        ("a", "JPN", "USA", "SUPPORT", "2016-05-26", "day", False, "rejected"),
        ("b", "CHN", "JPN", "ACCUSE", "2016-05-28", "day", False, "fixed"),
        ("c", "KOR", "JPN", "CONSULT", "2019-08-01", "day", False, ""),
        ("c", "JPN", "KOR", "SANCTION", "2019-08-02", "day", False, "fixed"),
    ]
    reviewed = filled.relations().set_index("relation_id")
    # what follows from a fixed field follows it
    assert reviewed.loc[b1, ["quad_class", "intensity"]].tolist() == ["material conflict", -5.0]
    assert reviewed.loc[c2, ["source_text", "target_text"]].tolist() == ["KOR", "JPN"]  # the texts swap too
    # an added relation: its sentence, the publication date, a human's confidence, no trigger
    new = reviewed.loc[added.relation_id]
    assert added.relation_id == relation_id("c", 0, 23, "KOR", "USA", "CONSULT", "")
    assert (new["sentence_id"], new["sentence"], new["trigger"], new["confidence"]) == (
        0, "Seoul and Tokyo talked.", "", 1.0,
    )  # fmt: skip
    assert (new["doc_title"], new["origin"], new["modality"], new["intensity"]) == ("Title c", "text", "asserted", 2.5)
    # the document list counts the relations as reviewed
    assert filled.list_documents().set_index("doc_id")["relations"].to_dict() == {"a": 1, "b": 1, "c": 3}
    # filters see the reviewed values
    assert filled.relations(actors=["USA"])["relation_id"].tolist() == [a1, added.relation_id]
    assert filled.relations(since="2016-05-02", until="2016-05-31")["relation_id"].tolist() == [a1]
    assert filled.relations(actors=["CHN"], raw=True)["relation_id"].tolist() == [b1]


def test_each_verdict_reports_what_it_recorded(filled, monkeypatch):
    monkeypatch.setenv("RELDASH_REVIEWER", "  Ann   Lee ")
    a1, a2, b1, *_ = ids(filled)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    confirmed = filled.confirm(a1)
    assert confirmed.summary() == f"confirmed {a1} (USA->JPN CONSULT in a, sentence 0); reviewer Ann Lee"
    assert before <= confirmed.reviewed_at <= dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert (
        filled.reject(a2, reviewer="bob").summary()
        == f"rejected {a2} (JPN->USA SUPPORT in a, sentence 1); reviewer bob"
    )
    fixed = filled.fix(b1, event_type="PROTEST", negated=True)
    assert fixed.changes == ["event_type ACCUSE -> PROTEST", "negated false -> true"]
    assert fixed.summary() == (
        f"fixed {b1} (CHN->JPN ACCUSE in b, sentence 0): event_type ACCUSE -> PROTEST, negated false -> true; "
        "reviewer Ann Lee"
    )
    added = filled.add_relation("b", source="JPN", target="CHN", event_type="REJECT", event_date="2016", negated=True)
    assert added.summary() == f"added {added.relation_id} (JPN->CHN REJECT negated in b); reviewer Ann Lee"
    listed = filled.reviews()
    assert listed[["review_id", "verdict", "state", "reviewer", "doc_id", "relation", "changes"]].values.tolist() == [
        [1, "confirm", "current", "Ann Lee", "a", "USA->JPN CONSULT in a, sentence 0", ""],
        [2, "reject", "current", "bob", "a", "JPN->USA SUPPORT in a, sentence 1", ""],
        [3, "fix", "current", "Ann Lee", "b", "CHN->JPN ACCUSE in b, sentence 0",
         "event_type ACCUSE -> PROTEST; negated false -> true"],
        [4, "add", "current", "Ann Lee", "b", "JPN->CHN REJECT negated in b", ""],
    ]  # fmt: skip
    assert listed["reviewed_at"].is_monotonic_increasing
    new = filled.relations().set_index("relation_id").loc[added.relation_id]
    assert (new["sentence_id"], new["sentence"], new["event_date"], new["date_precision"]) == (
        -1,
        "",
        "2016-01-01",
        "year",
    )


def test_the_latest_verdict_wins_and_fixes_build_on_each_other(filled):
    _a1, a2, b1, *_ = ids(filled)

    def shown(rid):
        frame = filled.relations().set_index("relation_id")
        return tuple(frame.loc[rid, SHOWN[1:]]) if rid in frame.index else None

    filled.reject(a2, reviewer="x")
    assert shown(a2) is None
    filled.confirm(a2, reviewer="x")  # confirming after a reject brings the extracted row back
    assert shown(a2) == ("JPN", "USA", "SUPPORT", "2016-05-26", "day", False, "confirmed")

    filled.fix(b1, event_type="PROTEST", reviewer="x")
    filled.fix(b1, event_date="2016-05-20", reviewer="x")  # builds on the first fix
    assert shown(b1) == ("CHN", "JPN", "PROTEST", "2016-05-20", "day", False, "fixed")
    filled.confirm(b1, reviewer="y")  # confirming a fixed row keeps the fix
    assert shown(b1) == ("CHN", "JPN", "PROTEST", "2016-05-20", "day", False, "fixed")
    filled.fix(b1, event_type="ACCUSE", event_date="2016-05-28", reviewer="y")  # back to the extraction
    assert shown(b1) == ("CHN", "JPN", "ACCUSE", "2016-05-28", "day", False, "confirmed")
    filled.reject(b1, reviewer="z")
    filled.fix(b1, negated=True, reviewer="z")  # a fix after a reject starts from the extraction
    assert shown(b1) == ("CHN", "JPN", "ACCUSE", "2016-05-28", "day", True, "fixed")

    history = filled.reviews(history=True)
    assert history["state"].tolist() == ["superseded", "current"] + ["superseded"] * 5 + ["current"]
    assert filled.reviews()["relation_id"].tolist() == [a2, b1]


def test_added_relations_can_be_fixed_rejected_and_added_again(filled):
    added = filled.add_relation("a", source="USA", target="JPN", event_type="AGREE", sentence_id=1, reviewer="x")
    rid = added.relation_id
    filled.fix(rid, event_type="SUPPORT", reviewer="x")
    frame = filled.relations().set_index("relation_id")
    assert (frame.loc[rid, "event_type"], frame.loc[rid, "review_status"]) == ("SUPPORT", "added")
    assert rid not in set(filled.relations(raw=True)["relation_id"])  # raw: the extraction only
    filled.reject(rid, reviewer="x")  # a reviewer takes the addition back
    assert rid not in set(filled.relations()["relation_id"])
    again = filled.add_relation("a", source="USA", target="JPN", event_type="AGREE", sentence_id=1, reviewer="y")
    assert again.relation_id == rid
    frame = filled.relations().set_index("relation_id")
    assert (frame.loc[rid, "event_type"], frame.loc[rid, "review_status"]) == ("AGREE", "added")


def test_review_progress_counts_articles_fully_reviewed(filled):
    a1, a2, b1, c1, _c2 = ids(filled)
    filled.add_documents([doc("d", "Nothing coded here.")], FakeExtractor())
    filled.confirm(a1, reviewer="x")
    filled.reject(a2, reviewer="x")
    filled.fix(b1, event_type="PROTEST", reviewer="x")
    filled.confirm(c1, reviewer="x")
    filled.add_relation("d", source="USA", target="JPN", event_type="AGREE", reviewer="x")
    progress = filled.review_progress()
    assert list(progress.columns) == list(PROGRESS_COLUMNS)
    assert progress.drop(columns=["title"]).values.tolist() == [
        ["a", "2016-05-27", 2, 2, 1, 0, 1, 0, True],
        ["d", "2016-05-27", 0, 0, 0, 0, 0, 1, True],  # nothing extracted, one relation added
        ["b", "2016-05-28", 1, 1, 0, 1, 0, 0, True],
        ["c", "2019-08-02", 2, 1, 1, 0, 0, 0, False],  # one of two
    ]


def test_reviews_survive_reextraction_and_orphans_are_reported_not_dropped(filled):
    a1, a2, b1, c1, c2 = ids(filled)
    filled.confirm(a1, reviewer="x")
    filled.reject(a2, reviewer="x")
    filled.fix(c2, event_type="COERCE", reviewer="x")

    class FirstOnly(FakeExtractor):
        """A new extractor version that finds only each document's first relation."""

        def extract(self, docs, *, on_document=None):
            seen = set()
            for row in super().extract(docs, on_document=on_document):
                if row.doc_id not in seen:
                    seen.add(row.doc_id)
                    yield row

    report = filled.reextract(FirstOnly("v2"))
    assert (report.documents, report.relations_before, report.relations_after) == (3, 5, 3)
    assert (report.reviews_attached, report.reviews_orphaned) == (1, 2)
    assert report.summary() == (
        "3 documents re-extracted: 5 -> 3 relations; 1 reviewed relations kept their reviews, "
        "2 reviews of relations no longer extracted kept (see `review list`)"
    )
    assert ids(filled) == [a1, b1, c1]  # same sentences, same ids
    assert filled.relations()["review_status"].tolist() == ["confirmed", "", ""]
    listed = filled.reviews()
    assert listed[["relation_id", "verdict", "state", "relation"]].values.tolist() == [
        [a1, "confirm", "current", "USA->JPN CONSULT in a, sentence 0"],
        [a2, "reject", "orphaned", "JPN->USA SUPPORT in a, sentence 1"],
        [c2, "fix", "orphaned", "JPN->KOR SANCTION in c, sentence 1"],
    ]

    # the relations come back with a later version: so do their reviews
    report = filled.reextract(FakeExtractor("v3"))
    assert (report.reviews_attached, report.reviews_orphaned) == (3, 0)
    assert report.summary() == "3 documents re-extracted: 3 -> 5 relations; 3 reviewed relations kept their reviews"
    assert rows(filled.relations()) == [
        ("a", "USA", "JPN", "CONSULT", "2016-05-27", "doc", False, "confirmed"),
        ("b", "CHN", "JPN", "ACCUSE", "2016-05-28", "day", False, ""),
        ("c", "KOR", "JPN", "CONSULT", "2019-08-01", "day", False, ""),
        ("c", "JPN", "KOR", "COERCE", "2019-08-02", "day", False, "fixed"),
    ]
    assert set(filled.reviews()["state"]) == {"current"}


def test_a_reextraction_without_reviews_says_nothing_of_them(filled):
    assert filled.reextract(FakeExtractor("v2")).summary() == "3 documents re-extracted: 5 -> 5 relations"


def test_removing_a_document_keeps_its_reviews_and_adding_it_back_restores_them(filled):
    a1, a2, *_ = ids(filled)
    filled.reject(a2, reviewer="x")
    added = filled.add_relation("a", source="JPN", target="USA", event_type="AGREE", reviewer="x")
    filled.remove("a")
    assert filled.reviews()["state"].tolist() == ["orphaned", "orphaned"]
    assert filled.review_counts(["a"]) == (0, 2)
    assert not {a1, a2, added.relation_id} & set(filled.relations()["relation_id"])
    filled.add_documents([A], FakeExtractor())
    assert filled.reviews()["state"].tolist() == ["current", "current"]
    assert filled.relations(doc_ids=["a"])["review_status"].tolist() == ["", "added"]


def test_reviews_of_gdelt_rows_survive_importing_the_file_again(store):
    frame, _report = read_gdelt([GDELT_SAMPLE])
    store.import_relations(frame)
    first = store.relations(origin="gdelt")["relation_id"].tolist()
    store.reject(first[0], reviewer="x")
    store.import_relations(frame)  # replaces the rows
    assert store.relations(origin="gdelt", raw=True)["relation_id"].tolist() == first
    assert store.relations(origin="gdelt")["relation_id"].tolist() == first[1:]


# --------------------------------------------------------------------------- bad input writes nothing

BAD_REVIEWS = [
    ("unknown id", lambda s, i: s.confirm("r0000000000000000", reviewer="x"), UnknownRelation,
     r"\[E023\] no relation 'r0000000000000000' in the store"),
    ("not an id", lambda s, i: s.reject("DROP TABLE reviews", reviewer="x"), UnknownRelation,
     r"\[E023\] no relation 'DROP TABLE reviews' in the store \(relation ids look like r3fa9c2d1e0b47a11\)"),
    ("unknown actor", lambda s, i: s.fix(i[0], source="XYZ", reviewer="x"), InvalidReview,
     r"\[E024\] source: unknown actor 'XYZ'; actors are USA, JPN, KOR, PRK, CHN, RUS, TWN"),
    ("unknown target", lambda s, i: s.add_relation("a", source="USA", target="EU", event_type="AGREE", reviewer="x"),
     InvalidReview, r"\[E024\] target: unknown actor 'EU'"),
    ("unknown type", lambda s, i: s.fix(i[0], event_type="HUG", reviewer="x"), InvalidReview,
     r"\[E024\] type: unknown event type 'HUG'; types are AGREE, CONSULT, "),
    ("bad date", lambda s, i: s.fix(i[0], event_date="31/31/2016", reviewer="x"), InvalidReview,
     r"\[E024\] date: unparseable date '31/31/2016' \(use YYYY-MM-DD, YYYY-MM or YYYY\)"),
    ("no such day", lambda s, i: s.fix(i[0], event_date="2016-02-30", reviewer="x"), InvalidReview,
     r"\[E024\] date: unparseable date '2016-02-30'"),
    ("no such month", lambda s, i: s.add_relation("a", source="USA", target="JPN", event_type="AGREE",
                                                  event_date="2016-13", reviewer="x"),
     InvalidReview, r"\[E024\] date: no such month '2016-13'"),
    ("unknown document", lambda s, i: s.add_relation("zz", source="USA", target="JPN", event_type="AGREE", reviewer="x"),
     NotInStore, r"\[E022\] no document 'zz' in the store"),
    ("no such sentence", lambda s, i: s.add_relation("a", source="USA", target="JPN", event_type="AGREE",
                                                     sentence_id=2, reviewer="x"),
     InvalidReview, r"\[E024\] sentence: document 'a' has sentences 0 to 1, not 2"),
    ("negative sentence", lambda s, i: s.add_relation("a", source="USA", target="JPN", event_type="AGREE",
                                                      sentence_id=-1, reviewer="x"),
     InvalidReview, r"\[E024\] sentence: -1 is not a sentence number"),
    ("same actor", lambda s, i: s.add_relation("a", source="USA", target="usa", event_type="AGREE", reviewer="x"),
     InvalidReview, r"\[E024\] source and target are the same actor 'USA'"),
    ("fix to same actor", lambda s, i: s.fix(i[0], target="USA", reviewer="x"), InvalidReview,
     r"\[E024\] source and target would be the same actor 'USA'"),
    ("nothing to fix", lambda s, i: s.fix(i[0], reviewer="x"), InvalidReview, r"\[E024\] nothing to fix: give a new"),
    ("fix changes nothing", lambda s, i: s.fix(i[0], event_type="consult", source="USA", reviewer="x"), InvalidReview,
     r"\[E024\] nothing to fix: the relation is already USA->JPN CONSULT in a, sentence 0"),
    ("no reviewer", lambda s, i: s.confirm(i[0], reviewer="  "), InvalidReview,
     r"\[E024\] reviewer: no name given \(pass one, or set RELDASH_REVIEWER\)"),
    ("reviewer with control characters", lambda s, i: s.confirm(i[0], reviewer="ann\x1b[31m"), InvalidReview,
     r"\[E024\] reviewer: name 'ann\\x1b\[31m' holds control characters"),
    ("long note", lambda s, i: s.reject(i[0], reviewer="x", note="n" * 2001), InvalidReview,
     r"\[E024\] note: longer than 2000 characters \(2001\)"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), [pytest.param(*rest, id=name) for name, *rest in BAD_REVIEWS])
def test_bad_review_gets_a_coded_error_and_writes_nothing(filled, monkeypatch, call, error, message):
    monkeypatch.delenv("RELDASH_REVIEWER", raising=False)
    before = full_snapshot(filled)
    with pytest.raises(error, match=message):
        call(filled, ids(filled))
    assert full_snapshot(filled) == before


def test_a_relation_cannot_be_added_twice_nor_over_an_extracted_one(filled, monkeypatch):
    class WholeSentencesNoTrigger(FakeExtractor):
        """Rows on whole sentences (as the pipeline's) and without a trigger: as an added relation's."""

        def extract(self, docs, *, on_document=None):
            docs = list(docs)
            texts = {d.doc_id: d.text for d in docs}
            for row in super().extract(docs, on_document=on_document):
                s = next(s for s in split_sentences(texts[row.doc_id]) if s.start <= row.sentence_start < s.end)
                yield row._replace(sentence_id=s.index, sentence_start=s.start, sentence_end=s.end, trigger="")

    filled.reextract(WholeSentencesNoTrigger("v2"))  # now an added relation can have an extracted row's id
    a1, a2, *_ = ids(filled)
    before = full_snapshot(filled)
    with pytest.raises(
        InvalidReview, match=rf"\[E024\] relation {a1} is already in the extraction: confirm it instead"
    ):
        filled.add_relation("a", source="USA", target="JPN", event_type="CONSULT", sentence_id=1, reviewer="x")
    assert full_snapshot(filled) == before
    filled.reject(a2, reviewer="x")
    with pytest.raises(InvalidReview, match="confirm it to bring it back"):
        filled.add_relation("a", source="JPN", target="USA", event_type="SUPPORT", sentence_id=1, reviewer="x")
    added = filled.add_relation("a", source="USA", target="JPN", event_type="AGREE", reviewer="x")
    before = full_snapshot(filled)
    with pytest.raises(InvalidReview, match=rf"relation {added.relation_id} was already added"):
        filled.add_relation("a", source="usa", target="jpn", event_type="agree", reviewer="y")
    assert full_snapshot(filled) == before


def test_a_failure_while_writing_a_review_leaves_the_store_unchanged(filled, monkeypatch):
    original = Reviewing._append_many

    def append_then_fail(con, entries):
        original(con, entries)
        raise OSError("disk full")

    monkeypatch.setattr(Reviewing, "_append_many", staticmethod(append_then_fail))
    before = full_snapshot(filled)
    with pytest.raises(OSError, match="disk full"):
        filled.fix(ids(filled)[0], event_type="AGREE", reviewer="x")
    with pytest.raises(OSError, match="disk full"):
        filled.add_relation("a", source="USA", target="JPN", event_type="AGREE", reviewer="x")
    assert full_snapshot(filled) == before


def test_a_review_waits_for_another_write_then_gives_up(filled):
    impatient = Store(filled.path, lock_timeout=0.3)
    rid = ids(filled)[0]
    with StoreLock(filled.path).hold(exclusive=True, timeout=1), pytest.raises(StoreBusy, match=r"\[E021\]"):
        impatient.confirm(rid, reviewer="x")
    assert filled.reviews().empty


def test_concurrent_reviews_are_all_recorded(filled):
    relation_ids = ids(filled)
    stores = [Store(filled.path, lock_timeout=30) for _ in relation_ids]
    results = run_threads(
        *(lambda s=s, r=r: s.confirm(r, reviewer="x") for s, r in zip(stores, relation_ids, strict=True))
    )
    assert sorted(r.review_id for r in results) == [1, 2, 3, 4, 5]
    assert sorted(filled.reviews()["relation_id"]) == sorted(relation_ids)
    assert set(filled.relations()["review_status"]) == {"confirmed"}


def test_the_reviewed_view_keeps_the_extracted_columns(filled):
    filled.fix(ids(filled)[0], event_type="AGREE", reviewer="x")
    reviewed, raw = filled.relations(), filled.relations(raw=True)
    unchanged = [c for c in COLUMNS if c not in ("event_type", "quad_class", "intensity")]
    pd.testing.assert_frame_equal(reviewed[unchanged], raw[unchanged])
    assert reviewed.dtypes.equals(raw.dtypes)


def test_many_verdicts_in_one_transaction_all_or_none(filled):
    a1, a2, b1, c1, c2 = ids(filled)
    before = full_snapshot(filled)
    with pytest.raises(UnknownRelation, match=r"\[E023\] no relation 'r0000000000000000' in the store"):
        filled.confirm_many([a1, a2, "r0000000000000000"], reviewer="x")
    with pytest.raises(UnknownRelation, match=r"no relation 'bogus'"):
        filled.reject_many([b1, "bogus"], reviewer="x")
    assert full_snapshot(filled) == before
    generation = filled.generation()
    reports = filled.confirm_many([a1, a2, b1], reviewer="x", note="checked")
    assert [(r.review_id, r.relation_id, r.verdict, r.note) for r in reports] == [
        (1, a1, "confirm", "checked"), (2, a2, "confirm", "checked"), (3, b1, "confirm", "checked"),
    ]  # fmt: skip
    assert filled.generation() == generation + 1  # one write
    assert len({r.reviewed_at for r in reports}) == 1
    filled.fix(c1, event_type="AGREE", reviewer="x")
    # a confirm keeps a fix in effect, also in a batch; the same id twice is two verdicts
    filled.reject_many([c2, c2], reviewer="y")
    filled.confirm_many([c1, c2], reviewer="y")
    frame = filled.relations().set_index("relation_id")
    assert frame.loc[[c1, c2], ["event_type", "review_status"]].values.tolist() == [
        ["AGREE", "fixed"], ["SANCTION", "confirmed"],
    ]  # fmt: skip
    assert (
        filled.reviews(history=True)["verdict"].tolist()
        == ["confirm"] * 3 + ["fix", "reject", "reject"] + ["confirm"] * 2
    )
