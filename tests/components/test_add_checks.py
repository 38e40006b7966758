"""The "Add articles" form checks: clear messages, never exceptions."""

from __future__ import annotations

import pytest

from components.add_checks import date_problem, paste_problems, upload_problems, url_problem


@pytest.mark.parametrize("value", ["", "2024-05-01", "1 May 2024", "May 1, 2024", " 2024/05/01 "])
def test_good_dates(value: str) -> None:
    assert date_problem(value) is None


@pytest.mark.parametrize("value", ["31/31/2020", "someday", "2024-13-01", "<b>1</b>"])
def test_bad_dates(value: str) -> None:
    problem = date_problem(value)
    assert problem and "is not a date" in problem and "`" in problem


def test_url_and_paste_and_upload_checks() -> None:
    assert url_problem("", required=False) is None
    assert "enter the address" in url_problem("", required=True)
    assert url_problem("https://example.org/a", required=True) is None
    for bad in ("javascript:alert(1)", "ftp://x.org/a", "example.org", "http://a b.org/"):
        assert "not a full http" in url_problem(bad, required=True), bad
    assert paste_problems("", "", "", "Some text") == []
    assert len(paste_problems("t" * 400, "bad date", "mailto:x@y.org", " ")) == 4
    assert upload_problems([("a.txt", 10)], "") == []
    assert "choose one or more files" in upload_problems([], "")[0]
    too_many = upload_problems([("a.txt", 1)] * 500, "")
    assert len(too_many) == 1 and "smaller batches" in too_many[0]
    assert "MB at once" in upload_problems([("a.txt", 60 * 2**20), ("b.txt", 60 * 2**20)], "")[0]
