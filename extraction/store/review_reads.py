"""Reading analyst reviews: the review list, review progress per article, attached and orphaned counts.

The writes are :mod:`extraction.store.reviews`; both read the ``reviews`` table and the
``review_verdicts`` view of :mod:`extraction.store.ddl`.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from extraction.store.base import StoreBase

#: Columns of :meth:`Reviewing.reviews`.
REVIEW_LIST_COLUMNS: tuple[str, ...] = (
    "review_id",
    "relation_id",
    "verdict",
    "state",
    "reviewer",
    "reviewed_at",
    "doc_id",
    "relation",
    "changes",
    "note",
)
#: Columns of :meth:`Reviewing.review_progress`.
PROGRESS_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "title",
    "date",
    "extracted",
    "reviewed",
    "confirmed",
    "fixed",
    "rejected",
    "added",
    "fully_reviewed",
)
#: Relation ids present in the store: extracted rows and added relations of stored documents.
_PRESENT_IDS = (
    "(SELECT relation_id FROM relations UNION "
    "SELECT a.relation_id FROM reviews a JOIN documents d ON d.doc_id = a.doc_id WHERE a.verdict = 'add')"
)


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> tuple | None:
    """The first row of a query, or None; the result is read to the end, so that the
    connection is free for the next statement (DuckDB refuses ``register`` otherwise)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


class ReviewReads(StoreBase):
    """:meth:`reviews`, :meth:`review_progress` and :meth:`review_counts` of :class:`~extraction.store.Store`."""

    def reviews(self, *, history: bool = False) -> pd.DataFrame:
        """The reviews: one row per reviewed relation (its latest verdict), oldest first.

        Columns :data:`REVIEW_LIST_COLUMNS`; ``state`` is ``current``, ``orphaned`` (the
        relation is no longer in the store: its document was re-extracted without it, or
        removed; the review is kept and applies again if the relation comes back) or, with
        ``history=True`` (every verdict ever recorded), ``superseded``. ``relation``
        describes the relation as it was shown when reviewed; ``reviewed_at`` is UTC.
        """
        sql = (
            "SELECT r.review_id, r.relation_id, r.verdict, "
            "CASE WHEN r.review_id <> l.review_id THEN 'superseded' "
            f"WHEN r.relation_id IN {_PRESENT_IDS} THEN 'current' ELSE 'orphaned' END AS state, "
            "r.reviewer, r.reviewed_at, r.doc_id, r.reviewed_relation AS relation, r.changes, r.note "
            "FROM reviews r JOIN review_verdicts l ON l.relation_id = r.relation_id"
        )
        if not history:
            sql += " WHERE r.review_id = l.review_id"
        frame = self._read(sql + " ORDER BY r.review_id")
        frame["review_id"] = frame["review_id"].astype("int64")
        return frame[list(REVIEW_LIST_COLUMNS)].reset_index(drop=True)

    def review_progress(self) -> pd.DataFrame:
        """Per stored document (sorted by date, doc_id), columns :data:`PROGRESS_COLUMNS`.

        ``extracted``: relations as extracted; ``reviewed``: of those, how many have a
        verdict, split into ``confirmed``, ``fixed`` and ``rejected``; ``added``: relations
        added by reviewers. ``fully_reviewed``: every extracted relation has a verdict
        and there is at least one (or, with none extracted, at least one was added).
        """
        with self._connect(write=False) as con:
            reviewed = con.execute("SELECT count(*) FROM reviews").fetchone()[0]
        if not reviewed:  # nothing reviewed: count the extracted rows on the table itself, no view joins
            frame = self._read(
                'SELECT d.doc_id, d.title, d."date", count(r.relation_id) AS extracted, 0 AS reviewed, '
                "0 AS confirmed, 0 AS fixed, 0 AS rejected, 0 AS added FROM documents d "
                "LEFT JOIN relations r ON r.doc_id = d.doc_id AND r.origin = 'text' "
                'GROUP BY ALL ORDER BY d."date", d.doc_id'
            )
            return self._progress_frame(frame)
        frame = self._read(
            'SELECT d.doc_id, d.title, d."date", '
            "count(r.relation_id) AS extracted, "
            "count(r.relation_id) FILTER (WHERE r.review_status <> '') AS reviewed, "
            "count(r.relation_id) FILTER (WHERE r.review_status = 'confirmed') AS confirmed, "
            "count(r.relation_id) FILTER (WHERE r.review_status = 'fixed') AS fixed, "
            "count(r.relation_id) FILTER (WHERE r.review_status = 'rejected') AS rejected, "
            "(SELECT count(*) FROM reviewed_relations a WHERE a.doc_id = d.doc_id "
            " AND a.review_status = 'added') AS added "
            "FROM documents d LEFT JOIN raw_relations r ON r.doc_id = d.doc_id AND r.origin = 'text' "
            'GROUP BY ALL ORDER BY d."date", d.doc_id'
        )
        return self._progress_frame(frame)

    @staticmethod
    def _progress_frame(frame: pd.DataFrame) -> pd.DataFrame:
        for col in ("extracted", "reviewed", "confirmed", "fixed", "rejected", "added"):
            frame[col] = frame[col].astype("int64")
        for col in ("doc_id", "title", "date"):
            frame[col] = frame[col].fillna("").astype(str)
        frame["fully_reviewed"] = ((frame["extracted"] > 0) & (frame["reviewed"] == frame["extracted"])) | (
            (frame["extracted"] == 0) & (frame["added"] > 0)
        )
        return frame[list(PROGRESS_COLUMNS)].reset_index(drop=True)

    def review_counts(self, doc_ids: list[str]) -> tuple[int, int]:
        """(attached, orphaned): latest verdicts on relations of ``doc_ids`` still in the store, and not."""
        if not doc_ids:
            return 0, 0
        with self._connect(write=False) as con:
            return review_counts_in(con, doc_ids)


def review_counts_in(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> tuple[int, int]:
    """(attached, orphaned) of :meth:`Reviewing.review_counts`, on an open connection."""
    marks = ", ".join("?" * len(doc_ids))
    attached, orphaned = first_row(
        con,
        f"SELECT count(*) FILTER (WHERE relation_id IN {_PRESENT_IDS}), "
        f"count(*) FILTER (WHERE relation_id NOT IN {_PRESENT_IDS}) "
        f"FROM review_verdicts WHERE doc_id IN ({marks})",
        doc_ids,
    )
    return int(attached), int(orphaned)
