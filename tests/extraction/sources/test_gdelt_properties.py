"""Property tests (Hypothesis) over GDELT rows: whatever the lines hold, reading them raises nothing,
every line is counted once (kept, dropped or malformed), and every kept row's offsets stay inside its
sentence. Rows are built from the published schema (the codebook's 61 columns)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extraction.sources.gdelt import read_gdelt
from tests.extraction.sources.test_gdelt import CODEBOOK_COLUMNS, gdelt_line

ACTORS = frozenset({"USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"})
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

field_text = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789 .-+eE", max_size=10),
    st.sampled_from(["", "USA", "JPN", "CHN", "GBR", "08", "8", "84", "841", "0841", "1", "01", "010", "20",
                     "21", "999", "-10", "10.5", "nan", "inf", "20160712", "20161345", "\ufeff", "\t", "\r"]),
)  # fmt: skip
overrides = st.dictionaries(st.sampled_from(CODEBOOK_COLUMNS), field_text, max_size=8)
lines = st.one_of(
    overrides.map(lambda values: gdelt_line(**values)),
    st.text(max_size=80),
    st.lists(field_text, min_size=55, max_size=63).map("\t".join),
)


@PROPERTY_SETTINGS
@given(
    st.lists(lines, max_size=8),
    st.sampled_from([b"", b"\xef\xbb\xbf"]),
    st.sampled_from([b"\n", b"\r\n"]),
    st.booleans(),
)
@example([gdelt_line(EventRootCode="8", EventBaseCode="84", EventCode="841")], b"\xef\xbb\xbf", b"\n", True)
@example([gdelt_line(EventCode="abc"), gdelt_line(GLOBALEVENTID="2", EventCode="141", EventBaseCode="")], b"", b"\n", False)
def test_gdelt_lines(rows: list[str], bom: bytes, newline: bytes, zipped: bool) -> None:
    data = bom + newline.join(r.encode("utf-8", "surrogatepass") for r in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.export.CSV"
        path.write_bytes(data)
        if zipped:
            archive = Path(folder) / "x.zip"
            with zipfile.ZipFile(archive, "w") as zf:
                zf.write(path, path.name)
            path = archive
        frame, report = read_gdelt([path], actors=ACTORS)
    assert report.unreadable_files == 0
    assert report.lines == report.kept + report.dropped + report.malformed
    assert report.kept == len(frame)
    assert len(report.problems) == report.malformed
    for row in frame.itertuples(index=False):
        assert (row.sentence_id, row.sentence_start, row.sentence_end) == (0, 0, len(row.sentence))
        assert row.source in ACTORS and row.target in ACTORS and row.source != row.target
        assert row.trigger.startswith("CAMEO ") and row.trigger[6:8] in {f"{n:02d}" for n in range(2, 21)}
        assert -10 <= row.intensity <= 10
