"""The articles list: a plain table's articles, where an article came from, search."""

from __future__ import annotations

import pandas as pd

from components.article_list import article_rows, listing, matching_documents, source_label, table_documents


def test_table_documents(rel: pd.DataFrame) -> None:
    docs = table_documents(rel)
    assert list(docs.columns) == ["doc_id", "title", "date", "url", "relations"]
    assert len(docs) == rel["doc_id"].nunique() and docs["relations"].sum() == len(rel)
    assert list(docs["date"]) == sorted(docs["date"])


def test_source_label_and_search() -> None:
    assert source_label("/data/articles/001_x.md") == "001_x.md"
    assert source_label("https://example.org/a/b") == "https://example.org/a/b"
    assert source_label("pasted text") == "pasted text"
    docs = pd.DataFrame({"doc_id": ["a1", "b2"], "title": ["THAAD row", "Senkaku"], "url": ["", "https://x.org/s"]})
    assert list(matching_documents(docs, "thaad")["doc_id"]) == ["a1"]
    assert list(matching_documents(docs, "x.org")["doc_id"]) == ["b2"]
    assert len(matching_documents(docs, " ")) == 2


def test_listing_counts_mentions_and_names_the_source() -> None:
    docs = pd.DataFrame(
        {
            "doc_id": ["a1"],
            "title": ["THAAD row"],
            "date": ["2017-03-08"],
            "url": [""],
            "relations": [4],
            "source_file": ["/data/articles/a1.md"],
        }
    )
    shown = listing(docs)
    assert list(shown.columns) == ["title", "date", "mentions", "url", "doc_id", "source"]
    assert shown.loc[0, "mentions"] == 4 and shown.loc[0, "source"] == "a1.md"
    assert "source" not in listing(docs.drop(columns="source_file")).columns  # a plain table's articles


def test_article_rows_are_its_mentions_in_sentence_order(rel: pd.DataFrame) -> None:
    rows = article_rows(rel, "2019-07-23-russia-china-joint-patrol")
    assert len(rows) == 3 and set(rows["doc_id"]) == {"2019-07-23-russia-china-joint-patrol"}
    assert rows["sentence_id"].is_monotonic_increasing
    assert article_rows(rel, "no-such-article").empty
