"""The articles list: a plain table's articles, where an article came from, search."""

from __future__ import annotations

import pandas as pd

from components.article_list import matching_documents, source_label, table_documents


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
