"""Extraction quality on a fixed subset of the demo corpus, against its gold.

The floors are the figures the code reached when they were last set (see the
README's quality section). Raise them as the extractor improves; never lower
them to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.cli import collect_documents
from extraction.evaluate import evaluate, load_gold
from extraction.pipeline import Extractor
from extraction.table import to_frame

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "data" / "articles"
GOLD = REPO / "data" / "gold"

#: Measured 2026-12-01 on 34 of the 100 articles: type P 0.822 R 0.683 F1 0.746, quad F1 0.853, dates 0.741.
#: (Re-based when the corpus grew from 84 to 100 articles: the subset now holds five of the sixteen new,
#: harder articles, so these figures are not comparable with the floors set on 28 of 84. Dates were 0.758
#: before reactions took their target from an "after"/"when" clause: the new matches are mostly in
#: analysis pieces whose other mentions of the same dyad and type carry other dates.)
FLOORS = {
    ("type_level", "f1"): 0.74,
    ("type_level", "precision"): 0.81,
    ("type_level", "recall"): 0.68,
    ("quad_level", "f1"): 0.85,
    ("type_level", "date_accuracy"): 0.74,
}


def subset_ids() -> list[str]:
    """Every third article: a fixed subset spread over the whole period."""
    stems = sorted(p.stem for p in ARTICLES.glob("*.md"))
    return [s for i, s in enumerate(stems) if i % 3 == 0]


@pytest.fixture(scope="module")
def report() -> dict:
    ids = subset_ids()
    assert len(ids) >= 25
    docs, problems = collect_documents([str(ARTICLES / f"{i}.md") for i in ids])
    assert not problems
    predicted = to_frame(Extractor().extract(docs))
    return evaluate(predicted, load_gold(GOLD, only=ids))


@pytest.mark.parametrize(("level", "metric"), list(FLOORS))
def test_quality_floor(report: dict, level: str, metric: str) -> None:
    assert report[level][metric] >= FLOORS[(level, metric)], report[level]


def test_every_gold_file_matches_an_article() -> None:
    gold = {p.stem for p in GOLD.glob("*.csv")}
    articles = {p.stem for p in ARTICLES.glob("*.md")}
    assert gold == articles
    assert len(articles) >= 80
