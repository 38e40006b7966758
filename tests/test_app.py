"""The dashboard app, run headless with Streamlit's AppTest: on the fixture relation table (--data),
and on a relation store filled from a tiny corpus (adding, listing and removing articles)."""

from __future__ import annotations

import http.server
import io
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.download_data_util import convert_data_to_bytes_and_infer_mime
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from components.actors import actors_from_table
from components.downloads import download_name
from components.dyads import dyad_summary
from components.events import event_ids, event_rows
from components.filters import FilterOptions, Filters, apply_filters, filter_options
from components.map_data import map_arcs
from components.network import network_edges
from components.prepare import prepare_relations, public_frame
from components.table_rows import DEFAULT_LIMIT
from components.timeline import intensity_series, timeline_series
from extraction.actor_table import load_actor_table
from extraction.errors import StoreBusy
from extraction.sources.gdelt import read_gdelt
from extraction.store import Store
from extraction.table import coerce_types, read_table, spreadsheet_restored

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
        def as_bytes() -> bytes:  # what the callable returns, converted as Streamlit's execute_deferred does
            data, _mime = convert_data_to_bytes_and_infer_mime(data_callable(), TypeError("unsupported download data"))
            return data

        captured[str(file_name)] = as_bytes
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
    """A download as our own reader sees it: cells neutralised against formulas restored."""
    return spreadsheet_restored(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False))


def evidence_panels(at: AppTest) -> list[str]:
    """The HTML of the table's evidence panels (the page has other HTML: the map's legend, the drill-down)."""
    return [h.value for h in at.html if 'class="evidence"' in h.value]


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
    assert figures["Mentions"] == str(len(expected)) == "38"
    assert figures["Articles"] == "16"
    assert figures["Dyads"] == str(len(dyad_summary(expected)))
    assert figures["Date span"] == "May 2016 – Apr 2025"
    assert figures["Mean intensity"] == f"{expected['intensity'].mean():+.2f}"
    assert at.query_params == {}
    assert len(table_frame(at)) == 38
    assert [s.value for s in at.subheader] == ["Map", "Network", "Dyad matrix", "Timeline", "Mentions"]
    assert at.get("deck_gl_json_chart"), "the map is drawn"
    assert len(at.get("vega_lite_chart")) == 4  # network, two timelines, matrix


def test_country_filter_updates_views_and_url(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch)
    at.sidebar.multiselect(key="filter_countries").set_value(["TWN"]).run()
    assert not at.exception
    expected = apply_filters(relations, Filters(countries=("TWN",)))
    assert metrics(at)["Mentions"] == str(len(expected)) == "3"
    shown = table_frame(at)
    assert len(shown) == 3 and ((shown["source"] == "TWN") | (shown["target"] == "TWN")).all()
    assert at.query_params == {"countries": "TWN"}

    at.sidebar.radio(key="filter_match").set_value("target").run()
    assert metrics(at)["Mentions"] == "2"
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
    assert metrics(at)["Mentions"] == str(len(expected))
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
    assert metrics(at)["Mentions"] == "3" and metrics(at)["Articles"] == "1"
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
    assert metrics(at)["Mentions"] == str(len(expected)) == "3"
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
    assert metrics(at)["Mentions"] == "11"
    assert at.query_params == {"countries": "JPN"}  # the URL is cleaned
    # the notes go once the user changes the filter
    at.sidebar.multiselect(key="filter_countries").set_value(["KOR"]).run()
    assert not at.warning


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"to": "9999-12-31"}, ["`to` date 9999-12-31 is outside the data (2016-05-27 to 2025-04-11): using 2025-04-11"]),
        ({"from": "0001-01-01"}, ["`from` date 0001-01-01 is outside the data (2016-05-27 to 2025-04-11): using 2016-05-27"]),
        ({"from": "0001-01-01", "to": "9999-12-31"}, ["`from` date 0001-01-01", "`to` date 9999-12-31"]),
        ({"to": "2000-01-01"}, ["`to` date 2000-01-01 is outside the data (2016-05-27 to 2025-04-11): using 2016-05-27"]),
        # values the widgets hold in another form must not hide the notes about the others
        ({"conf": "0.123456", "countries": "XXX"}, ["`XXX`"]),
        ({"q": "  missile  ", "types": "DANCE"}, ["`DANCE`"]),
        ({"article": " gone "}, ["`gone`"]),
    ],
    ids=["to-far-future", "from-year-one", "both", "to-before-the-data", "rounded-confidence", "padded-search",
         "padded-article"],
)  # fmt: skip
def test_clamped_and_normalised_url_values_keep_their_notes(
    monkeypatch: pytest.MonkeyPatch, query: dict[str, str], expected: list[str]
) -> None:
    at = make_app(monkeypatch, query=query)
    assert not at.exception
    notes = [w.value for w in at.warning]
    assert len(notes) == len(expected), notes
    for part, note in zip(expected, notes, strict=True):
        assert part in note, (part, note)
    # they stay on the next run, and go once the user changes the filter
    at.run()
    assert len(at.warning) == len(expected)
    at.sidebar.checkbox(key="filter_include_negated").check().run()
    assert not at.warning


def test_the_dropped_link_note_is_on_the_page_only_without_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = make_app(monkeypatch)
    assert not plain.exception
    assert any("reldash-dropped-query" in h.value for h in plain.get("html"))
    linked = make_app(monkeypatch, query={"countries": "CHN"})
    assert not any("reldash-dropped-query" in h.value for h in linked.get("html"))
    assert linked.query_params == {"countries": "CHN"}


def test_reset_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch, query={"countries": "PRK", "q": "missile"})
    assert metrics(at)["Mentions"] != "38"
    at.sidebar.button(key="filter_reset").click().run()
    assert metrics(at)["Mentions"] == "38"
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
    assert metrics(at)["Mentions"] == "0"
    assert any("No mentions match" in i.value for i in at.info)
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
    assert not evidence_panels(at)
    at.session_state["table_grid"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    row = apply_filters(relations, Filters(countries=("RUS",), match="source")).iloc[1]
    (body,) = evidence_panels(at)
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
    locations = actors_from_table(load_actor_table(ROOT / "data" / "actors")).locations
    chosen = at.multiselect(key="timeline_dyads").value
    assert chosen, "the timeline starts with the top dyads chosen"
    expected = {
        "mentions": public_frame(view),
        "dyads": dyad_summary(view),
        "network_edges": network_edges(view),
        "map_arcs": map_arcs(view, locations),
        "timeline": timeline_series(view),
        "timeline_intensity": intensity_series(view, chosen),
    }
    csv = {name for name in downloads if name.endswith(".csv")}
    assert len(csv) == len(expected)
    others = sorted(name for name in downloads if not name.endswith(".csv"))
    assert others == [f"{name}_CHN_2017-01-01_2024-12-31.{ext}" for name, ext in (("map", "png"), ("network", "gexf"), ("network", "graphml"))]
    for name, frame in expected.items():
        file_name = download_name(name, flt)
        assert file_name == f"{name}_CHN_2017-01-01_2024-12-31.csv"
        got = read_csv(downloads[file_name]())
        same_rows(got, frame)
        assert len(got) > 0, name
    # the mentions download reads back as a relation table, and is exactly the filtered rows
    back = coerce_types(read_csv(downloads["mentions_CHN_2017-01-01_2024-12-31.csv"]()))
    assert len(back) == len(view) and metrics(at)["Mentions"] == str(len(view))
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
    got = read_csv(downloads["mentions_neg_hyp.csv"]())
    assert len(got) == len(big)
    at.button(key="table_more").click().run()  # more rows on request
    assert len(table_frame(at)) == len(big) and not [b for b in at.button if b.key == "table_more"]


def test_every_download_is_spreadsheet_safe(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, downloads: dict[str, Callable[[], bytes]]
) -> None:
    table = read_table(FIXTURE)
    formula = '=HYPERLINK("http://evil.example/x","click") '
    table["sentence"] = formula + table["sentence"]
    table["doc_title"] = "@" + table["doc_title"]
    path = tmp_path / "hostile.csv"
    table.to_csv(path, index=False)  # as a user might hand it over: formulas bare
    at = make_app(monkeypatch, data=path)
    assert not at.exception
    assert downloads
    for name, data in downloads.items():
        if not name.endswith(".csv"):
            continue
        raw = data()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # UTF-8 BOM: Excel shows the dyad arrows right
        plain = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
        for col in plain.columns:
            risky = plain[col][plain[col].str.match(r"\s*[=+@]") | plain[col].str.match(r"-\D")]
            assert risky.empty, (name, col, risky.head(2).tolist())
    mentions = pd.read_csv(io.BytesIO(downloads["mentions_all.csv"]()), dtype=str, keep_default_na=False)
    assert mentions["sentence"].str.startswith("'" + formula).all()
    assert mentions["doc_title"].str.startswith("'@").all()


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


def test_counting_events_every_view_counts_and_names_events(
    monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame, downloads: dict[str, Callable[[], bytes]]
) -> None:
    at = make_app(monkeypatch, query={"count": "events"})
    assert not at.exception
    frame = relations.assign(event_id=event_ids(relations).to_numpy())
    events = event_rows(apply_filters(frame, Filters()))
    assert metrics(at)["Events"] == str(len(events)) and metrics(at)["Mentions"] == "38"
    flt = Filters(count="events")
    locations = actors_from_table(load_actor_table(ROOT / "data" / "actors")).locations
    expected = {
        "dyads": dyad_summary(events, unit="events"),
        "network_edges": network_edges(events, unit="events"),
        "map_arcs": map_arcs(events, locations, unit="events"),
        "timeline": timeline_series(events, unit="events"),
    }
    for name, want in expected.items():
        got = read_csv(downloads[download_name(name, flt)]())
        assert "events" in got.columns and "mentions" not in got.columns, name
        same_rows(got, want)
    assert int(expected["dyads"]["events"].sum()) == len(events)
    assert "**Events per quarter, by quad class**" in [m.value for m in at.markdown]  # 2016-2025: quarters
    assert at.subheader[-1].value == "Events"
    deck = json.dumps(map_spec(at))
    assert " events in " in deck and " relations" not in deck and " mentions in " not in deck


def test_matrix_metric_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    at.radio(key="matrix_metric").set_value("mean_intensity").run()
    assert not at.exception
    assert at.radio(key="matrix_metric").value == "mean_intensity"


# --------------------------------------------------------------------------- the actor table (RELDASH_DATA_DIR)


def ukraine_table(tmp_path: Path) -> Path:
    """A small relation table where Ukraine (UKR) acts and is acted upon."""
    rows = read_table(FIXTURE).head(4).copy()
    rows.loc[0:1, "source"] = "RUS"
    rows.loc[0:1, "target"] = "UKR"
    rows.loc[2:3, "source"] = "UKR"
    rows.loc[2:3, "target"] = "RUS"
    path = tmp_path / "ukraine.csv"
    rows.to_csv(path, index=False)
    return path


def map_spec(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def chart_data(at: AppTest) -> bytes:
    """The data of every Altair chart on the page (Arrow: text as UTF-8)."""
    return b"".join(d.data.data for chart in at.get("vega_lite_chart") for d in chart.proto.datasets)


def test_an_actor_added_to_the_actor_table_is_named_and_on_the_map(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    table = ukraine_table(tmp_path)
    # the shipped data dir does not know UKR: a bare code, listed as not on the map
    monkeypatch.delenv("RELDASH_DATA_DIR", raising=False)
    at = make_app(monkeypatch, data=table)
    assert not at.exception
    assert "UKR" in at.sidebar.multiselect(key="filter_countries").options
    assert any("Not on the map" in c.value and "`UKR`" in c.value for c in at.caption)
    assert b"Ukraine" not in chart_data(at)

    # a copy of data/ whose actor table has a row for UKR, with Kyiv's coordinates
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("store", "articles", "gold", "demo"))
    with open(data / "actors" / "actors.csv", "a", encoding="utf-8") as handle:
        handle.write("UKR,Ukraine,Ukraine,Kyiv,50.4501,30.5234,given-first\n")
    monkeypatch.setenv("RELDASH_DATA_DIR", str(data))
    at = make_app(monkeypatch, data=table)
    assert not at.exception and not at.warning
    countries = at.sidebar.multiselect(key="filter_countries").options
    assert countries == ["RUS · Russia", "UKR · Ukraine"]  # named, in the actor table's order
    assert not any("Not on the map" in c.value for c in at.caption)
    layers = {layer["id"]: layer for layer in map_spec(at)["layers"]}
    markers = {m["actor"]: m for m in layers["actors"]["data"]}
    assert set(markers) == {"RUS", "UKR"} and markers["UKR"]["title"] == "UKR · Ukraine (Kyiv)"
    assert {a["title"] for a in layers["arcs"]["data"]} == {"RUS → UKR", "UKR → RUS"}
    outlined = {f["properties"]["iso_a3"] for f in layers["actor-countries"]["data"]["features"]}
    assert outlined == {"RUS", "UKR"}  # the outlines come from the data dir's geo/countries.geojson
    assert b"Ukraine" in chart_data(at)  # the network's nodes are named too (their tooltips)


# =========================================================================== the relation store
#
# Without --data / RELDASH_DATA the dashboard reads the DuckDB store at RELDASH_DB, filled on
# its first start from the articles at RELDASH_DEMO_ARTICLES: here three tiny articles (the
# real spaCy pipeline runs on them), not the whole demo corpus.

DASHBOARD = "components/pages/dashboard.py"
ARTICLES = "components/pages/articles.py"
ADD = "components/pages/add_articles.py"
TINY_ARTICLES = {
    "t1_pact.md": "---\ndate: 2016-11-23\n---\n# Japan and South Korea sign intelligence pact\n\n"
    "Japan and South Korea signed a military intelligence-sharing agreement on Wednesday. "
    "North Korea condemned the pact.\n",
    "t2_arms.md": "---\ndate: 2015-12-16\n---\n# China protests US arms sale to Taiwan\n\n"
    "China protested on Wednesday against a US arms sale to Taiwan and urged Washington to cancel it.\n",
    "t3_deal.md": "---\ndate: 2016-11-24\n---\n# Seoul and Tokyo seal intelligence deal\n\n"
    "South Korea and Japan signed an agreement on Wednesday to share military intelligence.\n",
}
PASTED = "Russia and China held talks in Moscow on Tuesday. Russia praised China for its support."
ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Japan protests to China over vessels near the Senkakus</title>
<meta property="article:published_time" content="2016-08-08T09:00:00+09:00">
</head><body><nav><a href="/">Home</a></nav><article>
<h1>Japan protests to China over vessels near the Senkakus</h1>
<p>TOKYO, Aug. 8 — Japan lodged a protest with China on Monday after a fleet of Chinese coast guard ships
and fishing boats sailed into the waters around the Senkaku Islands over the weekend.</p>
<p>Foreign Minister Fumio Kishida summoned the Chinese ambassador and told him the incursions were
unacceptable, a ministry official said. Beijing rejected the protest and repeated its claim to the islands.</p>
</article><footer>Copyright 2016 Example News.</footer></body></html>
"""


@pytest.fixture()
def store_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A store path (not created yet) and a tiny demo corpus; the app's default source."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in TINY_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    db = tmp_path / "store" / "relations.duckdb"
    monkeypatch.delenv("RELDASH_DATA", raising=False)
    monkeypatch.delenv("RELDASH_ALLOW_PRIVATE_URLS", raising=False)
    monkeypatch.setenv("RELDASH_DB", str(db))
    monkeypatch.setenv("RELDASH_DEMO_ARTICLES", str(articles))
    return db


def store_app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if query:
        at.query_params.update(query)
    return at.run()


def store_frame(db: Path) -> pd.DataFrame:
    """The store's relations as the app prepares them."""
    return prepare_relations(Store(db).relations())


def on_page(at: AppTest, page: str) -> AppTest:
    return at.switch_page(page).run()


def submit(at: AppTest, label: str) -> AppTest:
    next(b for b in at.form_submit_button if b.label == label).click()
    return at.run()


def paste(at: AppTest, *, text: str = PASTED, title: str = "", date: str = "", url: str = "") -> AppTest:
    at.text_input(key="add_paste_title").input(title)
    at.text_input(key="add_paste_date").input(date)
    at.text_input(key="add_paste_url").input(url)
    at.text_area(key="add_paste_text").input(text)
    return submit(at, "Add text")


def all_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "error", "warning", "info", "success", "caption") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def select_row(at: AppTest, db: Path, row: int) -> AppTest:
    """Select the table's ``row``, as a click on it would (the store's table starts a new
    selection after every write: its key carries the store's generation)."""
    at.session_state[f"table_grid_{Store(db).generation()}"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def open_article(at: AppTest, db: Path, doc_id: str) -> AppTest:
    """Select ``doc_id``'s row in the articles list, as a click on it would."""
    docs = Store(db).list_documents()
    row = int(docs.index[docs["doc_id"] == doc_id][0])
    at.session_state[f"articles_grid_{Store(db).generation()}"] = {
        "selection": {"rows": [row], "columns": [], "cells": []}
    }
    return at.run()


def test_store_is_the_default_and_starts_with_the_demo_corpus(store_db: Path) -> None:
    at = store_app()
    assert not at.exception and not at.error
    assert [s.state for s in at.status] == ["complete"]  # the one-off build, with its progress bar
    assert "3 documents added" in at.status[0].label
    expected = apply_filters(store_frame(store_db), Filters())
    assert len(expected) > 0
    assert metrics(at)["Mentions"] == str(len(expected))
    assert metrics(at)["Articles"] == "3"
    assert any("Relation store" in c.value for c in at.caption)
    assert [s.value for s in at.subheader] == ["Map", "Network", "Dyad matrix", "Timeline", "Mentions"]
    assert set(table_frame(at)["origin"]) == {"text"}
    assert not at.sidebar.get("multiselect") or "filter_origins" not in [w.key for w in at.sidebar.multiselect]

    again = store_app()  # a second session: the store is filled already
    assert not again.exception and not again.status
    assert metrics(again) == metrics(at)
    assert Store(store_db).stats()["documents"] == 3


def test_paste_text_adds_an_article_to_every_view(store_db: Path) -> None:
    at = store_app()
    before = metrics(at)
    on_page(at, ADD)
    assert [t.label for t in at.tabs] == ["Upload files", "Paste text", "From a URL"]
    paste(at, title="Moscow and Beijing hold talks", date="12 March 2019", url="https://example.org/talks")
    assert not at.exception and not at.error
    docs = Store(store_db).list_documents().set_index("doc_id")
    added = docs.loc["pasted-moscow-and-beijing-hold-talks"]
    assert added["date"] == "2019-03-12" and added["url"] == "https://example.org/talks"
    assert added["relations"] > 0
    summary = metrics(at)
    assert summary == {
        "Documents added": "1",
        "Skipped as duplicates": "0",
        "Rejected": "0",
        "Mentions found": str(added["relations"]),
    }
    assert at.success[0].value.startswith(f"1 document added, 0 skipped as duplicates, 0 rejected, {added['relations']}")
    assert at.status[0].state == "complete"

    on_page(at, DASHBOARD)  # the new rows are in every view
    assert not at.exception
    after = metrics(at)
    assert int(after["Mentions"]) == int(before["Mentions"]) + added["relations"]
    assert after["Articles"] == "4"
    assert "pasted-moscow-and-beijing-hold-talks" in set(table_frame(at)["doc_id"])
    assert "2019" in after["Date span"]
    on_page(at, ARTICLES)
    assert len(at.dataframe[0].value) == 4


def test_bad_form_values_are_clear_messages(store_db: Path) -> None:
    at = on_page(store_app(), ADD)
    paste(at, date="31/31/2020", url="javascript:alert(1)")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "`31/31/2020` is not a date" in errors
    assert "`javascript:alert(1)` is not a full http:// or https:// address" in errors
    paste(at, text="   ", date="2020-01-01")
    assert "paste the text of the article" in at.error[0].value
    at.text_input(key="add_url").input("ftp://example.org/x")
    submit(at, "Fetch and add")
    assert "not a full http:// or https:// address" in at.error[0].value
    submit(at, "Add the files")  # no file chosen
    assert "choose one or more files" in at.error[0].value
    assert not at.exception and not at.metric  # no summary: nothing was tried
    assert Store(store_db).stats()["documents"] == 3


def test_duplicates_are_skipped(store_db: Path) -> None:
    at = on_page(store_app(), ADD)
    copy = TINY_ARTICLES["t2_arms.md"].encode("utf-8")
    at.file_uploader(key="add_files").set_value([("copy of t2.md", copy, "text/markdown")])
    submit(at, "Add the files")
    assert not at.exception
    assert metrics(at)["Documents added"] == "0" and metrics(at)["Skipped as duplicates"] == "1"
    assert "same text as stored document 't2_arms'" in all_text(at)
    assert at.info[0].value.startswith("0 documents added, 1 skipped as duplicates")
    assert Store(store_db).stats()["documents"] == 3


def test_rejected_files_are_listed_with_their_reasons(store_db: Path) -> None:
    at = on_page(store_app(), ADD)
    files = [
        ("empty.txt", b"", "text/plain"),
        ("broken.json", b'{"text": "unterminated', "application/json"),
        ("records.jsonl", b'{"title": "no text field"}\n', "application/jsonl"),
        ("talks.txt", f"Moscow talks\n\n{PASTED}\n".encode(), "text/plain"),
    ]
    at.file_uploader(key="add_files").set_value(files)
    at.text_input(key="add_files_date").input("2019-03-12")
    submit(at, "Add the files")
    assert not at.exception
    assert metrics(at)["Documents added"] == "1" and metrics(at)["Rejected"] == "3"
    details = all_text(at)
    assert "**Rejected**" in details
    for reason in ("empty.txt: file is empty", "broken.json: invalid JSON", "records.jsonl: line 1: no 'text' field"):
        assert reason in details, reason
    assert Store(store_db).document("talks").date == "2019-03-12"


def test_hostile_uploads_are_rejected_by_name_and_the_good_file_added(store_db: Path) -> None:
    from tests import hostile_inputs as hostile

    at = on_page(store_app(), ADD)
    files = [
        ("deep.json", hostile.deep_json_array(), "application/json"),
        ("long-number.json", hostile.long_number_json(), "application/json"),
        ("lines.jsonl", hostile.jsonl_with_a_deep_line(), "application/jsonl"),
        ("quotes.txt", hostile.punctuation_run(), "text/plain"),
        ("long-line.txt", hostile.long_line_text(30_000), "text/plain"),
        ("talks.txt", f"Moscow talks\n\n{PASTED}\n".encode(), "text/plain"),
    ]
    at.file_uploader(key="add_files").set_value(files)
    submit(at, "Add the files")
    assert not at.exception
    assert metrics(at)["Rejected"] == "3" and metrics(at)["Documents added"] == "5"  # two lines of lines.jsonl
    details = all_text(at)
    for reason in ("deep.json: JSON nested too deeply to read", "long-number.json: invalid JSON (Exceeds the limit",
                   "lines.jsonl: line 2: JSON nested too deeply to read"):  # fmt: skip
        assert reason in details, reason
    assert {"talks", "quotes", "long-line", "first", "third"} <= set(Store(store_db).list_documents()["doc_id"])


def test_an_unexpected_error_while_adding_is_a_message(store_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = on_page(store_app(), ADD)
    before = Store(store_db).stats()

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(Store, "add_documents", broken)
    at.file_uploader(key="add_files").set_value([("talks.txt", f"Moscow talks\n\n{PASTED}\n".encode(), "text/plain")])
    submit(at, "Add the files")
    assert not at.exception
    assert at.error[0].value.startswith("Nothing was added: an unexpected error (RecursionError); the store is as it was.")
    assert at.status[0].state == "error"
    assert Store(store_db).stats() == before


def test_upload_size_is_bounded(store_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import components.add_checks as add_checks

    monkeypatch.setattr(add_checks, "MAX_UPLOAD_TOTAL_BYTES", 100)
    at = on_page(store_app(), ADD)
    assert at.file_uploader(key="add_files").proto.max_upload_size_mb == add_checks.MAX_FILE_MB
    at.file_uploader(key="add_files").set_value([("big.txt", b"Japan and China. " * 20, "text/plain")])
    submit(at, "Add the files")
    assert not at.exception
    assert "MB at once is more than" in at.error[0].value
    assert Store(store_db).stats()["documents"] == 3


def test_store_busy_is_a_try_again_message(store_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = on_page(store_app(), ADD)

    def busy(*args, **kwargs):
        raise StoreBusy("busy, try again in a moment: another session is writing to the store")

    monkeypatch.setattr(Store, "add_documents", busy)
    paste(at, title="Talks", date="2019-03-12")
    assert not at.exception
    assert "busy" in at.error[0].value and "Try again" in at.error[0].value
    assert at.status[0].state == "error"


def test_remove_an_article_after_confirming(store_db: Path) -> None:
    at = store_app()
    before = int(metrics(at)["Mentions"])
    on_page(at, ARTICLES)
    assert not at.exception
    listed = at.dataframe[0].value
    assert list(listed["doc_id"]) == ["t2_arms", "t1_pact", "t3_deal"]  # by date
    assert list(listed["source"]) == ["t2_arms.md", "t1_pact.md", "t3_deal.md"]
    rows = int(listed.set_index("doc_id").loc["t2_arms", "mentions"])
    at.text_input(key="articles_search").input("ARMS sale").run()  # find it by its title
    assert list(at.dataframe[0].value["doc_id"]) == ["t2_arms"]
    at.text_input(key="articles_search").input("").run()
    open_article(at, store_db, "t2_arms")
    body = at.html[0].value
    assert "China protests US arms sale to Taiwan" in body
    assert 'class="ev-actor"' in body and 'class="ev-trigger"' in body
    assert ">China</mark>" in body and ">protested</mark>" in body

    at.button(key="articles_remove").click().run()
    assert "and its" in at.warning[0].value and "cannot be undone" in at.warning[0].value
    at.button(key="articles_confirm_no").click().run()  # cancel: nothing happens
    assert not at.warning and Store(store_db).stats()["documents"] == 3

    at.button(key="articles_remove").click().run()
    at.button(key="articles_confirm_yes").click().run()
    assert not at.exception
    assert f"its {rows} mentions" in at.success[0].value
    assert list(at.dataframe[0].value["doc_id"]) == ["t1_pact", "t3_deal"]
    assert not at.html  # the list starts without a selection again
    store = Store(store_db)
    assert "t2_arms" not in set(store.list_documents()["doc_id"])
    assert store.relations(doc_ids=["t2_arms"]).empty
    on_page(at, DASHBOARD)
    assert int(metrics(at)["Mentions"]) == before - rows


def test_events_or_mentions_toggle(store_db: Path) -> None:
    at = store_app()
    frame = store_frame(store_db)
    mentions = apply_filters(frame, Filters())
    assert list(metrics(at))[0] == "Mentions"
    at.sidebar.radio(key="filter_count").set_value("events").run()
    assert not at.exception
    frame["event_id"] = event_ids(frame).to_numpy()
    events = event_rows(apply_filters(frame, Filters()))
    figures = metrics(at)
    assert list(figures)[:2] == ["Events", "Mentions"]
    assert figures["Events"] == str(len(events)) and figures["Mentions"] == str(len(mentions))
    assert len(events) < len(mentions)  # t1 and t3 report the same pact, a day apart
    assert at.query_params == {"count": "events"}
    shown = table_frame(at)
    assert {"event_id", "num_articles", "num_mentions"} <= set(shown.columns)
    assert shown["num_articles"].max() == 2 and shown["num_mentions"].sum() == len(mentions)
    assert [s.value for s in at.subheader][-1] == "Events"
    # the link opens in events mode; a country filter applies to the events
    linked = store_app(query={"count": "events", "countries": "CHN"})
    chn = events[(events["source"] == "CHN") | (events["target"] == "CHN")]
    assert metrics(linked)["Events"] == str(len(chn))
    linked.sidebar.radio(key="filter_count").set_value("mentions").run()
    assert "Events" not in metrics(linked) and linked.query_params == {"countries": "CHN"}


def test_origin_filter_with_gdelt_rows(store_db: Path) -> None:
    store_app()  # fills the store
    gdelt, _report = read_gdelt([ROOT / "tests" / "data" / "gdelt_sample.export.CSV"])
    Store(store_db).import_relations(gdelt, origin="gdelt")
    at = store_app()
    assert not at.exception
    origins = at.sidebar.multiselect(key="filter_origins")
    assert origins.options == ["Text extraction", "GDELT import"]
    frame = store_frame(store_db)
    assert metrics(at)["Mentions"] == str(len(apply_filters(frame, Filters())))
    assert any("GDELT import:" in c.value for c in at.caption)
    origins.set_value(["gdelt"]).run()
    assert metrics(at)["Mentions"] == str(len(gdelt))
    assert set(table_frame(at)["origin"]) == {"gdelt"}
    assert at.query_params == {"origin": "gdelt"}
    at.sidebar.radio(key="filter_count").set_value("events").run()  # GDELT rows count with their own figures
    shown = table_frame(at)
    assert metrics(at)["Events"] == str(len(gdelt))
    assert shown["num_mentions"].sum() == gdelt["gdelt_num_mentions"].sum()


def test_filters_survive_a_visit_to_another_page(store_db: Path) -> None:
    at = store_app()
    at.sidebar.multiselect(key="filter_countries").set_value(["CHN"]).run()
    filtered = metrics(at)["Mentions"]
    on_page(at, ARTICLES)
    on_page(at, DASHBOARD)
    assert at.sidebar.multiselect(key="filter_countries").value == ["CHN"]
    assert metrics(at)["Mentions"] == filtered


def test_hostile_titles_and_text_are_escaped(store_db: Path) -> None:
    at = on_page(store_app(), ADD)
    title = "<script>alert('title')</script> Talks"
    text = "<img src=x onerror=alert(1)> Russia and China held talks in Moscow on Tuesday. <b>bold</b>"
    paste(at, title=title, text=text, date="2019-03-12")
    assert metrics(at)["Documents added"] == "1"
    doc_id = "pasted-script-alert-title-script-talks"
    Store(store_db).document(doc_id)  # stored as typed
    on_page(at, ARTICLES)
    open_article(at, store_db, doc_id)
    body = at.html[0].value
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; Talks" in body
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "&lt;b&gt;bold&lt;/b&gt;" in body
    # the dashboard's evidence panel for one of its mentions
    at = store_app(query={"article": doc_id})
    select_row(at, store_db, 0)
    (evidence,) = evidence_panels(at)
    assert "&lt;script&gt;" in evidence and "<script" not in evidence and "<img" not in evidence
    # a hostile file name in the summary is shown as code, never as markup
    at = on_page(store_app(), ADD)
    at.file_uploader(key="add_files").set_value([("<img src=x onerror=alert(2)>.txt", b"", "text/plain")])
    submit(at, "Add the files")
    rejected = next(m.value for m in at.markdown if "**Rejected**" in m.value)
    assert "- `[E001] <img src=x onerror=alert(2)>.txt: file is empty`" in rejected


@pytest.fixture()
def article_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            body = ARTICLE_HTML.encode() if self.path == "/article.html" else b"not found"
            self.send_response(200 if self.path == "/article.html" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_add_from_a_url(store_db: Path, article_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"{article_server}/article.html"
    at = on_page(store_app(), ADD)
    assert any("link-local addresses are refused" in c.value for c in at.caption)
    at.text_input(key="add_url").input(url)
    submit(at, "Fetch and add")  # a local address is refused by default
    assert not at.exception
    assert metrics(at)["Rejected"] == "1"
    assert "RELDASH_ALLOW_PRIVATE_URLS=1" in all_text(at)

    monkeypatch.setenv("RELDASH_ALLOW_PRIVATE_URLS", "1")
    at = on_page(store_app(), ADD)
    at.text_input(key="add_url").input(url)
    submit(at, "Fetch and add")
    assert not at.exception
    assert metrics(at)["Documents added"] == "1"
    stored = Store(store_db).list_documents().set_index("url").loc[url]
    assert stored["date"] == "2016-08-08" and stored["title"].startswith("Japan protests to China")
    assert metrics(at)["Mentions found"] == str(stored["relations"]) != "0"
    at.text_input(key="add_url").input(f"{article_server}/missing")
    submit(at, "Fetch and add")
    assert "HTTP 404" in all_text(at)


# --------------------------------------------------------------------------- a plain table (--data) is read-only


def test_plain_table_pages_are_read_only(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch)
    on_page(at, ADD)
    assert not at.exception
    assert "Adding articles is unavailable" in at.info[0].value and not at.form_submit_button
    on_page(at, ARTICLES)
    listed = at.dataframe[0].value
    assert len(listed) == relations["doc_id"].nunique() == 16
    row = int(listed.index[listed["doc_id"] == "2019-07-23-russia-china-joint-patrol"][0])
    at.session_state["articles_grid_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    body = at.html[0].value
    assert body.count("<li>") == 3 and 'class="ev-trigger"' in body
    assert not at.button


# --------------------------------------------------------------------------- exposure: who may write


@pytest.fixture()
def exposed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The server as if started with ``--server.address 0.0.0.0`` (reachable from a network)."""
    from streamlit import config as streamlit_config

    monkeypatch.delenv("RELDASH_WRITE_PASSWORD", raising=False)
    before = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    yield
    streamlit_config.set_option("server.address", before)


def test_on_loopback_the_write_pages_are_open(store_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELDASH_WRITE_PASSWORD", raising=False)
    at = on_page(store_app(), ADD)
    assert not at.exception and not at.warning
    assert [t.label for t in at.tabs] == ["Upload files", "Paste text", "From a URL"]


def test_exposed_without_a_password_the_write_pages_are_off(store_db: Path, exposed: None) -> None:
    at = store_app()
    assert not at.exception
    assert metrics(at)["Articles"] == "3"  # reading is unchanged
    on_page(at, ADD)
    assert not at.exception
    assert not at.tabs and not at.get("file_uploader") and not at.form_submit_button
    assert at.warning[0].value.startswith("Adding articles is off: this dashboard listens on `0.0.0.0`")
    assert "RELDASH_WRITE_PASSWORD" in at.warning[0].value
    on_page(at, ARTICLES)
    open_article(at, store_db, "t2_arms")
    assert "China protests US arms sale to Taiwan" in at.html[0].value  # reading an article still works
    assert not [b for b in at.button if b.key == "articles_remove"]
    assert any(w.value.startswith("Removing articles is off") for w in at.warning)
    assert any(w.value.startswith("Adding relations is off") for w in at.warning)  # reviews write too
    assert Store(store_db).stats()["documents"] == 3


def test_exposed_with_a_password_the_write_pages_unlock(
    store_db: Path, exposed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import components.ui as ui

    monkeypatch.setenv("RELDASH_WRITE_PASSWORD", "correct horse battery staple")
    monkeypatch.setattr(ui, "FAILURE_PAUSE", 0.0)
    at = on_page(store_app(), ADD)
    assert not at.exception and not at.tabs
    at.text_input(key="add_password").input("wrong")
    submit(at, "Unlock")
    assert at.error[0].value == "Wrong password." and not at.tabs
    at.text_input(key="add_password").input("correct horse battery staple")
    submit(at, "Unlock")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Upload files", "Paste text", "From a URL"]
    paste(at, title="Moscow and Beijing hold talks", date="12 March 2019")
    assert metrics(at)["Documents added"] == "1"
    # the session stays unlocked for the Articles page's Remove
    on_page(at, ARTICLES)
    open_article(at, store_db, "t2_arms")
    assert [b for b in at.button if b.key == "articles_remove"]


def test_wrong_passwords_lock_the_session(store_db: Path, exposed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import components.ui as ui
    from components.access import MAX_ATTEMPTS

    monkeypatch.setenv("RELDASH_WRITE_PASSWORD", "correct horse battery staple")
    monkeypatch.setattr(ui, "FAILURE_PAUSE", 0.0)
    at = on_page(store_app(), ADD)
    for _ in range(MAX_ATTEMPTS):
        at.text_input(key="add_password").input("guess")
        submit(at, "Unlock")
    at.run()  # the next visit of the page
    assert not at.form_submit_button
    assert at.error[0].value == f"Adding articles is locked for this browser session after {MAX_ATTEMPTS} wrong passwords."


def test_a_remove_click_is_checked_again_when_it_arrives(store_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit import config as streamlit_config

    monkeypatch.delenv("RELDASH_WRITE_PASSWORD", raising=False)
    at = on_page(store_app(), ARTICLES)
    open_article(at, store_db, "t2_arms")
    at.button(key="articles_remove").click().run()
    before = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")  # exposed between drawing and clicking
    try:
        at.button(key="articles_confirm_yes").click().run()
    finally:
        streamlit_config.set_option("server.address", before)
    assert Store(store_db).stats()["documents"] == 3
    assert "Nothing was removed: removing articles is not allowed here." in all_text(at)


def test_a_parquet_dataset_folder_is_a_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, relations: pd.DataFrame) -> None:
    """`--data DIR/`: a hive-partitioned Parquet dataset (as `build --engine dask` writes it) shows as the CSV does."""
    from tests.extraction.store.test_bulk import write_dataset

    folder = write_dataset(read_table(FIXTURE), tmp_path / "ds")
    from_csv = make_app(monkeypatch)
    at = make_app(monkeypatch, data=folder)
    assert not at.exception and not at.error
    assert metrics(at) == metrics(from_csv)
    assert table_frame(at).equals(table_frame(from_csv))
    at.sidebar.multiselect(key="filter_countries").set_value(["TWN"]).run()
    assert metrics(at)["Mentions"] == "3"
    articles = AppTest.from_file(str(ROOT / "components" / "pages" / "articles.py"), default_timeout=TIMEOUT)
    monkeypatch.setenv("RELDASH_DATA", str(folder))
    articles.run()
    assert not articles.exception and not articles.error


def test_a_dataset_with_bad_files_shows_the_good_ones_and_names_the_bad(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.extraction.store.test_bulk import write_dataset

    folder = write_dataset(read_table(FIXTURE), tmp_path / "ds")
    (folder / "month=2099-01").mkdir()
    (folder / "month=2099-01" / "broken.parquet").write_bytes(b"PAR1 garbage")
    read_table(FIXTURE)[["doc_id"]].to_parquet(folder / "month=2099-01" / "narrow.parquet", index=False)
    at = make_app(monkeypatch, data=folder)
    assert not at.exception and not at.error
    assert metrics(at)["Mentions"] == "38"
    warning = at.warning[0].value
    assert "[E003]" in warning and "broken.parquet" in warning and "narrow.parquet" in warning
    (folder / "month=2099-01" / "broken.parquet").unlink()
    (folder / "month=2099-01" / "narrow.parquet").unlink()
    for part in folder.rglob("*.parquet"):
        part.write_bytes(b"not parquet")
    at = make_app(monkeypatch, data=folder)
    assert not at.exception and "no readable relation table" in at.error[0].value
