"""Stage 4, the date of one event (extraction.dates.event and .attach): the expression of the
trigger's own clause read by its tense, else the story's time, else the publication date.

The parsed cases mark the trigger with "*" in their text.
"""

from __future__ import annotations

import pytest

from extraction.dates import EventDate, TimeExpression, event_date, find_dates
from extraction.documents import split_sentences
from extraction.events.modality import modality_of

PUB = "2022-09-11"  # a Sunday
PUB_WED = "2023-03-01"  # a Wednesday

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


# --------------------------------------------------------------------------- the date of an event, with the parse

# Each text marks the trigger with "*"; the expected date and precision are those of that event.
EVENT_CASES = [
    # --- a future or intended verb reads a weekday, month or day forward (PUB_WED is a Wednesday)
    ("will-hold-monday", "China and Japan will *hold talks on Monday.", PUB_WED, ("2023-03-06", "day")),
    ("is-to-visit", "The Japanese foreign minister is to *visit Beijing on Saturday.", PUB_WED, ("2023-03-04", "day")),
    ("due-to-meet", "Envoys from both Koreas are due to *meet on Friday.", PUB_WED, ("2023-03-03", "day")),
    ("plans-to-send", "Seoul plans to *send a delegation to Tokyo on Tuesday.", PUB_WED, ("2023-03-07", "day")),
    (
        "said-would-resume",
        "The ministry said on Monday that it would *resume talks with Moscow on Thursday.",
        PUB_WED,
        ("2023-03-02", "day"),
    ),
    (
        "said-on-monday",
        "The ministry *said on Monday that it would resume talks with Moscow on Thursday.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    ("held-monday", "China and Japan *held talks on Monday.", PUB_WED, ("2023-02-27", "day")),
    ("will-host-next-month", "Tokyo will *host the summit next month.", PUB_WED, ("2023-04-01", "month")),
    ("will-meet-later-this-week", "The envoys will *meet later this week.", PUB_WED, ("2023-03-01", "month")),
    ("would-visit-april", "Trump said he would *visit China in April.", "2025-11-03", ("2026-04-01", "month")),
    ("will-lapse-november", "The pact will *lapse in November.", "2019-08-26", ("2019-11-01", "month")),
    ("will-meet-december", "Japan and China will *meet in December.", "2023-01-18", ("2023-12-01", "month")),
    ("met-december", "Japan and China *met in December.", "2023-01-18", ("2022-12-01", "month")),
    ("will-resume-january-5", "The two sides will *resume talks on January 5.", "2022-12-20", ("2023-01-05", "day")),
    # --- the expression attached to the trigger's clause, not to another noun or clause
    (
        "summit-on-march-3",
        "Two days after the summit on March 3, Japan *protested on Thursday.",
        PUB_WED,
        ("2023-02-23", "day"),
    ),
    (
        "agreed-tuesday-talks-next-month",
        "Japan and South Korea *agreed on Tuesday to hold talks next month.",
        PUB_WED,
        ("2023-02-28", "day"),
    ),
    (
        "talks-next-month-after-agreement",
        "Japan and South Korea agreed on Tuesday to *hold talks next month.",
        PUB_WED,
        ("2023-04-01", "month"),
    ),
    (
        "relative-clause-keeps-its-time",
        "The minister, who *met Wang in Beijing last week, flew to Seoul on Monday.",
        PUB_WED,
        ("2023-02-01", "month"),
    ),
    (
        "main-clause-not-relative",
        "The minister, who met Wang in Beijing last week, *flew to Seoul on Monday.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    (
        "participle-subject",
        "Lai, sworn in on Monday, *used his speech to call on Beijing to talk.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    (
        "speaking-participle",
        "Speaking in Seoul on Friday, Blinken *urged Beijing to stop.",
        PUB_WED,
        ("2023-02-24", "day"),
    ),
    (
        "after-talks-anchor",
        "After talks with Moon on Tuesday, the two men *pledged close coordination.",
        PUB_WED,
        ("2023-02-28", "day"),
    ),
    (
        "limit-since-not-date",
        "On Monday Beijing said it had *suspended imports, which it has restricted since 2019.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    (
        "limit-until-not-date",
        "The ban, in force until March, was *lifted on Friday.",
        "2023-02-10",
        ("2023-02-10", "day"),
    ),
    (
        "year-modifies-noun",
        "Yoon and Kishida met on Thursday. Japan said it would *lift the 2019 restrictions.",
        "2023-03-18",
        ("2023-03-16", "day"),
    ),
    (
        "adopted-in-2016",
        "The summit collapsed on Thursday.\n\nRi said the North had *asked for relief from "
        "resolutions adopted in 2016.",
        "2019-03-02",
        ("2019-02-28", "day"),
    ),
    (
        "announced-last-month",
        "Xi met Trump on Thursday. China agreed to *delay the controls it announced last month.",
        "2025-11-03",
        ("2025-10-30", "day"),
    ),
    (
        "participle-on-trigger-noun",
        "Officials said the ministers would prepare the leaders' *summit chaired by Li in December.",
        "2019-08-16",
        ("2019-12-01", "month"),
    ),
    (
        "pair-weekend",
        "Japan and China will hold *talks Saturday and Sunday in Tokyo.",
        "2006-09-20",
        ("2006-09-23", "day"),
    ),
    (
        "pair-trigger-after",
        "Japan and China will hold talks Saturday and Sunday in Tokyo to *discuss trade.",
        "2006-09-20",
        ("2006-09-23", "day"),
    ),
    ("pair-from-to", "Kim and Xi *met from Sunday to Wednesday in Beijing.", "2018-03-29", ("2018-03-25", "day")),
    (
        "infinitival-relative",
        "The last Chinese leader to *visit Seoul was Xi in July 2014.",
        "2023-01-10",
        ("2014-07-01", "month"),
    ),
    (
        "offset-phrase-holds-trigger",
        "The office announced the trip on Tuesday. Kishida will arrive on Sunday. This comes "
        "a month after Yoon's *visit to Tokyo.",
        "2023-05-03",
        ("2023-05-02", "day"),
    ),
    (
        "coming-month-not-for-present",
        "Officials are *coordinating a schedule for Kishida to visit Seoul early next month.",
        "2023-04-29",
        ("2023-04-29", "doc"),
    ),
    (
        "coming-month-for-the-visit",
        "Officials are coordinating a schedule for Kishida to *visit Seoul early next month.",
        "2023-04-29",
        ("2023-05-01", "month"),
    ),
    (
        "plan-takes-no-past-other",
        "Japan will *remove curbs on chip materials imposed in 2019, officials said.",
        "2023-03-17",
        ("2023-03-17", "doc"),
    ),
    (
        "plan-takes-no-past-other-2",
        "Seoul will *drop the complaint it filed in 2019.",
        "2023-03-17",
        ("2023-03-17", "doc"),
    ),
    (
        "since-when-it-began",
        "Beijing has *restricted imports of Japanese fish since August.",
        "2023-10-10",
        ("2023-08-01", "month"),
    ),
    (
        "since-after-points",
        "On Monday China *suspended fish imports, which it has limited since August.",
        "2023-10-11",
        ("2023-10-09", "day"),
    ),
    ("until-never", "Seoul *extended the ban until June.", "2023-03-15", ("2023-03-15", "doc")),
    (
        "when-clause-on-date",
        "The crisis began on Monday, when Beijing *cut off imports of fruit.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    (
        "when-clause-on-date-2",
        "Tensions peaked on January 9, when Pyongyang *fired two missiles.",
        "2023-01-20",
        ("2023-01-09", "day"),
    ),
    (
        "offset-before-clause",
        "The talks began on March 18. A day before the talks opened, Washington had *imposed sanctions.",
        "2021-03-27",
        ("2021-03-17", "day"),
    ),
    (
        "offset-after-clause",
        "The summit ended on May 2. Two days after the summit closed, Seoul *protested.",
        "2023-05-10",
        ("2023-05-04", "day"),
    ),
    (
        "gerund-complement",
        "Agencies *stopped selling tours to Korea from Wednesday.",
        "2017-03-20",
        ("2017-03-15", "day"),
    ),
    ("gerund-complement-2", "Seoul *resumed sending aid on Friday.", PUB_WED, ("2023-02-24", "day")),
    (
        "adverbial-after-subject",
        "South Korea and Japan on Friday each announced sanctions, and the US Treasury *designated further officials.",
        "2016-12-03",
        ("2016-12-02", "day"),
    ),
    (
        "adverbial-after-subject-2",
        "Seoul and Tokyo on Tuesday jointly *condemned the launch.",
        PUB_WED,
        ("2023-02-28", "day"),
    ),
    # --- an undated sentence takes the story's current time
    ("story-paragraph", "Kishida met Yoon on Thursday. He *praised the plan.", "2023-03-18", ("2023-03-16", "day")),
    (
        "story-skips-past-perfect",
        "Kishida met Yoon on Thursday. The two had last met in 2019. Yoon *praised Japan.",
        "2023-03-18",
        ("2023-03-16", "day"),
    ),
    (
        "story-skips-plans",
        "Seoul and Tokyo met on Monday. Both will meet again on Friday. They *agreed to keep talking.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    (
        "story-skips-limits",
        "Japan met Korea on Monday.\n\nTies have been cool since 2019. Tokyo *protested.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    # no day named before it: the publication date (a later day in the text is not looked ahead to)
    (
        "story-nothing-before",
        "TOKYO, March 18 — Japan *has lifted its export curbs on South Korea.\n\nThe decision "
        "was announced on Thursday after a cabinet meeting.",
        "2023-03-18",
        ("2023-03-18", "doc"),
    ),
    (
        "story-paragraph-start",
        "SEOUL, Aug. 5 — Curbs on chip materials took effect on July 4.\n\nJapan's cabinet "
        "on Friday approved the change.\n\nMoon *warned that Japan would bear responsibility.",
        "2019-08-05",
        ("2019-08-02", "day"),
    ),
    (
        "story-skips-modifier",
        "Trump and Kim met on Tuesday.\n\nThe North reaffirmed its April pledge. The two also "
        "*agreed to recover remains.",
        "2018-06-14",
        ("2018-06-12", "day"),
    ),
    (
        "story-lead-latest-day",
        "After talks in Nagato on Thursday and in Tokyo on Friday, Abe and Putin agreed to "
        "start consultations.\n\nThe two leaders *reached no agreement on sovereignty.",
        "2016-12-19",
        ("2016-12-16", "day"),
    ),
    (
        "same-day-as-main-event",
        "Japan's cabinet on Friday approved the change.\n\nProtesters rallied on Thursday. On "
        "the same day as the cabinet decision, Pompeo *met Kang and Kono in Bangkok.",
        "2019-08-05",
        ("2019-08-02", "day"),
    ),
    (
        "same-day-follows-story",
        "Japan protested on Monday. Korea *rejected the protest the same day.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    (
        "story-intended-may-use-plans",
        "Both will meet on Friday. They will *sign a deal.",
        PUB_WED,
        ("2023-03-03", "day"),
    ),
    ("story-nothing", "Japan *protested.", PUB_WED, ("2023-03-01", "doc")),
    # --- precision: the text's own
    ("month-only", "Japan *imposed curbs in July.", "2023-09-12", ("2023-07-01", "month")),
    ("year-only", "Japan *imposed curbs in 2019.", "2023-09-12", ("2019-01-01", "year")),
    ("last-week-no-day", "China *held drills last week.", PUB_WED, ("2023-02-01", "month")),
    (
        "this-week-day-named",
        "China *held drills this week. The drills began on Tuesday.",
        "2023-03-02",
        ("2023-02-28", "day"),
    ),
    (
        "this-week-day-outside",
        "China *held drills this week. It had warned Taipei on February 20.",
        "2023-03-02",
        ("2023-03-01", "month"),
    ),
    (
        "plan-this-week-coming-day",
        "Japan and China will hold *talks in Beijing this week, the ministry said Wednesday. "
        "The envoys will meet on Friday.",
        "2006-07-20",
        ("2006-07-21", "day"),
    ),
    (
        "plan-takes-coming-lead-day",
        "Yoon and Kishida will meet in Seoul on Sunday.\n\nThe visit will *mark the "
        "first trip to Seoul by a Japanese leader in 12 years.",
        "2023-05-03",
        ("2023-05-07", "day"),
    ),
    (
        "ongoing-is-now",
        "China suspended seafood imports on Thursday.\n\nJapan is *calling for the repeal of the measure.",
        "2023-08-25",
        ("2023-08-25", "doc"),
    ),
    (
        "ongoing-perfect-is-now",
        "Tokyo protested on Monday. Both capitals have been *exploring a meeting.",
        PUB_WED,
        ("2023-03-01", "doc"),
    ),
    (
        "ongoing-with-own-date",
        "China is *holding drills this week. They began on Monday.",
        PUB_WED,
        ("2023-02-27", "day"),
    ),
    (
        "present-passive-is-now",
        "Xi and Ishiba held a summit on the 15th.\n\nNew *talks are reported to be in preparation.",
        "2024-11-23",
        ("2024-11-23", "doc"),
    ),
    (
        "past-passive-is-story",
        "Xi and Ishiba met on the 15th.\n\nNew *talks were reported to be in preparation.",
        "2024-11-23",
        ("2024-11-15", "day"),
    ),
    ("day-of-month-own", "Xi and Ishiba *held a summit on the 15th.", "2024-11-23", ("2024-11-15", "day")),
    ("day-of-month-plan", "Iwaya is scheduled to *depart on the 24th.", "2024-11-23", ("2024-11-24", "day")),
    (
        "simple-past-is-story",
        "China suspended seafood imports on Thursday.\n\nJapan *called for the repeal of the measure.",
        "2023-08-25",
        ("2023-08-24", "day"),
    ),
    ("story-month-stays-month", "Talks resumed in May. Japan *protested.", "2023-06-10", ("2023-05-01", "month")),
    ("weekday-is-day", "Japan *imposed curbs on Tuesday.", PUB_WED, ("2023-02-28", "day")),
]


@pytest.fixture(scope="module")
def nlp():
    from extraction.pipeline import Extractor

    return Extractor().nlp


def _event_date(nlp, marked: str, pub: str) -> EventDate:
    position = marked.index("*")
    text = marked.replace("*", "", 1)
    (s,) = [s for s in split_sentences(text) if s.start <= position < s.end]
    parsed = nlp(text[s.start : s.end])
    trigger = next(t for t in parsed if t.idx == position - s.start)
    return event_date(
        list(find_dates(text, pub)), s.start, s.end, position, pub, s.paragraph_start,
        modality=modality_of(trigger), parsed=parsed,
    )  # fmt: skip


@pytest.mark.parametrize(("text", "pub", "expected"), [c[1:] for c in EVENT_CASES], ids=[c[0] for c in EVENT_CASES])
def test_event_date_with_parse(nlp, text: str, pub: str, expected: tuple[str, str]) -> None:
    assert _event_date(nlp, text, pub) == EventDate(*expected)
