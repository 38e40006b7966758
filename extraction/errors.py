"""Specific exceptions raised by the library; the CLI turns them into clean messages.

Each error carries a short code (E0xx) so that messages are searchable.
"""

from __future__ import annotations


class ExtractionError(Exception):
    """Base class of every error this package raises on purpose."""

    code = "E000"

    def __str__(self) -> str:  # "[E001] message"
        return f"[{self.code}] {super().__str__()}"


class InputProblem(ExtractionError):
    """An input (file, JSON record, form value) that could not be read."""

    code = "E001"


class ModelNotFound(ExtractionError):
    """No usable spaCy model is installed."""

    code = "E002"


class DataFileError(ExtractionError):
    """A dictionary, lexicon or table file under data/ is malformed."""

    code = "E003"


class OutputError(ExtractionError):
    """The output file could not be written (unknown format, unwritable path)."""

    code = "E004"


class StoreError(ExtractionError):
    """The relation store (DuckDB file) cannot be opened or is not a store."""

    code = "E020"


class StoreBusy(StoreError):
    """Another session is writing to the store: try again in a moment."""

    code = "E021"


class NotInStore(StoreError):
    """A document id that the store does not hold."""

    code = "E022"


class FetchRefused(InputProblem):
    """A URL that is not fetched on purpose: scheme, private address, redirect loop."""

    code = "E030"


class FetchFailed(InputProblem):
    """A URL that could not be fetched: network error, HTTP status, size, content type."""

    code = "E031"


class UnknownRelation(NotInStore):
    """A relation id that the store does not hold (neither extracted nor added)."""

    code = "E023"


class InvalidReview(InputProblem):
    """A review that cannot be recorded: unknown actor or event type, bad date or sentence,
    no reviewer name, a fix that changes nothing, a relation added twice."""

    code = "E024"


class ClusterError(ExtractionError):
    """The Dask cluster of ``build --engine dask`` cannot be used: its scheduler cannot be reached."""

    code = "E040"
