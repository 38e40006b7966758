"""Negation and modality of a trigger, from the verbs that govern it.

Each case: a sentence of our own, the trigger word, whether the event is negated, and its
modality (asserted, intended or hypothetical).
"""

from __future__ import annotations

import pytest

from extraction.events.modality import is_negated, modality_of

MODALITY_CASES = [
    # asserted
    ("plain", "Japan condemned China.", "condemned", False, "asserted"),
    ("past perfect", "Seoul had protested to Tokyo.", "protested", False, "asserted"),
    ("reported", "Officials said Japan condemned China.", "condemned", False, "asserted"),
    # negated
    ("not", "Japan did not condemn China.", "condemn", True, "asserted"),
    ("never", "Tokyo never apologised to Seoul.", "apologised", True, "asserted"),
    ("refused to", "Pyongyang refused to meet Seoul.", "meet", True, "asserted"),
    ("denied", "Seoul denied locking its radar onto the Japanese plane.", "locking", True, "asserted"),
    ("without", "China left without meeting Japan.", "meeting", True, "asserted"),
    ("no longer", "The United States no longer supports the plan of Taipei.", "supports", True, "asserted"),
    ("no more", "Russia will no more sell gas to Japan.", "sell", True, "intended"),
    ("no subject", "No deals were signed between Beijing and Moscow.", "signed", True, "asserted"),
    ("no object", "China signed no agreement with Russia.", "signed", True, "asserted"),
    ("neither nor", "Neither Washington nor Tokyo criticised Moscow.", "criticised", True, "asserted"),
    ("neither nor object", "Seoul condemned neither Beijing nor Moscow.", "condemned", True, "asserted"),
    ("backed away from", "Japan backed away from scrapping the pact with Seoul.", "scrapping", True, "asserted"),
    ("held off on", "Trump said he would hold off on new tariffs against China.", "tariffs", True, "intended"),
    ("pulled back from", "China pulled back from imposing tariffs on Japanese wine.", "tariffs", True, "asserted"),
    ("stopped short of", "Seoul stopped short of condemning Beijing.", "condemning", True, "asserted"),
    ("put off", "Washington put off new sanctions on Moscow.", "sanctions", True, "asserted"),
    ("held talks is no holding off", "Japan held talks with China.", "talks", False, "asserted"),
    ("a subject's no stays there", "A statement with no date condemned Pyongyang.", "condemned", False, "asserted"),
    # intended
    ("will", "Kishida will visit Seoul.", "visit", False, "intended"),
    ("plans to", "China plans to hold drills near Taiwan.", "drills", False, "intended"),
    ("is to", "Moon is to visit Pyongyang.", "visit", False, "intended"),
    ("said it would", "Seoul said it would share data with Tokyo.", "share", False, "intended"),
    ("planned noun", "The planned visit to Beijing was announced.", "visit", False, "intended"),
    # hypothetical
    ("if", "If Seoul sends arms, Moscow will respond.", "sends", False, "hypothetical"),
    ("could", "China could invade Taiwan.", "invade", False, "hypothetical"),
    ("urged to", "Washington urged Moscow to withdraw its troops.", "withdraw", False, "hypothetical"),
    ("consequent", "Moscow would retaliate if Seoul sent arms.", "retaliate", False, "hypothetical"),
    ("prevented from", "The dispute prevented Japan and Russia from signing a treaty.", "signing", True, "asserted"),
    ("barred from", "Beijing barred Taiwan from attending the assembly.", "attending", True, "asserted"),
    ("kept from", "Washington kept Beijing from buying the port.", "buying", True, "asserted"),
    ("refrained from is not prevented", "Seoul refrained from criticising Tokyo.", "criticising", True, "asserted"),
    ("from a place is no prevention", "Japan imported gas from Russia.", "imported", False, "asserted"),
    # ruling out denies; not ruling out leaves a possibility open
    ("ruled out", "Seoul ruled out supplying weapons to Moscow.", "supplying", True, "asserted"),
    ("ruled out noun", "Seoul ruled out sanctions on Japan.", "sanctions", True, "asserted"),
    ("did not rule out", "Putin said he did not rule out supplying weapons to Pyongyang.", "supplying", False,
     "hypothetical"),
    ("is not ruling out", "Moscow is not ruling out supplying arms to Pyongyang.", "supplying", False, "hypothetical"),
    ("refused to rule out", "Beijing refused to rule out sanctions on Washington.", "sanctions", False, "hypothetical"),
    ("would not exclude", "Tokyo would not exclude new tariffs on Chinese steel.", "tariffs", False, "hypothetical"),
]


@pytest.mark.parametrize(
    ("text", "trigger", "negated", "modality"), [c[1:] for c in MODALITY_CASES], ids=[c[0] for c in MODALITY_CASES]
)
def test_negation_and_modality(parse, text: str, trigger: str, negated: bool, modality: str) -> None:
    tok = parse(text).token(trigger)
    assert (is_negated(tok), modality_of(tok)) == (negated, modality)
