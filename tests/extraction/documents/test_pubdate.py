"""Publication dates: date strings, date lines and datelines near the top of an article."""

from __future__ import annotations

import pytest

from extraction.documents import (
    find_date,
    parse_date,
)

# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11 September 2022", "2022-09-11"),
        ("11th September 2022", "2022-09-11"),
        ("11 Sept 2022", "2022-09-11"),
        ("September 11, 2022", "2022-09-11"),
        ("Sept. 11, 2022", "2022-09-11"),
        ("Sep 11 2022", "2022-09-11"),
        ("2022-09-11", "2022-09-11"),
        ("2022/09/11", "2022-09-11"),
        ("Sunday, September 11, 2022", "2022-09-11"),
        ("Sun, 11 Sep 2022 08:00:00 +0900", "2022-09-11"),
        ("2022-09-11T08:00:00+09:00", "2022-09-11"),
        ("2022-09-11T23:59:59Z", "2022-09-11"),
        ("2022-09-11 08:00", "2022-09-11"),
        ("September 11, 2022 08:00 KST", "2022-09-11"),
        ("'2022-09-11'", "2022-09-11"),
        ("  May 5, 2021  ", "2021-05-05"),
        # not a (whole, valid) date
        ("2022-13-45", None),
        ("February 30, 2023", None),
        ("September 2022", None),
        ("yesterday", None),
        ("next Tuesday", None),
        ("Published: 11 September 2022", None),
        ("11 September 2022 and more words", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    parsed = parse_date(value)
    assert (parsed.isoformat() if parsed else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted by the desk on 11 September 2022 at noon", "2022-09-11"),
        ("Updated: Sept. 12, 2022", "2022-09-12"),
        ("First 2022-13-45, then 2022-09-10", "2022-09-10"),  # an invalid date is passed over
        ("On 3 March 2023 and on March 1, 2023", "2023-03-03"),  # the first in the text wins
        ("no date in here", None),
    ],
)
def test_find_date(text: str, expected: str | None) -> None:
    found = find_date(text)
    assert (found.isoformat() if found else None) == expected
