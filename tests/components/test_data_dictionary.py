"""The data dictionary: every CSV download's columns are documented, in order; the Markdown for the README."""

from __future__ import annotations

import pandas as pd
import pytest

from components.actors import actors_from_table
from components.data_dictionary import BY_VIEW, FILES, anchor, dictionary_markdown, documented
from components.dyads import dyad_summary
from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters
from components.map_data import map_arcs
from components.network import network_edges
from components.prepare import public_frame
from components.timeline import intensity_series, timeline_series
from extraction.actor_table import load_actor_table
from tests.components.conftest import ROOT
from tests.paths import REPO


def _downloads(rel: pd.DataFrame, unit: str) -> dict[str, pd.DataFrame]:
    """Every CSV the dashboard offers, as the views build them."""
    frame = rel.assign(event_id=event_ids(rel).to_numpy()) if unit == "events" else rel
    view = apply_filters(frame, Filters(count=unit))
    view = event_rows(view) if unit == "events" else view
    locations = actors_from_table(load_actor_table(ROOT / "data" / "actors")).locations
    return {
        unit: public_frame(view),
        "dyads": dyad_summary(view, unit=unit),
        "network_edges": network_edges(view, unit=unit),
        "map_arcs": map_arcs(view, locations, unit=unit),
        "timeline": timeline_series(view, unit=unit),
        "timeline_intensity": intensity_series(view, ["USA → CHN"], unit=unit),
    }


@pytest.mark.parametrize("unit", ["mentions", "events"])
def test_every_download_is_documented_in_order(rel: pd.DataFrame, unit: str) -> None:
    downloads = _downloads(rel, unit)
    assert set(downloads) <= set(BY_VIEW)
    for view, frame in downloads.items():
        assert documented(view, list(frame.columns), unit), (view, list(frame.columns))


def test_optional_columns_of_a_store_and_of_gdelt_rows_are_documented(rel: pd.DataFrame) -> None:
    stored = public_frame(rel.assign(origin="text", gdelt_num_mentions=None, gdelt_num_articles=None, relation_id="r", review_status=""))
    assert documented("mentions", list(stored.columns))


@pytest.mark.parametrize(
    ("view", "columns"),
    [
        ("dyads", ["target", "source", "mentions"]),  # out of order
        ("dyads", ["source", "target"]),  # required ones missing
        ("dyads", ["source", "target", "mentions", "articles", "mean_intensity", "verbal_cooperation",
                   "material_cooperation", "verbal_conflict", "material_conflict", "top_event_types", "extra"]),
        ("no_such_file", ["source"]),
    ],
)  # fmt: skip
def test_undocumented_columns_are_caught(view: str, columns: list[str]) -> None:
    assert not documented(view, columns)


def test_markdown_and_anchors() -> None:
    text = dictionary_markdown()
    for entry in FILES:
        assert f"`{entry.view}_<filter>.csv`" in text
        for column in entry.columns:
            assert f"`{column.name.replace('{unit}', '<unit>')}`" in text
    assert "{unit}" not in text
    assert anchor("map_arcs") == "csv-map-arcs" and len({anchor(f.view) for f in FILES}) == len(FILES)


def test_readme_section_is_the_dictionary() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- data-dictionary:start -->\n", "\n<!-- data-dictionary:end -->"
    assert start in readme and end in readme, "README.md lacks the data dictionary markers"
    section = readme[readme.index(start) + len(start) : readme.index(end)]
    assert section == dictionary_markdown(3).rstrip(), "README's data dictionary is stale: paste dictionary_markdown()"
