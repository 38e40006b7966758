"""What a write to the store did: :class:`AddReport`, :class:`ReextractReport`, :class:`ImportReport`."""

from __future__ import annotations

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
    documents: int = 0
    relations_before: int = 0
    relations_after: int = 0

    def summary(self) -> str:
        return (
            f"{self.documents} documents re-extracted: {self.relations_before} -> "
            f"{self.relations_after} relations"
        )


@dataclass
class ImportReport:
    inserted: int = 0
    replaced: int = 0  # rows with the same doc_id and origin that were there before

    def summary(self) -> str:
        return f"{self.inserted} rows imported ({self.replaced} replaced rows already stored)"
