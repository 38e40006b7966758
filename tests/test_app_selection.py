"""Cross-filtering in the app (Streamlit's AppTest, on the fixture table): clicks on the map, network,
matrix and timeline set the filter, in the URL and the selection bar, undoably; the drill-down lists the
mentions behind a selection; time playback; events mode says events everywhere.

A click is what the browser sends for it: the chart's selection state, as a widget state of the chart
(``pick``); the app's callback runs before the rerun, as in the browser.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters
from components.playback import windows
from components.prepare import prepare_relations
from extraction.table import read_table
from tests.test_app import FIXTURE, make_app, map_spec, metrics, table_frame

MS = 86_400_000  # a day in milliseconds


@pytest.fixture(scope="module")
def relations() -> pd.DataFrame:
    return prepare_relations(read_table(FIXTURE))


@pytest.fixture()
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """Every download button's (deferred) data, by file name (as in test_app)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    captured: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[str(file_name)] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return captured


def _epoch_ms(day: date) -> int:
    return (day - date(1970, 1, 1)).days * MS


def chart(at: AppTest, kind: str, key: str):
    """The chart element whose widget key starts with ``key`` (``network_chart_``, ``map_deck_``...)."""
    found = [e for e in at.get(kind) if key in e.proto.id]
    assert len(found) == 1, [e.proto.id for e in at.get(kind)]
    return found[0]


def pick(at: AppTest, element, selection: dict) -> AppTest:
    """Rerun as after a click on ``element`` whose selection state is now ``selection``."""
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=element.proto.id, string_value=json.dumps({"selection": selection})))
    return at._run(states)


def chips(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("selection_chip_")]


def drilldown(at: AppTest) -> str:
    return next((h.value for h in at.html if 'class="drilldown"' in h.value), "")


def test_a_network_node_sets_the_country_and_again_clears_it(
    monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame
) -> None:
    at = make_app(monkeypatch)
    assert not at.exception and chips(at) == [] and not drilldown(at)
    pick(at, chart(at, "vega_lite_chart", "network_chart_"), {"pick_country": [{"actor": "KOR"}]})
    assert not at.exception
    expected = apply_filters(relations, Filters(countries=("KOR",)))
    assert at.query_params == {"countries": "KOR"}
    assert at.sidebar.multiselect(key="filter_countries").value == ["KOR"]
    assert metrics(at)["Mentions"] == str(len(expected))
    assert len(table_frame(at)) == len(expected)
    assert chips(at) == ["Country: KOR (South Korea)"]
    html = drilldown(at)  # the mentions behind it, their evidence marked, their articles linked
    assert html.count('class="drill-item"') == len(expected)
    assert f">{expected.iloc[0]['trigger']}</mark>" in html and f'href="{expected.iloc[0]["doc_url"]}"' in html
    # the chart is new (no selection left), and the same click again clears the country
    pick(at, chart(at, "vega_lite_chart", "network_chart_1"), {"pick_country": [{"actor": "KOR"}]})
    assert at.query_params == {} and chips(at) == []


def test_a_matrix_cell_sets_the_dyad_and_the_dyad_views_keep_every_dyad(
    monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame
) -> None:
    at = make_app(monkeypatch)
    pick(at, chart(at, "vega_lite_chart", "matrix_chart_"), {"pick_dyad": [{"source": "CHN", "target": "USA"}]})
    assert not at.exception
    expected = apply_filters(relations, Filters(dyad=("CHN", "USA")))
    assert at.query_params == {"dyad": "CHN,USA"} and metrics(at)["Mentions"] == str(len(expected)) == "5"
    assert at.sidebar.selectbox(key="filter_dyad").value == "CHN → USA"
    assert set(zip(table_frame(at)["source"], table_frame(at)["target"], strict=True)) == {("CHN", "USA")}
    assert chips(at) == ["Dyad: CHN → USA"]
    matrix = chart(at, "vega_lite_chart", "matrix_chart_1")
    cells = [d for d in matrix.proto.datasets]
    assert len(cells) == 2  # every cell (to pick another), and the picked one outlined
    deck = map_spec(at)
    arcs = {layer["id"]: layer for layer in deck["layers"]}["arcs"]["data"]
    assert len(arcs) > 1 and {a["color"][3] for a in arcs if a["title"] == "CHN → USA"} == {255}


def test_map_markers_and_arcs_pick_too(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    deck = chart(at, "deck_gl_json_chart", "map_deck_")
    pick(at, deck, {"indices": {"actors": [0]}, "objects": {"actors": [{"actor": "JPN", "radius": 9.0}]}})
    assert at.query_params == {"countries": "JPN"}
    deck = chart(at, "deck_gl_json_chart", "map_deck_1")
    pick(at, deck, {"indices": {"arcs": [2]}, "objects": {"arcs": [{"source": "JPN", "target": "KOR", "title": "x"}]}})
    assert at.query_params == {"countries": "JPN", "dyad": "JPN,KOR"}
    assert not at.exception


def test_a_timeline_brush_sets_the_dates(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch)
    brush = {"pick_dates": {"start": [_epoch_ms(date(2019, 1, 1)), _epoch_ms(date(2022, 6, 30))]}}
    pick(at, chart(at, "vega_lite_chart", "timeline_counts_"), brush)
    assert not at.exception
    assert at.query_params == {"from": "2019-01-01", "to": "2022-06-30"}
    assert at.sidebar.date_input(key="filter_dates").value == (date(2019, 1, 1), date(2022, 6, 30))
    expected = apply_filters(relations, Filters(date_from=date(2019, 1, 1), date_to=date(2022, 6, 30)))
    assert metrics(at)["Mentions"] == str(len(expected))
    assert chips(at) == ["Dates: 2019-01-01 to 2022-06-30"]
    # the intensity chart brushes too
    brush = {"pick_dates": {"mid": [_epoch_ms(date(2020, 1, 1)), _epoch_ms(date(2020, 12, 31))]}}
    pick(at, chart(at, "vega_lite_chart", "timeline_intensity_1"), brush)
    assert at.query_params == {"from": "2020-01-01", "to": "2020-12-31"}


@pytest.mark.parametrize(
    ("key", "selection"),
    [
        ("network_chart_", {"pick_country": [{"actor": "XXX"}]}),  # not an actor of this data
        ("network_chart_", {"pick_country": [{"actor": "<img src=x onerror=alert(1)>"}]}),
        ("matrix_chart_", {"pick_dyad": [{"source": "USA", "target": "USA"}]}),
        ("matrix_chart_", {"pick_dyad": [{"source": "USA"}]}),
        ("timeline_counts_", {"pick_dates": {"start": [_epoch_ms(date(1990, 1, 1)), _epoch_ms(date(1991, 1, 1))]}}),
        ("timeline_counts_", {"pick_dates": {"start": ["not", "dates"]}}),
        ("network_chart_", {}),  # a click on the background: nothing picked
    ],
)
def test_a_forged_or_empty_selection_changes_nothing(monkeypatch: pytest.MonkeyPatch, key: str, selection: dict) -> None:
    at = make_app(monkeypatch, query={"countries": "RUS"})
    pick(at, chart(at, "vega_lite_chart", key), selection)
    assert not at.exception
    assert at.query_params == {"countries": "RUS"} and chips(at) == ["Country: RUS (Russia)"]


def test_undo_and_the_selection_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    assert at.button(key="selection_undo").disabled
    pick(at, chart(at, "vega_lite_chart", "network_chart_"), {"pick_country": [{"actor": "CHN"}]})
    pick(at, chart(at, "vega_lite_chart", "matrix_chart_"), {"pick_dyad": [{"source": "CHN", "target": "USA"}]})
    at.sidebar.checkbox(key="filter_include_negated").check().run()  # a sidebar change is a step too
    assert at.query_params == {"countries": "CHN", "dyad": "CHN,USA", "negated": "1"}
    at.button(key="selection_undo").click().run()
    assert at.query_params == {"countries": "CHN", "dyad": "CHN,USA"}
    at.button(key="selection_undo").click().run()
    assert at.query_params == {"countries": "CHN"} and not at.sidebar.checkbox(key="filter_include_negated").value
    pick(at, chart(at, "vega_lite_chart", "matrix_chart_"), {"pick_dyad": [{"source": "USA", "target": "JPN"}]})
    assert chips(at) == ["Country: CHN (China)", "Dyad: USA → JPN"]
    at.button(key="selection_chip_0").click().run()  # remove the country only
    assert at.query_params == {"dyad": "USA,JPN"}
    at.button(key="selection_undo").click().run()
    assert at.query_params == {"countries": "CHN", "dyad": "USA,JPN"}
    at.button(key="selection_clear").click().run()
    assert at.query_params == {} and not at.exception


def test_the_browser_back_button_brings_the_older_filter_back(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    pick(at, chart(at, "vega_lite_chart", "network_chart_"), {"pick_country": [{"actor": "TWN"}]})
    assert at.query_params == {"countries": "TWN"} and metrics(at)["Mentions"] == "3"
    at.query_params.clear()  # Back: the browser's link is the one before the click, and it reruns
    at.run()
    assert at.query_params == {} and metrics(at)["Mentions"] == "38"
    assert at.sidebar.multiselect(key="filter_countries").value == []
    at.query_params["countries"] = "TWN"  # Forward
    at.run()
    assert at.sidebar.multiselect(key="filter_countries").value == ["TWN"] and metrics(at)["Mentions"] == "3"
    at.sidebar.checkbox(key="filter_include_negated").check().run()  # a widget change still wins
    assert at.query_params == {"countries": "TWN", "negated": "1"}


def test_the_drilldown_pages_through_the_mentions(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    flt = Filters(date_from=date(2016, 5, 28), include_negated=True, include_hypothetical=True)
    big = apply_filters(relations, flt)
    assert len(big) > 20
    at = make_app(monkeypatch, query={"from": "2016-05-28", "negated": "1", "hypothetical": "1"})
    assert drilldown(at).count('class="drill-item"') == 20
    at.button(key="selection_more").click().run()
    assert drilldown(at).count('class="drill-item"') == len(big)
    assert not [b for b in at.button if b.key == "selection_more"]


def test_time_playback_steps_through_the_months(monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame) -> None:
    at = make_app(monkeypatch)
    view = apply_filters(relations, Filters())
    months = windows(view, "month")
    arcs_all = len({layer["id"]: layer for layer in map_spec(at)["layers"]}["arcs"]["data"])
    at.button(key="playback_forward").click().run()  # one step: the second month with mentions
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("**"))
    assert caption.startswith(f"**{months[1].label()}**") and f"window 2 of {len(months)}" in caption
    arcs = {layer["id"]: layer for layer in map_spec(at)["layers"]}["arcs"]["data"]
    assert 0 < len(arcs) < arcs_all
    assert metrics(at)["Mentions"] == "38"  # the headline and the table are not the window's
    at.button(key="playback_back").click().run()
    assert next(c.value for c in at.caption if c.value.startswith("**")).startswith(f"**{months[0].label()}**")
    at.button(key="playback_all").click().run()
    assert not [c for c in at.caption if c.value.startswith(f"**{months[0].label()}**")]
    assert len({layer["id"]: layer for layer in map_spec(at)["layers"]}["arcs"]["data"]) == arcs_all


def test_events_mode_says_events_everywhere(
    monkeypatch: pytest.MonkeyPatch, relations: pd.DataFrame, downloads: dict[str, Callable[[], bytes]]
) -> None:
    at = make_app(monkeypatch, query={"count": "events", "countries": "USA"})
    assert not at.exception
    frame = relations.assign(event_id=event_ids(relations).to_numpy())
    events = event_rows(apply_filters(frame, Filters(countries=("USA",))))
    assert metrics(at)["Events"] == str(len(events))
    # titles, axes, legends and tooltips of every chart
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        text = json.dumps(spec)
        assert "Mentions" not in text and "relations" not in text.lower(), element.proto.id
    titles = [m.value for m in at.markdown]
    assert any(t.startswith("**Events per ") for t in titles)
    assert at.subheader[-1].value == "Events"
    deck = json.dumps(map_spec(at))
    assert " events" in deck and " mentions" not in deck and "relations" not in deck
    assert any("Arc width</b>, <b>marker size</b>: events" in h.value for h in at.html)  # the map's legend
    # file names say events once; CSV columns say events
    names = sorted(downloads)
    assert "events_USA.csv" in names and not [n for n in names if "events_USA_events" in n]
    for name in names:
        if name.endswith(".csv") and not name.startswith("events_"):
            header = downloads[name]().decode("utf-8-sig").splitlines()[0]
            assert "mentions" not in header.split(","), (name, header)
    assert "Event" in at.dataframe[0].value.columns or "event_id" in at.dataframe[0].value.columns


def test_the_data_dictionary_page(monkeypatch: pytest.MonkeyPatch) -> None:
    at = make_app(monkeypatch)
    at.switch_page("components/pages/dictionary.py").run()
    assert not at.exception
    headings = [s.value for s in at.subheader]
    assert "Dyad summary: `dyads_<filter>.csv`" in headings and "Map arcs: `map_arcs_<filter>.csv`" in headings
    assert any("`mentions_spread`" in m.value or "`<unit>_spread`" in m.value for m in at.markdown)
