"""The sidebar's widget state and the filter it stands for: widget keys, the widget values that
show a filter, and the filter that widget values mean. Pure functions, no Streamlit
(:mod:`components.sidebar` draws the widgets)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from .filters import COUNT_MODES, MATCH_MODES, MAX_TEXT_LENGTH, FilterOptions, Filters

#: How a dyad reads in the sidebar: source, arrow, target.
DYAD_ARROW = " → "


def dyad_text(pair: tuple[str, ...]) -> str:
    """``("USA", "CHN")`` -> ``"USA → CHN"``; ``""`` for no dyad."""
    return DYAD_ARROW.join(pair) if len(pair) == 2 else ""


def dyad_pair(text: str) -> tuple[str, ...]:
    """``"USA → CHN"`` -> ``("USA", "CHN")``; ``()`` for anything else."""
    parts = [p.strip() for p in str(text or "").split(DYAD_ARROW.strip())]
    return tuple(parts) if len(parts) == 2 and all(parts) else ()


def dyad_choices(actors: tuple[str, ...]) -> list[str]:
    """Every directed pair of two different actors, as the sidebar lists them (``""`` first: no dyad)."""
    return ["", *(dyad_text((s, t)) for s in actors for t in actors if s != t)]

#: The widgets, by name: the filter fields, with one date range widget for both dates.
FIELDS: tuple[str, ...] = (
    "count",
    "countries",
    "match",
    "dyad",
    "dates",
    "event_types",
    "quad_classes",
    "include_negated",
    "include_hypothetical",
    "min_confidence",
    "text",
    "article",
    "origins",
)


def widget_keys(key: str) -> dict[str, str]:
    """Session-state key of each filter widget."""
    return {name: f"{key}_{name}" for name in FIELDS}


def widget_values(filters: Filters, options: FilterOptions) -> dict[str, Any]:
    """Widget values (by field name) that show ``filters``."""
    values = asdict(filters)
    start = filters.date_from or options.date_min
    end = filters.date_to or options.date_max
    return {
        "countries": list(filters.countries),
        "match": filters.match,
        "dyad": dyad_text(filters.dyad),
        "dates": (start, end) if start and end else (),
        "event_types": list(filters.event_types),
        "quad_classes": list(filters.quad_classes),
        "include_negated": values["include_negated"],
        "include_hypothetical": values["include_hypothetical"],
        "min_confidence": float(filters.min_confidence),
        "text": filters.text,
        "article": filters.article,
        "origins": list(filters.origins),
        "count": filters.count,
    }


def filters_from_widgets(values: Mapping[str, Any], options: FilterOptions) -> Filters:
    """The :class:`Filters` that widget values (by field name) stand for."""
    dates = tuple(d for d in (values.get("dates") or ()) if isinstance(d, date))
    start = dates[0] if dates else None
    end = dates[1] if len(dates) > 1 else None
    if start is not None and start == options.date_min:
        start = None
    if end is not None and end == options.date_max:
        end = None
    article = str(values.get("article") or "").strip()
    if article and article not in options.articles:
        article = ""
    match = values.get("match") or "either"
    dyad = dyad_pair(values.get("dyad") or "")
    if dyad and not set(dyad) <= set(options.actors):
        dyad = ()
    count = values.get("count") or "mentions"
    return Filters(
        countries=tuple(values.get("countries") or ()),
        match=match if match in MATCH_MODES else "either",
        dyad=dyad,
        date_from=start,
        date_to=end,
        event_types=tuple(values.get("event_types") or ()),
        quad_classes=tuple(values.get("quad_classes") or ()),
        include_negated=bool(values.get("include_negated")),
        include_hypothetical=bool(values.get("include_hypothetical")),
        min_confidence=round(float(values.get("min_confidence") or 0.0), 4),
        text=str(values.get("text") or "").strip()[:MAX_TEXT_LENGTH],
        article=article,
        origins=tuple(values.get("origins") or ()),
        count=count if count in COUNT_MODES else "mentions",
    )
