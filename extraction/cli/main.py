"""The command line's parser and entry point: ``python -m extraction COMMAND ...`` (or ``reldash``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from extraction.cli.build import add_build_commands
from extraction.cli.common import run_command
from extraction.cli.review import add_review_commands
from extraction.cli.store import add_store_commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extraction",
        description="Extract directed relations among the US, Japan, the Koreas, China, Russia and Taiwan "
        "from news articles.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add_build_commands(sub)
    add_store_commands(sub)
    add_review_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: the command line), run the command, return its exit code."""
    args = build_parser().parse_args(argv)
    return run_command(args)
