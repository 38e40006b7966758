"""Text forms normalised for matching and parsing, character for character.

Offsets stay valid: every function here returns a text of the same length, so a mention or a
sentence found in the normalised text is at the same place in the original, which is what the
relation table quotes.
"""

from __future__ import annotations

import re

#: Unicode spaces and invisible separators -> " " (U+00A0 no-break space, U+2000..U+200A, U+202F,
#: U+205F, U+3000, and the zero-width space, joiner and non-joiner, U+FEFF).
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]")


def plain_spaces(text: str) -> str:
    """``text`` with Unicode spaces as ASCII spaces (one for one)."""
    return _ODD_SPACES.sub(" ", text)


def caps_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines written entirely in capital letters ("NORTH KOREA FIRES MISSILE")."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        letters = [c for c in line.group(0) if c.isalpha()]
        words = re.findall(r"[A-Za-z]{2,}", line.group(0))
        if len(words) >= 3 and letters and all(c.isupper() for c in letters):
            out.append((line.start(), line.end()))
    return out
