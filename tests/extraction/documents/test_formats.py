"""Input files -> documents: plain text and Markdown, JSON records, HTML pages, files and folders, bad input.

The small input files are under ``tests/data/input_*`` (written for these tests); everything
else is built in memory or in a temporary folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.documents import (
    Document,
    iter_paths,
    parse_plain,
    read_bytes,
    read_inputs,
    split_sentences,
)
from extraction.errors import InputProblem
from tests.paths import SEED, TEST_DATA

DATA = TEST_DATA


def _outcome(item: Document | InputProblem) -> tuple[str, ...]:
    """A document as (doc_id, title, date, url); a problem as ("problem", message)."""
    if isinstance(item, InputProblem):
        return ("problem", str(item))
    return (item.doc_id, item.title, item.date, item.url)


# --------------------------------------------------------------------------- .txt / .md

PLAIN_CASES = [
    # (name, text, date override, expected (title, date, url))
    ("markdown-title-and-date-line", "# Talks resume\n\nBy A. Writer\n\n11 September 2022\n\nBody text.", "",
     ("Talks resume", "2022-09-11", "")),
    ("closing-hashes", "## Talks resume ##\n\nBody text.", "", ("Talks resume", "", "")),
    ("leading-blank-lines-and-bom", "\ufeff\n\n  Talks resume  \nBody text.", "", ("Talks resume", "", "")),
    ("mdy-line", "Talks resume\n\nSeptember 11, 2022\n\nBody.", "", ("Talks resume", "2022-09-11", "")),
    ("iso-line", "Talks resume\n2022-09-11\nBody.", "", ("Talks resume", "2022-09-11", "")),
    ("byline-with-date", "Talks resume\n\nBy A. Writer | Sept. 11, 2022\n\nBody.", "",
     ("Talks resume", "2022-09-11", "")),
    ("updated-with-time", "Talks resume\n\nUpdated: September 11, 2022 08:00 KST\n\nBody.", "",
     ("Talks resume", "2022-09-11", "")),
    ("weekday-line", "Talks resume\n\nSunday, September 11, 2022\n\nBody.", "", ("Talks resume", "2022-09-11", "")),
    ("file-starts-with-date", "11 September 2022\n\nJapan and Korea met.", "",
     ("11 September 2022", "2022-09-11", "")),
    # a sentence that holds a date is not a date line
    ("sentence-with-date", "Talks resume\n\nThe envoys first met on 7 September 2022.\n\nBody.", "",
     ("Talks resume", "", "")),
    ("date-in-title-is-no-date-line", "Talks of 7 September 2022 revisited\n\nBody.", "",
     ("Talks of 7 September 2022 revisited", "", "")),
    ("date-too-far-down", "T\n\n1\n\n2\n\n3\n\n4\n\n5\n\n6\n\n7\n\n11 September 2022\n\nBody.", "", ("T", "", "")),
    # datelines: the year from a line above, or from the dateline itself
    ("dateline-year-from-byline", "Talks resume\n\nBy A. Writer, 2023\n\nSEOUL, March 16 (Agency) — Body text.", "",
     ("Talks resume", "2023-03-16", "")),
    ("dateline-year-from-title", "Talks resume in 2023\n\nSEOUL, March 16 (Agency) — Body text.", "",
     ("Talks resume in 2023", "2023-03-16", "")),
    ("dateline-with-year", "Talks resume\n\nSEOUL, March 16, 2023 (Agency) — Japan and South Korea met on Thursday "
     "to discuss the export controls that have soured relations for years.", "", ("Talks resume", "2023-03-16", "")),
    ("dateline-two-cities", "Talks resume 2023\n\nWASHINGTON/SEOUL, Sept. 5 — Body text.", "",
     ("Talks resume 2023", "2023-09-05", "")),
    ("dateline-no-year", "Talks resume\n\nSEOUL, March 16 (Agency) — Body text mentioning 2019.", "",
     ("Talks resume", "", "")),
    ("dateline-bad-day", "Talks resume 2023\n\nSEOUL, February 30 — Body text.", "", ("Talks resume 2023", "", "")),
    # front matter
    ("front-matter", "---\ntitle: \"Ferry restarts\"\ndate: 2023-04-02\nurl: https://example.org/f\n---\n# Other\nBody.",
     "", ("Ferry restarts", "2023-04-02", "https://example.org/f")),
    ("front-matter-datetime", "---\ndate: '2023-04-02T07:15:00Z'\n---\n# Ferry restarts\nBody.", "",
     ("Ferry restarts", "2023-04-02", "")),
    ("front-matter-crlf", "---\r\ndate: 2 April 2023\r\n---\r\nFerry restarts\r\nBody.", "",
     ("Ferry restarts", "2023-04-02", "")),
    ("front-matter-empty-date", "---\ndate:\n---\nFerry restarts\n\n2 April 2023\n\nBody.", "",
     ("Ferry restarts", "2023-04-02", "")),
    ("front-matter-empty", "---\n---\nFerry restarts\n\nBody.", "", ("Ferry restarts", "", "")),
    # --date overrides front matter and date lines, and is normalised
    ("override-front-matter", "---\ndate: 2023-04-02\n---\nFerry restarts\nBody.", "2024-01-05",
     ("Ferry restarts", "2024-01-05", "")),
    ("override-normalised", "Ferry restarts\n\n2 April 2023\n\nBody.", "5 January 2024",
     ("Ferry restarts", "2024-01-05", "")),
]


@pytest.mark.parametrize(("text", "override", "expected"), [c[1:] for c in PLAIN_CASES], ids=[c[0] for c in PLAIN_CASES])
def test_parse_plain_metadata(text: str, override: str, expected: tuple[str, str, str]) -> None:
    doc = parse_plain(text, doc_id="d", source_file="d.txt", date_override=override)
    assert (doc.title, doc.date, doc.url) == expected


def test_parse_plain_body_drops_front_matter_only() -> None:
    doc = parse_plain("---\ntitle: T\n---\n# Heading\n\nBody.\r\n", doc_id="d", source_file="d.md")
    assert doc == Document("d", "T", "", "", "# Heading\n\nBody.\n", "d.md")


@pytest.mark.parametrize(
    ("text", "override", "message"),
    [
        ("---\ntitle: T\ndate: 2023-04-02\n---\n   \n", "", "[E001] d.md: no article text"),
        ("---\ndate: last spring\n---\nBody.", "", "[E001] d.md: front matter: unparseable date 'last spring'"),
        ("Body.", "soon", "[E001] date override: unparseable date 'soon'"),
    ],
)
def test_parse_plain_problems(text: str, override: str, message: str) -> None:
    with pytest.raises(InputProblem) as info:
        parse_plain(text, doc_id="d", source_file="d.md", date_override=override)
    assert str(info.value) == message


# --------------------------------------------------------------------------- JSON records


def _jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


RECORD_CASES = [
    ("jsonl-mixed", "f.jsonl",
     _jsonl({"id": "a1", "title": "T1", "date": "2022-09-11", "url": "https://e.org/1", "text": "Body one."},
            "{broken", {"title": "no body"}, {"text": "Body four.", "date": "2022-09-11T10:00:00Z"},
            {"id": 0, "text": "Zero is an id."}, {"text": "Bad date.", "date": "soon"}, "", [1, 2],
            {"text": ["not", "a", "string"]}),
     [("a1", "T1", "2022-09-11", "https://e.org/1"),
      ("problem", "[E001] f.jsonl: line 2: invalid JSON (Expecting property name enclosed in double quotes)"),
      ("problem", "[E001] f.jsonl: line 3: no 'text' field"),
      ("f-4", "Body four.", "2022-09-11", ""),
      ("0", "Zero is an id.", "", ""),
      ("problem", "[E001] f.jsonl: line 6: unparseable date 'soon'"),
      ("problem", "[E001] f.jsonl: line 8: not a JSON object"),
      ("problem", "[E001] f.jsonl: line 9: 'text' field is empty or not a string")]),
    # one record: the file name is the doc_id, even when other lines are broken
    ("jsonl-one-good-line", "g.jsonl", _jsonl({"text": "Only body."}, "oops"),
     [("g-1", "Only body.", "", ""), ("problem", "[E001] g.jsonl: line 2: invalid JSON (Expecting value)")]),
    ("jsonl-single", "g.jsonl", _jsonl({"text": "Only body."}), [("g", "Only body.", "", "")]),
    ("json-object", "h.json", _jsonl({"text": "# Heading\nBody.", "title": None}), [("h", "# Heading", "", "")]),
    ("json-list", "h.json", json.dumps([{"text": "One."}, {"text": "Two.", "id": 7}]).encode(),
     [("h-1", "One.", "", ""), ("7", "Two.", "", "")]),
    ("json-articles", "h.json", json.dumps({"articles": [{"text": "One.", "date": "March 3, 2023"}]}).encode(),
     [("h", "One.", "2023-03-03", "")]),
    ("json-invalid", "h.json", b'{"text": "One."', [("problem", "[E001] h.json: invalid JSON (Expecting ',' "
                                                    "delimiter at line 1)")]),
    ("json-scalar", "h.json", b"42", [("problem", "[E001] h.json: record 1: not a JSON object")]),
]


@pytest.mark.parametrize(("name", "data", "expected"), [c[1:] for c in RECORD_CASES], ids=[c[0] for c in RECORD_CASES])
def test_json_records(name: str, data: bytes, expected: list[tuple[str, ...]]) -> None:
    assert [_outcome(item) for item in read_bytes(data, name)] == expected


def test_json_record_text_is_kept_whole() -> None:
    (doc,) = read_bytes(_jsonl({"id": "x", "text": "Line one.\n\nLine two."}), "f.jsonl")
    assert (doc.text, doc.source_file) == ("Line one.\n\nLine two.", "f.jsonl")


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("", [("a", "A", "2022-09-11", ""), ("b", "B", "", "")]),
        ("5 January 2024", [("a", "A", "2024-01-05", ""), ("b", "B", "2024-01-05", "")]),
    ],
)
def test_json_date_override(override: str, expected: list[tuple[str, ...]]) -> None:
    data = _jsonl({"id": "a", "text": "A", "date": "2022-09-11"}, {"id": "b", "text": "B", "date": "garbled"})
    got = [_outcome(item) for item in read_bytes(data, "f.jsonl", date_override=override)]
    if not override:
        expected = [expected[0], ("problem", "[E001] f.jsonl: line 2: unparseable date 'garbled'")]
    assert got == expected


# --------------------------------------------------------------------------- HTML


HTML_BODY = (
    "<p>Japanese and Chinese officials agreed on Wednesday to reopen a hotline between their coast guards, "
    "a step both governments called overdue after years of friction at sea.</p>"
    "<p>Working-level contacts will continue next month, the officials said after four hours of talks "
    "in a port city, and neither side released a joint statement.</p>"
)


@pytest.mark.parametrize(
    ("head", "override", "expected"),
    [
        ('<title>Hotline deal | Ledger</title><meta property="og:title" content="Hotline deal">'
         '<meta property="og:url" content="https://e.org/a/hotline">'
         '<meta property="article:published_time" content="2023-05-18T09:30:00+09:00">', "",
         ("page", "Hotline deal", "2023-05-18", "https://e.org/a/hotline")),
        ('<title>Hotline deal</title><link rel="canonical" href="https://e.org/c/hotline">', "2024-02-01",
         ("page", "Hotline deal", "2024-02-01", "https://e.org/c/hotline")),
    ],
    ids=["og-meta", "canonical-and-override"],
)
def test_html_metadata(head: str, override: str, expected: tuple[str, ...]) -> None:
    html = f"<html><head>{head}</head><body><article>{HTML_BODY}</article></body></html>"
    (doc,) = read_bytes(html.encode(), "page.html", date_override=override)
    assert _outcome(doc) == expected


def test_html_paragraphs_stay_apart() -> None:
    html = f"<html><head><title>T</title></head><body><article>{HTML_BODY}</article></body></html>"
    (doc,) = read_bytes(html.encode(), "page.htm")
    paragraphs = doc.text.split("\n\n")
    assert [p[:30] for p in paragraphs] == ["Japanese and Chinese officials", "Working-level contacts will co"]
    assert [s.paragraph for s in split_sentences(doc.text)] == [0, 1]


def test_html_without_text_is_a_problem() -> None:
    (problem,) = read_bytes(b"<html><head><title>Empty</title></head><body><nav></nav></body></html>", "e.html")
    assert str(problem) == "[E001] e.html: no article text found in the HTML page"


# --------------------------------------------------------------------------- files on disk

FIXTURES = [
    ("input_cp1252.txt", ("input_cp1252", "Envoys trade \u201cfrank\u201d views in Busan", "2023-03-14", "")),
    ("input_shiftjis.txt", ("input_shiftjis", "Tokyo and Seoul resume shuttle diplomacy", "2023-03-16", "")),
    ("input_euckr.txt", ("input_euckr", "\ud55c\uc77c \uc815\uc0c1\ud68c\ub2f4 \uac1c\ucd5c", "2023-03-17", "")),
    ("input_page.html", ("input_page", "Envoys agree to resume coast guard hotline", "2023-05-18",
                         "https://news.example.org/2023/05/envoys-hotline")),
    ("input_frontmatter.md", ("input_frontmatter", "Ferry service between Busan and Fukuoka restarts", "2023-04-02",
                              "https://example.org/ferry")),
    ("input_empty.txt", ("problem", "[E001] {path}: file is empty")),
    ("input_binary.txt", ("problem", "[E001] {path}: looks like a binary file, not text")),
]


@pytest.mark.parametrize(("name", "expected"), FIXTURES, ids=[f[0] for f in FIXTURES])
def test_fixture_files(name: str, expected: tuple[str, ...]) -> None:
    path = DATA / name
    (item,) = read_inputs([path])
    assert _outcome(item) == tuple(e.format(path=path) for e in expected)


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("input_cp1252.txt", "the na\u00efve hopes"),
        ("input_cp1252.txt", "By R\u00e9mi Fontaine"),
        ("input_shiftjis.txt", "\u4e21\u9996\u8133\u306f\u5b89\u5168\u4fdd\u969c\u5354\u529b"),
        ("input_euckr.txt", "\ub450 \uc815\uc0c1\uc740 \uc548\ubcf4 \ud611\ub825\uc744"),
        ("input_page.html", "Fishing groups on both sides of the sea"),
    ],
)
def test_fixture_text_is_decoded(name: str, needle: str) -> None:
    (doc,) = read_inputs([DATA / name])
    assert needle in doc.text


def test_fixture_html_drops_boilerplate() -> None:
    (doc,) = read_inputs([DATA / "input_page.html"])
    assert ("Subscribe" in doc.text, "Home" in doc.text) == (False, False)


def test_fixture_jsonl() -> None:
    path = DATA / "input_records.jsonl"
    assert [_outcome(item) for item in read_inputs([path])] == [
        ("rec-100", "Coast guards open a hotline", "2023-05-18", "https://example.org/hotline"),
        ("problem", f"[E001] {path}: line 2: invalid JSON (Expecting value)"),
        ("problem", f"[E001] {path}: line 3: no 'text' field"),
        ("input_records-4", "Ministers meet in Seoul", "2023-03-03", ""),
        ("problem", f"[E001] {path}: line 5: unparseable date 'next Tuesday'"),
        ("problem", f"[E001] {path}: line 7: 'text' field is empty or not a string"),
    ]


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    paths = [DATA / "input_empty.txt", tmp_path / "missing.txt", DATA / "input_cp1252.txt", DATA / "input_binary.txt",
             DATA / "input_frontmatter.md"]
    got = [_outcome(item) for item in read_inputs(paths)]
    assert [g[0] for g in got] == ["problem", "problem", "input_cp1252", "problem", "input_frontmatter"]
    assert got[1] == ("problem", f"[E001] {tmp_path / 'missing.txt'}: no such file or folder")


def test_unsupported_suffix(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (problem,) = read_inputs([tmp_path / "notes.pdf"])
    assert str(problem) == (
        f"[E001] {tmp_path / 'notes.pdf'}: unsupported file type '.pdf'; use .txt, .md, .html, .htm, .json, .jsonl"
    )


def test_bad_date_override_stops_before_reading() -> None:
    assert [str(p) for p in read_inputs([DATA / "input_cp1252.txt"], date_override="whenever")] == [
        "[E001] --date: unparseable date 'whenever'"
    ]


def test_date_override_is_normalised() -> None:
    (doc,) = read_inputs([DATA / "input_cp1252.txt"], date_override="January 5, 2024")
    assert doc.date == "2024-01-05"


def test_folders_are_expanded_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".cache").mkdir()
    for rel in ["b.txt", "a.md", "sub/c.json", "notes.pdf", ".hidden.txt", ".cache/d.txt", "sub/E.HTML"]:
        (tmp_path / rel).write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert got == ["a.md", "b.txt", "sub/E.HTML", "sub/c.json"]


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "readme.pdf").write_text("x")
    (problem,) = iter_paths([tmp_path])
    assert str(problem) == f"[E001] {tmp_path}: folder holds no .txt, .md, .html, .htm, .json, .jsonl files"


def test_oversized_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extraction.documents.formats as documents

    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("Title\n\nA body longer than ten bytes.")
    (problem,) = read_inputs([path])
    assert str(problem) == f"[E001] {path}: file is larger than 0 MB"


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed() -> Document:
    if not SEED.exists():
        pytest.skip(f"seed article not available: {SEED} is absent (the shared folder beside the checkout)")
    (doc,) = read_inputs([SEED])
    assert isinstance(doc, Document), doc
    return doc


def test_seed_article_metadata(seed: Document) -> None:
    assert (seed.doc_id, seed.title, seed.date, seed.url) == (
        "000_edb928441491f2db",
        "Japan, South Korea seek to improve military cooperation",
        "2022-09-11",
        "",
    )


def test_seed_article_sentences(seed: Document) -> None:
    sentences = split_sentences(seed.text)
    texts = [seed.text[s.start : s.end] for s in sentences]
    assert (texts[0], texts[2]) == ("# Japan, South Korea seek to improve military cooperation", "11 September 2022")
    assert (len(sentences), len({s.paragraph for s in sentences})) == (47, 23)
