"""The articles page: every stored article with its number of mentions; open one to read its
text with the actors and triggers of its mentions highlighted; add a relation the extraction
missed in one of its sentences; remove one (after a confirmation) together with its mentions
(its rows of the relation table). Above the list, the review progress: how many articles
are fully reviewed.

Article text, titles, file names and URLs are untrusted: the article is shown as HTML built
from escaped pieces (:mod:`components.evidence`), and only http(s) links are
clickable. With a plain relation table (``--data``) the page lists the table's articles and
shows their evidence sentences (the table holds no article text), read-only.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from extraction.errors import ExtractionError, NotInStore, StoreBusy

from .article_list import article_rows, listing, matching_documents, table_documents
from .data_source import (
    BUSY_MESSAGE,
    Source,
    data_key,
    load_actors,
    load_document,
    load_document_relations,
    load_documents,
    load_relations,
    load_review_progress,
    open_store,
    store_handle,
)
from .evidence import article_html, evidence_list_html
from .markup import code_span
from .review_data import ReviewRequest, record_review, sentence_choices
from .review_view import render_add_relation, render_review_progress, render_reviewer
from .ui import may_write, write_gate

ADD_PAGE = "components/pages/add_articles.py"
KEY = "articles"


# --------------------------------------------------------------------------- removal


def _ask_remove(doc_id: str) -> None:
    st.session_state[f"{KEY}_confirm"] = doc_id


def _cancel_remove() -> None:
    st.session_state.pop(f"{KEY}_confirm", None)


def _remove(path: str, doc_id: str, title: str) -> None:
    """Callback of the confirmation button: remove the article and its rows, note the outcome."""
    st.session_state.pop(f"{KEY}_confirm", None)
    if not may_write():  # checked again when the click arrives, not only when the button was drawn
        st.session_state[f"{KEY}_notice"] = ("error", "Nothing was removed: removing articles is not allowed here.")
        return
    try:
        rows = store_handle(path).remove(doc_id)
    except StoreBusy:
        st.session_state[f"{KEY}_notice"] = ("error", BUSY_MESSAGE)
    except NotInStore:
        st.session_state[f"{KEY}_notice"] = ("info", f"{code_span(title, 80)} was already removed.")
    except ExtractionError as exc:
        st.session_state[f"{KEY}_notice"] = ("error", f"Nothing was removed: {exc}")
    else:
        st.session_state[f"{KEY}_notice"] = (
            "success",
            f"Removed {code_span(title, 80)} and its {rows} mention{'s' if rows != 1 else ''}.",
        )


def _record(path: str, reviewer: str, request: ReviewRequest) -> None:
    """Callback of the "Add the relation" form: ask the store, keep the outcome for the next run.

    The write starts a new articles list (no selection); the article stays open until the
    next write or another pick.
    """
    if not may_write():  # checked again when the click arrives, not only when the form was drawn
        st.session_state[f"{KEY}_notice"] = ("error", "Reviewing is off for this session: nothing was recorded.")
        return
    store = store_handle(path)
    st.session_state[f"{KEY}_notice"] = record_review(store, request, reviewer)
    try:
        st.session_state[f"{KEY}_reopen"] = (request.doc_id, store.generation())
    except ExtractionError:
        st.session_state.pop(f"{KEY}_reopen", None)


def _show_notice() -> None:
    notice = st.session_state.pop(f"{KEY}_notice", None)
    if notice:
        kind, message = notice
        getattr(st, kind)(message)


# --------------------------------------------------------------------------- page


def _search(docs: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    query = st.text_input(
        "Find an article", key=f"{KEY}_search", max_chars=200, placeholder="Words of its title, its id or URL"
    )
    found = matching_documents(docs, query)
    if query.strip() and len(found) < len(docs):
        st.caption(f"{len(found):,} of {len(docs):,} articles match.")
    return found, query.strip()


def _documents_grid(docs: pd.DataFrame, grid_key: str) -> int | None:
    """The articles table with single-row selection; the selected row's position, or None."""
    shown = listing(docs)
    event = st.dataframe(
        shown,
        key=grid_key,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        height=min(420, 38 + 35 * max(len(shown), 1)),
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "date": st.column_config.TextColumn("Date"),
            "url": st.column_config.TextColumn("URL", width="medium"),
            "mentions": st.column_config.NumberColumn("Mentions", format="%d"),
            "doc_id": st.column_config.TextColumn("Id"),
            "source": st.column_config.TextColumn("From"),
        },
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    return rows[0] if rows and 0 <= rows[0] < len(docs) else None


def render_articles(source: Source) -> None:
    st.title("Articles")
    _show_notice()
    if not source.is_store:
        _render_table_articles(source)
        return
    store = open_store(source.path)
    if store is None:
        return
    try:
        generation = store.generation()
        docs = load_documents(str(store.path), generation)
    except ExtractionError as exc:
        st.error(f"Cannot read the relation store: {exc}")
        return
    total = int(docs["relations"].sum()) if len(docs) else 0
    st.caption(
        f"Relation store {code_span(str(source.path), 200)} · {len(docs):,} articles · {total:,} mentions "
        "extracted from them (reviews applied). Click a row to read the article."
    )
    if docs.empty:
        st.info("The store holds no articles yet.")
        st.page_link(ADD_PAGE, label="Add articles")
        return
    with st.sidebar:
        st.header("Review")
        reviewer = render_reviewer()
    try:
        render_review_progress(load_review_progress(str(store.path), generation), key=f"{KEY}_progress")
    except ExtractionError as exc:
        st.error(f"Cannot read the review progress: {exc}")
    docs, query = _search(docs)
    if docs.empty:
        st.info("No article matches.")
        return
    # a new grid (no selection) after each write, and for each search
    grid_key = f"{KEY}_grid_{generation}" + (f"_{hashlib.sha1(query.encode()).hexdigest()[:10]}" if query else "")
    picked = _documents_grid(docs, grid_key)
    reopen_id, reopen_generation = st.session_state.get(f"{KEY}_reopen") or ("", -1)
    if picked is None and reopen_generation == generation and reopen_id in set(docs["doc_id"]):
        picked = list(docs["doc_id"]).index(reopen_id)  # the article a relation was just added to
    if picked is None:
        return
    row = docs.iloc[picked]
    doc_id, title = str(row["doc_id"]), str(row["title"])
    try:
        fields = load_document(str(store.path), generation, doc_id)
        relations = load_document_relations(str(store.path), generation, doc_id)
    except NotInStore:
        st.info("This article was removed meanwhile.")
        return
    except ExtractionError as exc:
        st.error(f"Cannot read the article: {exc}")
        return
    doc = dict(zip(("doc_id", "title", "date", "url", "text", "source_file"), fields, strict=True))
    st.html(article_html(doc, relations))
    with st.expander("Add a missed relation", icon=":material/add_circle:"):
        st.caption(
            "A relation this article states that the extraction did not find: pick its sentence, who did "
            "what to whom, and its date. It is recorded under your name and shown as *added by a reviewer*."
        )
        actors = load_actors()
        if write_gate("Adding relations", key=f"{KEY}_add"):
            render_add_relation(
                doc_id,
                sentence_choices(doc["text"]),
                key=f"{KEY}_add",
                reviewer=reviewer,
                on_review=lambda request: _record(str(store.path), reviewer, request),
                actors=actors.order,
                actor_names=actors.names,
                doc_date=doc["date"],
            )

    if not write_gate("Removing articles", key=KEY):
        return
    if st.session_state.get(f"{KEY}_confirm") == doc_id:
        n = len(relations)
        st.warning(
            f"Remove {code_span(title, 80)} and its {n} mention{'s' if n != 1 else ''} from the store? "
            "This cannot be undone (add the article again to get it back).",
            icon=":material/delete:",
        )
        yes, no, _ = st.columns([1, 1, 4])
        yes.button(
            "Yes, remove it",
            key=f"{KEY}_confirm_yes",
            type="primary",
            on_click=_remove,
            args=(str(store.path), doc_id, title),
        )
        no.button("Cancel", key=f"{KEY}_confirm_no", on_click=_cancel_remove)
    else:
        st.button(
            "Remove this article…",
            key=f"{KEY}_remove",
            icon=":material/delete:",
            on_click=_ask_remove,
            args=(doc_id,),
            help="Removes the article and all its mentions from the store, after a confirmation.",
        )


def _render_table_articles(source: Source) -> None:
    if not source.path.exists():
        st.info(f"No relation table at {code_span(str(source.path), 200)}.")
        return
    try:
        key = data_key(source)
        frame = load_relations(*key)
    except (ExtractionError, OSError, ValueError) as exc:
        st.error(f"Cannot read the relation table: {exc}")
        return
    docs = table_documents(frame)
    st.caption(
        f"Relation table {code_span(str(source.path), 200)} (read-only) · {len(docs):,} articles. A plain "
        "table holds no article text: an article shows its evidence sentences. Removing articles needs the "
        "relation store (start the dashboard without `--data`)."
    )
    if docs.empty:
        st.info("The relation table is empty.")
        return
    docs, query = _search(docs)
    if docs.empty:
        st.info("No article matches.")
        return
    grid_key = f"{KEY}_grid_table" + (f"_{hashlib.sha1(query.encode()).hexdigest()[:10]}" if query else "")
    picked = _documents_grid(docs, grid_key)
    if picked is None:
        return
    doc = docs.iloc[picked].to_dict()
    rows = article_rows(frame, str(doc["doc_id"]))
    st.html(evidence_list_html(doc, rows))
