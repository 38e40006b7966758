"""The actors the dashboard knows: names, order and map positions, all from the one actor table
(``<data dir>/actors/actors.csv``, read by :func:`extraction.actor_table.load_actor_table` in
:mod:`components.data_source`). Pure, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from extraction.actor_table import ActorInfo

#: Columns of :attr:`Actors.locations`.
LOCATION_COLUMNS: tuple[str, ...] = ("code", "name", "capital", "lat", "lon")


@dataclass(frozen=True)
class Actors:
    """The actor table as the views use it."""

    order: tuple[str, ...] = ()  # every actor code, in the table's order (lists, network circle)
    names: Mapping[str, str] = field(default_factory=dict)  # code -> display name, for every actor
    locations: pd.DataFrame = field(  # the actors with coordinates: LOCATION_COLUMNS
        default_factory=lambda: pd.DataFrame({c: pd.Series(dtype="object") for c in LOCATION_COLUMNS})
    )

    def label(self, code: str) -> str:
        """``"USA · United States"``; the bare code for an actor the table does not name."""
        return f"{code} · {self.names[code]}" if code in self.names else code


def actors_from_table(table: Iterable[ActorInfo]) -> Actors:
    """:class:`Actors` of the rows of the actor table (in file order)."""
    rows = list(table)
    located = [
        (a.code, a.name, a.capital, float(a.lat), float(a.lon)) for a in rows if a.lat is not None and a.lon is not None
    ]
    locations = pd.DataFrame(located, columns=list(LOCATION_COLUMNS))
    return Actors(
        order=tuple(a.code for a in rows),
        names={a.code: a.name for a in rows},
        locations=locations.astype({"lat": "float64", "lon": "float64"}),
    )
