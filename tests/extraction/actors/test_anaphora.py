"""Anaphora: group nouns ("the two sides") and pronouns resolved to their antecedent actors."""

from __future__ import annotations

import pytest

from extraction.actors import (
    ActorDictionary,
    Mention,
    find_mentions,
    group_anaphors,
    resolve_anaphor,
)


def _mentions(actors: ActorDictionary, text: str, date: str = "") -> list[Mention]:
    return list(find_mentions(text, actors, doc_date=date))


# --------------------------------------------------------------------------- anaphora

ANAPHOR_CASES = [
    # (name, text, anaphor, scope starts at this substring ("" = text start), expected actors, newest first)
    ("both-countries", "Japan and South Korea are working. The move comes as both countries line up.",
     "both countries", "", ["KOR", "JPN"]),
    ("two-sides", "Japanese and Chinese diplomats gathered in Beijing. The two sides held talks.",
     "The two sides", "", ["CHN", "JPN"]),
    ("two-sides-skip-preposition", "Japan's envoy for North Korea met Chinese officials. The two sides agreed.",
     "The two sides", "", ["CHN", "JPN"]),
    ("two-sides-not-enough", "Japanese diplomats gathered in Tokyo. The two sides held talks.",
     "The two sides", "", []),
    ("three", "The US, Japan and South Korea met. The three criticized the plan.", "The three", "",
     ["KOR", "JPN", "USA"]),
    ("it-capital", "Seoul said it would share intelligence.", "it", "", ["KOR"]),
    ("its-capital", "Washington views two of its allies as crucial.", "its", "", ["USA"]),
    ("it-not-a-demonym", "Japanese diplomats flew in. It said nothing.", "It", "", []),
    ("it-latest-thing", "Tokyo spoke to Japanese and Chinese envoys. It said more.", "It", "", ["JPN"]),
    ("he-person", "Kishida met Japanese reporters. He said more.", "He", "", ["JPN"]),
    ("we-person", "Japan's Masami Oka spoke. We agreed, he said.", "We", "", ["JPN"]),
    ("we-no-person", "Seoul and Tokyo spoke. We agreed.", "We", "", ["JPN"]),
    # the scope (a paragraph) bounds the search
    ("out-of-scope", "Japan and South Korea met.\n\nBoth countries agreed.", "Both countries", "Both", []),
    ("in-scope", "Japan and China met.\n\nSouth Korea and Russia spoke. Both countries agreed.",
     "Both countries", "South", ["RUS", "KOR"]),
    ("not-an-anaphor", "Japan and China met. Everyone agreed.", "Everyone", "", []),
]


@pytest.mark.parametrize(
    ("text", "word", "scope", "expected"), [c[1:] for c in ANAPHOR_CASES], ids=[c[0] for c in ANAPHOR_CASES]
)
def test_resolve_anaphor(actors: ActorDictionary, text: str, word: str, scope: str, expected: list[str]) -> None:
    mentions = _mentions(actors, text, "2023-03-01")
    position = text.index(word)
    scope_start = text.index(scope) if scope else 0
    found = resolve_anaphor(word, position, mentions, scope_start, text)
    assert [m.actor for m in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two sides met; both countries and Both Nations agreed.",
         [("The two sides", 2), ("both countries", 2), ("Both Nations", 2)]),
        ("the three leaders and the three", [("the three leaders", 3), ("the three", 3)]),
        ("a two-sided coin; the twosome; the two-thirds", []),
    ],
)
def test_group_anaphors(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(text[a:b], n) for a, b, n in group_anaphors(text)] == expected
