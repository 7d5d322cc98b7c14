"""The ``mentordesk`` command line. Each module in this package registers its commands.

User mistakes (a bad option value, a missing file, an index built with another model)
are reported on stderr as one line, with a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from mentordesk.cli import app, drafts, library, relationships, team
from store.errors import UserError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit code 2, like argparse but terser
        self.print_usage(sys.stderr)
        raise SystemExit(f"mentordesk: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mentordesk", description="MentorDesk: your mentoring library and assistant.")
    parser.add_argument("--user", metavar="NAME",
                        help="team mode: act as this user (default: $MENTORDESK_USER)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in (library, relationships, drafts, team, app):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.user is not None:  # read by Settings, like every other setting
        os.environ["MENTORDESK_USER"] = args.user
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"mentordesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("mentordesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the reader left: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
