"""Relation rows from another source than text (GDELT) into the store, and out again.

Rows come from :func:`extraction.sources.gdelt.read_gdelt` (or any frame of
``COLUMNS`` and the GDELT counts). They have no documents: their doc_id
(``gdelt-<event id>``) and origin identify them. Importing the same rows twice
replaces them instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from extraction.errors import StoreError
from extraction.store.frames import imported_relation_frame
from extraction.store.ingest import Ingestion
from extraction.store.reports import ImportReport


class GdeltImport(Ingestion):
    """:meth:`import_relations` and :meth:`remove_origin` of :class:`~extraction.store.Store`."""

    def import_relations(self, df: pd.DataFrame, origin: str = "gdelt") -> ImportReport:
        """Add relation rows from another source (e.g. :func:`read_gdelt`), one transaction.

        Rows already stored with the same doc_id and origin are replaced, so that
        importing the same file twice does not double the rows.
        """
        return self.import_relation_chunks([df], origin)

    def import_relation_chunks(self, chunks: Iterable[pd.DataFrame], origin: str = "gdelt") -> ImportReport:
        """:meth:`import_relations` of frames read one after another (e.g. :func:`iter_gdelt`), in
        one transaction: only one chunk is in memory at a time, and an error midway leaves the
        store as it was. A row whose doc_id came in an earlier chunk replaces it."""
        if origin == "text":
            raise StoreError("text relations come from documents: add the documents instead")
        report = ImportReport()
        with self._transaction() as con:
            for chunk in chunks:
                frame = imported_relation_frame(chunk, origin)
                if frame.empty:
                    continue
                con.register("_import_ids", pd.DataFrame({"doc_id": sorted(set(frame["doc_id"]))}))
                try:
                    where = "origin = ? AND doc_id IN (SELECT doc_id FROM _import_ids)"
                    report.replaced += int(
                        con.execute(f"SELECT count(*) FROM relations WHERE {where}", [origin]).fetchone()[0]
                    )
                    con.execute(f"DELETE FROM relations WHERE {where}", [origin])
                finally:
                    con.unregister("_import_ids")
                self._insert_relations(con, frame)
                report.inserted += len(frame)
        return report

    def remove_origin(self, origin: str) -> int:
        """Remove every relation row of an imported origin (e.g. "gdelt"); returns the rows removed."""
        if origin == "text":
            raise StoreError("text relations belong to documents: remove the documents instead")
        with self._transaction() as con:
            rows = con.execute("SELECT count(*) FROM relations WHERE origin = ?", [origin]).fetchone()[0]
            con.execute("DELETE FROM relations WHERE origin = ?", [origin])
        return int(rows)
