"""The Data dictionary page: every CSV the dashboard offers and what each column holds (one section per
file, which each download button links to), and the network's GEXF and GraphML files."""

from __future__ import annotations

import streamlit as st

from .data_dictionary import FILES, TITLE, anchor
from .network_export import EXPORT_FORMATS


def render_dictionary() -> None:
    st.title(TITLE)
    st.markdown(
        "Every view's download holds exactly what the view shows, as CSV: UTF-8 with a byte-order mark, "
        "a header row, CRLF line ends, and text cells that a spreadsheet would run as a formula (`=`, `+`, "
        "`-`, `@` first) behind an apostrophe. A file's name says the view and the filter, e.g. "
        "`dyads_USA_2018-01-01_2019-12-31.csv`. Where a column says `<unit>` it is `mentions` or "
        "`events`, as the sidebar's **Count** says."
    )
    for entry in FILES:
        st.subheader(f"{entry.title}: `{entry.view}_<filter>.csv`", anchor=anchor(entry.view))
        st.markdown(entry.about)
        rows = "\n".join(
            f"| `{c.name.replace('{unit}', '<unit>')}` | {c.meaning.replace('{unit}', '<unit>')}"
            f"{' (only in some files)' if c.optional else ''} |"
            for c in entry.columns
        )
        st.markdown(f"| column | meaning |\n|---|---|\n{rows}")
    st.subheader("The network as a graph file", anchor="network-files")
    formats = " and ".join(f"{label} (`.{ext}`)" for ext, (label, _) in EXPORT_FORMATS.items())
    st.markdown(
        f"The network's {formats} files open in Gephi, Cytoscape or networkx. Nodes: the actors (id = code; "
        "`name`, `degree`, `<unit>_as_source`, `<unit>_as_target`). Edges: the directed dyads with `<unit>` "
        "(also as `weight`), `articles`, `mean_intensity` (absent when no mention is scored), the four "
        "quad-class counts and `top_event_types`: the columns of the network edges CSV."
    )
    st.subheader("The map as an image", anchor="map-png")
    st.markdown(
        "`map_<filter>.png`: the map at its default view, twice the screen's pixels, with its legend, "
        "the count shown and the outlines' source (Natural Earth, public domain)."
    )
