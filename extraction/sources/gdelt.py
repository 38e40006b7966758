"""GDELT 2.0 event exports -> rows of the relation table (``origin = 'gdelt'``).

A GDELT 2.0 events export is tab-separated, without a header, 61 columns per
line (files ``YYYYMMDDHHMMSS.export.CSV``, usually zipped), named in
:data:`SCHEMA` as in the GDELT 2.0 Event Database codebook. The columns used:
GLOBALEVENTID, SQLDATE, Actor1Name, Actor1CountryCode, Actor2Name,
Actor2CountryCode, EventCode, EventBaseCode, EventRootCode, GoldsteinScale,
NumMentions, NumSources, NumArticles, DATEADDED, SOURCEURL.

Rows are kept when Actor1CountryCode and Actor2CountryCode (CAMEO country codes,
not the FIPS ``*Geo_CountryCode`` fields) are both actors of the actor table
(:func:`extraction.actor_table.load_actor_table`, ``data/actors/actors.csv``) and
differ. CAMEO root codes map to PLOVER types; root 01 ("make public statement")
has none and is dropped (and counted).
Malformed lines are counted and reported with their line numbers, never fatal.

Files that went through other tools are read as GDELT meant them: a UTF-8
byte-order mark before the first line is dropped, and CAMEO event codes whose
leading zeros a spreadsheet stripped (``84`` for root ``08``, ``841`` for
``0841``) are padded again, in every code field (:func:`normalise_cameo_codes`).

Bounded: a line longer than ``RELDASH_GDELT_MAX_LINE_BYTES`` (default 64 KiB; real
lines are under 2 KiB) is skipped as malformed without being held in memory, so a
member that is one enormous line is read past a MiB at a time, never held whole. A zip
member is skipped, with a problem naming it, when it declares more than
``RELDASH_GDELT_MAX_UNPACKED_BYTES`` (default 2 GiB) unpacked (zipfile never
unpacks more than a member declares).

Entry points: :func:`read_gdelt` (every row at once), :func:`iter_gdelt` (a chunk at a time).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extraction import config
from extraction.actor_table import load_actor_table
from extraction.errors import DataFileError
from extraction.schema import COLUMNS, EVENT_TYPES, EventMention
from extraction.table import coerce_types

#: The 61 columns of a GDELT 2.0 event record, in order (GDELT 2.0 Event Database codebook).
SCHEMA: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
N_COLUMNS = len(SCHEMA)
(
    GLOBALEVENTID,
    SQLDATE,
    ACTOR1NAME,
    ACTOR1COUNTRY,
    ACTOR2NAME,
    ACTOR2COUNTRY,
    EVENTCODE,
    EVENTBASECODE,
    EVENTROOTCODE,
    GOLDSTEIN,
    NUMMENTIONS,
    NUMSOURCES,
    NUMARTICLES,
    DATEADDED,
    SOURCEURL,
) = (
    SCHEMA.index(name)
    for name in (
        "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
        "EventCode", "EventBaseCode", "EventRootCode", "GoldsteinScale", "NumMentions", "NumSources",
        "NumArticles", "DATEADDED", "SOURCEURL",
    )
)  # fmt: skip
#: The CAMEO event code fields: root (2 digits), base (3), event (3, or 4 for a sub-code).
CAMEO_CODE_FIELDS: tuple[int, ...] = (EVENTROOTCODE, EVENTBASECODE, EVENTCODE)

#: CAMEO root code -> (PLOVER type, CAMEO root name). Root 01 has no PLOVER type.
CAMEO_ROOTS: dict[str, tuple[str | None, str]] = {
    "01": (None, "make public statement"),
    "02": ("REQUEST", "appeal"),
    "03": ("AGREE", "express intent to cooperate"),
    "04": ("CONSULT", "consult"),
    "05": ("SUPPORT", "engage in diplomatic cooperation"),
    "06": ("COOPERATE", "engage in material cooperation"),
    "07": ("AID", "provide aid"),
    "08": ("CONCEDE", "yield"),
    "09": ("ACCUSE", "investigate"),
    "10": ("REQUEST", "demand"),
    "11": ("ACCUSE", "disapprove"),
    "12": ("REJECT", "reject"),
    "13": ("THREATEN", "threaten"),
    "14": ("PROTEST", "protest"),
    "15": ("MOBILIZE", "exhibit force posture"),
    "16": ("SANCTION", "reduce relations"),
    "17": ("COERCE", "coerce"),
    "18": ("ASSAULT", "assault"),
    "19": ("ASSAULT", "fight"),
    "20": ("ASSAULT", "use unconventional mass violence"),
}
#: CAMEO "yield" codes carried out (release, ease sanctions, allow access, de-escalate,
#: ease curfew/emergency) are PLOVER RETREAT; the rest of root 08 is CONCEDE
#: (CAMEO2PLOVER-2021).
RETREAT_PREFIXES: tuple[str, ...] = ("084", "085", "086", "087", "0813", "0814")

#: Extra columns of GDELT rows, after :data:`COLUMNS` (also in the store).
EXTRA_COLUMNS: tuple[str, ...] = ("origin", "gdelt_num_mentions", "gdelt_num_articles")
MAX_LISTED_PROBLEMS = 200


@dataclass
class GdeltReport:
    """What :func:`read_gdelt` did with each line."""

    files: int = 0
    lines: int = 0
    kept: int = 0
    dropped_actors: int = 0  # an actor country code not among the actors, or both the same
    dropped_statements: int = 0  # CAMEO root 01: no PLOVER type
    duplicates: int = 0  # GLOBALEVENTID seen before
    malformed: int = 0
    problems: list[str] = field(default_factory=list)  # "file:line N: reason" (first 200) and file errors
    unreadable_files: int = 0

    @property
    def dropped(self) -> int:
        return self.dropped_actors + self.dropped_statements + self.duplicates

    def summary(self) -> str:
        return (
            f"{self.lines} lines in {self.files} files: {self.kept} kept, {self.dropped} dropped "
            f"({self.dropped_actors} other actors, {self.dropped_statements} CAMEO 01 statements, "
            f"{self.duplicates} duplicate events), {self.malformed} malformed"
            + (f", {self.unreadable_files} files unreadable" if self.unreadable_files else "")
        )

    def _problem(self, msg: str) -> None:
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(msg)


def actor_codes(folder: str | Path | None = None) -> frozenset[str]:
    """The actor codes of the actor table (``<folder>/actors.csv``, default ``data/actors/actors.csv``)."""
    codes = frozenset(actor.code for actor in load_actor_table(folder))
    if not codes:
        raise DataFileError("no actor codes in the actor table" + (f" under {folder}" if folder else ""))
    return codes


def plover_type(event_code: str, root_code: str) -> str | None:
    """PLOVER type of a CAMEO event (None for root 01 and unknown roots)."""
    if root_code == "08" and event_code.startswith(RETREAT_PREFIXES):
        return "RETREAT"
    entry = CAMEO_ROOTS.get(root_code)
    return entry[0] if entry else None


def normalise_cameo_codes(fields: list[str]) -> None:
    """Pad, in place, CAMEO codes whose leading zero a spreadsheet stripped, in every code field.

    EventRootCode has two digits ("8" -> "08"), EventBaseCode three ("84" -> "084"), EventCode
    three or four ("84" -> "084", "841" -> "0841"): a base or event code is padded when a zero in
    front makes it start with its (padded) root code, the only way a code of roots 01-09 can lose
    its zero. Codes of roots 10-20 never start with a zero and are left alone; so are codes that
    are not digits (the row is then judged as it is).
    """
    root = fields[EVENTROOTCODE].strip()
    if root.isdigit() and len(root) < 2:
        root = root.zfill(2)
    fields[EVENTROOTCODE] = root
    for index in CAMEO_CODE_FIELDS[1:]:
        code = fields[index].strip()
        if code.isdigit() and root.startswith("0") and not code.startswith(root) and ("0" + code).startswith(root):
            code = "0" + code  # CAMEO codes have at most one leading zero
        fields[index] = code


def _code_of_root(code: str, root: str) -> bool:
    """True for a CAMEO event or base code (3 or 4 digits) under the root code ``root``."""
    return code.isdigit() and 3 <= len(code) <= 4 and code.startswith(root)


def _iter_lines(path: Path, report: GdeltReport) -> Iterator[tuple[str, int, str | None]]:
    """(label, line number, line) of a .CSV file or of the CSV members of a .zip; the line is None
    when it is longer than the line bound (it is skipped, never held in memory whole)."""
    max_line = config.gdelt_max_line_bytes()
    max_unpacked = config.gdelt_max_unpacked_bytes()
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                members = [m for m in zf.infolist() if not m.is_dir()]
                if not members:
                    raise OSError("the zip archive is empty")
                for member in members:
                    label = f"{path.name}:{member.filename}"
                    if member.file_size > max_unpacked:
                        report.unreadable_files += 1
                        report._problem(
                            f"{label}: unpacks to {member.file_size:,} bytes, more than the "
                            f"{max_unpacked:,} byte limit (RELDASH_GDELT_MAX_UNPACKED_BYTES); skipped"
                        )
                        continue
                    # zipfile stops at the declared size (and checks the CRC), so this bounds what is unpacked
                    with zf.open(member) as raw:
                        yield from _bounded_lines(raw, label, max_line)
        else:
            with open(path, "rb") as fh:
                yield from _bounded_lines(fh, path.name, max_line)
    except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        report.unreadable_files += 1
        report._problem(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})")


def _bounded_lines(raw: io.BufferedIOBase, label: str, max_line: int) -> Iterator[tuple[str, int, str | None]]:
    """Lines of a binary stream, decoded as UTF-8 (a BOM before the first dropped); a line longer
    than ``max_line`` bytes is read past a piece at a time and given as None."""
    n = 0
    while True:
        piece = raw.readline(max_line + 1)
        if not piece:
            return
        n += 1
        if len(piece) > max_line and not piece.endswith(b"\n"):
            while piece and not piece.endswith(b"\n"):
                piece = raw.readline(1 << 20)  # the rest of the over-long line, a MiB at a time
            yield label, n, None
            continue
        line = piece.decode("utf-8", errors="replace")
        if n == 1:
            line = line.lstrip("\ufeff")
        yield label, n, line


def _date(value: str) -> str:
    return dt.datetime.strptime(value[:8], "%Y%m%d").date().isoformat() if len(value) >= 8 else ""


def _number(value: str, name: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name} is not a number: {value[:20]!r}") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} is not a number: {value[:20]!r}")
    return number


def _count(value: str, name: str) -> int:
    if not value.strip():
        return 0
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} is not an integer: {value[:20]!r}") from None


def _row(fields: list[str], actors: frozenset[str], report: GdeltReport) -> dict | None:
    """A relation row for one well-formed line, None when dropped; ValueError when malformed."""
    event_id = fields[GLOBALEVENTID].strip()
    if not event_id.isdigit():
        raise ValueError(f"GLOBALEVENTID is not a number: {event_id[:20]!r}")
    sqldate = fields[SQLDATE].strip()
    if not (len(sqldate) == 8 and sqldate.isdigit()):
        raise ValueError(f"SQLDATE is not YYYYMMDD: {sqldate[:20]!r}")
    try:
        event_date = _date(sqldate)
    except ValueError:
        raise ValueError(f"SQLDATE is not a valid date: {sqldate!r}") from None
    normalise_cameo_codes(fields)
    root = fields[EVENTROOTCODE]
    if root not in CAMEO_ROOTS:
        raise ValueError(f"EventRootCode is not a CAMEO root code: {root[:20]!r}")
    goldstein = _number(fields[GOLDSTEIN].strip(), "GoldsteinScale")
    if not -10.0 <= goldstein <= 10.0:
        raise ValueError(f"GoldsteinScale {goldstein} is outside -10..10")
    mentions = _count(fields[NUMMENTIONS].strip(), "NumMentions")
    sources = _count(fields[NUMSOURCES].strip(), "NumSources")
    articles = _count(fields[NUMARTICLES].strip(), "NumArticles")

    source, target = fields[ACTOR1COUNTRY].strip(), fields[ACTOR2COUNTRY].strip()
    if source not in actors or target not in actors or source == target:
        report.dropped_actors += 1
        return None
    # the most specific code that is a CAMEO code of this root (a garbled one falls back to the next)
    event_code = next((c for c in (fields[EVENTCODE], fields[EVENTBASECODE]) if _code_of_root(c, root)), root)
    event_type = plover_type(event_code, root)
    if event_type is None:
        report.dropped_statements += 1
        return None
    try:
        doc_date = _date(fields[DATEADDED].strip())
    except ValueError:
        doc_date = ""
    source_text = fields[ACTOR1NAME].strip() or source
    target_text = fields[ACTOR2NAME].strip() or target
    root_name = CAMEO_ROOTS[root][1]
    sentence = (
        f"{source_text.title()} ({source}) → {target_text.title()} ({target}): {root_name}, "
        f"CAMEO {event_code}, reported in {articles} article{'s' if articles != 1 else ''} "
        f"from {sources} source{'s' if sources != 1 else ''} (GDELT event {event_id})."
    )
    url = fields[SOURCEURL].strip()
    mention = EventMention(
        doc_id=f"gdelt-{event_id}",
        doc_title=f"GDELT event {event_id}",
        doc_date=doc_date or event_date,
        doc_url=url,
        sentence_id=0,
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        source=source,
        source_text=source_text,
        target=target,
        target_text=target_text,
        event_type=event_type,
        quad_class=EVENT_TYPES[event_type][0],
        intensity=goldstein,
        trigger=f"CAMEO {event_code}",
        event_date=event_date,
        date_precision="day",
        negated=False,
        modality="asserted",
        confidence=1.0,
    )
    return {**mention._asdict(), "origin": "gdelt", "gdelt_num_mentions": mentions, "gdelt_num_articles": articles}


def read_gdelt(
    paths: Iterable[str | Path], *, actors: Iterable[str] | None = None
) -> tuple[pd.DataFrame, GdeltReport]:
    """Relation rows (``COLUMNS`` + :data:`EXTRA_COLUMNS`) of GDELT 2.0 event exports, and a report.

    ``paths`` are ``.CSV`` exports or ``.zip`` archives holding them. A missing or
    unreadable file is reported (``report.unreadable_files``), not raised. Holds every
    kept row; :func:`iter_gdelt` reads them a chunk at a time.
    """
    report = GdeltReport()
    chunks = list(iter_gdelt(paths, report, actors=actors, chunk_rows=None))
    frame = chunks[0] if chunks else _frame([])
    return frame, report


#: Rows per chunk of :func:`iter_gdelt`.
CHUNK_ROWS = 100_000


def iter_gdelt(
    paths: Iterable[str | Path],
    report: GdeltReport,
    *,
    actors: Iterable[str] | None = None,
    chunk_rows: int | None = CHUNK_ROWS,
) -> Iterator[pd.DataFrame]:
    """The kept rows of GDELT exports as frames of at most ``chunk_rows`` rows (None: one frame),
    read a line at a time: a year of daily exports never sits in memory. ``report`` counts as
    it goes (it is complete once the iterator is). An event id seen earlier in the same run
    is a duplicate; the ids are kept as integers (a few bytes an event, not its row).
    """
    codes = frozenset(actors) if actors is not None else actor_codes()
    rows: list[dict] = []
    seen: set[int] = set()
    for raw in paths:
        path = Path(raw)
        report.files += 1
        if not path.is_file():
            report.unreadable_files += 1
            report._problem(f"{path}: no such file")
            continue
        for label, n, line in _iter_lines(path, report):
            if line is None:
                report.lines += 1
                report.malformed += 1
                report._problem(
                    f"{label}:line {n}: longer than {config.gdelt_max_line_bytes():,} bytes "
                    "(RELDASH_GDELT_MAX_LINE_BYTES); skipped"
                )
                continue
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            report.lines += 1
            fields = line.split("\t")
            if len(fields) != N_COLUMNS:
                report.malformed += 1
                hint = " (a GDELT 1.0 file?)" if len(fields) in (57, 58) else ""
                report._problem(f"{label}:line {n}: {len(fields)} columns, expected {N_COLUMNS}{hint}")
                continue
            try:
                row = _row(fields, codes, report)
            except ValueError as exc:
                report.malformed += 1
                report._problem(f"{label}:line {n}: {exc}")
                continue
            if row is None:
                continue
            event = int(row["doc_id"].removeprefix("gdelt-"))
            if event in seen:
                report.duplicates += 1
                continue
            seen.add(event)
            rows.append(row)
            report.kept += 1
            if chunk_rows is not None and len(rows) >= chunk_rows:
                yield _frame(rows)
                rows = []
    if rows or chunk_rows is None:
        yield _frame(rows)


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS) + list(EXTRA_COLUMNS))
    frame = coerce_types(frame)
    frame["origin"] = frame["origin"].fillna("gdelt").astype(str)
    for col in ("gdelt_num_mentions", "gdelt_num_articles"):
        frame[col] = pd.to_numeric(frame[col]).astype("Int64")
    return frame
