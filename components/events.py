"""Counting events instead of mentions: the mentions (relation rows) of one event, grouped across articles.

An event is what :func:`extraction.grouping.assign_event_ids` groups: rows with the same
source, target and event type whose dates fall within a window (or the same month or year
at coarser precision), across articles, like GDELT's NumArticles/NumMentions. Here a
negated mention ("did not sanction") and a hypothetical one ("could sanction") are kept
apart from the asserted ones: they are not reports of the same thing.

Event ids are computed once per loaded table (:func:`event_ids`, cached in
``components/data_source.py``), so that an event keeps its id whatever the filter; the
filtered mentions are then collapsed to one row per event (:func:`event_rows`), which is
what every view counts when the user picks "Events". Pure functions, no Streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from extraction.grouping import DEFAULT_WINDOW_DAYS, assign_event_ids

#: Columns :func:`event_rows` adds to the representative relation row of each event.
EVENT_COLUMNS: tuple[str, ...] = ("event_id", "num_articles", "num_mentions")


def _text(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series("", index=df.index, dtype=object)
    values = df[col].astype(object)
    return values.where(values.notna(), "").astype(str)


def event_ids(df: pd.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS) -> pd.Series:
    """The event id of every row of ``df`` (same index), as a categorical Series.

    Ids read like ``USA>JPN:AGREE:2016-05-27``; negated or hypothetical mentions get
    ``AGREE(negated)``, ``AGREE(hypothetical)``; GDELT rows are prefixed ``gdelt:``.
    """
    if df.empty:
        return pd.Series([], index=df.index, dtype="category", name="event_id")
    kind = df["event_type"].astype(str).to_numpy(dtype=object)
    negated = df["negated"].to_numpy(dtype=bool)
    hypothetical = (df["modality"].astype(str) == "hypothetical").to_numpy(dtype=bool)
    kind = np.where(negated, kind + "(negated)", kind)
    kind = np.where(hypothetical & ~negated, kind + "(hypothetical)", kind)
    keyed = pd.DataFrame(
        {
            "doc_id": df["doc_id"].astype(str).to_numpy(),
            "source": df["source"].astype(str).to_numpy(),
            "target": df["target"].astype(str).to_numpy(),
            "event_type": kind,
            "event_date": _text(df, "event_date").to_numpy(),
            "date_precision": _text(df, "date_precision").to_numpy(),
        },
        index=df.index,
    )
    if "origin" in df.columns:
        keyed["origin"] = df["origin"].astype(str).to_numpy()
    ids = assign_event_ids(keyed, window_days)["event_id"]
    return ids.astype("category").rename("event_id")


def _codes(values: pd.Series) -> np.ndarray:
    """Dense integer codes of ``values`` (categorical codes when they are categorical)."""
    if isinstance(values.dtype, pd.CategoricalDtype) and not values.isna().any():
        codes = values.cat.codes.to_numpy()
        _, dense = np.unique(codes, return_inverse=True)  # unused categories leave no gaps
        return dense.astype("int64")
    return pd.factorize(values.astype(str), sort=False)[0].astype("int64")


def event_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per event among the mentions ``df`` (which must have an ``event_id`` column).

    The row kept is the event's most confident mention (the first one on a tie), in the
    order of ``df``, with :data:`EVENT_COLUMNS`: ``num_mentions`` counts the mentions
    and ``num_articles`` the distinct articles among ``df``'s rows; GDELT rows, already
    aggregated events, contribute their own ``gdelt_num_mentions`` and
    ``gdelt_num_articles``.
    """
    if "event_id" not in df.columns:
        raise ValueError("event_rows needs an event_id column (see event_ids)")
    if df.empty:
        out = df.copy()
        out["num_articles"] = pd.Series([], dtype="int64")
        out["num_mentions"] = pd.Series([], dtype="int64")
        return out.reset_index(drop=True)
    ids = _codes(df["event_id"])
    n_events = int(ids.max()) + 1
    mentions = np.ones(len(df), dtype="int64")
    if "gdelt_num_mentions" in df.columns:
        gdelt = pd.to_numeric(df["gdelt_num_mentions"], errors="coerce")
        mentions = np.where(gdelt.notna(), gdelt.fillna(0), 1).astype("int64")
    docs = _codes(df["doc_id"])
    pair = ids.astype("int64") * (int(docs.max()) + 1) + docs
    articles = (~pd.Series(pair).duplicated()).to_numpy(dtype="int64")
    if "gdelt_num_articles" in df.columns:
        gdelt = pd.to_numeric(df["gdelt_num_articles"], errors="coerce")
        articles = np.where(gdelt.notna(), gdelt.fillna(0), articles).astype("int64")
    num_articles = np.bincount(ids, weights=articles, minlength=n_events).astype("int64")
    num_mentions = np.bincount(ids, weights=mentions, minlength=n_events).astype("int64")

    confidence = pd.to_numeric(df["confidence"], errors="coerce").fillna(-1.0).to_numpy(dtype=float)
    order = np.lexsort((np.arange(len(df)), -confidence))  # most confident first, then the frame's order
    first = ~pd.Series(ids[order]).duplicated().to_numpy()
    keep = np.sort(order[first])
    out = df.iloc[keep].reset_index(drop=True)
    out["num_articles"] = num_articles[ids[keep]]
    out["num_mentions"] = num_mentions[ids[keep]]
    out["event_id"] = out["event_id"].astype(str)  # plain text: the table sends no unused categories
    return out
