"""Command line: ``python -m extraction COMMAND ...``.

The library raises specific exceptions (:mod:`extraction.errors`); this module
turns them into one-line messages and exit codes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence

from .documents import Document, read_inputs
from .errors import ExtractionError, InputProblem


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def collect_documents(inputs: Sequence[str], date: str = "") -> tuple[list[Document], list[InputProblem]]:
    docs: list[Document] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for item in read_inputs(inputs, date_override=date):
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
        _stderr(f"skipped: {p}")
    if not docs:
        _stderr("error: no document could be read")
    return docs, len(problems)


def _skipped_note(count: int) -> str:
    return f" ({count} input{'s' if count != 1 else ''} skipped)"


def _progress(total: int, enabled: bool, desc: str):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, leave=False)


def run_extraction(docs: list[Document], args: argparse.Namespace, *, desc: str = "extracting") -> Iterator:
    """Relations of ``docs``, with a progress bar on long runs."""
    from .pipeline import Extractor

    extractor = Extractor(args.model, n_process=args.n_process)
    show = not args.quiet and len(docs) >= 20 and sys.stderr.isatty()
    bar = _progress(len(docs), show, desc)
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
    from .documents import parse_date_or_problem
    from .table import output_format, to_frame, write_table

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
        f"in {seconds:.1f} s -> {args.out}" + (_skipped_note(skipped) if skipped else "")
    )
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report, load_gold

    gold = load_gold(args.gold, only=args.only)
    if gold.empty:
        _stderr(f"error: no gold rows under {args.gold}")
        return 1
    doc_ids = set(gold["doc_id"])
    docs, problems = collect_documents(args.articles)
    for p in problems:
        _stderr(f"skipped: {p}")
    docs = [d for d in docs if d.doc_id in doc_ids]
    if not docs:
        _stderr("error: none of the gold documents could be read")
        return 1
    from .table import to_frame

    predicted = to_frame(run_extraction(docs, args, desc="evaluating"))
    if args.modality:
        predicted = predicted[predicted["modality"].isin(args.modality)]
    report = evaluate(predicted, gold[gold["doc_id"].isin({d.doc_id for d in docs})])
    if args.json:
        import json

        print(json.dumps(report, indent=2))
    else:
        print(format_report(report, worst=args.worst))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extraction",
        description="Extract directed relations among the US, Japan, the Koreas, China, Russia and Taiwan "
        "from news articles.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", help="spaCy model package (default: env RELDASH_SPACY_MODEL or first installed)")
        p.add_argument("--n-process", type=int, default=None, help="parser processes (default: automatic)")
        p.add_argument("--quiet", action="store_true", help="no progress bar")

    b = sub.add_parser("build", help="extract relations from files and folders into a CSV or Parquet table")
    b.add_argument("inputs", nargs="+", help=".txt .md .html .json .jsonl files or folders")
    b.add_argument("--out", required=True, help="output file, .csv or .parquet (written atomically)")
    b.add_argument("--date", default="", help="publication date for every input (overrides the files')")
    common(b)
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("evaluate", help="score the extraction against gold annotations")
    e.add_argument("--articles", nargs="+", default=["data/articles"], help="article files or folders")
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
    common(e)
    e.set_defaults(func=cmd_evaluate)

    from .store_cli import add_store_commands

    add_store_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ExtractionError as exc:
        _stderr(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        _stderr("interrupted")
        return 130
    except BrokenPipeError:
        return 0

