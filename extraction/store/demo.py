"""Seeding a new store with the demo corpus (``data/articles``), once.

Remembered in the store (``meta.demo_loaded``): removing every document later
does not bring the demo back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Self

from extraction import config
from extraction.documents import read_inputs
from extraction.store.extractor import ProgressCallback
from extraction.store.ingest import Ingestion
from extraction.store.reports import AddReport

if TYPE_CHECKING:
    from extraction.pipeline import Extractor


class DemoSeeding(Ingestion):
    """:meth:`seed_demo` and :meth:`ensure_demo` of :class:`~extraction.store.Store`."""

    def seed_demo(
        self,
        articles_dir: str | os.PathLike[str] | None = None,
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> AddReport | None:
        """Load the demo corpus once, into a store that never held anything; None when not needed."""
        with self._connect(write=False) as con:
            if con.execute("SELECT 1 FROM meta WHERE key = 'demo_loaded'").fetchone():
                return None
            has_rows = con.execute(
                "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM relations)"
            ).fetchone()[0]
        if has_rows:
            with self._transaction() as con:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('demo_loaded', '1')")
            return None
        folder = Path(articles_dir) if articles_dir else config.DEMO_ARTICLES
        return self.add_documents(read_inputs([folder]), extractor, on_progress, _mark_seeded=True)

    @classmethod
    def ensure_demo(
        cls,
        path: str | os.PathLike[str] | None = None,
        articles_dir: str | os.PathLike[str] | None = None,
        *,
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Self:
        """The store at ``path``, filled from the demo corpus (``data/articles``) on first use."""
        store = cls(path)
        store.seed_demo(articles_dir, extractor, on_progress)
        return store
