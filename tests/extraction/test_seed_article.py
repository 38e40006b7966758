"""The article the project started from, scored against our own gold annotation.

The article itself is not ours and stays outside the repository
(``../shared/seeds/``); the gold in ``tests/data/seed_gold.csv`` is our own
coding of it, with our own notes instead of quotations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.documents import read_inputs
from extraction.evaluate import evaluate, load_gold
from extraction.pipeline import Extractor
from extraction.table import to_frame

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_edb928441491f2db.txt"
GOLD = REPO / "tests" / "data" / "seed_gold.csv"

# Measured when this test was written (see the README's quality section); raise, never lower.
MIN_TYPE_F1 = 0.82
MIN_RECALL = 0.84
MIN_PRECISION = 0.91


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    if not SEED.exists():
        pytest.skip(f"seed article not available: {SEED} is absent (the shared folder beside the checkout)")
    docs = list(read_inputs([SEED]))
    assert len(docs) == 1 and not isinstance(docs[0], Exception)
    gold_dir = tmp_path_factory.mktemp("gold")
    (gold_dir / "seed.csv").write_text(GOLD.read_text())
    predicted = to_frame(Extractor().extract(docs))
    return evaluate(predicted, load_gold(gold_dir))


def test_seed_metadata() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not available: {SEED} is absent")
    (doc,) = read_inputs([SEED])
    assert (doc.doc_id, doc.title, doc.date) == (
        "000_edb928441491f2db",
        "Japan, South Korea seek to improve military cooperation",
        "2022-09-11",
    )


def test_seed_scores(report: dict) -> None:
    t = report["type_level"]
    assert t["f1"] >= MIN_TYPE_F1, report["misses"]
    assert t["recall"] >= MIN_RECALL, report["misses"]
    assert t["precision"] >= MIN_PRECISION, report["false_positives"]


def test_seed_key_relations(report: dict) -> None:
    missed = {(m["source"], m["target"], m["event_types"], m["negated"]) for m in report["misses"]}
    for key in [
        ("JPN", "KOR", "CONSULT", False),  # the vice ministers' meeting
        ("JPN", "KOR", "CONSULT", True),  # what they did not discuss
        ("JPN", "KOR", "ACCUSE", False),
        ("USA", "PRK", "ACCUSE", False),
        ("KOR", "PRK", "ACCUSE", False),
        ("USA", "KOR", "COOPERATE", False),
        ("PRK", "KOR", "ACCUSE|REJECT", False),
    ]:
        assert key not in missed
