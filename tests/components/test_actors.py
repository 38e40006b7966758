"""Actor names, order and locations from the one actor table."""

from __future__ import annotations

from pathlib import Path

from components.actors import LOCATION_COLUMNS, Actors, actors_from_table
from extraction.actor_table import ActorInfo, load_actor_table

ROOT = Path(__file__).resolve().parents[2]


def test_every_actor_is_named_and_ordered_but_only_located_ones_are_placed() -> None:
    table = (
        ActorInfo("USA", "United States", "US", "Washington", 38.8951, -77.0364, False),
        ActorInfo("EUR", "European Union", "EU", "", None, None, False),  # no coordinates
        ActorInfo("UKR", "Ukraine", "Ukraine", "Kyiv", 50.4501, 30.5234, False),
    )
    actors = actors_from_table(table)
    assert actors.order == ("USA", "EUR", "UKR")
    assert actors.names == {"USA": "United States", "EUR": "European Union", "UKR": "Ukraine"}
    assert tuple(actors.locations.columns) == LOCATION_COLUMNS
    assert list(actors.locations["code"]) == ["USA", "UKR"]
    assert actors.locations.set_index("code").loc["UKR", ["capital", "lat", "lon"]].tolist() == [
        "Kyiv",
        50.4501,
        30.5234,
    ]
    assert actors.label("UKR") == "UKR · Ukraine" and actors.label("AUS") == "AUS"


def test_the_shipped_table_places_the_seven_actors() -> None:
    actors = actors_from_table(load_actor_table(ROOT / "data" / "actors"))
    assert actors.order == ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")
    assert list(actors.locations["code"]) == list(actors.order)
    assert actors.names["PRK"] == "North Korea"


def test_no_table_no_actors() -> None:
    empty = Actors()
    assert empty.order == () and not empty.names
    assert tuple(empty.locations.columns) == LOCATION_COLUMNS and empty.locations.empty
