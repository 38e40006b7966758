"""Fixtures of the store tests."""

from __future__ import annotations

import pytest

from extraction.store import Store


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "store" / "relations.duckdb")
