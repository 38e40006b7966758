"""The dashboard app, run headless with Streamlit's AppTest on the fixture relation table."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from components.filters import FilterOptions, Filters, apply_filters, download_name, filter_options
from components.map_view import map_arcs
from components.matrix_view import dyad_summary
from components.network_view import network_edges
from components.prepare import prepare_relations, public_frame
from components.table_view import DEFAULT_LIMIT
from components.timeline_view import score_series, timeline_series
from extraction.table import coerce_types, read_table

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
FIXTURE = ROOT / "tests" / "data" / "dash_relations.csv"
ACTORS = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")
TIMEOUT = 60


@pytest.fixture(scope="module")
def relations() -> pd.DataFrame:
    return prepare_relations(read_table(FIXTURE))


@pytest.fixture(scope="module")
def options(relations: pd.DataFrame) -> FilterOptions:
    return filter_options(relations, actor_order=ACTORS)


@pytest.fixture()
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """Every download button's (deferred) data, by file name, as the browser would get it."""
    captured: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[str(file_name)] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return captured


def make_app(monkeypatch: pytest.MonkeyPatch, data: Path = FIXTURE, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("RELDASH_DATA", str(data))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if query:
        at.query_params.update(query)
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table_frame(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


def same_rows(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal as CSV text: what a user gets in the file."""
    expected = read_csv(b.to_csv(index=False).encode())
    pd.testing.assert_frame_equal(a, expected)


# --------------------------------------------------------------------------- basics


def test_default_view(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch)
    assert not at.exception
    assert not at.warning
    figures = metrics(at)
    expected = apply_filters(relations, Filters())
    assert figures["Relations"] == str(len(expected)) == "38"
    assert figures["Articles"] == "16"
    assert figures["Dyads"] == str(len(dyad_summary(expected)))
    assert figures["Date span"] == "May 2016 – Apr 2025"
    assert figures["Net cooperation score"] == f"{expected['intensity'].mean():+.2f}"
    assert at.query_params == {}
    assert len(table_frame(at)) == 38
    assert [s.value for s in at.subheader] == ["Map", "Network", "Timeline", "Dyad matrix", "Relations"]
    assert at.get("deck_gl_json_chart"), "the map is drawn"
    assert len(at.get("vega_lite_chart")) == 4  # network, two timelines, matrix


def test_country_filter_updates_views_and_url(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch)
    at.sidebar.multiselect(key="filter_countries").set_value(["TWN"]).run()
    assert not at.exception
    expected = apply_filters(relations, Filters(countries=("TWN",)))
    assert metrics(at)["Relations"] == str(len(expected)) == "3"
    shown = table_frame(at)
    assert len(shown) == 3 and ((shown["source"] == "TWN") | (shown["target"] == "TWN")).all()
    assert at.query_params == {"countries": "TWN"}

    at.sidebar.radio(key="filter_match").set_value("target").run()
    assert metrics(at)["Relations"] == "2"
    assert at.query_params == {"countries": "TWN", "match": "target"}


def test_more_filters_from_the_sidebar(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch)
    at.sidebar.date_input(key="filter_dates").set_value((date(2019, 1, 1), date(2023, 12, 31)))
    at.sidebar.multiselect(key="filter_quad_classes").set_value(["verbal conflict", "material conflict"])
    at.sidebar.checkbox(key="filter_include_negated").check()
    at.sidebar.slider(key="filter_min_confidence").set_value(0.8)
    at.sidebar.text_input(key="filter_text").input("china")
    at.run()
    assert not at.exception
    flt = Filters(
        date_from=date(2019, 1, 1),
        date_to=date(2023, 12, 31),
        quad_classes=("verbal conflict", "material conflict"),
        include_negated=True,
        min_confidence=0.8,
        text="china",
    )
    expected = apply_filters(relations, flt)
    assert len(expected) > 0
    assert metrics(at)["Relations"] == str(len(expected))
    assert list(table_frame(at)["sentence"]) == list(expected["sentence"])
    assert at.query_params == {
        "from": "2019-01-01",
        "to": "2023-12-31",
        "quads": "verbal conflict,material conflict",
        "negated": "1",
        "conf": "0.8",
        "q": "china",
    }


def test_article_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    at.sidebar.selectbox(key="filter_article").set_value("2019-07-23-russia-china-joint-patrol").run()
    assert metrics(at)["Relations"] == "3" and metrics(at)["Articles"] == "1"
    assert at.query_params == {"article": "2019-07-23-russia-china-joint-patrol"}


# --------------------------------------------------------------------------- query string


def test_query_string_seeds_the_filter(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    query = {"countries": "KOR,JPN", "match": "both", "from": "2019-01-01", "types": "ACCUSE,AGREE,SANCTION"}
    at = make_app(monkeypatch, query=query)
    assert not at.exception and not at.warning
    assert at.sidebar.multiselect(key="filter_countries").value == ["KOR", "JPN"]
    assert at.sidebar.radio(key="filter_match").value == "both"
    assert at.sidebar.date_input(key="filter_dates").value == (date(2019, 1, 1), date(2025, 4, 11))
    flt = Filters(
        countries=("KOR", "JPN"), match="both", date_from=date(2019, 1, 1), event_types=("ACCUSE", "AGREE", "SANCTION")
    )
    expected = apply_filters(relations, flt)
    assert metrics(at)["Relations"] == str(len(expected)) == "3"
    assert at.query_params == query


def test_query_string_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_app(monkeypatch)
    first.sidebar.multiselect(key="filter_countries").set_value(["USA", "CHN"])
    first.sidebar.radio(key="filter_match").set_value("both")
    first.sidebar.multiselect(key="filter_event_types").set_value(["SANCTION", "AGREE", "REQUEST"])
    first.sidebar.checkbox(key="filter_include_hypothetical").check()
    first.run()
    link = dict(first.query_params)
    assert link["countries"] == "USA,CHN" and link["hypothetical"] == "1"

    second = make_app(monkeypatch, query=link)  # someone opens the copied link
    assert not second.warning
    assert metrics(second) == metrics(first)
    assert table_frame(second).equals(table_frame(first))
    assert second.query_params == link
    for name in ("countries", "match", "event_types", "include_hypothetical"):
        key = f"filter_{name}"
        assert second.session_state[key] == first.session_state[key]


def test_bad_url_values_are_ignored_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    query = {
        "countries": "XXX,JPN",
        "from": "not-a-date",
        "conf": "7",
        "match": "sideways",
        "article": "gone",
        "types": "DANCE",
    }
    at = make_app(monkeypatch, query=query)
    assert not at.exception
    notes = " ".join(w.value for w in at.warning)
    assert len(at.warning) == 6
    for bad in ("`XXX`", "`not-a-date`", "`7`", "`sideways`", "`gone`", "`DANCE`"):
        assert bad in notes
    assert at.sidebar.multiselect(key="filter_countries").value == ["JPN"]
    assert metrics(at)["Relations"] == "11"
    assert at.query_params == {"countries": "JPN"}  # the URL is cleaned
    # the notes go once the user changes the filter
    at.sidebar.multiselect(key="filter_countries").set_value(["KOR"]).run()
    assert not at.warning


def test_reset_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch, query={"countries": "PRK", "q": "missile"})
    assert metrics(at)["Relations"] != "38"
    at.sidebar.button(key="filter_reset").click().run()
    assert metrics(at)["Relations"] == "38"
    assert at.query_params == {}


# --------------------------------------------------------------------------- empty states and errors


def test_missing_table_tells_to_run_make_demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = make_app(monkeypatch, data=tmp_path / "nope" / "relations.csv")
    assert not at.exception
    assert len(at.info) == 1 and "make demo" in at.info[0].value
    assert not at.metric


def test_empty_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text(FIXTURE.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    at = make_app(monkeypatch, data=empty)
    assert not at.exception
    assert "empty" in at.info[0].value


def test_unreadable_table_is_an_error_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    at = make_app(monkeypatch, data=bad)
    assert not at.exception
    assert "lacks columns" in at.error[0].value


def test_filter_that_matches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch, query={"q": "no sentence says this"})
    assert not at.exception
    assert metrics(at)["Relations"] == "0"
    assert any("No relations match" in i.value for i in at.info)
    assert not at.dataframe and not at.get("deck_gl_json_chart")


def test_views_without_edges_say_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    frame = read_table(FIXTURE).head(1).copy()
    frame["target"] = frame["source"]  # a single self-relation: no edge to draw
    path = tmp_path / "self.csv"
    frame.to_csv(path, index=False)
    at = make_app(monkeypatch, data=path)
    assert not at.exception
    assert any("nothing to draw" in i.value for i in at.info)
    assert len(table_frame(at)) == 1


# --------------------------------------------------------------------------- evidence


def test_selecting_a_row_shows_the_evidence(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch, query={"countries": "RUS", "match": "source"})
    assert not at.html
    at.session_state["table_grid"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    row = apply_filters(relations, Filters(countries=("RUS",), match="source")).iloc[1]
    body = at.html[0].value
    assert row["doc_title"] in body
    for role, text in (("source", row["source_text"]), ("target", row["target_text"]), ("trigger", row["trigger"])):
        assert f">{text}</mark>" in body, role
    assert f'href="{row["doc_url"]}"' in body


# --------------------------------------------------------------------------- downloads


def test_downloads_hold_exactly_each_views_data(
    monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame, downloads: dict[str, Callable[[], bytes]]
) -> None:
    query = {"countries": "CHN", "from": "2017-01-01", "to": "2024-12-31"}
    at = make_app(monkeypatch, query=query)
    assert not at.exception
    flt = Filters(countries=("CHN",), date_from=date(2017, 1, 1), date_to=date(2024, 12, 31))
    view = apply_filters(relations, flt)
    locations = pd.read_csv(ROOT / "data" / "geo" / "actor_locations.csv", keep_default_na=False)
    chosen = at.multiselect(key="timeline_dyads").value
    assert chosen, "the timeline starts with the top dyads chosen"
    expected = {
        "relations": public_frame(view),
        "dyads": dyad_summary(view),
        "network_edges": network_edges(view),
        "map_arcs": map_arcs(view, locations),
        "timeline": timeline_series(view),
        "timeline_score": score_series(view, chosen),
    }
    assert len(downloads) == len(expected)
    for name, frame in expected.items():
        file_name = download_name(name, flt)
        assert file_name == f"{name}_CHN_2017-01-01_2024-12-31.csv"
        got = read_csv(downloads[file_name]())
        same_rows(got, frame)
        assert len(got) > 0, name
    # the relations download reads back as a relation table, and is exactly the filtered rows
    back = coerce_types(read_csv(downloads["relations_CHN_2017-01-01_2024-12-31.csv"]()))
    assert len(back) == len(view) and metrics(at)["Relations"] == str(len(view))
    assert ((back["source"] == "CHN") | (back["target"] == "CHN")).all()
    assert list(table_frame(at)["sentence"]) == list(back["sentence"])


def test_table_shows_first_rows_but_download_has_all(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, downloads: dict[str, Callable[[], bytes]]
) -> None:
    base = read_table(FIXTURE)
    copies = DEFAULT_LIMIT // len(base) + 2
    big = pd.concat([base] * copies, ignore_index=True)
    big["sentence_id"] = range(len(big))
    path = tmp_path / "big.csv"
    big.to_csv(path, index=False)
    at = make_app(monkeypatch, data=path, query={"negated": "1", "hypothetical": "1"})
    assert not at.exception
    assert len(table_frame(at)) == DEFAULT_LIMIT
    assert any(f"first {DEFAULT_LIMIT:,} of {len(big):,}" in c.value for c in at.caption)
    got = read_csv(downloads["relations_neg_hyp.csv"]())
    assert len(got) == len(big)


# --------------------------------------------------------------------------- view widgets


def test_timeline_dyads_follow_the_filter_until_the_user_picks(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    dyads = at.multiselect(key="timeline_dyads")
    assert len(dyads.value) == 3
    at.sidebar.multiselect(key="filter_countries").set_value(["RUS"]).run()
    chosen = at.multiselect(key="timeline_dyads").value
    assert chosen and all("RUS" in d for d in chosen)  # the automatic choice follows the filter
    at.multiselect(key="timeline_dyads").set_value(["RUS → PRK"]).run()
    at.sidebar.multiselect(key="filter_countries").set_value(["RUS", "PRK"]).run()
    assert at.multiselect(key="timeline_dyads").value == ["RUS → PRK"]  # the user's choice stays
    assert not at.exception


def test_matrix_metric_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    at.radio(key="matrix_metric").set_value("net_score").run()
    assert not at.exception
    assert at.radio(key="matrix_metric").value == "net_score"
