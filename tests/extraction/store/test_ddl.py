"""A new store's tables, files that are not stores, the column constants: extraction.store.ddl and .base."""

from __future__ import annotations

import duckdb
import pytest

from extraction.errors import StoreError
from extraction.schema import COLUMNS
from extraction.store import DOCUMENT_COLUMNS, EXTRA_COLUMNS, Store


def test_new_store_is_empty_and_creates_its_folder(tmp_path):
    store = Store(tmp_path / "deep" / "er" / "r.duckdb")
    assert store.path.exists()
    assert store.stats() == {
        "documents": 0,
        "relations": 0,
        "text_relations": 0,
        "gdelt_relations": 0,
        "stale_documents": 0,
        "generation": 1,
    }
    assert list(store.list_documents().columns) == [
        "doc_id", "title", "date", "url", "source_file", "added_at", "extractor_version", "content_hash", "relations",
    ]  # fmt: skip
    rel = store.relations()
    assert list(rel.columns) == [*COLUMNS, *EXTRA_COLUMNS]
    assert rel.empty
    # opening it again keeps it as it is
    assert Store(store.path).stats()["generation"] == 1


def test_files_that_are_not_stores(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"\[E020\] cannot open the store"):
        Store(junk)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE something (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="is a DuckDB file but not a relation store"):
        Store(other)


def test_document_columns_constant_matches_the_table(store):
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = 'documents' ORDER BY ordinal_position").fetchall()]
        rel_cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                              "WHERE table_name = 'relations' ORDER BY ordinal_position").fetchall()]
    finally:
        con.close()  # fmt: skip
    assert cols == list(DOCUMENT_COLUMNS)
    assert rel_cols == [*COLUMNS, *EXTRA_COLUMNS, "row_no"]


def test_store_of_another_schema_version_is_refused(store):
    con = duckdb.connect(str(store.path))
    try:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    finally:
        con.close()
    with pytest.raises(StoreError, match=r"store schema version 0, this code reads version 1"):
        Store(store.path)
