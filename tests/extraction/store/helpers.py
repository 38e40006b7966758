"""Shared by the store tests (and the CLI and URL tests): a stand-in extractor, documents, helpers.

:class:`FakeExtractor` finds relations written into the text as
``[USA>JPN:AGREE:2016-05-27]``, so tests are fast and exact.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

from extraction.documents import Document
from extraction.schema import EVENT_TYPES, EventMention
from extraction.store import Store

ROOT = Path(__file__).resolve().parents[3]
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


def snapshot(store: Store) -> tuple:
    """Everything a failed write must leave unchanged."""
    docs = store.list_documents().drop(columns=["added_at"])
    return store.stats(), docs.to_dict("records"), store.relations().to_dict("records")


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
