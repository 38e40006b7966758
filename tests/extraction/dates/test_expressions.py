"""Stage 4, temporal expressions (extraction.dates.expressions): explicit and relative dates
resolved against the publication date, with precision day, month or year, and what the words
around them say (limits, background, futures, modifiers).

Each find_dates case lists every expression expected in the text, in order, as
``(text, ISO date, precision)``.
"""

from __future__ import annotations

import pytest

from extraction.dates import find_dates
from extraction.documents import read_inputs
from tests.paths import SEED, SEED_MISSING

PUB = "2022-09-11"  # a Sunday
PUB_WED = "2023-03-01"  # a Wednesday

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
    # counted years and months count from the story's latest year or month, not from the publication
    ("years-later", "In 2016 they met. Two years later they agreed.", PUB,
     [("In 2016", "2016-01-01", "year"), ("Two years later", "2018-01-01", "year")]),
    ("years-earlier-after-month", "They met in December 2016. A year earlier they had quarrelled.", PUB,
     [("December 2016", "2016-12-01", "month"), ("A year earlier", "2015-01-01", "year")]),
    ("months-later", "They met in December 2016. Three months later they agreed.", PUB,
     [("December 2016", "2016-12-01", "month"), ("Three months later", "2017-03-01", "month")]),
    ("following-month", "In August 2019 they met. The following month they fought.", PUB,
     [("August 2019", "2019-08-01", "month"), ("The following month", "2019-09-01", "month")]),
    ("following-month-no-anchor", "The following month they fought.", PUB,
     [("The following month", "2022-10-01", "month")]),
    # --- an underspecified expression read by its clause's tense (PUB_WED is a Wednesday)
    ("will-weekday-ahead", "China and Japan will hold talks on Monday.", PUB_WED, [("on Monday", "2023-03-06", "day")]),
    ("is-to-weekday", "The minister is to visit Beijing on Saturday.", PUB_WED, [("on Saturday", "2023-03-04", "day")]),
    ("due-to-weekday", "Envoys are due to meet on Friday.", PUB_WED, [("on Friday", "2023-03-03", "day")]),
    ("scheduled-weekday", "Talks are scheduled for Thursday.", PUB_WED, [("Thursday", "2023-03-02", "day")]),
    ("plans-weekday", "Seoul plans to send a delegation on Tuesday.", PUB_WED, [("on Tuesday", "2023-03-07", "day")]),
    ("would-weekday", "Seoul said it would send envoys on Saturday.", PUB_WED, [("on Saturday", "2023-03-04", "day")]),
    ("future-after-weekday", "On Monday, the two sides will meet again.", PUB_WED, [("On Monday", "2023-03-06", "day")]),
    ("past-weekday-stays", "China and Japan held talks on Monday.", PUB_WED, [("on Monday", "2023-02-27", "day")]),
    ("past-first-cue-wins", "On Monday Motegi repeated the point, telling her the deal would not help.", PUB_WED,
     [("On Monday", "2023-02-27", "day")]),
    ("said-then-would", "Officials said on Monday that the envoys would meet on Friday.", PUB_WED,
     [("on Monday", "2023-02-27", "day"), ("on Friday", "2023-03-03", "day")]),
    ("same-weekday-future", "They will meet on Wednesday.", PUB_WED, [("on Wednesday", "2023-03-01", "day")]),
    ("this-weekday", "They met this Monday and meet again this Friday.", PUB_WED,
     [("this Monday", "2023-02-27", "day"), ("this Friday", "2023-03-03", "day")]),
    ("coming-weekday", "They meet this coming Wednesday.", PUB_WED, [("this coming Wednesday", "2023-03-08", "day")]),
    ("will-month-ahead", "The pact will lapse in November.", "2019-08-26", [("in November", "2019-11-01", "month")]),
    ("will-month-next-year", "They will meet in December.", "2023-01-18", [("in December", "2023-12-01", "month")]),
    ("past-month-last-year", "They met in December.", "2023-01-18", [("in December", "2022-12-01", "month")]),
    ("past-month-this-year", "Trump congratulated Tsai on her election in January.", "2016-12-04",
     [("in January", "2016-01-01", "month")]),
    ("no-cue-month-nearer", "Trump takes office in January.", "2016-12-04", [("in January", "2017-01-01", "month")]),
    ("month-same-as-pub", "They met in March and will meet again in March.", "2023-03-20",
     [("in March", "2023-03-01", "month"), ("in March", "2023-03-01", "month")]),
    ("will-day-month-next-year", "The talks will resume on January 5.", "2022-12-20", [("January 5", "2023-01-05", "day")]),
    ("past-day-month-this-year", "The talks resumed on January 5.", "2022-12-20", [("January 5", "2022-01-05", "day")]),
    ("no-cue-day-month-nearer", "The talks resume on January 5.", "2022-12-20", [("January 5", "2023-01-05", "day")]),
    # --- a day of the month without the month ("on the 15th"): the publication's month or a near one
    ("day-of-month-past", "The two leaders held a summit on the 15th.", "2024-11-23",
     [("on the 15th", "2024-11-15", "day")]),
    ("day-of-month-future", "The minister will leave on the 24th and return on the 27th.", "2024-11-23",
     [("on the 24th", "2024-11-24", "day"), ("on the 27th", "2024-11-27", "day")]),
    ("day-of-month-previous-month", "The ministers met on the 28th.", "2024-12-03",
     [("on the 28th", "2024-11-28", "day")]),
    ("day-of-month-next-month", "The envoy will arrive on the 2nd.", "2024-11-28", [("on the 2nd", "2024-12-02", "day")]),
    ("day-of-month-no-31", "They met on the 31st.", "2024-12-03", [("on the 31st", "2024-10-31", "day")]),
    ("day-of-month-not-century", "Relations on the 21st century stage.", "2024-12-03", []),
    # --- a month without its year takes the year the text gives it
    ("year-in-sentence", "In 2019 Japan restricted exports in July.", PUB,
     [("In 2019", "2019-01-01", "year"), ("in July", "2019-07-01", "month")]),
    ("year-after-in-sentence", "Japan restricted exports in July, a step it took in 2019.", PUB,
     [("in July", "2019-07-01", "month"), ("in 2019", "2019-01-01", "year")]),
    ("year-in-paragraph", "The dispute began in 2019. Tokyo removed Seoul from its list in August.", PUB,
     [("in 2019", "2019-01-01", "year"), ("in August", "2019-08-01", "month")]),
    ("year-in-paragraph-not-future", "The dispute began in 2019. The curbs will end in August.", "2022-07-01",
     [("in 2019", "2019-01-01", "year"), ("in August", "2022-08-01", "month")]),
    ("year-other-paragraph", "The dispute began in 2019.\n\nTokyo removed the curbs in August.", PUB,
     [("in 2019", "2019-01-01", "year"), ("in August", "2022-08-01", "month")]),
    ("limit-year-is-no-context", "Talks have stalled since 2019; they resumed in August.", PUB,
     [("since 2019", "2019-01-01", "year"), ("in August", "2022-08-01", "month")]),
    ("month-year-is-no-context", "He was arrested in March 2021 and sentenced in July.", PUB,
     [("March 2021", "2021-03-01", "month"), ("in July", "2022-07-01", "month")]),
    # --- a reported event is not after its report: counting forward starts from the story's earlier day
    ("reported-next-day", "He vanished on Monday. The ministry said on Thursday that soldiers had found him the next "
     "day.", "2020-09-26", [("on Monday", "2020-09-21", "day"), ("on Thursday", "2020-09-24", "day"),
                            ("the next day", "2020-09-22", "day")]),
    ("reported-two-days-later", "The boat sank on May 2. Officials told reporters on Friday that the crew was rescued "
     "two days later.", "2023-05-13", [("May 2", "2023-05-02", "day"), ("on Friday", "2023-05-12", "day"),
                                       ("two days later", "2023-05-04", "day")]),
    ("reported-previous-day", "The ministry said on Thursday that ships had entered the previous day.", "2020-09-26",
     [("on Thursday", "2020-09-24", "day"), ("the previous day", "2020-09-23", "day")]),
    ("report-then-narration", "The ministry said on Thursday it would respond. The next day, Seoul protested.",
     "2020-09-26", [("on Thursday", "2020-09-24", "day"), ("The next day", "2020-09-25", "day")]),
    # --- not event times: datelines, years in names, appositions
    ("dateline-with-region", "GYEONGJU, South Korea, Nov. 3 — Xi met Lee on Saturday.", "2025-11-03",
     [("on Saturday", "2025-11-01", "day")]),
    ("dateline-two-cities", "WASHINGTON/BEIJING, Dec. 4 — China protested on Saturday.", "2016-12-04",
     [("on Saturday", "2016-12-03", "day")]),
    ("dateline-agency-no-place", "Jan 5 (Reuters) - China protested on Wednesday.", "2023-01-05",
     [("on Wednesday", "2023-01-04", "day")]),
    ("dateline-agency-with-place", "TOKYO, Jan 5 (Reuters) - Japan protested on Wednesday.", "2023-01-05",
     [("on Wednesday", "2023-01-04", "day")]),
    ("dateline-date-only-line", "March 3, 2023 — The envoys met on Thursday.", "2023-03-03",
     [("on Thursday", "2023-03-02", "day")]),
    ("date-opening-a-sentence", "On Jan 5 China protested; on Friday Japan replied.", "2023-01-09",
     [("Jan 5", "2023-01-05", "day"), ("on Friday", "2023-01-06", "day")]),
    ("year-in-quoted-name", 'The drills, code-named "Justice Mission 2025", began on Monday.', "2026-01-03",
     [("on Monday", "2025-12-29", "day")]),
    ("year-in-name", "Beijing promotes Made in China 2025 and Vision 2030 abroad.", PUB, []),
    ("apposition-day-after", "Taiwan acted on February 25, the day after the invasion.", "2022-03-09",
     [("February 25", "2022-02-25", "day")]),
    # --- relative to an event of the story named in an earlier sentence
    ("a-day-before-event", "The talks began on March 18. A day before the talks began, Washington added sanctions.",
     "2021-03-27", [("March 18", "2021-03-18", "day"), ("A day before", "2021-03-17", "day")]),
    ("two-days-after-event", "The summit ended on May 2. Two days after the summit, Seoul protested.", "2023-05-10",
     [("May 2", "2023-05-02", "day"), ("Two days after", "2023-05-04", "day")]),
    ("event-offset-same-sentence", "Drills ended on Friday, three days after his inauguration.", "2024-05-25",
     [("on Friday", "2024-05-24", "day")]),
    ("event-offset-future-anchor", "Kishida will arrive on Sunday. Two days after the visit, Seoul hosts talks.",
     PUB_WED, [("on Sunday", "2023-03-05", "day")]),
    ("event-offset-no-anchor", "Two weeks after the speech, the row is still growing.", "2025-11-21", []),
    ("over-the-weekend", "Seoul hosted Trump over the weekend.", "2019-07-02", [("over the weekend", "2019-06-01", "month")]),
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


FLAG_CASES = [
    # (name, text, pub, expression, (background, future, limit))
    ("past-perfect-is-background", "Kim had arrived on Tuesday by train.", PUB, "on Tuesday", (True, False, "")),
    ("past-perfect-after", "On Tuesday, Kim had already arrived.", PUB, "On Tuesday", (True, False, "")),
    ("past-perfect-been", "The two had been at odds since 2019.", PUB, "since 2019", (True, False, "since")),
    ("simple-past-is-not", "Kim arrived on Tuesday by train.", PUB, "on Tuesday", (False, False, "")),
    ("had-talks-is-not", "Kim had talks with Xi on Tuesday.", PUB, "on Tuesday", (False, False, "")),
    ("perfect-in-other-clause", "Kim said that Xi had agreed, and he left on Tuesday.", PUB, "on Tuesday",
     (False, False, "")),
    ("will-is-future", "Kim will visit on Tuesday.", PUB_WED, "on Tuesday", (False, True, "")),
    ("due-to-is-future", "The ban is due to take effect on August 28.", "2019-08-05", "August 28", (False, True, "")),
    ("ahead-of-pub-is-future", "The ban takes effect on August 28.", "2019-08-05", "August 28", (False, True, "")),
    ("next-month-is-future", "They meet next month.", PUB, "next month", (False, True, "")),
    ("until-is-limit", "Sanctions stay until March.", PUB, "until March", (False, True, "until")),
    ("expected-to-is-future", "The envoys are expected to arrive on Friday.", PUB_WED, "on Friday", (False, True, "")),
    ("by-is-limit", "By Saturday the coast guard counted 230 boats.", PUB, "Saturday", (False, False, "by")),
    ("day-after-is-no-limit", "They met on Monday. The day after the encounter, Tokyo protested.", PUB,
     "The day after", (False, False, "")),
]


@pytest.mark.parametrize(
    ("text", "pub", "expression", "expected"), [c[1:] for c in FLAG_CASES], ids=[c[0] for c in FLAG_CASES]
)
def test_expression_flags(text: str, pub: str, expression: str, expected: tuple[bool, bool, str]) -> None:
    (e,) = [e for e in find_dates(text, pub) if e.text == expression]
    assert (e.background, e.future, e.limit) == expected


MODIFIER_CASES = [
    ("month-before-noun", "The North reaffirmed its April pledge.", "April", True),
    ("year-before-noun", "Japan will lift the 2019 restrictions.", "2019", True),
    ("day-before-noun", "They spoke at the March 3 summit.", "March 3", True),
    ("month-after-in", "They met in April.", "in April", False),
    ("month-in-participle", "The talks, held in April, failed.", "in April", False),
    ("month-year-after-in", "In April 2019 talks resumed.", "April 2019", False),
    ("month-after-determiner-no-noun", "They chose this April.", "this April", False),
]


@pytest.mark.parametrize(
    ("text", "expression", "expected"), [c[1:] for c in MODIFIER_CASES], ids=[c[0] for c in MODIFIER_CASES]
)
def test_modifier_dates(text: str, expression: str, expected: bool) -> None:
    (e,) = [e for e in find_dates(text, PUB) if e.text == expression]
    assert e.modifier is expected


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_dates() -> dict[str, tuple[str, str]]:
    if not SEED.exists():
        pytest.skip(SEED_MISSING)
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
