"""Concurrency: sessions (threads) and processes sharing one store file; the lock timeout."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from extraction.errors import StoreBusy
from extraction.store import AddReport, Store
from extraction.store.locking import StoreLock
from tests.extraction.store.helpers import ROOT, FakeExtractor, batch, run_threads, slow_inserts


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
from tests.extraction.store.helpers import FakeExtractor, batch

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


# --------------------------------------------------------------------------- the lock itself


def test_read_blocked_by_a_write_gives_up_after_the_configured_timeout(store, monkeypatch):
    monkeypatch.setenv("RELDASH_STORE_LOCK_TIMEOUT", "0.5")
    reader = Store(store.path)
    assert reader.lock_timeout == 0.5
    with StoreLock(store.path).hold(exclusive=True, timeout=1):
        started = time.monotonic()
        with pytest.raises(StoreBusy, match=r"\[E021\] busy, try again in a moment"):
            reader.relations()
        read_wait = time.monotonic() - started
        # the first read, when a session opens the store, waits no longer
        started = time.monotonic()
        with pytest.raises(StoreBusy):
            Store(store.path)
        open_wait = time.monotonic() - started
    for waited in (read_wait, open_wait):
        assert 0.4 <= waited < 10  # about the setting, far from the 30 s reads used to wait at least
    assert reader.relations().empty  # the write is over: reading works again


HOLDER_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from extraction.store.locking import StoreLock

with StoreLock(Path({db!r})).hold(exclusive=True, timeout=5):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_a_write_lock_held_by_another_process_makes_reads_busy(store):
    reader = Store(store.path, lock_timeout=0.5)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT.format(root=str(ROOT), db=str(store.path))],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(StoreBusy):
            reader.stats()
        assert time.monotonic() - started < 10
    finally:
        holder.communicate("done\n", timeout=30)
    assert holder.returncode == 0
    assert reader.stats()["documents"] == 0


def test_readers_share_and_a_waiting_writer_goes_before_new_readers(store):
    lock = StoreLock(store.path)
    with lock.hold(exclusive=False, timeout=1), lock.hold(exclusive=False, timeout=1):  # readers share
        writer_done = threading.Event()

        def writer():
            with lock.hold(exclusive=True, timeout=10):
                writer_done.set()

        thread = threading.Thread(target=writer)
        thread.start()
        time.sleep(0.3)  # the writer now waits for the readers, holding the gate
        assert not writer_done.is_set()
        # so a new reader does not get in before it
        with pytest.raises(StoreBusy), lock.hold(exclusive=False, timeout=0.3):
            pass
    thread.join(10)
    assert writer_done.is_set()
    with lock.hold(exclusive=False, timeout=1):  # and once it is done, readers do
        pass
