"""The network's data: edges, the fixed circle layout, node degrees, curved edge paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.network import circle_layout, edge_geometry, network_edges, network_nodes

ACTORS = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def test_empty_input_gives_no_edges(view: pd.DataFrame) -> None:
    assert network_edges(view.iloc[0:0]).empty


def test_network_edges_have_no_self_loops(view: pd.DataFrame) -> None:
    frame = view.copy()
    frame.loc[0, "target"] = frame.loc[0, "source"]
    edges = network_edges(frame)
    assert (edges["source"] != edges["target"]).all()
    assert edges["mentions"].sum() == len(frame) - 1


def test_circle_layout_is_deterministic() -> None:
    layout = circle_layout(["USA", "JPN", "KOR", "PRK"])
    assert list(layout["actor"]) == ["USA", "JPN", "KOR", "PRK"]
    # first at 12 o'clock, then clockwise: JPN at 3 o'clock
    assert (layout.loc[0, "x"], layout.loc[0, "y"]) == (0.0, 1.0)
    assert (layout.loc[1, "x"], layout.loc[1, "y"]) == (1.0, 0.0)
    pd.testing.assert_frame_equal(layout, circle_layout(["USA", "JPN", "KOR", "PRK"]))
    assert np.allclose(np.hypot(layout["x"], layout["y"]), 1.0)


def test_network_nodes_keep_fixed_positions_and_degrees(view: pd.DataFrame) -> None:
    actors = ACTORS
    all_edges = network_edges(view)
    few_edges = network_edges(apply_filters(view, Filters(countries=("TWN",))))
    a = network_nodes(all_edges, actors).set_index("actor")
    b = network_nodes(few_edges, actors).set_index("actor")
    assert list(a.index) == list(actors)
    pd.testing.assert_frame_equal(a[["x", "y"]], b[["x", "y"]])  # filtering does not move nodes
    assert b.loc["JPN", "degree"] == 0 and b.loc["TWN", "degree"] == 3  # USA->TWN, CHN->TWN, TWN->CHN
    assert b.loc["TWN", "as_target"] == 2 and b.loc["TWN", "as_source"] == 1
    assert b.loc["CHN", "degree"] == 2  # CHN -> TWN and TWN -> CHN


def test_edge_geometry_separates_directions_and_points_arrows(view: pd.DataFrame) -> None:
    edges = network_edges(view)
    nodes = network_nodes(edges, ACTORS)
    paths, heads = edge_geometry(edges, nodes)
    assert len(heads) == len(edges) and paths["edge"].nunique() == len(edges)
    ab = paths[(paths["source"] == "USA") & (paths["target"] == "JPN")]
    ba = paths[(paths["source"] == "JPN") & (paths["target"] == "USA")]
    mid_ab = ab[["x", "y"]].iloc[len(ab) // 2].to_numpy()
    mid_ba = ba[["x", "y"]].iloc[len(ba) // 2].to_numpy()
    assert np.hypot(*(mid_ab - mid_ba)) > 0.1  # the two directions are drawn apart
    # USA (top) -> CHN (bottom-left): the arrow points down-left (between 180 and 270 degrees)
    angle = heads[(heads["source"] == "USA") & (heads["target"] == "CHN")]["angle"].iloc[0]
    assert 180 < angle < 270
