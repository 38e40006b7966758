"""Evidence highlighting, in a sentence and in an article: everything from the data is escaped."""

from __future__ import annotations

import pandas as pd

from components.evidence import (
    article_html,
    article_spans,
    evidence_html,
    find_span,
    highlight_sentence,
    highlight_spans,
)
from tests.components.helpers import relation

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


TEXT = "Obama met Abe in Tokyo.\n\nChina protested <the> visit & warned Japan."


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


def test_evidence_panel_names_the_sentence_and_the_relation_id() -> None:
    assert "article " in evidence_html(ROW) and ", sentence 1</small>" in evidence_html(ROW)
    reviewed = evidence_html({**ROW, "relation_id": "r44b0911a73ad5576", "sentence_id": -1})
    assert ", no sentence, relation <code>r44b0911a73ad5576</code></small>" in reviewed
    hostile = evidence_html({**ROW, "relation_id": "<b>x</b>"})
    assert "<code>&lt;b&gt;x&lt;/b&gt;</code>" in hostile
