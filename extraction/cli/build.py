"""The table commands: ``build`` (files -> CSV or Parquet relation table) and ``evaluate`` (against gold)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from extraction.cli.common import (
    add_model_options,
    collect_documents,
    progress_bar,
    read_documents,
    skipped_note,
    stderr,
)
from extraction.documents import Document

if TYPE_CHECKING:
    import pandas as pd


def run_extraction(docs: list[Document], args: argparse.Namespace, *, desc: str = "extracting") -> Iterator:
    """Relations of ``docs``, with a progress bar on long runs."""
    from extraction.pipeline import Extractor

    extractor = Extractor(args.model, n_process=args.n_process)
    show = not args.quiet and len(docs) >= 20 and sys.stderr.isatty()
    bar = progress_bar(len(docs), show, desc)
    counts = {"sentences": 0}

    def done(prepared) -> None:
        counts["sentences"] += len(prepared.sentences)
        if bar is not None:
            bar.update(1)

    try:
        yield from extractor.extract(docs, on_document=done)
    finally:
        if bar is not None:
            bar.close()
        args._sentences = counts["sentences"]
        args._model = extractor.__dict__.get("model_name", "")


def cmd_build(args: argparse.Namespace) -> int:
    from extraction.documents import parse_date_or_problem
    from extraction.table import output_format, to_frame, write_table

    if args.engine == "dask":
        return cmd_build_dask(args)
    if args.scheduler or args.workers:
        stderr("error: --scheduler and --workers need --engine dask")
        return 2
    start = time.perf_counter()
    # Mistakes in the options are reported before any work, not after the extraction.
    output_format(args.out)
    date = parse_date_or_problem(args.date, "--date")
    docs, skipped = read_documents(args.inputs, date)
    if not docs:
        return 1
    frame = to_frame(run_extraction(docs, args))
    write_table(frame, args.out)
    seconds = time.perf_counter() - start
    print(
        f"{len(docs)} documents, {args._sentences} sentences, {len(frame)} relations "
        f"in {seconds:.1f} s -> {args.out}" + (skipped_note(skipped) if skipped else "")
    )
    return 0


def unique_documents(inputs, date: str, skipped: list[int]) -> Iterator[Document]:
    """The documents of ``inputs`` as they are read (files, folders, URLs), each problem reported on
    stderr as ``build`` reports it and counted in ``skipped[0]``; a repeated doc_id is skipped."""
    from extraction.cli.common import read_any
    from extraction.errors import InputProblem

    seen: set[str] = set()
    for item in read_any(inputs, date):
        if isinstance(item, InputProblem):
            stderr(f"skipped: {item}")
            skipped[0] += 1
        elif item.doc_id in seen:
            stderr(f"skipped: {InputProblem(f'{item.source_file}: duplicate doc_id {item.doc_id!r}, skipped')}")
            skipped[0] += 1
        else:
            seen.add(item.doc_id)
            yield item


def cmd_build_dask(args: argparse.Namespace) -> int:
    """``build --engine dask``: the extraction on a Dask cluster, into a Parquet dataset (a folder)."""
    from pathlib import Path

    from extraction.documents import parse_date_or_problem
    from extraction.errors import OutputError

    start = time.perf_counter()
    out = Path(args.out)
    if out.suffix.lower() in (".csv", ".parquet"):
        raise OutputError(f"with --engine dask, --out is a folder for the Parquet dataset (e.g. out/), not {out}")
    date = parse_date_or_problem(args.date, "--date")
    from extraction.distributed import connect, run_on_cluster

    skipped = [0]
    docs = unique_documents(args.inputs, date, skipped)
    first = next(docs, None)
    if first is None:
        stderr("error: no document could be read")
        return 1
    client = connect(args.scheduler, args.workers)
    bar = progress_bar(0, not args.quiet and sys.stderr.isatty(), "extracting on the cluster")
    try:
        if bar is not None:
            bar.total = None

        def on_batch(result) -> None:
            if bar is not None:
                bar.update(result.documents)

        def all_docs():
            yield first
            yield from docs

        report = run_on_cluster(
            client, all_docs(), out, model=args.model, batch_docs=args.batch_size, on_batch=on_batch
        )
    finally:
        if bar is not None:
            bar.close()
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and not args.scheduler:
            cluster.close()
    for line in report.problems:
        stderr(f"skipped: {line}")
    skipped_total = skipped[0] + len(report.problems)
    seconds = time.perf_counter() - start
    print(
        f"{report.documents} documents, {report.sentences} sentences, {report.relations} relations "
        f"in {seconds:.1f} s -> {out} ({len(report.months)} month partitions; {report.workers} Dask workers, "
        f"{report.batches} batches)" + (skipped_note(skipped_total) if skipped_total else "")
    )
    return 0 if report.documents else 1


def _confidence(text: str) -> float:
    """argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def cmd_evaluate(args: argparse.Namespace) -> int:
    from extraction.evaluate import evaluate, format_report, gold_documents, load_gold

    gold = load_gold(args.gold, only=args.only)
    doc_ids = gold_documents(args.gold, only=args.only)
    if not doc_ids:
        stderr(f"error: no gold rows under {args.gold}")
        return 1
    if args.db:
        found = stored_predictions(args.db, doc_ids)
        if found is None:
            return 1
        predicted, covered = found
    else:
        docs, problems = collect_documents(args.articles or ["data/articles"])
        for p in problems:
            stderr(f"skipped: {p}")
        wanted = set(doc_ids)
        docs = [d for d in docs if d.doc_id in wanted]
        if not docs:
            stderr("error: none of the gold documents could be read")
            return 1
        from extraction.table import to_frame

        predicted = to_frame(run_extraction(docs, args, desc="evaluating"))
        covered = [d.doc_id for d in docs]
    if args.modality:
        predicted = predicted[predicted["modality"].isin(args.modality)]
    if args.min_confidence:
        import pandas as pd

        predicted = predicted[pd.to_numeric(predicted["confidence"], errors="coerce").fillna(0.0) >= args.min_confidence]
    report = evaluate(predicted, gold[gold["doc_id"].isin(set(covered))])
    report["documents"] = len(covered)
    if args.json:
        import json

        print(json.dumps(report, indent=2))
    else:
        print(format_report(report, worst=args.worst))
    return 0


def cmd_train_pairs(args: argparse.Namespace) -> int:
    from pathlib import Path

    from extraction.config import data_dir
    from extraction.events.learned import MODEL_FILE
    from extraction.pipeline import Extractor
    from extraction.table import atomic_write_text
    from extraction.training import train_pair_model

    out = Path(args.out) if args.out else data_dir() / MODEL_FILE
    model, figures = train_pair_model(
        args.articles, args.gold, extractor=Extractor(args.model, n_process=args.n_process, use_pair_model=False)
    )
    atomic_write_text(out, model.to_json())
    print(
        f"{figures['examples']} candidate triples ({figures['positives']} in gold), threshold {figures['threshold']}: "
        f"cross-validated precision {figures['cv_precision']}, recall {figures['cv_recall']} -> {out}"
    )
    return 0


def stored_predictions(db: str, doc_ids: list[str]) -> tuple[pd.DataFrame, list[str]] | None:
    """The raw extraction (text rows, reviews not applied) of the gold documents in the store
    at ``db``, and those documents.

    Gold documents the store lacks are reported on stderr; None (after an error line)
    when it holds none of them. StoreError when there is no store at ``db`` (none is created).
    """
    from pathlib import Path

    from extraction.errors import StoreError
    from extraction.schema import COLUMNS
    from extraction.store import Store

    if not Path(db).is_file():
        raise StoreError(f"no store at {db}")
    store = Store(db)
    stored = set(store.list_documents()["doc_id"])
    missing = [d for d in doc_ids if d not in stored]
    for doc_id in missing:
        stderr(f"skipped: gold document {doc_id!r} is not in the store")
    present = [d for d in doc_ids if d in stored]
    if not present:
        stderr(f"error: the store {store.path} holds none of the gold documents")
        return None
    return store.relations(doc_ids=present, origin="text", raw=True)[list(COLUMNS)], present


def add_build_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``build`` and ``evaluate`` to the CLI's subparsers."""
    b = sub.add_parser("build", help="extract relations from files and folders into a CSV or Parquet table")
    b.add_argument("inputs", nargs="+", help=".txt .md .html .json .jsonl files or folders, or http(s) URLs")
    b.add_argument(
        "--out",
        required=True,
        help="output file, .csv or .parquet (written atomically); with --engine dask, a folder for the "
        "Parquet dataset partitioned by event month (month=YYYY-MM/)",
    )
    b.add_argument("--date", default="", help="publication date for every input (overrides the files')")
    b.add_argument(
        "--engine",
        choices=("process", "dask"),
        default="process",
        help="process: this process (default); dask: a dask.distributed cluster (a LocalCluster with one "
        "worker per core, or --scheduler)",
    )
    b.add_argument("--scheduler", default="", metavar="ADDRESS", help="with --engine dask: an existing scheduler, e.g. tcp://host:8786")
    b.add_argument("--workers", type=int, default=None, help="with --engine dask and no --scheduler: LocalCluster workers (default: one per core)")
    b.add_argument("--batch-size", type=int, default=20, help="with --engine dask: documents per task (default 20)")
    add_model_options(b)
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("evaluate", help="score the extraction against gold annotations")
    source = e.add_mutually_exclusive_group()
    source.add_argument(
        "--articles", nargs="+", default=None, help="article files or folders to extract (default: data/articles)"
    )
    source.add_argument(
        "--db",
        default=None,
        help="score the raw extraction stored in this DuckDB store instead (reviews not applied; no extraction runs)",
    )
    e.add_argument("--gold", default="data/gold", help="gold folder (one CSV per article)")
    e.add_argument("--only", nargs="*", default=None, help="restrict to these doc_ids")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    e.add_argument("--worst", type=int, default=15, help="how many misses and false positives to list")
    e.add_argument(
        "--modality",
        nargs="+",
        choices=("asserted", "intended", "hypothetical"),
        help="score only predictions of these modalities (default: all)",
    )
    e.add_argument(
        "--min-confidence",
        type=_confidence,
        default=0.0,
        help="score only predictions of at least this confidence, 0 to 1 (default: 0, all)",
    )
    add_model_options(e)
    e.set_defaults(func=cmd_evaluate)

    t = sub.add_parser("train-pairs", help="train the learned pair scorer from articles and their gold")
    t.add_argument("--articles", default="data/articles", help="article folder")
    t.add_argument("--gold", default="data/gold", help="gold folder (one CSV per article)")
    t.add_argument("--out", default="", help="model file (default: <data dir>/models/pair_model.json)")
    add_model_options(t)
    t.set_defaults(func=cmd_train_pairs)
