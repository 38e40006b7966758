"""The DuckDB relation store: extraction.store.

Most tests use :class:`FakeExtractor` (relations written into the text as
``[USA>JPN:AGREE:2016-05-27]``) so they are fast and exact; a few use the real
spaCy pipeline on short documents.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extraction import pipeline
from extraction.documents import Document
from extraction.errors import InputProblem, NotInStore, StoreBusy, StoreError
from extraction.gdelt import read_gdelt
from extraction.schema import COLUMNS, EVENT_TYPES, EventMention
from extraction.store import DOCUMENT_COLUMNS, EXTRA_COLUMNS, AddReport, Store, content_hash
from extraction.table import to_frame

ROOT = Path(__file__).resolve().parents[2]
GDELT_SAMPLE = ROOT / "tests" / "data" / "gdelt_sample.export.CSV"
_MARK = re.compile(r"\[(\w{3})>(\w{3}):(\w+)(?::(\d{4}-\d{2}-\d{2}))?\]")


class FakeExtractor:
    """One relation per ``[SRC>TGT:TYPE(:DATE)]`` mark in the text; ``version`` as given."""

    def __init__(self, version: str = "fake-1", fail_on: str | None = None, delay: float = 0.0) -> None:
        self.version = version
        self.fail_on = fail_on
        self.delay = delay
        self.calls: list[list[str]] = []

    def extract(self, docs, *, on_document=None):
        docs = list(docs)
        self.calls.append([d.doc_id for d in docs])
        time.sleep(self.delay)
        for doc in docs:
            if self.fail_on and self.fail_on in doc.text:
                raise RuntimeError(f"extractor crashed on {doc.doc_id}")
            for i, m in enumerate(_MARK.finditer(doc.text)):
                src, tgt, etype, date = m.groups()
                yield EventMention(
                    doc.doc_id, doc.title, doc.date, doc.url, i, m.group(0), m.start(), m.end(),
                    src, src, tgt, tgt, etype, EVENT_TYPES[etype][0], EVENT_TYPES[etype][1], "mark",
                    date or doc.date, "day" if date else "doc", False, "asserted", 0.9,
                )  # fmt: skip
            if on_document:
                on_document(doc)


def doc(doc_id: str, text: str, *, title: str = "", date: str = "2016-05-27", url: str = "") -> Document:
    return Document(doc_id, title or f"Title {doc_id}", date, url, text, f"{doc_id}.txt")


A = doc("a", "Obama met Abe. [USA>JPN:CONSULT] [JPN>USA:SUPPORT:2016-05-26]", url="https://example.org/a")
B = doc("b", "China protested. [CHN>JPN:ACCUSE:2016-05-28]", date="2016-05-28")
C = doc("c", "Seoul and Tokyo talked. [KOR>JPN:CONSULT:2019-08-01] [JPN>KOR:SANCTION:2019-08-02]", date="2019-08-02")


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "store" / "relations.duckdb")


def snapshot(store: Store) -> tuple:
    """Everything a failed write must leave unchanged."""
    docs = store.list_documents().drop(columns=["added_at"])
    return store.stats(), docs.to_dict("records"), store.relations().to_dict("records")


# --------------------------------------------------------------------------- basics


def test_new_store_is_empty_and_creates_its_folder(tmp_path):
    store = Store(tmp_path / "deep" / "er" / "r.duckdb")
    assert store.path.exists()
    assert store.stats() == {
        "documents": 0,
        "relations": 0,
        "text_relations": 0,
        "gdelt_relations": 0,
        "stale_documents": 0,
        "generation": 1,
    }
    assert list(store.list_documents().columns) == [
        "doc_id", "title", "date", "url", "source_file", "added_at", "extractor_version", "content_hash", "relations",
    ]  # fmt: skip
    rel = store.relations()
    assert list(rel.columns) == [*COLUMNS, *EXTRA_COLUMNS]
    assert rel.empty
    # opening it again keeps it as it is
    assert Store(store.path).stats()["generation"] == 1


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
    assert list(rel.columns) == [*COLUMNS, *EXTRA_COLUMNS]
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


def test_problems_are_rejected_and_the_rest_added(store, tmp_path):
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Good\ndate: 2017-01-05\n---\nText. [USA>PRK:SANCTION]\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    report = store.add_paths([good, empty, tmp_path / "missing.txt"], FakeExtractor())
    assert report.added_ids == ["good"]
    assert report.rejected == [
        f"[E001] {empty}: file is empty",
        f"[E001] {tmp_path / 'missing.txt'}: no such file or folder",
    ]
    assert report.relations == 1
    assert store.relations().loc[0, "event_date"] == "2017-01-05"
    # a Document without text and a stray problem object
    report = store.add_documents([doc("x", "  "), InputProblem("upload.pdf: unsupported")], FakeExtractor())
    assert report.rejected == ["[E001] x.txt: no article text", "[E001] upload.pdf: unsupported"]
    assert report.added == 0


def test_add_uploaded_and_add_text(store):
    files = [
        ("notes.txt", b"Tokyo summit\n\nText. [USA>JPN:AGREE:2023-08-18]\n"),
        ("feed.jsonl", b'{"id": "j1", "title": "J1", "date": "2023-08-19", "text": "T. [CHN>TWN:MOBILIZE]"}\nnot json\n'),
        ("slides.pdf", b"%PDF-1.4"),
    ]
    report = store.add_uploaded(files, FakeExtractor())
    assert report.added_ids == ["notes", "j1"]
    assert report.rejected == [
        "[E001] feed.jsonl: line 2: invalid JSON (Expecting value)",
        "[E001] slides.pdf: unsupported file type '.pdf'; use .txt, .md, .html, .htm, .json, .jsonl",
    ]
    assert store.document("j1").date == "2023-08-19"
    bad_date = store.add_uploaded(files[:1], FakeExtractor(), date="the 40th of May")
    assert bad_date.rejected == ["[E001] date: unparseable date 'the 40th of May'"]

    pasted = store.add_text("Kishida visits Seoul", "Kishida met Yoon. [JPN>KOR:CONSULT]", date="May 7, 2023",
                            url="https://example.org/k", extractor=FakeExtractor())  # fmt: skip
    assert pasted.added_ids == ["pasted-kishida-visits-seoul"]
    stored = store.document("pasted-kishida-visits-seoul")
    assert (stored.title, stored.date, stored.url, stored.source_file) == (
        "Kishida visits Seoul", "2023-05-07", "https://example.org/k", "pasted text",
    )  # fmt: skip
    assert store.relations(doc_ids=["pasted-kishida-visits-seoul"]).loc[0, "event_date"] == "2023-05-07"
    assert store.add_text("T", "text", date="soon", extractor=FakeExtractor()).rejected == [
        "[E001] pasted text 'T': date: unparseable date 'soon'"
    ]
    assert store.add_text("T", "  ", extractor=FakeExtractor()).rejected == ["[E001] pasted text 'T': no article text"]
    untitled = store.add_text("", "First line is the title\nmore. [USA>CHN:ACCUSE]", extractor=FakeExtractor())
    assert untitled.added_ids == ["pasted-first-line-is-the-title"]


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
from tests.extraction.test_store import FakeExtractor, B, C

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


# --------------------------------------------------------------------------- concurrency


def slow_inserts(monkeypatch, seconds: float) -> None:
    """Make every write transaction last ``seconds`` so that concurrent adds overlap."""
    original = Store._insert_documents

    def slow(con, frame):
        original(con, frame)
        time.sleep(seconds)

    monkeypatch.setattr(Store, "_insert_documents", staticmethod(slow))


def batch(prefix: str, n: int) -> list[Document]:
    return [doc(f"{prefix}{i}", f"{prefix} text {i}. [USA>JPN:AGREE] [JPN>USA:AGREE]") for i in range(n)]


def run_threads(*targets):
    results: list = [None] * len(targets)
    barrier = threading.Barrier(len(targets))

    def run(i, fn):
        barrier.wait()
        try:
            results[i] = fn()
        except Exception as exc:  # collected for the asserts
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_sessions_adding_at_once_both_succeed(store, monkeypatch):
    slow_inserts(monkeypatch, 0.4)
    one, two = Store(store.path), Store(store.path)  # two dashboard sessions
    started = time.monotonic()
    r1, r2 = run_threads(
        lambda: one.add_documents(batch("x", 5), FakeExtractor()),
        lambda: two.add_documents(batch("y", 5), FakeExtractor()),
    )
    assert isinstance(r1, AddReport) and isinstance(r2, AddReport), (r1, r2)
    assert (r1.added, r2.added) == (5, 5)
    assert time.monotonic() - started >= 0.8  # the writes took turns
    assert store.stats()["documents"] == 10
    assert store.stats()["text_relations"] == 20
    assert sorted(store.list_documents()["doc_id"]) == sorted([f"x{i}" for i in range(5)] + [f"y{i}" for i in range(5)])


def test_same_documents_added_by_two_sessions_at_once_are_stored_once(store, monkeypatch):
    slow_inserts(monkeypatch, 0.3)
    docs = batch("z", 3)
    r1, r2 = run_threads(
        lambda: Store(store.path).add_documents(docs, FakeExtractor()),
        lambda: Store(store.path).add_documents(docs, FakeExtractor()),
    )
    assert sorted([r1.added, r2.added]) == [0, 3]
    assert sorted([r1.skipped_duplicates, r2.skipped_duplicates]) == [0, 3]
    assert store.stats()["documents"] == 3
    assert store.stats()["text_relations"] == 6


def test_busy_store_gives_a_clear_error_and_loses_nothing(store, monkeypatch):
    slow_inserts(monkeypatch, 1.5)
    impatient = Store(store.path, lock_timeout=0.2)
    # session 2 reads the store, then extracts for 0.6 s; meanwhile session 1 starts a write that
    # lasts 1.5 s, so session 2's write waits 0.2 s for the lock and gives up
    r1, r2 = run_threads(
        lambda: (time.sleep(0.2), store.add_documents(batch("x", 2), FakeExtractor()))[1],
        lambda: impatient.add_documents(batch("y", 2), FakeExtractor(delay=0.6)),
    )
    assert isinstance(r1, AddReport) and r1.added == 2
    assert isinstance(r2, StoreBusy)
    assert str(r2) == "[E021] busy, try again in a moment: another session is writing to the store relations.duckdb"
    assert store.stats()["documents"] == 2
    monkeypatch.undo()
    assert impatient.add_documents(batch("y", 2), FakeExtractor()).added == 2  # trying again works
    assert store.stats()["documents"] == 4


def test_writers_are_not_starved_by_busy_readers(store):
    stop = time.monotonic() + 30
    errors: list[str] = []
    done = threading.Event()

    def reader():
        while not done.is_set() and time.monotonic() < stop:
            try:
                store.relations()
                store.list_documents()
            except Exception as exc:  # collected for the assert
                errors.append(repr(exc))

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    try:
        started = time.monotonic()
        reports = [Store(store.path, lock_timeout=5).add_documents(batch(f"w{i}-", 2), FakeExtractor()) for i in range(5)]
        elapsed = time.monotonic() - started
    finally:
        done.set()
        for t in readers:
            t.join(30)
    assert errors == []
    assert [r.added for r in reports] == [2] * 5
    assert elapsed < 10
    assert store.stats()["documents"] == 10


WRITER_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from extraction.store import Store
from tests.extraction.test_store import FakeExtractor, batch

original = Store._insert_documents
def slow(con, frame):
    original(con, frame)
    time.sleep(0.5)
Store._insert_documents = staticmethod(slow)

store = Store({db!r})
while time.time() < {start}:
    time.sleep(0.005)
began = time.time()
report = store.add_documents(batch({prefix!r}, 4), FakeExtractor())
print(report.added, report.relations, began, time.time())
"""


def test_two_processes_adding_at_once_both_succeed(store):
    start = time.time() + 4.0  # both processes start their add at this moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER_SCRIPT.format(root=str(ROOT), db=str(store.path), start=start, prefix=p)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in ("p", "q")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    results = [out.split() for out, _err in outputs]
    assert [r[:2] for r in results] == [["4", "8"], ["4", "8"]]
    (began1, ended1), (began2, ended2) = [(float(r[2]), float(r[3])) for r in results]
    assert max(began1, began2) < min(ended1, ended2)  # the two adds really overlapped
    assert abs(ended1 - ended2) >= 0.5  # and their write transactions took turns
    assert store.stats()["documents"] == 8
    assert store.stats()["text_relations"] == 16


# --------------------------------------------------------------------------- remove, reextract, import


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


# --------------------------------------------------------------------------- demo corpus, odd files


def test_seed_demo_once(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.md").write_text("---\ntitle: One\ndate: 2016-01-06\n---\nText [PRK>USA:THREATEN]\n", "utf-8")
    (articles / "two.md").write_text("---\ntitle: Two\ndate: 2016-01-07\n---\nText [USA>PRK:ACCUSE]\n", "utf-8")
    store = Store.ensure_demo(tmp_path / "r.duckdb", articles, extractor=FakeExtractor())
    assert list(store.list_documents()["doc_id"]) == ["one", "two"]
    assert store.seed_demo(articles, FakeExtractor()) is None
    store.remove("one")
    store.remove("two")
    # emptied by the user: the demo does not come back
    assert Store.ensure_demo(store.path, articles, extractor=FakeExtractor()).stats()["documents"] == 0


def test_seed_demo_skips_a_store_that_already_has_content(tmp_path):
    store = Store(tmp_path / "r.duckdb")
    store.add_documents([A], FakeExtractor())
    assert store.seed_demo(ROOT / "data" / "articles", FakeExtractor()) is None
    assert list(store.list_documents()["doc_id"]) == ["a"]


def test_files_that_are_not_stores(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"\[E020\] cannot open the store"):
        Store(junk)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE something (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="is a DuckDB file but not a relation store"):
        Store(other)


def test_content_hash_normalises_whitespace_and_unicode():
    assert content_hash("Seoul  and\nTokyo") == content_hash("Seoul and Tokyo ")
    assert content_hash("ｓｅｏｕｌ") == content_hash("seoul")  # NFKC: full-width letters
    assert content_hash("Seoul and Tokyo") != content_hash("seoul and tokyo")


def test_document_columns_constant_matches_the_table(store):
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = 'documents' ORDER BY ordinal_position").fetchall()]
        rel_cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                              "WHERE table_name = 'relations' ORDER BY ordinal_position").fetchall()]
    finally:
        con.close()  # fmt: skip
    assert cols == list(DOCUMENT_COLUMNS)
    assert rel_cols == [*COLUMNS, *EXTRA_COLUMNS, "row_no"]


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
