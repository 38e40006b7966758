"""Reading the store stays light: no spaCy, no URL fetcher (extraction.store.reads)."""

from __future__ import annotations

import subprocess
import sys

from tests.extraction.store.helpers import ROOT, A, B, FakeExtractor

READ_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from extraction.store import Store

store = Store({db!r})
store.generation(); store.stats(); store.list_documents(); store.document("a")
store.relations(actors=["JPN"], since="2016-01-01"); store.stale_documents()
print(",".join(m for m in ("spacy", "httpx", "trafilatura", "extraction.sources.url") if m in sys.modules))
"""


def test_reading_the_store_imports_neither_spacy_nor_the_fetcher(store):
    store.add_documents([A, B], FakeExtractor())
    script = READ_SCRIPT.format(root=str(ROOT), db=str(store.path))
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
