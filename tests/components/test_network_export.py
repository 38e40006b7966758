"""The network as GEXF and GraphML (networkx): every actor and edge with its attributes, read back."""

from __future__ import annotations

import io
import math

import networkx as nx
import pandas as pd
import pytest

from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters
from components.network import network_edges, network_nodes
from components.network_export import EXPORT_FORMATS, network_file, network_graph, xml_text

ACTORS = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")


def _read(data: bytes, fmt: str) -> nx.DiGraph:
    return nx.read_gexf(io.BytesIO(data)) if fmt == "gexf" else nx.read_graphml(io.BytesIO(data))


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_the_file_reads_back_as_the_network(rel: pd.DataFrame, fmt: str) -> None:
    edges = network_edges(apply_filters(rel, Filters()))
    nodes = network_nodes(edges, ACTORS, {"USA": "United States"})
    data = network_file(edges, nodes, fmt)
    assert data.startswith(b"<?xml") and b"encoding='utf-8'" in data.lower()
    graph = _read(data, fmt)
    assert set(graph.nodes) == set(ACTORS) and graph.number_of_edges() == len(edges)
    assert graph.nodes["USA"]["name"] == "United States"
    for edge in edges.to_dict("records"):
        got = graph.edges[edge["source"], edge["target"]]
        assert int(got["mentions"]) == edge["mentions"] and float(got["weight"]) == edge["mentions"]
        assert int(got["articles"]) == edge["articles"]
        assert int(got["material_conflict"]) == edge["material_conflict"]
        assert got["top_event_types"] == edge["top_event_types"]
        if math.isnan(edge["mean_intensity"]):
            assert "mean_intensity" not in got
        else:
            assert float(got["mean_intensity"]) == pytest.approx(edge["mean_intensity"], abs=1e-4)


def test_events_name_their_count(rel: pd.DataFrame) -> None:
    frame = rel.assign(event_id=event_ids(rel).to_numpy())
    edges = network_edges(event_rows(apply_filters(frame, Filters())), unit="events")
    graph = network_graph(edges, network_nodes(edges, ACTORS))
    assert all("events" in attrs and "mentions" not in attrs for *_, attrs in graph.edges(data=True))
    assert all("events_as_source" in attrs for _, attrs in graph.nodes(data=True))


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_hostile_text_stays_well_formed_xml(rel: pd.DataFrame, fmt: str) -> None:
    edges = network_edges(apply_filters(rel, Filters())).head(2).copy()
    edges["top_event_types"] = ['<script>alert("x")</script> & \x00\x07\x1b bell', "]]> end of CDATA"]
    nodes = network_nodes(edges, ACTORS, {"USA": "<b>United</b> \x0b States"})
    graph = _read(network_file(edges, nodes, fmt), fmt)  # parses: nothing XML 1.0 forbids
    first = graph.edges[edges.loc[0, "source"], edges.loc[0, "target"]]
    assert first["top_event_types"] == '<script>alert("x")</script> &  bell'
    assert graph.nodes["USA"]["name"] == "<b>United</b>  States"


def test_xml_text_and_unknown_format(rel: pd.DataFrame) -> None:
    assert xml_text("a\x00b\tc\u2192") == "ab\tc\u2192"
    edges = network_edges(apply_filters(rel, Filters()))
    with pytest.raises(ValueError, match="gexf, graphml"):
        network_file(edges, network_nodes(edges, ACTORS), "dot")
