"""GDELT 2.0 event exports -> relation rows: extraction.sources.gdelt."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from extraction.schema import COLUMNS
from extraction.sources.gdelt import EXTRA_COLUMNS, N_COLUMNS, actor_codes, plover_type, read_gdelt

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
