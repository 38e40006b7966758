"""The headline figures of the current filter: counts, mean intensity, date span. Pure functions,
no Streamlit (:mod:`components.headline_view` draws them)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd

from .aggregate import actor_codes, count, is_cube, row_weights, scored_parts, total_rows
from .filters import Filters, filter_mask
from .prepare import relation_dates


@dataclass(frozen=True)
class Headline:
    mentions: int
    articles: int
    dyads: int
    mean_intensity: float  # NaN when nothing is scored
    date_from: date | None
    date_to: date | None
    events: int | None = None  # when counting events: their number (``mentions`` still counts the mentions)


def headline(
    df: pd.DataFrame, *, mentions: pd.DataFrame | int | None = None, articles: int | None = None
) -> Headline:
    """Counts and mean intensity of (filtered) mentions. Dyads are directed (source -> target).

    ``df`` holds rows, or is a mention cube (:mod:`components.relation_sql`), which has no
    doc_id: ``articles`` then gives the number of distinct articles.
    When ``mentions`` is given, ``df`` holds one row per event (see
    :func:`components.events.event_rows`, or the cube of those rows): dyads, mean intensity
    and dates are those of the events, mentions and articles are counted among the
    mentions (a frame of them, or their number, with ``articles`` the number of their articles).
    """
    if mentions is not None:
        base = headline(df, articles=0)
        if isinstance(mentions, pd.DataFrame):
            n_mentions = len(mentions)
            n_articles = int(mentions["doc_id"].nunique()) if len(mentions) else 0
        else:
            n_mentions, n_articles = int(mentions), int(articles or 0)
        return Headline(
            mentions=n_mentions,
            articles=n_articles,
            dyads=base.dyads,
            mean_intensity=base.mean_intensity,
            date_from=base.date_from,
            date_to=base.date_to,
            events=total_rows(df),
        )
    if df.empty:
        return Headline(0, 0, 0, float("nan"), None, None)
    if is_cube(df):
        first, last = df["_dmin"].min(), df["_dmax"].max()
        n_articles = int(articles or 0)
    else:
        dates = relation_dates(df)
        first, last = dates.min(), dates.max()  # NaT-skipping
        n_articles = int(df["doc_id"].nunique()) if articles is None else int(articles)
    codes = actor_codes(df)
    dyads = np.count_nonzero(count(codes.pair(), codes.n * codes.n, row_weights(df)))
    sums, scored = scored_parts(df)
    n_scored = float(scored.sum())
    return Headline(
        mentions=total_rows(df),
        articles=n_articles,
        dyads=int(dyads),
        mean_intensity=float(sums.sum() / n_scored) if n_scored else float("nan"),
        date_from=None if pd.isna(first) else first.date(),
        date_to=None if pd.isna(last) else last.date(),
    )


def format_intensity(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:+.2f}"


def format_span(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "–"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


# --------------------------------------------------------------------------- why the totals differ

#: Every filter that can hide mentions, by what it is called in the sidebar, and the filter with
#: only it on (the negated and hypothetical boxes are on by default: they hide mentions unless ticked).
_ALL_SHOWN = Filters(include_negated=True, include_hypothetical=True)


def single_filters(filters: Filters) -> dict[str, Filters]:
    """Each filter of ``filters`` that hides mentions, by its sidebar wording, as a filter with only it on."""
    parts: dict[str, Filters] = {}
    if not filters.include_negated:
        parts["negated (tick Include negated mentions)"] = replace(_ALL_SHOWN, include_negated=False)
    if not filters.include_hypothetical:
        parts["hypothetical (tick Include hypothetical mentions)"] = replace(_ALL_SHOWN, include_hypothetical=False)
    if filters.countries:
        parts["by Countries"] = replace(_ALL_SHOWN, countries=filters.countries, match=filters.match)
    if filters.dyad:
        parts["by Dyad"] = replace(_ALL_SHOWN, dyad=filters.dyad)
    if filters.date_from or filters.date_to:
        parts["by Event date"] = replace(_ALL_SHOWN, date_from=filters.date_from, date_to=filters.date_to)
    if filters.event_types:
        parts["by Event types"] = replace(_ALL_SHOWN, event_types=filters.event_types)
    if filters.quad_classes:
        parts["by Quad classes"] = replace(_ALL_SHOWN, quad_classes=filters.quad_classes)
    if filters.min_confidence > 0:
        parts["by Minimum confidence"] = replace(_ALL_SHOWN, min_confidence=filters.min_confidence)
    if filters.text:
        parts["by the evidence search"] = replace(_ALL_SHOWN, text=filters.text)
    if filters.article:
        parts["by Source article"] = replace(_ALL_SHOWN, article=filters.article)
    if filters.origins:
        parts["by Origin"] = replace(_ALL_SHOWN, origins=filters.origins)
    return parts


@dataclass(frozen=True)
class Totals:
    """Why the figures differ: every mention, those shown, and what hides the others.

    ``hidden``: for each filter, the mentions only it hides (shown were it off); ``hidden_by_several``:
    those two or more filters hide. Articles: every article with a mention, those with one shown,
    and (from a store) those without any mention at all."""

    total: int
    shown: int
    hidden: dict[str, int] = field(default_factory=dict)
    hidden_by_several: int = 0
    articles: int = 0
    articles_shown: int = 0
    articles_without_mentions: int | None = None  # None: unknown (a relation table lists no such article)


def totals(df: pd.DataFrame, filters: Filters, *, stored_articles: int | None = None) -> Totals:
    """The :class:`Totals` of the whole relation frame ``df`` under ``filters``.

    ``stored_articles``: the store's number of articles, mentions or not (None for a table)."""
    n = len(df)
    masks = {label: filter_mask(df, single) for label, single in single_filters(filters).items()}
    passes = np.ones(n, dtype=bool)
    failed = np.zeros(n, dtype=np.int64)
    for mask in masks.values():
        passes &= mask
        failed += ~mask
    hidden = {label: int(((~mask) & (failed == 1)).sum()) for label, mask in masks.items()}
    docs = df["doc_id"]
    with_mentions = int(docs.nunique()) if n else 0
    return Totals(
        total=n,
        shown=int(passes.sum()),
        hidden={label: count for label, count in hidden.items() if count},
        hidden_by_several=int((failed > 1).sum()),
        articles=with_mentions if stored_articles is None else max(stored_articles, with_mentions),
        articles_shown=int(docs[passes].nunique()) if n else 0,
        articles_without_mentions=None if stored_articles is None else max(stored_articles - with_mentions, 0),
    )


def totals_from_counts(
    total: int,
    shown: int,
    hidden_only: dict[str, int],
    *,
    articles: int,
    articles_shown: int,
    stored_articles: int | None = None,
) -> Totals:
    """The :class:`Totals` from counts a query made (:func:`components.relation_sql.totals_query`):
    every mention, those shown, those only one filter hides (by its label); every article with a
    mention and those with one shown. Those several filters hide are the rest."""
    several = total - shown - sum(hidden_only.values())
    return Totals(
        total=int(total),
        shown=int(shown),
        hidden={label: int(n) for label, n in hidden_only.items() if n},
        hidden_by_several=int(several),
        articles=articles if stored_articles is None else max(stored_articles, articles),
        articles_shown=int(articles_shown),
        articles_without_mentions=None if stored_articles is None else max(stored_articles - articles, 0),
    )


def totals_text(figures: Totals) -> str:
    """The totals in words (Markdown), e.g. "**625 of 642 mentions shown.** Hidden: 12 negated (tick ...)."""
    noun = "mention" if figures.total == 1 else "mentions"
    parts = [f"**{figures.shown:,} of {figures.total:,} {noun} shown.**"]
    hidden = [f"{count:,} {label}" for label, count in figures.hidden.items()]
    if figures.hidden_by_several:
        hidden.append(f"{figures.hidden_by_several:,} by more than one filter")
    if hidden:
        parts.append("Hidden: " + "; ".join(hidden) + ".")
    articles = f"**{figures.articles:,} article{'s' if figures.articles != 1 else ''}**"
    detail = [f"{figures.articles_shown:,} with mentions shown"]
    hidden_articles = figures.articles - figures.articles_shown - (figures.articles_without_mentions or 0)
    if hidden_articles:
        detail.append(f"{hidden_articles:,} whose mentions are all hidden")
    if figures.articles_without_mentions:
        detail.append(f"{figures.articles_without_mentions:,} with no mention at all")
    parts.append(f"{articles}: " + ", ".join(detail) + ".")
    return " ".join(parts)
