"""CSV downloads: the bytes a download holds, and safe file names from the filter."""

from __future__ import annotations

import io

import pandas as pd

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
    assert name.startswith("mentions_USA-CHN_both_2018-01-01_2024-12-31_AGREE-SANCTION")
    assert name.endswith(".csv") and len(name) <= 160
    assert all(c.isalnum() or c in "._-" for c in name)
    evil = Filters(text="../../etc/passwd\x00<b>", article="a/b\\c")
    slug = filters_slug(evil)
    assert "/" not in slug and "\\" not in slug and "<" not in slug and "\x00" not in slug
