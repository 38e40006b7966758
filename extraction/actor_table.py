"""The actor table: one row per actor code, read from ``<data dir>/actors/actors.csv``.

Columns (see ``data/actors/README.md``): ``code``, ``name``, ``short_name``, ``capital``,
``lat``, ``lon`` (the capital's WGS84 coordinates, degrees; empty: the actor is not drawn on
the map) and ``name_order`` (``family-first`` when people of that actor are written family
name first, as "Kim Jong Un"; ``given-first`` otherwise, the default).

Both the extractor (surnames) and the dashboard (names, order, map positions) read this one
table, so an actor added as data under ``RELDASH_DATA_DIR`` is named and placed everywhere.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

from .config import data_dir
from .errors import DataFileError

NAME_ORDERS: tuple[str, ...] = ("given-first", "family-first")
REQUIRED_COLUMNS: tuple[str, ...] = ("code", "name")


class ActorInfo(NamedTuple):
    """One actor: its code, names, capital and the way its people's names are ordered."""

    code: str  # e.g. "USA"
    name: str  # "United States"
    short_name: str  # "US"; the name when not given
    capital: str  # "" when not given
    lat: float | None  # degrees north; None: not on the map
    lon: float | None  # degrees east, -180..180
    family_name_first: bool


def actor_table_path(folder: str | Path | None = None) -> Path:
    return (Path(folder) if folder else data_dir() / "actors") / "actors.csv"


def _coordinate(value: str, low: float, high: float, where: str, column: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise DataFileError(f"{where}: {column} {value!r} is not a number") from exc
    if not low <= number <= high:
        raise DataFileError(f"{where}: {column} {number} is outside {low:g}..{high:g}")
    return number


def load_actor_table(folder: str | Path | None = None) -> tuple[ActorInfo, ...]:
    """Actors in file order.

    Raises :class:`~extraction.errors.DataFileError` naming the file and line of a missing
    column, an empty or repeated code, a bad coordinate or an unknown ``name_order``.
    """
    path = actor_table_path(folder)
    if not path.exists():
        raise DataFileError(f"missing data file {path}")
    out: list[ActorInfo] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path}: missing columns {', '.join(missing)}")
        for n, row in enumerate(reader, start=2):
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            where = f"{path}:{n}"
            code = (row.get("code") or "").strip()
            name = (row.get("name") or "").strip()
            if not code or not name:
                raise DataFileError(f"{where}: code and name are required")
            if code in seen:
                raise DataFileError(f"{where}: actor {code!r} is listed twice")
            seen.add(code)
            order = (row.get("name_order") or "").strip().lower() or NAME_ORDERS[0]
            if order not in NAME_ORDERS:
                raise DataFileError(f"{where}: name_order must be one of {', '.join(NAME_ORDERS)}, not {order!r}")
            out.append(
                ActorInfo(
                    code,
                    name,
                    (row.get("short_name") or "").strip() or name,
                    (row.get("capital") or "").strip(),
                    _coordinate(row.get("lat", ""), -90, 90, where, "lat"),
                    _coordinate(row.get("lon", ""), -180, 180, where, "lon"),
                    order == "family-first",
                )
            )
    return tuple(out)
