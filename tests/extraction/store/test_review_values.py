"""Checking review values before writing: extraction.store.review_values."""

from __future__ import annotations

import pytest

from extraction.errors import InvalidReview
from extraction.store import review_values as values


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2016-03-02", ("2016-03-02", "day")),
        (" 2016-03-02 ", ("2016-03-02", "day")),
        ("March 2, 2016", ("2016-03-02", "day")),
        ("2 March 2016", ("2016-03-02", "day")),
        ("2016/03/02", ("2016-03-02", "day")),
        ("2016-03", ("2016-03-01", "month")),
        ("2016-3", ("2016-03-01", "month")),
        ("2016", ("2016-01-01", "year")),
    ],
)
def test_event_dates_and_their_precision(given, expected):
    assert values.event_date(given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", r"date: unparseable date ''"),
        ("yesterday", r"date: unparseable date 'yesterday' \(use YYYY-MM-DD, YYYY-MM or YYYY\)"),
        ("2016-02-30", r"date: unparseable date '2016-02-30'"),
        ("2016-00", r"date: no such month '2016-00'"),
        ("2016-13", r"date: no such month '2016-13'"),
        ("16-03-02", r"date: unparseable date '16-03-02'"),
        ("2016-03-02; DROP TABLE reviews", r"date: unparseable date '2016-03-02; DROP TABLE reviews'"),
    ],
)
def test_bad_dates(given, message):
    with pytest.raises(InvalidReview, match=r"\[E024\] " + message):
        values.event_date(given)


@pytest.mark.parametrize(("given", "expected"), [("usa", "USA"), (" Jpn ", "JPN"), ("TWN", "TWN")])
def test_actor_codes_any_case(given, expected):
    assert values.actor_code(given, "source") == expected


@pytest.mark.parametrize("given", ["", "US", "United States", "EU", None, "USA;"])
def test_unknown_actors(given):
    with pytest.raises(
        InvalidReview, match=r"\[E024\] target: unknown actor .*; actors are USA, JPN, KOR, PRK, CHN, RUS, TWN"
    ):
        values.actor_code(given, "target")


@pytest.mark.parametrize(("given", "expected"), [("agree", "AGREE"), (" Protest", "PROTEST")])
def test_event_types_any_case(given, expected):
    assert values.event_type(given) == expected


@pytest.mark.parametrize("given", ["", "MEET", "verbal cooperation", None])
def test_unknown_event_types(given):
    with pytest.raises(InvalidReview, match=r"\[E024\] type: unknown event type .*; types are AGREE, CONSULT, SUPPORT"):
        values.event_type(given)


def test_reviewer_name_argument_then_setting(monkeypatch):
    monkeypatch.setenv("RELDASH_REVIEWER", " Kim  Soo ")
    assert values.reviewer_name(None) == "Kim Soo"
    assert values.reviewer_name("ann") == "ann"
    monkeypatch.delenv("RELDASH_REVIEWER")
    with pytest.raises(InvalidReview, match=r"reviewer: no name given \(pass one, or set RELDASH_REVIEWER\)"):
        values.reviewer_name(None)
    with pytest.raises(InvalidReview, match="reviewer: name longer than 80 characters"):
        values.reviewer_name("x" * 81)
    with pytest.raises(InvalidReview, match="control characters"):
        values.reviewer_name("a\u202eb")  # right-to-left override


def test_notes():
    assert values.note_text("  two\nlines\t ") == "two\nlines"
    assert values.note_text(None) == ""
    with pytest.raises(InvalidReview, match=r"note: holds control characters"):
        values.note_text("bell\x07")
