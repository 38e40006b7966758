"""Where the relations come from (store or table), and the data dir's actor table and outlines."""

from __future__ import annotations

from pathlib import Path

from components.data_source import Source, resolve_source


def test_source_resolution_order(tmp_path: Path) -> None:
    env = {"RELDASH_DATA": "env.csv", "RELDASH_DB": "env.duckdb"}
    assert resolve_source(["--data", "x.csv", "--db", "y.duckdb"], env) == Source("table", Path("x.csv"))
    assert resolve_source(["--db", "y.duckdb"], env) == Source("store", Path("y.duckdb"))
    assert resolve_source([], env) == Source("table", Path("env.csv"))
    assert resolve_source([], {"RELDASH_DB": "env.duckdb"}) == Source("store", Path("env.duckdb"))
    default = resolve_source(["-q", "tests"], {})
    assert default.is_store and default.path.name == "relations.duckdb" and default.path.parent.name == "store"
