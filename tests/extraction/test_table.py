"""Relation records -> DataFrame, and reading and (atomically) writing relation tables."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction.errors import DataFileError, OutputError
from extraction.schema import COLUMNS, EventMention
from extraction.table import (
    FORMULA_START,
    coerce_types,
    csv_bytes,
    neutralise_cell,
    output_format,
    read_table,
    restore_cell,
    spreadsheet_safe,
    to_frame,
    write_table,
)


def _relation(**changes: object) -> EventMention:
    base = EventMention(
        doc_id="d1", doc_title="Talks resume", doc_date="2022-09-11", doc_url="https://e.org/1", sentence_id=3,
        sentence="Japan met South Korea.", sentence_start=10, sentence_end=32, source="JPN", source_text="Japan",
        target="KOR", target_text="South Korea", event_type="CONSULT", quad_class="verbal cooperation",
        intensity=2.5, trigger="met", event_date="2022-09-07", date_precision="day", negated=False,
        modality="asserted", confidence=0.85,
    )  # fmt: skip
    return base._replace(**changes)


ROWS = [
    _relation(),
    _relation(doc_id="d2", doc_title='Quotes "inside", commas, and\na newline', doc_url="", sentence="NA",
              source_text="", negated=True, modality="intended", confidence=0.5, intensity=-7.0,
              event_date="", date_precision="doc"),
    _relation(doc_id="\u65e5\u97d3", doc_title="\u00e9\u2014\u201cx\u201d", sentence_id=0, sentence_start=0),
]

NON_TEXT_DTYPES = {
    "sentence_id": "int64",
    "sentence_start": "int64",
    "sentence_end": "int64",
    "intensity": "float64",
    "confidence": "float64",
    "negated": "bool",
}


def _check_dtypes(frame: pd.DataFrame) -> None:
    assert {c: str(frame[c].dtype) for c in NON_TEXT_DTYPES} == NON_TEXT_DTYPES
    text = [c for c in COLUMNS if c not in NON_TEXT_DTYPES]
    assert [c for c in text if not pd.api.types.is_string_dtype(frame[c])] == []


def test_to_frame_columns_and_types() -> None:
    frame = to_frame(ROWS)
    assert list(frame.columns) == list(COLUMNS)
    _check_dtypes(frame)
    assert frame["negated"].tolist() == [False, True, False]
    assert frame.iloc[1]["doc_title"] == 'Quotes "inside", commas, and\na newline'


def test_to_frame_empty() -> None:
    frame = to_frame([])
    assert (list(frame.columns), len(frame)) == (list(COLUMNS), 0)
    _check_dtypes(frame)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".CSV"])
@pytest.mark.parametrize("rows", [ROWS, []], ids=["rows", "empty"])
def test_round_trip(tmp_path: Path, suffix: str, rows: list[EventMention]) -> None:
    frame = to_frame(rows)
    path = write_table(frame, tmp_path / f"out{suffix}")
    assert path == tmp_path / f"out{suffix}"
    back = read_table(path)
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert sorted(os.listdir(tmp_path)) == [f"out{suffix}"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("True", True), ("true", True), (" yes ", True), ("1", True), ("t", True), ("False", False), ("0", False),
     ("", False), ("no", False), (None, False), (float("nan"), False), (1, True), (0, False), (True, True)],
)
def test_coerce_negated(value: object, expected: bool) -> None:
    frame = to_frame([_relation()]).astype({"negated": object})
    frame.loc[0, "negated"] = value
    assert coerce_types(frame)["negated"].tolist() == [expected]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [("sentence_id", "7", 7), ("sentence_id", "", -1), ("sentence_id", "x", -1), ("confidence", "0.25", 0.25),
     ("confidence", "", None), ("doc_url", None, ""), ("doc_url", float("nan"), "")],
)
def test_coerce_values(column: str, value: object, expected: object) -> None:
    frame = to_frame([_relation()]).astype(object)
    frame.loc[0, column] = value
    coerced = coerce_types(frame)
    _check_dtypes(coerced)
    got = coerced[column].iloc[0]
    if expected is None:
        assert math.isnan(got)
    else:
        assert got == expected


def test_coerce_keeps_extra_columns_last() -> None:
    frame = to_frame([_relation()])
    frame.insert(0, "note", ["x"])
    assert list(coerce_types(frame).columns) == [*COLUMNS, "note"]


def test_read_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    to_frame(ROWS).to_csv(path, index=False, encoding="utf-8-sig")
    assert read_table(path)["doc_id"].tolist() == ["d1", "d2", "\u65e5\u97d3"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("absent.csv", None, "[E003] relation table not found: {path}"),
        ("short.csv", b"doc_id,source\nd1,JPN\n", "[E003] relation table lacks columns: " + ", ".join(
            c for c in COLUMNS if c not in ("doc_id", "source"))),
        ("empty.csv", b"", "[E003] cannot read relation table {path}: No columns to parse from file"),
    ],
)
def test_read_errors(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        read_table(path)
    assert str(info.value) == message.format(path=path)


def test_read_garbage_parquet(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"this is not parquet")
    with pytest.raises(DataFileError) as info:
        read_table(path)
    assert str(info.value).startswith(f"[E003] cannot read relation table {path}: ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.csv", ".csv"), ("a.PARQUET", ".parquet"), ("a.xlsx", None), ("a", None), ("a.csv.gz", None)],
)
def test_output_format(name: str, expected: str | None) -> None:
    if expected is None:
        suffix = Path(name).suffix.lower()
        with pytest.raises(OutputError) as info:
            output_format(name)
        shown = repr(suffix) if suffix else "'(none)'"
        assert str(info.value) == f"[E004] unknown output format {shown} for {name}: use .csv or .parquet"
    else:
        assert output_format(name) == expected


def test_write_creates_folders(tmp_path: Path) -> None:
    path = write_table(to_frame(ROWS), tmp_path / "a" / "b" / "out.csv")
    assert len(read_table(path)) == 3


# --------------------------------------------------------------------------- atomic writes


def _previous(tmp_path: Path, name: str = "out.csv") -> Path:
    path = tmp_path / name
    path.write_text("previous contents\n")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("error", [OSError("disk full"), ValueError("bad value")], ids=["oserror", "valueerror"])
def test_failed_write_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, error: Exception
) -> None:
    path = _previous(tmp_path, f"out{suffix}")

    def half_write(self: pd.DataFrame, target: str, *args: object, **kwargs: object) -> None:
        Path(target).write_text("half a table")
        raise error

    monkeypatch.setattr(pd.DataFrame, "to_csv" if suffix == ".csv" else "to_parquet", half_write)
    with pytest.raises(OutputError) as info:
        write_table(to_frame(ROWS), path)
    assert str(info.value) == f"[E004] cannot write {path}: {error}"
    assert path.read_text() == "previous contents\n"
    assert sorted(os.listdir(tmp_path)) == [f"out{suffix}"]


def test_interrupted_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _previous(tmp_path)

    def interrupted(self: pd.DataFrame, target: str, *args: object, **kwargs: object) -> None:
        Path(target).write_text("half a table")
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_csv", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_table(to_frame(ROWS), path)
    assert path.read_text() == "previous contents\n"
    assert sorted(os.listdir(tmp_path)) == ["out.csv"]


def test_failed_rename_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "taken.csv"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OutputError) as info:
        write_table(to_frame(ROWS), target)
    assert str(info.value).startswith(f"[E004] cannot write {target}: ")
    assert sorted(os.listdir(tmp_path)) == ["taken.csv"]


def test_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError) as info:
        write_table(to_frame(ROWS), tmp_path / "file" / "out.csv")
    assert str(info.value).startswith(f"[E004] cannot write {tmp_path / 'file' / 'out.csv'}: ")


def test_replacing_keeps_permissions(tmp_path: Path) -> None:
    path = _previous(tmp_path)
    path.chmod(0o640)
    write_table(to_frame(ROWS), path)
    assert (stat.S_IMODE(path.stat().st_mode), len(read_table(path))) == (0o640, 3)


def test_new_file_gets_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = write_table(to_frame(ROWS), tmp_path / "new.csv")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_record_fields_are_the_columns() -> None:
    assert EventMention._fields == COLUMNS


# --------------------------------------------------------------------------- spreadsheet-safe CSV

HYPERLINK = '=HYPERLINK("http://evil.example/x","click") Japan condemned China.'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\tplain after a tab", "'\tplain after a tab"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("\n=1", "'\n=1"),
        ("\uff1dSUM(1)", "'\uff1dSUM(1)"),  # full-width equals sign
        ("\uff20x", "'\uff20x"),
        ("'=1", "''=1"),  # looks neutralised already: prefixed again, so that reading back is exact
        ("''+x", "'''+x"),
        ("-", "'-"),
        # numbers stay numbers, whatever their sign
        ("-3", "-3"),
        ("+1.5", "+1.5"),
        ("-1e5", "-1e5"),
        ("-.5", "-.5"),
        # not formulas
        ("Japan condemned China.", "Japan condemned China."),
        ("USA \u2192 CHN", "USA \u2192 CHN"),
        ("a=b", "a=b"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        (" ", " "),
    ],
)
def test_formula_cells_are_neutralised(value: str, written: str) -> None:
    assert neutralise_cell(value) == written
    assert restore_cell(written) == value


@pytest.mark.parametrize("value", [-7.0, 3, None, True, float("nan")])
def test_non_text_values_are_left_alone(value: object) -> None:
    assert neutralise_cell(value) is value
    assert restore_cell(value) is value


@given(st.text(alphabet=st.sampled_from("=+-@'\t\r\n .0123456789eE\uff1d\uff0b\uff0d\uff20aZ\u2192"), max_size=12))
def test_neutralising_is_safe_and_reversible(value: str) -> None:
    written = neutralise_cell(value)
    assert restore_cell(written) == value
    assert not _runs_as_formula(written)
    assert written in (value, "'" + value)


def _runs_as_formula(cell: str) -> bool:
    """What a spreadsheet would evaluate: a formula start not behind an apostrophe, and not a number."""
    return not cell.startswith("'") and FORMULA_START.match(cell) is not None and not _is_number(cell)


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return value.strip() == value and value.lower() not in ("nan", "inf", "-inf", "+inf")


def _hostile_rows() -> list[EventMention]:
    return [
        _relation(doc_title=HYPERLINK, sentence=HYPERLINK, source_text="@Japan", target_text="-China"),
        _relation(doc_id="=cmd|' /C calc'!A0", doc_title="\t\r=1", sentence="'=already quoted", intensity=-7.0),
        _relation(doc_id="d3", doc_title="plain \u2192 title", sentence="+81 3 1234 5678", trigger="-"),
    ]


def test_hostile_cells_round_trip_exactly(tmp_path: Path) -> None:
    frame = to_frame(_hostile_rows())
    path = write_table(frame, tmp_path / "out.csv")
    pd.testing.assert_frame_equal(read_table(path), frame)


def test_csv_is_spreadsheet_safe_and_reads_cleanly_in_pandas(tmp_path: Path) -> None:
    frame = to_frame(_hostile_rows())
    path = write_table(frame, tmp_path / "out.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdoc_id,doc_title,")  # UTF-8 BOM: Excel shows the arrow right
    assert data == csv_bytes(frame)
    assert "plain \u2192 title".encode() in data
    plain = pd.read_csv(path, keep_default_na=False)  # what a user's own pandas code sees
    assert list(plain.columns) == list(COLUMNS)
    assert plain["doc_title"].tolist() == ["'" + HYPERLINK, "'\t\r=1", "plain \u2192 title"]
    assert plain["doc_id"].tolist() == ["d1", "'=cmd|' /C calc'!A0", "d3"]
    assert plain["source_text"].tolist() == ["'@Japan", "Japan", "Japan"]
    assert plain["target_text"].tolist() == ["'-China", "South Korea", "South Korea"]
    assert plain["sentence"].tolist() == ["'" + HYPERLINK, "''=already quoted", "'+81 3 1234 5678"]
    assert plain["trigger"].tolist() == ["met", "met", "'-"]
    # numbers stay numbers
    assert plain["intensity"].tolist() == [2.5, -7.0, 2.5]
    assert str(plain["intensity"].dtype) == "float64"
    assert str(plain["sentence_start"].dtype) == "int64"
    cells = [str(cell) for col in plain.columns for cell in plain[col]]
    assert [c for c in cells if _runs_as_formula(c)] == []


def test_a_lone_carriage_return_stays_inside_its_cell(tmp_path: Path) -> None:
    frame = to_frame([_relation(doc_title="one\rtwo", sentence="a\r\nb\nc")])
    path = write_table(frame, tmp_path / "out.csv")
    assert len(pd.read_csv(path)) == 1
    pd.testing.assert_frame_equal(read_table(path), frame)


def test_a_table_saved_by_a_spreadsheet_is_read_as_it_is(tmp_path: Path) -> None:
    # a spreadsheet drops the apostrophe when it saves: the cell holds the formula text, read as text
    frame = to_frame([_relation(doc_title=HYPERLINK)])
    path = tmp_path / "saved.csv"
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    assert read_table(path)["doc_title"].tolist() == [HYPERLINK]


def test_spreadsheet_safe_keeps_dtypes_and_neutralises_column_names() -> None:
    frame = pd.DataFrame(
        {"=label": ["=x", "y"], "count": [-1, 2], "share": [-0.5, 0.5], "kind": pd.Categorical(["-a", "b"])}
    )
    safe = spreadsheet_safe(frame)
    assert list(safe.columns) == ["'=label", "count", "share", "kind"]
    assert safe["'=label"].tolist() == ["'=x", "y"]
    assert safe["count"].tolist() == [-1, 2]
    assert safe["share"].dtype == frame["share"].dtype
    assert safe["kind"].tolist() == ["'-a", "b"]
    assert frame["=label"].tolist() == ["=x", "y"]  # the caller's frame is left alone


def test_parquet_is_written_unchanged(tmp_path: Path) -> None:
    frame = to_frame(_hostile_rows())
    path = write_table(frame, tmp_path / "out.parquet")
    assert pd.read_parquet(path)["doc_title"].tolist() == frame["doc_title"].tolist()
