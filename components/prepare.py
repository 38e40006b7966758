"""Turn a relation table (as read by ``extraction.table.read_table``) into the dashboard's frame.

Pure functions only. :func:`prepare_relations` runs once per loaded table (cached in
``components/data_source.py``) and adds internal columns, all prefixed with ``_``:

``_date``       event date (``event_date``, else the article's ``doc_date``), datetime64 or NaT
``_month``      the ``_date`` month as months since 1970-01 (int32; -1 when undated)
``_intensity``  the row's intensity where it counts toward the mean intensity (not negated,
                not hypothetical), else NaN

It also turns repetitive text columns into categoricals (much faster filtering, grouping
and cache round trips on large tables) and sorts newest first. Public columns keep their
values, so a CSV written from :func:`public_frame` reads back into the same table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from extraction.schema import COLUMNS

INTERNAL_PREFIX = "_"

#: Text columns worth storing as categoricals when they repeat a lot.
_CATEGORY_CANDIDATES = (
    "doc_id",
    "doc_title",
    "doc_date",
    "doc_url",
    "source",
    "source_text",
    "target",
    "target_text",
    "event_type",
    "quad_class",
    "trigger",
    "event_date",
    "date_precision",
    "modality",
    "origin",
)


def parse_dates(values: pd.Series) -> pd.Series:
    """ISO dates (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) -> datetime64[ns]; anything else -> NaT.

    Parses each distinct value once, so it is fast on large, repetitive columns.
    """
    text = values.astype("category") if not isinstance(values.dtype, pd.CategoricalDtype) else values
    categories = pd.Index(text.cat.categories.astype(str))
    parsed = pd.to_datetime(categories, format="ISO8601", errors="coerce")
    parsed = parsed.tz_localize(None) if getattr(parsed, "tz", None) is not None else parsed
    codes = text.cat.codes.to_numpy()
    out = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    valid = codes >= 0
    out[valid] = parsed.to_numpy(dtype="datetime64[ns]")[codes[valid]]
    return pd.Series(out, index=values.index, name=values.name)


def month_numbers(dates: pd.Series) -> np.ndarray:
    """Months since 1970-01 of datetime values (int32), -1 for NaT."""
    values = dates.to_numpy(dtype="datetime64[ns]")
    months = values.astype("datetime64[M]").astype(np.int64)
    return np.where(np.isnat(values), -1, months).astype(np.int32)


def relation_dates(df: pd.DataFrame) -> pd.Series:
    """The date used for filtering and timelines: ``event_date``, else ``doc_date``."""
    if "_date" in df.columns:
        return df["_date"]
    event = parse_dates(df["event_date"])
    if "doc_date" in df.columns:
        event = event.fillna(parse_dates(df["doc_date"]))
    return event


def scored_mask(df: pd.DataFrame) -> np.ndarray:
    """Rows that count toward the mean intensity: not negated and not hypothetical."""
    negated = df["negated"].to_numpy(dtype=bool)
    hypothetical = (df["modality"] == "hypothetical").to_numpy(dtype=bool)
    return ~negated & ~hypothetical


def scored_intensities(df: pd.DataFrame) -> pd.Series:
    """The intensity where the row counts toward the mean intensity (:func:`scored_mask`), else NaN."""
    if "_intensity" in df.columns:
        return df["_intensity"]
    intensity = pd.to_numeric(df["intensity"], errors="coerce").to_numpy(dtype=float)
    return pd.Series(np.where(scored_mask(df), intensity, np.nan), index=df.index, name="_intensity")


def mean_intensity(df: pd.DataFrame) -> float:
    """The mean PLOVER intensity of the scored rows (see :data:`components.scale.INTENSITY_HELP`); NaN if none."""
    if df.empty:
        return float("nan")
    scores = scored_intensities(df)
    return float(scores.mean()) if scores.notna().any() else float("nan")


def prepare_relations(df: pd.DataFrame, *, category_ratio: float = 0.5) -> pd.DataFrame:
    """Add the internal columns, use categoricals where values repeat, sort newest first."""
    frame = df.copy(deep=False)  # copy-on-write: columns are replaced, never changed in place
    del df  # a large table's text columns are freed one by one as they become categoricals
    n = len(frame)
    for col in _CATEGORY_CANDIDATES:
        if col not in frame.columns or isinstance(frame[col].dtype, pd.CategoricalDtype):
            continue
        if n == 0 or frame[col].nunique(dropna=False) <= max(1, category_ratio * n):
            frame[col] = frame[col].astype("category")
    if all(isinstance(frame[c].dtype, pd.CategoricalDtype) for c in ("source", "target")):
        # one shared set of actor categories: source and target codes then index the same list
        actors = sorted(set(frame["source"].cat.categories) | set(frame["target"].cat.categories))
        for col in ("source", "target"):
            frame[col] = frame[col].cat.set_categories(actors)
    frame["_date"] = relation_dates(frame)
    frame["_month"] = month_numbers(frame["_date"])
    frame["_intensity"] = scored_intensities(frame)
    order = (
        frame[["_date", "doc_id", "sentence_id"]]
        .sort_values(
            ["_date", "doc_id", "sentence_id"],
            ascending=[False, True, True],
            na_position="last",
            kind="stable",
        )
        .index
    )
    return frame.take(order).reset_index(drop=True)


def public_columns(df: pd.DataFrame) -> list[str]:
    """The relation table's columns (schema order), plus any extra non-internal ones."""
    extra = [c for c in df.columns if c not in COLUMNS and not str(c).startswith(INTERNAL_PREFIX)]
    return [c for c in COLUMNS if c in df.columns] + extra


def public_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame without internal columns: what the relation download holds."""
    return df[public_columns(df)]
