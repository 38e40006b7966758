"""Where the dashboard's mentions come from (the relation store, or a relation table), and the cached reads of them.

Two sources:

* the **store** (default): the DuckDB relation store of :mod:`extraction.store` at
  ``streamlit run app.py -- --db PATH``, else ``$RELDASH_DB``, else
  ``data/store/relations.duckdb``. A new store is filled from the demo corpus on the
  first start (:func:`open_store`, with a progress bar); articles are added and removed
  from the dashboard's pages.
* a plain **table** (read-only): a CSV or Parquet relation table given with
  ``--data PATH`` or ``$RELDASH_DATA``.

Command-line options win over environment variables; ``--data`` over ``--db``.

Reads are cached with ``st.cache_data`` on hashable keys: the store's path and its
generation counter (bumped by every write, so an add, a removal or a review in any session
shows in every view on the next run), or a table file's path, modification time and size.

A store's mentions are read with the analysts' reviews applied (the store's view
``reviewed_relations``: rejected mentions hidden, fixed fields replaced, added mentions
included), or as extracted (``raw_relations``) when the sidebar's toggle asks for it: the
``raw`` part of the cache key.

With :mod:`components.view_data` (the dashboard page's queries, through
:mod:`components.query_source`), the one module of the dashboard that reads files: the
relations (store or table), the actor table (``<data dir>/actors/actors.csv``, through
:func:`extraction.actor_table.load_actor_table`) and the country outlines
(``<data dir>/geo/countries.geojson``); the data dir is ``$RELDASH_DATA_DIR``, else ``data/``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from extraction import config
from extraction.actor_table import ActorInfo, actor_table_path, load_actor_table
from extraction.errors import ExtractionError, StoreBusy
from extraction.store import AddReport, Store
from extraction.table import read_table

from .actors import Actors, actors_from_table
from .markup import code_span
from .memory import trim
from .prepare import prepare_relations
from .query_source import table_version

DATA_ENV = "RELDASH_DATA"
DB_ENV = "RELDASH_DB"
BUSY_MESSAGE = "The store is busy: another session is writing to it. Try again in a moment."


@dataclass(frozen=True)
class Source:
    """The mentions to show: ``kind`` is ``"store"`` (read-write) or ``"table"`` (read-only)."""

    kind: str
    path: Path

    @property
    def is_store(self) -> bool:
        return self.kind == "store"


def resolve_source(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> Source:
    """``--data PATH``, ``--db PATH`` (after ``--``), ``$RELDASH_DATA``, ``$RELDASH_DB``, the default store."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data")
    parser.add_argument("--db")
    known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    environ = os.environ if environ is None else environ
    if known.data:
        return Source("table", Path(known.data))
    if known.db:
        return Source("store", Path(known.db))
    if environ.get(DATA_ENV):
        return Source("table", Path(environ[DATA_ENV]))
    return Source("store", Path(environ.get(DB_ENV) or config.DEFAULT_DB))


# --------------------------------------------------------------------------- the store

# One handle per store path in this server process. A Store holds no connection (each call
# opens and closes one under a file lock), so sharing it between sessions is safe.
_handles: dict[str, Store] = {}
_handles_lock = threading.Lock()
# Extraction is serialised within the server: the spaCy pipeline is shared by all sessions.
# The store itself serialises writes between processes (StoreBusy after its lock timeout).
_extract_lock = threading.Lock()
EXTRACT_WAIT_SECONDS = 300.0
# Stores whose demo seeding was checked by this process.
_checked: set[str] = set()


def store_handle(path: Path | str) -> Store:
    """The :class:`Store` at ``path`` (created, with its folder, when missing)."""
    key = str(Path(path).resolve())
    with _handles_lock:
        store = _handles.get(key)
        if store is None or not store.path.exists():
            store = _handles[key] = Store(key)
            _checked.discard(key)
        return store


@contextmanager
def extraction_slot(on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the process-wide extraction lock; ``on_wait()`` is called if another session has it.

    Raises :class:`StoreBusy` when the other session does not finish within
    :data:`EXTRACT_WAIT_SECONDS`.
    """
    if not _extract_lock.acquire(blocking=False):
        if on_wait is not None:
            on_wait()
        if not _extract_lock.acquire(timeout=EXTRACT_WAIT_SECONDS):
            raise StoreBusy("busy, try again: another session is still extracting articles")
    try:
        yield
    finally:
        _extract_lock.release()


def open_store(path: Path) -> Store | None:
    """The store at ``path``, filled from the demo corpus on its first use (with a progress bar).

    Shows what went wrong and returns None when the store cannot be opened.
    """
    try:
        store = store_handle(path)
    except ExtractionError as exc:
        st.error(f"Cannot open the relation store {code_span(str(path), 200)}: {exc}")
        return None
    key = str(store.path)
    if key in _checked:
        return store
    ui: dict[str, object] = {}

    def on_progress(done: int, total: int) -> None:
        if "bar" not in ui:
            ui["status"] = st.status("Building the relation store from the demo corpus…", expanded=True)
            with ui["status"]:  # type: ignore[attr-defined]
                st.caption(
                    f"First start: the {total} demo articles are read once into {code_span(str(store.path), 120)}; "
                    "later starts reuse it."
                )
                ui["bar"] = st.progress(0.0)
        fraction = done / total if total else 1.0
        ui["bar"].progress(fraction, text=f"Extracting mentions: {done} of {total} articles")  # type: ignore[attr-defined]

    try:
        with extraction_slot():
            report = store.seed_demo(config.demo_articles(), on_progress=on_progress)
    except StoreBusy:
        st.warning(BUSY_MESSAGE)
        return store
    except ExtractionError as exc:
        if "status" in ui:
            ui["status"].update(label="The demo corpus could not be loaded", state="error")  # type: ignore[attr-defined]
        st.error(f"Could not fill the store from the demo corpus: {exc}")
        return store
    _checked.add(key)
    if report is not None:
        _report_seeding(report, ui)
    return store


def _report_seeding(report: AddReport, ui: dict[str, object]) -> None:
    if "status" in ui:
        ui["status"].update(  # type: ignore[attr-defined]
            label=f"Relation store built from the demo corpus: {report.summary()}",
            state="complete",
            expanded=False,
        )
    if report.rejected:
        shown = "\n".join(f"- {code_span(line, 200)}" for line in report.rejected[:10])
        more = f"\n- … and {len(report.rejected) - 10} more" if len(report.rejected) > 10 else ""
        st.warning(f"Some demo articles could not be read:\n{shown}{more}")


def store_generation(store: Store) -> int:
    return store.generation()


# --------------------------------------------------------------------------- cached reads

#: (kind, path, version, raw): hashable, cheap to compare. ``raw``: a store's mentions as
#: extracted, reviews not applied (always False for a table, which holds no reviews).
DataKey = tuple[str, str, tuple[int, ...], bool]


def data_key(source: Source, store: Store | None = None, *, raw: bool = False) -> DataKey:
    """The cache key of the source's current content (raises OSError / StoreError when unreadable)."""
    if source.is_store:
        assert store is not None
        return ("store", str(store.path), (store.generation(),), bool(raw))
    return ("table", str(source.path.resolve()), table_version(source.path), False)


@st.cache_data(show_spinner="Loading the relation table…", max_entries=2)
def load_relations(kind: str, path: str, version: tuple[int, ...], raw: bool = False) -> pd.DataFrame:
    """The whole relation table in memory, prepared (a store's with the reviews applied, or as
    extracted with ``raw``): what the Articles page lists a plain table's articles from. The
    dashboard page queries instead (:mod:`components.view_data`)."""
    table = store_handle(path).relations(raw=raw) if kind == "store" else read_table(path)
    frame = prepare_relations(table)
    trim()  # return the reader's temporary buffers before Streamlit pickles the result
    return frame


@st.cache_data(max_entries=4)
def load_review_progress(path: str, generation: int) -> pd.DataFrame:
    """The store's review progress per article (:meth:`extraction.store.Store.review_progress`)."""
    return store_handle(path).review_progress()


@st.cache_data(max_entries=4)
def load_documents(path: str, generation: int) -> pd.DataFrame:
    """The store's documents (no text), with their number of mentions (column ``relations``)."""
    return store_handle(path).list_documents()


@st.cache_data(max_entries=16)
def load_document(path: str, generation: int, doc_id: str) -> tuple[str, str, str, str, str, str]:
    """One stored document: (doc_id, title, date, url, text, source_file)."""
    return tuple(store_handle(path).document(doc_id))  # type: ignore[return-value]


@st.cache_data(max_entries=16)
def load_document_relations(path: str, generation: int, doc_id: str) -> pd.DataFrame:
    """One stored article's mentions, reviews applied."""
    return store_handle(path).relations(doc_ids=[doc_id])


# --------------------------------------------------------------------------- actors and geometry


def geometry_path() -> Path:
    """The country outlines: ``<data dir>/geo/countries.geojson``."""
    return config.data_dir() / "geo" / "countries.geojson"


def _stamp(path: Path) -> tuple[str, int, int]:
    """Cache key of a file: its path, modification time and size (a change reloads it)."""
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


@st.cache_data
def load_actor_rows(path: str, mtime_ns: int, size: int) -> tuple[ActorInfo, ...]:
    """The rows of the actor table at ``path``."""
    return load_actor_table(Path(path).parent)


@st.cache_data
def load_geometry(path: str, mtime_ns: int, size: int) -> str:
    """The country outlines as GeoJSON text (the map memoises its work on the text)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    json.loads(text)  # fail here, once, if the file is not JSON
    return text


def load_actors() -> Actors:
    """The actor table's names, order and locations; without it, none (with a warning when it is broken)."""
    path = actor_table_path()
    try:
        if path.is_file():
            return actors_from_table(load_actor_rows(*_stamp(path)))
    except (OSError, ExtractionError) as exc:
        st.warning(f"Cannot read {path.name} ({exc}): actors are shown by their codes and left off the map.")
    return Actors()


def load_outlines() -> str | None:
    """The country outlines (GeoJSON text), or None: the map does without them when missing or broken."""
    path = geometry_path()
    try:
        if path.is_file():
            return load_geometry(*_stamp(path))
    except (OSError, ValueError) as exc:
        st.warning(f"Cannot read {path.name} ({exc}): the map has no country outlines.")
    return None
