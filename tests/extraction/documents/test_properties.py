"""Property tests (Hypothesis) over the readers: plain text, JSON and JSON Lines, HTML, any bytes.

For every input: no exception escapes but the project's own input errors
(:class:`~extraction.errors.InputProblem` and its subclasses), and every sentence offset of every
document read stays inside its text, in order, within the bounds on what reaches the parser.
GDELT rows: tests/extraction/sources/test_gdelt_properties.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extraction import config
from extraction.documents import Document, parse_html, parse_plain, parse_records, read_bytes, split_sentences
from extraction.documents.formats import MAX_TITLE_CHARS
from extraction.errors import InputProblem

PROPERTY_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces that steer the readers into their branches: front matter, headings, date lines,
#: datelines, sentence ends, abbreviations, quotes, odd characters.
PIECES = [
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "  ", "---\n", "title: T\n", "date: 2022-09-11\n", "url: x\n", "# ",
    "## Heading\n", "11 September 2022", "SEOUL, March 16 (Yonhap) — ", "Sept. 11, 2022", "2022/09/11",
    "Japan", "China", "the two sides", "met", "condemned", "South Korea", "Mr.", "U.S.", "No.", "5", "Gen.",
    ".", "!", "?", "...", '"', "'", "“", "”", "(", ")", "[", "]", "-", "*", ">", "=HYPERLINK(", "@", "+",
    "\ufeff", "\x00", "\x0b", "\u2028", "\u0301", "日韓", "\ud7ff", "a" * 30, "!" * 30, '"' * 30, "x.y.z",
]  # fmt: skip
article_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join),
)


@contextlib.contextmanager
def bounds(sentence: int, token: int):
    """Lower the parser bounds for the duration (a fixture cannot, under @given)."""
    old = {k: os.environ.get(k) for k in ("RELDASH_MAX_SENTENCE_CHARS", "RELDASH_MAX_TOKEN_CHARS")}
    os.environ["RELDASH_MAX_SENTENCE_CHARS"] = str(sentence)
    os.environ["RELDASH_MAX_TOKEN_CHARS"] = str(token)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def check_document(doc: Document) -> None:
    """A document's fields are what the store can hold, and its sentences stay inside its text."""
    assert isinstance(doc, Document)
    assert doc.text.strip()
    assert len(doc.title) <= MAX_TITLE_CHARS
    for value in doc:
        value.encode("utf-8")  # no lone surrogates
    check_sentences(doc.text)


def check_sentences(text: str) -> None:
    max_sentence, max_token = config.max_sentence_chars(), config.max_token_chars()
    previous_end = 0
    for i, s in enumerate(split_sentences(text)):
        assert s.index == i
        assert previous_end <= s.start < s.end <= len(text), (s, len(text))
        assert 0 <= s.paragraph_start <= s.start
        piece = text[s.start : s.end]
        assert piece.strip() == piece and piece
        assert len(piece) <= max_sentence
        assert all(len(run) <= max_token for run in re.findall(r"\S+", piece))
        previous_end = s.end


def outcomes(items) -> list:
    out = list(items)
    for item in out:
        if isinstance(item, InputProblem):
            assert str(item).startswith("[E0")
        else:
            check_document(item)
    return out


# --------------------------------------------------------------------------- plain text


@PROPERTY_SETTINGS
@given(article_text)
def test_plain_text(text: str) -> None:
    try:
        doc = parse_plain(text, doc_id="d", source_file="d.txt")
    except InputProblem:
        return
    check_document(doc)


@PROPERTY_SETTINGS
@given(article_text, st.integers(20, 80), st.integers(10, 30))
def test_sentence_offsets_with_low_bounds(text: str, sentence: int, token: int) -> None:
    with bounds(sentence, token):
        check_sentences(text)


@PROPERTY_SETTINGS
@given(st.binary(max_size=400), st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html", ".htm", ".pdf", ""]))
def test_any_bytes_under_any_name(data: bytes, suffix: str) -> None:
    outcomes(read_bytes(data, f"upload{suffix}"))


@PROPERTY_SETTINGS
@given(article_text, st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252", "shift_jis"]), st.sampled_from([".txt", ".md"]))
def test_encoded_text(text: str, encoding: str, suffix: str) -> None:
    data = text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")
    outcomes(read_bytes(data, f"a{suffix}"))


# --------------------------------------------------------------------------- JSON and JSON Lines

#: Text with lone surrogates too: JSON can spell them ("\\ud800"), no UTF-8 file or database can hold them.
surrogate_text = st.text(
    alphabet=st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)), max_size=20
)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40), article_text,
    surrogate_text,
)  # fmt: skip
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)
record_keys = st.sampled_from(["text", "title", "date", "id", "url", "articles", "extra"])
records = st.dictionaries(record_keys, st.one_of(json_values, article_text), max_size=6)


@PROPERTY_SETTINGS
@given(st.one_of(records, st.lists(records, max_size=4), st.fixed_dictionaries({"articles": st.lists(records, max_size=4)}),
                 json_values))  # fmt: skip
@example({"text": "Japan \ud800 met China.", "title": "\udc00", "id": 7})
@example([{"text": "Japan met China.", "title": [[[]]]}, {"text": " \u2028 "}, {"text": "x", "url": "u" * 3000}])
def test_json_records(data: object) -> None:
    text = json.dumps(data)  # ASCII, with \\uXXXX escapes (lone surrogates among them)
    outcomes(read_bytes(text.encode("ascii"), "feed.json"))
    outcomes(parse_records(json.dumps(data, ensure_ascii=False), stem="feed", source_file="feed.json"))


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(records.map(json.dumps), st.text(max_size=40), st.just("[" * 2000)), max_size=6))
def test_json_lines(lines: list[str]) -> None:
    outcomes(parse_records("\n".join(lines), stem="feed", source_file="feed.jsonl"))


@PROPERTY_SETTINGS
@given(st.text(alphabet='[]{}":,0123456789tfnulrsae\\ \n', max_size=300), st.sampled_from(["a.json", "a.jsonl"]))
def test_json_like_text(text: str, name: str) -> None:
    outcomes(parse_records(text, stem="a", source_file=name))


# --------------------------------------------------------------------------- HTML

TAGS = ["p", "div", "article", "h1", "span", "title", "script", "style", "head", "body", "html", "meta", "br", "a"]
ENTITIES = ["&amp;", "&lt;", "&#xD800;", "&#0;", "&#x110000;", "&nbsp;", "&bogus;", "&#", "<!--", "-->", "<![CDATA[", "]]>"]


@st.composite
def html_pages(draw) -> str:
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.sampled_from(["", ' class="x"', ' content="2022-09-11"', ' property="og:title"', " a=\"'\"", " <"]))
        if depth > 3 or draw(st.booleans()):
            body = draw(st.one_of(article_text, st.sampled_from(ENTITIES)))
        else:
            body = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 3))))
        close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
        return f"<{tag}{attrs}>{body}{close}"

    prefix = draw(st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>', "\ufeff"]))
    return prefix + "".join(element(0) for _ in range(draw(st.integers(0, 4))))


@PROPERTY_SETTINGS
@given(html_pages())
def test_html_pages(html: str) -> None:
    try:
        doc = parse_html(html, doc_id="page", source_file="page.html", url="https://example.org/page")
    except InputProblem:
        return
    check_document(doc)


@PROPERTY_SETTINGS
@given(html_pages())
def test_html_uploads(html: str) -> None:
    outcomes(read_bytes(html.encode("utf-8", "surrogatepass"), "page.html"))
