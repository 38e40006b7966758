"""The "Add articles" page's form checks and report lines. Pure functions, no Streamlit: a bad
date or URL is a message, never an exception. Untrusted values are shown in Markdown code spans."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.documents import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, parse_date
from extraction.store import AddReport

from .markup import code_span, safe_url

#: Upload bounds: each file (also enforced by the browser) and one submission.
MAX_FILE_MB = MAX_FILE_BYTES // (1024 * 1024)
MAX_UPLOAD_FILES = 200
MAX_UPLOAD_TOTAL_BYTES = 100 * 1024 * 1024
MAX_PASTE_CHARS = 500_000
MAX_TITLE_CHARS = 300
MAX_URL_CHARS = 2000
UPLOAD_TYPES = [suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES]
DATE_HINT = "e.g. 2024-05-01, 1 May 2024 or May 1, 2024"


def date_problem(value: str, label: str = "Publication date") -> str | None:
    """A message when ``value`` is neither empty nor a date in a common format."""
    value = (value or "").strip()
    if value and parse_date(value) is None:
        return f"{label}: {code_span(value, 40)} is not a date ({DATE_HINT}), or leave it empty."
    return None


def url_problem(value: str, *, required: bool, label: str = "URL") -> str | None:
    """A message when ``value`` is not an absolute http(s) URL (an empty one is fine unless required)."""
    value = (value or "").strip()
    if not value:
        return f"{label}: enter the address of the article (http:// or https://)." if required else None
    if len(value) > MAX_URL_CHARS:
        return f"{label}: longer than {MAX_URL_CHARS:,} characters."
    if safe_url(value) is None:
        return f"{label}: {code_span(value, 80)} is not a full http:// or https:// address."
    return None


def paste_problems(title: str, date: str, url: str, text: str) -> list[str]:
    problems = []
    if not (text or "").strip():
        problems.append("Article text: paste the text of the article.")
    elif len(text) > MAX_PASTE_CHARS:
        problems.append(f"Article text: longer than {MAX_PASTE_CHARS:,} characters; upload it as a file instead.")
    if len(title or "") > MAX_TITLE_CHARS:
        problems.append(f"Title: longer than {MAX_TITLE_CHARS} characters.")
    problems += [p for p in (date_problem(date), url_problem(url, required=False)) if p]
    return problems


def upload_problems(files: Sequence[tuple[str, int]], date: str) -> list[str]:
    """Checks of a submission: ``files`` as (name, size) pairs."""
    problems = []
    if not files:
        problems.append("Files: choose one or more files to add.")
    if len(files) > MAX_UPLOAD_FILES:
        problems.append(
            f"Files: {len(files):,} files at once is more than {MAX_UPLOAD_FILES}; add them in smaller "
            "batches, or with `python -m extraction add FOLDER`."
        )
    total = sum(size for _name, size in files)
    if total > MAX_UPLOAD_TOTAL_BYTES:
        problems.append(
            f"Files: {total / 2**20:,.1f} MB at once is more than {MAX_UPLOAD_TOTAL_BYTES // 2**20} MB; add them "
            "in smaller batches, or with `python -m extraction add FOLDER`."
        )
    problem = date_problem(date, "Publication date")
    if problem:
        problems.append(problem)
    return problems


def report_lines(report: AddReport) -> dict[str, list[str]]:
    """The summary's detail lists, by heading."""
    return {
        "Rejected": list(report.rejected),
        "Skipped as duplicates": list(report.duplicates),
        "Stored under another id": list(report.renamed),
    }
