"""Adding files, uploads and pasted text: extraction.store.inputs (URLs: tests/extraction/sources/test_url.py)."""

from __future__ import annotations

from extraction.errors import InputProblem
from tests.extraction.store.helpers import FakeExtractor, doc


def test_problems_are_rejected_and_the_rest_added(store, tmp_path):
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Good\ndate: 2017-01-05\n---\nText. [USA>PRK:SANCTION]\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    report = store.add_paths([good, empty, tmp_path / "missing.txt"], FakeExtractor())
    assert report.added_ids == ["good"]
    assert report.rejected == [
        f"[E001] {empty}: file is empty",
        f"[E001] {tmp_path / 'missing.txt'}: no such file or folder",
    ]
    assert report.relations == 1
    assert store.relations().loc[0, "event_date"] == "2017-01-05"
    # a Document without text and a stray problem object
    report = store.add_documents([doc("x", "  "), InputProblem("upload.pdf: unsupported")], FakeExtractor())
    assert report.rejected == ["[E001] x.txt: no article text", "[E001] upload.pdf: unsupported"]
    assert report.added == 0


def test_add_uploaded_and_add_text(store):
    files = [
        ("notes.txt", b"Tokyo summit\n\nText. [USA>JPN:AGREE:2023-08-18]\n"),
        ("feed.jsonl", b'{"id": "j1", "title": "J1", "date": "2023-08-19", "text": "T. [CHN>TWN:MOBILIZE]"}\nnot json\n'),
        ("slides.pdf", b"%PDF-1.4"),
    ]
    report = store.add_uploaded(files, FakeExtractor())
    assert report.added_ids == ["notes", "j1"]
    assert report.rejected == [
        "[E001] feed.jsonl: line 2: invalid JSON (Expecting value)",
        "[E001] slides.pdf: unsupported file type '.pdf'; use .txt, .md, .html, .htm, .json, .jsonl",
    ]
    assert store.document("j1").date == "2023-08-19"
    bad_date = store.add_uploaded(files[:1], FakeExtractor(), date="the 40th of May")
    assert bad_date.rejected == ["[E001] date: unparseable date 'the 40th of May'"]

    pasted = store.add_text("Kishida visits Seoul", "Kishida met Yoon. [JPN>KOR:CONSULT]", date="May 7, 2023",
                            url="https://example.org/k", extractor=FakeExtractor())  # fmt: skip
    assert pasted.added_ids == ["pasted-kishida-visits-seoul"]
    stored = store.document("pasted-kishida-visits-seoul")
    assert (stored.title, stored.date, stored.url, stored.source_file) == (
        "Kishida visits Seoul", "2023-05-07", "https://example.org/k", "pasted text",
    )  # fmt: skip
    assert store.relations(doc_ids=["pasted-kishida-visits-seoul"]).loc[0, "event_date"] == "2023-05-07"
    assert store.add_text("T", "text", date="soon", extractor=FakeExtractor()).rejected == [
        "[E001] pasted text 'T': date: unparseable date 'soon'"
    ]
    assert store.add_text("T", "  ", extractor=FakeExtractor()).rejected == ["[E001] pasted text 'T': no article text"]
    untitled = store.add_text("", "First line is the title\nmore. [USA>CHN:ACCUSE]", extractor=FakeExtractor())
    assert untitled.added_ids == ["pasted-first-line-is-the-title"]


def test_hostile_uploads_are_rejected_by_name_and_the_good_ones_added(store):
    from tests import hostile_inputs as hostile
    from tests.extraction.store.helpers import snapshot

    before = snapshot(store)
    files = [
        ("deep.json", hostile.deep_json_array()),
        ("good.txt", b"Tokyo summit\n\nText. [USA>JPN:AGREE:2023-08-18]\n"),
        ("long-number.json", hostile.long_number_json()),
        ("lines.jsonl", hostile.jsonl_with_a_deep_line()),
        ("surrogates.json", hostile.surrogate_json().replace(b"with China.", b"with China. [JPN>CHN:PROTEST]")),
        ("long-line.txt", hostile.long_line_text(20_000) + b" [KOR>PRK:ACCUSE]"),
        ("quotes.txt", hostile.punctuation_run() + b" [CHN>JPN:REJECT]"),
    ]
    report = store.add_uploaded(files, FakeExtractor())
    assert report.rejected == [
        "[E001] deep.json: JSON nested too deeply to read (arrays or objects inside each other, hundreds of levels)",
        "[E001] long-number.json: invalid JSON (Exceeds the limit (4300 digits) for integer string conversion: "
        "value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit)",
        "[E001] lines.jsonl: line 2: JSON nested too deeply to read "
        "(arrays or objects inside each other, hundreds of levels)",
    ]
    assert report.added_ids == ["good", "first", "third", "surrogates", "long-line", "quotes"]
    assert store.document("surrogates").title == "Bad \ufffd title"
    assert snapshot(store) != before


def test_only_hostile_uploads_leave_the_store_as_it_was(store):
    from tests import hostile_inputs as hostile
    from tests.extraction.store.helpers import snapshot

    store.add_uploaded([("good.txt", b"Tokyo summit\n\nText. [USA>JPN:AGREE:2023-08-18]\n")], FakeExtractor())
    before = snapshot(store)
    report = store.add_uploaded([("deep.json", hostile.deep_json_object())], FakeExtractor())
    assert (report.added, len(report.rejected)) == (0, 1)
    assert snapshot(store) == before
