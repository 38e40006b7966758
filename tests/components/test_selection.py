"""Cross-filtering: the picks of Vega-Lite and pydeck selection states, and the filter each leads to."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.filters import FilterOptions, Filters, filter_options
from components.selection import (
    COUNTRY,
    DATES,
    DYAD,
    Pick,
    apply_pick,
    deck_pick,
    selection_chips,
    vega_pick,
    without_selection,
)

ACTORS = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")


@pytest.fixture()
def options(rel: pd.DataFrame) -> FilterOptions:
    return filter_options(rel, actor_order=ACTORS)


MS_2019 = 1546300800000  # 2019-01-01T00:00:00Z
MS_2020_06_15 = 1592179200000  # 2020-06-15T00:00:00Z


@pytest.mark.parametrize(
    ("state", "pick"),
    [
        ({"selection": {"pick_country": [{"actor": "USA"}]}}, Pick(COUNTRY, ("USA",))),
        ({"selection": {"pick_dyad": [{"source": "CHN", "target": "USA", "edge": 3}]}}, Pick(DYAD, ("CHN", "USA"))),
        ({"selection": {"pick_dyad_line": [{"source": "KOR", "target": "JPN"}]}}, Pick(DYAD, ("KOR", "JPN"))),
        ({"selection": {"pick_dates": {"start": [MS_2019, MS_2020_06_15]}}}, Pick(DATES, (date(2019, 1, 1), date(2020, 6, 15)))),
        ({"selection": {"pick_dates": {"mid": [MS_2020_06_15, MS_2019]}}}, Pick(DATES, (date(2019, 1, 1), date(2020, 6, 15)))),
        ({"selection": {"pick_dates": {"start": ["2019-01-01", "2019-12-31T00:00:00"]}}}, Pick(DATES, (date(2019, 1, 1), date(2019, 12, 31)))),
        # nothing picked, or nothing usable
        ({"selection": {"pick_country": [], "pick_dyad": {}}}, None),
        ({"selection": {"pick_country": [{"name": "USA"}]}}, None),
        ({"selection": {"pick_dyad": [{"source": "USA"}]}}, None),
        ({"selection": {"pick_dates": {"start": [float("nan"), MS_2019]}}}, None),
        ({"selection": {"pick_dates": {"start": [1e300, MS_2019]}}}, None),
        ({"selection": {"pick_dates": {"start": [True, False]}}}, None),
        ({"selection": {"something_else": [{"actor": "USA"}]}}, None),
        ({"selection": "not a mapping"}, None),
        ({}, None),
        (None, None),
    ],
)
def test_vega_pick(state, pick: Pick | None) -> None:
    assert vega_pick(state) == pick


@pytest.mark.parametrize(
    ("state", "pick"),
    [
        ({"selection": {"indices": {"actors": [2]}, "objects": {"actors": [{"actor": "KOR", "radius": 9}]}}}, Pick(COUNTRY, ("KOR",))),
        ({"selection": {"indices": {"arcs": [0]}, "objects": {"arcs": [{"source": "USA", "target": "JPN"}]}}}, Pick(DYAD, ("USA", "JPN"))),
        ({"selection": {"indices": {}, "objects": {}}}, None),
        ({"selection": {"objects": {"countries": [{"iso_a3": "USA"}]}}}, None),  # outlines are not picks
        ({"selection": {"objects": {"actors": ["USA"]}}}, None),
        ({"selection": {"objects": {"actors": [{"actor": {"$ne": 1}}]}}}, None),
    ],
)
def test_deck_pick(state, pick: Pick | None) -> None:
    assert deck_pick(state) == pick


def test_a_country_pick_sets_and_clears_the_country(options: FilterOptions) -> None:
    start = Filters(match="source", include_negated=True)
    picked = apply_pick(start, Pick(COUNTRY, ("KOR",)), options)
    assert picked == Filters(countries=("KOR",), match="source", include_negated=True)  # the rest stays
    assert apply_pick(picked, Pick(COUNTRY, ("JPN",)), options).countries == ("JPN",)  # another replaces it
    assert apply_pick(picked, Pick(COUNTRY, ("KOR",)), options) == start  # the same again clears it
    several = Filters(countries=("KOR", "JPN"))
    assert apply_pick(several, Pick(COUNTRY, ("KOR",)), options).countries == ("KOR",)


def test_a_dyad_pick_sets_and_clears_the_dyad(options: FilterOptions) -> None:
    picked = apply_pick(Filters(countries=("CHN",)), Pick(DYAD, ("CHN", "USA")), options)
    assert picked == Filters(countries=("CHN",), dyad=("CHN", "USA"))
    assert apply_pick(picked, Pick(DYAD, ("USA", "CHN")), options).dyad == ("USA", "CHN")  # directed
    assert apply_pick(picked, Pick(DYAD, ("CHN", "USA")), options).dyad == ()


def test_a_date_pick_sets_the_dates_clamped_to_the_data(options: FilterOptions) -> None:
    assert (options.date_min, options.date_max) == (date(2016, 5, 27), date(2025, 4, 11))
    picked = apply_pick(Filters(), Pick(DATES, (date(2019, 3, 1), date(2018, 1, 1))), options)
    assert (picked.date_from, picked.date_to) == (date(2018, 1, 1), date(2019, 3, 1))
    wide = apply_pick(Filters(), Pick(DATES, (date(2000, 1, 1), date(2020, 1, 1))), options)
    assert (wide.date_from, wide.date_to) == (None, date(2020, 1, 1))  # from the data's first day: open
    everything = apply_pick(picked, Pick(DATES, (date(2016, 5, 27), date(2025, 4, 11))), options)
    assert (everything.date_from, everything.date_to) == (None, None)


@pytest.mark.parametrize(
    "pick",
    [
        Pick(COUNTRY, ("XXX",)),  # not an actor of the data (a forged selection state)
        Pick(COUNTRY, ("<script>",)),
        Pick(COUNTRY, ("USA", "JPN")),
        Pick(DYAD, ("USA", "XXX")),
        Pick(DYAD, ("USA", "USA")),  # a self-loop is no dyad to pick
        Pick(DYAD, ("USA",)),
        Pick(DATES, (date(1990, 1, 1), date(1991, 1, 1))),  # outside the data
        Pick(DATES, ("2019-01-01", "2020-01-01")),
        Pick("colour", ("red",)),
        None,
    ],
)
def test_picks_that_do_not_fit_the_data_change_nothing(options: FilterOptions, pick: Pick | None) -> None:
    start = Filters(countries=("JPN",), text="x")
    assert apply_pick(start, pick, options) == start


def test_selection_chips_remove_one_part_each() -> None:
    flt = Filters(countries=("USA",), dyad=("CHN", "USA"), date_from=date(2019, 1, 1), text="missile")
    chips = selection_chips(flt, {"USA": "United States"})
    assert [c.label for c in chips] == [
        "Country: USA (United States)",
        "Dyad: CHN → USA",
        "Dates: 2019-01-01 to last date",
    ]
    assert chips[0].without == Filters(dyad=("CHN", "USA"), date_from=date(2019, 1, 1), text="missile")
    assert chips[1].without == Filters(countries=("USA",), date_from=date(2019, 1, 1), text="missile")
    assert chips[2].without == Filters(countries=("USA",), dyad=("CHN", "USA"), text="missile")
    assert without_selection(flt) == Filters(text="missile")
    assert [c.label for c in selection_chips(Filters(countries=("USA", "JPN")))] == ["Countries: USA, JPN"]
    assert selection_chips(Filters(text="missile")) == []
