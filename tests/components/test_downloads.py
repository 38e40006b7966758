"""CSV downloads: the bytes a download holds, and safe file names from the filter."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from components.downloads import csv_bytes, download_name, filters_slug
from components.filters import Filters, apply_filters
from components.prepare import public_frame
from extraction.table import coerce_types
from tests.components.helpers import FULL


def test_csv_download_reads_back_to_the_same_relations(rel: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters(countries=("PRK",)))
    data = csv_bytes(public_frame(view))
    back = coerce_types(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False))
    expected = coerce_types(public_frame(view).astype(object))
    pd.testing.assert_frame_equal(back.astype(str), expected.astype(str))
    assert len(back) == len(view) == 9


def test_slug_and_file_names_are_safe() -> None:
    assert download_name("mentions", Filters()) == "mentions_all.csv"
    name = download_name("mentions", FULL)
    assert name.startswith("mentions_USA-CHN_both_dyad-USA-CHN_2018-01-01_2024-12-31_AGREE-SANCTION")
    assert name.endswith(".csv") and len(name) <= 160
    assert all(c.isalnum() or c in "._-" for c in name)
    evil = Filters(text="../../etc/passwd\x00<b>", article="a/b\\c")
    slug = filters_slug(evil)
    assert "/" not in slug and "\\" not in slug and "<" not in slug and "\x00" not in slug


def test_downloads_are_spreadsheet_safe(rel: pd.DataFrame) -> None:
    frame = public_frame(rel.head(3)).copy()
    formula = '=HYPERLINK("http://evil.example/x","click") Japan condemned China.'
    frame["sentence"] = [formula, "@SUM(A1)", "plain evidence"]
    frame.insert(0, "dyad", ["USA \u2192 CHN", "-CHN", "JPN \u2192 KOR"])
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbfdyad,")  # Excel reads the BOM as UTF-8: the arrow is shown right
    assert "USA \u2192 CHN".encode() in data
    plain = pd.read_csv(io.BytesIO(data), keep_default_na=False)
    assert list(plain.columns) == list(frame.columns)
    assert plain["sentence"].tolist() == ["'" + formula, "'@SUM(A1)", "plain evidence"]
    assert plain["dyad"].tolist() == ["USA \u2192 CHN", "'-CHN", "JPN \u2192 KOR"]
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    assert numeric and [c for c in numeric if not pd.api.types.is_numeric_dtype(plain[c])] == []


@pytest.mark.parametrize(
    ("view", "filters", "extension", "name"),
    [
        ("events", Filters(count="events"), "csv", "events_all.csv"),  # not events_all_events.csv
        ("events", Filters(countries=("USA",), count="events"), "csv", "events_USA.csv"),
        ("dyads", Filters(count="events"), "csv", "dyads_events.csv"),  # the count mode is part of the filter
        ("network", Filters(dyad=("USA", "CHN")), "gexf", "network_dyad-USA-CHN.gexf"),
        ("map", Filters(), "png", "map_all.png"),
        ("map", Filters(), "../../x", "map_all.x"),  # an odd extension is made safe too
        ("mentions", Filters(count="mentions"), "csv", "mentions_all.csv"),
    ],
)
def test_file_names_say_the_count_once(view: str, filters: Filters, extension: str, name: str) -> None:
    assert download_name(view, filters, extension) == name
