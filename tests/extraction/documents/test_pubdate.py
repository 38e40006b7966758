"""Publication dates: date strings, date lines and datelines near the top of an article."""

from __future__ import annotations

import pytest

from extraction.documents import (
    find_date,
    parse_date,
)
from extraction.documents.pubdate import date_near_top

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
        # numeric with slashes, year last: month first (US) unless the first number cannot be a month
        ("03/01/2023", "2023-03-01"),
        ("3/1/2023", "2023-03-01"),
        ("12/31/2022", "2022-12-31"),
        ("01/13/2023", "2023-01-13"),
        ("13/01/2023", "2023-01-13"),  # can only be day first
        ("31/12/2022", "2022-12-31"),
        ("Wednesday, 03/01/2023", "2023-03-01"),
        ("03/01/2023 08:00 EST", "2023-03-01"),
        ("13/13/2023", None),
        ("02/30/2023", None),
        ("03.01.2023", None),  # dotted dates are day first as often as not: left alone
        ("03/01/23", None),  # two-digit years likewise
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
        ("Published 03/01/2023 at 9:00", "2023-03-01"),
        ("Updated: 13/01/2023 09:30", "2023-01-13"),
        ("Issue 2023/03/01", "2023-03-01"),  # year first stays year first
        ("no date in here", None),
    ],
)
def test_find_date(text: str, expected: str | None) -> None:
    found = find_date(text)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Talks resume", "03/01/2023", "Body text."], "2023-03-01"),
        (["Talks resume", "By A. Writer | 03/01/2023", "Body text."], "2023-03-01"),
        (["Talks resume", "Posted 13/01/2023 08:15", "Body text."], "2023-01-13"),
        (["Talks resume", "01/13/2023", "Body text."], "2023-01-13"),
        (["03/01/2023", "Japan and Korea met."], "2023-03-01"),  # a file that starts with its date
        # a sentence holding a numeric date is no date line
        (["Talks resume", "The envoys first met on 03/01/2023 in Seoul and agreed to meet again.", "Body."], ""),
    ],
)
def test_us_style_date_line(lines: list[str], expected: str) -> None:
    assert date_near_top(lines) == expected
