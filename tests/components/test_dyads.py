"""The dyad summary behind the matrix, the network and the map."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from components.dyads import DYAD_COLUMNS, dyad_summary
from components.filters import Filters, apply_filters
from components.prepare import mean_intensity


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def _by_hand(view: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    return view[(view["source"] == source) & (view["target"] == target)]


def test_dyad_summary_counts_intensities_and_types(view: pd.DataFrame) -> None:
    summary = dyad_summary(view)
    assert tuple(summary.columns) == DYAD_COLUMNS
    assert summary["mentions"].sum() == len(view)
    assert not summary.duplicated(["source", "target"]).any()
    row = summary[(summary["source"] == "CHN") & (summary["target"] == "USA")].iloc[0]
    rows = _by_hand(view, "CHN", "USA")
    assert row["mentions"] == len(rows) == 5
    assert row["articles"] == rows["doc_id"].nunique()
    assert row["mean_intensity"] == pytest.approx(rows["intensity"].mean())
    assert row["verbal_conflict"] == 4 and row["material_conflict"] == 1
    assert row["top_event_types"] == "REQUEST 2, REJECT 1, SANCTION 1"
    quads = summary[["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]]
    assert (quads.sum(axis=1) == summary["mentions"]).all()
    # most relations first
    assert summary["mentions"].is_monotonic_decreasing


def test_mean_intensity_leaves_out_negated_and_hypothetical(rel: pd.DataFrame) -> None:
    everything = apply_filters(rel, Filters(include_negated=True, include_hypothetical=True))
    summary = dyad_summary(everything)
    usa_rus = summary[(summary["source"] == "USA") & (summary["target"] == "RUS")].iloc[0]
    assert usa_rus["mentions"] == 2  # one CONSULT, one negated CONCEDE
    assert usa_rus["mean_intensity"] == pytest.approx(2.5)  # the negated CONCEDE is not scored
    only_negated = everything[everything["negated"]]
    assert math.isnan(mean_intensity(only_negated))
    assert dyad_summary(only_negated)["mean_intensity"].isna().all()


def test_dyad_summary_same_on_raw_and_prepared(raw: pd.DataFrame, rel: pd.DataFrame) -> None:
    a = dyad_summary(apply_filters(raw, Filters()))
    b = dyad_summary(apply_filters(rel, Filters()))
    pd.testing.assert_frame_equal(a, b)


def test_empty_input_gives_an_empty_summary(view: pd.DataFrame) -> None:
    assert list(dyad_summary(view.iloc[0:0]).columns) == list(DYAD_COLUMNS)
