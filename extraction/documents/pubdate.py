"""Publication dates: parsing one date string, finding a date line or dateline near the top.

Accepts ISO dates and date-times, "11 September 2022", "September 11, 2022", "Sun, 11 Sep 2022
08:00:00 +0900", "2022/09/11", "03/01/2023"; a dateline ("SEOUL, March 16 (Agency) —") takes its
year from a line above it.

Numeric dates with slashes and the year last ("03/01/2023") are read month first, the US
convention, unless the first number cannot be a month: "13/01/2023" is 13 January, "01/13/2023"
is 13 January too, and "13/13/2023" is no date. Only slashes and four-digit years: "03.01.2023"
and "03-01-23" are left alone, since dotted and two-digit-year dates are day-first as often as not.
"""

from __future__ import annotations

import datetime as dt
import re

from ..constants import MONTH_ALTERNATIVES, MONTHS
from ..errors import InputProblem

_MONTH_RE = rf"(?P<month>{MONTH_ALTERNATIVES})\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\b"),
    # "03/01/2023": month first (US) unless the first number is over 12; see the module docstring
    re.compile(r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})\b"),
]
# "SEOUL, March 16 (Agency) —": a dateline, with or without a year.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'/-]+,\s+" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?"
)
# "Sunday, " before a date; a clock time and zone after it ("08:00 KST", "08:00:00 +0900").
_WEEKDAY_PREFIX = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+", re.I
)
_TIME_SUFFIX = re.compile(
    r"(?:(?:[T\s,]|\s+at\s+)+\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|GMT|UTC|[+-]\d{2}:?\d{2}|\(?[A-Z]{2,5}\)?)?(?:\s*[+-]\d{2}:?\d{2})?)?\s*\.?",
    re.I,
)


def parse_date(value: str) -> dt.date | None:
    """Parse one date string in a common format; None when it is not a date.

    Accepts ISO dates and date-times ("2022-09-11T08:00:00+09:00"), "11 September 2022",
    "September 11, 2022", "Sunday, September 11, 2022", "Sun, 11 Sep 2022 08:00:00 +0900",
    "2022/09/11". The value must be a date and nothing else (a trailing time is allowed).
    """
    value = str(value).strip().strip("\"'[]()").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    core = _WEEKDAY_PREFIX.sub("", value, count=1)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(core)
        if m and _TIME_SUFFIX.fullmatch(core, m.end()):
            return _to_date(m)
    return None


def find_date(text: str) -> dt.date | None:
    """The first valid date in a common format anywhere in ``text``."""
    best: tuple[int, dt.date] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            day = _to_date(m)
            if day is not None:
                best = (m.start(), day)
                break
    return best[1] if best else None


def _to_date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        month, day = (second, first) if first > 12 else (first, second)  # month first unless it cannot be
    else:
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
    try:
        return dt.date(int(groups["year"]), month, day)
    except ValueError:
        return None


def parse_date_or_problem(value: str, where: str) -> str:
    """ISO string for ``value`` ("" for an empty value); raises :class:`InputProblem` naming ``where``."""
    if value is None or not str(value).strip():
        return ""
    parsed = parse_date(str(value))
    if parsed is None:
        raise InputProblem(f"{where}: unparseable date {str(value)[:40]!r}")
    return parsed.isoformat()



_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def markdown_title(line: str) -> str:
    """A heading line without Markdown markup: "# Title #" -> "Title"."""
    return line.strip().lstrip("#").rstrip("#").strip()


def date_near_top(lines: list[str]) -> str:
    """Publication date from a date line or a dateline among the first lines of an article.

    A date line is a short line holding a full date that is not an ordinary sentence
    ("11 September 2022", "By A. Writer | Sept. 11, 2022", "Updated: 2022-09-11 08:00").
    A dateline ("SEOUL, March 16 (Agency) —") without a year takes its year from a
    line above it (title, byline); with no year there, the date stays unknown.
    """
    year_hint = None
    for n, line in enumerate([ln for ln in lines if ln][:8]):
        dl = _DATELINE.match(line)
        if dl:
            year = int(dl.group("year")) if dl.group("year") else year_hint
            if year is None:
                return ""
            month = MONTHS[dl.group("month").lower().rstrip(".")]
            try:
                return dt.date(year, month, int(dl.group("day"))).isoformat()
            except ValueError:
                return ""
        if n == 0:
            only = parse_date(markdown_title(line))  # a file that starts with its date
            if only:
                return only.isoformat()
        elif len(line) < 80:
            found = find_date(line)
            if found and _is_date_line(line):
                return found.isoformat()
        y = re.search(r"\b(20\d\d|19\d\d)\b", line)
        if y:
            year_hint = int(y.group(1))
    return ""


def _is_date_line(line: str) -> bool:
    """False for an ordinary sentence that happens to hold a date."""
    if not _SENTENCE_END.search(line):
        return True
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return len(re.findall(r"[A-Za-z]+", rest)) <= 2
