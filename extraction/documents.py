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
_MONTH_RE = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\b"),
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
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
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


# --------------------------------------------------------------------------- decoding


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Control characters that do not occur in text files (tab, newlines, form feed excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes -> text, detecting the encoding; InputProblem for empty/binary/undecodable.

    UTF-8 (with or without BOM) is tried first, then UTF-16 (BOM or NUL pattern), then
    :mod:`charset_normalizer`; among equally good single-byte guesses cp1252 wins, the
    usual encoding of English text that is not UTF-8.
    """
    if not data.strip() or data in _BOMS:
        raise InputProblem(f"{name}: file is empty")
    text = _decode(data, name)
    if not text.strip():
        raise InputProblem(f"{name}: file is empty")
    if len(_CONTROL.findall(text[:8192])) > max(2, len(text[:8192]) // 100):
        raise InputProblem(f"{name}: looks like a binary file, not text")
    return text.lstrip("\ufeff")


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputProblem(f"{name}: cannot decode the text as UTF-16 ({exc.reason})") from exc
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if zeros.count(0) > 0.9 * len(zeros):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    break
        raise InputProblem(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise InputProblem(f"{name}: not UTF-8 and no other text encoding fits (binary file?)")
    if best.encoding != "cp1252":
        for match in results:
            if (
                match.encoding == "cp1252"
                and match.chaos <= best.chaos + 0.005
                and match.coherence >= best.coherence - 0.005
            ):
                best = match
                break
    return str(best)


# --------------------------------------------------------------------------- formats

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:(?P<meta>.*?)\n)?---[ \t]*(?:\n|\Z)", re.S)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


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
    title = meta.get("title") or _markdown_title(first)
    if date_override:
        date = parse_date_or_problem(date_override, "date override")
    elif meta.get("date"):
        date = parse_date_or_problem(meta["date"], f"{source_file}: front matter")
    else:
        date = _date_near_top(lines)
    return Document(doc_id, title, date, meta.get("url", ""), body, source_file)


def _markdown_title(line: str) -> str:
    """A heading line without Markdown markup: "# Title #" -> "Title"."""
    return line.strip().lstrip("#").rstrip("#").strip()


def _date_near_top(lines: list[str]) -> str:
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
            only = parse_date(_markdown_title(line))  # a file that starts with its date
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


def parse_html(
    html: str, *, doc_id: str, source_file: str, date_override: str = "", url: str = ""
) -> Document:
    """Main text and metadata of a web page, via trafilatura."""
    import trafilatura

    result = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False)
    if result is None or not (getattr(result, "text", None) or "").strip():
        raise InputProblem(f"{source_file}: no article text found in the HTML page")
    if date_override:
        date = parse_date_or_problem(date_override, "date override")
    elif getattr(result, "date", None):
        date = parse_date_or_problem(result.date, f"{source_file}: page metadata")
    else:
        date = ""
    title = (result.title or "").strip()
    # trafilatura puts one paragraph a line; a blank line between paragraphs lets the
    # sentence splitter see them (anaphora are resolved within a paragraph).
    text = "\n\n".join(ln.strip() for ln in result.text.splitlines() if ln.strip())
    if not title:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return Document(doc_id, title, date, (result.url or url or ""), text, source_file)


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
            try:
                records.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                records.append((f"line {n}", bad))
                records.append((f"line {n}: invalid JSON ({exc.msg})", bad))
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
        body = rec.get("text")
        if body is None:
            yield InputProblem(f"{label}: no 'text' field")
            continue
        if not isinstance(body, str) or not body.strip():
            yield InputProblem(f"{label}: 'text' field is empty or not a string")
            continue
        try:
            date = date_override or parse_date_or_problem(str(rec.get("date") or ""), label)
        except InputProblem as exc:
            yield exc
            continue
        raw_id = rec.get("id")
        doc_id = ("" if raw_id is None else str(raw_id).strip()) or (
            stem if single else f"{stem}-{where.split()[-1]}"
        )
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


# --------------------------------------------------------------------------- sentences


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    paragraph: int
    paragraph_start: int


_ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "adm", "capt", "cmdr", "maj", "rep",
        "sen", "gov", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "dept", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k",
        "d.c", "e.g", "i.e", "a.m", "p.m", "fig", "approx", "est",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*#>])|\n(?=[A-Z][A-Z .'-]+,)")


def split_sentences(text: str) -> list[Sentence]:
    """Rule-based sentence and paragraph split with character offsets (no model needed)."""
    out: list[Sentence] = []
    breaks = sorted([(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + _header_breaks(text))
    para_starts, para_ends = [0], []
    for b_start, b_end in breaks:
        if b_start < para_starts[-1]:
            continue  # overlaps the previous break
        para_ends.append(b_start)
        para_starts.append(b_end)
    para_ends.append(len(text))
    for p, (p_start, p_end) in enumerate(zip(para_starts, para_ends, strict=True)):
        chunk = text[p_start:p_end]
        pos = 0
        for m in _BOUNDARY.finditer(chunk):
            word = re.search(r"([A-Za-z.]+)[.!?]*[\"'”’)\]]*$", chunk[pos : m.end()])
            token = word.group(1).lower().rstrip(".") if word else ""
            if token == "no" and not re.match(r"\s+\d", chunk[m.end() :]):
                token = ""  # "No." ends a sentence unless a number follows ("No. 5")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            _add_sentence(out, text, p_start + pos, p_start + m.end(), p, p_start)
            pos = m.end()
        _add_sentence(out, text, p_start + pos, p_end, p, p_start)
    return out


_HEADER_LINE = re.compile(r"^(?:#{1,6}[ \t][^\n]*|[^\n]{1,60})(\n)(?=[ \t]*\S)", re.M)


def _header_breaks(text: str) -> list[tuple[int, int]]:
    """Line ends that close a paragraph although no blank line follows: after a Markdown
    heading ("# Title") or a line holding only a date, the next line starts a new paragraph."""
    out = []
    for m in _HEADER_LINE.finditer(text):
        line = text[m.start() : m.start(1)]
        if line.startswith("#") or parse_date(line):
            out.append((m.start(1), m.end(1)))
    return out


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, paragraph: int, p_start: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, paragraph, p_start))
