"""Events across articles: mentions of the same event grouped into one event.

Several articles (or several sentences of one article) often report the same
event. Relation rows with the same ``source``, ``target`` and ``event_type``
whose event dates fall within a window are one event, with a number of
articles and of mentions, like GDELT's NumArticles/NumMentions.

Dates are compared at the precision the extraction gives them:

* ``day`` and ``doc`` precision (a full date): rows are sorted by date and a new
  event starts when a row's date is more than ``window_days`` after the first
  date of the current event, so every event spans at most ``window_days`` days;
* ``month`` precision: one event per calendar month; ``year`` precision: one per year;
* no event date at all: one event per document.

Rows of different origins (``text``, ``gdelt``) are never merged. For GDELT rows,
which are already aggregated events, the ``gdelt_num_mentions`` and
``gdelt_num_articles`` columns (when present) are summed instead of counting rows
and documents.

Entry points: :func:`assign_event_ids` (tag each relation row) and
:func:`group_events` (one row per event). Both are pure functions.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

DEFAULT_WINDOW_DAYS = 3

#: Columns of :func:`group_events`'s result, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "origin",
    "source",
    "target",
    "event_type",
    "quad_class",
    "first_date",
    "last_date",
    "date_precision",
    "num_articles",
    "num_mentions",
    "mean_intensity",
    "doc_ids",
)

_DAY_PRECISIONS = frozenset({"day", "doc"})


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def _bucket(date: str, precision: str) -> tuple[str, str]:
    """(kind, key) of a row: kind 'day' rows are clustered by window; others by key."""
    if not date:
        return "none", ""
    if precision == "month":
        return "month", date[:7]
    if precision == "year":
        return "year", date[:4]
    if _parse_day(date) is None:
        return "none", ""
    return "day", ""


def assign_event_ids(df: pd.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """A copy of the relation table ``df`` with an ``event_id`` column (same index, same order).

    Event ids are readable and deterministic for a given table, e.g.
    ``USA>JPN:AGREE:2016-05-27`` (day windows, named by their first date),
    ``CHN>JPN:PROTEST:2016-05`` (month), ``KOR>JPN:SANCTION:undated:<doc_id>``;
    GDELT events are prefixed with ``gdelt:``.
    """
    if window_days < 0:
        raise ValueError("window_days must be >= 0")
    out = df.copy()
    if out.empty:
        out["event_id"] = pd.Series([], dtype=object, index=out.index)
        return out
    origin = _origin(out)
    dates = out["event_date"].fillna("").astype(str).to_numpy()
    precisions = out["date_precision"].fillna("").astype(str).to_numpy()
    doc_ids = out["doc_id"].astype(str).to_numpy()
    prefix = (
        np.where(origin == "text", "", origin + ":")
        + out["source"].astype(str).to_numpy()
        + ">"
        + out["target"].astype(str).to_numpy()
        + ":"
        + out["event_type"].astype(str).to_numpy()
        + ":"
    )
    ids = np.empty(len(out), dtype=object)
    day_rows: dict[str, list[tuple[dt.date, int]]] = {}
    for i in range(len(out)):
        kind, key = _bucket(dates[i], precisions[i])
        if kind == "day":
            day_rows.setdefault(prefix[i], []).append((_parse_day(dates[i]), i))
        elif kind == "none":
            ids[i] = f"{prefix[i]}undated:{doc_ids[i]}"
        else:
            ids[i] = prefix[i] + key
    window = dt.timedelta(days=window_days)
    for pre, rows in day_rows.items():
        rows.sort()
        start: dt.date | None = None
        for day, i in rows:
            if start is None or day - start > window:
                start = day
            ids[i] = pre + start.isoformat()
    out["event_id"] = ids
    return out


def _origin(df: pd.DataFrame) -> np.ndarray:
    if "origin" in df.columns:
        return df["origin"].fillna("text").astype(str).replace("", "text").to_numpy()
    return np.full(len(df), "text", dtype=object)


def group_events(df: pd.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """One row per event (columns :data:`EVENT_COLUMNS`), sorted by first date then event id.

    ``num_mentions`` counts relation rows, ``num_articles`` distinct documents
    (GDELT rows contribute their own counts); ``doc_ids`` is the sorted list of
    the documents; ``date_precision`` is the coarsest precision among the rows
    ("undated" when there is no date).
    """
    if df.empty:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in EVENT_COLUMNS}).astype(
            {"num_articles": "int64", "num_mentions": "int64", "mean_intensity": "float64"}
        )
    tagged = assign_event_ids(df, window_days)
    tagged["origin"] = _origin(tagged)
    n = len(tagged)
    mentions = np.ones(n, dtype="int64")
    if "gdelt_num_mentions" in tagged.columns:
        g = pd.to_numeric(tagged["gdelt_num_mentions"], errors="coerce")
        mentions = np.where(g.notna(), g.fillna(0), 1).astype("int64")
    first_of_doc = ~tagged.duplicated(["event_id", "doc_id"]).to_numpy()
    articles = first_of_doc.astype("int64")
    if "gdelt_num_articles" in tagged.columns:
        g = pd.to_numeric(tagged["gdelt_num_articles"], errors="coerce")
        articles = np.where(g.notna(), g.fillna(0), articles).astype("int64")
    tagged["_mentions"] = mentions
    tagged["_articles"] = articles
    tagged["_date"] = tagged["event_date"].fillna("").astype(str)
    kinds = [
        _bucket(d, p)[0]
        for d, p in zip(tagged["_date"], tagged["date_precision"].fillna("").astype(str), strict=True)
    ]
    tagged["_rank"] = pd.Series(kinds, index=tagged.index).map({"day": 0, "month": 1, "year": 2, "none": 3})
    tagged["intensity"] = pd.to_numeric(tagged["intensity"], errors="coerce")
    grouped = tagged.groupby("event_id", sort=False)
    result = pd.DataFrame(
        {
            "origin": grouped["origin"].first(),
            "source": grouped["source"].first(),
            "target": grouped["target"].first(),
            "event_type": grouped["event_type"].first(),
            "quad_class": grouped["quad_class"].first(),
            "first_date": grouped["_date"].min(),
            "last_date": grouped["_date"].max(),
            "date_precision": grouped["_rank"].max().map({0: "day", 1: "month", 2: "year", 3: "undated"}),
            "num_articles": grouped["_articles"].sum().astype("int64"),
            "num_mentions": grouped["_mentions"].sum().astype("int64"),
            "mean_intensity": grouped["intensity"].mean().astype("float64"),
            "doc_ids": grouped["doc_id"].agg(lambda s: sorted(set(map(str, s)))),
        }
    )
    result.index.name = "event_id"
    result = result.reset_index()
    result = result.sort_values(["first_date", "event_id"], kind="stable").reset_index(drop=True)
    return result[list(EVENT_COLUMNS)]
