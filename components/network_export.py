"""The network as a graph file for Gephi, Cytoscape or networkx: GEXF or GraphML, written by networkx.

Nodes are the actors (code as id, with name, degree, and the count of mentions or events as source
and as target); edges are the directed dyads with their count (also as ``weight``, the attribute
Gephi sizes edges by), articles, mean intensity (left out when no mention is scored), quad-class
counts and top event types. Text from the data is stripped of the characters XML 1.0 cannot hold
(networkx escapes the rest). Pure functions, no Streamlit.
"""

from __future__ import annotations

import io
import math
import re

import networkx as nx
import pandas as pd

from .dyads import QUAD_COLUMNS, count_unit

#: Export formats: file extension -> (label, MIME type).
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "gexf": ("GEXF", "application/gexf+xml"),
    "graphml": ("GraphML", "application/graphml+xml"),
}

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """``value`` as text XML 1.0 can hold (control characters and lone surrogates removed)."""
    return _NOT_XML.sub("", str(value))


def network_graph(edges: pd.DataFrame, nodes: pd.DataFrame, *, unit: str | None = None) -> nx.DiGraph:
    """A directed graph of :func:`~components.network.network_edges` and
    :func:`~components.network.network_nodes` (every node, also those without edges)."""
    unit = unit or count_unit(edges)
    graph = nx.DiGraph()
    for row in nodes.to_dict("records"):
        graph.add_node(
            xml_text(row["actor"]),
            label=xml_text(row["actor"]),
            name=xml_text(row.get("name", row["actor"])),
            degree=int(row.get("degree", 0)),
            **{f"{unit}_as_source": int(row.get("as_source", 0)), f"{unit}_as_target": int(row.get("as_target", 0))},
        )
    for row in edges.to_dict("records"):
        attributes: dict[str, object] = {
            unit: int(row[unit]),
            "weight": float(row[unit]),
            "articles": int(row["articles"]),
            **{column: int(row[column]) for column in QUAD_COLUMNS.values()},
            "top_event_types": xml_text(row.get("top_event_types", "")),
        }
        mean = row.get("mean_intensity")
        if mean is not None and not (isinstance(mean, float) and math.isnan(mean)):
            attributes["mean_intensity"] = round(float(mean), 4)
        graph.add_edge(xml_text(row["source"]), xml_text(row["target"]), **attributes)
    return graph


def network_file(edges: pd.DataFrame, nodes: pd.DataFrame, fmt: str, *, unit: str | None = None) -> bytes:
    """The network as a ``fmt`` file (:data:`EXPORT_FORMATS`: ``gexf`` or ``graphml``), UTF-8.

    Raises ValueError for another format."""
    graph = network_graph(edges, nodes, unit=unit)
    out = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, out, encoding="utf-8")
    elif fmt == "graphml":
        nx.write_graphml(graph, out, encoding="utf-8")
    else:
        raise ValueError(f"unknown network format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    return out.getvalue()
