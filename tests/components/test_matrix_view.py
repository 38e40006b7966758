"""The dyad matrix chart builds for both colourings."""

from __future__ import annotations

import pandas as pd
import pytest

from components.dyads import dyad_summary
from components.filters import Filters, apply_filters
from components.matrix_view import matrix_chart


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def test_matrix_chart_builds(view: pd.DataFrame) -> None:
    summary = dyad_summary(view)
    for metric in ("count", "mean_intensity"):
        spec = matrix_chart(summary, metric=metric, actors=("USA", "JPN")).to_dict()
        assert spec["layer"][0]["mark"]["type"] == "rect"
