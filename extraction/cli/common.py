"""What the CLI commands share: reading inputs, progress bars, options, the store, messages.

The library raises specific exceptions (:mod:`extraction.errors`);
:func:`run_command` turns them into one-line ``error: [E0xx] ...`` messages and
exit codes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator, Sequence

from extraction import config
from extraction.documents import Document, parse_date_or_problem, read_inputs
from extraction.errors import ExtractionError, InputProblem

#: Exit codes: 0 success, 1 nothing to work on, 2 an error (one line on stderr), 130 interrupted.
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


def stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def run_command(args: argparse.Namespace) -> int:
    """Run the parsed command ``args.func``; library errors become one line on stderr and exit code 2."""
    try:
        return args.func(args)
    except ExtractionError as exc:
        stderr(f"error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        stderr("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0


# --------------------------------------------------------------------------- inputs


#: An input with a scheme ("https://...", "ftp://...") is a URL, not a path.
_URL_INPUT = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url_input(value: str) -> bool:
    return bool(_URL_INPUT.match(value.strip()))


def read_any(inputs: Sequence[str], date: str = "") -> Iterator[Document | InputProblem]:
    """Documents and problems of ``inputs`` in their order: files and folders, and http(s) URLs,
    fetched with the same guard and limits as the dashboard's "From a URL" form
    (:func:`extraction.sources.url.fetch_url`: public addresses only unless
    ``RELDASH_ALLOW_PRIVATE_URLS=1``, one deadline ``RELDASH_FETCH_TIMEOUT``, at most
    ``RELDASH_FETCH_MAX_BYTES``)."""
    if date:
        try:
            date = parse_date_or_problem(date, "--date")
        except InputProblem as exc:
            yield exc
            return
    paths: list[str] = []
    for raw in inputs:
        if not is_url_input(str(raw)):
            paths.append(raw)
            continue
        yield from read_inputs(paths, date_override=date)
        paths = []
        from extraction.sources.url import fetch_url  # httpx and trafilatura only when a URL is given

        try:
            yield fetch_url(str(raw).strip(), date_override=date)
        except InputProblem as exc:
            yield exc
    yield from read_inputs(paths, date_override=date)


def collect_documents(inputs: Sequence[str], date: str = "") -> tuple[list[Document], list[InputProblem]]:
    """Documents of ``inputs`` (files, folders, http(s) URLs) and the problems met; a repeated
    doc_id is a problem."""
    docs: list[Document] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for item in read_any(inputs, date):
        if isinstance(item, InputProblem):
            problems.append(item)
        elif item.doc_id in seen:
            problems.append(InputProblem(f"{item.source_file}: duplicate doc_id {item.doc_id!r}, skipped"))
        else:
            seen.add(item.doc_id)
            docs.append(item)
    return docs, problems


def read_documents(inputs: Sequence[str], date: str = "") -> tuple[list[Document], int]:
    """Documents of ``inputs``; each input that could not be read is reported on stderr by name.

    Returns the documents and how many inputs were skipped; an empty list means
    nothing could be read (already reported).
    """
    docs, problems = collect_documents(inputs, date)
    for p in problems:
        stderr(f"skipped: {p}")
    if not docs:
        stderr("error: no document could be read")
    return docs, len(problems)


def skipped_note(count: int) -> str:
    return f" ({count} input{'s' if count != 1 else ''} skipped)"


# --------------------------------------------------------------------------- progress


def progress_bar(total: int, enabled: bool, desc: str):
    """A tqdm bar on stderr counting documents, or None when not ``enabled``."""
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, leave=False)


def progress_callback(
    args: argparse.Namespace, desc: str
) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """An on_progress(done, total) callback drawing a tqdm bar on a terminal, and a closer."""
    if args.quiet or not sys.stderr.isatty():
        return None, lambda: None
    state: dict[str, object] = {}

    def on_progress(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            if total < 5:
                return
            bar = state["bar"] = progress_bar(total, True, desc)
        bar.n = done  # type: ignore[attr-defined]
        bar.refresh()  # type: ignore[attr-defined]

    def close() -> None:
        if state.get("bar") is not None:
            state["bar"].close()  # type: ignore[attr-defined]

    return on_progress, close


# --------------------------------------------------------------------------- options


def add_model_options(p: argparse.ArgumentParser) -> None:
    """--model, --n-process, --quiet: the options of commands that extract."""
    p.add_argument("--model", help="spaCy model package (default: env RELDASH_SPACY_MODEL or first installed)")
    p.add_argument("--n-process", type=int, default=None, help="parser processes (default: automatic)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def add_db_option(p: argparse.ArgumentParser) -> None:
    """--db: the options of commands that use the store."""
    p.add_argument(
        "--db",
        default=None,
        help=f"DuckDB store (default: env RELDASH_DB or {config.DEFAULT_DB.relative_to(config.PROJECT_ROOT)})",
    )
