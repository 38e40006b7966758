"""The shipped actor dictionary, loaded once for the actor tests."""

from __future__ import annotations

import pytest

from extraction.actors import ActorDictionary


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()
