"""The relations as DuckDB sees them: the relation ``rel`` of :mod:`components.relation_sql` over the
store, a CSV or Parquet table, or a Parquet dataset, and the running of queries over it.

With :mod:`components.data_source` (which caches what these return), the only module of the
dashboard that reads files. No Streamlit.

* **Store**: each call opens the DuckDB file under the store's shared lock and closes it
  (:meth:`extraction.store.Store.query`), so other sessions and the command line can write
  between two reruns. Without reviews ``rel`` is the ``relations`` table itself, so the
  filter reaches its scan (zone maps on ``day``); with reviews it is the view
  ``reviewed_relations`` (or ``raw_relations``).
* **Parquet** (a ``.parquet`` file, or a folder of them, hive partitions such as
  ``month=2024-05/`` included): read where it lies, in an in-memory DuckDB.
* **CSV**: read once with :func:`extraction.table.read_table` (formula-neutralised cells
  restored) into an in-memory DuckDB table.

Every connection runs with ``RELDASH_QUERY_THREADS`` threads and at most
``RELDASH_QUERY_MEMORY`` of memory (DuckDB spills beyond it).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from extraction.errors import DataFileError, StoreError
from extraction.schema import COLUMNS
from extraction.store import Store
from extraction.store.ddl import iso_day
from extraction.table import read_table

from .relation_sql import Query

MEMORY_ENV = "RELDASH_QUERY_MEMORY"
THREADS_ENV = "RELDASH_QUERY_THREADS"
DEFAULT_MEMORY = "768MB"
_TEXT = [c for c in COLUMNS if c not in ("sentence_id", "sentence_start", "sentence_end", "intensity", "confidence", "negated")]


def configure(con: duckdb.DuckDBPyConnection) -> None:
    """Threads and memory limit of a query connection (settings ``RELDASH_QUERY_THREADS``, ``RELDASH_QUERY_MEMORY``)."""
    threads = os.environ.get(THREADS_ENV, "").strip()
    con.execute(f"SET threads = {int(threads) if threads.isdigit() and int(threads) > 0 else os.cpu_count() or 1}")
    memory = os.environ.get(MEMORY_ENV, "").strip() or DEFAULT_MEMORY
    try:
        con.execute("SET memory_limit = ?", [memory])
    except duckdb.Error as exc:
        raise StoreError(f"{MEMORY_ENV}={memory!r} is not a memory size (e.g. 768MB, 2GB): {exc}") from exc
    con.execute("SET preserve_insertion_order = false")


def table_files(path: Path) -> list[Path]:
    """The Parquet files of a dataset folder (hidden and temporary files left out), sorted."""
    files = [
        p
        for p in path.rglob("*.parquet")
        if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
    ]
    return sorted(files)


def table_version(path: Path) -> tuple[int, ...]:
    """A table's (or a dataset folder's) modification stamp: changes when any of its files does."""
    if path.is_dir():
        files = table_files(path)
        stats = [f.stat() for f in files]
        return (len(files), max((s.st_mtime_ns for s in stats), default=0), sum(s.st_size for s in stats))
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


def _coerced(relation: str, available: set[str], *, seq: str) -> str:
    """SELECT of ``relation``'s columns with the relation table's types, plus ``_day``, ``_doc``, ``_seq``."""
    missing = [c for c in COLUMNS if c not in available]
    if missing:
        raise DataFileError(f"relation table lacks columns: {', '.join(missing)}")
    parts = []
    for c in COLUMNS:
        q = f'"{c}"'
        if c in _TEXT:
            parts.append(f"COALESCE(CAST({q} AS VARCHAR), '') AS {q}")
        elif c == "negated":
            parts.append(
                f"COALESCE(TRY_CAST({q} AS BOOLEAN), lower(trim(CAST({q} AS VARCHAR))) IN ('true','1','yes','y','t'), "
                f"FALSE) AS {q}"
            )
        elif c in ("intensity", "confidence"):
            parts.append(f"TRY_CAST({q} AS DOUBLE) AS {q}")
        else:
            parts.append(f"COALESCE(TRY_CAST({q} AS BIGINT), -1) AS {q}")
    if "origin" in available:
        parts.append("COALESCE(NULLIF(CAST(origin AS VARCHAR), ''), 'text') AS origin")
    else:
        parts.append("'text' AS origin")
    for c in ("gdelt_num_mentions", "gdelt_num_articles"):
        parts.append(f"TRY_CAST({c} AS BIGINT) AS {c}" if c in available else f"CAST(NULL AS BIGINT) AS {c}")
    extra = [c for c in available if c not in COLUMNS and c not in ("origin", "gdelt_num_mentions", "gdelt_num_articles", "month") and not c.startswith("_")]
    parts += [f'"{c}"' for c in extra]
    parts.append(f"{iso_day()} AS _day, CAST(NULL AS BIGINT) AS _doc, {seq} AS _seq")
    return f"SELECT {', '.join(parts)} FROM {relation}"


@dataclass(frozen=True)
class Relation:
    """How ``rel`` reads a source: the SQL defining it and what it offers."""

    definition: str  # SELECT ... (becomes WITH rel AS (...))
    has_origin: bool
    columns: tuple[str, ...]  # public columns, in order
    doc_range: tuple[int, int] | None  # least and greatest _doc, when the source numbers its articles
    order: str  # "newest first"
    problems: tuple[str, ...] = ()  # files of a dataset left out, with the reason


_STORE_COLUMNS = (*COLUMNS, "origin", "gdelt_num_mentions", "gdelt_num_articles", "relation_id", "review_status")


def store_relation(store: Store, *, raw: bool) -> Relation:
    """``rel`` over a store: its relations table when it holds no reviews, else the review view."""
    with store.query() as con:
        configure(con)
        reviews = con.execute("SELECT count(*) FROM reviews").fetchone()[0]
        lo, hi = con.execute("SELECT min(doc_no), max(doc_no) FROM relations").fetchone()
    cols = ", ".join(f'"{c}"' for c in _STORE_COLUMNS if c != "review_status")
    if reviews:
        view = "raw_relations" if raw else "reviewed_relations"
        definition = f"SELECT {cols}, review_status, day AS _day, doc_no AS _doc, row_no, add_no FROM {view}"
        if not raw:  # an added relation may have a document whose number is outside the relations'
            with store.query() as con:
                dlo, dhi = con.execute("SELECT min(doc_no), max(doc_no) FROM documents").fetchone()
            lo = min(v for v in (lo, dlo) if v is not None) if lo is not None or dlo is not None else None
            hi = max(v for v in (hi, dhi) if v is not None) if hi is not None or dhi is not None else None
    else:
        definition = f"SELECT {cols}, '' AS review_status, day AS _day, doc_no AS _doc, row_no FROM relations"
    return Relation(
        definition=definition,
        has_origin=True,
        columns=_STORE_COLUMNS,
        doc_range=(int(lo), int(hi)) if lo is not None and hi is not None else None,
        order="_day DESC NULLS LAST, doc_id, sentence_id, origin DESC, row_no NULLS LAST, add_no"
        if reviews
        else "_day DESC NULLS LAST, doc_id, sentence_id, origin DESC, row_no NULLS LAST",
    )


# --------------------------------------------------------------------------- tables


def _readable(con: duckdb.DuckDBPyConnection, files: list[Path]) -> tuple[list[Path], list[str]]:
    """The Parquet files that hold a relation table, and why each other one does not."""
    good, problems = [], []
    for file in files:
        literal = "'" + str(file).replace("'", "''") + "'"
        try:
            names = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet({literal})").fetchall()}
        except duckdb.Error as exc:
            problems.append(str(DataFileError(f"{file}: not a readable Parquet file ({str(exc).splitlines()[0][:160]})")))
            continue
        missing = [c for c in COLUMNS if c not in names]
        if missing:
            problems.append(str(DataFileError(f"{file}: not a relation table, it lacks {', '.join(missing[:4])}")))
        else:
            good.append(file)
    return good, problems


class TableSource:
    """An in-memory DuckDB over a CSV or Parquet table (or Parquet dataset folder) at one version."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = duckdb.connect()
        self._lock = threading.Lock()
        configure(self._con)
        try:
            problems: list[str] = []
            if path.is_dir() or path.suffix.lower() == ".parquet":
                files = table_files(path) if path.is_dir() else [path]
                if not files:
                    raise DataFileError(f"no Parquet files under {path}")
                if path.is_dir():  # a bad file of a dataset is left out (and named); the others are shown
                    files, problems = _readable(self._con, files)
                    if not files:
                        raise DataFileError(f"no readable relation table under {path}: {problems[0]}")
                listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
                scan = (
                    # partition keys (month=...) are not read: each file has the table's columns, and a
                    # file beside the partitions (no key) would otherwise fail with a hive mismatch
                    f"read_parquet([{listed}], hive_partitioning = false, "
                    "union_by_name = true, filename = true, file_row_number = true)"
                )
                available = [r[0] for r in self._con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()]
                definition = _coerced(scan, set(available), seq="struct_pack(filename, file_row_number)")
                self._con.execute(f"CREATE VIEW rel_source AS {definition}")
            else:
                frame = read_table(path)
                frame["_seq"] = range(len(frame))
                self._con.register("_table", frame)
                available = [c for c in frame.columns if c != "_seq"]
                definition = _coerced("_table", set(available), seq="_seq")
                self._con.execute(f"CREATE TABLE rel_source AS {definition} ORDER BY _day DESC NULLS LAST")
                self._con.unregister("_table")
                del frame
        except duckdb.Error as exc:
            self._con.close()
            raise DataFileError(f"cannot read relation table {path}: {exc}") from exc
        except BaseException:
            self._con.close()
            raise
        names = [r[0] for r in self._con.execute("DESCRIBE rel_source").fetchall()]
        has_origin = "origin" in available
        public = tuple(c for c in names if not c.startswith("_") and (c != "origin" or has_origin))
        public = tuple(c for c in public if has_origin or c not in ("gdelt_num_mentions", "gdelt_num_articles"))
        self.relation = Relation(
            "SELECT * FROM rel_source", has_origin, public, None, "_day DESC NULLS LAST, doc_id, sentence_id, _seq",
            tuple(problems),
        )

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self._con.close()


# --------------------------------------------------------------------------- running


def with_rel(relation: Relation, query: Query) -> tuple[str, list[object]]:
    """``query`` with ``rel`` defined in front of it (before the query's own CTEs, if any)."""
    sql = query.sql
    if sql.startswith("WITH "):
        return f"WITH rel AS ({relation.definition}), {sql[len('WITH '):]}", list(query.params)
    return f"WITH rel AS ({relation.definition}) {sql}", list(query.params)


def run(con: duckdb.DuckDBPyConnection, relation: Relation, query: Query) -> pd.DataFrame:
    sql, params = with_rel(relation, query)
    try:
        return con.execute(sql, params).df()
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {exc}") from exc


def stream(
    con: duckdb.DuckDBPyConnection, relation: Relation, query: Query, batch_rows: int = 50_000
) -> Iterator[pd.DataFrame]:
    """The rows of ``query`` in frames of at most ``batch_rows`` rows."""
    sql, params = with_rel(relation, query)
    try:
        result = con.execute(sql, params)
        while True:
            batch = result.fetch_df_chunk(max(1, batch_rows // 2048))
            if batch is None or batch.empty:
                return
            yield batch
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {exc}") from exc
