"""The relation store: one DuckDB file with the documents and the relation table.

Tables:

* ``documents``: doc_id, content_hash, title, date, url, source_file, text,
  added_at (UTC), extractor_version;
* ``relations``: the columns of :data:`~extraction.schema.COLUMNS`, then
  ``origin`` (``text`` or ``gdelt``), ``gdelt_num_mentions``,
  ``gdelt_num_articles`` (NULL for text rows) and ``row_no`` (order within a document);
* ``meta``: schema version, whether the demo corpus was loaded, a generation
  counter bumped by every write (see :meth:`Store.generation`).

Incremental adds: a document whose content hash (sha256 of the text with
Unicode and whitespace normalised) is already stored is skipped. Every add,
removal, re-extraction or import is one transaction: an error or a crash midway
leaves the store as it was.

Concurrency: DuckDB lets one process write a file, and no other process open it
meanwhile. The store never keeps a connection open between calls: each call
takes a file lock (``fcntl.flock`` on ``<db>.lock``; shared for reads,
exclusive for writes, with a second lock file so that a waiting writer is not
starved by readers), opens DuckDB, works, closes. Extraction (the slow part)
runs before the write lock is taken. A write waits up to
``RELDASH_STORE_LOCK_TIMEOUT`` seconds (default 10) for another session's
write, then raises :class:`~extraction.errors.StoreBusy` ("busy, try again").
Threads and processes are both covered, since every call opens its own lock
file descriptor.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import functools
import hashlib
import os
import random
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from . import config
from .documents import Document, parse_date_or_problem, read_bytes, read_inputs
from .errors import InputProblem, NotInStore, StoreBusy, StoreError
from .schema import COLUMNS
from .table import coerce_types, to_frame

if TYPE_CHECKING:
    from .pipeline import Extractor

SCHEMA_VERSION = "1"
#: Columns after :data:`COLUMNS` in the relations table (and in :meth:`Store.relations`).
EXTRA_COLUMNS: tuple[str, ...] = ("origin", "gdelt_num_mentions", "gdelt_num_articles")
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "content_hash",
    "title",
    "date",
    "url",
    "source_file",
    "text",
    "added_at",
    "extractor_version",
)
_SQL_TYPES = {
    "sentence_id": "INTEGER",
    "sentence_start": "INTEGER",
    "sentence_end": "INTEGER",
    "intensity": "DOUBLE",
    "confidence": "DOUBLE",
    "negated": "BOOLEAN",
}
ProgressCallback = Callable[[int, int], None]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE TABLE IF NOT EXISTS documents ("
    ' doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE, title VARCHAR, "date" VARCHAR,'
    ' url VARCHAR, source_file VARCHAR, "text" VARCHAR NOT NULL, added_at TIMESTAMP,'
    " extractor_version VARCHAR)",
    "CREATE TABLE IF NOT EXISTS relations ("
    + ", ".join(f"{_q(c)} {_SQL_TYPES.get(c, 'VARCHAR')}" for c in COLUMNS)
    + ", origin VARCHAR NOT NULL, gdelt_num_mentions INTEGER, gdelt_num_articles INTEGER, row_no INTEGER)",
    "CREATE INDEX IF NOT EXISTS relations_doc ON relations (doc_id)",
]


# --------------------------------------------------------------------------- reports


@dataclass
class AddReport:
    """What an add did. ``rejected`` holds one "name: reason" line per input not added."""

    added: int = 0
    skipped_duplicates: int = 0
    rejected: list[str] = field(default_factory=list)
    relations: int = 0
    added_ids: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # "source: same text as stored 'doc_id'"
    renamed: list[str] = field(default_factory=list)  # "source: stored as 'x-2' ('x' is taken)"

    def summary(self) -> str:
        parts = [
            f"{self.added} document{'s' if self.added != 1 else ''} added",
            f"{self.skipped_duplicates} skipped as duplicates",
            f"{len(self.rejected)} rejected",
            f"{self.relations} relations found",
        ]
        return ", ".join(parts)


@dataclass
class ReextractReport:
    documents: int = 0
    relations_before: int = 0
    relations_after: int = 0

    def summary(self) -> str:
        return (
            f"{self.documents} documents re-extracted: {self.relations_before} -> "
            f"{self.relations_after} relations"
        )


@dataclass
class ImportReport:
    inserted: int = 0
    replaced: int = 0  # rows with the same doc_id and origin that were there before

    def summary(self) -> str:
        return f"{self.inserted} rows imported ({self.replaced} replaced rows already stored)"


# --------------------------------------------------------------------------- helpers


def content_hash(text: str) -> str:
    """sha256 of the text after NFKC normalisation and whitespace collapsing."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _slug(text: str, limit: int = 50) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", unicodedata.normalize("NFKD", text)).strip("-").lower()
    return slug[:limit].rstrip("-")


@functools.lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """One shared :class:`~extraction.pipeline.Extractor` (the spaCy model loads once)."""
    from .pipeline import Extractor

    return Extractor()


def _extractor_version(extractor: object | None) -> str:
    version = getattr(extractor, "version", None)
    if isinstance(version, str) and version:
        return version
    from . import pipeline

    return pipeline.EXTRACTOR_VERSION


def _unique_id(wanted: str, taken: set[str]) -> str:
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


# --------------------------------------------------------------------------- the store


class Store:
    """The DuckDB relation store at ``path`` (default: setting ``RELDASH_DB``).

    Cheap to create; holds no connection between calls, so one instance may be
    shared by threads, and several processes may use the same file. Usable as a
    context manager (``with Store(path) as store: ...``); :meth:`close` is a no-op
    kept for symmetry.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, lock_timeout: float | None = None
    ) -> None:
        self.path = Path(path) if path else config.db_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.gate_path = self.path.with_name(self.path.name + ".lock-writer")
        self.lock_timeout = config.store_lock_timeout() if lock_timeout is None else float(lock_timeout)
        self._ensure_schema()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: connections are opened and closed per call."""

    # ------------------------------------------------------------------ locking and connections
    def _open_lock_file(self, path: Path) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot open the store's lock file {path}: {exc.strerror or exc}") from exc

    def _acquire(self, fd: int, mode: int, deadline: float) -> None:
        delay = 0.01
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise StoreError(f"cannot lock {self.lock_path}: {exc.strerror or exc}") from exc
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    "busy, try again in a moment: another session is writing to the store " + self.path.name
                )
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.2)

    @contextmanager
    def _lock(self, exclusive: bool, timeout: float | None = None) -> Iterator[None]:
        """Readers share, writers exclude; a waiting writer goes before new readers.

        Two ``flock`` files: ``<db>.lock`` (shared by readers, exclusive for the
        writer) and the gate ``<db>.lock-writer``, held exclusively by a writer from
        the moment it starts waiting until it is done. Readers pass through the
        gate (shared, released once they hold the main lock), so a stream of
        readers cannot starve a writer. Both are released when the process dies.
        """
        timeout = self.lock_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        gate = self._open_lock_file(self.gate_path)
        try:
            main = self._open_lock_file(self.lock_path)
            try:
                self._acquire(gate, mode, deadline)
                try:
                    self._acquire(main, mode, deadline)
                finally:
                    if not exclusive:
                        fcntl.flock(gate, fcntl.LOCK_UN)
                try:
                    yield
                finally:
                    fcntl.flock(main, fcntl.LOCK_UN)
            finally:
                os.close(main)
        finally:
            os.close(gate)

    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection under the file lock (shared for reads, exclusive for writes)."""
        # Readers wait longer than writers: a write transaction is short, and a
        # read that fails would blank a dashboard page.
        timeout = self.lock_timeout if write else max(self.lock_timeout, 30.0)
        with self._lock(write, timeout):
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
        """One write transaction: committed when the block ends, rolled back on any error."""
        with self._connect(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('generation', "
                    "CAST(COALESCE((SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'generation'), 0) + 1 "
                    "AS VARCHAR))"
                )
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
        if self.path.exists():
            tables = set(self._read("SELECT table_name FROM information_schema.tables")["table_name"])
            if {"meta", "documents", "relations"} <= tables:
                version = self._read("SELECT value FROM meta WHERE key = 'schema_version'")
                if not version.empty and version.iloc[0, 0] != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path}: store schema version {version.iloc[0, 0]}, "
                        f"this code reads version {SCHEMA_VERSION}"
                    )
                return
            if tables - {"meta", "documents", "relations"}:
                raise StoreError(f"{self.path} is a DuckDB file but not a relation store")
        with self._transaction() as con:
            for statement in _DDL:
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    # ------------------------------------------------------------------ reading
    def generation(self) -> int:
        """A counter bumped by every write: cache dashboard reads on it."""
        frame = self._read("SELECT value FROM meta WHERE key = 'generation'")
        return int(frame.iloc[0, 0]) if not frame.empty else 0

    def stats(self) -> dict[str, int]:
        """Counts: documents, relations, text/gdelt relations, stale documents, generation."""
        version = _extractor_version(None)
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
        added_at, extractor_version, content_hash, relations (number of relation rows);
        sorted by date then doc_id."""
        frame = self._read(
            'SELECT d.doc_id, d.title, d."date", d.url, d.source_file, d.added_at, d.extractor_version, '
            "d.content_hash, count(r.doc_id) AS relations "
            "FROM documents d LEFT JOIN relations r ON r.doc_id = d.doc_id AND r.origin = 'text' "
            'GROUP BY ALL ORDER BY d."date", d.doc_id'
        )
        for col in ("doc_id", "title", "date", "url", "source_file", "extractor_version", "content_hash"):
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
    ) -> pd.DataFrame:
        """The relation table (``COLUMNS`` + :data:`EXTRA_COLUMNS`), canonical dtypes.

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
        columns = ", ".join(_q(c) for c in (*COLUMNS, *EXTRA_COLUMNS))
        sql = f"SELECT {columns} FROM relations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY origin DESC, doc_id, row_no"
        return _relation_frame(self._read(sql, params))

    # ------------------------------------------------------------------ adding
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
        docs: list[Document] = []
        for item in items:
            if isinstance(item, InputProblem):
                report.rejected.append(str(item))
            elif isinstance(item, Document):
                if not item.text.strip():
                    report.rejected.append(
                        str(InputProblem(f"{item.source_file or item.doc_id}: no article text"))
                    )
                elif not item.doc_id.strip():
                    report.rejected.append(
                        str(InputProblem(f"{item.source_file or item.title}: empty doc_id"))
                    )
                else:
                    docs.append(item)
            else:
                raise TypeError(f"expected Document or InputProblem, got {type(item).__name__}")
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
        version = _extractor_version(extractor)

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
                        report.rejected.append(
                            str(
                                InputProblem(f"{label}: doc_id {final!r} is already used by another document")
                            )
                        )
                        continue
                    final = _unique_id(final, taken)
                    report.renamed.append(f"{label}: stored as {final!r} ({doc.doc_id!r} is taken)")
                taken.add(final)
                keep[doc.doc_id] = final
                rows.append(
                    (final, digest, doc.title, doc.date, doc.url, doc.source_file, doc.text, now, version)
                )
            frame = _text_relation_frame(relations, keep)
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
                    report.rejected.append(
                        str(
                            InputProblem(
                                f"{label}: doc_id {doc.doc_id!r} is already used by another document"
                            )
                        )
                    )
                    continue
                final = _unique_id(doc.doc_id, taken)
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
            cols = ", ".join(_q(c) for c in DOCUMENT_COLUMNS)
            con.execute(f"INSERT INTO documents ({cols}) SELECT {cols} FROM _new_documents")
        finally:
            con.unregister("_new_documents")

    @staticmethod
    def _insert_relations(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        con.register("_new_relations", frame)
        try:
            cols = ", ".join(_q(c) for c in (*COLUMNS, *EXTRA_COLUMNS, "row_no"))
            con.execute(f"INSERT INTO relations ({cols}) SELECT {cols} FROM _new_relations")
        finally:
            con.unregister("_new_relations")

    # ------------------------------------------------------------------ convenience adds
    def add_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        *,
        date: str = "",
        id_conflict: str = "rename",
    ) -> AddReport:
        """Add files and folders (the inputs of ``build``)."""
        return self.add_documents(
            read_inputs(paths, date_override=date), extractor, on_progress, id_conflict=id_conflict
        )

    def add_uploaded(
        self,
        files: Iterable[tuple[str, bytes]],
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        *,
        date: str = "",
        id_conflict: str = "rename",
    ) -> AddReport:
        """Add uploaded files given as ``(file name, content)`` pairs (.txt .md .html .json .jsonl)."""
        return self.add_documents(_uploaded(files, date), extractor, on_progress, id_conflict=id_conflict)

    def add_text(
        self,
        title: str,
        text: str,
        *,
        date: str = "",
        url: str = "",
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> AddReport:
        """Add pasted text with its title, date (any common format) and URL."""
        title = (title or "").strip()
        label = f"pasted text {title[:60]!r}" if title else "pasted text"
        try:
            iso = parse_date_or_problem(date, f"{label}: date")
            if not (text or "").strip():
                raise InputProblem(f"{label}: no article text")
        except InputProblem as exc:
            return self.add_documents([exc], extractor)
        if not title:
            title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:200]
        doc_id = "pasted-" + (_slug(title) or content_hash(text)[:12])
        doc = Document(doc_id, title, iso, (url or "").strip(), text, "pasted text")
        return self.add_documents([doc], extractor, on_progress)

    def add_url(
        self,
        url: str,
        *,
        date: str = "",
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        allow_private: bool | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> AddReport:
        """Fetch ``url`` (see :func:`fetch.fetch_url`) and add its article; fetch errors are rejections."""
        from .fetch import fetch_url

        try:
            iso = parse_date_or_problem(date, f"{url}: date")
            item: Document | InputProblem = fetch_url(
                url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private, date_override=iso
            )
        except InputProblem as exc:
            item = exc
        return self.add_documents([item], extractor, on_progress)

    # ------------------------------------------------------------------ demo corpus
    def seed_demo(
        self,
        articles_dir: str | os.PathLike[str] | None = None,
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> AddReport | None:
        """Load the demo corpus once, into a store that never held anything; None when not needed.

        Remembered in the store: removing every document later does not bring the demo back.
        """
        with self._connect(write=False) as con:
            if con.execute("SELECT 1 FROM meta WHERE key = 'demo_loaded'").fetchone():
                return None
            has_rows = con.execute(
                "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM relations)"
            ).fetchone()[0]
        if has_rows:
            with self._transaction() as con:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('demo_loaded', '1')")
            return None
        folder = Path(articles_dir) if articles_dir else config.DEMO_ARTICLES
        return self.add_documents(read_inputs([folder]), extractor, on_progress, _mark_seeded=True)

    @classmethod
    def ensure_demo(
        cls,
        path: str | os.PathLike[str] | None = None,
        articles_dir: str | os.PathLike[str] | None = None,
        *,
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Store:
        """The store at ``path``, filled from the demo corpus (``data/articles``) on first use."""
        store = cls(path)
        store.seed_demo(articles_dir, extractor, on_progress)
        return store

    # ------------------------------------------------------------------ removing, re-extracting, importing
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

    def remove_origin(self, origin: str) -> int:
        """Remove every relation row of an imported origin (e.g. "gdelt"); returns the rows removed."""
        if origin == "text":
            raise StoreError("text relations belong to documents: remove the documents instead")
        with self._transaction() as con:
            rows = con.execute("SELECT count(*) FROM relations WHERE origin = ?", [origin]).fetchone()[0]
            con.execute("DELETE FROM relations WHERE origin = ?", [origin])
        return int(rows)

    def stale_documents(self, extractor: Extractor | None = None) -> list[str]:
        """doc_ids stored by another extractor version than the current one."""
        frame = self._read(
            "SELECT doc_id FROM documents WHERE extractor_version IS DISTINCT FROM ? ORDER BY doc_id",
            [_extractor_version(extractor)],
        )
        return list(frame["doc_id"])

    def reextract(
        self,
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        *,
        all_documents: bool = False,
    ) -> ReextractReport:
        """Re-extract documents stored by another extractor version (or all), in one transaction."""
        extractor = extractor or default_extractor()
        version = _extractor_version(extractor)
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
            new = _text_relation_frame(relations, {i: i for i in ids})
            self._insert_relations(con, new)
            con.execute(
                f"UPDATE documents SET extractor_version = ? WHERE doc_id IN ({marks})", [version, *ids]
            )
        report.documents = len(ids)
        report.relations_before = int(before)
        report.relations_after = len(new)
        return report

    def import_relations(self, df: pd.DataFrame, origin: str = "gdelt") -> ImportReport:
        """Add relation rows from another source (e.g. :func:`gdelt.read_gdelt`), one transaction.

        Rows already stored with the same doc_id and origin are replaced, so that
        importing the same file twice does not double the rows.
        """
        if origin == "text":
            raise StoreError("text relations come from documents: add the documents instead")
        frame = coerce_types(df)
        frame["origin"] = origin
        for col in ("gdelt_num_mentions", "gdelt_num_articles"):
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64") if col in frame else pd.NA
        frame["row_no"] = frame.groupby("doc_id").cumcount().astype("int64")
        frame = frame[[*COLUMNS, *EXTRA_COLUMNS, "row_no"]]
        report = ImportReport()
        if frame.empty:
            return report
        ids = sorted(set(frame["doc_id"]))
        with self._transaction() as con:
            con.register("_import_ids", pd.DataFrame({"doc_id": ids}))
            try:
                where = "origin = ? AND doc_id IN (SELECT doc_id FROM _import_ids)"
                report.replaced = int(
                    con.execute(f"SELECT count(*) FROM relations WHERE {where}", [origin]).fetchone()[0]
                )
                con.execute(f"DELETE FROM relations WHERE {where}", [origin])
            finally:
                con.unregister("_import_ids")
            self._insert_relations(con, frame)
        report.inserted = len(frame)
        return report


# --------------------------------------------------------------------------- frames


def _text_relation_frame(relations: list, rename: dict[str, str]) -> pd.DataFrame:
    """Relation records of the documents in ``rename`` (planned id -> final id), store-shaped."""
    frame = to_frame(relations)
    frame = frame[frame["doc_id"].isin(rename)].copy()
    frame["doc_id"] = frame["doc_id"].map(rename)
    frame["origin"] = "text"
    frame["gdelt_num_mentions"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["gdelt_num_articles"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["row_no"] = frame.groupby("doc_id").cumcount().astype("int64")
    return frame[[*COLUMNS, *EXTRA_COLUMNS, "row_no"]].reset_index(drop=True)


def _relation_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = coerce_types(frame)
    frame["origin"] = frame["origin"].fillna("text").astype(str)
    for col in ("gdelt_num_mentions", "gdelt_num_articles"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    return frame[[*COLUMNS, *EXTRA_COLUMNS]].reset_index(drop=True)


def _uploaded(files: Iterable[tuple[str, bytes]], date: str) -> Iterator[Document | InputProblem]:
    try:
        iso = parse_date_or_problem(date, "date")
    except InputProblem as exc:
        yield exc
        return
    for name, data in files:
        yield from read_bytes(data, Path(name).name, date_override=iso)


__all__ = [
    "AddReport",
    "DOCUMENT_COLUMNS",
    "EXTRA_COLUMNS",
    "ImportReport",
    "ReextractReport",
    "Store",
    "StoreBusy",
    "content_hash",
    "default_extractor",
]
