"""The articles list: a plain table's articles, search, and the rows the list shows. Pure
functions, no Streamlit. Document frames have the columns of
:meth:`extraction.store.Store.list_documents`: ``doc_id``, ``title``, ``date``, ``url``,
``relations`` (the article's number of mentions) and, from the store, ``source_file``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def source_label(source_file: object) -> str:
    """Where an article came from, shortly: a file's name, a fetched URL, or "pasted text"."""
    text = str(source_file or "")
    return text if "://" in text else Path(text).name


def table_documents(frame: pd.DataFrame) -> pd.DataFrame:
    """The articles of a plain relation table: doc_id, title, date, url, relations (sorted by date)."""
    if frame.empty:
        return pd.DataFrame(columns=["doc_id", "title", "date", "url", "relations"])
    grouped = frame.groupby("doc_id", observed=True, sort=False)
    docs = pd.DataFrame(
        {
            "title": grouped["doc_title"].first().astype(str),
            "date": grouped["doc_date"].first().astype(str),
            "url": grouped["doc_url"].first().astype(str),
            "relations": grouped.size().astype("int64"),
        }
    )
    docs.index = docs.index.astype(str)
    docs = docs.rename_axis("doc_id").reset_index()
    return docs.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def article_rows(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The mentions of one article of a relation table, in sentence order."""
    return frame[frame["doc_id"].astype(str) == doc_id].sort_values("sentence_id", kind="stable")


def matching_documents(docs: pd.DataFrame, query: str) -> pd.DataFrame:
    """The documents whose title, id or URL holds ``query`` (case-insensitive), in their order."""
    query = (query or "").strip()
    if not query or docs.empty:
        return docs
    hay = docs["title"].astype(str) + "\n" + docs["doc_id"].astype(str) + "\n" + docs["url"].astype(str)
    return docs[hay.str.contains(query, case=False, regex=False)].reset_index(drop=True)


def listing(docs: pd.DataFrame) -> pd.DataFrame:
    """The articles list as shown: title, date, mentions, URL, id, and where each came from
    (``source``) when the documents say (the store's ``source_file``)."""
    shown = pd.DataFrame(
        {
            "title": docs["title"],
            "date": docs["date"],
            "mentions": docs["relations"],
            "url": docs["url"],
            "doc_id": docs["doc_id"],
        }
    )
    if "source_file" in docs.columns:
        shown["source"] = [source_label(f) for f in docs["source_file"]]
    return shown
