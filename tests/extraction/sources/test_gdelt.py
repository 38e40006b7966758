"""GDELT 2.0 event exports -> relation rows: extraction.sources.gdelt."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from extraction.schema import COLUMNS
from extraction.sources.gdelt import (
    EXTRA_COLUMNS,
    N_COLUMNS,
    GdeltReport,
    actor_codes,
    iter_gdelt,
    plover_type,
    read_gdelt,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "gdelt_sample.export.CSV"
ACTORS = {"USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"}


def test_actor_codes_come_from_the_actor_table():
    assert actor_codes() == frozenset(ACTORS)


def test_sample_rows_kept_dropped_and_malformed():
    frame, report = read_gdelt([SAMPLE])
    assert list(frame.columns) == [*COLUMNS, *EXTRA_COLUMNS]
    assert report.files == 1
    assert report.lines == 14
    assert report.kept == 6
    assert report.dropped_actors == 3  # GBR, missing Actor2 country (FIPS geo codes ignored), CHN->CHN
    assert report.dropped_statements == 1  # CAMEO root 01
    assert report.duplicates == 1
    assert report.malformed == 3
    assert report.dropped == 5
    assert report.problems == [
        "gdelt_sample.export.CSV:line 11: SQLDATE is not a valid date: '20161345'",
        "gdelt_sample.export.CSV:line 12: GoldsteinScale is not a number: 'n/a'",
        f"gdelt_sample.export.CSV:line 13: 58 columns, expected {N_COLUMNS} (a GDELT 1.0 file?)",
    ]
    assert report.summary() == (
        "14 lines in 1 files: 6 kept, 5 dropped (3 other actors, 1 CAMEO 01 statements, "
        "1 duplicate events), 3 malformed"
    )
    assert list(frame["doc_id"]) == [f"gdelt-49800000{i}" for i in range(1, 7)]
    assert list(zip(frame["source"], frame["target"], strict=True)) == [
        ("USA", "CHN"),
        ("JPN", "KOR"),
        ("CHN", "JPN"),
        ("RUS", "JPN"),
        ("KOR", "JPN"),
        ("PRK", "KOR"),
    ]
    assert list(frame["event_type"]) == ["THREATEN", "CONSULT", "PROTEST", "RETREAT", "CONCEDE", "ASSAULT"]
    assert list(frame["quad_class"]) == [
        "verbal conflict",
        "verbal cooperation",
        "material conflict",
        "material cooperation",
        "verbal cooperation",
        "material conflict",
    ]
    assert list(frame["intensity"]) == [-7.0, 1.9, -6.5, 7.0, 5.0, -10.0]
    assert set(frame["origin"]) == {"gdelt"}


def test_one_row_mapped_field_by_field():
    frame, _ = read_gdelt([SAMPLE])
    row = frame.iloc[0]
    assert row["doc_id"] == "gdelt-498000001"
    assert row["doc_title"] == "GDELT event 498000001"
    assert row["doc_date"] == "2016-07-12"  # DATEADDED
    assert row["doc_url"] == "https://news.example.com/2016/07/12/us-warns-china"
    assert row["event_date"] == "2016-07-12"  # SQLDATE
    assert row["date_precision"] == "day"
    assert row["source_text"] == "UNITED STATES"
    assert row["target_text"] == "CHINA"
    assert row["trigger"] == "CAMEO 138"
    assert row["sentence"] == (
        "United States (USA) → China (CHN): threaten, CAMEO 138, reported in 10 articles "
        "from 3 sources (GDELT event 498000001)."
    )
    assert (row["sentence_id"], row["sentence_start"], row["sentence_end"]) == (0, 0, len(row["sentence"]))
    assert row["confidence"] == 1.0
    assert bool(row["negated"]) is False
    assert row["modality"] == "asserted"
    assert row["gdelt_num_mentions"] == 12
    assert row["gdelt_num_articles"] == 10
    assert str(frame["gdelt_num_mentions"].dtype) == "Int64"


def test_zip_archive_reads_like_the_csv(tmp_path):
    archive = tmp_path / "20160712134500.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(SAMPLE, "20160712134500.export.CSV")
    from_zip, report = read_gdelt([archive])
    from_csv, _ = read_gdelt([SAMPLE])
    pd.testing.assert_frame_equal(from_zip, from_csv)
    assert report.kept == 6
    assert report.problems[0] == (
        "20160712134500.export.CSV.zip:20160712134500.export.CSV:line 11: SQLDATE is not a valid date: '20161345'"
    )


def test_same_event_in_two_files_is_kept_once(tmp_path):
    copy = tmp_path / "copy.export.CSV"
    copy.write_bytes(SAMPLE.read_bytes())
    frame, report = read_gdelt([SAMPLE, copy])
    assert report.files == 2
    assert report.kept == 6
    assert report.duplicates == 1 + 7  # the in-file duplicate, then every kept row of the copy again
    assert len(frame) == 6


def test_unreadable_files_are_reported_not_raised(tmp_path):
    bad_zip = tmp_path / "broken.zip"
    bad_zip.write_bytes(b"PK\x03\x04 not really a zip archive")
    empty_zip = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty_zip, "w"):
        pass
    frame, report = read_gdelt([tmp_path / "missing.CSV", empty_zip, SAMPLE])
    assert report.files == 3
    assert report.unreadable_files == 2
    assert report.problems[0] == f"{tmp_path / 'missing.CSV'}: no such file"
    assert report.problems[1] == f"{empty_zip}: cannot read (the zip archive is empty)"
    assert report.kept == 6
    assert len(frame) == 6
    # a corrupt archive that is not recognised as a zip is read as text: every line malformed
    _, report2 = read_gdelt([bad_zip])
    assert (report2.kept, report2.malformed, report2.unreadable_files) == (0, 1, 0)


def test_empty_result_has_the_table_shape(tmp_path):
    only_bad = tmp_path / "bad.CSV"
    only_bad.write_text("not\ta\tgdelt\tline\n\n", encoding="utf-8")
    frame, report = read_gdelt([only_bad])
    assert frame.empty
    assert list(frame.columns) == [*COLUMNS, *EXTRA_COLUMNS]
    assert (report.lines, report.malformed) == (1, 1)
    assert report.problems == ["bad.CSV:line 1: 4 columns, expected 61"]


@pytest.mark.parametrize(
    ("event_code", "root", "expected"),
    [
        ("010", "01", None),
        ("020", "02", "REQUEST"),
        ("100", "10", "REQUEST"),
        ("080", "08", "CONCEDE"),
        ("0831", "08", "CONCEDE"),
        ("0841", "08", "RETREAT"),
        ("087", "08", "RETREAT"),
        ("0813", "08", "RETREAT"),
        ("0811", "08", "CONCEDE"),
        ("163", "16", "SANCTION"),
        ("204", "20", "ASSAULT"),
        ("999", "99", None),
    ],
)
def test_cameo_to_plover(event_code, root, expected):
    assert plover_type(event_code, root) == expected


def test_actor_filter_can_be_given(tmp_path):
    frame, report = read_gdelt([SAMPLE], actors={"USA", "CHN", "GBR"})
    assert list(frame["doc_id"]) == ["gdelt-498000001", "gdelt-498000007"]  # USA->GBR is kept now
    assert report.dropped_actors == 8


# --------------------------------------------------------------------------- rows from the published schema

#: The 61 columns of a GDELT 2.0 event record, as the GDELT 2.0 Event Database codebook lists them.
CODEBOOK_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name",
    "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
    "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
    "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
]


def gdelt_line(**values: str) -> str:
    """One export line: every codebook column, ``values`` by column name over plausible defaults."""
    row = dict.fromkeys(CODEBOOK_COLUMNS, "")
    row.update(
        GLOBALEVENTID="600000001", SQLDATE="20230301", MonthYear="202303", Year="2023", FractionDate="2023.1644",
        Actor1Code="JPNGOV", Actor1Name="JAPAN", Actor1CountryCode="JPN", Actor2Code="CHN", Actor2Name="CHINA",
        Actor2CountryCode="CHN", IsRootEvent="1", EventCode="0841", EventBaseCode="084", EventRootCode="08",
        QuadClass="2", GoldsteinScale="7.0", NumMentions="4", NumSources="2", NumArticles="4", AvgTone="-1.5",
        ActionGeo_Type="1", ActionGeo_FullName="Japan", ActionGeo_CountryCode="JA",
        DATEADDED="20230301120000", SOURCEURL="https://news.example.com/a",
    )  # fmt: skip
    unknown = set(values) - set(CODEBOOK_COLUMNS)
    assert not unknown, unknown
    row.update(values)
    return "\t".join(row[c] for c in CODEBOOK_COLUMNS)


def test_schema_is_the_codebook():
    from extraction.sources.gdelt import SCHEMA

    assert list(SCHEMA) == CODEBOOK_COLUMNS
    assert N_COLUMNS == len(CODEBOOK_COLUMNS) == 61


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b""], ids=["bom", "no-bom"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("zipped", [False, True], ids=["csv", "zip"])
def test_a_byte_order_mark_does_not_cost_the_first_event(tmp_path, bom, newline, zipped):
    lines = [gdelt_line(GLOBALEVENTID=f"60000000{i}") for i in (1, 2)]
    data = bom + newline.join(line.encode() for line in lines) + newline
    path = tmp_path / "20230301000000.export.CSV"
    path.write_bytes(data)
    if zipped:
        archive = tmp_path / "export.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.write(path, path.name)
        path = archive
    frame, report = read_gdelt([path])
    assert (report.kept, report.malformed, report.problems) == (2, 0, [])
    assert list(frame["doc_id"]) == ["gdelt-600000001", "gdelt-600000002"]


@pytest.mark.parametrize(
    ("root", "base", "event", "event_type", "trigger"),
    [
        # what a spreadsheet leaves of the codes of roots 01-09, in any field or all of them
        ("8", "84", "841", "RETREAT", "CAMEO 0841"),
        ("08", "084", "841", "RETREAT", "CAMEO 0841"),  # only the event code stripped: type was CONCEDE
        ("8", "084", "0841", "RETREAT", "CAMEO 0841"),
        ("8", "81", "811", "CONCEDE", "CAMEO 0811"),
        ("8", "81", "813", "RETREAT", "CAMEO 0813"),
        ("8", "87", "87", "RETREAT", "CAMEO 087"),
        ("8", "80", "80", "CONCEDE", "CAMEO 080"),
        ("4", "42", "42", "CONSULT", "CAMEO 042"),
        ("2", "20", "20", "REQUEST", "CAMEO 020"),
        ("7", "73", "", "AID", "CAMEO 073"),  # no event code: the (padded) base code stands in
        ("9", "", "", "ACCUSE", "CAMEO 09"),
        (" 8 ", " 84 ", " 841 ", "RETREAT", "CAMEO 0841"),
        # roots 10-20 never start with a zero: left alone
        ("14", "141", "141", "PROTEST", "CAMEO 141"),
        ("10", "100", "100", "REQUEST", "CAMEO 100"),
        ("17", "173", "1731", "COERCE", "CAMEO 1731"),
        # already padded
        ("08", "084", "0841", "RETREAT", "CAMEO 0841"),
        # a garbled or foreign code falls back to the next, most specific, code of the root
        ("08", "084", "abc", "RETREAT", "CAMEO 084"),
        ("08", "084", "141", "RETREAT", "CAMEO 084"),
        ("08", "x", "", "CONCEDE", "CAMEO 08"),
        ("14", "141", "14101", "PROTEST", "CAMEO 141"),
    ],
)
def test_stripped_cameo_codes_are_padded_in_every_field(tmp_path, root, base, event, event_type, trigger):
    path = tmp_path / "x.export.CSV"
    path.write_text(gdelt_line(EventRootCode=root, EventBaseCode=base, EventCode=event) + "\n", "utf-8")
    frame, report = read_gdelt([path])
    assert report.problems == []
    assert (frame.loc[0, "event_type"], frame.loc[0, "trigger"]) == (event_type, trigger)
    assert f"{trigger}," in frame.loc[0, "sentence"]


def test_a_stripped_statement_code_is_still_dropped(tmp_path):
    path = tmp_path / "x.export.CSV"
    path.write_text(gdelt_line(EventRootCode="1", EventBaseCode="10", EventCode="10") + "\n", "utf-8")
    _, report = read_gdelt([path])
    assert (report.kept, report.dropped_statements, report.malformed) == (0, 1, 0)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"EventRootCode": "21"}, "EventRootCode is not a CAMEO root code: '21'"),
        ({"EventRootCode": ""}, "EventRootCode is not a CAMEO root code: ''"),
        ({"EventRootCode": "x8"}, "EventRootCode is not a CAMEO root code: 'x8'"),
        ({"GLOBALEVENTID": "\ufeff600000001"}, "GLOBALEVENTID is not a number: '\\ufeff600000001'"),
    ],
)
def test_bad_codes_are_malformed_rows(tmp_path, fields, problem):
    path = tmp_path / "x.export.CSV"
    bad = gdelt_line(**{"GLOBALEVENTID": "600000002", **fields})  # a BOM is dropped only before line 1
    path.write_text(gdelt_line() + "\n" + bad + "\n", "utf-8")
    frame, report = read_gdelt([path])
    assert (report.kept, report.malformed) == (1, 1)
    assert report.problems == [f"x.export.CSV:line 2: {problem}"]


# --------------------------------------------------------------------------- bounds


def test_an_enormous_line_in_a_zip_is_skipped_and_the_rest_read(tmp_path, monkeypatch):
    from tests.hostile_inputs import gdelt_zip_with_long_line

    monkeypatch.setenv("RELDASH_GDELT_MAX_LINE_BYTES", "4096")
    archive = gdelt_zip_with_long_line(
        tmp_path / "huge.zip", 3 * 1024 * 1024,  # three MiB, a piece at a time past a 4 KiB bound
        before=[gdelt_line(GLOBALEVENTID="600000001")], after=[gdelt_line(GLOBALEVENTID="600000002")],
    )  # fmt: skip
    frame, report = read_gdelt([archive])
    assert list(frame["doc_id"]) == ["gdelt-600000001", "gdelt-600000002"]
    assert (report.lines, report.kept, report.malformed, report.unreadable_files) == (3, 2, 1, 0)
    assert report.problems == [
        "huge.zip:20160713000000.export.CSV:line 2: longer than 4,096 bytes (RELDASH_GDELT_MAX_LINE_BYTES); skipped"
    ]


@pytest.mark.parametrize("extra", [0, 1, 2])
def test_the_line_bound_is_exact(tmp_path, monkeypatch, extra):
    monkeypatch.setenv("RELDASH_GDELT_MAX_LINE_BYTES", "1024")
    line = gdelt_line(SOURCEURL="https://e.org/")
    line = gdelt_line(SOURCEURL="https://e.org/" + "u" * (1024 - len(line) - 1 + extra))
    assert len(line) == 1023 + extra
    path = tmp_path / "x.export.CSV"
    path.write_text(line + "\n" + gdelt_line(GLOBALEVENTID="600000002"), "utf-8")  # the last line has no newline
    _, report = read_gdelt([path])
    assert (report.kept, report.malformed) == ((2, 0) if extra <= 1 else (1, 1))


def test_a_plain_csv_with_an_enormous_line(tmp_path, monkeypatch):
    monkeypatch.setenv("RELDASH_GDELT_MAX_LINE_BYTES", "2048")
    path = tmp_path / "x.export.CSV"
    path.write_text(gdelt_line() + "\n" + "x\t" * 100_000 + "\n" + gdelt_line(GLOBALEVENTID="600000002"), "utf-8")
    _, report = read_gdelt([path])
    assert (report.kept, report.malformed) == (2, 1)
    assert report.problems == ["x.export.CSV:line 2: longer than 2,048 bytes (RELDASH_GDELT_MAX_LINE_BYTES); skipped"]


def test_a_member_declaring_more_than_the_unpacked_bound_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("RELDASH_GDELT_MAX_UNPACKED_BYTES", "100000")
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.export.CSV", gdelt_line() + "\n")
        zf.writestr("zeros.export.CSV", b"0" * 100_001)  # compresses to a few hundred bytes
        zf.writestr("b.export.CSV", gdelt_line(GLOBALEVENTID="600000002") + "\n")
    frame, report = read_gdelt([archive])
    assert list(frame["doc_id"]) == ["gdelt-600000001", "gdelt-600000002"]
    assert report.unreadable_files == 1
    assert report.problems == [
        "bomb.zip:zeros.export.CSV: unpacks to 100,001 bytes, more than the 100,000 byte limit "
        "(RELDASH_GDELT_MAX_UNPACKED_BYTES); skipped"
    ]


# --------------------------------------------------------------------------- streaming many files


def _daily_copies(tmp_path: Path, days: int) -> list[Path]:
    """``days`` daily exports: the sample with event ids shifted per day (distinct events)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    files = []
    for day in range(days):
        shifted = []
        for line in lines:
            fields = line.split("\t")
            if fields[0].isdigit():
                fields[0] = str(int(fields[0]) + 1_000_000 * (day + 1))
            shifted.append("\t".join(fields))
        path = tmp_path / f"2024010{day}000000.export.CSV"
        path.write_text("\n".join(shifted) + "\n", encoding="utf-8")
        files.append(path)
    return files


@pytest.mark.parametrize("chunk_rows", [1, 4, 7, 1000])
def test_iter_gdelt_gives_the_rows_of_read_gdelt_in_bounded_chunks(tmp_path, chunk_rows):
    files = _daily_copies(tmp_path, 3)
    whole, whole_report = read_gdelt(files)
    report = GdeltReport()
    chunks = list(iter_gdelt(files, report, chunk_rows=chunk_rows))
    assert all(len(c) <= chunk_rows for c in chunks) and all(len(c) for c in chunks)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)
    assert report == whole_report and report.kept == len(whole) == 18


def test_importing_many_files_streams_them_in_one_transaction(tmp_path, monkeypatch):
    from extraction.store import Store

    files = _daily_copies(tmp_path, 3)
    store = Store(tmp_path / "s.duckdb")
    sizes = []
    report = GdeltReport()
    chunks = iter_gdelt(files, report, chunk_rows=5)
    result = store.import_relation_chunks(sizes.append(len(c)) or c for c in chunks)
    assert max(sizes) == 5 and result.inserted == 18 == store.stats()["gdelt_relations"]
    generation = store.generation()

    def broken():  # an error after some chunks: nothing of the import stays
        yield from iter_gdelt(files, GdeltReport(), chunk_rows=5)
        raise OSError("disk gone")

    with pytest.raises(OSError):
        store.import_relation_chunks(broken())
    assert store.generation() == generation and store.stats()["gdelt_relations"] == 18


def test_the_command_imports_a_month_of_daily_files(tmp_path, capsys):
    """`import-gdelt` on 30 daily exports (streamed, one transaction): every kept row of every file."""
    from extraction.cli.main import main
    from extraction.store import Store

    files = _daily_copies(tmp_path, 30)
    db = tmp_path / "s.duckdb"
    assert main(["import-gdelt", *map(str, files), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("420 lines in 30 files: 180 kept, ")
    assert out[-1] == f"180 rows imported (0 replaced rows already stored) -> {db}"
    assert Store(db).stats()["gdelt_relations"] == 180
