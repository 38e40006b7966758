"""The dashboard's filter: a typed value, the choices a table offers, and how it applies to the
relation table. Pure functions, no Streamlit. The URL round trip is :mod:`components.query`;
the widgets' state is :mod:`components.filter_state`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date

import numpy as np
import pandas as pd

from extraction.schema import EVENT_TYPES, QUAD_CLASSES

from .prepare import relation_dates

#: How the country filter matches: the actor is the source, the target, either, or both
#: sides are among the picked countries (mentions between them).
MATCH_MODES: tuple[str, ...] = ("either", "source", "target", "both")
MATCH_LABELS: dict[str, str] = {
    "either": "Source or target",
    "source": "Source",
    "target": "Target",
    "both": "Between them",
}

MAX_TEXT_LENGTH = 200

#: What the views count: every event mention (row), or events (mentions of the same dyad, type and
#: date window grouped across articles, see :mod:`components.events`).
COUNT_MODES: tuple[str, ...] = ("mentions", "events")
COUNT_LABELS: dict[str, str] = {"mentions": "Mentions", "events": "Events"}
#: Where the rows come from: extracted from text, or imported from GDELT.
ORIGIN_LABELS: dict[str, str] = {"text": "Text extraction", "gdelt": "GDELT import"}

#: Key of a Filters field's metadata: its query-string parameter name.
QUERY = "query"


def _field(default, query: str):
    return field(default=default, metadata={QUERY: query})


@dataclass(frozen=True)
class Filters:
    """One filter state. Empty tuples mean "all"; ``None`` dates mean "open". Each field's
    metadata names its query-string parameter (:data:`QUERY_KEYS`)."""

    countries: tuple[str, ...] = _field((), "countries")
    match: str = _field("either", "match")
    dyad: tuple[str, ...] = _field((), "dyad")  # one directed pair (source, target), or () for every pair
    date_from: date | None = _field(None, "from")
    date_to: date | None = _field(None, "to")
    event_types: tuple[str, ...] = _field((), "types")
    quad_classes: tuple[str, ...] = _field((), "quads")
    include_negated: bool = _field(False, "negated")
    include_hypothetical: bool = _field(False, "hypothetical")
    min_confidence: float = _field(0.0, "conf")
    text: str = _field("", "q")
    article: str = _field("", "article")
    origins: tuple[str, ...] = _field((), "origin")
    count: str = _field("mentions", "count")  # not a filter: what the views count (one of COUNT_MODES)

    def is_default(self) -> bool:
        return self == Filters()


#: Query-string parameter names, by Filters field (the fields' ``query`` metadata).
QUERY_KEYS: dict[str, str] = {f.name: f.metadata[QUERY] for f in fields(Filters)}


#: Up to this many articles, the filter's choices list every article id (and its title).
MAX_LISTED_ARTICLES = 5000


@dataclass(frozen=True)
class ArticleIds:
    """The article ids a table holds: all of them (``listed``, sorted) when there are at most
    :data:`MAX_LISTED_ARTICLES`, else only their number, with ``lookup(doc_id)`` to ask
    whether one is there (a query: millions of ids are never held in memory)."""

    listed: tuple[str, ...] = ()
    count: int = 0
    lookup: Callable[[str], bool] | None = field(default=None, compare=False)

    @property
    def complete(self) -> bool:
        return len(self.listed) == self.count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[str]:
        return iter(self.listed)

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str) or not doc_id:
            return False
        if self.complete or self.lookup is None:
            return doc_id in self._members()
        return bool(self.lookup(doc_id))

    def _members(self) -> frozenset[str]:
        members = self.__dict__.get("_set")
        if members is None:
            members = frozenset(self.listed)
            object.__setattr__(self, "_set", members)
        return members

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_set"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


@dataclass(frozen=True)
class FilterOptions:
    """What the filter can choose from, derived from the loaded table."""

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = tuple(EVENT_TYPES)
    quad_classes: tuple[str, ...] = QUAD_CLASSES
    date_min: date | None = None
    date_max: date | None = None
    articles: ArticleIds = field(default_factory=ArticleIds)
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
    ids = tuple(sorted(k for k in titles if k))
    articles = ArticleIds(ids, len(ids))
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
    if len(filters.dyad) == 2:
        source, target = filters.dyad
        mask &= ((df["source"] == source) & (df["target"] == target)).to_numpy(dtype=bool)
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


def format_number(value: float) -> str:
    """A number as the URL and file names write it (``0.65``, ``1``)."""
    return f"{value:g}"
