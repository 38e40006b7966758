"""Opening the store: the path, DuckDB connections under the file lock, transactions, the schema check.

The store never keeps a connection open between calls: each call takes the file
lock (:mod:`extraction.store.locking`; shared for reads, exclusive for writes),
opens DuckDB, works, closes. Reads and writes wait up to the lock timeout
(setting ``RELDASH_STORE_LOCK_TIMEOUT``, default 10 s) for another session's
write, then raise :class:`~extraction.errors.StoreBusy`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Self

import duckdb
import pandas as pd

from extraction import config
from extraction.errors import StoreBusy, StoreError
from extraction.store.ddl import (
    BUMP_GENERATION,
    CORE_TABLES,
    MIGRATABLE_VERSIONS,
    SCHEMA_VERSION,
    TABLES,
    create_schema,
    migrate,
)
from extraction.store.locking import StoreLock


class StoreBase:
    """The DuckDB file at ``path`` (default: setting ``RELDASH_DB``), created as a store when new.

    Cheap to create; holds no connection between calls, so one instance may be
    shared by threads, and several processes may use the same file. Usable as a
    context manager; :meth:`close` is a no-op kept for symmetry.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, lock_timeout: float | None = None
    ) -> None:
        self.path = Path(path) if path else config.db_path()
        self._lock = StoreLock(self.path)
        self.lock_path = self._lock.path
        self.gate_path = self._lock.gate_path
        self.lock_timeout = config.store_lock_timeout() if lock_timeout is None else float(lock_timeout)
        self._ensure_schema()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: connections are opened and closed per call."""

    # ------------------------------------------------------------------ connections
    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection under the file lock (shared for reads, exclusive for writes)."""
        timeout = self.lock_timeout
        with self._lock.hold(exclusive=write, timeout=timeout):
            deadline = time.monotonic() + timeout
            while True:
                try:
                    con = duckdb.connect(str(self.path), read_only=not write)
                    break
                except duckdb.IOException as exc:
                    # another program (not using our lock) holds the file
                    if "lock" in str(exc).lower() and time.monotonic() < deadline:
                        time.sleep(0.1)
                        continue
                    if "lock" in str(exc).lower():
                        raise StoreBusy(
                            f"busy, try again in a moment: another program holds the store {self.path.name}"
                        ) from exc
                    raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
                except duckdb.Error as exc:
                    raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction: committed when the block ends, rolled back on any error.

        Every committed transaction bumps the generation counter.
        """
        with self._connect(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute(BUMP_GENERATION)
                con.execute("COMMIT")
            except BaseException as exc:
                with suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                if isinstance(exc, duckdb.Error):
                    raise StoreError(f"write to {self.path.name} failed, nothing was changed: {exc}") from exc
                raise

    def _read(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        with self._connect(write=False) as con:
            try:
                return con.execute(sql, list(params)).df()
            except duckdb.Error as exc:
                raise StoreError(f"cannot read the store {self.path}: {exc}") from exc

    def _ensure_schema(self) -> None:
        """Check an existing store's schema version (migrating an older one); create the tables in a new file."""
        if self.path.exists():
            tables = set(
                self._read("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")[
                    "table_name"
                ]
            )
            if tables >= CORE_TABLES:
                version = self._read("SELECT value FROM meta WHERE key = 'schema_version'")
                found = None if version.empty else str(version.iloc[0, 0])
                if found in MIGRATABLE_VERSIONS:
                    self._migrate()
                elif found is not None and found != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path}: store schema version {found}, this code reads version {SCHEMA_VERSION}"
                    )
                return
            if tables - TABLES:
                raise StoreError(f"{self.path} is a DuckDB file but not a relation store")
        with self._transaction() as con:
            create_schema(con)

    def _migrate(self) -> None:
        """Bring an older store to :data:`SCHEMA_VERSION` in one transaction (another session may have already)."""
        with self._transaction() as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row and row[0] in MIGRATABLE_VERSIONS:
                migrate(con, row[0])
