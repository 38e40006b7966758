"""The map's pydeck chart: no base map, nothing from another host, the layers; the compact deck."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pydeck as pdk

from components.filters import Filters, apply_filters
from components.map_data import actor_activity, map_arcs
from components.map_view import CompactDeck, build_deck

ROOT = Path(__file__).resolve().parents[2]


def test_deck_has_no_base_map_and_no_external_urls(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    geo = json.loads((ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8"))
    deck = build_deck(map_arcs(view, locations), actor_activity(view, locations), geo, highlight=("USA",))
    spec = json.loads(deck.to_json())
    assert spec.get("mapProvider") is None
    assert "mapStyle" not in spec or not str(spec.get("mapStyle") or "").startswith("http")
    assert "http" not in deck.to_json()
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"countries", "actor-countries", "arcs", "actors", "labels"} <= set(layers)
    arcs = layers["arcs"]["data"]
    usa_kor = [a for a in arcs if a["title"] == "USA → KOR"]
    assert usa_kor and all(-180 <= x <= 180 for a in usa_kor for x, _ in a["path"])
    assert {"title", "line1", "line2", "line3"} <= set(arcs[0]) and {"title", "line1"} <= set(
        layers["actors"]["data"][0]
    )


def test_compact_deck_has_the_same_json() -> None:
    kwargs = {
        "layers": [pdk.Layer("ScatterplotLayer", data=[{"p": [1, 2]}], get_position="p")],
        "map_provider": None,
    }
    assert json.loads(CompactDeck(**kwargs).to_json()) == json.loads(pdk.Deck(**kwargs).to_json())
    assert "\n" not in CompactDeck(**kwargs).to_json()
