"""What a write to the store did: :class:`AddReport`, :class:`ReextractReport`, :class:`ImportReport`,
:class:`ReviewReport`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class AddReport:
    """What an add did. ``rejected`` holds one "name: reason" line per input not added."""

    added: int = 0
    skipped_duplicates: int = 0
    rejected: list[str] = field(default_factory=list)
    relations: int = 0
    added_ids: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # "source: same text as stored 'doc_id'"
    renamed: list[str] = field(default_factory=list)  # "source: stored as 'x-2' ('x' is taken)"

    def summary(self) -> str:
        parts = [
            f"{self.added} document{'s' if self.added != 1 else ''} added",
            f"{self.skipped_duplicates} skipped as duplicates",
            f"{len(self.rejected)} rejected",
            f"{self.relations} relations found",
        ]
        return ", ".join(parts)


@dataclass
class ReextractReport:
    """What a re-extraction did. Reviews stay attached by relation id: ``reviews_attached``
    counts those of the re-extracted documents whose relation is still extracted,
    ``reviews_orphaned`` those whose relation is no longer extracted (kept, not dropped:
    see ``Store.reviews``)."""

    documents: int = 0
    relations_before: int = 0
    relations_after: int = 0
    reviews_attached: int = 0
    reviews_orphaned: int = 0

    def summary(self) -> str:
        text = f"{self.documents} documents re-extracted: {self.relations_before} -> {self.relations_after} relations"
        if self.reviews_attached or self.reviews_orphaned:
            text += f"; {self.reviews_attached} reviewed relations kept their reviews"
        if self.reviews_orphaned:
            text += (
                f", {self.reviews_orphaned} review{'s' if self.reviews_orphaned != 1 else ''} of relations "
                "no longer extracted kept (see `review list`)"
            )
        return text


@dataclass
class ImportReport:
    inserted: int = 0
    replaced: int = 0  # rows with the same doc_id and origin that were there before

    def summary(self) -> str:
        return f"{self.inserted} rows imported ({self.replaced} replaced rows already stored)"


#: The past tense of each verdict, as reports and the CLI say it.
VERDICT_DONE = {"confirm": "confirmed", "reject": "rejected", "fix": "fixed", "add": "added"}


@dataclass
class ReviewReport:
    """What one review verdict recorded.

    ``relation`` describes the relation as it was shown before the verdict (for an add:
    the added relation), e.g. ``"USA->JPN CONSULT in a, sentence 0"``; ``changes`` lists
    a fix's changes, e.g. ``["event_type CONSULT -> AGREE"]``.
    """

    review_id: int
    relation_id: str
    verdict: str  # confirm, reject, fix, add
    reviewer: str
    reviewed_at: dt.datetime  # UTC, naive
    doc_id: str
    relation: str
    changes: list[str] = field(default_factory=list)
    note: str = ""

    def summary(self) -> str:
        changed = f": {', '.join(self.changes)}" if self.changes else ""
        return f"{VERDICT_DONE[self.verdict]} {self.relation_id} ({self.relation}){changed}; reviewer {self.reviewer}"
