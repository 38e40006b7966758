"""The headline figures: counts, mean intensity, date span; events and their mentions."""

from __future__ import annotations

import pandas as pd
import pytest

from components.dyads import dyad_summary
from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters
from components.headline import format_intensity, format_span, headline


@pytest.fixture()
def view(rel: pd.DataFrame) -> pd.DataFrame:
    return apply_filters(rel, Filters())


def test_empty_input_counts_nothing(view: pd.DataFrame) -> None:
    assert headline(view.iloc[0:0]).mentions == 0


def test_headline(view: pd.DataFrame) -> None:
    figures = headline(view)
    assert figures.mentions == 38 and figures.articles == 16
    assert figures.dyads == len(dyad_summary(view))
    assert figures.mean_intensity == pytest.approx(view["intensity"].mean())
    assert str(figures.date_from) == "2016-05-27" and str(figures.date_to) == "2025-04-11"
    assert format_intensity(figures.mean_intensity).startswith("-")
    assert format_intensity(float("nan")) == "–"
    assert format_span(figures.date_from, figures.date_to) == "May 2016 – Apr 2025"


def test_events_headline_counts_events_and_mentions(rel: pd.DataFrame) -> None:
    frame = rel.assign(event_id=event_ids(rel).to_numpy())
    mentions = apply_filters(frame, Filters())
    events = event_rows(mentions)
    figures = headline(events, mentions=mentions)
    assert figures.events == len(events) <= figures.mentions == len(mentions)
    assert figures.articles == mentions["doc_id"].nunique()
    assert headline(mentions).events is None
