"""Analyst reviews in the dashboard, the pure parts: what a review button or form asks the store
to record (:class:`ReviewRequest`, :func:`record_review`), the changes a fix form makes, the
sentences an added mention can point at, and the review-progress figures. No Streamlit.

The store does the checking (unknown ids, actors, types, documents, bad dates: coded errors,
nothing written); :func:`record_review` turns its answer into a notice for the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from extraction.documents import split_sentences
from extraction.errors import ExtractionError, StoreBusy
from extraction.store import Store
from extraction.store.reports import VERDICT_DONE

from .markup import code_span

#: How each ``review_status`` value reads in the dashboard.
STATUS_LABELS: dict[str, str] = {
    "": "not reviewed",
    "confirmed": "confirmed",
    "fixed": "fixed by a reviewer",
    "added": "added by a reviewer",
    "rejected": "rejected (hidden unless the extraction is shown as extracted)",
}
BUSY = "The store is busy: another session is writing to it. Try again in a moment."
#: Characters of a date kept at each precision (``YYYY``, ``YYYY-MM``; day and doc: all).
_DATE_LENGTH = {"year": 4, "month": 7}


@dataclass(frozen=True)
class ReviewRequest:
    """One verdict to record.

    ``verdict`` is ``confirm``, ``reject`` or ``fix`` (on ``relation_id``) or ``add`` (in
    ``doc_id``). ``changes`` holds a fix's new values (``event_type``, ``source``,
    ``target``, ``event_date``, ``negated``), or an added mention's ``source``, ``target``,
    ``event_type``, ``event_date``, ``sentence_id``, ``negated``.
    """

    verdict: str
    relation_id: str = ""
    doc_id: str = ""
    changes: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""


def shown_date(row: Mapping[str, Any]) -> str:
    """A mention's event date at its precision: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    date = str(row.get("event_date", "") or "")
    return date[: _DATE_LENGTH.get(str(row.get("date_precision", "") or ""), 10)]


def fix_changes(
    row: Mapping[str, Any], *, event_type: str, reverse: bool, event_date: str, negated: bool
) -> dict[str, Any]:
    """The fields a fix form changes, compared with the mention shown: only those that differ.

    ``reverse`` swaps source and target; an empty or unchanged date (as :func:`shown_date`
    shows it) keeps the date.
    """
    changes: dict[str, Any] = {}
    if event_type and event_type != str(row.get("event_type", "")):
        changes["event_type"] = event_type
    if reverse:
        changes["source"], changes["target"] = str(row.get("target", "")), str(row.get("source", ""))
    date = (event_date or "").strip()
    if date and date != shown_date(row):
        changes["event_date"] = date
    if bool(negated) != bool(row.get("negated")):
        changes["negated"] = bool(negated)
    return changes


def record_review(store: Store, request: ReviewRequest, reviewer: str) -> tuple[str, str]:
    """Ask ``store`` to record ``request`` under ``reviewer``; a notice ``(kind, Markdown)`` for the page.

    ``kind`` is ``success``, ``info`` (a fix that changes nothing) or ``error`` (nothing was
    recorded: the store's coded message, or busy).
    """
    try:
        if request.verdict == "confirm":
            report = store.confirm(request.relation_id, reviewer=reviewer, note=request.note)
        elif request.verdict == "reject":
            report = store.reject(request.relation_id, reviewer=reviewer, note=request.note)
        elif request.verdict == "fix":
            if not request.changes:
                return "info", "Nothing to fix: change the type, the direction, the date or the negation first."
            report = store.fix(request.relation_id, reviewer=reviewer, note=request.note, **request.changes)
        elif request.verdict == "add":
            report = store.add_relation(request.doc_id, reviewer=reviewer, note=request.note, **request.changes)
        else:
            raise ValueError(f"unknown verdict {request.verdict!r}")
    except StoreBusy:
        return "error", BUSY
    except ExtractionError as exc:
        return "error", f"Nothing was recorded: {code_span(str(exc), 300)}"
    changed = f": {code_span(', '.join(report.changes), 200)}" if report.changes else ""
    return "success", (
        f"{VERDICT_DONE[report.verdict].capitalize()} {code_span(report.relation, 120)}{changed} "
        f"(relation {code_span(report.relation_id, 30)}, reviewer {code_span(report.reviewer, 40)})."
    )


def sentence_choices(text: str) -> list[tuple[int, str]]:
    """The sentences of an article as the extractor numbers them: ``(sentence_id, sentence)``."""
    return [(s.index, text[s.start : s.end]) for s in split_sentences(text or "")]


#: Order and colour of the review-progress bars' parts.
PROGRESS_PARTS: dict[str, str] = {
    "fully reviewed": "#1a9850",
    "partly reviewed": "#a6d96a",
    "confirmed": "#1a9850",
    "fixed": "#66bd63",
    "rejected": "#d73027",
    "not reviewed": "#d9d9d9",
}


def progress_figures(progress: pd.DataFrame) -> pd.DataFrame:
    """The review-progress figure's data from :meth:`~extraction.store.Store.review_progress`.

    One row per bar part: ``bar`` (``Articles`` or ``Extracted mentions``), ``part`` (a key of
    :data:`PROGRESS_PARTS`), ``count``, ``share`` (of the bar, 0..1) and ``order``.
    """
    articles = len(progress)
    full = int(progress["fully_reviewed"].sum()) if articles else 0
    partly = int(((progress["reviewed"] > 0) & ~progress["fully_reviewed"]).sum()) if articles else 0
    extracted = int(progress["extracted"].sum()) if articles else 0
    counts = {c: int(progress[c].sum()) if articles else 0 for c in ("confirmed", "fixed", "rejected")}
    rows = [
        ("Articles", "fully reviewed", full, articles),
        ("Articles", "partly reviewed", partly, articles),
        ("Articles", "not reviewed", articles - full - partly, articles),
        *(("Extracted mentions", part, n, extracted) for part, n in counts.items()),
        ("Extracted mentions", "not reviewed", extracted - sum(counts.values()), extracted),
    ]
    order = list(PROGRESS_PARTS)
    return pd.DataFrame(
        [
            {"bar": bar, "part": part, "count": n, "share": (n / total) if total else 0.0, "order": order.index(part)}
            for bar, part, n, total in rows
        ],
        columns=["bar", "part", "count", "share", "order"],
    )


def progress_caption(progress: pd.DataFrame) -> str:
    """``"articles fully reviewed: 2 of 3 · extracted mentions reviewed: 5 of 9 · 1 mention added by reviewers"``."""
    articles = len(progress)
    full = int(progress["fully_reviewed"].sum()) if articles else 0
    extracted = int(progress["extracted"].sum()) if articles else 0
    reviewed = int(progress["reviewed"].sum()) if articles else 0
    added = int(progress["added"].sum()) if articles else 0
    text = f"articles fully reviewed: {full:,} of {articles:,} · extracted mentions reviewed: {reviewed:,} of {extracted:,}"
    if added:
        text += f" · {added:,} mention{'s' if added != 1 else ''} added by reviewers"
    return text
