"""Words for counts: singular for one, the unit's own word otherwise."""

from __future__ import annotations

import pytest

from components.labels import count_text, noun


@pytest.mark.parametrize(
    ("n", "unit", "text"),
    [
        (1, "mentions", "1 mention"),
        (0, "mentions", "0 mentions"),
        (2, "events", "2 events"),
        (1, "events", "1 event"),
        (1234, "events", "1,234 events"),
        (2.5, "mentions", "2.5 mentions"),
        (1.0, "articles", "1 article"),
    ],
)
def test_count_text(n: float, unit: str, text: str) -> None:
    assert count_text(n, unit) == text
    assert noun(unit, n) in text
