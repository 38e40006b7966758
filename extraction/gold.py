"""Reviews as gold: the fully reviewed articles of a store, written in ``data/gold``'s format.

An article is fully reviewed when every relation extracted from it has a verdict (or,
when none was extracted, a reviewer added one): then its reviewed relations (confirmed,
fixed, added; not rejected) are what the article states, and they can score an
extraction. Each becomes one gold CSV, ``<doc_id>.csv``, with the columns of
:data:`~extraction.evaluate.GOLD_COLUMNS`:

* one ``core`` row per distinct reviewed relation (source, target, type, negation, date),
  ``symmetric`` ``false`` (both directions of a meeting are two rows when both were
  confirmed);
* ``event_date`` at the relation's date precision (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``;
  a publication-date fallback as ``YYYY-MM-DD``);
* ``evidence``: the sentence (empty for a relation added without one).

An article whose relations were all rejected gets a file with the header only: it states
no relation, so everything extracted from it is a false positive.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .errors import OutputError
from .evaluate import GOLD_COLUMNS

if TYPE_CHECKING:
    from .store import Store

#: Cells starting with these are read as formulas by spreadsheet programs: prefixed with ' .
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")
_DATE_LENGTH = {"year": 4, "month": 7}


def gold_tables(store: Store) -> dict[str, pd.DataFrame]:
    """doc_id -> gold rows (:data:`GOLD_COLUMNS`) for every fully reviewed article of ``store``."""
    progress = store.review_progress()
    done = progress.loc[progress["fully_reviewed"], "doc_id"].tolist()
    if not done:
        return {}
    rows = store.relations(doc_ids=done, origin="text")
    return {doc_id: gold_rows(rows[rows["doc_id"] == doc_id]) for doc_id in done}


def gold_rows(relations: pd.DataFrame) -> pd.DataFrame:
    """Gold rows of reviewed relation rows (of one article), one per distinct relation."""
    if relations.empty:
        return pd.DataFrame(columns=list(GOLD_COLUMNS))
    dates = [
        date[: _DATE_LENGTH.get(precision, 10)] if date else ""
        for date, precision in zip(relations["event_date"], relations["date_precision"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "doc_id": relations["doc_id"].to_numpy(),
            "source": relations["source"].to_numpy(),
            "target": relations["target"].to_numpy(),
            "event_types": relations["event_type"].to_numpy(),
            "symmetric": "false",
            "status": "core",
            "event_date": dates,
            "negated": ["true" if n else "false" for n in relations["negated"]],
            "evidence": [_neutral(s) for s in relations["sentence"]],
        }
    )
    key = ["source", "target", "event_types", "negated", "event_date"]
    return frame.drop_duplicates(key).reset_index(drop=True)[list(GOLD_COLUMNS)]


def _neutral(text: str) -> str:
    """A cell a spreadsheet program will not run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def gold_file_name(doc_id: str) -> str:
    """``<doc_id>.csv`` when the doc_id is a plain file name; otherwise a slug and a short hash."""
    if _SAFE_NAME.fullmatch(doc_id) and doc_id not in (".", ".."):
        return f"{doc_id}.csv"
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id).strip("-.")[:60] or "doc"
    return f"{slug}-{hashlib.sha256(doc_id.encode('utf-8')).hexdigest()[:10]}.csv"


def write_gold(tables: dict[str, pd.DataFrame], folder: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """Write one gold CSV per article into ``folder`` (created when missing); returns the paths.

    Each file is written atomically (temporary file, then rename). Files already there
    are replaced only with ``force``; otherwise :class:`OutputError` names them and
    nothing is written.
    """
    folder = Path(folder)
    names = {doc_id: gold_file_name(doc_id) for doc_id in tables}
    taken: dict[str, str] = {}
    for doc_id, name in names.items():
        if name.casefold() in taken:  # two doc_ids that differ only in case, on a case-blind file system
            names[doc_id] = name[:-4] + "-" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:10] + ".csv"
        taken[names[doc_id].casefold()] = doc_id
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write gold files into {folder}: not a folder")
    existing = [folder / n for n in names.values() if (folder / n).exists()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:3]) + (
            f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        )
        raise OutputError(f"gold files already exist: {shown} (use --force to replace them)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {folder}: {exc.strerror or exc}") from exc
    written = []
    for doc_id, frame in tables.items():
        written.append(_write_csv(frame, folder / names[doc_id]))
    return written


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(GOLD_COLUMNS)
    writer.writerows(frame[list(GOLD_COLUMNS)].itertuples(index=False))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(buffer.getvalue())
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _new_file_mode())  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return path
