"""Sentences and paragraphs with character offsets."""

from __future__ import annotations

import pytest

from extraction.documents import (
    split_sentences,
)

# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Kim met U.S. envoys. They talked.\n\nSecond part. Done!",
         [("Mr. Kim met U.S. envoys.", 0), ("They talked.", 0), ("Second part.", 1), ("Done!", 1)]),
        ('He said "No." Then he left.', [('He said "No."', 0), ("Then he left.", 0)]),
        ("Resolution No. 5 passed. Gen. Lee agreed.", [("Resolution No. 5 passed.", 0), ("Gen. Lee agreed.", 0)]),
        ("It rose 3.5 percent. A. Lincoln spoke.", [("It rose 3.5 percent.", 0), ("A. Lincoln spoke.", 0)]),
        ("# Talks resume\nJapan met Korea. Then.", [("# Talks resume", 0), ("Japan met Korea.", 1), ("Then.", 1)]),
        ("11 September 2022\nJapan met Korea.", [("11 September 2022", 0), ("Japan met Korea.", 1)]),
        ("A hard-wrapped line\nthat goes on.", [("A hard-wrapped line\nthat goes on.", 0)]),
        ("SEOUL, March 16 — A met B.\nTOKYO, March 17 — C met D.",
         [("SEOUL, March 16 — A met B.", 0), ("TOKYO, March 17 — C met D.", 1)]),
        ("Intro:\n- first point.\n- second point.", [("Intro:", 0), ("- first point.", 1), ("- second point.", 2)]),
    ],
)
def test_split_sentences(text: str, expected: list[tuple[str, int]]) -> None:
    sentences = split_sentences(text)
    assert [(text[s.start : s.end], s.paragraph) for s in sentences] == expected
    assert [s.index for s in sentences] == list(range(len(expected)))
    for s in sentences:
        assert text[s.paragraph_start :].startswith(text[s.paragraph_start : s.start])
