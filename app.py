"""The relations dashboard: map, network, timeline, dyad matrix and table over a relation table.

Run:  streamlit run app.py                       (the demo table, data/demo/relations.csv)
      streamlit run app.py -- --data PATH        (another CSV or Parquet relation table)
      RELDASH_DATA=PATH streamlit run app.py

This file only wires things: page setup, cached loads, the sidebar filter, the views.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from components.filters import FilterOptions, apply_filters, code_span, filter_options, filters_to_query
from components.headline import render_headline
from components.map_view import render_map
from components.matrix_view import dyad_summary, render_matrix
from components.memory import trim, trim_if_large
from components.network_view import render_network
from components.prepare import prepare_relations
from components.sidebar import render_filters
from components.table_view import render_table
from components.timeline_view import render_timeline
from extraction.errors import DataFileError
from extraction.table import read_table

APP_DIR = Path(__file__).resolve().parent
DEFAULT_DATA = APP_DIR / "data" / "demo" / "relations.csv"
LOCATIONS = APP_DIR / "data" / "geo" / "actor_locations.csv"
GEOMETRY = APP_DIR / "data" / "geo" / "countries.geojson"
DATA_ENV = "RELDASH_DATA"


def data_path(argv: list[str] | None = None, environ: dict[str, str] | None = None) -> Path:
    """The relation table to show: ``--data PATH`` (after ``--``), else $RELDASH_DATA, else the demo."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data")
    known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    environ = os.environ if environ is None else environ
    return Path(known.data or environ.get(DATA_ENV) or DEFAULT_DATA)


def _stamp(path: Path) -> tuple[str, int, int]:
    """Cache key of a file: its path, modification time and size (a change reloads it)."""
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


@st.cache_data(show_spinner="Loading relations…", max_entries=2)
def load_relations(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """The relation table, ready for the views. The one place that reads it (a store may replace it)."""
    frame = prepare_relations(read_table(path))
    trim()  # return the reader's temporary buffers before Streamlit pickles the result
    return frame


@st.cache_data(max_entries=2)
def load_options(path: str, mtime_ns: int, size: int, actor_order: tuple[str, ...]) -> FilterOptions:
    return filter_options(load_relations(path, mtime_ns, size), actor_order=actor_order)


@st.cache_data
def load_locations(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"code": str, "name": str, "capital": str}, keep_default_na=False)
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce")
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce")
    return frame.dropna(subset=["lat", "lon"]).drop_duplicates("code").reset_index(drop=True)


@st.cache_data
def load_geometry(path: str, mtime_ns: int, size: int) -> str:
    """The country outlines as GeoJSON text (the map memoises its work on the text)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    json.loads(text)  # fail here, once, if the file is not JSON
    return text


def _load_geo() -> tuple[pd.DataFrame, str | None]:
    """Actor locations and country outlines; the map does without what is missing or broken."""
    locations = pd.DataFrame(columns=["code", "name", "capital", "lat", "lon"])
    geometry = None
    try:
        if LOCATIONS.is_file():
            locations = load_locations(*_stamp(LOCATIONS))
    except (OSError, ValueError, KeyError) as exc:
        st.warning(f"Cannot read {LOCATIONS.name} ({exc}): actors are left off the map.")
    try:
        if GEOMETRY.is_file():
            geometry = load_geometry(*_stamp(GEOMETRY))
    except (OSError, ValueError) as exc:
        st.warning(f"Cannot read {GEOMETRY.name} ({exc}): the map has no country outlines.")
    return locations, geometry


def _query_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def main() -> None:
    st.set_page_config(page_title="Relations dashboard", layout="wide")
    trim_if_large()  # hand back what earlier reruns freed, so memory stays bounded
    st.title("Who did what to whom")
    path = data_path()
    if not path.is_file():
        st.info(
            f"No relation table at `{path}`. Run `make demo` to build the demo table from the demo "
            "corpus, or point the dashboard at another table: "
            f"`streamlit run app.py -- --data PATH` or `{DATA_ENV}=PATH`."
        )
        return
    try:
        frame = load_relations(*_stamp(path))
    except (DataFileError, OSError, ValueError) as exc:
        st.error(f"Cannot read the relation table: {exc}")
        return
    locations, geometry = _load_geo()
    actor_order = tuple(locations["code"])
    names = dict(zip(locations["code"], locations["name"], strict=True))
    st.caption(f"Relation table: {code_span(str(path), 200)} · {len(frame):,} relations")
    if frame.empty:
        st.info("The relation table is empty: there is nothing to show yet.")
        return

    options = load_options(*_stamp(path), actor_order)
    options = replace(options, actor_names=names)
    with st.sidebar:
        st.header("Filter")
        filters, notes = render_filters(options, _query_params(), key="filter")
    st.query_params.from_dict(filters_to_query(filters))
    for note in notes:
        st.warning(note, icon=":material/link_off:")

    view = apply_filters(frame, filters)
    render_headline(view, key="headline")
    if view.empty:
        st.info("No relations match the current filter. Widen it, or use **Reset filters** in the sidebar.")
        return

    summary = dyad_summary(view)  # shared by the map, the network and the matrix
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader("Map")
        render_map(view, key="map", filters=filters, locations=locations, geometry=geometry, summary=summary)
    with right:
        st.subheader("Network")
        render_network(view, key="network", filters=filters, actors=options.actors, actor_names=names, summary=summary)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader("Timeline")
        render_timeline(view, key="timeline", filters=filters)
    with right:
        st.subheader("Dyad matrix")
        render_matrix(view, key="matrix", filters=filters, actors=options.actors, summary=summary)
    st.subheader("Relations")
    render_table(view, key="table", filters=filters)


if __name__ == "__main__":
    main()
