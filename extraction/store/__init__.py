"""The relation store: one DuckDB file with the documents and the relation table.

:class:`Store` is assembled from one module per concern:

* :mod:`~extraction.store.locking` — the file lock (readers share, writers exclude);
* :mod:`~extraction.store.ddl` — tables, columns, schema version;
* :mod:`~extraction.store.base` — opening the file, connections, transactions;
* :mod:`~extraction.store.reads` — counts, documents, the relation table;
* :mod:`~extraction.store.ingest` — adding (duplicates, doc_ids, extraction,
  insertion), re-extracting and removing documents;
* :mod:`~extraction.store.inputs` — adds from files, uploads, pasted text, a URL;
* :mod:`~extraction.store.demo` — the demo corpus in a new store;
* :mod:`~extraction.store.gdelt_import` — GDELT rows in and out;
* :mod:`~extraction.store.bulk` — Parquet relation tables and datasets in bulk;
* :mod:`~extraction.store.reviews` — analyst reviews (confirm, reject, fix, add), the
  review list and progress; :mod:`~extraction.store.review_values` checks their values.

Every reader reads the relations through a view: ``reviewed_relations`` (reviews applied,
the default) or ``raw_relations`` (as extracted, ``relations(raw=True)``).

Every add, removal, re-extraction, import or review is one transaction: an error or a
crash midway leaves the store as it was. The store keeps no connection open
between calls; each call takes the file lock, opens DuckDB, works, closes.
Extraction (the slow part) runs before the write lock is taken. A call waits up
to ``RELDASH_STORE_LOCK_TIMEOUT`` seconds (default 10) for another session's
write, then raises :class:`~extraction.errors.StoreBusy` ("busy, try again").
Threads and processes are both covered.

Reading the store imports neither spaCy nor the URL fetcher.
"""

from __future__ import annotations

from extraction.errors import StoreBusy
from extraction.store.bulk import BulkLoads, BulkReport, is_relation_dataset
from extraction.store.ddl import (
    DOCUMENT_COLUMNS,
    EXTRA_COLUMNS,
    RELATION_FRAME_COLUMNS,
    REVIEW_COLUMNS,
    SCHEMA_VERSION,
)
from extraction.store.demo import DemoSeeding
from extraction.store.extractor import ProgressCallback, default_extractor
from extraction.store.gdelt_import import GdeltImport
from extraction.store.ingest import content_hash
from extraction.store.inputs import InputAdds
from extraction.store.reads import StoreReads
from extraction.store.reports import AddReport, ImportReport, ReextractReport, ReviewReport
from extraction.store.review_reads import ReviewReads
from extraction.store.reviews import Reviewing


class Store(InputAdds, BulkLoads, DemoSeeding, GdeltImport, Reviewing, ReviewReads, StoreReads):
    """The DuckDB relation store at ``path`` (default: setting ``RELDASH_DB``).

    Cheap to create; holds no connection between calls, so one instance may be
    shared by threads, and several processes may use the same file. Usable as a
    context manager (``with Store(path) as store: ...``); :meth:`close` is a no-op
    kept for symmetry.
    """


__all__ = [
    "AddReport",
    "BulkReport",
    "DOCUMENT_COLUMNS",
    "EXTRA_COLUMNS",
    "ImportReport",
    "ProgressCallback",
    "RELATION_FRAME_COLUMNS",
    "REVIEW_COLUMNS",
    "ReextractReport",
    "ReviewReport",
    "SCHEMA_VERSION",
    "Store",
    "StoreBusy",
    "content_hash",
    "default_extractor",
    "is_relation_dataset",
]
