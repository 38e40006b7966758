"""Shared fixtures for the dashboard components' unit tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components.prepare import prepare_relations
from extraction.table import read_table

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "dash_relations.csv"


@pytest.fixture(scope="session")
def raw() -> pd.DataFrame:
    """The fixture relation table as ``read_table`` returns it."""
    return read_table(FIXTURE)


@pytest.fixture()
def rel(raw: pd.DataFrame) -> pd.DataFrame:
    """The fixture, prepared as the app prepares it (categoricals, internal columns)."""
    return prepare_relations(raw)


@pytest.fixture(scope="session")
def locations() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "actors" / "actors.csv", keep_default_na=False)
