"""Dates carried between mentions of one event: a lead without a day takes the body's day.

Each case is a short article of our own (published Wednesday 22 March 2023) and the date and
precision of every row of one (source, target, type), in sentence order.
"""

from __future__ import annotations

import pytest

from extraction.pipeline import Extractor
from extraction.schema import EventMention
from tests.extraction.rows import DOC_DATE

CASES = [
    ("lead-takes-body-day",
     "SEOUL, March 22 — South Korea has tightened its sanctions on Russia. On Monday the ministry imposed "
     "sanctions on Russia's central bank.",
     ("KOR", "RUS", "SANCTION"), [("2023-03-20", "day"), ("2023-03-20", "day")]),
    ("either-direction-of-a-meeting",
     "Japan and South Korea have held their first summit in years. Kishida met Yoon in Tokyo on Thursday.",
     ("KOR", "JPN", "CONSULT"), [("2023-03-16", "day"), ("2023-03-16", "day")]),
    ("nearest-dated-mention-wins",
     "Kishida met Yoon again.\n\nKishida met Yoon on March 1.\n\nKishida met Yoon on March 16.",
     ("JPN", "KOR", "CONSULT"), [("2023-03-01", "day"), ("2023-03-01", "day"), ("2023-03-16", "day")]),
    # nothing to carry: another type, or a negated mention, leave the publication date
    ("other-type-not-carried",
     "South Korea has condemned Russia. On Monday Seoul imposed sanctions on Russia.",
     ("KOR", "RUS", "ACCUSE"), [(DOC_DATE, "doc")]),
    ("negated-not-carried",
     "China has criticised Japan. On Monday China did not criticise Japan.",
     ("CHN", "JPN", "ACCUSE"), [(DOC_DATE, "doc")]),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _rows(extractor: Extractor, text: str) -> list[EventMention]:
    from extraction.documents import Document

    return list(extractor.extract([Document("t", "", DOC_DATE, "", text, "test")]))


@pytest.mark.parametrize(("text", "event", "dates"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_carried_dates(extractor: Extractor, text: str, event: tuple[str, str, str], dates: list) -> None:
    rows = [r for r in _rows(extractor, text) if (r.source, r.target, r.event_type) == event and not r.negated]
    assert [(r.event_date, r.date_precision) for r in rows] == dates


def test_rows_of_other_documents_are_not_mixed(extractor: Extractor) -> None:
    from extraction.documents import Document

    docs = [
        Document("a", "", DOC_DATE, "", "Kishida met Yoon on March 1.", "test"),
        Document("b", "", DOC_DATE, "", "Kishida met Yoon.", "test"),
    ]
    got = {(r.doc_id, r.event_date, r.date_precision) for r in extractor.extract(docs)}
    assert got == {("a", "2023-03-01", "day"), ("b", DOC_DATE, "doc")}
