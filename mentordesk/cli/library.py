"""Library commands: ingest, search, ask, reindex, status."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from store.errors import UserError
from store.kinds import DOCUMENT_KINDS


def register(commands) -> None:
    p = commands.add_parser("ingest", help="add files or folders to the library")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--kind", choices=DOCUMENT_KINDS,
                   help="default: detect. A file is a note when it says who and when (front matter, a Date: or "
                        "With: line, a title such as 'Coffee with Amara', or a name from your tracking table and a "
                        "date); else a document")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--shared", action="store_true",
                   help="team mode, program admins only: add guidance every mentee can read")
    p.set_defaults(func=cmd_ingest)

    p = commands.add_parser("search", help="search the library (hybrid dense + keyword)")
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--queries-file", type=Path, help="one query per line")
    add_filter_arguments(p)
    p.add_argument("-k", type=positive_int, default=5, help="results per query (default 5)")
    p.add_argument("--mode", choices=("hybrid", "dense", "keyword"), default="hybrid")
    p.add_argument("--json", action="store_true", help="one JSON line per query")
    p.set_defaults(func=cmd_search)

    p = commands.add_parser("ask", help="ask a question; the answer cites its sources")
    p.add_argument("question", metavar="QUESTION")
    add_filter_arguments(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = commands.add_parser("reindex", help="rebuild the search index from the store")
    p.set_defaults(func=cmd_reindex)

    p = commands.add_parser("doctor", help="compare the search index with the library and repair what differs")
    p.add_argument("--check", action="store_true", help="only report; change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_doctor)

    p = commands.add_parser("export", help="everything of your library in one .zip (no secrets, no vectors)")
    p.add_argument("file", type=Path, metavar="FILE.zip")
    p.set_defaults(func=cmd_export)

    p = commands.add_parser("import", help="restore an export into an empty library")
    p.add_argument("file", type=Path, metavar="FILE.zip")
    p.set_defaults(func=cmd_import)

    p = commands.add_parser("status", help="data folder, counts, models")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)


# ----- shared helpers -----------------------------------------------------------------
def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kind", choices=DOCUMENT_KINDS, action="append", help="only this kind (repeatable)")
    parser.add_argument("--mentor", help="only notes of this mentor (full or first name)")
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD")


@contextmanager
def user_errors():
    """Turn problems the user can fix into one-line errors."""
    try:
        yield
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "setting"
        raise UserError(f"invalid setting {field}: {first['msg']}") from None


def open_desk(*, guidance: bool = True):
    """The application for this command, with the built-in guidance indexed."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    with user_errors():
        desk = MentorDesk(Settings())
        _ = desk.scope  # team mode with no user, or a user in single-user mode, fails here
        _ = desk.embedder  # a bad embedding setting is reported here, before any work
        if desk.db.backup is not None:  # opening it upgraded an older data folder's database
            print(f"note: upgraded the data folder to this version; a copy of it as it was is {desk.db.backup}",
                  file=sys.stderr)
        if guidance:  # the commands that search or ingest
            desk.warm_embedder_in_background()
            desk.ensure_builtin_guidance(progress=stderr_progress)
    return desk


def build_filter(desk, args):
    from vectorstore.filters import SearchFilter

    mentors = resolve_mentor_or_fail(desk, args.mentor) if args.mentor else ()
    try:
        return SearchFilter(kinds=tuple(args.kind or ()), mentors=mentors, since=args.since, until=args.until)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def resolve_mentor_or_fail(desk, name: str) -> tuple[str, ...]:
    import difflib

    from vectorstore.filters import mentor_key

    if not name.strip():
        raise UserError("--mentor is empty")
    keys = desk.index.resolve_mentor(name)
    known = desk.index.mentor_names()
    if any(key in known for key in keys):
        return keys
    close = difflib.get_close_matches(mentor_key(name) or "", list(known), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(known[k] for k in close)}?" if close else (
        f"; known: {', '.join(sorted(known.values()))}" if known else "; no notes name a mentor yet")
    raise UserError(f"no mentor named {name!r} in your library{hint}")


def stderr_progress(stage: str, done: int, total: int) -> None:
    if not sys.stderr.isatty():  # progress is for people watching a terminal, not for logs
        return
    end = "\n" if done == total else "\r"
    print(f"{stage}: {done}/{total}", end=end, file=sys.stderr, flush=True)


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, default=str))


# ----- commands -----------------------------------------------------------------------
def cmd_ingest(args) -> int:
    desk = open_desk()
    ingest = desk.ingest
    if args.shared:
        if not desk.is_admin:
            raise UserError("--shared is for program admins in team mode (MENTORDESK_ADMINS)")
        if args.kind not in (None, "guidance"):
            raise UserError("--shared adds guidance; leave out --kind or use --kind guidance")
        ingest, args.kind = desk.shared_ingest, "guidance"
    with user_errors():
        report = ingest.ingest_paths(args.paths, kind=args.kind, progress=stderr_progress)
    meetings = desk.relationships.notes_sync.last_report  # dated notes became meetings
    if args.json:
        print_json({**report.to_dict(), "meetings": meetings.to_dict() if meetings else None})
    else:
        print(report.summary())
        for name, reason in report.skipped:
            print(f"  skipped {name}: {reason}")
        if meetings is not None and (meetings.changed or meetings.needs_review):
            print(meetings.summary())
    if not report.read_anything:
        print("mentordesk: error: nothing valid was read", file=sys.stderr)
        return 1
    return 0


def _result_dict(result) -> dict:
    return {
        "text": result.text, "source": result.source, "kind": result.kind, "mentor": result.mentor,
        "date": result.date.isoformat() if result.date else None, "score": round(result.score, 6),
        "title": result.title, "position": result.position,
    }


def cmd_search(args) -> int:
    if bool(args.query) == bool(args.queries_file):
        raise UserError("give either a QUERY or --queries-file FILE")
    if args.queries_file:
        try:
            lines = args.queries_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {args.queries_file}: {getattr(exc, 'strerror', None) or exc}") from None
        queries = [line.strip() for line in lines if line.strip()]
        if not queries:
            raise UserError(f"{args.queries_file} has no queries")
    else:
        if not args.query.strip():
            raise UserError("the query is empty")
        queries = [args.query]
    desk = open_desk()
    flt = build_filter(desk, args)
    with user_errors():
        if args.mode != "keyword":
            warn_if_partial(desk)
        for query in queries:
            results = desk.index.search(query, args.k, flt, mode=args.mode)
            if args.json:
                print_json({"query": query, "results": [_result_dict(r) for r in results]})
                continue
            print(f"# {query}")
            if not results:
                print("  (no results)")
            for n, r in enumerate(results, 1):
                snippet = " ".join(r.text.split())[:160]
                print(f"{n}. [{r.score:.4f}] {r.citation_label()}\n   {snippet}")
    return 0


def cmd_ask(args) -> int:
    if not args.question.strip():
        raise UserError("the question is empty")
    desk = open_desk()
    flt = build_filter(desk, args)
    with user_errors():
        warn_if_partial(desk)
        stream = desk.chat.ask(args.question, flt=flt)
        if args.json:
            answer = stream.result()
            print_json({
                "answer": answer.text,
                "found": answer.found,
                "citations": [{"n": c.n, "source": c.result.source, "text": c.result.text,
                               "title": c.result.title, "mentor": c.result.mentor,
                               "date": c.result.date.isoformat() if c.result.date else None}
                              for c in answer.citations],
                "unsupported": answer.unsupported, "warning": answer.warning,
            })
            return 0
        for piece in stream:
            print(piece, end="", flush=True)
        answer = stream.result()
        print()
        if answer.warning:
            print(f"\nwarning: {answer.warning}", file=sys.stderr)
        for sentence in answer.unsupported:
            print(f"  not in the passages: {sentence}", file=sys.stderr)
        if answer.citations:
            print("\nSources:")
            for c in answer.citations:
                print(f"  [{c.n}] {c.result.citation_label()} — {c.result.source}")
        elif answer.found and answer.passages:
            print("\nPassages it had:")
            for n, p in enumerate(answer.passages, 1):
                print(f"  [{n}] {p.citation_label()} — {p.source}")
    return 0


def cmd_reindex(args) -> int:
    desk = open_desk(guidance=False)
    with user_errors():
        count = desk.reindex(progress=lambda done, total: stderr_progress("embedding", done, total))
    print(f"reindexed {count} chunks with {desk.embedder.name}")
    return 0


def cmd_doctor(args) -> int:
    from mentordesk.doctor import examine

    desk = open_desk(guidance=False)
    with user_errors():
        report = examine(desk, repair=not args.check)
    if args.json:
        print_json(report.to_dict())
    else:
        print("\n".join(report.lines()))
    # exit 0 when the index is (now) sound; 1 when --check found something to repair
    return 0 if report.healthy or (report.repaired and not args.check) else 1


def cmd_export(args) -> int:
    from mentordesk.backup import export_library

    desk = open_desk(guidance=False)
    with user_errors():
        counts = export_library(desk, args.file)
    print(f"exported to {args.file}: " + ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in counts.items()))
    return 0


def cmd_import(args) -> int:
    from mentordesk.backup import import_library

    desk = open_desk()
    with user_errors():
        counts = import_library(desk, args.file)
    print(f"imported {args.file}: " + ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in counts.items()))
    return 0


def warn_if_partial(desk) -> None:
    """Say on stderr when the index holds fewer entries than the library has passages (a
    deleted or damaged index, a killed rebuild): results may be missing some."""
    passages, entries = desk.index.coverage()
    if entries < passages:
        print(f"note: the search index has {entries} entries for {passages} passages, so results may be "
              "incomplete; run `mentordesk doctor` to repair it", file=sys.stderr)


def cmd_status(args) -> int:
    desk = open_desk(guidance=False)
    with user_errors():
        status = desk.status()
        status["index_entries"] = desk.index_count()
    if args.json:
        print_json(status)
        return 0
    for key, value in status.items():
        print(f"{key.replace('_', ' ')}: {value}")
    if status["index_entries"] != status["chunks"]:
        print("note: the index and the store differ; run `mentordesk doctor`")
    return 0
