"""The sidebar's widget values and the filter they stand for."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.filter_state import dyad_choices, dyad_pair, dyad_text, filters_from_widgets, widget_keys, widget_values
from components.filters import FilterOptions, Filters, filter_options
from tests.components.helpers import FULL


@pytest.fixture()
def options(rel: pd.DataFrame) -> FilterOptions:
    return filter_options(rel, actor_order=("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"))


def test_widget_values_round_trip(options: FilterOptions) -> None:
    values = widget_values(FULL, options)
    assert filters_from_widgets(values, options) == FULL
    # the full date span means "no date filter"
    assert filters_from_widgets(widget_values(Filters(), options), options) == Filters()
    # a half-picked range (first click in the date picker)
    assert filters_from_widgets({"dates": (date(2019, 1, 1),)}, options).date_from == date(2019, 1, 1)


def test_widget_keys_are_prefixed_and_cover_every_widget() -> None:
    keys = widget_keys("filter")
    assert keys["countries"] == "filter_countries" and keys["dates"] == "filter_dates"
    assert set(keys) == set(widget_values(Filters(), FilterOptions()))


@pytest.mark.parametrize(
    ("text", "pair"),
    [("USA → CHN", ("USA", "CHN")), ("USA→CHN", ("USA", "CHN")), ("", ()), ("USA", ()), ("A → B → C", ()), (" → X", ())],
)
def test_dyad_text_and_pair(text: str, pair: tuple[str, ...]) -> None:
    assert dyad_pair(text) == pair
    if pair:
        assert dyad_pair(dyad_text(pair)) == pair


def test_dyad_widget_values(options: FilterOptions) -> None:
    assert widget_values(Filters(dyad=("KOR", "PRK")), options)["dyad"] == "KOR → PRK"
    assert filters_from_widgets({"dyad": "KOR → PRK"}, options).dyad == ("KOR", "PRK")
    assert filters_from_widgets({"dyad": "KOR → XXX"}, options).dyad == ()  # not an actor here: no dyad
    choices = dyad_choices(("USA", "CHN", "JPN"))
    assert choices == ["", "USA → CHN", "USA → JPN", "CHN → USA", "CHN → JPN", "JPN → USA", "JPN → CHN"]
