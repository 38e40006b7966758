"""Relation records -> DataFrame, and reading/writing relation tables.

The one place where relation records become a DataFrame; column order comes
from :data:`extraction.schema.COLUMNS`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from .errors import DataFileError, OutputError
from .schema import COLUMNS, EventMention

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


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a relation table from CSV or Parquet."""
    path = Path(path)
    if not path.exists():
        raise DataFileError(f"relation table not found: {path}")
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        else:
            # utf-8-sig: a table saved by a spreadsheet program may start with a BOM
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read relation table {path}: {exc}") from exc
    return coerce_types(frame)


def output_format(path: str | os.PathLike[str]) -> str:
    """".csv" or ".parquet" from the file name; :class:`OutputError` for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".parquet"}:
        raise OutputError(f"unknown output format {suffix or '(none)'!r} for {path}: use .csv or .parquet")
    return suffix


def write_table(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write CSV or Parquet (by extension) atomically: temp file, then rename.

    On any failure (including Ctrl-C) the temp file is removed and a previous file at
    ``path`` is left as it was. A replaced file keeps its permissions.
    """
    path = Path(path)
    suffix = output_format(path)
    if suffix == ".parquet":
        return atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))
    return atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))


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
