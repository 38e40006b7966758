"""Where the relations come from (store or table), and the data dir's actor table and outlines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from components.data_source import Source, geometry_path, load_actors, load_outlines, resolve_source

ROOT = Path(__file__).resolve().parents[2]


def test_source_resolution_order(tmp_path: Path) -> None:
    env = {"RELDASH_DATA": "env.csv", "RELDASH_DB": "env.duckdb"}
    assert resolve_source(["--data", "x.csv", "--db", "y.duckdb"], env) == Source("table", Path("x.csv"))
    assert resolve_source(["--db", "y.duckdb"], env) == Source("store", Path("y.duckdb"))
    assert resolve_source([], env) == Source("table", Path("env.csv"))
    assert resolve_source([], {"RELDASH_DB": "env.duckdb"}) == Source("store", Path("env.duckdb"))
    default = resolve_source(["-q", "tests"], {})
    assert default.is_store and default.path.name == "relations.duckdb" and default.path.parent.name == "store"


def test_actor_table_and_outlines_follow_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data" / "actors", tmp_path / "actors")
    with open(tmp_path / "actors" / "actors.csv", "a", encoding="utf-8") as handle:
        handle.write("UKR,Ukraine,Ukraine,Kyiv,50.4501,30.5234,given-first\n")
    (tmp_path / "geo").mkdir()
    outlines = '{"type": "FeatureCollection", "features": []}'
    (tmp_path / "geo" / "countries.geojson").write_text(outlines, encoding="utf-8")
    monkeypatch.setenv("RELDASH_DATA_DIR", str(tmp_path))
    assert geometry_path() == tmp_path / "geo" / "countries.geojson"
    assert load_outlines() == outlines
    actors = load_actors()
    assert actors.order[-1] == "UKR" and actors.names["UKR"] == "Ukraine"
    assert "UKR" in set(actors.locations["code"])

    monkeypatch.setenv("RELDASH_DATA_DIR", str(tmp_path / "nothing-here"))
    assert load_outlines() is None  # the map does without outlines
    nobody = load_actors()  # and actors go by their codes
    assert nobody.order == () and not nobody.names and nobody.locations.empty


def test_shipped_data_dir_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELDASH_DATA_DIR", raising=False)
    assert geometry_path() == ROOT / "data" / "geo" / "countries.geojson"
    assert load_actors().order == ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")
