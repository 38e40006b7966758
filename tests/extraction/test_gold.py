"""Reviews as gold files: extraction.gold."""

from __future__ import annotations

import pandas as pd
import pytest

from extraction.errors import OutputError
from extraction.evaluate import GOLD_COLUMNS, gold_documents, load_gold
from extraction.gold import gold_file_name, gold_rows, gold_tables, write_gold
from extraction.store import Store
from tests.extraction.store.helpers import A, B, FakeExtractor


@pytest.mark.parametrize(
    ("doc_id", "name"),
    [
        ("001_un-council", "001_un-council.csv"),
        ("pasted-abe-and-trump", "pasted-abe-and-trump.csv"),
        ("a.b", "a.b.csv"),
        ("../../etc/passwd", "etc-passwd-"),
        ("..", "doc-"),
        (".hidden", "hidden-"),
        ("a/b", "a-b-"),
        ("x" * 200, "x" * 60 + "-"),
        ("日本", "doc-"),
    ],
)
def test_gold_file_names_stay_inside_the_folder(doc_id, name):
    got = gold_file_name(doc_id)
    assert got.startswith(name) and got.endswith(".csv")
    assert "/" not in got and not got.startswith(".")
    if name.endswith("-"):  # a slug and a hash: distinct doc_ids get distinct names
        assert len(got) == len(name) + 10 + 4
        assert gold_file_name(doc_id + "!") != got


def test_gold_rows_dates_at_their_precision_and_evidence_neutralised(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.add_documents([A, B], FakeExtractor())
    rows = store.relations()
    rows.loc[0, ["event_date", "date_precision"]] = ["2016-05-01", "month"]
    rows.loc[1, ["event_date", "date_precision", "sentence"]] = ["2016-01-01", "year", '=HYPERLINK("x")']
    rows.loc[2, ["negated", "sentence"]] = [True, "-2 said"]
    gold = gold_rows(rows)
    assert list(gold.columns) == list(GOLD_COLUMNS)
    assert gold[["doc_id", "event_date", "negated", "evidence"]].values.tolist() == [
        ["a", "2016-05", "false", "[USA>JPN:CONSULT]"],
        ["a", "2016", "false", '\'=HYPERLINK("x")'],
        ["b", "2016-05-28", "true", "'-2 said"],
    ]
    # the same relation twice (two sentences) is one gold row
    assert len(gold_rows(pd.concat([rows, rows]))) == 3


def test_written_gold_reads_back_with_load_gold(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.add_documents([A, B], FakeExtractor())
    for rid in store.relations()["relation_id"]:
        store.confirm(rid, reviewer="x")
    store.reject(store.relations(doc_ids=["b"])["relation_id"][0], reviewer="x")
    tables = gold_tables(store)
    paths = write_gold(tables, tmp_path / "gold")
    assert [p.name for p in paths] == ["a.csv", "b.csv"]
    loaded = load_gold(tmp_path / "gold")
    assert loaded[["doc_id", "source", "target", "event_types", "core", "negated"]].values.tolist() == [
        ["a", "USA", "JPN", ("CONSULT",), True, False],
        ["a", "JPN", "USA", ("SUPPORT",), True, False],
    ]
    assert gold_documents(tmp_path / "gold") == ["a", "b"]  # b states no relation


def test_gold_is_not_written_over_a_file_or_existing_gold(tmp_path):
    tables = {"a": pd.DataFrame(columns=list(GOLD_COLUMNS))}
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match=r"\[E004\] cannot write gold files into .*file: not a folder"):
        write_gold(tables, blocker)
    write_gold(tables, tmp_path / "gold")
    (tmp_path / "gold" / "a.csv").write_text("hand-made", "utf-8")
    with pytest.raises(OutputError, match=r"gold files already exist: .*a\.csv \(use --force to replace them\)"):
        write_gold(tables, tmp_path / "gold")
    assert (tmp_path / "gold" / "a.csv").read_text("utf-8") == "hand-made"
    write_gold(tables, tmp_path / "gold", force=True)
    assert (tmp_path / "gold" / "a.csv").read_text("utf-8") == ",".join(GOLD_COLUMNS) + "\n"
    assert [p.name for p in (tmp_path / "gold").iterdir()] == ["a.csv"]  # no temporary files left


def test_doc_ids_differing_only_in_case_get_distinct_files(tmp_path):
    tables = {d: pd.DataFrame(columns=list(GOLD_COLUMNS)) for d in ("Summit", "summit")}
    paths = write_gold(tables, tmp_path / "gold")
    assert len({p.name.casefold() for p in paths}) == 2
