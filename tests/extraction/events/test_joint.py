"""Actions done together (extraction.events.joint): the coordinated subjects of a verb with a joint
adverb cooperate, in both directions; sentences written for these tests."""

from __future__ import annotations

import pytest

from extraction.pipeline import Extractor
from tests.extraction.rows import expected_rows, extracted_rows

CASES = [
    ("jointly-with-third-party", "China and Russia jointly patrolled the waters near Japan last week.",
     {"CHN>RUS COOPERATE", "RUS>CHN COOPERATE", "CHN>JPN MOBILIZE", "RUS>JPN MOBILIZE"}),
    ("together-hung-on-preposition", "Russian and Chinese bombers flew their first mission together over the Pacific.",
     {"CHN>RUS COOPERATE", "RUS>CHN COOPERATE"}),
    ("partners-are-no-targets", "Chinese and Russian warships sailed together through the Tsushima Strait.",
     {"CHN>RUS COOPERATE", "RUS>CHN COOPERATE"}),
    ("intended", "The US and Japanese navies will sail together in the East China Sea next month.",
     {"USA>JPN COOPERATE intended", "JPN>USA COOPERATE intended"}),
    ("negated", "Japan and South Korea did not train together this year.",
     {"JPN>KOR COOPERATE neg", "KOR>JPN COOPERATE neg"}),
    ("three-partners", "The United States, Japan and South Korea jointly tracked the missile.",
     {"USA>JPN COOPERATE", "JPN>USA COOPERATE", "USA>KOR COOPERATE", "KOR>USA COOPERATE",
      "JPN>KOR COOPERATE", "KOR>JPN COOPERATE"}),
    # not joint actions of two actors
    ("one-subject", "Japan worked together with its neighbours on the plan.", set()),
    ("presence", "Putin and Kim appeared together at the parade.", set()),
    ("inside-an-agreement", "Seoul and Pyongyang agreed to bid jointly for the Olympics.",
     {"KOR>PRK AGREE", "PRK>KOR AGREE"}),
    ("people-not-states", "Chinese and Japanese tourists gathered together in the square.", set()),
]  # fmt: skip


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_joint_actions(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert extracted_rows(extractor, text) == expected_rows(expected)
