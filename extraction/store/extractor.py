"""The extractor the store uses when none is given, and the version it stamps on documents.

:mod:`extraction.pipeline` is imported only when called (it loads spaCy only when
an :class:`~extraction.pipeline.Extractor` parses).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extraction.pipeline import Extractor

#: ``on_progress(done, total)``, called as documents are extracted.
ProgressCallback = Callable[[int, int], None]


@functools.lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """One shared :class:`~extraction.pipeline.Extractor` (the spaCy model loads once)."""
    from extraction.pipeline import Extractor

    return Extractor()


def extractor_version(extractor: object | None) -> str:
    """The extractor's ``version``; the pipeline's current version when it has none."""
    version = getattr(extractor, "version", None)
    if isinstance(version, str) and version:
        return version
    from extraction import pipeline

    return pipeline.EXTRACTOR_VERSION
