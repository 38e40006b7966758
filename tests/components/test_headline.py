"""The headline figures: counts, mean intensity, date span; events and their mentions."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.dyads import dyad_summary
from components.events import event_ids, event_rows
from components.filters import Filters, apply_filters
from components.headline import format_intensity, format_span, headline, totals, totals_text


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


# --------------------------------------------------------------------------- why the totals differ


def test_totals_say_what_hides_the_others(rel: pd.DataFrame) -> None:
    figures = totals(rel, Filters())
    assert (figures.total, figures.shown) == (42, 38) == (len(rel), len(apply_filters(rel, Filters())))
    assert figures.hidden == {
        "negated (tick Include negated mentions)": 2,
        "hypothetical (tick Include hypothetical mentions)": 2,
    }
    assert figures.hidden_by_several == 0
    assert figures.articles == figures.articles_shown == 16 and figures.articles_without_mentions is None
    assert totals_text(figures) == (
        "**38 of 42 mentions shown.** Hidden: 2 negated (tick Include negated mentions); 2 hypothetical "
        "(tick Include hypothetical mentions). **16 articles**: 16 with mentions shown."
    )


@pytest.mark.parametrize(
    "flt",
    [
        Filters(countries=("TWN",)),
        Filters(countries=("KOR", "JPN"), match="both", include_negated=True),
        Filters(dyad=("CHN", "USA"), text="tariff"),
        Filters(date_from=date(2020, 1, 1), quad_classes=("material conflict",), min_confidence=0.7),
        Filters(event_types=("AGREE",), article="2023-08-18-camp-david-summit", include_hypothetical=True),
    ],
)
def test_shown_is_what_the_filter_keeps_and_the_hidden_add_up(rel: pd.DataFrame, flt: Filters) -> None:
    figures = totals(rel, flt)
    shown = apply_filters(rel, flt)
    assert figures.shown == len(shown)
    assert figures.shown + sum(figures.hidden.values()) + figures.hidden_by_several == figures.total
    assert figures.articles_shown == shown["doc_id"].nunique()


def test_a_store_names_its_articles_without_mentions(rel: pd.DataFrame) -> None:
    figures = totals(rel, Filters(countries=("TWN",)), stored_articles=19)
    assert figures.articles == 19 and figures.articles_without_mentions == 3
    text = totals_text(figures)
    assert "**19 articles**" in text and "3 with no mention at all" in text
    assert f"{16 - figures.articles_shown} whose mentions are all hidden" in text
