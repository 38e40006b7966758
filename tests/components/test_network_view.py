"""The network chart: valid Vega-Lite from the network's data; picks and the picked ones standing out."""

from __future__ import annotations

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.network import network_edges, network_nodes
from components.network_view import FADED, PICKED_COLOUR, PICKS, network_chart
from tests.components.helpers import validate_vega

ACTORS = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")


@pytest.fixture()
def parts(rel: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    edges = network_edges(apply_filters(rel, Filters()))
    return edges, network_nodes(edges, ACTORS)


def _params(spec: dict) -> list[dict]:
    """The chart's selection parameters (Altair puts a layer's at the top, naming its view)."""
    return [*spec.get("params", []), *(p for layer in spec["layer"] for p in layer.get("params", []))]


def test_network_chart_builds(parts) -> None:
    spec = validate_vega(network_chart(*parts))
    assert len(spec["layer"]) == 4  # edges, arrows, nodes, labels
    assert not _params(spec)


def test_clickable_nodes_and_edges_are_picks(parts) -> None:
    spec = validate_vega(network_chart(*parts, clickable=True))
    params = _params(spec)
    assert sorted(p["name"] for p in params) == sorted(PICKS)
    fields = {p["name"]: p["select"]["fields"] for p in params}
    assert fields == {"pick_country": ["actor"], "pick_dyad": ["source", "target"], "pick_dyad_line": ["source", "target"]}


def test_the_picked_country_is_ringed_and_the_picked_dyad_stands_out(parts) -> None:
    spec = network_chart(*parts, countries=("KOR",), dyad=("CHN", "USA"))
    nodes = spec["datasets"]["nodes"].set_index("actor")
    assert nodes.loc["KOR", "ring"] == PICKED_COLOUR and nodes.loc["USA", "ring"] == "white"
    heads = spec["datasets"]["heads"]
    picked = (heads["source"] == "CHN") & (heads["target"] == "USA")
    assert heads.loc[picked, "emphasis"].tolist() == [1.0] and (heads.loc[~picked, "emphasis"] == FADED).all()
    assert (network_chart(*parts)["datasets"]["heads"]["emphasis"] == 1.0).all()  # nothing picked: none faded


def test_the_template_is_built_once_per_shape(parts) -> None:
    from components.network_view import _template

    _template.cache_clear()
    for _ in range(3):
        network_chart(*parts)
    assert _template.cache_info().misses == 1
