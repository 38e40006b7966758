"""The filter in the URL query string: :class:`~components.filters.Filters` to query parameters
and back. Reading never raises: a bad or stale value is dropped (or clamped) with a note to
show. Pure functions, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from datetime import date

from .filters import COUNT_MODES, MATCH_MODES, MAX_TEXT_LENGTH, QUERY_KEYS, FilterOptions, Filters, format_number
from .markup import code_span

#: Streamlit (1.67) ignores a whole query string with more parameters or characters than these, and
#: the script then sees no parameters at all (streamlit.runtime.state.query_params).
STREAMLIT_MAX_QUERY_FIELDS = 1000
STREAMLIT_MAX_QUERY_CHARS = 512 * 1024

#: Accepted spellings of the flags (``negated``, ``hypothetical``).
TRUE_VALUES = frozenset({"1", "true", "yes", "on"})
FALSE_VALUES = frozenset({"0", "false", "no", "off"})


def filters_to_query(filters: Filters) -> dict[str, str]:
    """Query parameters for ``filters``; default values are left out (an empty dict = no filter)."""
    default = Filters()
    out: dict[str, str] = {}
    for f in fields(Filters):
        value = getattr(filters, f.name)
        if value == getattr(default, f.name):
            continue
        name = QUERY_KEYS[f.name]
        if isinstance(value, tuple):
            out[name] = ",".join(value)
        elif isinstance(value, bool):
            out[name] = "1" if value else "0"
        elif isinstance(value, date):
            out[name] = value.isoformat()
        elif isinstance(value, float):
            out[name] = format_number(value)
        else:
            out[name] = str(value)
    return out


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _split(value: str | Sequence[str] | None) -> list[str]:
    items: list[str] = []
    for part in _as_list(value):
        items.extend(p.strip() for p in part.split(","))
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _last(value: str | Sequence[str] | None) -> str | None:
    values = _as_list(value)
    return values[-1].strip() if values else None


def _show(value: str, limit: int = 40) -> str:
    return code_span(value, limit)


def filters_from_query(params: Mapping[str, str | Sequence[str]], options: FilterOptions) -> tuple[Filters, list[str]]:
    """Read a filter from query parameters.

    Returns the filter and a list of human-readable notes, one per value that was
    ignored or adjusted (unknown actor, malformed date, out-of-range number, ...).
    Never raises on bad input. Lists may be comma-separated or repeated parameters.
    Unknown parameter names are ignored silently (Streamlit adds its own, e.g. ``embed``).
    """
    notes: list[str] = []
    values: dict[str, object] = {}

    def pick(name: str, raw: list[str], allowed: Sequence[str], what: str) -> tuple[str, ...]:
        allowed_set = set(allowed)
        kept = [v for v in raw if v in allowed_set]
        bad = [v for v in raw if v not in allowed_set]
        if bad:
            notes.append(f"Ignored {', '.join(_show(b) for b in bad)} in the link's `{name}`: not {what} in this data.")
        return tuple(kept)

    def choose(field_name: str, allowed: tuple[str, ...]) -> None:
        """A single-choice value: kept when allowed, else a note naming the choices."""
        key = QUERY_KEYS[field_name]
        raw = _last(params.get(key))
        if not raw:
            return
        if raw in allowed:
            values[field_name] = raw
        else:
            notes.append(f"Ignored {_show(raw)} in the link's `{key}`: use one of {', '.join(allowed)}.")

    key = QUERY_KEYS["countries"]
    if key in params:
        values["countries"] = pick(key, _split(params[key]), options.actors, "an actor")

    choose("match", MATCH_MODES)

    key = QUERY_KEYS["dyad"]
    if key in params:
        pair = _split(params[key])
        if not pair:
            pass
        elif len(pair) != 2:
            shown = ", ".join(_show(p) for p in pair[:3])
            notes.append(f"Ignored {shown} in the link's `{key}`: a dyad is two actors, source then target (USA,CHN).")
        elif all(a in set(options.actors) for a in pair):
            values["dyad"] = tuple(pair)
        else:
            bad = ", ".join(_show(a) for a in pair if a not in set(options.actors))
            notes.append(f"Ignored the link's `{key}`: {bad} is not an actor in this data.")

    for field_name in ("date_from", "date_to"):
        key = QUERY_KEYS[field_name]
        raw = _last(params.get(key))
        if not raw:
            continue
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            notes.append(f"Ignored {_show(raw)} in the link's `{key}`: not a date (use YYYY-MM-DD).")
            continue
        lo, hi = options.date_min, options.date_max
        if lo is not None and hi is not None and not lo <= day <= hi:
            clamped = min(max(day, lo), hi)
            notes.append(
                f"The link's `{key}` date {day.isoformat()} is outside the data "
                f"({lo.isoformat()} to {hi.isoformat()}): using {clamped.isoformat()}."
            )
            day = clamped
        values[field_name] = day
    start, end = values.get("date_from"), values.get("date_to")
    if isinstance(start, date) and isinstance(end, date) and start > end:
        notes.append("The link's `from` date is after its `to` date: swapped them.")
        values["date_from"], values["date_to"] = end, start

    key = QUERY_KEYS["event_types"]
    if key in params:
        values["event_types"] = pick(key, _split(params[key]), options.event_types, "an event type")
    key = QUERY_KEYS["quad_classes"]
    if key in params:
        values["quad_classes"] = pick(key, _split(params[key]), options.quad_classes, "a quad class")

    for field_name in ("include_negated", "include_hypothetical"):
        key = QUERY_KEYS[field_name]
        raw = _last(params.get(key))
        if raw is None or raw == "":
            continue
        if raw.lower() in TRUE_VALUES:
            values[field_name] = True
        elif raw.lower() in FALSE_VALUES:
            values[field_name] = False
        else:
            notes.append(f"Ignored {_show(raw)} in the link's `{key}`: use 1 or 0.")

    key = QUERY_KEYS["min_confidence"]
    raw = _last(params.get(key))
    if raw:
        try:
            conf = float(raw)
        except ValueError:
            conf = float("nan")
        if conf == conf and 0.0 <= conf <= 1.0:  # not NaN, in range
            values["min_confidence"] = conf
        else:
            notes.append(f"Ignored {_show(raw)} in the link's `{key}`: use a number from 0 to 1.")

    key = QUERY_KEYS["text"]
    raw = _last(params.get(key))
    if raw:
        if len(raw) > MAX_TEXT_LENGTH:
            notes.append(f"The link's `{key}` search text was cut to {MAX_TEXT_LENGTH} characters.")
            raw = raw[:MAX_TEXT_LENGTH]
        values["text"] = raw

    key = QUERY_KEYS["article"]
    raw = _last(params.get(key))
    if raw:
        if raw in options.articles:
            values["article"] = raw
        else:
            notes.append(f"Ignored {_show(raw)} in the link's `{key}`: no such article in this data.")

    key = QUERY_KEYS["origins"]
    if key in params:
        values["origins"] = pick(key, _split(params[key]), options.origins, "an origin")

    choose("count", COUNT_MODES)

    return replace(Filters(), **values), notes


def dropped_query_note_html() -> str:
    """HTML with a script that says so on the page when the browser's link holds more query
    parameters (or characters) than Streamlit reads: Streamlit then drops the whole query string
    before the app sees it, so the app cannot tell by itself. The script reads only
    ``location.search`` and writes only counts, as text; it shows nothing for any other link."""
    return f"""<div id="reldash-dropped-query" role="alert" hidden
 style="padding:0.75rem 1rem;border-radius:0.5rem;background:#fff8e6;color:#5c3c00;border:1px solid #f0d58c"></div>
<script>
(function () {{
  var box = document.getElementById("reldash-dropped-query");
  if (!box) return;
  var query = window.location.search.replace(/^\\?/, "");
  var fields = query ? query.split("&").length : 0;
  if (fields <= {STREAMLIT_MAX_QUERY_FIELDS} && query.length <= {STREAMLIT_MAX_QUERY_CHARS}) {{
    var holder = box.closest('[data-testid="stElementContainer"]');
    if (holder) holder.style.display = "none";  // no empty gap on the page
    return;
  }}
  var what = fields > {STREAMLIT_MAX_QUERY_FIELDS}
    ? fields.toLocaleString("en") + " parameters (the most Streamlit reads is {STREAMLIT_MAX_QUERY_FIELDS:,})"
    : query.length.toLocaleString("en") + " characters after the ? (the most Streamlit reads is {STREAMLIT_MAX_QUERY_CHARS:,})";
  box.textContent = "This link's filter was not applied: its query string has " + what +
    ", so the dashboard received none of it and shows all mentions. Share a shorter link: the address " +
    "bar shows the link of the current filter.";
  box.hidden = false;
}})();
</script>"""
