"""Pure helpers of the store-backed pages: the data source, events, article highlighting, form checks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components.add_view import date_problem, paste_problems, upload_problems, url_problem
from components.articles_view import article_html, article_spans, matching_documents, source_label
from components.data_source import Source, resolve_source, table_documents
from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters, filter_options, filters_from_query, filters_to_query
from components.headline import headline

TEXT = "Obama met Abe in Tokyo.\n\nChina protested <the> visit & warned Japan."


def relation(**values) -> dict:
    row = {
        "doc_id": "d1",
        "doc_title": "T",
        "doc_date": "2016-05-27",
        "doc_url": "",
        "sentence_id": 0,
        "sentence": "",
        "sentence_start": 0,
        "sentence_end": 0,
        "source": "USA",
        "source_text": "",
        "target": "JPN",
        "target_text": "",
        "event_type": "CONSULT",
        "quad_class": "verbal cooperation",
        "intensity": 1.0,
        "trigger": "",
        "event_date": "2016-05-27",
        "date_precision": "day",
        "negated": False,
        "modality": "asserted",
        "confidence": 0.8,
        "origin": "text",
    }
    row.update(values)
    return row


# --------------------------------------------------------------------------- source


def test_source_resolution_order(tmp_path: Path) -> None:
    env = {"RELDASH_DATA": "env.csv", "RELDASH_DB": "env.duckdb"}
    assert resolve_source(["--data", "x.csv", "--db", "y.duckdb"], env) == Source("table", Path("x.csv"))
    assert resolve_source(["--db", "y.duckdb"], env) == Source("store", Path("y.duckdb"))
    assert resolve_source([], env) == Source("table", Path("env.csv"))
    assert resolve_source([], {"RELDASH_DB": "env.duckdb"}) == Source("store", Path("env.duckdb"))
    default = resolve_source(["-q", "tests"], {})
    assert default.is_store and default.path.name == "relations.duckdb" and default.path.parent.name == "store"


def test_table_documents(rel: pd.DataFrame) -> None:
    docs = table_documents(rel)
    assert list(docs.columns) == ["doc_id", "title", "date", "url", "relations"]
    assert len(docs) == rel["doc_id"].nunique() and docs["relations"].sum() == len(rel)
    assert list(docs["date"]) == sorted(docs["date"])


# --------------------------------------------------------------------------- events


def test_events_group_mentions_across_articles() -> None:
    rows = pd.DataFrame(
        [
            relation(doc_id="a", event_date="2016-05-27", confidence=0.5),
            relation(doc_id="a", event_date="2016-05-27", confidence=0.9, trigger="met"),
            relation(doc_id="b", event_date="2016-05-28", confidence=0.7),  # same event, another article
            relation(doc_id="c", event_date="2016-06-20"),  # weeks later: another event
            relation(doc_id="c", event_date="2016-05-27", negated=True),  # a denial is not the event
            relation(doc_id="g", origin="gdelt", event_date="2016-05-27", gdelt_num_mentions=7, gdelt_num_articles=5),
        ]
    )
    ids = event_ids(rows)
    assert ids[0] == ids[1] == ids[2] == "USA>JPN:CONSULT:2016-05-27"
    assert ids[3] == "USA>JPN:CONSULT:2016-06-20"
    assert ids[4] == "USA>JPN:CONSULT(negated):2016-05-27"
    assert ids[5] == "gdelt:USA>JPN:CONSULT:2016-05-27"
    events = event_rows(rows.assign(event_id=ids.to_numpy()))
    assert list(events["event_id"]) == [
        "USA>JPN:CONSULT:2016-05-27",
        "USA>JPN:CONSULT:2016-06-20",
        "USA>JPN:CONSULT(negated):2016-05-27",
        "gdelt:USA>JPN:CONSULT:2016-05-27",
    ]
    first = events.iloc[0]
    assert first["trigger"] == "met"  # the most confident mention stands for the event
    assert (first["num_articles"], first["num_mentions"]) == (2, 3)
    assert (events.iloc[3]["num_articles"], events.iloc[3]["num_mentions"]) == (5, 7)
    assert event_rows(rows.assign(event_id=ids.to_numpy()).iloc[:0]).empty


def test_events_headline_counts_events_and_mentions(rel: pd.DataFrame) -> None:
    frame = rel.assign(event_id=event_ids(rel).to_numpy())
    mentions = apply_filters(frame, Filters())
    events = event_rows(mentions)
    figures = headline(events, mentions=mentions)
    assert figures.events == len(events) <= figures.relations == len(mentions)
    assert figures.articles == mentions["doc_id"].nunique()
    assert headline(mentions).events is None


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


# --------------------------------------------------------------------------- articles


def test_article_spans_and_html_escape_everything() -> None:
    first = relation(sentence="Obama met Abe in Tokyo.", sentence_start=0, source_text="Obama",
                     target_text="Abe", trigger="met")  # fmt: skip
    start = TEXT.index("China")
    second = relation(sentence="China protested <the> visit & warned Japan.", sentence_start=start, source="CHN",
                      source_text="China", target_text="Japan", trigger="protested", event_type="ACCUSE")  # fmt: skip
    moved = dict(second, sentence_start=3)  # a wrong offset: the sentence is found in the text
    rels = pd.DataFrame([first, second])
    spans = article_spans(TEXT, rels)
    assert [(TEXT[a:b], role) for a, b, role, _tip in spans] == [
        ("Obama", "actor"), ("met", "trigger"), ("Abe", "actor"),
        ("China", "actor"), ("protested", "trigger"), ("Japan", "actor"),
    ]  # fmt: skip
    assert spans[4][3] == "CHN → JPN: ACCUSE"
    assert article_spans(TEXT, pd.DataFrame([first, moved])) == spans
    doc = {
        "doc_id": "x<1>",
        "title": "<script>alert(1)</script>",
        "date": "2016-05-27",
        "url": "javascript:alert(2)",
        "text": TEXT,
        "source_file": "/tmp/<b>.md",
    }
    body = article_html(doc, rels)
    assert "<script" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<a " not in body and "javascript:alert(2)" in body  # shown as text, not made a link
    assert "protested</mark> &lt;the&gt; visit &amp; warned" in body
    assert "from &lt;b&gt;.md" in body and "article x&lt;1&gt;" in body
    linked = article_html(dict(doc, url="https://example.org/a?b=1&c=2"), rels)
    assert 'href="https://example.org/a?b=1&amp;c=2"' in linked


def test_source_label_and_search() -> None:
    assert source_label("/data/articles/001_x.md") == "001_x.md"
    assert source_label("https://example.org/a/b") == "https://example.org/a/b"
    assert source_label("pasted text") == "pasted text"
    docs = pd.DataFrame({"doc_id": ["a1", "b2"], "title": ["THAAD row", "Senkaku"], "url": ["", "https://x.org/s"]})
    assert list(matching_documents(docs, "thaad")["doc_id"]) == ["a1"]
    assert list(matching_documents(docs, "x.org")["doc_id"]) == ["b2"]
    assert len(matching_documents(docs, " ")) == 2


# --------------------------------------------------------------------------- form checks


@pytest.mark.parametrize("value", ["", "2024-05-01", "1 May 2024", "May 1, 2024", " 2024/05/01 "])
def test_good_dates(value: str) -> None:
    assert date_problem(value) is None


@pytest.mark.parametrize("value", ["31/31/2020", "someday", "2024-13-01", "<b>1</b>"])
def test_bad_dates(value: str) -> None:
    problem = date_problem(value)
    assert problem and "is not a date" in problem and "`" in problem


def test_url_and_paste_and_upload_checks() -> None:
    assert url_problem("", required=False) is None
    assert "enter the address" in url_problem("", required=True)
    assert url_problem("https://example.org/a", required=True) is None
    for bad in ("javascript:alert(1)", "ftp://x.org/a", "example.org", "http://a b.org/"):
        assert "not a full http" in url_problem(bad, required=True), bad
    assert paste_problems("", "", "", "Some text") == []
    assert len(paste_problems("t" * 400, "bad date", "mailto:x@y.org", " ")) == 4
    assert upload_problems([("a.txt", 10)], "") == []
    assert "choose one or more files" in upload_problems([], "")[0]
    too_many = upload_problems([("a.txt", 1)] * 500, "")
    assert len(too_many) == 1 and "smaller batches" in too_many[0]
    assert "MB at once" in upload_problems([("a.txt", 60 * 2**20), ("b.txt", 60 * 2**20)], "")[0]
