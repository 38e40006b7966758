"""Command line: ``python -m extraction COMMAND ...``, installed as ``reldash``.

* :mod:`extraction.cli.common` — reading inputs, progress bars, shared options,
  library errors as one-line messages;
* :mod:`extraction.cli.build` — ``build`` and ``evaluate`` (of files, or of a store's raw
  extraction with ``--db``);
* :mod:`extraction.cli.store` — ``add``, ``list``, ``remove``, ``export``,
  ``reextract``, ``import-gdelt``;
* :mod:`extraction.cli.review` — ``review confirm|reject|fix|add|list`` and ``gold``;
* :mod:`extraction.cli.main` — the parser and :func:`main`.
"""

from __future__ import annotations

from extraction.cli.common import collect_documents, read_documents
from extraction.cli.main import build_parser, main

__all__ = ["build_parser", "collect_documents", "main", "read_documents"]
