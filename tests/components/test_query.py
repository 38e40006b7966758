"""Filter <-> URL query string: round trip, bad and stale values, file names."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlencode

import pandas as pd
import pytest

from components.filters import (
    FilterOptions,
    Filters,
    download_name,
    filter_options,
    filters_from_query,
    filters_slug,
    filters_to_query,
)
from components.sidebar import filters_from_widgets, widget_values


@pytest.fixture()
def options(rel: pd.DataFrame) -> FilterOptions:
    return filter_options(rel, actor_order=("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"))


FULL = Filters(
    countries=("USA", "CHN"),
    match="both",
    date_from=date(2018, 1, 1),
    date_to=date(2024, 12, 31),
    event_types=("AGREE", "SANCTION"),
    quad_classes=("verbal cooperation", "material conflict"),
    include_negated=True,
    include_hypothetical=True,
    min_confidence=0.65,
    text="tariffs & trade, 100%",
    article="2025-04-09-us-china-tariffs",
)


def test_default_filter_is_an_empty_query(options: FilterOptions) -> None:
    assert filters_to_query(Filters()) == {}
    assert filters_from_query({}, options) == (Filters(), [])


def test_round_trip_through_a_real_url(options: FilterOptions) -> None:
    query = filters_to_query(FULL)
    url_query = urlencode(query)  # what the browser's address bar holds
    parsed = {k: v for k, v in parse_qs(url_query, keep_blank_values=True).items()}
    back, notes = filters_from_query(parsed, options)
    assert notes == []
    assert back == FULL


@pytest.mark.parametrize(
    "flt",
    [
        Filters(countries=("KOR",)),
        Filters(date_to=date(2020, 1, 1)),
        Filters(include_negated=True),
        Filters(min_confidence=0.5, match="target", countries=("PRK",)),
        Filters(text="  spaced  "),
    ],
)
def test_round_trip_single_fields(options: FilterOptions, flt: Filters) -> None:
    back, notes = filters_from_query(filters_to_query(flt), options)
    assert notes == []
    assert back == flt or back.text == flt.text.strip()


def test_repeated_parameters_are_accepted(options: FilterOptions) -> None:
    back, notes = filters_from_query({"countries": ["USA", "JPN,KOR", "USA"]}, options)
    assert back.countries == ("USA", "JPN", "KOR") and notes == []


def test_bad_and_stale_values_are_ignored_with_notes(options: FilterOptions) -> None:
    params = {
        "countries": "XXX,JPN",
        "match": "sideways",
        "from": "2019-13-45",
        "to": "2030-01-01",
        "types": "AGREE,DANCE",
        "quads": "verbal cooperation,<script>",
        "negated": "maybe",
        "conf": "7",
        "article": "no-such-article",
        "embed": "true",  # Streamlit's own parameter: ignored silently
    }
    flt, notes = filters_from_query(params, options)
    assert flt == Filters(
        countries=("JPN",),
        date_to=options.date_max,
        event_types=("AGREE",),
        quad_classes=("verbal cooperation",),
    )
    text = "\n".join(notes)
    for bad in (
        "`XXX`",
        "sideways",
        "2019-13-45",
        "2030-01-01",
        "`DANCE`",
        "`<script>`",
        "maybe",
        "`7`",
        "no-such",
    ):
        assert bad in text
    assert "embed" not in text
    assert len(notes) == 9


def test_swapped_dates_and_nan_confidence(options: FilterOptions) -> None:
    flt, notes = filters_from_query({"from": "2024-01-01", "to": "2019-01-01", "conf": "nan"}, options)
    assert flt.date_from == date(2019, 1, 1) and flt.date_to == date(2024, 1, 1)
    assert flt.min_confidence == 0.0
    assert len(notes) == 2


def test_long_search_text_is_cut(options: FilterOptions) -> None:
    flt, notes = filters_from_query({"q": "x" * 500}, options)
    assert len(flt.text) == 200 and notes


def test_widget_values_round_trip(options: FilterOptions) -> None:
    values = widget_values(FULL, options)
    assert filters_from_widgets(values, options) == FULL
    # the full date span means "no date filter"
    assert filters_from_widgets(widget_values(Filters(), options), options) == Filters()
    # a half-picked range (first click in the date picker)
    assert filters_from_widgets({"dates": (date(2019, 1, 1),)}, options).date_from == date(2019, 1, 1)


def test_slug_and_file_names_are_safe() -> None:
    assert download_name("relations", Filters()) == "relations_all.csv"
    name = download_name("relations", FULL)
    assert name.startswith("relations_USA-CHN_both_2018-01-01_2024-12-31_AGREE-SANCTION")
    assert name.endswith(".csv") and len(name) <= 160
    assert all(c.isalnum() or c in "._-" for c in name)
    evil = Filters(text="../../etc/passwd\x00<b>", article="a/b\\c")
    slug = filters_slug(evil)
    assert "/" not in slug and "\\" not in slug and "<" not in slug and "\x00" not in slug
