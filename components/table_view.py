"""Table: the filtered relations (first rows shown, all downloadable) and the evidence of the
selected row, with the two actors and the trigger highlighted.

Everything from the data (sentences, titles, URLs, actor texts) is untrusted: it is
HTML-escaped before it reaches the page, and only http(s) links are made clickable.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from .downloads import render_download
from .filters import Filters
from .prepare import public_frame

#: Rows sent to the browser; the download has all of them.
DEFAULT_LIMIT = 1000

TABLE_COLUMNS: tuple[str, ...] = (
    "event_date",
    "source",
    "event_type",
    "target",
    "quad_class",
    "intensity",
    "confidence",
    "negated",
    "modality",
    "trigger",
    "sentence",
    "doc_title",
    "doc_id",
)
#: Shown when the frame has them: after the date when counting events, and at the end.
EVENT_COUNT_COLUMNS: tuple[str, ...] = ("num_articles", "num_mentions")
TRAILING_COLUMNS: tuple[str, ...] = ("origin", "event_id")

#: Highlight roles: (CSS background, label).
ROLES: dict[str, tuple[str, str]] = {
    "source": ("#cfe3f7", "source actor"),
    "target": ("#fde2c8", "target actor"),
    "trigger": ("#fff3a3", "trigger"),
}


def table_rows(df: pd.DataFrame, *, limit: int = DEFAULT_LIMIT) -> pd.DataFrame:
    """The rows the table shows: the first ``limit`` relations, in :data:`TABLE_COLUMNS` (plus the
    event counts, origin and event id when ``df`` has them)."""
    order = (TABLE_COLUMNS[0], *EVENT_COUNT_COLUMNS, *TABLE_COLUMNS[1:], *TRAILING_COLUMNS)
    columns = [c for c in order if c in df.columns]
    return df.iloc[:limit][columns].reset_index(drop=True)


def find_span(sentence: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``sentence`` (case-insensitive), not overlapping ``taken``.

    Whole-word matches are preferred over matches inside a word.
    """
    needle = needle.strip()
    if not needle or not sentence:
        return None
    escaped = re.escape(needle)
    for pattern in (rf"(?<!\w){escaped}(?!\w)", escaped):
        for match in re.finditer(pattern, sentence, flags=re.IGNORECASE):
            start, end = match.span()
            if all(end <= a or start >= b for a, b in taken):
                return start, end
    return None


def highlight_spans(row: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """Sorted (start, end, role) spans of the source text, target text and trigger."""
    sentence = str(row.get("sentence", "") or "")
    taken: list[tuple[int, int]] = []
    spans: list[tuple[int, int, str]] = []
    # Longest first, so "South Korea" wins over a trigger like "Korea" inside it.
    needles = [(str(row.get(f"{role}_text" if role != "trigger" else "trigger", "") or ""), role) for role in ROLES]
    for needle, role in sorted(needles, key=lambda item: -len(item[0])):
        span = find_span(sentence, needle, taken)
        if span:
            taken.append(span)
            spans.append((span[0], span[1], role))
    return sorted(spans)


def marked_html(
    text: str,
    spans: Sequence[tuple[int, int, str]] | Sequence[tuple[int, int, str, str]],
    roles: Mapping[str, tuple[str, str]] = ROLES,
) -> str:
    """``text`` as HTML, escaped piece by piece, with ``<mark class="ev-ROLE">`` around the spans.

    ``spans`` are sorted, non-overlapping ``(start, end, role)`` or ``(start, end, role, tooltip)``;
    the tooltip (default: the role's label) is escaped too. Nothing from ``text`` or the
    tooltips reaches the page unescaped.
    """
    parts: list[str] = []
    pos = 0
    for span in spans:
        start, end, role = span[0], span[1], span[2]
        if start < pos or end <= start:
            continue  # overlapping or empty: leave unmarked
        colour, label = roles[role]
        tip = span[3] if len(span) > 3 else label  # type: ignore[misc]
        parts.append(html.escape(text[pos:start]))
        parts.append(
            f'<mark class="ev-{html.escape(role, quote=True)}" title="{html.escape(str(tip), quote=True)}" '
            f'style="background:{colour};padding:0 2px;border-radius:3px">'
            f"{html.escape(text[start:end])}</mark>"
        )
        pos = end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def highlight_sentence(row: Mapping[str, Any]) -> str:
    """The evidence sentence as HTML: escaped, with ``<mark>`` around actors and trigger."""
    return marked_html(str(row.get("sentence", "") or ""), highlight_spans(row))


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (no javascript:, data:, ...)."""
    text = str(url or "").strip()
    if not text or any(c in text for c in "\r\n\t<>\"' "):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def evidence_html(row: Mapping[str, Any]) -> str:
    """The evidence panel for one relation: highlighted sentence, relation, article."""
    esc = html.escape
    legend = " ".join(
        f'<mark style="background:{colour};padding:0 4px;border-radius:3px">{label}</mark>'
        for colour, label in ROLES.values()
    )
    flags = []
    if bool(row.get("negated")):
        flags.append("negated")
    modality = str(row.get("modality", "") or "")
    if modality and modality != "asserted":
        flags.append(modality)
    try:
        intensity = f"{float(row.get('intensity')):+.1f}"
    except (TypeError, ValueError):
        intensity = "?"
    try:
        confidence = f"{float(row.get('confidence')):.2f}"
    except (TypeError, ValueError):
        confidence = "?"
    relation = (
        f"<b>{esc(str(row.get('source', '')))}</b> → <b>{esc(str(row.get('target', '')))}</b>: "
        f"{esc(str(row.get('event_type', '')))} ({esc(str(row.get('quad_class', '')))}, "
        f"intensity {esc(intensity)}), confidence {esc(confidence)}"
        + (f" · <i>{esc(', '.join(flags))}</i>" if flags else "")
        + (f" · event date {esc(str(row.get('event_date')))}" if row.get("event_date") else "")
    )
    title = esc(str(row.get("doc_title", "") or "(untitled)"))
    url = safe_url(row.get("doc_url"))
    link = (
        f'<a href="{esc(url, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">{esc(url)}</a>'
        if url
        else esc(str(row.get("doc_url", "") or "no link"))
    )
    article = (
        f"<b>{title}</b> · {esc(str(row.get('doc_date', '') or 'undated'))} · {link}"
        f"<br/><small>article {esc(str(row.get('doc_id', '')))}, sentence "
        f"{esc(str(row.get('sentence_id', '')))}</small>"
    )
    return (
        '<div class="evidence" style="border-left:4px solid #6c7ae0;padding:0.4rem 0.9rem;'
        'background:#fafafc;border-radius:4px;line-height:1.6">'
        f'<div style="font-size:1.05rem">“{highlight_sentence(row)}”</div>'
        f'<div style="margin-top:0.4rem">{relation}</div>'
        f'<div style="margin-top:0.2rem">{article}</div>'
        f'<div style="margin-top:0.3rem;font-size:0.8rem;color:#666">{legend}</div>'
        "</div>"
    )


def render_table(
    df: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    limit: int = DEFAULT_LIMIT,
    noun: str = "relations",
) -> pd.DataFrame:
    """The relations table with row selection and the evidence panel.

    Returns the rows shown. The download holds every filtered relation, all columns.
    ``noun="events"`` when ``df`` holds one row per event (its most confident mention).
    """
    if df.empty:
        st.info(f"No {noun} match this filter.")
        return table_rows(df, limit=limit)
    rows = table_rows(df, limit=limit)
    if len(df) > limit:
        st.caption(
            f"Showing the first {limit:,} of {len(df):,} {noun} (newest first). The download below has all of them."
        )
    else:
        st.caption(f"{len(df):,} {noun}, newest first. Click a column header to sort, a row to read it.")
    if noun == "events":
        st.caption(
            "One row per event: its most confident mention, with the number of articles and of mentions "
            "that report it."
        )
    event = st.dataframe(
        rows,
        key=f"{key}_grid",
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        lazy=False,
        height=360,
        column_config={
            "event_date": st.column_config.TextColumn("Date"),
            "intensity": st.column_config.NumberColumn("Intensity", format="%+.1f"),
            "confidence": st.column_config.NumberColumn("Conf.", format="%.2f"),
            "sentence": st.column_config.TextColumn("Sentence", width="large"),
            "doc_title": st.column_config.TextColumn("Article", width="medium"),
            "num_articles": st.column_config.NumberColumn("Articles", format="%d"),
            "num_mentions": st.column_config.NumberColumn("Mentions", format="%d"),
            "event_id": st.column_config.TextColumn("Event"),
        },
    )
    render_download(
        public_frame(df), key=key, view=noun, filters=filters, label=f"Download {noun} (CSV)"
    )
    selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if selected and 0 <= selected[0] < len(rows):
        st.markdown("**Evidence**")
        st.html(evidence_html(df.iloc[selected[0]].to_dict()))
    else:
        st.caption("Select a row to read its evidence sentence and article.")
    return rows
