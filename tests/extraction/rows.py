"""Expected-row tables for extraction tests: ``"SRC>TGT TYPE [neg] [intended|hypothetical]"``.

Shared by the sentence tables of the pipeline, joint actions and lexicon coverage.
"""

from __future__ import annotations

from collections.abc import Iterable

from extraction.documents import Document
from extraction.pipeline import Extractor

#: A row as the tables compare it: source, target, PLOVER type, negated, modality.
Row = tuple[str, str, str, bool, str]
#: The publication date the tables' sentences are read with.
DOC_DATE = "2023-03-22"


def expected_rows(expected: Iterable[str]) -> set[Row]:
    """``{"JPN>CHN ACCUSE neg"}`` -> ``{("JPN", "CHN", "ACCUSE", True, "asserted")}``."""
    out = set()
    for item in expected:
        pair, etype, *flags = item.split()
        src, tgt = pair.split(">")
        modality = next((f for f in flags if f in ("intended", "hypothetical")), "asserted")
        out.add((src, tgt, etype, "neg" in flags, modality))
    return out


def extracted_rows(extractor: Extractor, text: str, date: str = DOC_DATE) -> set[Row]:
    """The rows ``extractor`` finds in ``text`` read as one article published on ``date``."""
    rows = extractor.extract([Document("t", "", date, "", text, "test")])
    return {(r.source, r.target, r.event_type, r.negated, r.modality) for r in rows}
