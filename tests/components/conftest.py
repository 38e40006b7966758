"""Shared fixtures for the dashboard components' unit tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components.actors import actors_from_table
from components.prepare import prepare_relations
from extraction.actor_table import load_actor_table
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
    """The located actors of the shipped actor table, as the app passes them to the map."""
    return actors_from_table(load_actor_table(ROOT / "data" / "actors")).locations
