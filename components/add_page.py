"""The "Add articles" page: upload files, paste text, or give a URL; the store extracts and keeps them.

Each way is a form. On submit the form's values are checked first (a bad date or URL is a
message, never an exception), then the store adds the articles in one transaction with a
progress bar while extracting, and a summary says what happened: documents added, skipped
as duplicates, rejected with their reasons, mentions found. The store's generation counter
changes with every add, so every view shows the new rows on its next run.

Untrusted values (file names, titles, URLs, reasons) are shown inside Markdown code spans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import streamlit as st

from extraction import config
from extraction.documents import SUPPORTED_SUFFIXES
from extraction.errors import ExtractionError, ModelNotFound, StoreBusy
from extraction.store import AddReport, Store

from . import add_checks
from .add_checks import (
    DATE_HINT,
    MAX_FILE_MB,
    MAX_PASTE_CHARS,
    MAX_TITLE_CHARS,
    MAX_UPLOAD_FILES,
    MAX_URL_CHARS,
    UPLOAD_TYPES,
    date_problem,
    paste_problems,
    report_lines,
    upload_problems,
    url_problem,
)
from .data_source import BUSY_MESSAGE, Source, extraction_slot, open_store
from .markup import code_span

KEY = "add"
DASHBOARD_PAGE = "components/pages/dashboard.py"
ARTICLES_PAGE = "components/pages/articles.py"
ProgressCallback = Callable[[int, int], None]


# --------------------------------------------------------------------------- running an add


def run_add(action: Callable[[ProgressCallback], AddReport], what: str) -> AddReport | None:
    """Run ``action(on_progress)`` with a status box and a progress bar; the report, or None on failure."""
    status = st.status(f"Adding {what}…", expanded=True)
    with status:
        bar = st.progress(0.0, text="Reading…")

    def on_progress(done: int, total: int) -> None:
        text = f"Extracting mentions: {done} of {total} document{'s' if total != 1 else ''}"
        bar.progress(done / total if total else 1.0, text=text)

    def on_wait() -> None:
        bar.progress(0.0, text="Waiting for another session's extraction to finish…")

    try:
        with extraction_slot(on_wait):
            report = action(on_progress)
    except StoreBusy:
        status.update(label="The store is busy", state="error", expanded=False)
        st.error(BUSY_MESSAGE)
        return None
    except ModelNotFound as exc:
        status.update(label="No language model", state="error", expanded=False)
        st.error(f"Nothing was added: {exc}")
        return None
    except ExtractionError as exc:
        status.update(label="Nothing was added", state="error", expanded=False)
        st.error(f"Nothing was added: {exc}")
        return None
    bar.progress(1.0, text="Done")
    status.update(label=f"Done: {report.summary()}", state="complete", expanded=False)
    st.session_state[f"{KEY}_report"] = asdict(report)
    return report


def render_report(data: dict[str, Any]) -> None:
    """The summary of the last add: four figures, then the detail lines (escaped)."""
    report = AddReport(**data)
    st.subheader("Summary")
    cols = st.columns(4)
    cols[0].metric("Documents added", f"{report.added:,}")
    cols[1].metric("Skipped as duplicates", f"{report.skipped_duplicates:,}")
    cols[2].metric("Rejected", f"{len(report.rejected):,}")
    cols[3].metric("Mentions found", f"{report.relations:,}")
    message = report.summary() + "."
    if report.added:
        st.success(message, icon=":material/check_circle:")
    elif report.rejected:
        st.error(message)
    else:
        st.info(message)
    for heading, lines in report_lines(report).items():
        if lines:
            shown = "\n".join(f"- {code_span(line, 300)}" for line in lines[:50])
            more = f"\n- … and {len(lines) - 50} more" if len(lines) > 50 else ""
            st.markdown(f"**{heading}**\n\n{shown}{more}")
    if report.added:
        left, right, _ = st.columns([1, 1, 3])
        with left:
            st.page_link(DASHBOARD_PAGE, label="See them on the dashboard")
        with right:
            st.page_link(ARTICLES_PAGE, label="Read them in Articles")


# --------------------------------------------------------------------------- the page


def _upload_form(store: Store) -> None:
    with st.form(f"{KEY}_upload_form", clear_on_submit=True, border=False):
        files = st.file_uploader(
            "Article files",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            max_upload_size=MAX_FILE_MB,
            key=f"{KEY}_files",
            help=f"{', '.join(SUPPORTED_SUFFIXES)}; up to {MAX_FILE_MB} MB each and "
            f"{add_checks.MAX_UPLOAD_TOTAL_BYTES // 2**20} MB or {MAX_UPLOAD_FILES} files at once. JSON and JSON Lines files "
            "hold records with `text` and optionally `id`, `title`, `date`, `url`.",
        )
        date = st.text_input(
            "Publication date for every file (optional)",
            key=f"{KEY}_files_date",
            placeholder=DATE_HINT,
            help="Overrides the dates found in the files.",
        )
        submitted = st.form_submit_button("Add the files", type="primary", icon=":material/upload:")
    if not submitted:
        return
    st.session_state.pop(f"{KEY}_report", None)  # the summary shown is the last submission's
    files = list(files or [])
    problems = upload_problems([(f.name, f.size) for f in files], date)
    if problems:
        for problem in problems:
            st.error(problem)
        return
    payload = [(f.name, f.getvalue()) for f in files]
    run_add(
        lambda progress: store.add_uploaded(payload, on_progress=progress, date=date.strip()),
        f"{len(payload)} file{'s' if len(payload) != 1 else ''}",
    )


def _paste_form(store: Store) -> None:
    with st.form(f"{KEY}_paste_form", border=False):
        title = st.text_input("Title", key=f"{KEY}_paste_title", max_chars=MAX_TITLE_CHARS,
                              placeholder="Optional: the first line of the text otherwise")  # fmt: skip
        left, right = st.columns(2)
        date = left.text_input("Publication date", key=f"{KEY}_paste_date", placeholder=DATE_HINT,
                               help="Relative dates in the text (\"last Tuesday\") are resolved against it.")  # fmt: skip
        url = right.text_input("URL (optional)", key=f"{KEY}_paste_url", max_chars=MAX_URL_CHARS,
                               placeholder="https://…")  # fmt: skip
        text = st.text_area("Article text", key=f"{KEY}_paste_text", height=220, max_chars=MAX_PASTE_CHARS)
        submitted = st.form_submit_button("Add text", type="primary", icon=":material/add:")
    if not submitted:
        return
    st.session_state.pop(f"{KEY}_report", None)  # the summary shown is the last submission's
    problems = paste_problems(title, date, url, text)
    if problems:
        for problem in problems:
            st.error(problem)
        return
    run_add(
        lambda progress: store.add_text(title.strip(), text, date=date.strip(), url=url.strip(), on_progress=progress),
        "the pasted text",
    )


def _url_form(store: Store) -> None:
    allowed = config.allow_private_urls()
    with st.form(f"{KEY}_url_form", border=False):
        url = st.text_input("Article URL", key=f"{KEY}_url", max_chars=MAX_URL_CHARS, placeholder="https://…")
        date = st.text_input(
            "Publication date (optional)",
            key=f"{KEY}_url_date",
            placeholder=DATE_HINT,
            help="Overrides the date in the page's metadata.",
        )
        submitted = st.form_submit_button("Fetch and add", type="primary", icon=":material/link:")
    st.caption(
        f"The page is fetched by this server (at most {config.fetch_max_bytes() / 1e6:g} MB, "
        f"{config.fetch_timeout():g} s) and its main text extracted. "
        + (
            "Private and loopback addresses are allowed (`RELDASH_ALLOW_PRIVATE_URLS=1`)."
            if allowed
            else "Private, loopback and link-local addresses are refused."
        )
    )
    if not submitted:
        return
    st.session_state.pop(f"{KEY}_report", None)  # the summary shown is the last submission's
    problems = [p for p in (url_problem(url, required=True), date_problem(date)) if p]
    if problems:
        for problem in problems:
            st.error(problem)
        return
    run_add(
        lambda progress: store.add_url(url.strip(), date=date.strip(), on_progress=progress),
        "the article at the URL",
    )


def render_add(source: Source) -> None:
    st.title("Add articles")
    if not source.is_store:
        st.info(
            f"Adding articles is unavailable: the dashboard shows the plain relation table "
            f"{code_span(str(source.path), 200)}, read-only. Start it without `--data` (and without "
            "`RELDASH_DATA`) to use the relation store, where articles can be added: "
            "`streamlit run app.py -- --db PATH` or `RELDASH_DB=PATH`."
        )
        return
    store = open_store(source.path)
    if store is None:
        return
    st.caption(
        f"Articles are extracted and kept in the relation store {code_span(str(source.path), 200)}. An article "
        "whose text is already stored is skipped. From the command line: `python -m extraction add FILES`."
    )
    upload, paste, link = st.tabs(["Upload files", "Paste text", "From a URL"])
    with upload:
        _upload_form(store)
    with paste:
        _paste_form(store)
    with link:
        _url_form(store)
    last = st.session_state.get(f"{KEY}_report")
    if last:
        render_report(last)
