"""Adding, re-extracting and removing documents: extraction.store.ingest.

Most tests use :class:`FakeExtractor`; one uses the real spaCy pipeline on short documents.
"""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from extraction import pipeline
from extraction.documents import Document
from extraction.errors import NotInStore, StoreError
from extraction.schema import COLUMNS
from extraction.store import EXTRA_COLUMNS, AddReport, Store, content_hash
from extraction.table import to_frame
from tests.extraction.store.helpers import ROOT, A, B, C, FakeExtractor, doc, snapshot


def test_add_documents_and_read_back(store):
    progress: list[tuple[int, int]] = []
    report = store.add_documents([A, B], FakeExtractor(), on_progress=lambda d, t: progress.append((d, t)))
    assert report == AddReport(added=2, skipped_duplicates=0, rejected=[], relations=3, added_ids=["a", "b"])
    assert report.summary() == "2 documents added, 0 skipped as duplicates, 0 rejected, 3 relations found"
    assert progress == [(0, 2), (1, 2), (2, 2)]

    docs = store.list_documents()
    assert list(docs["doc_id"]) == ["a", "b"]
    assert list(docs["relations"]) == [2, 1]
    assert list(docs["extractor_version"]) == ["fake-1", "fake-1"]
    assert docs.loc[0, "content_hash"] == content_hash(A.text)
    assert docs.loc[0, "url"] == "https://example.org/a"

    rel = store.relations()
    assert list(rel.columns) == [*COLUMNS, *EXTRA_COLUMNS, "relation_id", "review_status"]
    expected = to_frame(FakeExtractor().extract([A, B]))
    pd.testing.assert_frame_equal(rel[list(COLUMNS)], expected)
    assert list(rel["origin"]) == ["text"] * 3
    assert rel["gdelt_num_mentions"].isna().all()
    assert str(rel["gdelt_num_articles"].dtype) == "Int64"
    assert rel["negated"].dtype == bool and rel["sentence_id"].dtype == "int64"

    assert store.document("a") == A
    with pytest.raises(NotInStore, match=r"\[E022\] no document 'zzz' in the store"):
        store.document("zzz")
    assert store.stats()["generation"] == 2


def test_duplicate_text_is_skipped_even_with_other_whitespace(store):
    store.add_documents([A], FakeExtractor())
    same_text = A._replace(doc_id="a-copy", source_file="a-copy.txt", text="  Obama met Abe.\n\n[USA>JPN:CONSULT]   [JPN>USA:SUPPORT:2016-05-26]\n")
    extractor = FakeExtractor()
    report = store.add_documents([same_text, B, B._replace(doc_id="b2", source_file="b2.txt")], extractor)
    assert (report.added, report.skipped_duplicates, report.relations) == (1, 2, 1)
    assert report.duplicates == [
        "a-copy.txt: same text as stored document 'a'",
        "b2.txt: same text as 'b' in this batch",
    ]
    assert extractor.calls == [["b"]]  # duplicates are not even extracted
    assert list(store.list_documents()["doc_id"]) == ["a", "b"]
    assert len(store.relations()) == 3


def test_taken_doc_id_is_renamed_or_rejected(store):
    store.add_documents([A], FakeExtractor())
    other = doc("a", "Different text. [RUS>JPN:MOBILIZE]")
    report = store.add_documents([other, other._replace(text="Third text. [RUS>JPN:MOBILIZE]")], FakeExtractor())
    assert report.added_ids == ["a-2", "a-3"]
    assert report.renamed == ["a.txt: stored as 'a-2' ('a' is taken)", "a.txt: stored as 'a-3' ('a' is taken)"]
    assert list(store.relations(doc_ids=["a-2"])["doc_id"]) == ["a-2"]

    rejected = store.add_documents([doc("a", "Fourth text.")], FakeExtractor(), id_conflict="reject")
    assert rejected.added == 0
    assert rejected.rejected == ["[E001] a.txt: doc_id 'a' is already used by another document"]
    assert store.stats()["documents"] == 3


def test_content_hash_normalises_whitespace_and_unicode():
    assert content_hash("Seoul  and\nTokyo") == content_hash("Seoul and Tokyo ")
    assert content_hash("ｓｅｏｕｌ") == content_hash("seoul")  # NFKC: full-width letters
    assert content_hash("Seoul and Tokyo") != content_hash("seoul and tokyo")


# --------------------------------------------------------------------------- all or nothing


def test_failure_while_writing_leaves_the_store_unchanged(store, monkeypatch):
    store.add_documents([A], FakeExtractor())
    before = snapshot(store)

    def broken_insert(con, frame):
        # the documents are already inserted in this transaction when this runs
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        raise duckdb.ConversionException("disk full (simulated)")

    monkeypatch.setattr(Store, "_insert_relations", staticmethod(broken_insert))
    with pytest.raises(StoreError, match=r"\[E020\] write to relations.duckdb failed, nothing was changed"):
        store.add_documents([B, C], FakeExtractor())
    assert snapshot(store) == before


def test_extractor_crash_leaves_the_store_unchanged(store):
    store.add_documents([A], FakeExtractor())
    before = snapshot(store)
    with pytest.raises(RuntimeError, match="extractor crashed on c"):
        store.add_documents([B, C], FakeExtractor(fail_on="Seoul and Tokyo"))
    assert snapshot(store) == before


CRASH_SCRIPT = """
import os, sys
sys.path.insert(0, {root!r})
from extraction.store import Store
from tests.extraction.store.helpers import FakeExtractor, B, C


def die(con, frame):
    # documents inserted, relations not yet, transaction open: the process dies
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    os._exit(17)

Store._insert_relations = staticmethod(die)
Store({db!r}).add_documents([B, C], FakeExtractor())
"""


def test_process_crash_midway_leaves_the_store_unchanged(store):
    store.add_documents([A], FakeExtractor())
    before = snapshot(store)
    script = CRASH_SCRIPT.format(root=str(ROOT), db=str(store.path))
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 17, proc.stderr
    assert snapshot(store) == before
    # the lock died with the process: the next add works
    assert store.add_documents([B], FakeExtractor()).added == 1


# --------------------------------------------------------------------------- remove, reextract


def test_remove_document_and_its_rows(store):
    store.add_documents([A, B], FakeExtractor())
    assert store.remove("a") == 2
    assert list(store.list_documents()["doc_id"]) == ["b"]
    assert list(store.relations()["doc_id"]) == ["b"]
    with pytest.raises(NotInStore, match="no document 'a' in the store"):
        store.remove("a")
    # removed text can be added again
    assert store.add_documents([A], FakeExtractor()).added == 1


def test_reextract_only_documents_of_another_extractor_version(store):
    store.add_documents([A, B], FakeExtractor("v1"))
    store.add_documents([C], FakeExtractor("v2"))
    v2 = FakeExtractor("v2")
    assert store.stale_documents(v2) == ["a", "b"]
    progress: list[tuple[int, int]] = []
    report = store.reextract(v2, lambda d, t: progress.append((d, t)))
    assert (report.documents, report.relations_before, report.relations_after) == (2, 3, 3)
    assert report.summary() == "2 documents re-extracted: 3 -> 3 relations"
    assert v2.calls == [["a", "b"]]
    assert progress == [(0, 2), (1, 2), (2, 2)]
    assert store.stale_documents(v2) == []
    assert set(store.list_documents()["extractor_version"]) == {"v2"}
    assert store.reextract(v2).documents == 0
    assert store.reextract(v2, all_documents=True).documents == 3
    # rows keep their order and content
    pd.testing.assert_frame_equal(store.relations()[list(COLUMNS)], to_frame(FakeExtractor().extract([A, B, C])))


def test_reextract_with_new_output_replaces_rows(store):
    store.add_documents([A], FakeExtractor("v1"))

    class Fewer(FakeExtractor):
        def extract(self, docs, *, on_document=None):
            yield from list(super().extract(docs, on_document=on_document))[:1]

    report = store.reextract(Fewer("v2"))
    assert (report.relations_before, report.relations_after) == (2, 1)
    assert store.list_documents().loc[0, "relations"] == 1


def test_stale_documents_follow_the_pipeline_version(store, monkeypatch):
    store.add_documents([A], FakeExtractor(pipeline.EXTRACTOR_VERSION))
    assert store.stale_documents() == []
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "999.0")
    assert store.stale_documents() == ["a"]
    assert store.stats()["stale_documents"] == 1


# --------------------------------------------------------------------------- with the real pipeline


def test_real_extractor_rows_are_stored_as_extracted(tmp_path):
    from extraction.pipeline import Extractor

    extractor = Extractor()
    docs = [
        Document("p1", "Japan protests", "2016-05-03", "", "Japan protested to China on Tuesday over the seizure "
                 "of a fishing boat.\n\nThe United States and South Korea agreed to deploy a missile battery.", "p1.txt"),
        Document("p2", "Seoul sanctions Moscow", "2022-03-01", "", "Seoul imposed sanctions on Russia on Monday.",
                 "p2.txt"),
    ]  # fmt: skip
    expected = to_frame(extractor.extract(docs))
    store = Store(tmp_path / "r.duckdb")
    report = store.add_documents(docs, extractor)
    assert report.added == 2
    assert report.relations == len(expected)
    assert store.list_documents()["extractor_version"].tolist() == [pipeline.EXTRACTOR_VERSION] * 2
    pd.testing.assert_frame_equal(store.relations()[list(COLUMNS)], expected)
    rows = store.relations(doc_ids=["p1"])
    assert ("JPN", "CHN") in set(zip(rows["source"], rows["target"], strict=True))
