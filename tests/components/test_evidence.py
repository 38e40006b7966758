"""Evidence highlighting and the table rows: everything from the data is escaped."""

from __future__ import annotations

import io

import pandas as pd

from components.downloads import csv_bytes
from components.filters import Filters, apply_filters
from components.prepare import public_frame
from components.table_view import (
    TABLE_COLUMNS,
    evidence_html,
    find_span,
    highlight_sentence,
    highlight_spans,
    safe_url,
    table_rows,
)
from extraction.table import coerce_types

ROW = {
    "sentence": "Seoul urged China to refrain from economic retaliation over the missile shield.",
    "source_text": "Seoul",
    "target_text": "China",
    "trigger": "urged",
    "source": "KOR",
    "target": "CHN",
    "event_type": "REQUEST",
    "quad_class": "verbal conflict",
    "intensity": 0.0,
    "confidence": 0.81,
    "negated": False,
    "modality": "asserted",
    "doc_title": "China curbs tourism",
    "doc_date": "2017-03-08",
    "doc_url": "https://news.example.org/2017/x",
    "doc_id": "d03",
    "sentence_id": 1,
    "event_date": "2017-03-08",
}


def test_spans_of_actors_and_trigger() -> None:
    assert highlight_spans(ROW) == [(0, 5, "source"), (6, 11, "trigger"), (12, 17, "target")]
    html = highlight_sentence(ROW)
    assert html.startswith('<mark class="ev-source"')
    assert '<mark class="ev-trigger" title="trigger"' in html and ">urged</mark>" in html
    assert html.endswith("over the missile shield.")


def test_whole_words_preferred_and_no_overlap() -> None:
    assert find_span("Koreans and Korea", "Korea", []) == (12, 17)
    assert find_span("the Koreans", "Korea", []) == (4, 9)  # falls back to a part of a word
    assert find_span("Korea and Korea", "korea", [(0, 5)]) == (10, 15)
    assert find_span("abc", "", []) is None and find_span("abc", "zzz", []) is None
    row = {
        **ROW,
        "sentence": "Japan protested to Japan's partner.",
        "source_text": "Japan",
        "target_text": "Japan",
    }
    spans = highlight_spans({**row, "trigger": "protested"})
    assert [s[:2] for s in spans] == [(0, 5), (6, 15), (19, 24)]


def test_sentence_and_actor_texts_are_escaped() -> None:
    row = {
        **ROW,
        "sentence": 'Tom & <b>Jerry</b> said "<script>alert(1)</script>" to Seoul.',
        "source_text": "<b>Jerry</b>",
        "target_text": "Seoul",
        "trigger": "<script>alert(1)</script>",
    }
    html = highlight_sentence(row)
    assert "<script>" not in html and "<b>" not in html
    assert "Tom &amp; " in html
    assert "&lt;b&gt;Jerry&lt;/b&gt;</mark>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html
    assert html.count("<mark") == 3


def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_url("http://example.org") == "http://example.org"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil",
        "",
        None,
        "ftp://x",
        'https://x.org/"onmouseover="alert(1)',
        "https://x.org/<script>",
        "https:///nohost",
    ):
        assert safe_url(bad) is None, bad


def test_evidence_panel_escapes_title_url_and_flags() -> None:
    row = {
        **ROW,
        "doc_title": "<img src=x onerror=alert(1)> & co",
        "doc_url": "javascript:alert(1)",
        "negated": True,
        "modality": "hypothetical",
        "source": "<i>KOR</i>",
    }
    html = evidence_html(row)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp; co" in html
    assert "href" not in html  # an unsafe URL is shown as text, not linked
    assert "javascript:alert(1)" in html
    assert "negated, hypothetical" in html
    assert "&lt;i&gt;KOR&lt;/i&gt;" in html
    linked = evidence_html(ROW)
    assert '<a href="https://news.example.org/2017/x" target="_blank" rel="noopener noreferrer nofollow">' in linked


def test_table_rows_are_the_first_rows(rel: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters())
    rows = table_rows(view, limit=5)
    assert list(rows.columns) == list(TABLE_COLUMNS) and len(rows) == 5
    assert list(rows["sentence"]) == list(view["sentence"].iloc[:5])


def test_csv_download_reads_back_to_the_same_relations(rel: pd.DataFrame) -> None:
    view = apply_filters(rel, Filters(countries=("PRK",)))
    data = csv_bytes(public_frame(view))
    back = coerce_types(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False))
    expected = coerce_types(public_frame(view).astype(object))
    pd.testing.assert_frame_equal(back.astype(str), expected.astype(str))
    assert len(back) == len(view) == 9
