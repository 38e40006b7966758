"""The shipped demo table (data/demo/relations.csv) is exactly what a fresh build gives.

When this fails after a change to the extractor or its data, rebuild the table
with `make demo` and commit it together with the change.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extraction.cli import collect_documents
from extraction.pipeline import Extractor
from extraction.table import read_table, to_frame

REPO = Path(__file__).resolve().parents[2]


def test_shipped_table_matches_fresh_build() -> None:
    shipped = read_table(REPO / "data" / "demo" / "relations.csv")
    docs, problems = collect_documents([str(REPO / "data" / "articles")])
    assert not problems
    fresh = to_frame(Extractor().extract(docs))
    # the CSV round trip is what the dashboard reads; compare through it
    pd.testing.assert_frame_equal(shipped, read_table_from(fresh), check_exact=False, rtol=1e-9)


def read_table_from(frame: pd.DataFrame) -> pd.DataFrame:
    import io

    buf = io.StringIO()
    frame.to_csv(buf, index=False)
    buf.seek(0)
    from extraction.table import coerce_types

    return coerce_types(pd.read_csv(buf, dtype=str, keep_default_na=False))
