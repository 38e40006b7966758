"""The network chart: its Altair layers build from the network's data."""

from __future__ import annotations

import pandas as pd

from components.filters import Filters, apply_filters
from components.network import network_edges, network_nodes
from components.network_view import network_chart


def test_network_chart_builds(rel: pd.DataFrame) -> None:
    edges = network_edges(apply_filters(rel, Filters()))
    nodes = network_nodes(edges, ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"))
    spec = network_chart(edges, nodes).to_dict()
    assert len(spec["layer"]) >= 4  # edges, arrows, nodes, labels
