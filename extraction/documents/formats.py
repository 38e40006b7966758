"""Stage 1: input files -> documents (plain text and Markdown, HTML, JSON and JSON Lines).

Entry point: :func:`read_inputs` yields :class:`Document` records, and
:class:`~extraction.errors.InputProblem` objects for inputs that could not be
read (a missing path, an empty or binary file, undecodable text, a JSON record
without ``text``, an unparseable date, JSON nested too deeply to read, a number
too long to convert, a field of the wrong type or length). Problems are yielded,
not raised, so that one bad file never stops the others. Titles are cut to
:data:`MAX_TITLE_CHARS`; over-long lines and sentences are bounded later, by the
sentence splitter (:mod:`.sentences`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from ..errors import InputProblem
from .decoding import decode_bytes
from .pubdate import date_near_top, markdown_title, parse_date_or_problem

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
#: Largest input file read, in bytes (uploads and fetches are bounded too).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Longest title kept (a longer one, e.g. a first line of a million characters, is cut, with "…").
MAX_TITLE_CHARS = 300
#: Longest doc_id and URL a JSON record may give (a longer one rejects the record).
MAX_ID_CHARS = 200
MAX_URL_CHARS = 2000


class Document(NamedTuple):
    doc_id: str
    title: str
    date: str  # ISO YYYY-MM-DD, or "" when unknown
    url: str
    text: str
    source_file: str


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:(?P<meta>.*?)\n)?---[ \t]*(?:\n|\Z)", re.S)


def parse_plain(text: str, *, doc_id: str, source_file: str, date_override: str = "") -> Document:
    """A .txt/.md article: optional front matter, title line, date line near the top."""
    meta: dict[str, str] = {}
    body = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    m = _FRONT_MATTER.match(body)
    if m:
        for line in (m.group("meta") or "").splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip().lower()] = v.strip().strip("\"'")
        body = body[m.end() :]
    if not body.strip():
        raise InputProblem(f"{source_file}: no article text")
    lines = [ln.strip() for ln in body.splitlines()]
    first = next((ln for ln in lines if ln), "")
    title = short_title(meta.get("title") or markdown_title(first))
    if date_override:
        date = parse_date_or_problem(date_override, "date override")
    elif meta.get("date"):
        date = parse_date_or_problem(meta["date"], f"{source_file}: front matter")
    else:
        date = date_near_top(lines)
    return Document(doc_id, title, date, meta.get("url", ""), body, source_file)


def parse_html(
    html: str, *, doc_id: str, source_file: str, date_override: str = "", url: str = ""
) -> Document:
    """Main text and metadata of a web page, via trafilatura."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, LookupError, RecursionError) as exc:  # a page lxml or trafilatura chokes on
        raise InputProblem(f"{source_file}: the HTML page cannot be parsed ({type(exc).__name__})") from exc
    if result is None or not (getattr(result, "text", None) or "").strip():
        raise InputProblem(f"{source_file}: no article text found in the HTML page")
    if date_override:
        date = parse_date_or_problem(date_override, "date override")
    elif getattr(result, "date", None):
        date = parse_date_or_problem(result.date, f"{source_file}: page metadata")
    else:
        date = ""
    title = short_title(result.title or "")
    # trafilatura puts one paragraph a line; a blank line between paragraphs lets the
    # sentence splitter see them (anaphora are resolved within a paragraph).
    text = "\n\n".join(ln.strip() for ln in result.text.splitlines() if ln.strip())
    if not title:
        title = short_title(next((ln.strip() for ln in text.splitlines() if ln.strip()), ""))
    page_url = result.url or url or ""
    if len(page_url) > MAX_URL_CHARS:
        page_url = url if len(url) <= MAX_URL_CHARS else ""
    return Document(doc_id, title, date, page_url, text, source_file)


def short_title(title: str) -> str:
    """``title`` stripped, and cut to :data:`MAX_TITLE_CHARS` (with "…") when longer."""
    title = title.strip()
    return title if len(title) <= MAX_TITLE_CHARS else title[: MAX_TITLE_CHARS - 1].rstrip() + "…"


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean_string(value: str) -> str:
    """JSON may hold lone surrogates ("\\ud800"), which no file or database can store: each
    becomes U+FFFD (one character for one, so offsets do not move)."""
    return _SURROGATE.sub("\ufffd", value)


def _load_json(text: str, *, line_numbers: bool = True) -> tuple[object, str | None]:
    """(data, None), or (None, the reason the text is not readable JSON)."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg}" + (f" at line {exc.lineno})" if line_numbers else ")")
    except RecursionError:
        return None, "JSON nested too deeply to read (arrays or objects inside each other, hundreds of levels)"
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return None, f"invalid JSON ({exc})"


def _scalar(rec: dict, key: str, label: str) -> str:
    """A record's optional text field as a string ("" when absent or null); InputProblem for a list
    or an object (a title must not be a structure)."""
    value = rec.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise InputProblem(f"{label}: {key!r} is a JSON {'object' if isinstance(value, dict) else 'array'}, not text")
    return _clean_string(str(value))


def parse_records(
    text: str, *, stem: str, source_file: str, date_override: str = ""
) -> Iterator[Document | InputProblem]:
    """JSON (object, list, or {"articles": [...]}) or JSON Lines records."""
    records: list[tuple[str, object]] = []
    if date_override:
        try:
            date_override = parse_date_or_problem(date_override, "date override")
        except InputProblem as exc:
            yield exc
            return
    bad = object()  # marks a JSON Lines line that is not JSON
    if source_file.lower().endswith(".jsonl"):
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            data, problem = _load_json(line, line_numbers=False)
            if problem:
                records.append((f"line {n}", bad))
                records.append((f"line {n}: {problem}", bad))
            else:
                records.append((f"line {n}", data))
    else:
        data, problem = _load_json(text)
        if problem:
            yield InputProblem(f"{source_file}: {problem}")
            return
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"record {i}", item) for i, item in enumerate(items, start=1)]
    # Records are numbered in their file: "<stem>-3" is the third record (or line 3).
    single = sum(1 for where, _ in records if ":" not in where) == 1
    for where, rec in records:
        label = f"{source_file}: {where}"
        if rec is bad:
            if ":" in where:
                yield InputProblem(label)
            continue
        if not isinstance(rec, dict):
            yield InputProblem(f"{label}: not a JSON object")
            continue
        try:
            yield _record_document(rec, label, where, stem, single, source_file, date_override)
        except InputProblem as exc:
            yield exc


def _record_document(
    rec: dict, label: str, where: str, stem: str, single: bool, source_file: str, date_override: str
) -> Document:
    """The document of one JSON record; InputProblem naming the record when it cannot be one."""
    body = rec.get("text")
    if body is None:
        raise InputProblem(f"{label}: no 'text' field")
    if not isinstance(body, str) or not body.strip():
        raise InputProblem(f"{label}: 'text' field is empty or not a string")
    body = _clean_string(body)
    date = date_override or parse_date_or_problem(_scalar(rec, "date", label), label)
    raw_id = _scalar(rec, "id", label).strip()
    if len(raw_id) > MAX_ID_CHARS:
        raise InputProblem(f"{label}: 'id' is longer than {MAX_ID_CHARS} characters")
    doc_id = raw_id or (stem if single else f"{stem}-{where.split()[-1]}")
    url = _scalar(rec, "url", label)
    if len(url) > MAX_URL_CHARS:
        raise InputProblem(f"{label}: 'url' is longer than {MAX_URL_CHARS:,} characters")
    title = short_title(_scalar(rec, "title", label)) or short_title(
        next((ln.strip() for ln in body[:100_000].splitlines() if ln.strip()), "")[:200]
    )
    return Document(doc_id, title, date, url, body, source_file)


def read_bytes(
    data: bytes, name: str, *, date_override: str = "", url: str = ""
) -> Iterator[Document | InputProblem]:
    """Documents from one file's bytes; ``name`` gives the format and the doc_id."""
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        yield InputProblem(f"{name}: unsupported file type {suffix or '(none)'!r}; use {kinds}")
        return
    if len(data) > MAX_FILE_BYTES:
        yield InputProblem(f"{name}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return
    try:
        text = decode_bytes(data, name)
        if suffix in (".json", ".jsonl"):
            yield from parse_records(text, stem=stem, source_file=name, date_override=date_override)
        elif suffix in (".html", ".htm"):
            yield parse_html(text, doc_id=stem, source_file=name, date_override=date_override, url=url)
        else:
            yield parse_plain(text, doc_id=stem, source_file=name, date_override=date_override)
    except InputProblem as exc:
        yield exc


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputProblem]:
    """Expand directories (sorted, supported suffixes only, hidden files and folders skipped);
    report missing paths."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield InputProblem(f"{path}: folder holds no {', '.join(SUPPORTED_SUFFIXES)} files")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield InputProblem(f"{path}: no such file or folder")


def read_inputs(paths: Iterable[str | Path], *, date_override: str = "") -> Iterator[Document | InputProblem]:
    """Stage entry point: paths (files or folders) -> documents and problems."""
    if date_override:
        try:
            date_override = parse_date_or_problem(date_override, "--date")
        except InputProblem as exc:
            yield exc
            return
    for item in iter_paths(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        try:
            if item.stat().st_size > MAX_FILE_BYTES:
                yield InputProblem(f"{item}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
                continue
            data = item.read_bytes()
        except OSError as exc:
            yield InputProblem(f"{item}: cannot read ({exc.strerror or exc})")
            continue
        yield from read_bytes(data, str(item), date_override=date_override)
