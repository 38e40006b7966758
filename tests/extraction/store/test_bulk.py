"""Parquet relation tables and datasets into the store in bulk: extraction.store.bulk, and `add DIR/`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extraction.cli.main import main
from extraction.errors import InputProblem, StoreError
from extraction.relation_ids import relation_ids
from extraction.schema import COLUMNS
from extraction.sources.gdelt import read_gdelt
from extraction.store import Store, is_relation_dataset
from extraction.table import read_table
from tests.extraction.store.helpers import GDELT_SAMPLE, A, FakeExtractor

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "data" / "dash_relations.csv"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return read_table(FIXTURE)


def write_dataset(frame: pd.DataFrame, folder: Path) -> Path:
    """``frame`` as a hive-partitioned dataset (month=YYYY-MM/part-0.parquet), as `build --engine dask` writes it."""
    month = frame["event_date"].where(frame["event_date"] != "", frame["doc_date"]).str[:7].replace("", "undated")
    for value, part in frame.groupby(month, sort=True):
        (folder / f"month={value}").mkdir(parents=True, exist_ok=True)
        part.to_parquet(folder / f"month={value}" / "part-0.parquet", index=False)
    return folder


def stored(store: Store) -> pd.DataFrame:
    return store.relations().sort_values("relation_id").reset_index(drop=True)


def test_a_dataset_is_loaded_with_the_ids_an_add_gives(tmp_path, store, table):
    folder = write_dataset(table, tmp_path / "ds")
    assert is_relation_dataset(folder) and is_relation_dataset(tmp_path / "x.parquet")
    assert not is_relation_dataset(FIXTURE.parent) and not is_relation_dataset(FIXTURE)
    report = store.add_relation_tables([folder])
    assert (report.inserted, report.replaced, report.files, report.problems) == (42, 0, 15, [])
    got = stored(store)
    assert len(got) == 42 and set(got["origin"]) == {"text"}
    # the same ids as rows of the table read in their order within each partition file
    assert set(got["relation_id"]) <= set(relation_ids(table)) | {i + "-2" for i in relation_ids(table)}
    key = ["doc_id", "sentence_id", "source", "target", "event_type"]
    pd.testing.assert_frame_equal(
        got[list(COLUMNS)].sort_values(key).reset_index(drop=True),
        table[list(COLUMNS)].sort_values(key).reset_index(drop=True),
    )
    # loading it again replaces its rows
    again = store.add_relation_tables([folder])
    assert (again.inserted, again.replaced) == (42, 42) and len(store.relations()) == 42


def test_bad_files_are_reported_and_the_good_ones_go_in(tmp_path, store, table):
    folder = write_dataset(table, tmp_path / "ds")
    (folder / "month=2099-01").mkdir()
    (folder / "month=2099-01" / "broken.parquet").write_bytes(b"PAR1 not really")
    table[["doc_id", "source"]].to_parquet(folder / "month=2099-01" / "narrow.parquet", index=False)
    (tmp_path / "empty").mkdir()
    report = store.add_relation_tables([folder, tmp_path / "empty", tmp_path / "gone.parquet"])
    assert report.inserted == 42 and report.files == 15
    assert [p.split(": ")[1][:22] for p in report.problems] == [
        "not a readable Parquet",
        "not a relation table, ",
        "no Parquet files in th",
        "no such file or folder",
    ]
    with pytest.raises(InputProblem, match=r"\[E001\] no Parquet relation table could be read"):
        store.add_relation_tables([tmp_path / "gone.parquet"])


def test_rows_of_articles_stored_with_their_text_are_left_out(tmp_path, store):
    store.add_documents([A], FakeExtractor())
    before = stored(store)
    frame = before[list(COLUMNS)].assign(doc_title="changed")
    gdelt = read_gdelt([GDELT_SAMPLE])[0]
    pd.concat([frame, gdelt]).to_parquet(tmp_path / "mixed.parquet", index=False)
    report = store.add_relation_tables([tmp_path / "mixed.parquet"])
    assert (report.inserted, report.skipped_rows) == (len(gdelt), len(frame))
    after = stored(store)
    assert (after[after["origin"] == "text"]["doc_title"] != "changed").all()
    assert store.stats()["gdelt_relations"] == len(gdelt)


def test_day_and_doc_numbers_of_bulk_rows(tmp_path, store, table):
    store.add_relation_tables([write_dataset(table, tmp_path / "ds")])
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        rows = con.execute("SELECT doc_id, event_date, doc_date, day, doc_no FROM relations").df()
    finally:
        con.close()
    assert rows.groupby("doc_id")["doc_no"].nunique().eq(1).all()
    assert rows.drop_duplicates("doc_id")["doc_no"].is_unique
    want = pd.to_datetime(rows["event_date"].where(rows["event_date"] != "", rows["doc_date"]))
    assert (pd.to_datetime(rows["day"]) == want).all()


def test_cli_add_takes_a_dataset(capsys, tmp_path, table, monkeypatch):
    monkeypatch.delenv("RELDASH_DB", raising=False)
    folder = write_dataset(table, tmp_path / "ds")
    db = tmp_path / "r.duckdb"
    code = main(["add", str(folder), str(tmp_path / "gone.parquet"), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.splitlines() == [f"skipped: {tmp_path / 'gone.parquet'}: no such file or folder"]
    assert out.startswith("42 relation rows from 15 Parquet files (0 replaced rows already stored) in ")
    assert Store(db).stats()["text_relations"] == 42
    code = main(["add", str(tmp_path / "gone.parquet"), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 1 and err.startswith("error: [E001] no Parquet relation table could be read")


def _corrupt_pages(good: Path, bad: Path) -> None:
    """``good`` with the second half of every column chunk scrambled: its footer (schema) reads,
    its data does not."""
    import pyarrow.parquet as pq

    data = bytearray(good.read_bytes())
    group = pq.ParquetFile(good).metadata.row_group(0)
    for j in range(group.num_columns):
        chunk = group.column(j)
        start = chunk.dictionary_page_offset or chunk.data_page_offset
        for i in range(start + chunk.total_compressed_size // 2, start + chunk.total_compressed_size):
            data[i] ^= 0x5A
    bad.write_bytes(bytes(data))


def test_a_file_that_fails_midway_leaves_the_store_as_it_was(tmp_path, store, table, capsys, monkeypatch):
    """One transaction: a file whose schema reads but whose pages do not fails the load after the
    checks, and nothing of it (not even the replacement of rows already stored) is kept."""
    folder = write_dataset(table, tmp_path / "ds")
    store.add_relation_tables([folder])
    before, generation = stored(store), store.generation()
    table.to_parquet(tmp_path / "whole.parquet", index=False, compression="zstd")
    (folder / "month=2099-01").mkdir()
    _corrupt_pages(tmp_path / "whole.parquet", folder / "month=2099-01" / "part-0.parquet")
    with pytest.raises(StoreError, match=r"cannot load the Parquet relation tables, nothing was changed: .*ZSTD"):
        store.add_relation_tables([folder])
    pd.testing.assert_frame_equal(stored(store), before)
    assert store.generation() == generation
    monkeypatch.delenv("RELDASH_DB", raising=False)
    capsys.readouterr()
    assert main(["add", str(folder), "--db", str(store.path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: [E020] cannot load the Parquet relation tables, nothing was changed")
    assert "month=2099-01/part-0.parquet" in err  # the file at fault is named
    pd.testing.assert_frame_equal(stored(store), before)


def test_a_file_beside_the_partitions_is_loaded_with_them(tmp_path, store, table):
    folder = write_dataset(table[table["doc_id"] != table["doc_id"].iloc[0]], tmp_path / "ds")
    table[table["doc_id"] == table["doc_id"].iloc[0]].to_parquet(folder / "extra.parquet", index=False)
    report = store.add_relation_tables([folder])
    assert (report.inserted, report.problems) == (42, [])
    assert set(stored(store)["doc_id"]) == set(table["doc_id"])
