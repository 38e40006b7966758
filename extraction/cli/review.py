"""The review commands: ``review confirm|reject|fix|add|list`` and ``gold``.

Each verdict is recorded under a reviewer's name: ``--reviewer``, else the setting
``RELDASH_REVIEWER``, else the login name. Errors (unknown relation id, actor, type or
document, bad date) become one-line messages in :func:`extraction.cli.common.run_command`;
nothing is written then.
"""

from __future__ import annotations

import argparse
import getpass
import unicodedata

import pandas as pd

from extraction import config
from extraction.cli.common import add_db_option, stderr
from extraction.store.reports import VERDICT_DONE


def _store(args: argparse.Namespace):
    from extraction.store import Store

    return Store(args.db)


def reviewer(args: argparse.Namespace) -> str:
    """``--reviewer``, else ``RELDASH_REVIEWER``, else the login name ("" when none is known)."""
    if args.reviewer is not None:
        return args.reviewer
    if config.reviewer():
        return config.reviewer()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def one_line(text: str, limit: int) -> str:
    """``text`` on one line for a terminal: control characters escaped, cut at ``limit``."""
    shown = "".join(
        " " if ch in "\n\t" else (f"\\x{ord(ch):02x}" if unicodedata.category(ch).startswith("C") else ch)
        for ch in str(text)
    )
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def cmd_review_confirm(args: argparse.Namespace) -> int:
    for report in _store(args).confirm_many(args.relation_id, reviewer=reviewer(args), note=args.note):
        print(report.summary())
    return 0


def cmd_review_reject(args: argparse.Namespace) -> int:
    for report in _store(args).reject_many(args.relation_id, reviewer=reviewer(args), note=args.note):
        print(report.summary())
    return 0


def cmd_review_fix(args: argparse.Namespace) -> int:
    report = _store(args).fix(
        args.relation_id,
        event_type=args.type,
        source=args.source,
        target=args.target,
        event_date=args.date,
        negated=args.negated,
        reviewer=reviewer(args),
        note=args.note,
    )
    print(report.summary())
    return 0


def cmd_review_add(args: argparse.Namespace) -> int:
    report = _store(args).add_relation(
        args.doc_id,
        source=args.source,
        target=args.target,
        event_type=args.type,
        event_date=args.date,
        sentence_id=args.sentence_id,
        negated=args.negated,
        reviewer=reviewer(args),
        note=args.note,
    )
    print(report.summary())
    return 0


def cmd_review_list(args: argparse.Namespace) -> int:
    store = _store(args)
    reviews = store.reviews(history=args.all)
    progress = store.review_progress()
    if reviews.empty:
        print(f"no reviews in {store.path}")
    else:
        print(review_table(reviews))
    print(review_summary(reviews if not args.all else store.reviews(), progress))
    return 0


def review_table(reviews: pd.DataFrame) -> str:
    """The lines of ``review list``: one per verdict."""
    width = max(11, int(reviews["relation_id"].str.len().max()))
    lines = [f"{'relation_id':<{width}}  {'verdict':<7}  {'state':<10}  {'reviewed (UTC)':<16}  reviewer  relation"]
    for r in reviews.itertuples(index=False):
        when = pd.Timestamp(r.reviewed_at).strftime("%Y-%m-%d %H:%M")
        details = [one_line(r.changes, 200)] if r.changes else []
        if r.note:
            details.append(f'note: "{one_line(r.note, 120)}"')
        line = (
            f"{r.relation_id:<{width}}  {r.verdict:<7}  {r.state:<10}  {when:<16}  "
            f"{one_line(r.reviewer, 20)}  {one_line(r.relation, 80)}"
        )
        lines.append(line + (f"  [{'; '.join(details)}]" if details else ""))
    return "\n".join(lines)


def review_summary(latest: pd.DataFrame, progress: pd.DataFrame) -> str:
    """``5 reviewed relations (2 confirmed, 1 rejected, 1 fixed, 1 added); ...``: the last line of ``review list``."""
    counts = latest["verdict"].value_counts()
    parts = ", ".join(f"{int(counts.get(v, 0))} {done}" for v, done in VERDICT_DONE.items())
    text = f"{len(latest)} reviewed relation{'s' if len(latest) != 1 else ''} ({parts})"
    orphaned = int((latest["state"] == "orphaned").sum())
    if orphaned:
        text += (
            f"; {orphaned} review{'s' if orphaned != 1 else ''} of relations no longer in the store "
            "(kept: they apply again if the relation comes back)"
        )
    done = int(progress["fully_reviewed"].sum())
    return text + f"; {done} of {len(progress)} articles fully reviewed"


def cmd_gold(args: argparse.Namespace) -> int:
    from extraction.gold import gold_tables, write_gold

    store = _store(args)
    progress = store.review_progress()
    tables = gold_tables(store)
    partly = int(((progress["reviewed"] > 0) & ~progress["fully_reviewed"]).sum())
    if not tables:
        stderr(
            "error: no article is fully reviewed yet: give every relation of an article a verdict (see `review list`)"
        )
        return 1
    paths = write_gold(tables, args.out, force=args.force)
    rows = sum(len(t) for t in tables.values())
    print(
        f"{len(paths)} fully reviewed article{'s' if len(paths) != 1 else ''}, {rows} gold rows -> {args.out}"
        + (f" ({partly} partly reviewed article{'s' if partly != 1 else ''} left out)" if partly else "")
    )
    return 0


def _add_common(p: argparse.ArgumentParser, *, note: bool = True) -> None:
    if note:
        p.add_argument("--note", default="", help="a note kept with the verdict")
    p.add_argument(
        "--reviewer",
        default=None,
        help=f"name recorded with the verdict (default: env {config.REVIEWER_ENV}, else the login name)",
    )
    add_db_option(p)


def add_review_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``review`` (with its subcommands) and ``gold`` to the CLI's subparsers."""
    review = sub.add_parser("review", help="confirm, reject, fix or add relations in the store; list the reviews")
    verbs = review.add_subparsers(dest="review_command", required=True, metavar="{confirm,reject,fix,add,list}")

    for verb, func, text in (
        ("confirm", cmd_review_confirm, "record that a relation is right"),
        ("reject", cmd_review_reject, "record that a relation is wrong (hidden from the reviewed views)"),
    ):
        p = verbs.add_parser(verb, help=text)
        p.add_argument(
            "relation_id",
            nargs="+",
            help="the relation's id (column relation_id of the table and exports); several: all or none recorded",
        )
        _add_common(p)
        p.set_defaults(func=func)

    fix = verbs.add_parser("fix", help="record corrected values for a relation")
    fix.add_argument("relation_id", help="the relation's id")
    fix.add_argument("--type", help="PLOVER event type, e.g. SANCTION")
    fix.add_argument("--source", help="actor code of the side that acts, e.g. USA")
    fix.add_argument("--target", help="actor code of the side acted upon")
    fix.add_argument("--date", help="event date: YYYY-MM-DD, YYYY-MM or YYYY")
    negation = fix.add_mutually_exclusive_group()
    negation.add_argument("--negated", dest="negated", action="store_const", const=True, default=None,
                          help="the text says it did not happen")  # fmt: skip
    negation.add_argument("--asserted", dest="negated", action="store_const", const=False,
                          help="the text says it happened (not negated)")  # fmt: skip
    _add_common(fix)
    fix.set_defaults(func=cmd_review_fix)

    add = verbs.add_parser("add", help="record a relation the extraction missed in a stored article")
    add.add_argument("doc_id", help="the article's doc_id (see `list`)")
    add.add_argument("--source", required=True, help="actor code of the side that acts")
    add.add_argument("--target", required=True, help="actor code of the side acted upon")
    add.add_argument("--type", required=True, help="PLOVER event type")
    add.add_argument("--date", default=None, help="event date: YYYY-MM-DD, YYYY-MM or YYYY (default: publication date)")
    add.add_argument("--sentence-id", type=int, default=None, help="the sentence stating it (numbered from 0)")
    add.add_argument("--negated", action="store_true", help="the text says it did not happen")
    _add_common(add)
    add.set_defaults(func=cmd_review_add)

    ls = verbs.add_parser("list", help="list the reviews and the review progress")
    ls.add_argument("--all", action="store_true", help="every verdict, also those superseded by a later one")
    add_db_option(ls)
    ls.set_defaults(func=cmd_review_list)

    g = sub.add_parser("gold", help="write the fully reviewed articles as gold CSVs (data/gold's format)")
    g.add_argument("--out", required=True, help="folder for the gold files (one <doc_id>.csv per article)")
    g.add_argument("--force", action="store_true", help="replace gold files already in the folder")
    add_db_option(g)
    g.set_defaults(func=cmd_gold)
