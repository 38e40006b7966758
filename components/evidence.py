"""Evidence, highlighted: the actors and trigger of a mention marked in its sentence (the
dashboard's evidence panel) or in its article's text (the Articles page).

Everything from the data (sentences, titles, URLs, actor texts) is untrusted: the HTML is
built from escaped pieces and only http(s) links are made clickable. Pure functions, no
Streamlit.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .article_list import source_label
from .markup import link_html

#: Highlight roles: (CSS background, label).
ROLES: dict[str, tuple[str, str]] = {
    "source": ("#cfe3f7", "source actor"),
    "target": ("#fde2c8", "target actor"),
    "trigger": ("#fff3a3", "trigger"),
}


#: Highlight roles in an article: (CSS background, label).
ARTICLE_ROLES: dict[str, tuple[str, str]] = {
    "actor": ("#cfe3f7", "actor"),
    "trigger": ("#fff3a3", "trigger"),
}


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


def evidence_html(row: Mapping[str, Any]) -> str:
    """The evidence panel for one mention: highlighted sentence, who did what to whom, article."""
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
    link = link_html(row.get("doc_url"))
    relation_id = str(row.get("relation_id", "") or "")
    try:
        sentence = f"sentence {int(row.get('sentence_id'))}" if int(row.get("sentence_id")) >= 0 else "no sentence"
    except (TypeError, ValueError):
        sentence = f"sentence {row.get('sentence_id', '')}"
    article = (
        f"<b>{title}</b> · {esc(str(row.get('doc_date', '') or 'undated'))} · {link}"
        f"<br/><small>article {esc(str(row.get('doc_id', '')))}, {esc(sentence)}"
        + (f", relation <code>{esc(relation_id)}</code>" if relation_id else "")
        + "</small>"
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


def _relation_label(row: Mapping[str, Any]) -> str:
    label = f"{row.get('source', '')} → {row.get('target', '')}: {row.get('event_type', '')}"
    if bool(row.get("negated")):
        label += " (negated)"
    modality = str(row.get("modality", "") or "")
    if modality and modality != "asserted":
        label += f" ({modality})"
    return label


def article_spans(text: str, relations: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """Sorted, non-overlapping (start, end, role, tooltip) spans of the actors and triggers in ``text``.

    Each mention's words are looked for in its evidence sentence, at the sentence's
    character span in the article (or where the sentence text is found, if the span
    does not match). Triggers get their mentions as tooltip ("USA → JPN: AGREE").
    """
    found: dict[tuple[int, int], tuple[str, list[str]]] = {}
    taken: list[tuple[int, int]] = []
    for row in relations.to_dict("records"):
        sentence = str(row.get("sentence", "") or "")
        if not sentence:
            continue
        try:
            start = int(row.get("sentence_start", -1))
        except (TypeError, ValueError):
            start = -1
        if start < 0 or text[start : start + len(sentence)] != sentence:
            start = text.find(sentence)
            if start < 0:
                continue
        local: list[tuple[int, int]] = []
        needles = [
            (str(row.get("source_text", "") or ""), "actor"),
            (str(row.get("target_text", "") or ""), "actor"),
            (str(row.get("trigger", "") or ""), "trigger"),
        ]
        for needle, role in sorted(needles, key=lambda item: -len(item[0])):
            span = find_span(sentence, needle, local)
            if span is None:
                continue
            local.append(span)
            absolute = (start + span[0], start + span[1])
            if absolute in found:
                if role == "trigger":
                    found[absolute][1].append(_relation_label(row))
                continue
            if any(absolute[0] < b and a < absolute[1] for a, b in taken):
                continue  # overlaps a span already marked
            taken.append(absolute)
            found[absolute] = (role, [_relation_label(row)] if role == "trigger" else [])
    spans = []
    for (start, end), (role, labels) in found.items():
        tip = "; ".join(dict.fromkeys(labels)) if labels else ARTICLE_ROLES[role][1]
        spans.append((start, end, role, tip))
    return sorted(spans)


def article_html(doc: Mapping[str, Any], relations: pd.DataFrame) -> str:
    """One article as HTML: escaped metadata, then its text with actors and triggers marked."""
    esc = html.escape
    text = str(doc.get("text", "") or "")
    title = esc(str(doc.get("title", "") or "(untitled)"))
    link = link_html(doc.get("url"))
    origin = source_label(doc.get("source_file"))
    meta = (
        f"{esc(str(doc.get('date', '') or 'undated'))} · {link}"
        f"<br/><small>article {esc(str(doc.get('doc_id', '')))}"
        + (f" · from {esc(origin)}" if origin else "")
        + f" · {len(relations)} mention{'s' if len(relations) != 1 else ''}</small>"
    )
    legend = " ".join(
        f'<mark style="background:{colour};padding:0 4px;border-radius:3px">{label}</mark>'
        for colour, label in ARTICLE_ROLES.values()
    )
    body = marked_html(text, article_spans(text, relations), ARTICLE_ROLES)
    return (
        '<div class="article" style="border-left:4px solid #6c7ae0;padding:0.4rem 0.9rem;'
        'background:#fafafc;border-radius:4px;line-height:1.6">'
        f'<div class="article-title" style="font-size:1.2rem;font-weight:600">{title}</div>'
        f'<div class="article-meta" style="margin-top:0.2rem">{meta}</div>'
        f'<div style="margin-top:0.3rem;font-size:0.8rem;color:#666">{legend} '
        "(hover a trigger for its mention)</div>"
        '<div class="article-text" style="margin-top:0.6rem;white-space:pre-wrap;max-height:70vh;'
        f'overflow-y:auto">{body}</div>'
        "</div>"
    )


def evidence_list_html(doc: Mapping[str, Any], relations: pd.DataFrame) -> str:
    """A table article (no text stored): escaped metadata and its evidence sentences, marked."""
    esc = html.escape
    link = link_html(doc.get("url"))
    items = "".join(
        f"<li>{highlight_sentence(row)} <small>({esc(_relation_label(row))})</small></li>"
        for row in relations.to_dict("records")
    )
    return (
        '<div class="article" style="border-left:4px solid #6c7ae0;padding:0.4rem 0.9rem;'
        'background:#fafafc;border-radius:4px;line-height:1.6">'
        f'<div class="article-title" style="font-size:1.2rem;font-weight:600">'
        f"{esc(str(doc.get('title', '') or '(untitled)'))}</div>"
        f"<div>{esc(str(doc.get('date', '') or 'undated'))} · {link}</div>"
        f'<ul class="article-evidence" style="margin-top:0.5rem">{items}</ul>'
        "</div>"
    )
