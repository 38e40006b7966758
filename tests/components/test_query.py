"""Filter <-> URL query string: round trip, bad and stale values."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlencode

import pandas as pd
import pytest

from components.filters import FilterOptions, Filters, apply_filters, filter_options
from components.query import filters_from_query, filters_to_query
from tests.components.helpers import FULL


@pytest.fixture()
def options(rel: pd.DataFrame) -> FilterOptions:
    return filter_options(rel, actor_order=("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"))


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


@pytest.mark.parametrize(
    ("value", "dyad", "note"),
    [
        ("USA,CHN", ("USA", "CHN"), None),
        ("CHN,USA", ("CHN", "USA"), None),
        (["KOR", "JPN"], ("KOR", "JPN"), None),  # repeated parameters
        ("USA", (), "a dyad is two actors"),
        ("USA,CHN,JPN", (), "a dyad is two actors"),
        ("USA,XXX", (), "`XXX` is not an actor"),
        ("<b>x</b>,USA", (), "`<b>x</b>` is not an actor"),
        ("", (), None),
    ],
)
def test_dyad_in_the_url(options: FilterOptions, value, dyad: tuple[str, ...], note: str | None) -> None:
    flt, notes = filters_from_query({"dyad": value}, options)
    assert flt.dyad == dyad
    assert [note in n for n in notes] == ([True] if note else [])
    if dyad:
        assert filters_to_query(flt) == {"dyad": ",".join(dyad)}


def test_swapped_dates_and_nan_confidence(options: FilterOptions) -> None:
    flt, notes = filters_from_query({"from": "2024-01-01", "to": "2019-01-01", "conf": "nan"}, options)
    assert flt.date_from == date(2019, 1, 1) and flt.date_to == date(2024, 1, 1)
    assert flt.min_confidence == 0.0
    assert len(notes) == 2


def test_long_search_text_is_cut(options: FilterOptions) -> None:
    flt, notes = filters_from_query({"q": "x" * 500}, options)
    assert len(flt.text) == 200 and notes


def test_origin_filter_and_count_mode_in_the_url(rel: pd.DataFrame) -> None:
    gdelt = rel.head(3).assign(origin="gdelt", doc_id=["g1", "g2", "g3"])
    both = pd.concat([rel.assign(origin="text"), gdelt], ignore_index=True)
    options = filter_options(both)
    assert options.origins == ("text", "gdelt")
    flt = Filters(origins=("gdelt",), count="events")
    assert filters_to_query(flt) == {"origin": "gdelt", "count": "events"}
    assert filters_from_query(filters_to_query(flt), options) == (flt, [])
    assert len(apply_filters(both, Filters(origins=("gdelt",)))) == len(apply_filters(gdelt, Filters()))
    back, notes = filters_from_query({"origin": "cnn", "count": "sideways"}, options)
    assert back == Filters() and len(notes) == 2
    assert filter_options(rel).origins == ()  # a table without an origin column: no origin filter


def test_the_dropped_link_note_knows_streamlits_limits() -> None:
    from streamlit.runtime.state import query_params as streamlit_query

    from components.query import STREAMLIT_MAX_QUERY_CHARS, STREAMLIT_MAX_QUERY_FIELDS, dropped_query_note_html

    assert STREAMLIT_MAX_QUERY_FIELDS == streamlit_query.CLIENT_STATE_QUERY_STRING_MAX_FIELDS
    assert STREAMLIT_MAX_QUERY_CHARS == streamlit_query.CLIENT_STATE_QUERY_STRING_MAX_LENGTH
    fields = "&".join(f"x{i}=1" for i in range(STREAMLIT_MAX_QUERY_FIELDS + 1))
    assert streamlit_query.sanitize_query_string(fields) == ""  # what the note is about
    html = dropped_query_note_html()
    assert f"fields <= {STREAMLIT_MAX_QUERY_FIELDS} && query.length <= {STREAMLIT_MAX_QUERY_CHARS}" in html
    assert "innerHTML" not in html and "textContent" in html  # counts only, written as text
