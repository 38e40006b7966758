"""Closed-class words of English that the stages share: pronouns, auxiliaries, months.

Open-class lexicon content (verbs of saying, title words, event nouns, ...) is data under
``data/lexicons/`` (see :mod:`extraction.lexicons`); only grammar words that do not grow with
the news stay here, each defined once.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- pronouns
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its"})
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me", "ours"})
PLURAL_PRONOUNS = frozenset({"they", "their"})

#: Words that give the size of a group noun ("the two sides", "both governments", "all three leaders").
GROUP_SIZE_WORDS: dict[str, int] = {"two": 2, "both": 2, "three": 3, "four": 4}

# --------------------------------------------------------------------------- auxiliaries and markers
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "ought"})
OBLIGATION_AUX = frozenset({"should", "must"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
#: Determiners that make a subject or object nobody and nothing ("no deals", "neither Washington nor ...").
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
#: Words before a time expression that make it the limit of a period ("since 2019").
PERIOD_BOUND_WORDS = frozenset({"since", "until", "by", "before", "after", "through", "throughout"})

#: Capitalised function words that never start or continue a person's name.
CAPITALISED_FUNCTION_WORDS: tuple[str, ...] = (
    "The", "A", "An", "And", "But", "In", "On", "At", "Of", "For", "With", "This", "That", "It", "He", "She",
    "They", "We", "His", "Her", "Their", "Its",
)  # fmt: skip

# --------------------------------------------------------------------------- calendar
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Month name or abbreviation (lower case, no dot) -> month number.
MONTHS: dict[str, int] = {
    **{name.lower(): n for n, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
#: Regex alternatives for a month name or its abbreviation ("Sept", "Dec"), without the dot.
MONTH_ALTERNATIVES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
#: A month name or abbreviation with an optional dot ("Sept.", "Dec"), as a non-capturing group.
MONTH_PATTERN = rf"(?:{MONTH_ALTERNATIVES})\.?"
