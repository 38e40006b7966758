"""The store's tables, their columns and the schema version.

Tables:

* ``documents``: :data:`DOCUMENT_COLUMNS` (doc_id, content_hash, title, date, url,
  source_file, text, added_at (UTC), extractor_version);
* ``relations``: the columns of :data:`~extraction.schema.COLUMNS`, then
  :data:`EXTRA_COLUMNS` (``origin``: ``text`` or ``gdelt``, ``gdelt_num_mentions``,
  ``gdelt_num_articles``: NULL for text rows) and ``row_no`` (order within a document);
* ``meta``: key/value pairs: ``schema_version``, ``demo_loaded`` (the demo corpus
  was loaded once), ``generation`` (a counter bumped by every write).
"""

from __future__ import annotations

import duckdb

from extraction.schema import COLUMNS

SCHEMA_VERSION = "1"
#: Columns after :data:`COLUMNS` in the relations table (and in ``Store.relations``).
EXTRA_COLUMNS: tuple[str, ...] = ("origin", "gdelt_num_mentions", "gdelt_num_articles")
#: Every column of the relations table, in order.
RELATION_TABLE_COLUMNS: tuple[str, ...] = (*COLUMNS, *EXTRA_COLUMNS, "row_no")
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
TABLES: frozenset[str] = frozenset({"meta", "documents", "relations"})

_SQL_TYPES = {
    "sentence_id": "INTEGER",
    "sentence_start": "INTEGER",
    "sentence_end": "INTEGER",
    "intensity": "DOUBLE",
    "confidence": "DOUBLE",
    "negated": "BOOLEAN",
}


def quote(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def column_list(columns: tuple[str, ...] | list[str]) -> str:
    """Quoted, comma-separated column names."""
    return ", ".join(quote(c) for c in columns)


DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE TABLE IF NOT EXISTS documents ("
    ' doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE, title VARCHAR, "date" VARCHAR,'
    ' url VARCHAR, source_file VARCHAR, "text" VARCHAR NOT NULL, added_at TIMESTAMP,'
    " extractor_version VARCHAR)",
    "CREATE TABLE IF NOT EXISTS relations ("
    + ", ".join(f"{quote(c)} {_SQL_TYPES.get(c, 'VARCHAR')}" for c in COLUMNS)
    + ", origin VARCHAR NOT NULL, gdelt_num_mentions INTEGER, gdelt_num_articles INTEGER, row_no INTEGER)",
    "CREATE INDEX IF NOT EXISTS relations_doc ON relations (doc_id)",
)

#: SQL bumping the generation counter; run at the end of every write transaction.
BUMP_GENERATION = (
    "INSERT OR REPLACE INTO meta VALUES ('generation', "
    "CAST(COALESCE((SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'generation'), 0) + 1 "
    "AS VARCHAR))"
)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables (those missing) and record the schema version."""
    for statement in DDL:
        con.execute(statement)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
