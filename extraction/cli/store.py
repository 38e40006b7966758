"""The store commands: ``add``, ``list``, ``remove``, ``export`` (``--raw``: reviews not applied),
``reextract``, ``import-gdelt``.

Added to the parser by :func:`add_store_commands`; errors become one-line
messages in :func:`extraction.cli.common.run_command`.
"""

from __future__ import annotations

import argparse
import time

from extraction import config
from extraction.cli.common import add_db_option, add_model_options, progress_callback, read_documents, stderr
from extraction.documents import parse_date_or_problem

MAX_PROBLEM_LINES = 20


def _store(args: argparse.Namespace):
    from extraction.store import Store

    return Store(args.db)


def _extractor(args: argparse.Namespace):
    from extraction.pipeline import Extractor

    return Extractor(args.model, n_process=args.n_process)


def cmd_add(args: argparse.Namespace) -> int:
    from extraction.store import is_relation_dataset

    start = time.perf_counter()
    # as in `build`: a mistake in the options is reported before any work
    date = parse_date_or_problem(args.date, "--date")
    tables = [i for i in args.inputs if is_relation_dataset(i)]
    articles = [i for i in args.inputs if i not in tables]
    if tables:
        code = _add_tables(args, tables, start)
        if not articles:
            return code
    docs, skipped = read_documents(articles, date)
    if not docs:
        return 1
    store = _store(args)
    on_progress, close = progress_callback(args, "extracting")
    try:
        report = store.add_documents(docs, _extractor(args), on_progress)
    finally:
        close()
    for line in report.duplicates:
        stderr(f"duplicate: {line}")
    for line in report.renamed:
        stderr(f"renamed: {line}")
    for line in report.rejected:
        stderr(f"skipped: {line}")
    seconds = time.perf_counter() - start
    print(
        f"{report.added} added, {report.skipped_duplicates} duplicates skipped, "
        f"{skipped + len(report.rejected)} rejected, {report.relations} relations "
        f"in {seconds:.1f} s -> {store.path}"
    )
    return 0


def _add_tables(args: argparse.Namespace, tables: list[str], start: float) -> int:
    """``add`` of Parquet relation tables and datasets: one bulk transaction (:meth:`Store.add_relation_tables`)."""
    from extraction.errors import InputProblem

    store = _store(args)
    try:
        report = store.add_relation_tables(tables)
    except InputProblem as exc:
        stderr(f"error: {exc}")
        return 1
    for line in report.problems:
        stderr(f"skipped: {line}")
    print(f"{report.summary()} in {time.perf_counter() - start:.1f} s -> {store.path}")
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
    reviews = store.reviews()
    if not reviews.empty:
        from extraction.cli.review import review_summary

        print(f"reviews: {review_summary(reviews, store.review_progress())} (rels: reviews applied)")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = _store(args)
    rows = store.remove(args.doc_id)
    _attached, kept = store.review_counts([args.doc_id])
    print(
        f"removed {args.doc_id} and its {rows} relation{'s' if rows != 1 else ''}"
        + (f"; its {kept} review{'s' if kept != 1 else ''} kept (see `review list`)" if kept else "")
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from extraction.table import output_format, write_table

    output_format(args.out)  # an unknown extension fails before the store is read
    since = parse_date_or_problem(args.since, "--since") if args.since else None
    until = parse_date_or_problem(args.until, "--until") if args.until else None
    if args.source:
        frame = _table_rows(args, since, until)
        write_table(frame, args.out)
        print(f"{len(frame)} relations from {args.source} -> {args.out}")
        return 0
    store = _store(args)
    frame = store.relations(
        actors=[a.upper() for a in args.actor] if args.actor else None,
        since=since,
        until=until,
        origin=args.origin,
        raw=args.raw,
    )
    write_table(frame, args.out)
    print(f"{len(frame)} relations{' as extracted' if args.raw else ''} -> {args.out}")
    return 0


def _table_rows(args: argparse.Namespace, since: str | None, until: str | None):
    """``export --from PATH``: the rows of a relation table or Parquet dataset, filtered as a store's are."""
    import pandas as pd

    from extraction.table import read_table

    frame = read_table(args.source)
    if args.actor:
        codes = {a.upper() for a in args.actor}
        frame = frame[frame["source"].isin(codes) | frame["target"].isin(codes)]
    when = frame["event_date"].where(frame["event_date"] != "", frame["doc_date"])
    if since:
        frame = frame[(when >= since) & (when != "")]
    if until:
        frame = frame[(when.str[:10] <= until) & (when != "")]
    if args.origin:
        origin = frame["origin"] if "origin" in frame.columns else pd.Series("text", index=frame.index)
        frame = frame[origin == args.origin]
    return frame.reset_index(drop=True)


def cmd_reextract(args: argparse.Namespace) -> int:
    store = _store(args)
    extractor = _extractor(args)
    stale = store.stale_documents(extractor)
    if not stale and not args.all:
        print("every document is up to date with this extractor version")
        return 0
    on_progress, close = progress_callback(args, "re-extracting")
    try:
        report = store.reextract(extractor, on_progress, all_documents=args.all)
    finally:
        close()
    print(report.summary())
    return 0


def cmd_import_gdelt(args: argparse.Namespace) -> int:
    from extraction.sources.gdelt import GdeltReport, iter_gdelt

    report = GdeltReport()
    store = _store(args)
    # the files are read a chunk of rows at a time, inside one transaction: a year of daily
    # exports is never in memory at once, and an error midway leaves the store as it was
    result = store.import_relation_chunks(iter_gdelt(args.files, report), origin="gdelt")
    for line in report.problems[:MAX_PROBLEM_LINES]:
        stderr(f"skipped: {line}")
    listed = min(len(report.problems), MAX_PROBLEM_LINES)
    if report.malformed + report.unreadable_files > listed:
        stderr(f"... {report.malformed + report.unreadable_files - listed} more problems not listed")
    print(report.summary())
    if report.unreadable_files == report.files:
        stderr("error: no GDELT file could be read")
        return 1
    if not result.inserted:
        print("nothing to import")
        return 0
    print(f"{result.summary()} -> {args.db or config.db_path()}")
    return 0


def add_store_commands(sub: argparse._SubParsersAction) -> None:
    """Add the store commands to the CLI's subparsers."""
    a = sub.add_parser("add", help="extract relations from files, folders and URLs into the store (incremental)")
    a.add_argument(
        "inputs",
        nargs="+",
        help=".txt .md .html .json .jsonl files or folders, or http(s) URLs of articles (fetched as by the "
        "dashboard: public addresses only unless RELDASH_ALLOW_PRIVATE_URLS=1, RELDASH_FETCH_TIMEOUT seconds "
        "for the whole fetch, at most RELDASH_FETCH_MAX_BYTES); or Parquet relation tables: a .parquet file or "
        "a folder of them (e.g. the output of `build --engine dask`), loaded in one transaction",
    )
    a.add_argument("--date", default="", help="publication date for every input (overrides the files')")
    add_db_option(a)
    add_model_options(a)
    a.set_defaults(func=cmd_add)

    ls = sub.add_parser("list", help="list the documents in the store")
    add_db_option(ls)
    ls.set_defaults(func=cmd_list)

    rm = sub.add_parser("remove", help="remove a document and its relations from the store")
    rm.add_argument("doc_id", help="document id (see `list`)")
    add_db_option(rm)
    rm.set_defaults(func=cmd_remove)

    ex = sub.add_parser("export", help="write the store's relation table (reviews applied) to CSV or Parquet")
    ex.add_argument("--out", required=True, help="output file, .csv or .parquet (written atomically)")
    ex.add_argument("--actor", nargs="+", default=None, metavar="CODE", help="rows involving any of these actors")
    ex.add_argument("--since", default="", help="event date on or after this date")
    ex.add_argument("--until", default="", help="event date on or before this date")
    ex.add_argument("--origin", choices=("text", "gdelt"), default=None, help="only rows of this origin")
    ex.add_argument(
        "--raw", action="store_true", help="the rows as extracted, reviews not applied (default: reviewed)"
    )
    ex.add_argument(
        "--from",
        dest="source",
        default="",
        metavar="PATH",
        help="export from this relation table or Parquet dataset folder (e.g. `build --engine dask` output) "
        "instead of the store",
    )
    add_db_option(ex)
    ex.set_defaults(func=cmd_export)

    re_ = sub.add_parser("reextract", help="re-extract documents stored by an older extractor version")
    re_.add_argument("--all", action="store_true", help="re-extract every document")
    add_db_option(re_)
    add_model_options(re_)
    re_.set_defaults(func=cmd_reextract)

    g = sub.add_parser("import-gdelt", help="import GDELT 2.0 event exports (.CSV or .zip) into the store")
    g.add_argument("files", nargs="+", help="GDELT 2.0 *.export.CSV files or .zip archives")
    add_db_option(g)
    g.set_defaults(func=cmd_import_gdelt)
