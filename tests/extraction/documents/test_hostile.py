"""Hostile files: each is rejected with a message naming it, or handled; the good file beside it is read.

Deeply nested JSON, numbers too long to convert, lone surrogates, structures where text belongs,
over-long ids, URLs and titles; a line or sentence longer than spaCy's ``nlp.max_length``; long
runs of punctuation (spaCy's tokenizer is quadratic in the length of a run without whitespace).
What reaches the parser is bounded: no sentence longer than ``RELDASH_MAX_SENTENCE_CHARS``, no run
without whitespace longer than ``RELDASH_MAX_TOKEN_CHARS``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extraction import config
from extraction.documents import Document, parse_html, read_bytes, read_inputs, split_sentences
from extraction.documents.formats import MAX_TITLE_CHARS
from extraction.errors import InputProblem
from tests import hostile_inputs as hostile


def _outcomes(items) -> list[tuple[str, str]]:
    return [("problem", str(i)) if isinstance(i, InputProblem) else ("doc", i.doc_id) for i in items]


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("deep.json", hostile.deep_json_array(), "deep.json: JSON nested too deeply to read"),
        ("deep-object.json", hostile.deep_json_object(), "deep-object.json: JSON nested too deeply to read"),
        ("long-number.json", hostile.long_number_json(), "long-number.json: invalid JSON (Exceeds the limit (4300 digits)"),
        ("deep-title.json", hostile.deep_json_in_a_record(), "deep-title.json: JSON nested too deeply to read"),
        ("list-title.json", b'{"text": "Japan met China.", "title": [[1, 2]]}',
         "list-title.json: record 1: 'title' is a JSON array, not text"),
        ("object-date.json", b'{"text": "Japan met China.", "date": {"y": 2020}}',
         "object-date.json: record 1: 'date' is a JSON object, not text"),
        ("long-id.json", b'{"text": "Japan met China.", "id": "' + b"i" * 201 + b'"}',
         "long-id.json: record 1: 'id' is longer than 200 characters"),
        ("long-url.json", b'{"text": "Japan met China.", "url": "https://e.org/' + b"u" * 2000 + b'"}',
         "long-url.json: record 1: 'url' is longer than 2,000 characters"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.endswith(".json") else "",
)
def test_hostile_json_is_rejected_by_name_and_the_good_file_is_read(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(hostile.GOOD_ARTICLE)
    out = _outcomes(read_inputs([tmp_path / name, tmp_path / "good.txt"]))
    assert len(out) == 2
    assert out[0][0] == "problem"
    assert out[0][1].startswith(f"[E001] {tmp_path / message}"), out[0][1]
    assert out[1] == ("doc", "good")


def test_a_deep_json_line_rejects_that_line_only() -> None:
    out = _outcomes(read_bytes(hostile.jsonl_with_a_deep_line(), "lines.jsonl"))
    assert out == [
        ("doc", "first"),
        ("problem", "[E001] lines.jsonl: line 2: JSON nested too deeply to read "
                    "(arrays or objects inside each other, hundreds of levels)"),
        ("doc", "third"),
    ]  # fmt: skip


def test_lone_surrogates_become_replacement_characters() -> None:
    (doc,) = read_bytes(hostile.surrogate_json(), "bad.json")
    assert isinstance(doc, Document)
    assert doc.title == "Bad \ufffd title"
    assert doc.text == "Japan lodged a protest \ufffd with China."
    doc.text.encode("utf-8")  # storable


def test_json_nested_within_the_limit_is_fine() -> None:
    data = b'{"articles": [{"text": "Japan met China.", "extra": ' + b"[" * 50 + b"]" * 50 + b"}]}"
    assert _outcomes(read_bytes(data, "ok.json")) == [("doc", "ok")]


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("line.txt", hostile.long_line_text(10_000)),
        ("front.md", b"---\ntitle: " + b"T" * 10_000 + b"\n---\nJapan met China."),
        ("record.json", b'{"text": "Japan met China.", "title": "' + b"T" * 10_000 + b'"}'),
        ("page.html", b"<html><head><title>" + b"T" * 10_000 + b"</title></head><body><p>"
         + b"Japan lodged a protest with China on Monday over the ships near the islands. " * 3 + b"</p></body></html>"),
    ],
    ids=["first-line", "front-matter", "json-record", "html-title"],
)
def test_titles_are_bounded(name: str, data: bytes) -> None:
    (doc,) = read_bytes(data, name)
    assert isinstance(doc, Document), doc
    assert len(doc.title) == MAX_TITLE_CHARS
    assert doc.title.endswith("…")


# --------------------------------------------------------------------------- what reaches the parser


def _check_bounded(text: str, *, max_sentence: int, max_token: int) -> list:
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert len(piece) <= max_sentence
        assert piece == piece.strip()
        assert max((len(run) for run in re.findall(r"\S+", piece)), default=0) <= max_token
        previous_end = s.end
    return sentences


@pytest.mark.parametrize("mark", ['"', "'", "!", ".", "?", "(", ")", "”", "-", "!?"])
def test_punctuation_runs_are_cut_into_bounded_pieces(mark: str) -> None:
    text = hostile.punctuation_run(40_000 // len(mark), mark).decode()
    sentences = _check_bounded(text, max_sentence=config.DEFAULT_MAX_SENTENCE_CHARS,
                               max_token=config.DEFAULT_MAX_TOKEN_CHARS)  # fmt: skip
    # the words before the run stay one sentence
    assert any(text[s.start : s.end].startswith("Japan lodged a protest with China on Monday") for s in sentences)


def test_settings_lower_the_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELDASH_MAX_SENTENCE_CHARS", "100")
    monkeypatch.setenv("RELDASH_MAX_TOKEN_CHARS", "20")
    text = hostile.long_line_text(1_001).decode() + " " + "!" * 45 + " end."
    sentences = _check_bounded(text, max_sentence=100, max_token=20)
    assert [s.end - s.start for s in sentences if text[s.start] == "!"] == [20, 20, 5]


@pytest.mark.parametrize(("value", "expected"), [("50", 50), ("1000000", config.MAX_SENTENCE_CHARS_CAP), ("1", 20)])
def test_sentence_bound_stays_far_below_spacy_max_length(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int
) -> None:
    monkeypatch.setenv("RELDASH_MAX_SENTENCE_CHARS", value)
    assert config.max_sentence_chars() == expected
    assert config.max_token_chars() <= expected


@pytest.mark.parametrize(
    "text",
    [
        "U.S. " * 20_000,  # abbreviations all the way: no sentence end, the window stays short
        "a." * 20_000 + " Then more.",
        ("Japan met China. " * 3000),
        "x" * 3000 + ". Next one. " + "No. 5 is here. " * 100,
        "\n\n".join(["Para one. Two."] * 2000),
    ],
    ids=["abbreviations", "letters-and-dots", "many-sentences", "long-word-before-a-dot", "many-paragraphs"],
)
def test_sibling_runs_stay_bounded_and_offsets_inside(text: str) -> None:
    _check_bounded(text, max_sentence=config.DEFAULT_MAX_SENTENCE_CHARS, max_token=config.DEFAULT_MAX_TOKEN_CHARS)


def test_abbreviations_still_do_not_end_sentences() -> None:
    text = "Gen. Smith met Mr. Lee in the U.S. on Monday. No. 5 was there. Then they left."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Gen. Smith met Mr. Lee in the U.S. on Monday.",
        "No. 5 was there.",
        "Then they left.",
    ]


def test_a_word_longer_than_the_window_is_no_abbreviation() -> None:
    text = "He said " + "x" * 60 + "gen. Then he left."
    assert [text[s.start : s.end] for s in split_sentences(text)] == ["He said " + "x" * 60 + "gen.", "Then he left."]


# --------------------------------------------------------------------------- the parser itself


@pytest.fixture(scope="module")
def extractor():
    from extraction.pipeline import Extractor

    return Extractor()


def test_a_line_longer_than_spacys_max_length_is_parsed_in_pieces(extractor) -> None:
    text = hostile.long_line_text().decode()  # 1.8 million characters, one line
    assert len(text) > extractor.nlp.max_length
    with pytest.raises(ValueError, match="E088"):  # what happened before: the whole line went to spaCy
        extractor.nlp.make_doc(text)
    doc = Document("long", "Long", "2022-09-11", "", text, "long.txt")
    relations = list(extractor.extract([doc]))
    assert relations, "the pieces are parsed, and the relation in them found"
    assert all(0 <= r.sentence_start < r.sentence_end <= len(text) for r in relations)
    assert all(r.sentence_end - r.sentence_start <= config.DEFAULT_MAX_SENTENCE_CHARS for r in relations)


def test_spacys_limit_is_never_reached_with_lowered_bounds(extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELDASH_MAX_SENTENCE_CHARS", "400")
    monkeypatch.setattr(extractor.nlp, "max_length", 500)
    text = hostile.long_line_text(5_000).decode()
    relations = list(extractor.extract([Document("d", "t", "2022-09-11", "", text, "d.txt")]))
    assert relations
    assert max(r.sentence_end - r.sentence_start for r in relations) <= 400


def test_a_punctuation_run_keeps_the_relation_before_it(extractor) -> None:
    text = hostile.punctuation_run().decode()
    doc = Document("p", "Protest", "2022-09-11", "", text, "p.txt")
    relations = [(r.source, r.target, r.sentence) for r in extractor.extract([doc])]
    assert relations == [("JPN", "CHN", "Japan lodged a protest with China on Monday")]


def test_html_that_lxml_cannot_nest_is_a_clean_problem() -> None:
    html = "<div>" * 100_000 + "Japan lodged a protest with China." + "</div>" * 100_000
    with pytest.raises(InputProblem, match=r"^\[E001\] deep.html: "):
        parse_html(html, doc_id="deep", source_file="deep.html")
