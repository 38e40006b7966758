"""CSV downloads: every view offers exactly the DataFrame it shows, in a file named after the
view and the filter. Pure functions, no Streamlit (the button is
:func:`components.ui.render_download`)."""

from __future__ import annotations

import re

import pandas as pd

from extraction.table import csv_bytes as table_csv_bytes

from .filters import Filters, format_number


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV file a download holds, as ``build --out x.csv`` and ``export`` write it
    (:func:`extraction.table.csv_bytes`): UTF-8 with a byte-order mark (Excel shows "→" in dyad
    labels), header row, no index, CRLF line ends, and text cells that a spreadsheet would run as
    a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) behind an apostrophe; numbers as they are."""
    return table_csv_bytes(frame)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _slug(text: str, limit: int = 30) -> str:
    return _UNSAFE.sub("-", text).strip("-._")[:limit].strip("-._")


def filters_slug(filters: Filters, *, limit: int = 120, counted: bool = False) -> str:
    """A short, file-name-safe description of the filter, e.g. ``USA-CHN_2018-01-01_2019-12-31``.

    ``counted``: the file's name already says what is counted (``events_...``), so the count
    mode is left out."""
    parts: list[str] = []
    if filters.countries:
        parts.append("-".join(_slug(c, 12) for c in filters.countries))
        if filters.match != "either":
            parts.append(filters.match)
    if filters.dyad:
        parts.append("dyad-" + "-".join(_slug(c, 12) for c in filters.dyad))
    if filters.date_from or filters.date_to:
        parts.append(filters.date_from.isoformat() if filters.date_from else "start")
        parts.append(filters.date_to.isoformat() if filters.date_to else "end")
    if filters.event_types:
        parts.append("-".join(_slug(t, 12) for t in filters.event_types))
    if filters.quad_classes:
        parts.append("-".join(_slug(q.replace(" ", ""), 20) for q in filters.quad_classes))
    if filters.include_negated:
        parts.append("neg")
    if filters.include_hypothetical:
        parts.append("hyp")
    if filters.min_confidence > 0:
        parts.append(f"conf{format_number(filters.min_confidence)}")
    if filters.text:
        parts.append("q-" + (_slug(filters.text) or "text"))
    if filters.article:
        parts.append("article-" + (_slug(filters.article) or "id"))
    if filters.origins:
        parts.append("origin-" + "-".join(_slug(o, 12) for o in filters.origins))
    if filters.count != "mentions" and not counted:
        parts.append(_slug(filters.count, 12) or "count")
    slug = "_".join(p for p in parts if p) or "all"
    return slug[:limit].strip("-._") or "all"


def download_name(view: str, filters: Filters, extension: str = "csv") -> str:
    """File name for a view's download: ``<view>_<filter slug>.<extension>`` (``events_USA.csv``, not
    ``events_USA_events.csv``: a name that starts with what is counted does not repeat it)."""
    view = _slug(view, 40) or "view"
    counted = view == filters.count or view.startswith(f"{filters.count}_")
    return f"{view}_{filters_slug(filters, counted=counted)}.{_slug(extension, 10) or 'csv'}"
