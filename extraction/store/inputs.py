"""Adding from the places documents come from: files and folders, uploads, pasted text, a URL.

Each reads its input into documents (or :class:`~extraction.errors.InputProblem`
rejections) and hands them to :meth:`Ingestion.add_documents`. The URL fetcher
(:mod:`extraction.sources.url`, httpx and trafilatura) is imported only by
:meth:`InputAdds.add_url`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from extraction.documents import Document, parse_date_or_problem, read_bytes, read_inputs
from extraction.errors import InputProblem
from extraction.store.extractor import ProgressCallback
from extraction.store.ingest import Ingestion, content_hash
from extraction.store.reports import AddReport

if TYPE_CHECKING:
    from extraction.pipeline import Extractor


def slug(text: str, limit: int = 50) -> str:
    """Lowercase ASCII letters and digits joined by hyphens, at most ``limit`` characters."""
    out = re.sub(r"[^A-Za-z0-9]+", "-", unicodedata.normalize("NFKD", text)).strip("-").lower()
    return out[:limit].rstrip("-")


class InputAdds(Ingestion):
    """The convenience adds of :class:`~extraction.store.Store`."""

    def add_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        *,
        date: str = "",
        id_conflict: str = "rename",
    ) -> AddReport:
        """Add files and folders (the inputs of ``build``)."""
        return self.add_documents(
            read_inputs(paths, date_override=date), extractor, on_progress, id_conflict=id_conflict
        )

    def add_uploaded(
        self,
        files: Iterable[tuple[str, bytes]],
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        *,
        date: str = "",
        id_conflict: str = "rename",
    ) -> AddReport:
        """Add uploaded files given as ``(file name, content)`` pairs (.txt .md .html .json .jsonl)."""
        return self.add_documents(uploaded_documents(files, date), extractor, on_progress, id_conflict=id_conflict)

    def add_text(
        self,
        title: str,
        text: str,
        *,
        date: str = "",
        url: str = "",
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> AddReport:
        """Add pasted text with its title, date (any common format) and URL."""
        title = (title or "").strip()
        label = f"pasted text {title[:60]!r}" if title else "pasted text"
        try:
            iso = parse_date_or_problem(date, f"{label}: date")
            if not (text or "").strip():
                raise InputProblem(f"{label}: no article text")
        except InputProblem as exc:
            return self.add_documents([exc], extractor)
        if not title:
            title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:200]
        doc_id = "pasted-" + (slug(title) or content_hash(text)[:12])
        doc = Document(doc_id, title, iso, (url or "").strip(), text, "pasted text")
        return self.add_documents([doc], extractor, on_progress)

    def add_url(
        self,
        url: str,
        *,
        date: str = "",
        extractor: Extractor | None = None,
        on_progress: ProgressCallback | None = None,
        allow_private: bool | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> AddReport:
        """Fetch ``url`` (see :func:`extraction.sources.url.fetch_url`) and add its article.

        Fetch errors are rejections.
        """
        from extraction.sources.url import fetch_url

        try:
            iso = parse_date_or_problem(date, f"{url}: date")
            item: Document | InputProblem = fetch_url(
                url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private, date_override=iso
            )
        except InputProblem as exc:
            item = exc
        return self.add_documents([item], extractor, on_progress)


def uploaded_documents(files: Iterable[tuple[str, bytes]], date: str) -> Iterator[Document | InputProblem]:
    """Documents (or problems) of uploaded ``(file name, content)`` pairs; ``date`` overrides theirs."""
    try:
        iso = parse_date_or_problem(date, "date")
    except InputProblem as exc:
        yield exc
        return
    for name, data in files:
        yield from read_bytes(data, Path(name).name, date_override=iso)
