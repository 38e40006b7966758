"""Stage 4, temporal expressions: explicit and relative dates resolved against the
publication date, with precision day, month or year; and the date of an event.

Each case lists every expression expected in the text, in order, as
``(text, ISO date, precision)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.dates import EventDate, TimeExpression, event_date, find_dates
from extraction.documents import read_inputs

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_edb928441491f2db.txt"

PUB = "2022-09-11"  # a Sunday

DATE_CASES = [
    # --- explicit
    ("month-year", "They met in December 2018.", PUB, [("December 2018", "2018-12-01", "month")]),
    ("month-of-year", "They met in March of 2019.", PUB, [("March of 2019", "2019-03-01", "month")]),
    ("month-day", "They met on September 7.", PUB, [("September 7", "2022-09-07", "day")]),
    ("abbrev-month-day", "They met on Sept. 7 and Aug 30th.", PUB,
     [("Sept. 7", "2022-09-07", "day"), ("Aug 30th", "2022-08-30", "day")]),
    ("day-month", "They met on 7 September.", PUB, [("7 September", "2022-09-07", "day")]),
    ("full-dates", "On 7 September 2022, 7th September 2022, September 7, 2022 and 2022-09-07.", PUB,
     [("7 September 2022", "2022-09-07", "day"), ("7th September 2022", "2022-09-07", "day"),
      ("September 7, 2022", "2022-09-07", "day"), ("2022-09-07", "2022-09-07", "day")]),
    ("iso-with-time", "Logged at 2022-09-07T10:00Z.", PUB, [("2022-09-07", "2022-09-07", "day")]),
    ("in-month", "They met in August.", PUB, [("in August", "2022-08-01", "month")]),
    ("in-month-capital", "In August, they met.", PUB, [("In August", "2022-08-01", "month")]),
    ("in-may", "In May, they met. It may rain. May God help us.", PUB, [("In May", "2022-05-01", "month")]),
    ("since-may", "Since coming to office in May, he has travelled.", PUB, [("in May", "2022-05-01", "month")]),
    ("mid-month", "Talks resume in mid-October.", PUB, [("mid-October", "2022-10-01", "month")]),
    ("month-far-ahead-is-last-year", "They met in December.", PUB, [("in December", "2021-12-01", "month")]),
    ("month-just-ahead-is-this-year", "They will meet in November.", PUB, [("in November", "2022-11-01", "month")]),
    ("next-month-name", "They meet next March.", PUB, [("next March", "2023-03-01", "month")]),
    ("last-month-name", "They met last October.", PUB, [("last October", "2021-10-01", "month")]),
    ("month-day-across-new-year", "They met on Dec. 30.", "2023-01-02", [("Dec. 30", "2022-12-30", "day")]),
    ("month-day-soon", "They meet on January 31.", "2023-01-02", [("January 31", "2023-01-31", "day")]),
    ("impossible-day", "They met on February 30.", PUB, []),
    ("in-year", "They met in 2016 and since 2019.", PUB,
     [("in 2016", "2016-01-01", "year"), ("since 2019", "2019-01-01", "year")]),
    ("bare-year", "The 2018 Winter Olympics", PUB, [("2018", "2018-01-01", "year")]),
    ("no-year-range", "Between 2019-20 sales fell; $2021 was paid; 2019-2020 was bad.", PUB, []),
    # --- relative to the publication date
    ("last-month", "They met last month.", PUB, [("last month", "2022-08-01", "month")]),
    ("last-month-january", "They met last month.", "2023-01-15", [("last month", "2022-12-01", "month")]),
    ("next-month", "They meet next month.", "2022-12-15", [("next month", "2023-01-01", "month")]),
    ("last-week-talks", "At last week's talks, they agreed.", PUB, [("last week", "2022-09-01", "month")]),
    ("last-week-month-before", "At last week's talks, they agreed.", "2022-09-03", [("last week", "2022-08-01", "month")]),
    ("this-year", "They met earlier this year and last year.", PUB,
     [("earlier this year", "2022-01-01", "year"), ("last year", "2021-01-01", "year")]),
    ("on-weekday", "They met on Tuesday.", PUB, [("on Tuesday", "2022-09-06", "day")]),
    ("weekday-sentence-start", "On Tuesday they met.", PUB, [("On Tuesday", "2022-09-06", "day")]),
    ("weekday-is-today", "They met on Sunday.", PUB, [("on Sunday", "2022-09-11", "day")]),
    ("last-weekday-is-a-week-ago", "They met last Sunday.", PUB, [("last Sunday", "2022-09-04", "day")]),
    ("last-weekday-capital", "Last Sunday they met.", PUB, [("Last Sunday", "2022-09-04", "day")]),
    ("next-weekday", "They meet next Tuesday.", PUB, [("next Tuesday", "2022-09-13", "day")]),
    ("weekday-possessive", "Tuesday's talks ended.", PUB, [("Tuesday", "2022-09-06", "day")]),
    ("yesterday-today", "They met yesterday. Last night they ate. Today they left.", PUB,
     [("yesterday", "2022-09-10", "day"), ("Last night", "2022-09-10", "day"), ("Today", "2022-09-11", "day")]),
    ("ago", "Three days ago, two weeks ago, a month ago and 2 years ago.", PUB,
     [("Three days ago", "2022-09-08", "day"), ("two weeks ago", "2022-08-01", "month"),
      ("a month ago", "2022-08-01", "month"), ("2 years ago", "2020-01-01", "year")]),
    # --- relative to the story's own time
    ("previous-day", "The forum opened on September 6. They met the previous day.", PUB,
     [("September 6", "2022-09-06", "day"), ("the previous day", "2022-09-05", "day")]),
    ("previous-day-no-anchor", "They met. The previous day, it rained.", PUB,
     [("The previous day", "2022-09-10", "day")]),
    ("day-before-and-after", "The talks were on March 6, 2023; he came the day before and left the day after.", PUB,
     [("March 6, 2023", "2023-03-06", "day"), ("the day before", "2023-03-05", "day"),
      ("the day after", "2023-03-07", "day")]),
    ("same-day", "They met on Tuesday and signed the same day.", PUB,
     [("on Tuesday", "2022-09-06", "day"), ("the same day", "2022-09-06", "day")]),
    ("following-year", "In 2019 they met; the following year they fought.", PUB,
     [("In 2019", "2019-01-01", "year"), ("the following year", "2020-01-01", "year")]),
    ("following-month", "In August 2019 they met. The following month they fought.", PUB,
     [("August 2019", "2019-08-01", "month"), ("The following month", "2019-09-01", "month")]),
    ("following-month-no-anchor", "The following month they fought.", PUB,
     [("The following month", "2022-10-01", "month")]),
    # --- without a publication date, only explicit dates resolve
    ("no-pub-relative", "They met on Friday, last month and in August.", "", []),
    ("no-pub-explicit", "They met in December 2018 and on 7 September 2022.", "",
     [("December 2018", "2018-12-01", "month"), ("7 September 2022", "2022-09-07", "day")]),
    ("bad-pub", "They met on Friday and in 2019.", "not a date", [("in 2019", "2019-01-01", "year")]),
]


@pytest.mark.parametrize(("text", "pub", "expected"), [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_find_dates(text: str, pub: str, expected: list[tuple[str, str, str]]) -> None:
    found = list(find_dates(text, pub))
    assert [(e.text, e.date, e.precision) for e in found] == expected
    for e in found:
        assert text[e.start : e.end] == e.text


EXPRESSIONS = [
    TimeExpression(10, 21, "September 7", "2022-09-07", "day"),
    TimeExpression(40, 50, "last month", "2022-08-01", "month"),
    TimeExpression(120, 127, "in 2019", "2019-01-01", "year"),
]


@pytest.mark.parametrize(
    ("start", "end", "position", "pub", "expected"),
    [
        (0, 60, 25, PUB, EventDate("2022-09-07", "day")),  # nearer the first expression
        (0, 60, 45, PUB, EventDate("2022-08-01", "month")),  # the trigger inside "last month"
        (0, 60, 55, PUB, EventDate("2022-08-01", "month")),
        (30, 60, 31, PUB, EventDate("2022-08-01", "month")),  # "September 7" is outside the sentence
        (100, 130, 101, PUB, EventDate("2019-01-01", "year")),
        (60, 100, 70, PUB, EventDate("2022-09-11", "doc")),  # nothing inside: the publication date
        (60, 100, 70, "2022-09-11T08:00:00", EventDate("2022-09-11", "doc")),
        (60, 100, 70, "", EventDate("", "doc")),
        (15, 60, 20, PUB, EventDate("2022-08-01", "month")),  # an expression cut by the sentence start is not inside
    ],
)
def test_event_date(start: int, end: int, position: int, pub: str, expected: EventDate) -> None:
    assert event_date(EXPRESSIONS, start, end, position, pub) == expected


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_dates() -> dict[str, tuple[str, str]]:
    if not SEED.exists():
        pytest.skip(f"seed article not available: {SEED} is absent (the shared folder beside the checkout)")
    (doc,) = read_inputs([SEED])
    found: dict[str, tuple[str, str]] = {}
    for e in find_dates(doc.text, doc.date):
        found.setdefault(e.text, (e.date, e.precision))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11 September 2022", ("2022-09-11", "day")),
        ("September 7", ("2022-09-07", "day")),
        ("the previous day", ("2022-09-06", "day")),
        ("in May", ("2022-05-01", "month")),
        ("last month", ("2022-08-01", "month")),
        ("December 2018", ("2018-12-01", "month")),
    ],
)
def test_seed_dates(seed_dates: dict[str, tuple[str, str]], text: str, expected: tuple[str, str]) -> None:
    assert seed_dates[text] == expected
