"""The store's tables and views, their columns, the schema version and the migration from older stores.

Tables:

* ``documents``: :data:`DOCUMENT_COLUMNS` (doc_id, content_hash, title, date, url,
  source_file, text, added_at (UTC), extractor_version), then ``doc_no``;
* ``relations``: the rows as extracted (or imported), never changed by a review: the
  columns of :data:`~extraction.schema.COLUMNS`, then :data:`EXTRA_COLUMNS` (``origin``:
  ``text`` or ``gdelt``, ``gdelt_num_mentions``, ``gdelt_num_articles``: NULL for text
  rows), ``row_no`` (order within a document), ``relation_id``
  (:mod:`extraction.relation_ids`), and two columns for queries over millions of rows:
  ``day`` (DATE: the event date, else the article's date; :func:`iso_day`) and ``doc_no``
  (a dense integer per doc_id, the article's ``documents.doc_no`` for text rows, drawn from
  the sequence ``doc_numbers`` for rows without a document: distinct articles are counted
  on it with ``bitstring_agg``);
* ``reviews``: :data:`REVIEW_TABLE_COLUMNS`, one row per verdict, appended, never
  updated: ``verdict`` is ``confirm``, ``reject``, ``fix`` or ``add``; the
  :data:`REVIEW_FIELDS` hold the corrected values of a fix (NULL: as extracted), the values
  a confirm keeps from an earlier fix, or the whole added relation;
* ``meta``: key/value pairs: ``schema_version``, ``demo_loaded`` (the demo corpus
  was loaded once), ``generation`` (a counter bumped by every write).

Views (every reader of the store reads one of the last two):

* ``review_verdicts``: the latest review of each relation id;
* ``raw_relations``: the relations as extracted, with :data:`REVIEW_COLUMNS`
  (``review_status``: ``""``, ``confirmed``, ``fixed`` or ``rejected``);
* ``reviewed_relations``: the relations with the reviews applied: rejected rows hidden,
  fixed fields replaced, added relations included (``review_status`` ``added``).

Both views also carry ``row_no`` and ``add_no`` (the review id of an added relation), to
sort by, and ``day`` and ``doc_no`` (for the dashboard's queries).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from extraction.relation_ids import relation_ids
from extraction.schema import COLUMNS

SCHEMA_VERSION = "3"
#: Columns after :data:`COLUMNS` in the relations table (and in ``Store.relations``).
EXTRA_COLUMNS: tuple[str, ...] = ("origin", "gdelt_num_mentions", "gdelt_num_articles")
#: The columns of the relations table a write supplies, in order (``day`` and ``doc_no``,
#: the last two, are derived on insert: :data:`QUERY_COLUMNS`).
RELATION_TABLE_COLUMNS: tuple[str, ...] = (*COLUMNS, *EXTRA_COLUMNS, "row_no", "relation_id")
#: Columns kept for queries over many rows, after :data:`RELATION_TABLE_COLUMNS`.
QUERY_COLUMNS: tuple[str, ...] = ("day", "doc_no")
#: The sequence numbering doc_ids (``documents.doc_no``, ``relations.doc_no``).
DOC_NUMBERS = "doc_numbers"
#: Columns after :data:`EXTRA_COLUMNS` in ``Store.relations`` and in exports.
REVIEW_COLUMNS: tuple[str, ...] = ("relation_id", "review_status")
#: The columns of ``Store.relations`` (and of ``export``), in order.
RELATION_FRAME_COLUMNS: tuple[str, ...] = (*COLUMNS, *EXTRA_COLUMNS, *REVIEW_COLUMNS)
#: Values of ``review_status``.
REVIEW_STATUSES: tuple[str, ...] = ("", "confirmed", "fixed", "added", "rejected")
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
VERDICTS: tuple[str, ...] = ("confirm", "reject", "fix", "add")
#: The relation fields a review row may hold: everything but the document's.
REVIEW_FIELDS: tuple[str, ...] = tuple(c for c in COLUMNS if not c.startswith("doc_"))
#: The fields an analyst changes with a fix; the others (quad class, intensity, date
#: precision, actor texts) follow from them.
FIXABLE_FIELDS: tuple[str, ...] = ("source", "target", "event_type", "event_date", "negated")
REVIEW_TABLE_COLUMNS: tuple[str, ...] = (
    "review_id",
    "relation_id",
    "verdict",
    "reviewer",
    "reviewed_at",
    "note",
    "doc_id",
    "reviewed_relation",
    "changes",
    *REVIEW_FIELDS,
)
#: The tables of a store of the current version; stores of version 1 lack ``reviews``.
TABLES: frozenset[str] = frozenset({"meta", "documents", "relations", "reviews"})
CORE_TABLES: frozenset[str] = frozenset({"meta", "documents", "relations"})

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


def iso_date(expr: str) -> str:
    """SQL: the DATE of an ISO date text (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, a time after the
    day ignored), NULL when empty or not a date: what :func:`components.prepare.parse_dates` reads."""
    text = f"trim(CAST({expr} AS VARCHAR))"
    return (
        f"TRY_CAST(CASE length({text}) WHEN 4 THEN {text} || '-01-01' WHEN 7 THEN {text} || '-01' "
        f"ELSE left({text}, 10) END AS DATE)"
    )


def iso_day(event_date: str = "event_date", doc_date: str = "doc_date") -> str:
    """SQL: a relation's day, the DATE of its event date, else of its article's date (NULL if neither)."""
    return f"COALESCE({iso_date(event_date)}, {iso_date(doc_date)})"


def _prefixed(alias: str, columns: tuple[str, ...]) -> str:
    return ", ".join(f"{alias}.{quote(c)}" for c in columns)


_REVIEWS_DDL = (
    "CREATE TABLE IF NOT EXISTS reviews ("
    " review_id BIGINT PRIMARY KEY, relation_id VARCHAR NOT NULL,"
    " verdict VARCHAR NOT NULL CHECK (verdict IN ('confirm', 'reject', 'fix', 'add')),"
    " reviewer VARCHAR NOT NULL, reviewed_at TIMESTAMP NOT NULL, note VARCHAR NOT NULL,"
    " doc_id VARCHAR NOT NULL, reviewed_relation VARCHAR NOT NULL, changes VARCHAR NOT NULL, "
    + ", ".join(f"{quote(c)} {_SQL_TYPES.get(c, 'VARCHAR')}" for c in REVIEW_FIELDS)
    + ")"
)

#: A latest verdict that changed one of the fixable fields.
_FIXED = "COALESCE(" + ", ".join(f"CAST(v.{quote(c)} AS VARCHAR)" for c in FIXABLE_FIELDS) + ") IS NOT NULL"


def _status(added: str) -> str:
    return (
        f"CASE WHEN {added} OR v.verdict = 'add' THEN 'added' WHEN v.verdict IS NULL THEN '' "
        f"WHEN v.verdict = 'reject' THEN 'rejected' WHEN {_FIXED} THEN 'fixed' ELSE 'confirmed' END"
    )


_VERDICTS_VIEW = (
    "CREATE OR REPLACE VIEW review_verdicts AS SELECT * FROM reviews "
    "QUALIFY row_number() OVER (PARTITION BY relation_id ORDER BY review_id DESC) = 1"
)

_RAW_VIEW = (
    "CREATE OR REPLACE VIEW raw_relations AS SELECT "
    + _prefixed("r", (*COLUMNS, *EXTRA_COLUMNS, "relation_id"))
    + f", {_status('FALSE')} AS review_status, r.row_no, CAST(NULL AS BIGINT) AS add_no, r.day, r.doc_no "
    "FROM relations r LEFT JOIN review_verdicts v ON v.relation_id = r.relation_id"
)

_ADDED_COLUMNS = ", ".join(
    {"doc_title": "d.title", "doc_date": 'd."date"', "doc_url": "d.url"}.get(c, f"a.{quote(c)}") for c in COLUMNS
)
_REVIEWED_COLUMNS = ", ".join(
    f"COALESCE(v.{quote(c)}, b.{quote(c)}) AS {quote(c)}" if c in REVIEW_FIELDS else f"b.{quote(c)}" for c in COLUMNS
)
_REVIEWED_VIEW = (
    "CREATE OR REPLACE VIEW reviewed_relations AS "
    "WITH added AS (SELECT * FROM reviews WHERE verdict = 'add' "
    "  QUALIFY row_number() OVER (PARTITION BY relation_id ORDER BY review_id) = 1), "
    "base AS ("
    "  SELECT "
    + _prefixed("r", (*COLUMNS, *EXTRA_COLUMNS, "relation_id", "row_no"))
    + ", CAST(NULL AS BIGINT) AS add_no, FALSE AS added, r.day, r.doc_no FROM relations r"
    "  UNION ALL"
    f"  SELECT {_ADDED_COLUMNS}, 'text', NULL, NULL, a.relation_id, NULL, a.review_id, TRUE,"
    f"  {iso_day('a.event_date', 'd.date')}, d.doc_no"
    "  FROM added a JOIN documents d ON d.doc_id = a.doc_id"
    "  WHERE a.relation_id NOT IN (SELECT relation_id FROM relations)) "
    f"SELECT {_REVIEWED_COLUMNS}, "
    + _prefixed("b", (*EXTRA_COLUMNS, "relation_id"))
    + f", {_status('b.added')} AS review_status, b.row_no, b.add_no, "
    # a fixed event date moves the relation's day
    f"CASE WHEN v.event_date IS NULL THEN b.day ELSE {iso_day('v.event_date', 'b.doc_date')} END AS day, b.doc_no "
    "FROM base b LEFT JOIN review_verdicts v ON v.relation_id = b.relation_id "
    "WHERE v.verdict IS DISTINCT FROM 'reject'"
)

#: The views, in creation order (each may use the ones before).
VIEWS: tuple[str, ...] = (_VERDICTS_VIEW, _RAW_VIEW, _REVIEWED_VIEW)

DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE TABLE IF NOT EXISTS documents ("
    ' doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE, title VARCHAR, "date" VARCHAR,'
    ' url VARCHAR, source_file VARCHAR, "text" VARCHAR NOT NULL, added_at TIMESTAMP,'
    " extractor_version VARCHAR, doc_no BIGINT)",
    "CREATE TABLE IF NOT EXISTS relations ("
    + ", ".join(f"{quote(c)} {_SQL_TYPES.get(c, 'VARCHAR')}" for c in COLUMNS)
    + ", origin VARCHAR NOT NULL, gdelt_num_mentions INTEGER, gdelt_num_articles INTEGER, row_no INTEGER,"
    " relation_id VARCHAR, day DATE, doc_no BIGINT)",
    f"CREATE SEQUENCE IF NOT EXISTS {DOC_NUMBERS} START 1",
    "CREATE INDEX IF NOT EXISTS relations_doc ON relations (doc_id)",
    _REVIEWS_DDL,
    *VIEWS,
)

#: SQL bumping the generation counter; run at the end of every write transaction.
BUMP_GENERATION = (
    "INSERT OR REPLACE INTO meta VALUES ('generation', "
    "CAST(COALESCE((SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'generation'), 0) + 1 "
    "AS VARCHAR))"
)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables (those missing) and views, and record the schema version."""
    for statement in DDL:
        con.execute(statement)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


#: Schema versions :func:`migrate` brings up to :data:`SCHEMA_VERSION`.
MIGRATABLE_VERSIONS: frozenset[str] = frozenset({"1", "2"})


def migrate(con: duckdb.DuckDBPyConnection, version: str) -> None:
    """Bring a store of schema ``version`` (one of :data:`MIGRATABLE_VERSIONS`) to the current one.

    Version 1 -> 2: the relations get their ``relation_id`` (computed as an insert would
    have, in row order within each document); the ``reviews`` table and the views are
    created. Version 2 -> 3: the relations get ``day`` and ``doc_no``, the documents
    ``doc_no`` (numbered in doc_id order), and the sequence continues after them. Run inside
    the caller's transaction.
    """
    if version not in MIGRATABLE_VERSIONS:
        raise ValueError(f"no migration from schema version {version}")
    if version == "1":
        _add_relation_ids(con)
    con.execute("ALTER TABLE documents ADD COLUMN doc_no BIGINT")
    con.execute("ALTER TABLE relations ADD COLUMN day DATE")
    con.execute("ALTER TABLE relations ADD COLUMN doc_no BIGINT")
    con.execute(
        "CREATE TEMP TABLE _doc_numbers AS SELECT doc_id, row_number() OVER (ORDER BY doc_id) AS doc_no "
        "FROM (SELECT doc_id FROM documents UNION SELECT doc_id FROM relations)"
    )
    try:
        con.execute("UPDATE documents SET doc_no = n.doc_no FROM _doc_numbers n WHERE documents.doc_id = n.doc_id")
        con.execute(
            f"UPDATE relations SET doc_no = n.doc_no, day = {iso_day('relations.event_date', 'relations.doc_date')} "
            "FROM _doc_numbers n WHERE relations.doc_id = n.doc_id"
        )
        last = con.execute("SELECT count(*) FROM _doc_numbers").fetchone()[0]
    finally:
        con.execute("DROP TABLE _doc_numbers")
    con.execute(f"CREATE SEQUENCE IF NOT EXISTS {DOC_NUMBERS} START {int(last) + 1}")
    create_schema(con)


def _add_relation_ids(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1 -> 2: a ``relation_id`` for every relation row."""
    con.execute("ALTER TABLE relations ADD COLUMN relation_id VARCHAR")
    keys = con.execute(
        "SELECT origin, doc_id, row_no, sentence_start, sentence_end, source, target, event_type, trigger "
        "FROM relations ORDER BY origin, doc_id, row_no"
    ).df()
    if not keys.empty:
        keys = keys.fillna({"trigger": "", "source": "", "target": "", "event_type": ""})
        keys[["sentence_start", "sentence_end"]] = keys[["sentence_start", "sentence_end"]].fillna(-1)
        ids = pd.DataFrame(
            {
                "origin": keys["origin"],
                "doc_id": keys["doc_id"],
                "row_no": keys["row_no"],
                "relation_id": relation_ids(keys),
            }
        )
        con.register("_relation_ids", ids)
        try:
            con.execute(
                "UPDATE relations SET relation_id = m.relation_id FROM _relation_ids m "
                "WHERE relations.origin = m.origin AND relations.doc_id = m.doc_id "
                "AND relations.row_no IS NOT DISTINCT FROM m.row_no"
            )
        finally:
            con.unregister("_relation_ids")
