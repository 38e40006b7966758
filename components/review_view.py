"""Review widgets: the reviewer's name and the raw toggle (sidebar), Confirm / Reject / Fix under
a selected mention's evidence, "Add a missed relation" for an article's sentence, and the
review-progress figure.

The widgets record nothing themselves: each button calls the page's ``on_review`` with a
:class:`~components.review_data.ReviewRequest` (in a callback, before the rerun), and the
page asks the store. Widget keys start with the ``key`` argument.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from extraction import config
from extraction.schema import EVENT_TYPES

from .markup import code_span
from .review_data import (
    PROGRESS_PARTS,
    STATUS_LABELS,
    ReviewRequest,
    fix_changes,
    progress_caption,
    progress_figures,
    shown_date,
)
from .ui import draw_altair

OnReview = Callable[[ReviewRequest], None]
#: Session-state keys of the sidebar's review widgets (kept across pages by app.py).
REVIEWER_KEY = "reviewer"
RAW_KEY = "review_raw"
NO_NAME = "Enter your name as reviewer in the sidebar to review."


def render_reviewer() -> str:
    """The reviewer's name (call inside ``with st.sidebar``); seeded from ``RELDASH_REVIEWER``."""
    if REVIEWER_KEY not in st.session_state:
        st.session_state[REVIEWER_KEY] = config.reviewer()
    name = st.text_input(
        "Reviewer",
        key=REVIEWER_KEY,
        max_chars=80,
        placeholder="Your name",
        help="Recorded with each verdict (Confirm, Reject, Fix, Add), with the time (UTC). "
        f"Default: the setting {config.REVIEWER_ENV}.",
    )
    return " ".join(str(name or "").split())


def raw_wanted() -> bool:
    """Whether the sidebar's toggle asks for the mentions as extracted (read before the data loads)."""
    return bool(st.session_state.get(RAW_KEY, False))


def render_raw_toggle() -> bool:
    """The sidebar toggle between the reviewed mentions and the mentions as extracted."""
    return st.toggle(
        "Show as extracted (reviews not applied)",
        key=RAW_KEY,
        help="Off: analysts' reviews applied (rejected mentions hidden, fixes shown, added mentions "
        "included). On: the extraction as it came out, rejected mentions included; the Review "
        "column still says what reviewers decided.",
    )


def render_review_controls(
    row: Mapping[str, Any],
    *,
    key: str,
    reviewer: str,
    on_review: OnReview,
    actor_names: Mapping[str, str] | None = None,
) -> None:
    """Confirm, Reject and Fix (type, direction, date, negated) for the mention ``row``."""
    relation_id = str(row.get("relation_id", "") or "")
    if not relation_id:
        return
    status = str(row.get("review_status", "") or "")
    st.caption(f"Review: **{STATUS_LABELS.get(status, status)}** · relation {code_span(relation_id, 30)}")
    disabled = not reviewer
    if disabled:
        st.caption(NO_NAME)
    note_key = f"{key}_{relation_id}_note"
    st.text_input("Note (optional, kept with the verdict)", key=note_key, max_chars=2000)
    buttons = st.container(horizontal=True)
    buttons.button(
        "Confirm",
        key=f"{key}_confirm",
        icon=":material/check:",
        disabled=disabled,
        on_click=_send,
        args=(on_review, "confirm", relation_id, note_key),
        help="The mention is right (as shown).",
    )
    buttons.button(
        "Reject",
        key=f"{key}_reject",
        icon=":material/close:",
        disabled=disabled,
        on_click=_send,
        args=(on_review, "reject", relation_id, note_key),
        help="The text does not say this: hide the mention (the toggle in the sidebar shows it again).",
    )
    with st.expander("Fix…"):
        prefix = f"{key}_{relation_id}"
        types = list(EVENT_TYPES)
        current = str(row.get("event_type", ""))
        source, target = str(row.get("source", "")), str(row.get("target", ""))
        names = actor_names or {}
        st.selectbox("Event type", types, index=types.index(current) if current in types else 0, key=f"{prefix}_type")
        st.radio(
            "Direction",
            options=["as is", "reversed"],
            format_func=lambda v: (
                f"{names.get(source, source)} → {names.get(target, target)}"
                if v == "as is"
                else f"{names.get(target, target)} → {names.get(source, source)}"
            ),
            key=f"{prefix}_direction",
            horizontal=True,
        )
        st.text_input(
            "Event date", value=shown_date(row), key=f"{prefix}_date", max_chars=40, help="YYYY-MM-DD, YYYY-MM or YYYY"
        )
        st.checkbox(
            "Negated (the text says it did not happen)", value=bool(row.get("negated")), key=f"{prefix}_negated"
        )
        st.button(
            "Save the fix",
            key=f"{key}_fix",
            icon=":material/edit:",
            disabled=disabled,
            on_click=_send_fix,
            args=(on_review, dict(row), prefix, note_key),
        )


def _send(on_review: OnReview, verdict: str, relation_id: str, note_key: str) -> None:
    on_review(ReviewRequest(verdict, relation_id=relation_id, note=st.session_state.get(note_key, "")))


def _send_fix(on_review: OnReview, row: dict[str, Any], prefix: str, note_key: str) -> None:
    state = st.session_state
    changes = fix_changes(
        row,
        event_type=state.get(f"{prefix}_type", ""),
        reverse=state.get(f"{prefix}_direction") == "reversed",
        event_date=state.get(f"{prefix}_date", ""),
        negated=bool(state.get(f"{prefix}_negated")),
    )
    on_review(ReviewRequest("fix", relation_id=str(row["relation_id"]), changes=changes, note=state.get(note_key, "")))


def render_add_relation(
    doc_id: str,
    sentences: Sequence[tuple[int, str]],
    *,
    key: str,
    reviewer: str,
    on_review: OnReview,
    actors: Sequence[str],
    actor_names: Mapping[str, str] | None = None,
    doc_date: str = "",
) -> None:
    """The "Add a missed relation" form of one article: a sentence, source, target, type, date, negated."""
    names = actor_names or {}
    with st.form(f"{key}_form", clear_on_submit=False, border=True):
        st.selectbox(
            "Sentence",
            options=[i for i, _ in sentences],
            format_func=dict((i, f"{i}: {_short(text)}") for i, text in sentences).get,
            key=f"{key}_sentence",
        )
        left, right, kind = st.columns(3)
        left.selectbox("Source", list(actors), format_func=lambda c: names.get(c, c), key=f"{key}_source")
        right.selectbox("Target", list(actors), index=min(1, max(len(actors) - 1, 0)),
                        format_func=lambda c: names.get(c, c), key=f"{key}_target")  # fmt: skip
        kind.selectbox("Event type", list(EVENT_TYPES), key=f"{key}_type")
        date, negated = st.columns([2, 1])
        date.text_input(
            "Event date",
            key=f"{key}_date",
            max_chars=40,
            placeholder=doc_date or "YYYY-MM-DD",
            help="YYYY-MM-DD, YYYY-MM or YYYY; empty: the article's date.",
        )
        negated.checkbox("Negated", key=f"{key}_negated", help="The text says it did not happen.")
        st.text_input("Note (optional)", key=f"{key}_note", max_chars=2000)
        if not reviewer:
            st.caption(NO_NAME)
        st.form_submit_button(
            "Add the relation",
            icon=":material/add:",
            disabled=not reviewer,
            on_click=_send_add,
            args=(on_review, doc_id, key),
        )


def _send_add(on_review: OnReview, doc_id: str, key: str) -> None:
    state = st.session_state
    changes = {
        "source": state.get(f"{key}_source", ""),
        "target": state.get(f"{key}_target", ""),
        "event_type": state.get(f"{key}_type", ""),
        "event_date": (state.get(f"{key}_date") or "").strip() or None,
        "sentence_id": state.get(f"{key}_sentence"),
        "negated": bool(state.get(f"{key}_negated")),
    }
    on_review(ReviewRequest("add", doc_id=doc_id, changes=changes, note=state.get(f"{key}_note", "")))


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: Pixels of the review-progress figure: two bars and the legend under them. Given to Streamlit too:
#: with its default height ("content") the figure came out zero pixels high (no bars).
PROGRESS_HEIGHT = 160


def progress_chart(figures: pd.DataFrame) -> alt.Chart:
    """Horizontal stacked bars of :func:`~components.review_data.progress_figures` (shares of each bar)."""
    return (
        alt.Chart(figures)
        .mark_bar()
        .encode(
            y=alt.Y("bar:N", title=None, sort=["Articles", "Extracted mentions"]),
            x=alt.X("share:Q", title=None, stack="zero", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "part:N",
                title="Review",
                scale=alt.Scale(domain=list(PROGRESS_PARTS), range=list(PROGRESS_PARTS.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("bar:N", title="Of"),
                alt.Tooltip("part:N", title="Review"),
                alt.Tooltip("count:Q", title="Count", format=","),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
            ],
        )
        .properties(height=PROGRESS_HEIGHT - 50)
    )


def render_review_progress(progress: pd.DataFrame, *, key: str) -> None:
    """The review-progress figure: articles fully / partly / not reviewed, extracted mentions by verdict."""
    st.caption(f"Review progress: {progress_caption(progress)}. An article is fully reviewed when every "
               "mention extracted from it has a verdict; fully reviewed articles can be written as gold "
               "(`python -m extraction gold --out DIR`).")  # fmt: skip
    draw_altair(progress_chart(progress_figures(progress)), key=f"{key}_chart", height=PROGRESS_HEIGHT)
