"""The map's pydeck chart: no base map, nothing from another host, sizes in pixels, hover details inside
the frame, the legend; the compact deck."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pydeck as pdk

from components.filters import Filters, apply_filters
from components.map_data import actor_activity, map_arcs
from components.map_view import TOOLTIP_STYLE, CompactDeck, build_deck, legend_html

ROOT = Path(__file__).resolve().parents[2]


def _spec(rel: pd.DataFrame, locations: pd.DataFrame) -> dict:
    view = apply_filters(rel, Filters())
    geo = (ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8")
    deck = build_deck(map_arcs(view, locations), actor_activity(view, locations), geo, highlight=("USA",))
    return json.loads(deck.to_json())


def test_deck_has_no_base_map_and_no_external_urls(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    spec = _spec(rel, locations)
    assert spec.get("mapProvider") is None
    assert "mapStyle" not in spec or not str(spec.get("mapStyle") or "").startswith("http")
    assert "http" not in json.dumps(spec)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"countries", "actor-countries", "arcs", "leaders", "capitals", "actors", "labels"} <= set(layers)
    arcs = layers["arcs"]["data"]
    assert {"source", "target", "title", "line1", "line2", "line3"} <= set(arcs[0])
    assert {"actor", "title", "line1"} <= set(layers["actors"]["data"][0])
    assert [layer["id"] for layer in spec["layers"] if layer.get("pickable")] == ["arcs", "actors"]


def test_sizes_are_in_pixels_not_expressions(rel: pd.DataFrame, locations: pd.DataFrame) -> None:
    # pydeck turns a bare "pixels" into the expression "@@=pixels", which deck.gl cannot evaluate: sizes
    # then grew with the zoom (the giant circles of a zoomed-in map)
    spec = _spec(rel, locations)
    units = {
        (layer["id"], key): value
        for layer in spec["layers"]
        for key, value in layer.items()
        if key.endswith("Units")
    }
    assert units and set(units.values()) == {"pixels"}, units
    assert ("actors", "radiusUnits") in units and ("arcs", "widthUnits") in units


def test_hover_details_sit_inside_the_frame() -> None:
    # deck.gl places its tooltip at the pointer with a transform; this style, applied after it, pins
    # the details to the map's top right corner, where the map's edge cannot cut them
    assert TOOLTIP_STYLE["transform"] == "none"
    assert TOOLTIP_STYLE["right"] and TOOLTIP_STYLE["top"] and TOOLTIP_STYLE["left"] == "auto"


def test_the_legend_is_drawn_on_the_map() -> None:
    html = legend_html("events", "map_canvas")
    assert ".st-key-map_canvas" in html and "position: absolute" in html and "reldash-map-legend" in html
    assert "events" in html and "mentions" not in html and "relations" not in html
    assert "<script" not in html and "http" not in html


def test_compact_deck_has_the_same_json() -> None:
    kwargs = {
        "layers": [pdk.Layer("ScatterplotLayer", data=[{"p": [1, 2]}], get_position="p")],
        "map_provider": None,
    }
    assert json.loads(CompactDeck(**kwargs).to_json()) == json.loads(pdk.Deck(**kwargs).to_json())
    assert "\n" not in CompactDeck(**kwargs).to_json()
