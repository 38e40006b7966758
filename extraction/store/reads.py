"""Reading the store: counts, the document list, one document, the relation table (reviewed or raw).

Nothing here imports spaCy or the URL fetcher.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from extraction.documents import Document, parse_date_or_problem
from extraction.errors import NotInStore
from extraction.store.base import StoreBase
from extraction.store.ddl import RELATION_FRAME_COLUMNS, column_list
from extraction.store.extractor import extractor_version
from extraction.store.frames import relation_frame

if TYPE_CHECKING:
    from extraction.pipeline import Extractor

_DOCUMENT_TEXT_COLUMNS = ("doc_id", "title", "date", "url", "source_file", "extractor_version", "content_hash")


class StoreReads(StoreBase):
    """The read methods of :class:`~extraction.store.Store`."""

    @contextmanager
    def query(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only DuckDB connection to the store, under its shared lock, for the ``with`` block.

        For readers that run their own SQL over the tables and views (the dashboard's
        queries); keep the block short: a writer waits for it. Raises StoreBusy after the
        lock timeout.
        """
        with self._connect(write=False) as con:
            yield con

    def generation(self) -> int:
        """A counter bumped by every write: cache dashboard reads on it."""
        frame = self._read("SELECT value FROM meta WHERE key = 'generation'")
        return int(frame.iloc[0, 0]) if not frame.empty else 0

    def stats(self) -> dict[str, int]:
        """Counts: documents, relations, text/gdelt relations, stale documents, generation."""
        version = extractor_version(None)
        with self._connect(write=False) as con:
            docs, stale = con.execute(
                "SELECT count(*), count(*) FILTER (WHERE extractor_version IS DISTINCT FROM ?) "
                "FROM documents",
                [version],
            ).fetchone()
            rows = dict(con.execute("SELECT origin, count(*) FROM relations GROUP BY origin").fetchall())
            gen = con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return {
            "documents": int(docs),
            "relations": int(sum(rows.values())),
            "text_relations": int(rows.get("text", 0)),
            "gdelt_relations": int(rows.get("gdelt", 0)),
            "stale_documents": int(stale),
            "generation": int(gen[0]) if gen else 0,
        }

    def list_documents(self) -> pd.DataFrame:
        """One row per stored document (no text): doc_id, title, date, url, source_file,
        added_at, extractor_version, content_hash, relations (number of relation rows, reviews
        applied: rejected rows not counted, added ones counted); sorted by date then doc_id."""
        frame = self._read(
            'SELECT d.doc_id, d.title, d."date", d.url, d.source_file, d.added_at, d.extractor_version, '
            "d.content_hash, count(r.doc_id) AS relations "
            "FROM documents d LEFT JOIN reviewed_relations r ON r.doc_id = d.doc_id AND r.origin = 'text' "
            'GROUP BY ALL ORDER BY d."date", d.doc_id'
        )
        for col in _DOCUMENT_TEXT_COLUMNS:
            frame[col] = frame[col].fillna("").astype(str)
        frame["relations"] = frame["relations"].astype("int64")
        return frame.reset_index(drop=True)

    def document(self, doc_id: str) -> Document:
        """The stored document ``doc_id`` (with its text); NotInStore when absent."""
        frame = self._read(
            'SELECT doc_id, title, "date", url, "text", source_file FROM documents WHERE doc_id = ?', [doc_id]
        )
        if frame.empty:
            raise NotInStore(f"no document {doc_id!r} in the store")
        row = frame.fillna("").astype(str).iloc[0]
        return Document(*(row[c] for c in frame.columns))

    def relations(
        self,
        *,
        actors: Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        origin: str | Iterable[str] | None = None,
        doc_ids: Iterable[str] | None = None,
        raw: bool = False,
    ) -> pd.DataFrame:
        """The relation table with the reviews applied (:data:`RELATION_FRAME_COLUMNS`), canonical dtypes.

        Read from the view ``reviewed_relations``: rejected rows hidden, fixed fields
        replaced, added relations included; ``review_status`` says which (``""`` for a row
        not reviewed). ``raw=True`` reads ``raw_relations`` instead: the rows as extracted,
        rejected ones included (``review_status`` ``rejected``), no added relations.

        Filters (all optional, combined with AND): ``actors`` — rows whose source or
        target is one of them; ``since``/``until`` — inclusive ISO dates compared with
        the event date (the publication date when the event date is empty);
        ``origin`` — "text", "gdelt" or a list; ``doc_ids``.
        """
        where: list[str] = []
        params: list[object] = []
        if actors is not None:
            codes = sorted({str(a) for a in actors})
            marks = ", ".join("?" * len(codes)) or "NULL"
            where.append(f"(source IN ({marks}) OR target IN ({marks}))")
            params += codes + codes
        when = "COALESCE(NULLIF(event_date, ''), NULLIF(doc_date, ''))"
        if since:
            where.append(f"{when} >= ?")
            params.append(parse_date_or_problem(since, "since"))
        if until:
            where.append(f"{when} <= ?")
            params.append(parse_date_or_problem(until, "until"))
        if origin is not None:
            origins = [origin] if isinstance(origin, str) else sorted(set(origin))
            where.append(f"origin IN ({', '.join('?' * len(origins)) or 'NULL'})")
            params += origins
        if doc_ids is not None:
            ids = sorted(set(doc_ids))
            where.append(f"doc_id IN ({', '.join('?' * len(ids)) or 'NULL'})")
            params += ids
        view = "raw_relations" if raw else "reviewed_relations"
        sql = f"SELECT {column_list(RELATION_FRAME_COLUMNS)} FROM {view}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY origin DESC, doc_id, row_no NULLS LAST, add_no"
        return relation_frame(self._read(sql, params))

    def stale_documents(self, extractor: Extractor | None = None) -> list[str]:
        """doc_ids stored by another extractor version than the current one."""
        frame = self._read(
            "SELECT doc_id FROM documents WHERE extractor_version IS DISTINCT FROM ? ORDER BY doc_id",
            [extractor_version(extractor)],
        )
        return list(frame["doc_id"])
