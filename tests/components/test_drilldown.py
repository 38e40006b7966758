"""Drill-down: the mentions behind a selection, their evidence highlighted, their articles linked, all escaped."""

from __future__ import annotations

import pandas as pd

from components.drilldown import drilldown_html, mention_item
from components.filters import Filters, apply_filters
from tests.components.helpers import relation


def test_each_mention_with_its_evidence_and_article(rel: pd.DataFrame) -> None:
    rows = apply_filters(rel, Filters(dyad=("CHN", "USA")))
    html = drilldown_html(rows, shown=3)
    assert html.count('class="drill-item"') == 3
    first = rows.iloc[0]
    assert f">{first['trigger']}</mark>" in html and str(first["doc_title"]).replace("&", "&amp;") in html
    assert f'href="{first["doc_url"]}"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert drilldown_html(rows, shown=100).count('class="drill-item"') == len(rows) == 5


def test_hostile_text_is_escaped_and_only_http_links_are_made() -> None:
    row = relation(
        sentence="<img src=x onerror=alert(1)> Japan condemned China.",
        source_text="Japan",
        target_text="China",
        trigger="condemned",
        doc_title='<script>alert("t")</script>',
        doc_url="javascript:alert(1)",
        event_type="<b>ACCUSE</b>",
        event_date="2017-01-01",
        date_precision="year",
        negated=True,
        modality="<i>hypothetical</i>",
    )
    html = mention_item(row)
    assert "<script" not in html and "<img" not in html and "<b>ACCUSE" not in html and "<i>hypothetical" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;" in html
    assert "href" not in html and "javascript:alert(1)" in html  # shown as text, not a link
    assert "<b>2017</b>" in html  # a year-precision date reads as the year
    assert ">condemned</mark>" in html and "negated" in html
