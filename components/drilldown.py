"""Drill-down: the mentions behind a selected aggregate (a country, a dyad, a date range picked on a
chart), each with its evidence sentence highlighted and a link to its article.

Everything from the data (sentences, titles, URLs, actor texts) is escaped; only http(s) URLs
become links (:func:`components.markup.link_html`). Pure functions, no Streamlit.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .evidence import ROLES, highlight_sentence
from .markup import link_html
from .review_data import shown_date

#: Mentions listed at first; "Show more" adds as many again.
PAGE = 20


def _flags(row: Mapping[str, Any]) -> str:
    flags = []
    if bool(row.get("negated")):
        flags.append("negated")
    modality = str(row.get("modality", "") or "")
    if modality and modality != "asserted":
        flags.append(modality)
    return f" · <i>{html.escape(', '.join(flags))}</i>" if flags else ""


def mention_item(row: Mapping[str, Any]) -> str:
    """One mention as a list item: date (as precise as it is), who did what to whom, the sentence
    with its actors and trigger marked, the article's title and link."""
    esc = html.escape
    when = shown_date(row) or str(row.get("doc_date", "") or "") or "undated"
    head = (
        f"<b>{esc(when)}</b> · <b>{esc(str(row.get('source', '')))}</b> → <b>{esc(str(row.get('target', '')))}</b>: "
        f"{esc(str(row.get('event_type', '')))} <small>({esc(str(row.get('quad_class', '')))})</small>{_flags(row)}"
    )
    title = esc(str(row.get("doc_title", "") or "(untitled)"))
    link = link_html(row.get("doc_url"), missing="no link")
    return (
        '<li class="drill-item" style="margin:0 0 0.55rem 0">'
        f"<div>{head}</div>"
        f'<div class="drill-sentence" style="margin:0.1rem 0">“{highlight_sentence(row)}”</div>'
        f'<div style="font-size:0.85rem;color:#555">{title} · {link}</div>'
        "</li>"
    )


def drilldown_html(rows: pd.DataFrame, *, shown: int = PAGE) -> str:
    """The first ``shown`` mentions of ``rows`` as an HTML list, with the highlight legend."""
    legend = " ".join(
        f'<mark style="background:{colour};padding:0 4px;border-radius:3px">{label}</mark>' for colour, label in ROLES.values()
    )
    items = "".join(mention_item(row) for row in rows.head(max(shown, 0)).to_dict("records"))
    return (
        '<div class="drilldown" style="line-height:1.5">'
        f'<div style="font-size:0.8rem;color:#666;margin-bottom:0.4rem">{legend}</div>'
        f'<ol style="padding-left:1.3rem;margin:0">{items}</ol>'
        "</div>"
    )
