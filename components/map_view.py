"""Map (pydeck): actors at their capitals, great-circle arcs between them, country outlines.

No base map: ``pdk.Deck(map_provider=None)`` draws no tiles, so the page makes no request
beyond the app's own server. Country outlines are the GeoJSON text
:mod:`components.data_source` reads from ``<data dir>/geo/countries.geojson`` (Natural Earth,
public domain). The geometry (rotated frame, great circles, the seam) is
:mod:`components.geometry`; the arcs, markers and tooltips are :mod:`components.map_data`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from .dyads import DEFAULT_UNIT
from .filters import Filters
from .geometry import MAX_LAT
from .map_data import TOOLTIP_HTML, actor_activity, map_arcs, map_scene, unlocated_actors
from .markup import code_span
from .scale import INTENSITY_HELP
from .ui import render_download


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` serialised without indentation.

    pydeck indents its JSON, which makes Python's ``json`` fall back to its pure-Python
    encoder; the country outlines then take ~150 ms to encode on every rerun. Without
    indentation the C encoder does it in a few milliseconds. Same JSON otherwise.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize)


def build_deck(
    arcs: pd.DataFrame,
    activity: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None,
    *,
    highlight: Sequence[str] = (),
    height: int = 520,
) -> pdk.Deck:
    """The pydeck chart of :func:`~components.map_data.map_scene`: ocean, countries, actor
    countries, arcs, markers, labels."""
    scene = map_scene(arcs, activity, geometry, highlight=highlight, height=height)
    features, actor_features, actors = scene.features, scene.actor_features, scene.actors
    ocean = [{"polygon": [[-540, -MAX_LAT], [540, -MAX_LAT], [540, MAX_LAT], [-540, MAX_LAT]]}]
    layers = [
        pdk.Layer("SolidPolygonLayer", id="ocean", data=ocean, get_polygon="polygon", get_fill_color=[235, 242, 248]),
        pdk.Layer(
            "GeoJsonLayer",
            id="countries",
            data={"type": "FeatureCollection", "features": features},
            stroked=True,
            filled=True,
            get_fill_color=[250, 250, 247],
            get_line_color=[160, 160, 160],
            line_width_units="pixels",
            get_line_width=0.7,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="actor-countries",
            data={"type": "FeatureCollection", "features": actor_features},
            stroked=True,
            filled=True,
            get_fill_color=[228, 226, 240],
            get_line_color=[120, 120, 140],
            line_width_units="pixels",
            get_line_width=1,
        ),
        pdk.Layer(
            "PathLayer",
            id="arcs",
            data=scene.arcs,
            get_path="path",
            get_width="width",
            width_units="pixels",
            get_color="color",
            cap_rounded=True,
            joint_rounded=True,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="actors",
            data=actors,
            get_position="position",
            get_radius="radius",
            radius_units="pixels",
            get_fill_color="color",
            get_line_color=[255, 255, 255],
            stroked=True,
            line_width_units="pixels",
            get_line_width=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            id="labels",
            data=actors,
            get_position="position",
            get_text="actor",
            get_size=13,
            get_color=[30, 30, 30],
            get_pixel_offset="offset",
            font_weight=700,
            outline_width=3,
            outline_color=[255, 255, 255],
            font_settings={"sdf": True},
        ),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(longitude=scene.longitude, latitude=scene.latitude, zoom=scene.zoom),
        map_provider=None,
        tooltip={"html": TOOLTIP_HTML, "style": {"fontSize": "12px", "maxWidth": "360px"}},
    )


def render_map(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    locations: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None = None,
    height: int = 520,
    summary: pd.DataFrame | None = None,
    unit: str = DEFAULT_UNIT,
    actor_table: str = "data/actors/actors.csv",
) -> pd.DataFrame:
    """The map and its arcs download. Returns the arcs shown.

    ``locations``: the located actors (:attr:`components.actors.Actors.locations`);
    ``unit``: what the rows of ``df`` are (``mentions``, or ``events``); ``summary``: the
    dyad summary of ``df`` when already computed; ``actor_table``: the actor table's path,
    named when an actor has no coordinates."""
    arcs = map_arcs(df, locations, summary=summary, unit=unit)
    activity = actor_activity(df, locations, unit=unit)
    missing = unlocated_actors(df, locations)
    if activity.empty:
        st.info(f"No located actors in the {unit} of this filter: nothing to draw on the map.")
        return arcs
    deck = build_deck(arcs, activity, geometry, highlight=tuple(activity["actor"]), height=height)
    st.pydeck_chart(deck, height=height, key=f"{key}_deck")
    st.caption(
        f"Great-circle arcs from source to target (each direction bent to its left); width = {unit}; "
        f"colour = mean intensity, red conflict to blue cooperation; marker size = the actor's {unit}. "
        "Hover for details.",
        help=INTENSITY_HELP,
    )
    if missing:
        st.caption(
            f"Not on the map (no lat/lon in the actor table, {code_span(actor_table, 200)}): "
            f"{', '.join(code_span(m) for m in missing)}."
        )
    render_download(arcs, key=key, view="map_arcs", filters=filters, label="Download arcs (CSV)")
    return arcs
