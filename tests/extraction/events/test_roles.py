"""Roles of one trigger: who is the source and who the target, by the path through the parse.

Each case: a sentence of our own, the trigger word, and the exact actor codes found as sources
and as targets (before the pairs are formed).
"""

from __future__ import annotations

import pytest

from extraction.events.roles import find_roles

ROLE_CASES = [
    # subject -> source, object -> target
    ("object", "Japan condemned China on Monday.", "condemned", ["JPN"], ["CHN"]),
    ("prepositional object", "Seoul protested to Tokyo over the textbooks.", "protested", ["KOR"], ["JPN"]),
    ("coordinated subjects", "Japan and South Korea criticised North Korea.", "criticised", ["JPN", "KOR"], ["PRK"]),
    ("coordinated objects", "Washington sanctioned Moscow and Pyongyang.", "sanctioned", ["USA"], ["RUS", "PRK"]),
    # passives flip
    ("passive with agent", "China was accused by the United States of hacking.", "accused", ["USA"], ["CHN"]),
    ("passive without agent", "North Korea was condemned at the meeting.", "condemned", [], ["PRK"]),
    # control verbs pass their subject or object on
    ("subject control", "Russia agreed to supply North Korea with oil.", "supply", ["RUS"], ["PRK"]),
    ("object control", "Washington urged Beijing to pressure Pyongyang.", "pressure", ["CHN"], ["PRK"]),
    # noun triggers
    ("possessive source", "China's sanctions on Taiwan took effect.", "sanctions", ["CHN"], ["TWN"]),
    ("demonym source", "US arms sales to Taiwan angered Beijing.", "sales", ["USA"], ["TWN"]),
    ("support verb", "Japan imposed sanctions on Russia.", "sanctions", ["JPN"], ["RUS"]),
    ("between", "Japan held talks with Russia, and talks between Japan and Russia stalled.", "talks", ["JPN"], ["RUS"]),
    # reversed roles: the host is the target of the visit
    ("reverse", "Tokyo hosted the South Korean president.", "hosted", ["KOR"], ["JPN"]),
    # a relative pronoun stands for the head of its clause
    ("who", "Kishida, who had held talks with Biden the week before, met Yoon.", "talks", ["JPN"], ["USA"]),
    ("who, verb", "Putin, who had visited Pyongyang in June, criticised Washington.", "visited", ["RUS"], ["PRK"]),
    ("which", "South Korea, which condemned Pyongyang, called for talks.", "condemned", ["KOR"], ["PRK"]),
    ("main verb after the relative clause", "Putin, who had visited Pyongyang in June, criticised Washington.",
     "criticised", ["RUS"], ["USA"]),
    # relational nouns: the modifier is not the referent
    ("relational noun", "Japan, a US ally, protested to China.", "protested", ["JPN"], ["CHN"]),
]


@pytest.mark.parametrize(
    ("text", "trigger", "sources", "targets"), [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES]
)
def test_roles(parse, text: str, trigger: str, sources: list[str], targets: list[str]) -> None:
    parsed = parse(text)
    tok = parsed.token(trigger)
    roles = find_roles(tok, parsed.row(tok), parsed.mentions_of)
    # one actor may be found through several tokens of its name ("South", "Korea"): compare actors in order
    assert list(dict.fromkeys(m.actor for m, _ in roles.sources)) == sources
    assert list(dict.fromkeys(m.actor for m, _ in roles.targets)) == targets


def test_weights_order_the_evidence(parse) -> None:
    """A direct object weighs more than a prepositional object on the trigger."""
    direct = parse("Japan condemned China.")
    prep = parse("Japan protested to China.")
    (_, w_direct), = find_roles(direct.token("condemned"), direct.row(direct.token("condemned")), direct.mentions_of).targets
    (_, w_prep), = find_roles(prep.token("protested"), prep.row(prep.token("protested")), prep.mentions_of).targets
    assert w_direct > w_prep
