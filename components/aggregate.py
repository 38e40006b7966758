"""Fast counting over integer codes, shared by the views.

On a million relations, pandas ``groupby`` on several keys costs tens of milliseconds per
call; counting with ``numpy.bincount`` over integer codes costs a few. Every view's
summary goes through here, so a rerun stays well under half a second.

The data modules take rows (one mention or event each) or the **mention cube** of
:mod:`components.relation_sql`, whose rows stand for ``_rows`` mentions each and carry the
sum and number of their scored intensities (``_isum``, ``_iscored``): :func:`row_weights`
and :func:`scored_parts` give either the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Cube column: how many mentions (or events) a row stands for.
WEIGHT = "_rows"


def is_cube(df: pd.DataFrame) -> bool:
    """Whether ``df`` is a mention cube (rows standing for several mentions) rather than rows."""
    return WEIGHT in df.columns


def row_weights(df: pd.DataFrame) -> np.ndarray | None:
    """How many mentions each row stands for (a cube's ``_rows``), or None for plain rows (one each)."""
    return df[WEIGHT].to_numpy(dtype=float) if WEIGHT in df.columns else None


def total_rows(df: pd.DataFrame) -> int:
    """The mentions (or events) ``df`` stands for: its rows, or a cube's ``_rows`` added up."""
    return int(df[WEIGHT].sum()) if WEIGHT in df.columns else len(df)


def scored_parts(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the sum of its scored intensities and how many are scored (a row: its intensity
    and 1, or 0 and 0 when it does not count toward the mean intensity)."""
    if "_isum" in df.columns:
        return df["_isum"].to_numpy(dtype=float), df["_iscored"].to_numpy(dtype=float)
    from .prepare import scored_intensities

    intensity = scored_intensities(df).to_numpy(dtype=float)
    scored = ~np.isnan(intensity)
    return np.where(scored, intensity, 0.0), scored.astype(float)


def column_codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """(integer code per row, label per code). Categoricals reuse their codes."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy(dtype=np.int64)
        labels = [str(c) for c in values.cat.categories]
    else:
        raw_codes, uniques = pd.factorize(values)
        codes = np.asarray(raw_codes, dtype=np.int64)
        labels = [str(u) for u in uniques]
    if (codes < 0).any():  # missing values get their own "" label
        labels = [*labels, ""]
        codes = np.where(codes < 0, len(labels) - 1, codes)
    return codes, labels


@dataclass(frozen=True)
class ActorCodes:
    """Source and target of each row as indexes into one shared, sorted list of actors."""

    actors: list[str]
    src: np.ndarray
    tgt: np.ndarray

    @property
    def n(self) -> int:
        return len(self.actors)

    def pair(self) -> np.ndarray:
        """One code per directed pair: ``src * n + tgt``."""
        return self.src * self.n + self.tgt

    def index(self, actor: str) -> int:
        try:
            return self.actors.index(actor)
        except ValueError:
            return -1


def actor_codes(df: pd.DataFrame) -> ActorCodes:
    source, target = df["source"], df["target"]
    if (
        isinstance(source.dtype, pd.CategoricalDtype)
        and isinstance(target.dtype, pd.CategoricalDtype)
        and source.cat.categories.equals(target.cat.categories)
        and source.cat.categories.is_monotonic_increasing
    ):  # the prepared table: shared, sorted categories, so the codes are the answer
        src = source.cat.codes.to_numpy(dtype=np.int64)
        tgt = target.cat.codes.to_numpy(dtype=np.int64)
        if (src >= 0).all() and (tgt >= 0).all():
            return ActorCodes([str(c) for c in source.cat.categories], src, tgt)
    s_codes, s_labels = column_codes(df["source"])
    t_codes, t_labels = column_codes(df["target"])
    actors = sorted(set(s_labels) | set(t_labels))
    where = {a: i for i, a in enumerate(actors)}
    s_map = np.array([where[a] for a in s_labels] or [0], dtype=np.int64)
    t_map = np.array([where[a] for a in t_labels] or [0], dtype=np.int64)
    return ActorCodes(actors, s_map[s_codes], t_map[t_codes])


def count(codes: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """``bincount`` with a fixed length (and float weights when given)."""
    return np.bincount(codes, weights=weights, minlength=size)[:size] if size else np.zeros(0)


def distinct_per_group(groups: np.ndarray, items: np.ndarray, n_groups: int) -> np.ndarray:
    """How many distinct ``items`` each group has (e.g. articles per dyad)."""
    if len(groups) == 0:
        return np.zeros(n_groups, dtype=np.int64)
    span = int(items.max()) + 1
    unique = pd.unique(groups * span + items)
    return np.bincount(unique // span, minlength=n_groups)[:n_groups]
