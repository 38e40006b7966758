"""Store commands of the CLI: add, list, remove, export, reextract, import-gdelt."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from extraction.cli import store as store_cli
from extraction.cli.main import build_parser, main
from extraction.schema import COLUMNS
from extraction.store import EXTRA_COLUMNS, Store
from extraction.table import read_table
from tests.extraction.store.helpers import FakeExtractor

ROOT = Path(__file__).resolve().parents[3]
GDELT_SAMPLE = ROOT / "tests" / "data" / "gdelt_sample.export.CSV"


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.delenv("RELDASH_DB", raising=False)
    return str(tmp_path / "relations.duckdb")


@pytest.fixture
def fake(monkeypatch):
    extractor = FakeExtractor()
    monkeypatch.setattr(store_cli, "_extractor", lambda args: extractor)
    return extractor


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "summit.md").write_text(
        "---\ntitle: Abe and Trump meet\ndate: 2017-02-10\n---\nText. [USA>JPN:CONSULT] [JPN>USA:SUPPORT]\n", "utf-8"
    )
    (folder / "drills.txt").write_text(
        "China holds drills near Taiwan\n2022-08-04\n\nText. [CHN>TWN:MOBILIZE:2022-08-04]\n", "utf-8"
    )
    (folder / "empty.txt").write_text("\n", "utf-8")
    return folder


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_commands_are_registered():
    parser = build_parser()
    for command in ("add", "list", "remove", "export", "reextract", "import-gdelt", "build", "evaluate"):
        args = {
            "add": ["add", "x"],
            "remove": ["remove", "x"],
            "export": ["export", "--out", "x.csv"],
            "import-gdelt": ["import-gdelt", "x"],
            "build": ["build", "x", "--out", "x.csv"],
        }.get(command, [command])
        assert callable(parser.parse_args(args).func)
    assert parser.parse_args(["add", "x", "--db", "s.duckdb", "--quiet", "--n-process", "1"]).db == "s.duckdb"


def test_add_reports_rejected_inputs_and_adds_the_rest(capsys, db, fake, inputs):
    code, out, err = run(capsys, "add", inputs, inputs.parent / "missing.md", "--db", db)
    assert code == 0
    assert err.splitlines() == [
        f"skipped: [E001] {inputs / 'empty.txt'}: file is empty",
        f"skipped: [E001] {inputs.parent / 'missing.md'}: no such file or folder",
    ]
    assert re.fullmatch(
        rf"2 added, 0 duplicates skipped, 2 rejected, 3 relations in \d+\.\d s -> {re.escape(db)}\n", out
    )
    store = Store(db)
    assert list(store.list_documents()["doc_id"]) == ["summit", "drills"]

    # adding again: duplicates are skipped, still a success
    code, out, err = run(capsys, "add", inputs / "summit.md", "--db", db)
    assert code == 0
    assert err == f"duplicate: {inputs / 'summit.md'}: same text as stored document 'summit'\n"
    assert out.startswith("0 added, 1 duplicates skipped, 0 rejected, 0 relations in ")


def test_add_fails_only_when_nothing_could_be_read(capsys, db, fake, inputs):
    code, out, err = run(capsys, "add", inputs / "empty.txt", inputs / "nope.txt", "--db", db)
    assert code == 1
    assert out == ""
    assert err.splitlines()[-1] == "error: no document could be read"
    code, out, err = run(capsys, "add", inputs, "--date", "31/31/2020", "--db", db)
    assert (code, out, err) == (2, "", "error: [E001] --date: unparseable date '31/31/2020'\n")
    assert Store(db).stats()["documents"] == 0


def test_add_with_date_override(capsys, db, fake, inputs):
    code, _out, _err = run(capsys, "add", inputs / "summit.md", "--date", "2017-02-11", "--db", db)
    assert code == 0
    assert Store(db).document("summit").date == "2017-02-11"


def test_list_and_remove(capsys, db, fake, inputs):
    run(capsys, "add", inputs, "--db", db)
    code, out, err = run(capsys, "list", "--db", db)
    assert code == 0
    assert out.splitlines() == [
        "doc_id    date         rels  title",
        "summit    2017-02-10      2  Abe and Trump meet",
        "drills    2022-08-04      1  China holds drills near Taiwan",
        "2 documents, 3 text relations, 0 GDELT relations; 2 documents need `reextract`",  # fake extractor version
    ]
    code, out, err = run(capsys, "remove", "summit", "--db", db)
    assert (code, out, err) == (0, "removed summit and its 2 relations\n", "")
    code, out, err = run(capsys, "remove", "summit", "--db", db)
    assert (code, out, err) == (2, "", "error: [E022] no document 'summit' in the store\n")
    code, out, _ = run(capsys, "list", "--db", db)
    assert out.splitlines()[-1] == "1 documents, 1 text relations, 0 GDELT relations; 1 documents need `reextract`"


def test_list_empty_store_and_env_default(capsys, tmp_path, monkeypatch):
    path = tmp_path / "env.duckdb"
    monkeypatch.setenv("RELDASH_DB", str(path))
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines() == [f"no documents in {path}", "0 documents, 0 text relations, 0 GDELT relations"]
    assert path.exists()


def test_export_csv_and_parquet_with_filters(capsys, db, fake, inputs, tmp_path):
    run(capsys, "add", inputs, "--db", db)
    run(capsys, "import-gdelt", GDELT_SAMPLE, "--db", db)

    out_csv = tmp_path / "out" / "all.csv"
    code, out, _ = run(capsys, "export", "--out", out_csv, "--db", db)
    assert (code, out) == (0, f"9 relations -> {out_csv}\n")
    table = read_table(out_csv)
    assert list(table.columns) == [*COLUMNS, *EXTRA_COLUMNS, "relation_id", "review_status"]
    assert sorted(set(table["origin"])) == ["gdelt", "text"]

    out_pq = tmp_path / "japan.parquet"
    code, out, _ = run(
        capsys, "export", "--out", out_pq, "--actor", "jpn", "--since", "2016-07-13", "--until", "Feb 10, 2017",
        "--db", db,
    )  # fmt: skip
    assert (code, out) == (0, f"5 relations -> {out_pq}\n")
    table = pd.read_parquet(out_pq)
    assert list(zip(table["doc_id"], table["source"], table["target"], table["event_date"], strict=True)) == [
        ("summit", "USA", "JPN", "2017-02-10"),
        ("summit", "JPN", "USA", "2017-02-10"),
        ("gdelt-498000003", "CHN", "JPN", "2016-07-13"),
        ("gdelt-498000004", "RUS", "JPN", "2016-07-14"),
        ("gdelt-498000005", "KOR", "JPN", "2016-07-14"),
    ]

    code, out, _ = run(capsys, "export", "--out", tmp_path / "g.csv", "--origin", "gdelt", "--db", db)
    assert out == f"6 relations -> {tmp_path / 'g.csv'}\n"


def test_export_errors_are_one_line(capsys, db, tmp_path):
    code, out, err = run(capsys, "export", "--out", tmp_path / "x.xlsx", "--db", db)
    assert (code, out) == (2, "")
    assert err == f"error: [E004] unknown output format '.xlsx' for {tmp_path / 'x.xlsx'}: use .csv or .parquet\n"
    code, out, err = run(capsys, "export", "--out", tmp_path / "x.csv", "--since", "yesterday-ish", "--db", db)
    assert (code, err) == (2, "error: [E001] --since: unparseable date 'yesterday-ish'\n")
    assert not (tmp_path / "x.csv").exists()


def test_reextract(capsys, db, fake, inputs):
    run(capsys, "add", inputs, "--db", db)
    code, out, _ = run(capsys, "reextract", "--db", db)
    assert (code, out) == (0, "every document is up to date with this extractor version\n")
    fake.version = "fake-2"
    code, out, _ = run(capsys, "reextract", "--db", db)
    assert (code, out) == (0, "2 documents re-extracted: 3 -> 3 relations\n")
    code, out, _ = run(capsys, "reextract", "--all", "--db", db)
    assert out == "2 documents re-extracted: 3 -> 3 relations\n"
    assert fake.calls[-2:] == [["drills", "summit"], ["drills", "summit"]]


def test_import_gdelt(capsys, db, tmp_path):
    code, out, err = run(capsys, "import-gdelt", GDELT_SAMPLE, tmp_path / "missing.zip", "--db", db)
    assert code == 0
    assert err.splitlines() == [
        "skipped: gdelt_sample.export.CSV:line 11: SQLDATE is not a valid date: '20161345'",
        "skipped: gdelt_sample.export.CSV:line 12: GoldsteinScale is not a number: 'n/a'",
        "skipped: gdelt_sample.export.CSV:line 13: 58 columns, expected 61 (a GDELT 1.0 file?)",
        f"skipped: {tmp_path / 'missing.zip'}: no such file",
    ]
    assert out.splitlines() == [
        "14 lines in 2 files: 6 kept, 5 dropped (3 other actors, 1 CAMEO 01 statements, 1 duplicate events), "
        "3 malformed, 1 files unreadable",
        f"6 rows imported (0 replaced rows already stored) -> {db}",
    ]
    assert Store(db).stats()["gdelt_relations"] == 6
    code, out, _ = run(capsys, "import-gdelt", GDELT_SAMPLE, "--db", db)
    assert out.splitlines()[-1] == f"6 rows imported (6 replaced rows already stored) -> {db}"
    assert Store(db).stats()["gdelt_relations"] == 6

    code, out, err = run(capsys, "import-gdelt", tmp_path / "missing.zip", "--db", db)
    assert code == 1
    assert err.splitlines()[-1] == "error: no GDELT file could be read"


def test_busy_store_is_a_clean_message(capsys, db, fake, inputs, monkeypatch):
    from extraction.errors import StoreBusy

    def busy(self, *args, **kwargs):
        raise StoreBusy("busy, try again in a moment: another session is writing to the store relations.duckdb")

    monkeypatch.setattr(Store, "add_documents", busy)
    code, out, err = run(capsys, "add", inputs / "summit.md", "--db", db)
    assert (code, out) == (2, "")
    assert err == (
        "error: [E021] busy, try again in a moment: another session is writing to the store relations.duckdb\n"
    )


def test_add_with_the_real_pipeline(capsys, db, tmp_path):
    article = tmp_path / "seoul-sanctions.md"
    article.write_text(
        "---\ntitle: Seoul sanctions Moscow\ndate: 2022-03-01\n---\nSeoul imposed sanctions on Russia on Monday.\n",
        "utf-8",
    )
    code, out, _ = run(capsys, "add", article, "--db", db, "--quiet")
    assert code == 0
    rows = Store(db).relations()
    assert out.startswith(f"1 added, 0 duplicates skipped, 0 rejected, {len(rows)} relations in ")
    assert ("KOR", "RUS", "SANCTION") in set(zip(rows["source"], rows["target"], rows["event_type"], strict=True))


def test_export_csv_neutralises_formulas(capsys, db, fake, tmp_path):
    article = tmp_path / "formula.md"
    article.write_text(
        '---\ntitle: =HYPERLINK("http://evil.example/x","click")\ndate: 2017-02-10\n---\n'
        "Text. [USA>JPN:CONSULT]\n",
        "utf-8",
    )
    run(capsys, "add", article, "--db", db)
    out_csv = tmp_path / "all.csv"
    code, out, _ = run(capsys, "export", "--out", out_csv, "--db", db)
    assert (code, out) == (0, f"1 relations -> {out_csv}\n")
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")
    plain = pd.read_csv(out_csv, keep_default_na=False)
    assert plain["doc_title"].tolist() == ['\'=HYPERLINK("http://evil.example/x","click")']
    assert plain["intensity"].dtype == "float64"
    assert read_table(out_csv)["doc_title"].tolist() == ['=HYPERLINK("http://evil.example/x","click")']


# --------------------------------------------------------------------------- add from URLs


@pytest.fixture
def web():
    """A local web server with one article page (text with a relation mark) and a slow page."""
    import contextlib
    import http.server
    import threading
    import time

    page = (
        b"<html><head><title>Seoul and Tokyo talk</title></head><body><article>"
        b"<p>Seoul and Tokyo held talks on Monday about the islands and trade. [KOR>JPN:CONSULT]</p>"
        b"<p>Officials said the meeting went well and more talks would follow soon.</p>"
        b"</article></body></html>"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 (http.server API)
            if self.path == "/slow":
                time.sleep(1.5)
            status = 200 if self.path in ("/article", "/slow") else 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                self.wfile.write(page)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_add_takes_urls_beside_files(capsys, db, fake, inputs, web, monkeypatch):
    monkeypatch.setenv("RELDASH_ALLOW_PRIVATE_URLS", "1")  # the test server is on loopback
    code, out, err = run(capsys, "add", inputs / "summit.md", f"{web}/article", f"{web}/missing",
                         "ftp://example.com/a.txt", "--db", db)  # fmt: skip
    assert code == 0
    assert err.splitlines() == [
        f"skipped: [E031] {web}/missing: HTTP 404 Not Found",
        "skipped: [E030] ftp://example.com/a.txt: only http and https URLs are fetched, not 'ftp'",
    ]
    assert out.startswith("2 added, 0 duplicates skipped, 2 rejected, 3 relations in ")
    store = Store(db)
    ids = sorted(store.list_documents()["doc_id"])
    assert ids[1] == "summit" and ids[0].startswith("127-0-0-1-article-")
    stored = store.document(ids[0])
    assert (stored.title, stored.url) == ("Seoul and Tokyo talk", f"{web}/article")


def test_add_refuses_loopback_urls_by_default(capsys, db, fake, inputs, web, monkeypatch):
    monkeypatch.delenv("RELDASH_ALLOW_PRIVATE_URLS", raising=False)
    code, out, err = run(capsys, "add", f"{web}/article", inputs / "drills.txt", "--db", db)
    assert code == 0
    assert err.splitlines() == [
        f"skipped: [E030] {web}/article: 127.0.0.1 resolves to 127.0.0.1, a private, loopback or reserved "
        "address; refused (set RELDASH_ALLOW_PRIVATE_URLS=1 to allow)"
    ]
    assert list(Store(db).list_documents()["doc_id"]) == ["drills"]


def test_add_urls_keep_the_fetch_limits(capsys, db, fake, web, monkeypatch):
    monkeypatch.setenv("RELDASH_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("RELDASH_FETCH_TIMEOUT", "0.3")
    code, out, err = run(capsys, "add", f"{web}/slow", "--db", db)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"skipped: [E031] {web}/slow: timed out after 0.3 s (one limit for the whole fetch)",
        "error: no document could be read",
    ]
    monkeypatch.setenv("RELDASH_FETCH_TIMEOUT", "10")
    monkeypatch.setenv("RELDASH_FETCH_MAX_BYTES", "100")
    code, out, err = run(capsys, "add", f"{web}/article", "--db", db)
    assert code == 1
    assert "larger than the 100 byte limit" in err.splitlines()[0]
    assert Store(db).stats()["documents"] == 0
