"""The dashboard's filter: a typed value, how it applies to the relation table, and how it
round-trips through the URL query string. Pure functions, no Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date

import numpy as np
import pandas as pd

from extraction.schema import EVENT_TYPES, QUAD_CLASSES

from .prepare import relation_dates

#: How the country filter matches: the actor is the source, the target, either, or both
#: sides are among the picked countries (relations between them).
MATCH_MODES: tuple[str, ...] = ("either", "source", "target", "both")
MATCH_LABELS: dict[str, str] = {
    "either": "Source or target",
    "source": "Source",
    "target": "Target",
    "both": "Between them",
}

MAX_TEXT_LENGTH = 200

#: What the views count: every relation mention, or events (mentions of the same dyad, type and
#: date window grouped across articles, see :mod:`components.events`).
COUNT_MODES: tuple[str, ...] = ("mentions", "events")
COUNT_LABELS: dict[str, str] = {"mentions": "Mentions", "events": "Events"}
#: Where relation rows come from: extracted from text, or imported from GDELT.
ORIGIN_LABELS: dict[str, str] = {"text": "Text extraction", "gdelt": "GDELT import"}

#: Query-string parameter names, by Filters field.
QUERY_KEYS: dict[str, str] = {
    "countries": "countries",
    "match": "match",
    "date_from": "from",
    "date_to": "to",
    "event_types": "types",
    "quad_classes": "quads",
    "include_negated": "negated",
    "include_hypothetical": "hypothetical",
    "min_confidence": "conf",
    "text": "q",
    "article": "article",
    "origins": "origin",
    "count": "count",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Filters:
    """One filter state. Empty tuples mean "all"; ``None`` dates mean "open"."""

    countries: tuple[str, ...] = ()
    match: str = "either"
    date_from: date | None = None
    date_to: date | None = None
    event_types: tuple[str, ...] = ()
    quad_classes: tuple[str, ...] = ()
    include_negated: bool = False
    include_hypothetical: bool = False
    min_confidence: float = 0.0
    text: str = ""
    article: str = ""
    origins: tuple[str, ...] = ()
    count: str = "mentions"  # not a filter: what the views count (one of COUNT_MODES)

    def is_default(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class FilterOptions:
    """What the filter can choose from, derived from the loaded table."""

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = tuple(EVENT_TYPES)
    quad_classes: tuple[str, ...] = QUAD_CLASSES
    date_min: date | None = None
    date_max: date | None = None
    articles: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()  # the table's origins ("text", "gdelt"); empty without an origin column
    actor_names: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    article_titles: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)


def _distinct(values: pd.Series) -> list[str]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = values.cat.remove_unused_categories().cat.categories
        return [str(v) for v in present if str(v) != ""]
    return sorted({str(v) for v in values.dropna().unique() if str(v) != ""})


def ordered(values: Iterable[str], preferred: Sequence[str]) -> tuple[str, ...]:
    """``values`` in the order of ``preferred`` first, then the rest sorted."""
    values = set(values)
    head = [v for v in preferred if v in values]
    return tuple(head + sorted(values - set(head)))


def filter_options(
    df: pd.DataFrame,
    *,
    actor_order: Sequence[str] = (),
    actor_names: Mapping[str, str] | None = None,
) -> FilterOptions:
    """The choices offered by the sidebar for this table (actors in ``actor_order`` first)."""
    actors = ordered(_distinct(df["source"]) + _distinct(df["target"]), actor_order)
    extra_types = sorted(t for t in _distinct(df["event_type"]) if t not in EVENT_TYPES)
    event_types = tuple(EVENT_TYPES) + tuple(extra_types)
    dates = relation_dates(df).dropna()
    titles: dict[str, str] = {}
    if len(df):
        pairs = df[["doc_id", "doc_title"]].drop_duplicates("doc_id")
        titles = {str(k): str(v) for k, v in zip(pairs["doc_id"], pairs["doc_title"], strict=True)}
    articles = tuple(sorted(k for k in titles if k))
    origins = ordered(_distinct(df["origin"]), tuple(ORIGIN_LABELS)) if "origin" in df.columns else ()
    return FilterOptions(
        actors=actors,
        event_types=event_types,
        quad_classes=QUAD_CLASSES,
        date_min=dates.min().date() if len(dates) else None,
        date_max=dates.max().date() if len(dates) else None,
        articles=articles,
        origins=origins,
        actor_names=dict(actor_names or {}),
        article_titles=titles,
    )


# --------------------------------------------------------------------------- applying


def filter_mask(df: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Boolean mask of the rows that pass ``filters``."""
    n = len(df)
    mask = np.ones(n, dtype=bool)
    if n == 0:
        return mask
    if filters.countries:
        picked = list(filters.countries)
        src = df["source"].isin(picked).to_numpy(dtype=bool)
        tgt = df["target"].isin(picked).to_numpy(dtype=bool)
        mask &= {
            "source": src,
            "target": tgt,
            "both": src & tgt,
        }.get(filters.match, src | tgt)
    if filters.date_from is not None or filters.date_to is not None:
        dates = relation_dates(df)
        if filters.date_from is not None:
            mask &= (dates >= pd.Timestamp(filters.date_from)).to_numpy(dtype=bool)
        if filters.date_to is not None:
            mask &= (dates < pd.Timestamp(filters.date_to) + pd.Timedelta(days=1)).to_numpy(dtype=bool)
    if filters.event_types:
        mask &= df["event_type"].isin(list(filters.event_types)).to_numpy(dtype=bool)
    if filters.quad_classes:
        mask &= df["quad_class"].isin(list(filters.quad_classes)).to_numpy(dtype=bool)
    if not filters.include_negated:
        mask &= ~df["negated"].to_numpy(dtype=bool)
    if not filters.include_hypothetical:
        mask &= (df["modality"] != "hypothetical").to_numpy(dtype=bool)
    if filters.min_confidence > 0:
        conf = pd.to_numeric(df["confidence"], errors="coerce").to_numpy(dtype=float)
        mask &= np.nan_to_num(conf, nan=-1.0) >= filters.min_confidence
    if filters.text:
        # Only the rows still in play are searched: the slow part on large tables.
        rows = np.flatnonzero(mask)
        hits = df["sentence"].iloc[rows].str.contains(filters.text, case=False, regex=False, na=False)
        mask[rows] = hits.to_numpy(dtype=bool)
    if filters.article:
        mask &= (df["doc_id"] == filters.article).to_numpy(dtype=bool)
    if filters.origins and "origin" in df.columns:
        mask &= df["origin"].isin(list(filters.origins)).to_numpy(dtype=bool)
    return mask


def apply_filters(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``df`` that pass ``filters``, in their order, with a fresh 0..n-1 index."""
    return df[filter_mask(df, filters)].reset_index(drop=True)


# --------------------------------------------------------------------------- query string


def _fmt_float(value: float) -> str:
    return f"{value:g}"


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
            out[name] = _fmt_float(value)
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


def code_span(text: str, limit: int = 60) -> str:
    """Untrusted text as a Markdown code span: shown literally, never parsed.

    Streamlit renders alerts and captions as Markdown, where a value from a link such as
    ``![x](https://elsewhere/)`` would become an image the browser fetches. Inside a code
    span nothing is interpreted; backticks and line breaks, which could end the span, are
    replaced.
    """
    text = str(text)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    text = text.replace("`", "'").replace("\r", " ").replace("\n", " ")
    return f"`{text}`" if text.strip() else "`(empty)`"


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
        if raw.lower() in _TRUE:
            values[field_name] = True
        elif raw.lower() in _FALSE:
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
        if raw in set(options.articles):
            values["article"] = raw
        else:
            notes.append(f"Ignored {_show(raw)} in the link's `{key}`: no such article in this data.")

    key = QUERY_KEYS["origins"]
    if key in params:
        values["origins"] = pick(key, _split(params[key]), options.origins, "an origin")

    choose("count", COUNT_MODES)

    return replace(Filters(), **values), notes


# --------------------------------------------------------------------------- naming

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _slug(text: str, limit: int = 30) -> str:
    return _UNSAFE.sub("-", text).strip("-._")[:limit].strip("-._")


def filters_slug(filters: Filters, *, limit: int = 120) -> str:
    """A short, file-name-safe description of the filter, e.g. ``USA-CHN_2018-01-01_2019-12-31``."""
    parts: list[str] = []
    if filters.countries:
        parts.append("-".join(_slug(c, 12) for c in filters.countries))
        if filters.match != "either":
            parts.append(filters.match)
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
        parts.append(f"conf{_fmt_float(filters.min_confidence)}")
    if filters.text:
        parts.append("q-" + (_slug(filters.text) or "text"))
    if filters.article:
        parts.append("article-" + (_slug(filters.article) or "id"))
    if filters.origins:
        parts.append("origin-" + "-".join(_slug(o, 12) for o in filters.origins))
    if filters.count != "mentions":
        parts.append(_slug(filters.count, 12) or "count")
    slug = "_".join(p for p in parts if p) or "all"
    return slug[:limit].strip("-._") or "all"


def download_name(view: str, filters: Filters) -> str:
    """File name for a view's CSV download: ``<view>_<filter slug>.csv``."""
    return f"{_slug(view, 40) or 'view'}_{filters_slug(filters)}.csv"
