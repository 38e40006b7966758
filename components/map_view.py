"""Map (pydeck): the region of the actors, a marker per actor, arcs between them, country outlines,
a legend on the map, and the map as PNG.

No base map: ``pdk.Deck(map_provider=None)`` draws no tiles, so the page makes no request
beyond the app's own server. Country outlines are the GeoJSON text
:mod:`components.data_source` reads from ``<data dir>/geo/countries.geojson`` (Natural Earth,
public domain), cut down to the region (:mod:`components.map_layout`). The scene (frame,
markers moved apart, arcs that never leave the frame) is :func:`components.map_data.map_scene`.
A click on a marker picks the country, on an arc the dyad.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from .aggregate import total_rows
from .downloads import download_name
from .dyads import DEFAULT_UNIT
from .filters import Filters
from .geometry import MAX_LAT
from .map_data import (
    MAP_HEIGHT,
    MAP_WIDTH,
    TOOLTIP_HTML,
    MapScene,
    actor_activity,
    map_arcs,
    map_scene,
    unlocated_actors,
)
from .map_png import map_png
from .markup import code_span
from .scale import INTENSITY_HELP, RANGE
from .ui import OnPick, draw_deck, render_download

#: The hover details sit in the map's top right corner, inside the frame (deck.gl would put them
#: beside the pointer, where the map's edge cuts them).
TOOLTIP_STYLE = {
    "fontSize": "12px",
    "maxWidth": "45%",
    "transform": "none",
    "left": "auto",
    "right": "10px",
    "top": "10px",
    "backgroundColor": "rgba(33, 39, 55, 0.92)",
    "color": "#f5f5f5",
    "borderRadius": "6px",
    "padding": "8px 10px",
}


#: deck.gl's "pixels" unit. pydeck reads a bare string as an accessor expression (``"@@=pixels"``,
#: which deck.gl cannot evaluate: sizes then grow with the zoom, and a zoomed-in map shows giant
#: circles); a quoted string is passed as the string itself.
PIXELS = '"pixels"'


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` serialised without indentation.

    pydeck indents its JSON, which makes Python's ``json`` fall back to its pure-Python
    encoder; the country outlines then take ~150 ms to encode on every rerun. Without
    indentation the C encoder does it in a few milliseconds. Same JSON otherwise.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize)


def deck_of(scene: MapScene) -> pdk.Deck:
    """The pydeck chart of a :class:`~components.map_data.MapScene`: ocean, countries, actor
    countries, arcs, leader lines and capitals, markers, labels."""
    ocean = [{"polygon": [[-540, -MAX_LAT], [540, -MAX_LAT], [540, MAX_LAT], [-540, MAX_LAT]]}]
    capitals = [{"position": leader["path"][1]} for leader in scene.leaders]
    layers = [
        pdk.Layer("SolidPolygonLayer", id="ocean", data=ocean, get_polygon="polygon", get_fill_color=[235, 242, 248]),
        pdk.Layer(
            "GeoJsonLayer",
            id="countries",
            data={"type": "FeatureCollection", "features": scene.features},
            stroked=True,
            filled=True,
            get_fill_color=[250, 250, 247],
            get_line_color=[160, 160, 160],
            line_width_units=PIXELS,
            get_line_width=0.7,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="actor-countries",
            data={"type": "FeatureCollection", "features": scene.actor_features},
            stroked=True,
            filled=True,
            get_fill_color=[228, 226, 240],
            get_line_color=[120, 120, 140],
            line_width_units=PIXELS,
            get_line_width=1,
        ),
        pdk.Layer(
            "PathLayer",
            id="arcs",
            data=scene.arcs,
            get_path="path",
            get_width="width",
            width_units=PIXELS,
            get_color="color",
            cap_rounded=True,
            joint_rounded=True,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "PathLayer",
            id="leaders",
            data=scene.leaders,
            get_path="path",
            get_width=1.2,
            width_units=PIXELS,
            get_color=[70, 70, 70, 220],
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="capitals",
            data=capitals,
            get_position="position",
            get_radius=2.5,
            radius_units=PIXELS,
            get_fill_color=[50, 50, 50, 255],
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="actors",
            data=scene.actors,
            get_position="position",
            get_radius="radius",
            radius_units=PIXELS,
            get_fill_color="color",
            get_line_color="ring",
            stroked=True,
            line_width_units=PIXELS,
            get_line_width="ring_width",
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "TextLayer",
            id="labels",
            data=scene.actors,
            get_position="position",
            get_text="actor",
            get_size=13,
            get_color=[30, 30, 30],
            get_pixel_offset="offset",
            get_text_anchor="anchor",
            get_alignment_baseline="baseline",
            font_weight=700,
            outline_width=3,
            outline_color=[255, 255, 255],
            font_settings={"sdf": True},
        ),
    ]
    view = scene.view
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(longitude=view.longitude, latitude=view.latitude, zoom=view.zoom),
        map_provider=None,
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE},
    )


def build_deck(
    arcs: pd.DataFrame,
    activity: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None,
    *,
    highlight: Sequence[str] = (),
    height: int = MAP_HEIGHT,
    countries: Sequence[str] = (),
    dyad: Sequence[str] = (),
) -> pdk.Deck:
    """The pydeck chart of :func:`~components.map_data.map_scene` for ``arcs`` and ``activity``."""
    scene = map_scene(arcs, activity, geometry, highlight=highlight, height=height, countries=countries, dyad=dyad)
    return deck_of(scene)


def legend_html(unit: str, key: str) -> str:
    """The legend drawn over the map's bottom left corner (with the CSS that puts it there)."""
    gradient = ", ".join(RANGE)
    box = f"st-key-{key}"
    return f"""<style>
.{box} {{ position: relative; }}
.{box} [data-testid="stElementContainer"]:has(.reldash-map-legend) {{
  position: absolute; left: 10px; bottom: 10px; width: auto !important; z-index: 2; pointer-events: none; }}
</style>
<div class="reldash-map-legend" style="background:rgba(255,255,255,0.9);border:1px solid #d0d0d0;border-radius:6px;
 padding:6px 9px;font-size:11px;line-height:1.35;color:#333;max-width:230px">
<div><b>Colour</b>: mean intensity</div>
<div style="height:9px;border-radius:2px;margin:3px 0 1px 0;background:linear-gradient(to right, {gradient})"></div>
<div style="display:flex;justify-content:space-between;color:#666"><span>−10 conflict</span><span>0</span><span>cooperation +10</span></div>
<div style="margin-top:3px"><b>Arc width</b>, <b>marker size</b>: {unit}</div>
<div><span style="display:inline-block;width:14px;border-top:1.5px solid #464646;vertical-align:middle"></span>
 <span style="display:inline-block;width:5px;height:5px;border-radius:50%;background:#323232;vertical-align:middle"></span>
 marker moved aside from its capital</div>
</div>"""


def render_map(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    locations: pd.DataFrame,
    geometry: Mapping[str, Any] | str | None = None,
    height: int = MAP_HEIGHT,
    summary: pd.DataFrame | None = None,
    unit: str = DEFAULT_UNIT,
    actor_table: str = "data/actors/actors.csv",
    on_pick: OnPick | None = None,
    version: int = 0,
    title: str = "",
) -> pd.DataFrame:
    """The map with its legend, the arcs download (CSV) and the map as PNG. Returns the arcs shown.

    ``locations``: the located actors (:attr:`components.actors.Actors.locations`);
    ``unit``: what the rows of ``df`` are (``mentions``, or ``events``); ``summary``: the
    dyad summary of ``df`` when already computed; ``actor_table``: the actor table's path,
    named when an actor has no coordinates; ``on_pick``: called with the country or dyad
    clicked; ``version``: part of the chart's key (a new one after each pick); ``title``: the
    PNG's title."""
    arcs = map_arcs(df, locations, summary=summary, unit=unit)
    activity = actor_activity(df, locations, unit=unit)
    missing = unlocated_actors(df, locations)
    if activity.empty:
        st.info(f"No located actors in the {unit} of this filter: nothing to draw on the map.")
        return arcs
    scene = map_scene(
        arcs,
        activity,
        geometry,
        highlight=tuple(activity["actor"]),
        height=height,
        width=MAP_WIDTH,
        countries=filters.countries,
        dyad=filters.dyad,
    )
    with st.container(key=f"{key}_canvas"):
        draw_deck(deck_of(scene), key=f"{key}_deck_{version}", height=height, on_pick=on_pick)
        st.html(legend_html(unit, f"{key}_canvas"))
    click = " Click a marker to filter on that country, an arc for that dyad." if on_pick else ""
    st.caption(
        f"Arcs run from source to target, each direction bent to its left. Where markers would overlap, "
        f"they are moved apart and a thin line leads to the capital. Hover for details.{click}",
        help=INTENSITY_HELP,
    )
    if missing:
        st.caption(
            f"Not on the map (no lat/lon in the actor table, {code_span(actor_table, 200)}): "
            f"{', '.join(code_span(m) for m in missing)}."
        )
    left, right = st.columns(2)
    with left:
        render_download(arcs, key=key, view="map_arcs", filters=filters, label="Download arcs (CSV)")
    with right:
        st.download_button(
            "Download map (PNG)",
            data=partial(map_png, scene, title=title, note=f"{total_rows(df):,} {unit}"),
            file_name=download_name("map", filters, "png"),
            mime="image/png",
            key=f"{key}_png",
            on_click="ignore",
            icon=":material/image:",
            help="The map at its default view, with its legend, as an image.",
        )
    return arcs
