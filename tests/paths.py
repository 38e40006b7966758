"""Paths the tests share: the repository, its test data, and the seed article beside the checkout."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
#: The article the project started from; it is not ours, so it lives outside the repository.
SEED = REPO.parent / "shared" / "seeds" / "000_edb928441491f2db.txt"
SEED_MISSING = "the seed article is not in the repository; it is read from ../shared/seeds/, which is absent here"
