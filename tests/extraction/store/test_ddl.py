"""A new store's tables, files that are not stores, the column constants, migrating version-1 stores:
extraction.store.ddl and .base."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from extraction.documents import Document
from extraction.errors import StoreError
from extraction.schema import COLUMNS
from extraction.sources.gdelt import read_gdelt
from extraction.store import DOCUMENT_COLUMNS, EXTRA_COLUMNS, SCHEMA_VERSION, Store
from tests.extraction.store.helpers import GDELT_SAMPLE, A, B, C, FakeExtractor


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
    assert list(rel.columns) == [*COLUMNS, *EXTRA_COLUMNS, "relation_id", "review_status"]
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
    assert cols == [*DOCUMENT_COLUMNS, "doc_no"]
    assert rel_cols == [*COLUMNS, *EXTRA_COLUMNS, "row_no", "relation_id", "day", "doc_no"]


def test_store_of_another_schema_version_is_refused(store):
    con = duckdb.connect(str(store.path))
    try:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    finally:
        con.close()
    with pytest.raises(StoreError, match=r"store schema version 0, this code reads version 3"):
        Store(store.path)


# --------------------------------------------------------------------------- migration from version 1

#: The schema of a version-1 store, as that code wrote it (no relation_id, no reviews, no views).
V1_DDL = (
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE, title VARCHAR,"
    ' "date" VARCHAR, url VARCHAR, source_file VARCHAR, "text" VARCHAR NOT NULL, added_at TIMESTAMP,'
    " extractor_version VARCHAR)",
    "CREATE TABLE relations ("
    + ", ".join(
        f'"{c}" ' + {"sentence_id": "INTEGER", "sentence_start": "INTEGER", "sentence_end": "INTEGER",
                     "intensity": "DOUBLE", "confidence": "DOUBLE", "negated": "BOOLEAN"}.get(c, "VARCHAR")
        for c in COLUMNS
    )
    + ", origin VARCHAR NOT NULL, gdelt_num_mentions INTEGER, gdelt_num_articles INTEGER, row_no INTEGER)",
    "CREATE INDEX relations_doc ON relations (doc_id)",
    "INSERT INTO meta VALUES ('schema_version', '1'), ('generation', '7')",
)  # fmt: skip


def v1_store_like(current: Store, path) -> None:
    """A version-1 store at ``path`` holding what ``current`` holds (documents and relations)."""
    con = duckdb.connect(str(path))
    try:
        for statement in V1_DDL:
            con.execute(statement)
        con.execute(f"ATTACH '{current.path}' AS cur (READ_ONLY)")
        con.execute("INSERT INTO documents SELECT * EXCLUDE (doc_no) FROM cur.documents")
        cols = ", ".join(f'"{c}"' for c in (*COLUMNS, *EXTRA_COLUMNS, "row_no"))
        con.execute(f"INSERT INTO relations ({cols}) SELECT {cols} FROM cur.relations")
        con.execute("DETACH cur")
    finally:
        con.close()


def test_a_version_1_store_is_migrated_on_opening(tmp_path, store):
    store.add_documents([A, B, C], FakeExtractor())
    store.import_relations(read_gdelt([GDELT_SAMPLE])[0])
    old_path = tmp_path / "v1.duckdb"
    v1_store_like(store, old_path)

    migrated = Store(old_path)
    con = duckdb.connect(str(old_path), read_only=True)
    try:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()
    assert version == SCHEMA_VERSION == "3"
    assert tables >= {"reviews", "review_verdicts", "raw_relations", "reviewed_relations"}
    # every row got the id an add gives it, nothing else changed
    pd.testing.assert_frame_equal(migrated.relations(), store.relations())
    assert migrated.relations()["relation_id"].is_unique
    assert (migrated.relations()["relation_id"] != "").all()
    assert migrated.stats() == {**store.stats(), "generation": 8}  # the migration was one write
    assert migrated.reviews().empty
    # opening it again does nothing more
    assert Store(old_path).stats()["generation"] == 8


def test_an_empty_version_1_store_is_migrated(tmp_path):
    path = tmp_path / "empty-v1.duckdb"
    con = duckdb.connect(str(path))
    try:
        for statement in V1_DDL:
            con.execute(statement)
    finally:
        con.close()
    store = Store(path)
    assert store.relations().empty and store.reviews().empty
    assert store.stats()["generation"] == 8


def test_a_store_of_a_newer_version_is_refused_unchanged(store):
    con = duckdb.connect(str(store.path))
    try:
        con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    finally:
        con.close()
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match=r"store schema version 4, this code reads version 3"):
        Store(store.path)
    assert store.path.read_bytes() == before


# --------------------------------------------------------------------------- migration from version 2


def _query_columns(path) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT r.doc_id, r.relation_id, r.day, r.doc_no, d.doc_no AS document_no FROM relations r "
            "LEFT JOIN documents d USING (doc_id) ORDER BY r.relation_id"
        ).df()
    finally:
        con.close()


def test_a_version_2_store_gets_days_and_doc_numbers(tmp_path, store):
    store.add_documents([A, B, C], FakeExtractor())
    store.import_relations(read_gdelt([GDELT_SAMPLE])[0])
    expected = store.relations()
    con = duckdb.connect(str(store.path))
    try:  # the store as version 2 wrote it
        for view in ("reviewed_relations", "raw_relations"):
            con.execute(f"DROP VIEW {view}")
        con.execute("DROP INDEX relations_doc")
        con.execute("ALTER TABLE relations DROP COLUMN day")
        con.execute("ALTER TABLE relations DROP COLUMN doc_no")
        con.execute("ALTER TABLE documents DROP COLUMN doc_no")
        con.execute("DROP SEQUENCE doc_numbers")
        con.execute("CREATE INDEX relations_doc ON relations (doc_id)")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    finally:
        con.close()
    migrated = Store(store.path)
    pd.testing.assert_frame_equal(migrated.relations(), expected)
    columns = _query_columns(store.path)
    # one number per doc_id, a text row's is its document's, and every day is the row's date
    assert columns.groupby("doc_id")["doc_no"].nunique().eq(1).all()
    assert columns["doc_no"].notna().all()
    text = columns[columns["document_no"].notna()]
    assert (text["doc_no"] == text["document_no"]).all()
    assert len(set(columns.drop_duplicates("doc_id")["doc_no"])) == columns["doc_id"].nunique()
    rel = migrated.relations().set_index("relation_id")
    want = pd.to_datetime(rel["event_date"].where(rel["event_date"] != "", rel["doc_date"]))
    got = pd.to_datetime(columns.set_index("relation_id")["day"]).reindex(want.index)
    pd.testing.assert_series_equal(got, want, check_names=False)
    # new rows continue the numbering
    migrated.add_documents([Document("z", "Z", "2020-01-02", "", "Japan met China.", "z.txt")], FakeExtractor())
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        number = con.execute("SELECT doc_no FROM documents WHERE doc_id = 'z'").fetchone()[0]
    finally:
        con.close()
    assert number > columns["doc_no"].max()
