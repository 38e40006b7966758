"""The one actor table: names, capitals, coordinates and name order, validated with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.actor_table import ActorInfo, load_actor_table
from extraction.errors import DataFileError


def test_shipped_table() -> None:
    table = load_actor_table()
    assert [a.code for a in table] == ["USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"]
    assert {a.code for a in table if a.family_name_first} == {"KOR", "PRK", "CHN", "TWN"}
    assert all(a.lat is not None and a.lon is not None for a in table)


def test_defaults(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text("code,name\nUKR,Ukraine\n")
    assert load_actor_table(tmp_path) == (ActorInfo("UKR", "Ukraine", "Ukraine", "", None, None, False),)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("code,label\nJPN,Japan\n", "actors.csv: missing columns name"),
        ("code,name\nJPN,Japan\nJPN,Nippon\n", "actors.csv:3: actor 'JPN' is listed twice"),
        ("code,name\n,Japan\n", "actors.csv:2: code and name are required"),
        ("code,name,lat,lon\nJPN,Japan,north,139\n", "actors.csv:2: lat 'north' is not a number"),
        ("code,name,lat,lon\nJPN,Japan,35,239\n", "actors.csv:2: lon 239.0 is outside -180..180"),
        ("code,name,name_order\nJPN,Japan,surname-last\n", "actors.csv:2: name_order must be one of"),
    ],
    ids=["missing-column", "repeated", "empty-code", "bad-lat", "lon-range", "name-order"],
)
def test_errors_name_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "actors.csv").write_text(body)
    with pytest.raises(DataFileError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load_actor_table(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="missing data file"):
        load_actor_table(tmp_path)
