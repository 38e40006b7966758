"""Adding documents to the store, re-extracting them, removing them.

An add reads the inputs, drops duplicates (a document whose content hash, the
sha256 of the text with Unicode and whitespace normalised, is already stored)
and plans unique doc_ids; extracts the relations (the slow part, before the write
lock is taken); then inserts documents and relations in one transaction, checking
again under the lock for what another session added meanwhile. An error or a
crash midway leaves the store as it was.

The extractor (:mod:`extraction.pipeline`, spaCy) is imported only when an add
or a re-extraction needs it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from extraction.documents import Document
from extraction.errors import InputProblem, NotInStore
from extraction.store.base import StoreBase
from extraction.store.ddl import DOC_NUMBERS, DOCUMENT_COLUMNS, RELATION_TABLE_COLUMNS, column_list, iso_day
from extraction.store.extractor import ProgressCallback, default_extractor, extractor_version
from extraction.store.frames import text_relation_frame
from extraction.store.reports import AddReport, ReextractReport
from extraction.store.review_reads import review_counts_in

if TYPE_CHECKING:
    from extraction.pipeline import Extractor


def content_hash(text: str) -> str:
    """sha256 of the text after NFKC normalisation and whitespace collapsing."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted-2``, ``wanted-3``, ...: the first not in ``taken``."""
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def _taken_id_problem(label: str, doc_id: str) -> str:
    return str(InputProblem(f"{label}: doc_id {doc_id!r} is already used by another document"))


class Ingestion(StoreBase):
    """The methods of :class:`~extraction.store.Store` that add, re-extract and remove documents."""

    def add_documents(
        self,
        items: Iterable[Document | InputProblem],
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        *,
        id_conflict: str = "rename",
        _mark_seeded: bool = False,
    ) -> AddReport:
        """Extract and store new documents in one transaction.

        ``items`` may mix documents and :class:`InputProblem` (as yielded by
        :func:`documents.read_inputs`); problems become ``rejected`` lines.
        Documents whose text is already stored (same content hash) are skipped.
        A document whose doc_id is taken by a different text is stored under
        ``<doc_id>-2`` (``id_conflict="rename"``, reported in ``renamed``) or
        rejected (``id_conflict="reject"``). ``on_progress(done, total)`` is
        called as documents are extracted. Raises StoreBusy when another
        session's write does not finish within the lock timeout; on any error
        nothing is written.
        """
        if id_conflict not in ("rename", "reject"):
            raise ValueError("id_conflict must be 'rename' or 'reject'")
        report = AddReport()
        docs = _accepted_documents(items, report)
        if not docs:
            if _mark_seeded:
                with self._transaction() as con:
                    con.execute("INSERT OR REPLACE INTO meta VALUES ('demo_loaded', '1')")
            return report

        hashes = [content_hash(d.text) for d in docs]
        with self._connect(write=False) as con:
            stored = dict(con.execute("SELECT content_hash, doc_id FROM documents").fetchall())
        pending = self._plan(docs, hashes, stored, report, id_conflict)

        new_docs = [d for d, _h in pending]
        extractor = extractor or (default_extractor() if new_docs else None)
        relations = self._extract(new_docs, extractor, on_progress)
        version = extractor_version(extractor)

        with self._transaction() as con:
            if _mark_seeded and con.execute("SELECT 1 FROM meta WHERE key = 'demo_loaded'").fetchone():
                # another session loaded the demo meanwhile
                report.skipped_duplicates += len(pending)
                report.duplicates += [
                    f"{d.source_file or d.doc_id}: demo corpus already loaded" for d, _ in pending
                ]
                return report
            # another session may have added some of these meanwhile: check again under the lock
            stored_now = dict(con.execute("SELECT content_hash, doc_id FROM documents").fetchall())
            taken = set(stored_now.values())
            rows: list[tuple] = []
            keep: dict[str, str] = {}  # planned doc_id -> final doc_id
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            for doc, digest in pending:
                label = doc.source_file or doc.doc_id
                if digest in stored_now:
                    report.skipped_duplicates += 1
                    report.duplicates.append(f"{label}: same text as stored document {stored_now[digest]!r}")
                    continue
                final = doc.doc_id
                if final in taken:
                    if id_conflict == "reject":
                        report.rejected.append(_taken_id_problem(label, final))
                        continue
                    final = unique_id(final, taken)
                    report.renamed.append(f"{label}: stored as {final!r} ({doc.doc_id!r} is taken)")
                taken.add(final)
                keep[doc.doc_id] = final
                rows.append(
                    (final, digest, doc.title, doc.date, doc.url, doc.source_file, doc.text, now, version)
                )
            frame = text_relation_frame(relations, keep)
            self._insert_documents(con, pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS)))
            self._insert_relations(con, frame)
            if _mark_seeded:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('demo_loaded', '1')")
        report.added = len(rows)
        report.added_ids = [r[0] for r in rows]
        report.relations = len(frame)
        return report

    def _plan(
        self,
        docs: list[Document],
        hashes: list[str],
        stored: dict[str, str],
        report: AddReport,
        id_conflict: str,
    ) -> list[tuple[Document, str]]:
        """Drop duplicates (stored or earlier in the batch); make doc_ids unique."""
        taken = set(stored.values())
        batch_hashes: dict[str, str] = {}
        pending: list[tuple[Document, str]] = []
        for doc, digest in zip(docs, hashes, strict=True):
            label = doc.source_file or doc.doc_id
            if digest in stored:
                report.skipped_duplicates += 1
                report.duplicates.append(f"{label}: same text as stored document {stored[digest]!r}")
                continue
            if digest in batch_hashes:
                report.skipped_duplicates += 1
                report.duplicates.append(f"{label}: same text as {batch_hashes[digest]!r} in this batch")
                continue
            if doc.doc_id in taken:
                if id_conflict == "reject":
                    report.rejected.append(_taken_id_problem(label, doc.doc_id))
                    continue
                final = unique_id(doc.doc_id, taken)
                report.renamed.append(f"{label}: stored as {final!r} ({doc.doc_id!r} is taken)")
                doc = doc._replace(doc_id=final)
            taken.add(doc.doc_id)
            batch_hashes[digest] = doc.doc_id
            pending.append((doc, digest))
        return pending

    @staticmethod
    def _extract(
        docs: list[Document], extractor: object | None, on_progress: ProgressCallback | None
    ) -> list:
        if not docs:
            return []
        total = len(docs)
        done = [0]
        if on_progress:
            on_progress(0, total)

        def step(_prepared: object) -> None:
            done[0] += 1
            if on_progress:
                on_progress(done[0], total)

        return list(extractor.extract(docs, on_document=step))  # type: ignore[union-attr]

    @staticmethod
    def _insert_documents(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        con.register("_new_documents", frame)
        try:
            cols = column_list(DOCUMENT_COLUMNS)
            con.execute(
                f"INSERT INTO documents ({cols}, doc_no) SELECT {cols}, nextval('{DOC_NUMBERS}') FROM _new_documents"
            )
        finally:
            con.unregister("_new_documents")

    @staticmethod
    def _insert_relations(
        con: duckdb.DuckDBPyConnection, frame: pd.DataFrame | str, *, newest_first: bool = False
    ) -> None:
        """Insert store-shaped rows (:data:`RELATION_TABLE_COLUMNS`): a frame, or the name of a
        relation (table, view, registered frame) the connection can read; ``newest_first``
        stores them in that order (by ``day``), so that the zone maps of a bulk load prune
        date filters.

        Each row gets its ``day`` and ``doc_no``: its document's number, else the number its
        doc_id already has among the relations, else a new one from the sequence.
        """
        if isinstance(frame, pd.DataFrame):
            if frame.empty:
                return
            con.register("_new_relations", frame)
            source = "_new_relations"
        else:
            source = frame
        try:
            cols = column_list(RELATION_TABLE_COLUMNS)
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _new_doc_numbers AS "
                "WITH ids AS (SELECT DISTINCT doc_id FROM " + source + "), "
                "known AS (SELECT i.doc_id, COALESCE(d.doc_no, (SELECT min(r.doc_no) FROM relations r "
                "  WHERE r.doc_id = i.doc_id)) AS doc_no FROM ids i LEFT JOIN documents d ON d.doc_id = i.doc_id) "
                f"SELECT doc_id, COALESCE(doc_no, nextval('{DOC_NUMBERS}')) AS doc_no FROM known"
            )
            con.execute(
                f"INSERT INTO relations ({cols}, day, doc_no) "
                f"SELECT {', '.join('n.' + c for c in cols.split(', '))}, {iso_day('n.event_date', 'n.doc_date')}, "
                f"k.doc_no FROM {source} n JOIN _new_doc_numbers k ON k.doc_id = n.doc_id"
                + (f" ORDER BY {len(RELATION_TABLE_COLUMNS) + 1} DESC NULLS LAST, n.doc_id, n.row_no" if newest_first else "")
            )
            con.execute("DROP TABLE _new_doc_numbers")
        finally:
            if source == "_new_relations":
                con.unregister("_new_relations")

    # ------------------------------------------------------------------ re-extracting, removing
    def reextract(
        self,
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        *,
        all_documents: bool = False,
    ) -> ReextractReport:
        """Re-extract documents stored by another extractor version (or all), in one transaction.

        The rows as extracted are replaced; reviews are not touched: each stays attached to
        its relation id, so it applies again to the same relation extracted again. The
        report counts the reviews of these documents still attached and those whose
        relation is no longer extracted (kept; listed as ``orphaned`` by ``Store.reviews``).
        """
        extractor = extractor or default_extractor()
        version = extractor_version(extractor)
        sql = 'SELECT doc_id, title, "date", url, "text", source_file, content_hash FROM documents'
        params: list[object] = []
        if not all_documents:
            sql += " WHERE extractor_version IS DISTINCT FROM ?"
            params.append(version)
        frame = self._read(sql + " ORDER BY doc_id", params).fillna("").astype(str)
        report = ReextractReport()
        if frame.empty:
            return report
        docs = [
            Document(r.doc_id, r.title, r.date, r.url, r.text, r.source_file)
            for r in frame.itertuples(index=False)
        ]
        hashes = dict(zip(frame["doc_id"], frame["content_hash"], strict=True))
        relations = self._extract(docs, extractor, on_progress)
        with self._transaction() as con:
            current = dict(con.execute("SELECT doc_id, content_hash FROM documents").fetchall())
            # a document removed (or replaced) meanwhile is left alone
            ids = [d.doc_id for d in docs if current.get(d.doc_id) == hashes[d.doc_id]]
            if not ids:
                return report
            marks = ", ".join("?" * len(ids))
            before = con.execute(
                f"SELECT count(*) FROM relations WHERE origin = 'text' AND doc_id IN ({marks})", ids
            ).fetchone()[0]
            con.execute(f"DELETE FROM relations WHERE origin = 'text' AND doc_id IN ({marks})", ids)
            new = text_relation_frame(relations, {i: i for i in ids})
            self._insert_relations(con, new)
            con.execute(
                f"UPDATE documents SET extractor_version = ? WHERE doc_id IN ({marks})", [version, *ids]
            )
            # reviews stay attached by relation id; those whose relation is gone are kept and counted
            report.reviews_attached, report.reviews_orphaned = review_counts_in(con, ids)
        report.documents = len(ids)
        report.relations_before = int(before)
        report.relations_after = len(new)
        return report

    def remove(self, doc_id: str) -> int:
        """Remove a document and all its relation rows (any origin); returns the rows removed."""
        with self._transaction() as con:
            docs = con.execute("SELECT count(*) FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0]
            rows = con.execute("SELECT count(*) FROM relations WHERE doc_id = ?", [doc_id]).fetchone()[0]
            if not docs and not rows:
                raise NotInStore(f"no document {doc_id!r} in the store")
            con.execute("DELETE FROM relations WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
        return int(rows)


def _accepted_documents(items: Iterable[Document | InputProblem], report: AddReport) -> list[Document]:
    """The documents of ``items`` that can be added; the rest become ``report.rejected`` lines."""
    docs: list[Document] = []
    for item in items:
        if isinstance(item, InputProblem):
            report.rejected.append(str(item))
        elif isinstance(item, Document):
            if not item.text.strip():
                report.rejected.append(str(InputProblem(f"{item.source_file or item.doc_id}: no article text")))
            elif not item.doc_id.strip():
                report.rejected.append(str(InputProblem(f"{item.source_file or item.title}: empty doc_id")))
            else:
                docs.append(item)
        else:
            raise TypeError(f"expected Document or InputProblem, got {type(item).__name__}")
    return docs
