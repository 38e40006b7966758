"""Relation records -> DataFrame, and reading/writing relation tables.

The one place where relation records become a DataFrame; column order comes
from :data:`extraction.schema.COLUMNS`.

CSV files are written for spreadsheets as well as for pandas (:func:`csv_bytes`,
:func:`write_table`): UTF-8 with a byte-order mark (so that Excel shows "→" and
"日韓" rather than mojibake; pandas and :func:`read_table` skip the mark), and
every text cell that a spreadsheet would run as a formula is neutralised as
OWASP advises against CSV injection: a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (also after leading whitespace, and the
full-width ＝ ＋ － ＠) gets an apostrophe in front, so that
``=HYPERLINK(...)`` is shown as text and never evaluated. Numbers stay numbers:
numeric columns are written as they are, and a text cell that is a plain number
("-3", "+1.5") is left alone. The neutralisation is reversible, and
:func:`read_table` reverses it, so a table written and read again is exactly the
table written (a sentence still equals the slice of its document between its
offsets). A CSV opened with plain ``pandas.read_csv`` shows the apostrophes.
Parquet files are not for spreadsheets and are written unchanged.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from .errors import DataFileError, OutputError
from .schema import COLUMNS, EventMention

#: What a spreadsheet takes for the start of a formula (OWASP "CSV Injection"), with the full-width
#: forms that some spreadsheets accept too; leading whitespace and apostrophes are looked through.
FORMULA_START = re.compile(r"'*(?:\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r])")
#: A cell that is a plain decimal number is no formula, whatever its sign.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: What goes in front of a cell that would start a formula.
NEUTRALISING_PREFIX = "'"
#: CSV files are UTF-8 with a byte-order mark, for Excel.
CSV_ENCODING = "utf-8-sig"

_INT_COLUMNS = ("sentence_id", "sentence_start", "sentence_end")
_FLOAT_COLUMNS = ("intensity", "confidence")
_BOOL_COLUMNS = ("negated",)


def to_frame(relations: Iterable[EventMention]) -> pd.DataFrame:
    """Build the relation DataFrame (columns in :data:`COLUMNS` order)."""
    frame = pd.DataFrame.from_records(list(relations), columns=list(COLUMNS))
    return coerce_types(frame)


def coerce_types(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a relation table its canonical dtypes; extra columns are kept at the end."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataFileError(f"relation table lacks columns: {', '.join(missing)}")
    frame = frame.copy(deep=False)  # copy-on-write: replacing columns below leaves the caller's frame alone
    for col in _INT_COLUMNS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").fillna(-1).astype("int64")
    for col in _FLOAT_COLUMNS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    for col in _BOOL_COLUMNS:
        values = frame[col]
        if values.dtype == bool:
            continue
        if values.dtype == object or str(values.dtype).startswith(("string", "str")):
            frame[col] = values.fillna("").astype(str).str.strip().str.lower().isin(_TRUE_STRINGS)
        else:
            frame[col] = values.map(_to_bool).astype("bool")
    text_cols = [c for c in COLUMNS if c not in _INT_COLUMNS + _FLOAT_COLUMNS + _BOOL_COLUMNS]
    for col in text_cols:
        frame[col] = frame[col].fillna("").astype(str)
    extra = [c for c in frame.columns if c not in COLUMNS]
    return frame[list(COLUMNS) + extra]


_TRUE_STRINGS = frozenset({"true", "1", "yes", "y", "t"})


def _to_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in _TRUE_STRINGS
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return False
    return bool(value)


def _starts_formula(value: str) -> bool:
    return FORMULA_START.match(value) is not None and _PLAIN_NUMBER.fullmatch(value) is None


def neutralise_cell(value: object) -> object:
    """A text cell as written to CSV: ``NEUTRALISING_PREFIX`` + value when a spreadsheet would read
    it as a formula, else unchanged; non-text values are returned as they are.

    Reversible (see :func:`restore_cell`): a value that already begins with the prefix followed by a
    formula start is itself prefixed again.
    """
    if isinstance(value, str) and _starts_formula(value):
        return NEUTRALISING_PREFIX + value
    return value


def restore_cell(value: object) -> object:
    """The inverse of :func:`neutralise_cell`: ``restore_cell(neutralise_cell(v)) == v`` for every v."""
    if isinstance(value, str) and value.startswith(NEUTRALISING_PREFIX) and _starts_formula(value[1:]):
        return value[1:]
    return value


def _map_text(frame: pd.DataFrame, func) -> pd.DataFrame:
    """``frame`` with ``func`` applied to every text cell and column name; numeric columns untouched."""
    out = frame.copy(deep=False)
    for i in range(frame.shape[1]):
        values = frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
            continue
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            continue
        mapped = values.astype(object).map(func)
        out.isetitem(i, mapped if isinstance(values.dtype, pd.CategoricalDtype) else mapped.astype(values.dtype))
    out.columns = [func(c) for c in frame.columns]
    return out


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name neutralised (:func:`neutralise_cell`)."""
    return _map_text(frame, neutralise_cell)


def spreadsheet_restored(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`spreadsheet_safe`, for a frame read from one of our CSV files."""
    return _map_text(frame, restore_cell)


def write_csv(frame: pd.DataFrame, target: str | os.PathLike[str] | io.BytesIO) -> None:
    """``frame`` as a spreadsheet-safe CSV file: UTF-8 with a BOM, a header row, no index, CRLF line
    ends, formulas neutralised (see the module docstring)."""
    # CRLF (RFC 4180): the csv module then quotes every cell holding a \r or \n; with a bare "\n"
    # line end a lone carriage return is left unquoted, and splits the row when the file is read.
    spreadsheet_safe(frame).to_csv(target, index=False, encoding=CSV_ENCODING, lineterminator="\r\n")


def write_csv_part(frame: pd.DataFrame, handle: io.IOBase, *, header: bool) -> None:
    """Append ``frame`` to a binary CSV file being written in parts (a streamed download): the
    first part (``header=True``) starts with the byte-order mark and the header row; the parts
    together are the file :func:`write_csv` writes for all their rows."""
    spreadsheet_safe(frame).to_csv(
        handle, index=False, header=header, encoding=CSV_ENCODING if header else "utf-8", lineterminator="\r\n"
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The bytes of :func:`write_csv` (dashboard downloads)."""
    buf = io.BytesIO()
    write_csv(frame, buf)
    return buf.getvalue()


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a relation table from CSV or Parquet, or a Parquet dataset (a folder of ``.parquet``
    files, hive partitions such as ``month=2024-05/`` included: the partition column is not
    part of the table).

    A CSV may start with a byte-order mark; cells neutralised against formulas by
    :func:`write_table` are restored (:func:`restore_cell`).
    """
    path = Path(path)
    if not path.exists():
        raise DataFileError(f"relation table not found: {path}")
    try:
        if path.is_dir():
            frame = _read_dataset(path)
        elif path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        else:
            # utf-8-sig: a table saved by a spreadsheet program may start with a BOM
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=CSV_ENCODING)
            frame = spreadsheet_restored(frame)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read relation table {path}: {exc}") from exc
    return coerce_types(frame)


def _read_dataset(folder: Path) -> pd.DataFrame:
    """Every row of the ``.parquet`` files under ``folder`` (sorted by path; hidden files left out)."""
    files = sorted(
        p
        for p in folder.rglob("*.parquet")
        if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts)
    )
    if not files:
        raise ValueError(f"no Parquet files in the folder {folder}")
    frames = [pd.read_parquet(p) for p in files]
    frame = pd.concat(frames, ignore_index=True)
    return frame.drop(columns=[c for c in ("month",) if c in frame.columns])


def output_format(path: str | os.PathLike[str]) -> str:
    """".csv" or ".parquet" from the file name; :class:`OutputError` for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".parquet"}:
        raise OutputError(f"unknown output format {suffix or '(none)'!r} for {path}: use .csv or .parquet")
    return suffix


def write_table(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write CSV (:func:`write_csv`: BOM, formulas neutralised) or Parquet (by extension)
    atomically: temp file, then rename.

    On any failure (including Ctrl-C) the temp file is removed and a previous file at
    ``path`` is left as it was. A replaced file keeps its permissions.
    """
    path = Path(path)
    suffix = output_format(path)
    if suffix == ".parquet":
        return atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))
    return atomic_write(path, lambda tmp: write_csv(frame, tmp))


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write a UTF-8 text file atomically (see :func:`atomic_write`)."""
    return atomic_write(Path(path), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def atomic_write(path: Path, write: Callable[[str], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, sync it, then rename it over ``path``.

    Raises :class:`~extraction.errors.OutputError` when the file cannot be written; on any failure
    (including Ctrl-C) the temporary file is removed and a previous file at ``path`` is left as it was.
    """
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}") from exc
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:  # on disk before the rename
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, Exception):
            raise OutputError(f"cannot write {path}: {exc}") from exc
        raise
    return path


def _mode_for(path: Path) -> int:
    """Permissions of the file being replaced, else the usual ones for a new file (umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
