"""The data behind the network, timeline, matrix and headline views."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.headline import format_score, format_span, headline
from components.matrix_view import DYAD_COLUMNS, dyad_summary, matrix_chart
from components.network_view import circle_layout, edge_geometry, network_chart, network_edges, network_nodes
from components.prepare import net_cooperation_score, prepare_relations, public_frame
from components.timeline_view import ALL_DYADS, dyad_options, score_series, timeline_series
from extraction.schema import COLUMNS


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def _by_hand(view: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    return view[(view["source"] == source) & (view["target"] == target)]


def test_dyad_summary_counts_scores_and_types(view: pd.DataFrame) -> None:
    summary = dyad_summary(view)
    assert tuple(summary.columns) == DYAD_COLUMNS
    assert summary["relations"].sum() == len(view)
    assert not summary.duplicated(["source", "target"]).any()
    row = summary[(summary["source"] == "CHN") & (summary["target"] == "USA")].iloc[0]
    rows = _by_hand(view, "CHN", "USA")
    assert row["relations"] == len(rows) == 5
    assert row["articles"] == rows["doc_id"].nunique()
    assert row["net_score"] == pytest.approx(rows["intensity"].mean())
    assert row["verbal_conflict"] == 4 and row["material_conflict"] == 1
    assert row["top_event_types"] == "REQUEST 2, REJECT 1, SANCTION 1"
    quads = summary[["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]]
    assert (quads.sum(axis=1) == summary["relations"]).all()
    # most relations first
    assert summary["relations"].is_monotonic_decreasing


def test_score_leaves_out_negated_and_hypothetical(rel: pd.DataFrame) -> None:
    everything = apply_filters(rel, Filters(include_negated=True, include_hypothetical=True))
    summary = dyad_summary(everything)
    usa_rus = summary[(summary["source"] == "USA") & (summary["target"] == "RUS")].iloc[0]
    assert usa_rus["relations"] == 2  # one CONSULT, one negated CONCEDE
    assert usa_rus["net_score"] == pytest.approx(2.5)  # the negated CONCEDE is not scored
    only_negated = everything[everything["negated"]]
    assert math.isnan(net_cooperation_score(only_negated))
    assert dyad_summary(only_negated)["net_score"].isna().all()


def test_dyad_summary_same_on_raw_and_prepared(raw: pd.DataFrame, rel: pd.DataFrame) -> None:
    a = dyad_summary(apply_filters(raw, Filters()))
    b = dyad_summary(apply_filters(rel, Filters()))
    pd.testing.assert_frame_equal(a, b)


def test_empty_inputs_give_empty_frames(view: pd.DataFrame) -> None:
    empty = view.iloc[0:0]
    assert list(dyad_summary(empty).columns) == list(DYAD_COLUMNS)
    assert network_edges(empty).empty
    assert timeline_series(empty).empty
    assert score_series(empty).empty
    assert headline(empty).relations == 0


def test_network_edges_have_no_self_loops(view: pd.DataFrame) -> None:
    frame = view.copy()
    frame.loc[0, "target"] = frame.loc[0, "source"]
    edges = network_edges(frame)
    assert (edges["source"] != edges["target"]).all()
    assert edges["relations"].sum() == len(frame) - 1


def test_circle_layout_is_deterministic() -> None:
    layout = circle_layout(["USA", "JPN", "KOR", "PRK"])
    assert list(layout["actor"]) == ["USA", "JPN", "KOR", "PRK"]
    # first at 12 o'clock, then clockwise: JPN at 3 o'clock
    assert (layout.loc[0, "x"], layout.loc[0, "y"]) == (0.0, 1.0)
    assert (layout.loc[1, "x"], layout.loc[1, "y"]) == (1.0, 0.0)
    pd.testing.assert_frame_equal(layout, circle_layout(["USA", "JPN", "KOR", "PRK"]))
    assert np.allclose(np.hypot(layout["x"], layout["y"]), 1.0)


def test_network_nodes_keep_fixed_positions_and_degrees(view: pd.DataFrame) -> None:
    actors = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")
    all_edges = network_edges(view)
    few_edges = network_edges(apply_filters(view, Filters(countries=("TWN",))))
    a = network_nodes(all_edges, actors).set_index("actor")
    b = network_nodes(few_edges, actors).set_index("actor")
    assert list(a.index) == list(actors)
    pd.testing.assert_frame_equal(a[["x", "y"]], b[["x", "y"]])  # filtering does not move nodes
    assert b.loc["JPN", "degree"] == 0 and b.loc["TWN", "degree"] == 3  # USA->TWN, CHN->TWN, TWN->CHN
    assert b.loc["TWN", "in_relations"] == 2 and b.loc["TWN", "out_relations"] == 1
    assert b.loc["CHN", "degree"] == 2  # CHN -> TWN and TWN -> CHN


def test_edge_geometry_separates_directions_and_points_arrows(view: pd.DataFrame) -> None:
    edges = network_edges(view)
    nodes = network_nodes(edges, ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"))
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
    spec = network_chart(edges, nodes).to_dict()
    assert len(spec["layer"]) >= 4  # edges, arrows, nodes, labels


def test_timeline_series(view: pd.DataFrame) -> None:
    series = timeline_series(view)
    assert list(series.columns) == ["month", "quad_class", "relations"]
    assert series["relations"].sum() == len(view)
    aug22 = series[series["month"] == pd.Timestamp("2022-08-01")].set_index("quad_class")["relations"]
    assert aug22.to_dict() == {"verbal conflict": 2, "material conflict": 2}
    assert (series["month"].dt.day == 1).all()
    assert series["month"].is_monotonic_increasing


def test_score_series(view: pd.DataFrame) -> None:
    overall = score_series(view)
    assert set(overall["dyad"]) == {ALL_DYADS}
    assert overall["relations"].sum() == len(view)
    options = dyad_options(view)
    assert options[0] == "CHN → USA"  # the most frequent dyad first
    series = score_series(view, ["CHN → USA", "USA → CHN", "not a dyad"])
    assert set(series["dyad"]) == {"CHN → USA", "USA → CHN"}
    chn_usa = series[series["dyad"] == "CHN → USA"].set_index("month")
    assert chn_usa.loc[pd.Timestamp("2020-10-01"), "relations"] == 2
    assert chn_usa.loc[pd.Timestamp("2020-10-01"), "net_score"] == pytest.approx((-3.5 + 0.0) / 2)


def test_headline(view: pd.DataFrame) -> None:
    figures = headline(view)
    assert figures.relations == 38 and figures.articles == 16
    assert figures.dyads == len(dyad_summary(view))
    assert figures.net_score == pytest.approx(view["intensity"].mean())
    assert str(figures.date_from) == "2016-05-27" and str(figures.date_to) == "2025-04-11"
    assert format_score(figures.net_score).startswith("-")
    assert format_score(float("nan")) == "–"
    assert format_span(figures.date_from, figures.date_to) == "May 2016 – Apr 2025"


def test_matrix_chart_builds(view: pd.DataFrame) -> None:
    summary = dyad_summary(view)
    for metric in ("relations", "net_score"):
        spec = matrix_chart(summary, metric=metric, actors=("USA", "JPN")).to_dict()
        assert spec["layer"][0]["mark"]["type"] == "rect"


def test_prepare_keeps_the_public_table(raw: pd.DataFrame) -> None:
    prepared = prepare_relations(raw)
    assert list(public_frame(prepared).columns) == list(COLUMNS)
    key = ["doc_id", "sentence_id", "source", "target", "event_type"]
    a = public_frame(prepared).astype(str).sort_values(key).reset_index(drop=True)
    b = raw.astype(str).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert prepared["_date"].is_monotonic_decreasing  # newest first
