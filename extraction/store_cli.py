"""Store commands of the CLI: ``add``, ``list``, ``remove``, ``export``, ``reextract``, ``import-gdelt``.

Hooked into :func:`extraction.cli.build_parser` by :func:`add_store_commands`.
The library raises specific exceptions; :func:`extraction.cli.main` prints them
as one-line ``error: [E0xx] ...`` messages (exit code 2).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from . import config
from .documents import parse_date_or_problem

MAX_PROBLEM_LINES = 20


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def _store(args: argparse.Namespace):
    from .store import Store

    return Store(args.db)


def _extractor(args: argparse.Namespace):
    from .pipeline import Extractor

    return Extractor(args.model, n_process=args.n_process)


def _progress(args: argparse.Namespace, desc: str):
    """An on_progress(done, total) callback drawing a tqdm bar on a terminal, and a closer."""
    if args.quiet or not sys.stderr.isatty():
        return None, lambda: None
    state: dict[str, object] = {}

    def on_progress(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            if total < 5:
                return
            from tqdm import tqdm

            bar = state["bar"] = tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, leave=False)
        bar.n = done  # type: ignore[attr-defined]
        bar.refresh()  # type: ignore[attr-defined]

    def close() -> None:
        if state.get("bar") is not None:
            state["bar"].close()  # type: ignore[attr-defined]

    return on_progress, close


def cmd_add(args: argparse.Namespace) -> int:
    from .cli import read_documents

    start = time.perf_counter()
    # as in `build`: a mistake in the options is reported before any work
    date = parse_date_or_problem(args.date, "--date")
    docs, skipped = read_documents(args.inputs, date)
    if not docs:
        return 1
    store = _store(args)
    on_progress, close = _progress(args, "extracting")
    try:
        report = store.add_documents(docs, _extractor(args), on_progress)
    finally:
        close()
    for line in report.duplicates:
        _stderr(f"duplicate: {line}")
    for line in report.renamed:
        _stderr(f"renamed: {line}")
    for line in report.rejected:
        _stderr(f"skipped: {line}")
    seconds = time.perf_counter() - start
    print(
        f"{report.added} added, {report.skipped_duplicates} duplicates skipped, "
        f"{skipped + len(report.rejected)} rejected, {report.relations} relations "
        f"in {seconds:.1f} s -> {store.path}"
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = _store(args)
    frame = store.list_documents()
    stats = store.stats()
    if frame.empty:
        print(f"no documents in {store.path}")
    else:
        width = max(8, min(48, int(frame["doc_id"].str.len().max())))
        print(f"{'doc_id':<{width}}  {'date':<10}  {'rels':>5}  title")
        for row in frame.itertuples(index=False):
            title = row.title if len(row.title) <= 70 else row.title[:69] + "…"
            print(f"{row.doc_id:<{width}}  {row.date or '-':<10}  {row.relations:>5}  {title}")
    print(
        f"{stats['documents']} documents, {stats['text_relations']} text relations, "
        f"{stats['gdelt_relations']} GDELT relations"
        + (f"; {stats['stale_documents']} documents need `reextract`" if stats["stale_documents"] else "")
    )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = _store(args)
    rows = store.remove(args.doc_id)
    print(f"removed {args.doc_id} and its {rows} relation{'s' if rows != 1 else ''}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .table import output_format, write_table

    output_format(args.out)  # an unknown extension fails before the store is read
    since = parse_date_or_problem(args.since, "--since") if args.since else None
    until = parse_date_or_problem(args.until, "--until") if args.until else None
    store = _store(args)
    frame = store.relations(
        actors=[a.upper() for a in args.actor] if args.actor else None,
        since=since,
        until=until,
        origin=args.origin,
    )
    write_table(frame, args.out)
    print(f"{len(frame)} relations -> {args.out}")
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    store = _store(args)
    extractor = _extractor(args)
    stale = store.stale_documents(extractor)
    if not stale and not args.all:
        print("every document is up to date with this extractor version")
        return 0
    on_progress, close = _progress(args, "re-extracting")
    try:
        report = store.reextract(extractor, on_progress, all_documents=args.all)
    finally:
        close()
    print(report.summary())
    return 0


def cmd_import_gdelt(args: argparse.Namespace) -> int:
    from .gdelt import read_gdelt

    frame, report = read_gdelt(args.files)
    for line in report.problems[:MAX_PROBLEM_LINES]:
        _stderr(f"skipped: {line}")
    listed = min(len(report.problems), MAX_PROBLEM_LINES)
    if report.malformed + report.unreadable_files > listed:
        _stderr(f"... {report.malformed + report.unreadable_files - listed} more problems not listed")
    print(report.summary())
    if report.unreadable_files == report.files:
        _stderr("error: no GDELT file could be read")
        return 1
    if frame.empty:
        print("nothing to import")
        return 0
    result = _store(args).import_relations(frame, origin="gdelt")
    print(f"{result.summary()} -> {args.db or config.db_path()}")
    return 0


def add_store_commands(
    sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add the store subcommands to the CLI's subparsers."""

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            default=None,
            help=f"DuckDB store (default: env RELDASH_DB or {config.DEFAULT_DB.relative_to(config.PROJECT_ROOT)})",
        )

    a = sub.add_parser("add", help="extract relations from files and folders into the store (incremental)")
    a.add_argument("inputs", nargs="+", help=".txt .md .html .json .jsonl files or folders")
    a.add_argument("--date", default="", help="publication date for every input (overrides the files')")
    db(a)
    common(a)
    a.set_defaults(func=cmd_add)

    ls = sub.add_parser("list", help="list the documents in the store")
    db(ls)
    ls.set_defaults(func=cmd_list)

    rm = sub.add_parser("remove", help="remove a document and its relations from the store")
    rm.add_argument("doc_id", help="document id (see `list`)")
    db(rm)
    rm.set_defaults(func=cmd_remove)

    ex = sub.add_parser("export", help="write the store's relation table to CSV or Parquet")
    ex.add_argument("--out", required=True, help="output file, .csv or .parquet (written atomically)")
    ex.add_argument("--actor", nargs="+", default=None, metavar="CODE", help="rows involving any of these actors")
    ex.add_argument("--since", default="", help="event date on or after this date")
    ex.add_argument("--until", default="", help="event date on or before this date")
    ex.add_argument("--origin", choices=("text", "gdelt"), default=None, help="only rows of this origin")
    db(ex)
    ex.set_defaults(func=cmd_export)

    re_ = sub.add_parser("reextract", help="re-extract documents stored by an older extractor version")
    re_.add_argument("--all", action="store_true", help="re-extract every document")
    db(re_)
    common(re_)
    re_.set_defaults(func=cmd_reextract)

    g = sub.add_parser("import-gdelt", help="import GDELT 2.0 event exports (.CSV or .zip) into the store")
    g.add_argument("files", nargs="+", help="GDELT 2.0 *.export.CSV files or .zip archives")
    db(g)
    g.set_defaults(func=cmd_import_gdelt)
