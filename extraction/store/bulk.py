"""Relation tables in bulk: a Parquet relation dataset (a ``.parquet`` file, or a folder of them, hive
partitions such as ``month=2024-05/`` included) into the store in one transaction, read by DuckDB
where it lies: no row passes through pandas.

Each file is checked first (readable Parquet, with the relation table's columns); a bad one
is reported by name and left out, and the good ones go in. Rows keep their ``origin``
(``text`` when the dataset has none) and GDELT counts; each gets the relation id an add
gives it (:mod:`extraction.relation_ids`, computed in SQL), its ``day`` and ``doc_no``.
Rows of an article stored with its text are left out (its relations come from its text);
rows of a doc_id and origin already in the store replace those, so loading a dataset twice
does not double it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from extraction.errors import InputProblem, StoreError
from extraction.relation_ids import HASH_DIGITS
from extraction.schema import COLUMNS
from extraction.store.ddl import quote
from extraction.store.ingest import Ingestion

_INT = ("sentence_id", "sentence_start", "sentence_end")
_FLOAT = ("intensity", "confidence")


@dataclass
class BulkReport:
    """What a bulk load did: rows inserted and replaced, files read, problems (one line per bad file)."""

    inserted: int = 0
    replaced: int = 0
    files: int = 0
    skipped_rows: int = 0  # rows of articles stored with their text
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.inserted} relation rows from {self.files} Parquet files ({self.replaced} replaced rows already stored)"
        if self.skipped_rows:
            text += f"; {self.skipped_rows} rows of articles stored with their text left out"
        return text


def is_relation_dataset(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a Parquet relation table: a ``.parquet`` file, or a folder holding some."""
    p = Path(path)
    if p.suffix.lower() == ".parquet":
        return True
    return p.is_dir() and next(iter(parquet_files(p)), None) is not None


def parquet_files(path: Path) -> list[Path]:
    """The ``.parquet`` files of a dataset folder (hidden and ``_``-prefixed ones left out), sorted."""
    if not path.is_dir():
        return [path]
    return sorted(
        p
        for p in path.rglob("*.parquet")
        if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
    )


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _check_file(con: duckdb.DuckDBPyConnection, path: Path) -> str | None:
    """Why ``path`` cannot be loaded, or None."""
    if not path.exists():
        return f"{path}: no such file or folder"
    try:
        names = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet({_literal(path)})").fetchall()}
    except duckdb.Error as exc:
        return f"{path}: not a readable Parquet file ({str(exc).splitlines()[0][:200]})"
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        return f"{path}: not a relation table, it lacks {', '.join(missing[:6])}" + ("…" if len(missing) > 6 else "")
    return None


def _select(scan: str, names: set[str]) -> str:
    """The dataset's rows, store-shaped (:data:`RELATION_TABLE_COLUMNS`), relation ids included."""
    parts = []
    for c in COLUMNS:
        q = quote(c)
        if c in _INT:
            parts.append(f"COALESCE(TRY_CAST({q} AS BIGINT), -1) AS {q}")
        elif c in _FLOAT:
            parts.append(f"TRY_CAST({q} AS DOUBLE) AS {q}")
        elif c == "negated":
            parts.append(
                f"COALESCE(TRY_CAST({q} AS BOOLEAN), lower(trim(CAST({q} AS VARCHAR))) IN ('true','1','yes','y','t'), "
                f"FALSE) AS {q}"
            )
        else:
            parts.append(f"COALESCE(CAST({q} AS VARCHAR), '') AS {q}")
    origin = "COALESCE(NULLIF(CAST(origin AS VARCHAR), ''), 'text')" if "origin" in names else "'text'"
    counts = [
        f"TRY_CAST({c} AS INTEGER) AS {c}" if c in names else f"CAST(NULL AS INTEGER) AS {c}"
        for c in ("gdelt_num_mentions", "gdelt_num_articles")
    ]
    key = "concat_ws(chr(31), doc_id, CAST(sentence_start AS VARCHAR), CAST(sentence_end AS VARCHAR), source, target, event_type, trigger)"
    return (
        f"WITH src AS (SELECT {', '.join(parts)}, {origin} AS origin, {', '.join(counts)}, "
        f"filename AS _file, file_row_number AS _row FROM {scan}), "
        f"ided AS (SELECT *, 'r' || left(sha256({key}), {HASH_DIGITS}) AS _id FROM src) "
        "SELECT * EXCLUDE (_id, _file, _row), "
        "CAST(row_number() OVER (PARTITION BY doc_id ORDER BY _file, _row) - 1 AS INTEGER) AS row_no, "
        "CASE WHEN row_number() OVER (PARTITION BY _id ORDER BY _file, _row) = 1 THEN _id "
        "ELSE _id || '-' || CAST(row_number() OVER (PARTITION BY _id ORDER BY _file, _row) AS VARCHAR) END "
        "AS relation_id FROM ided"
    )


class BulkLoads(Ingestion):
    """:meth:`add_relation_tables` of :class:`~extraction.store.Store`."""

    def add_relation_tables(self, paths: Iterable[str | os.PathLike[str]]) -> BulkReport:
        """Load Parquet relation tables or datasets (files or folders) in one transaction.

        Bad files are reported in ``problems`` and left out; raises InputProblem when no
        file can be loaded, StoreBusy/StoreError as every write does (nothing is written then).
        """
        report = BulkReport()
        files: list[Path] = []
        check = duckdb.connect()
        try:
            for raw in paths:
                path = Path(raw)
                found = parquet_files(path) if path.exists() else [path]
                if path.is_dir() and not found:
                    report.problems.append(f"{path}: no Parquet files in this folder")
                for file in found:
                    problem = _check_file(check, file)
                    if problem:
                        report.problems.append(problem)
                    else:
                        files.append(file)
            names: set[str] = set()
            for file in files:
                names |= {r[0] for r in check.execute(f"DESCRIBE SELECT * FROM read_parquet({_literal(file)})").fetchall()}
        finally:
            check.close()
        if not files:
            raise InputProblem("no Parquet relation table could be read" + (f": {report.problems[0]}" if report.problems else ""))
        listed = ", ".join(_literal(f) for f in files)
        # partition keys (month=...) are not read: every file holds the table's columns, and a file
        # beside the partitions (no key) would otherwise fail the whole load with a hive mismatch
        scan = f"read_parquet([{listed}], union_by_name = true, hive_partitioning = false, filename = true, file_row_number = true)"
        report.files = len(files)
        with self._transaction() as con:
            try:
                con.execute(f"CREATE TEMP TABLE _bulk AS {_select(scan, names)}")
                texts = con.execute(
                    "SELECT count(*) FROM _bulk WHERE doc_id IN (SELECT doc_id FROM documents)"
                ).fetchone()[0]
                con.execute("DELETE FROM _bulk WHERE doc_id IN (SELECT doc_id FROM documents)")
                report.skipped_rows = int(texts)
                where = "(doc_id, origin) IN (SELECT DISTINCT doc_id, origin FROM _bulk)"
                report.replaced = int(con.execute(f"SELECT count(*) FROM relations WHERE {where}").fetchone()[0])
                con.execute(f"DELETE FROM relations WHERE {where}")
                report.inserted = int(con.execute("SELECT count(*) FROM _bulk").fetchone()[0])
                self._insert_relations(con, "_bulk", newest_first=True)
                con.execute("DROP TABLE _bulk")
            except duckdb.Error as exc:
                raise StoreError(f"cannot load the Parquet relation tables, nothing was changed: {exc}") from exc
        return report
