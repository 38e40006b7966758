"""Cross-filtering: what a click on a chart picked, and the filter it leads to.

A click on a map marker or a network node picks a *country*; on a map arc, a network edge or a
dyad-matrix cell, a *dyad* (source -> target); a brush over a timeline picks a *date range*.
:func:`apply_pick` turns a pick into the next :class:`~components.filters.Filters` (the page
then puts it in the sidebar's widgets, so it is in the URL and can be undone like any filter
change). Clicking the picked country or dyad again clears it.

The selection states come back from the browser (Streamlit's ``on_select`` events of Vega-Lite
and pydeck charts): they are untrusted, so every value is checked against the data's actors
and dates and dropped when it does not fit. Pure functions, no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from .filters import FilterOptions, Filters

#: Kinds of pick, and the Vega-Lite selection parameters the views name after them.
COUNTRY, DYAD, DATES = "country", "dyad", "dates"
PARAMS: dict[str, str] = {COUNTRY: "pick_country", DYAD: "pick_dyad", DATES: "pick_dates"}
#: Parameter names must differ between the layers of one chart: a layer's may add ``_<suffix>``.


@dataclass(frozen=True)
class Pick:
    """A click's pick: ``kind`` is :data:`COUNTRY` (``values = (code,)``), :data:`DYAD`
    (``(source, target)``) or :data:`DATES` (``(first day, last day)``)."""

    kind: str
    values: tuple


def _text(value: Any, limit: int = 64) -> str:
    return str(value)[:limit] if isinstance(value, str | int) else ""


def _first(items: Any) -> Mapping[str, Any] | None:
    if isinstance(items, Sequence) and not isinstance(items, str) and items:
        item = items[0]
        return item if isinstance(item, Mapping) else None
    return None


def _day(value: Any) -> date | None:
    """A Vega-Lite interval end as a day: epoch milliseconds (UTC), or an ISO date text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > 1e15:
            return None
        return datetime.fromtimestamp(value / 1000.0, tz=UTC).date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _kind_param(name: str) -> str:
    """The kind's parameter a chart's parameter stands for: ``pick_dyad_line`` is a ``pick_dyad``
    (a layered chart names each layer's parameter apart)."""
    for param in PARAMS.values():
        if name == param or name.startswith(param + "_"):
            return param
    return name


def vega_pick(state: Mapping[str, Any] | None) -> Pick | None:
    """The pick of a Vega-Lite chart's selection state (``{"selection": {param: value}}``), or None.

    Point selections name their fields: ``actor`` for a country, ``source`` and ``target`` for a
    dyad. An interval over time (any field; its two ends in epoch milliseconds) is a date range.
    """
    selection = (state or {}).get("selection") if isinstance(state, Mapping) else None
    if not isinstance(selection, Mapping):
        return None
    for name, value in selection.items():
        param = _kind_param(str(name))
        if param == PARAMS[DATES] and isinstance(value, Mapping):
            for ends in value.values():
                if isinstance(ends, Sequence) and not isinstance(ends, str) and len(ends) == 2:
                    first, last = _day(ends[0]), _day(ends[1])
                    if first and last:
                        return Pick(DATES, (min(first, last), max(first, last)))
        point = _first(value)
        if point is None:
            continue
        if param == PARAMS[COUNTRY] and _text(point.get("actor")):
            return Pick(COUNTRY, (_text(point["actor"]),))
        if param == PARAMS[DYAD] and _text(point.get("source")) and _text(point.get("target")):
            return Pick(DYAD, (_text(point["source"]), _text(point["target"])))
    return None


def deck_pick(state: Mapping[str, Any] | None) -> Pick | None:
    """The pick of a pydeck chart's selection state (``{"selection": {"objects": {layer: [record]}}}``):
    a marker of the ``actors`` layer is a country, a path of the ``arcs`` layer a dyad."""
    selection = (state or {}).get("selection") if isinstance(state, Mapping) else None
    objects = selection.get("objects") if isinstance(selection, Mapping) else None
    if not isinstance(objects, Mapping):
        return None
    marker = _first(objects.get("actors"))
    if marker is not None and _text(marker.get("actor")):
        return Pick(COUNTRY, (_text(marker["actor"]),))
    arc = _first(objects.get("arcs"))
    if arc is not None and _text(arc.get("source")) and _text(arc.get("target")):
        return Pick(DYAD, (_text(arc["source"]), _text(arc["target"])))
    return None


def apply_pick(filters: Filters, pick: Pick | None, options: FilterOptions) -> Filters:
    """The filter after ``pick``: a country becomes the only country filtered on (the match mode
    stays); a dyad the dyad; a date range the dates (clamped to the data's). Picking the country or
    dyad already filtered on clears it. A pick naming an actor or a date the data does not have
    leaves the filter as it was."""
    if pick is None:
        return filters
    actors = set(options.actors)
    if pick.kind == COUNTRY and len(pick.values) == 1 and pick.values[0] in actors:
        chosen = tuple(pick.values)
        return replace(filters, countries=() if filters.countries == chosen else chosen)
    if pick.kind == DYAD and len(pick.values) == 2 and set(pick.values) <= actors and pick.values[0] != pick.values[1]:
        chosen = tuple(pick.values)
        return replace(filters, dyad=() if filters.dyad == chosen else chosen)
    if pick.kind == DATES and len(pick.values) == 2 and all(isinstance(d, date) for d in pick.values):
        first, last = sorted(pick.values)
        lo, hi = options.date_min, options.date_max
        if lo is not None and hi is not None:
            if last < lo or first > hi:
                return filters
            first, last = max(first, lo), min(last, hi)
        return replace(
            filters,
            date_from=None if first == lo else first,
            date_to=None if last == hi else last,
        )
    return filters


@dataclass(frozen=True)
class Chip:
    """One active part of the cross-filter, as the selection bar shows it: a label, and the
    filter without it (what its remove button leads to)."""

    label: str
    without: Filters


def selection_chips(filters: Filters, names: Mapping[str, str] | None = None) -> list[Chip]:
    """The parts of ``filters`` a click can set (countries, dyad, dates), each with the filter
    that remains when it is removed; in that order, empty when none is set."""
    names = names or {}
    chips: list[Chip] = []
    if filters.countries:
        shown = ", ".join(filters.countries)
        label = f"Country: {shown}" if len(filters.countries) == 1 else f"Countries: {shown}"
        if len(filters.countries) == 1 and filters.countries[0] in names:
            label += f" ({names[filters.countries[0]]})"
        chips.append(Chip(label, replace(filters, countries=())))
    if filters.dyad:
        chips.append(Chip(f"Dyad: {filters.dyad[0]} → {filters.dyad[1]}", replace(filters, dyad=())))
    if filters.date_from or filters.date_to:
        first = filters.date_from.isoformat() if filters.date_from else "first date"
        last = filters.date_to.isoformat() if filters.date_to else "last date"
        chips.append(Chip(f"Dates: {first} to {last}", replace(filters, date_from=None, date_to=None)))
    return chips


def without_selection(filters: Filters) -> Filters:
    """``filters`` without the parts a click can set (countries, dyad, dates)."""
    return replace(filters, countries=(), dyad=(), date_from=None, date_to=None)
