"""extraction.evaluate: scores against hand-made gold, and the table by confidence floor."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from extraction.evaluate import CONFIDENCE_FLOORS, by_confidence, evaluate
from tests.paths import REPO

GOLD = pd.DataFrame(
    [
        {"doc_id": "d", "source": "JPN", "target": "CHN", "event_types": ["ACCUSE"], "symmetric": False,
         "core": True, "event_date": "", "negated": False, "evidence": ""},
        {"doc_id": "d", "source": "USA", "target": "KOR", "event_types": ["CONSULT"], "symmetric": True,
         "core": True, "event_date": "", "negated": False, "evidence": ""},
    ]
)  # fmt: skip


def _pred(src: str, tgt: str, etype: str, conf: float) -> dict:
    return {"doc_id": "d", "sentence": "s", "source": src, "target": tgt, "event_type": etype, "negated": False,
            "confidence": conf, "event_date": "", "date_precision": "doc", "trigger": "t"}  # fmt: skip


PREDICTED = pd.DataFrame(
    [
        _pred("JPN", "CHN", "ACCUSE", 0.9),  # right, confident
        _pred("KOR", "USA", "CONSULT", 0.45),  # right (symmetric gold), unsure
        _pred("CHN", "JPN", "THREATEN", 0.35),  # wrong, unsure
    ]
)


@pytest.mark.parametrize(
    ("floor", "precision", "recall", "predicted"),
    [(0.0, 0.6667, 1.0, 3), (0.3, 0.6667, 1.0, 3), (0.4, 1.0, 1.0, 2), (0.5, 1.0, 0.5, 1), (0.9, 1.0, 0.5, 1)],
)
def test_by_confidence_keeps_predictions_at_or_above_each_floor(floor, precision, recall, predicted) -> None:
    (row,) = [r for r in by_confidence(PREDICTED, GOLD) if r["min_confidence"] == floor]
    assert (row["precision"], row["recall"], row["predicted"]) == (precision, recall, predicted)


def test_report_has_one_row_per_floor() -> None:
    report = evaluate(PREDICTED, GOLD)
    assert [r["min_confidence"] for r in report["by_confidence"]] == list(CONFIDENCE_FLOORS)
    assert report["by_confidence"][0]["f1"] == report["type_level"]["f1"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("1.5", "must be between 0 and 1, not 1.5"), ("-0.1", "must be between 0 and 1, not -0.1"),
     ("high", "not a number: 'high'")],
)  # fmt: skip
def test_min_confidence_must_be_a_number_from_0_to_1(value: str, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "extraction", "evaluate", "--min-confidence", value],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"argument --min-confidence: {message}" in result.stderr
    assert "Traceback" not in result.stderr
