"""Stage 1: input files -> documents.

Entry point: :func:`read_inputs` yields :class:`Document` records, and
:class:`~extraction.errors.InputProblem` objects for inputs that could not be
read (a missing path, an empty or binary file, undecodable text, a JSON record
without ``text``, an unparseable date). Problems are yielded, not raised, so
that one bad file never stops the others.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .errors import InputProblem

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
#: Largest input file read, in bytes (uploads and fetches are bounded too).
MAX_FILE_BYTES = 20 * 1024 * 1024


class Document(NamedTuple):
    doc_id: str
    title: str
    date: str  # ISO YYYY-MM-DD, or "" when unknown
    url: str
    text: str
    source_file: str


# --------------------------------------------------------------------------- dates

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\b"),
]
# "SEOUL, March 16 (Agency) —": a dateline without a year.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s+" + _MONTH_RE + r"\s+(?P<day>\d{1,2})\b")


def parse_date(value: str) -> dt.date | None:
    """Parse one date string in a common format; None when it is not a date."""
    value = value.strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.search(value)
        if m and m.start() < 3 and len(value) - m.end() < 3:
            return _to_date(m)
    return None


def find_date(text: str) -> dt.date | None:
    """The first date in a common format anywhere in ``text``."""
    best = None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start()):
            if _to_date(m):
                best = m
    return _to_date(best) if best else None


def _to_date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def parse_date_or_problem(value: str, where: str) -> str:
    """ISO string for ``value``; raises :class:`InputProblem` naming ``where``."""
    if not value or not str(value).strip():
        return ""
    parsed = parse_date(str(value))
    if parsed is None:
        raise InputProblem(f"{where}: unparseable date {str(value)[:40]!r}")
    return parsed.isoformat()


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes -> text, detecting the encoding; InputProblem for empty/binary/undecodable."""
    if not data.strip():
        raise InputProblem(f"{name}: file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputProblem(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputProblem(f"{name}: cannot detect the text encoding")
    text = str(best)
    if not text.strip():
        raise InputProblem(f"{name}: file is empty after decoding")
    return text


# --------------------------------------------------------------------------- formats

_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<meta>.*?)\n---\s*\n", re.S)


def parse_plain(text: str, *, doc_id: str, source_file: str, date_override: str = "") -> Document:
    """A .txt/.md article: optional front matter, title line, date line near the top."""
    meta: dict[str, str] = {}
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _FRONT_MATTER.match(body)
    if m:
        for line in m.group("meta").splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip().lower()] = v.strip().strip("\"'")
        body = body[m.end() :]
    lines = [ln.strip() for ln in body.splitlines()]
    first = next((ln for ln in lines if ln), "")
    title = meta.get("title") or first.lstrip("#").strip()
    if date_override:
        date = date_override
    elif meta.get("date"):
        date = parse_date_or_problem(meta["date"], f"{source_file}: front matter")
    else:
        date = _date_near_top(lines)
    if not body.strip():
        raise InputProblem(f"{source_file}: no article text")
    return Document(doc_id, title, date, meta.get("url", ""), body, source_file)


def _date_near_top(lines: list[str]) -> str:
    year_hint = None
    for line in [ln for ln in lines if ln][:8]:
        found = find_date(line)
        if found and len(line) < 80:
            return found.isoformat()
        dl = _DATELINE.match(line)
        if dl and year_hint:
            month = MONTHS[dl.group("month").lower().rstrip(".")]
            try:
                return dt.date(year_hint, month, int(dl.group("day"))).isoformat()
            except ValueError:
                return ""
        y = re.search(r"\b(20\d\d|19\d\d)\b", line)
        if y:
            year_hint = int(y.group(1))
    return ""


def parse_html(html: str, *, doc_id: str, source_file: str, date_override: str = "", url: str = "") -> Document:
    """Main text and metadata of a web page, via trafilatura."""
    import trafilatura

    result = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False)
    if result is None or not (getattr(result, "text", None) or "").strip():
        raise InputProblem(f"{source_file}: no article text found in the HTML page")
    date = date_override
    if not date and getattr(result, "date", None):
        date = parse_date_or_problem(result.date, f"{source_file}: page metadata")
    title = (result.title or "").strip()
    text = result.text
    if not title:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return Document(doc_id, title, date, (result.url or url or ""), text, source_file)


def parse_records(text: str, *, stem: str, source_file: str, date_override: str = "") -> Iterator[Document | InputProblem]:
    """JSON (object, list, or {"articles": [...]}) or JSON Lines records."""
    records: list[tuple[str, object]] = []
    if source_file.lower().endswith(".jsonl"):
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                yield InputProblem(f"{source_file}: line {n}: invalid JSON ({exc.msg})")
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputProblem(f"{source_file}: invalid JSON ({exc.msg} at line {exc.lineno})")
            return
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [(f"record {i}", item) for i, item in enumerate(items, start=1)]
    for where, rec in records:
        label = f"{source_file}: {where}"
        if not isinstance(rec, dict):
            yield InputProblem(f"{label}: not a JSON object")
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputProblem(f"{label}: no 'text' field")
            continue
        try:
            date = date_override or parse_date_or_problem(str(rec.get("date") or ""), label)
        except InputProblem as exc:
            yield exc
            continue
        doc_id = str(rec.get("id") or "").strip() or (stem if len(records) == 1 else f"{stem}-{where.split()[-1]}")
        title = str(rec.get("title") or "").strip() or next(
            (ln.strip() for ln in body.splitlines() if ln.strip()), ""
        )[:200]
        yield Document(doc_id, title, date, str(rec.get("url") or ""), body, source_file)


def read_bytes(
    data: bytes, name: str, *, date_override: str = "", url: str = ""
) -> Iterator[Document | InputProblem]:
    """Documents from one file's bytes; ``name`` gives the format and the doc_id."""
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputProblem(f"{name}: unsupported file type {suffix or '(none)'!r}; use {', '.join(SUPPORTED_SUFFIXES)}")
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
    """Expand directories (sorted, supported suffixes only); report missing paths."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
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


# --------------------------------------------------------------------------- sentences


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    paragraph: int
    paragraph_start: int


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt adm capt cmdr maj rep sen gov st jr sr no vs etc inc corp co ltd dept "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k d.c e.g i.e a.m p.m fig approx est".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*#>])|\n(?=[A-Z][A-Z .'-]+,)")


def split_sentences(text: str) -> list[Sentence]:
    """Rule-based sentence and paragraph split with character offsets (no model needed)."""
    out: list[Sentence] = []
    para_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    para_ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for p, (p_start, p_end) in enumerate(zip(para_starts, para_ends, strict=True)):
        chunk = text[p_start:p_end]
        pos = 0
        for m in _BOUNDARY.finditer(chunk):
            word = re.search(r"([A-Za-z.]+)[.!?]*[\"'”’)\]]*$", chunk[pos : m.end()])
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            _add_sentence(out, text, p_start + pos, p_start + m.end(), p, p_start)
            pos = m.end()
        _add_sentence(out, text, p_start + pos, p_end, p, p_start)
    return out


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, paragraph: int, p_start: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, paragraph, p_start))
