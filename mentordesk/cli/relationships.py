"""Relationship commands: profile, mentors (the target list), meetings, advice, due.

Only ``meetings add|edit|delete`` and ``mentors delete --with-notes`` touch the search
index; every other command here reads and writes the database alone, so it never loads
the embedding model and answers in about a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from mentordesk.cli.library import iso_date, open_desk, positive_int, print_json, user_errors
from store.errors import UserError
from store.tables import DIRECTIONS, OUTCOMES, STAGES

OPEN_ACTIONS_SHOWN = 10
OUTCOME_LABELS = {"tried": "tried", "worked": "worked", "didnt_work": "didn't work", "not_for_me": "not for me"}


def register(commands) -> None:
    _register_profile(commands)
    _register_mentors(commands)
    _register_meetings(commands)
    _register_advice(commands)

    p = commands.add_parser("due", help="what is due: mentors to meet, follow-ups, actions, today's outreach")
    p.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD", help="pretend today is this date")
    p.add_argument("--json", action="store_true")
    p.add_argument("--ics", type=Path, metavar="FILE", help="also write upcoming meetings to this .ics calendar file")
    p.set_defaults(func=cmd_due)


def _register_profile(commands) -> None:
    p = commands.add_parser("profile", help="your name, role, goals and the values you look for in a leader")
    sub = p.add_subparsers(dest="profile_command", required=True)
    s = sub.add_parser("set", help="set profile fields (only those given change)")
    s.add_argument("--name")
    s.add_argument("--role")
    s.add_argument("--goals")
    s.add_argument("--values", help='3 to 5 qualities, comma-separated: "kindness, candour, curiosity"')
    s.set_defaults(func=cmd_profile_set)
    s = sub.add_parser("show", help="show the profile")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_profile_show)


def _person_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--company")
    parser.add_argument("--role")
    parser.add_argument("--contact", help="email, phone or profile link")
    parser.add_argument("--connection", help="warm or cold")
    parser.add_argument("--introducer", help="who could introduce you")
    parser.add_argument("--stage", help=", ".join(STAGES))
    parser.add_argument("--notes")


def _register_mentors(commands) -> None:
    p = commands.add_parser("mentors", help="your target list and mentors (the tracking table)")
    sub = p.add_subparsers(dest="mentors_command", required=True)
    s = sub.add_parser("add", help="add a person")
    s.add_argument("name", metavar="NAME")
    _person_options(s)
    s.set_defaults(func=cmd_mentors_add)
    s = sub.add_parser("edit", help='change fields of a person ("" clears a field)')
    s.add_argument("name", metavar="NAME")
    s.add_argument("--name", dest="new_name", metavar="NEW_NAME", help="rename")
    _person_options(s)
    s.set_defaults(func=cmd_mentors_edit)
    s = sub.add_parser("delete", help="delete a person and their history")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--with-notes", action="store_true", help="also delete their meeting notes from the library")
    s.set_defaults(func=cmd_mentors_delete)
    s = sub.add_parser("list", help="list everyone")
    s.add_argument("--stage", help="only this stage")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_mentors_list)
    s = sub.add_parser("show", help="one person: details and timeline of meetings, advice and messages")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_mentors_show)
    s = sub.add_parser("import", help="import people from a .csv or .xlsx file (updates people already there)")
    s.add_argument("file", type=Path, metavar="FILE")
    s.add_argument("--sheet", metavar="NAME", help="the sheet to read from a workbook with several")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_mentors_import)
    s = sub.add_parser("export", help="export everyone to a .csv or .xlsx file")
    s.add_argument("file", type=Path, metavar="FILE")
    s.set_defaults(func=cmd_mentors_export)
    s = sub.add_parser("log", help="add to a person's message history")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--direction", required=True, help=", ".join(DIRECTIONS))
    s.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    s.add_argument("--summary", required=True, help="what was said, in a line")
    s.set_defaults(func=cmd_mentors_log)


def _register_meetings(commands) -> None:
    p = commands.add_parser("meetings", help="meetings and their notes")
    p.add_argument("--mentor", dest="filter_mentor", metavar="NAME", help="only meetings with this person")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings_list)
    sub = p.add_subparsers(dest="meetings_command")
    for name, helptext in (("add", "record a meeting and its notes (indexed for search at once)"),
                           ("edit", "change a meeting written in the app")):
        s = sub.add_parser(name, help=helptext)
        if name == "edit":
            s.add_argument("id", type=positive_int, metavar="ID")
        s.add_argument("--mentor", required=name == "add", metavar="NAME")
        s.add_argument("--date", type=iso_date, required=name == "add", metavar="YYYY-MM-DD")
        s.add_argument("--purpose")
        notes = s.add_mutually_exclusive_group()
        notes.add_argument("--notes-file", type=Path, metavar="FILE", help="markdown notes (front matter is dropped)")
        notes.add_argument("--notes", metavar="TEXT")
        s.add_argument("--json", action="store_true")
        s.set_defaults(func=cmd_meetings_save)
    s = sub.add_parser("list", help="every meeting, newest last (the same as `meetings` alone)")
    s.add_argument("--mentor", dest="filter_mentor", metavar="NAME", help="only meetings with this person")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_meetings_list)
    s = sub.add_parser("show", help="a meeting with its notes and advice")
    s.add_argument("id", type=positive_int, metavar="ID")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_meetings_show)
    s = sub.add_parser("delete", help="delete a meeting and remove its notes from the library")
    s.add_argument("id", type=positive_int, metavar="ID")
    s.set_defaults(func=cmd_meetings_delete)
    s = sub.add_parser("review", help="notes that could not become meetings (no mentor, no date, an unclear name)")
    s.add_argument("--all", action="store_true", help="also the notes marked as not a meeting")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_meetings_review)
    s = sub.add_parser("settle", help="place a note from the review list, or mark it as not a meeting")
    s.add_argument("id", type=positive_int, metavar="ID", help="the id shown by `meetings review`")
    s.add_argument("--mentor", metavar="NAME", help="who the meeting was with")
    s.add_argument("--new-person", nargs="?", const="", metavar="NAME",
                   help="add them to your list first (default: the name the note gives)")
    s.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="when it was (for a note with no date)")
    s.add_argument("--not-a-meeting", action="store_true", help="the note is not a meeting: stop asking")
    s.add_argument("--reopen", action="store_true", help="forget the choice made for this note")
    s.set_defaults(func=cmd_meetings_settle)
    s = sub.add_parser("add-new", help="add every new person the waiting notes name, and make their notes meetings")
    s.set_defaults(func=cmd_meetings_add_new)
    s = sub.add_parser("followup", help="record that the follow-up for a meeting was sent")
    s.add_argument("id", type=positive_int, metavar="ID")
    s.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    s.set_defaults(func=cmd_meetings_followup)


def _register_advice(commands) -> None:
    p = commands.add_parser("advice", help="the advice ledger: advice and action items from your notes")
    p.add_argument("--mentor", metavar="NAME")
    p.add_argument("--open", action="store_true", help="only actions not done and advice with no outcome yet")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_advice_list)
    sub = p.add_subparsers(dest="advice_command")
    s = sub.add_parser("done", help="mark an action item done")
    s.add_argument("id", type=positive_int, metavar="ID")
    s.add_argument("--undo", action="store_true", help="mark it not done")
    s.set_defaults(func=cmd_advice_done)
    s = sub.add_parser("outcome", help="record what came of a piece of advice")
    s.add_argument("id", type=positive_int, metavar="ID")
    s.add_argument("outcome", metavar="OUTCOME", help=", ".join(OUTCOMES))
    s.set_defaults(func=cmd_advice_outcome)
    s = sub.add_parser("reported", help="record that you told the mentor these outcomes")
    s.add_argument("ids", type=positive_int, nargs="+", metavar="ID")
    s.set_defaults(func=cmd_advice_reported)


# ----- helpers -----------------------------------------------------------------------------
def _relationships():
    """The relationship services, without the guidance index (no model is loaded)."""
    return open_desk(guidance=False).relationships


def _print_table(headers: list[str], rows: list[list[object]]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [min(max([len(h)] + [len(r[i]) for r in cells]), 40) for i, h in enumerate(headers)]
    print("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(row, widths)).rstrip())


def _person_fields(args) -> dict:
    return {key: getattr(args, key) for key in ("company", "role", "contact", "connection", "introducer", "stage",
                                                 "notes")}


def _read_notes(args) -> str:
    if args.notes is not None:
        return args.notes
    if args.notes_file is None:
        return ""
    from ingest.frontmatter import FrontMatterError, split_front_matter

    try:
        text = args.notes_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {args.notes_file}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return split_front_matter(text)[1]
    except FrontMatterError as exc:
        raise UserError(f"{args.notes_file}: {exc}") from None


def _advice_line(item) -> str:
    box = ("[x] " if item.done else "[ ] ") if item.kind == "action" else ""
    state = ""
    if item.outcome:
        state = f"  ({OUTCOME_LABELS[item.outcome]}{', reported' if item.outcome_reported else ''})"
    return f"#{item.id} {item.kind:<6} {box}{item.text}  · {item.person_name}, {item.meeting_date.isoformat()}{state}"


def _meeting_line(m) -> str:
    what = m.purpose or m.title or ("(no notes)" if not m.has_note else "")
    counts = f"{m.advice} advice, {m.open_actions} open action{'s' if m.open_actions != 1 else ''}"
    follow = f"; follow-up sent {m.follow_up_sent_on.isoformat()}" if m.follow_up_sent_on else ""
    return f"#{m.id} {m.date.isoformat()} {m.person_name}: {_shorten(what, 90)}  ({counts}{follow})"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# ----- profile -----------------------------------------------------------------------------
def cmd_profile_set(args) -> int:
    changes = {"name": args.name, "role": args.role, "goals": args.goals, "values": args.values}
    if all(v is None for v in changes.values()):
        raise UserError("nothing to set: give --name, --role, --goals or --values")
    profile = _relationships().profile.update(**changes)
    _print_profile(profile)
    return 0


def cmd_profile_show(args) -> int:
    profile = _relationships().profile.get()
    if args.json:
        print_json(profile.to_dict())
    elif profile.empty:
        print('no profile yet: mentordesk profile set --name NAME --role ROLE --values "a, b, c"')
    else:
        _print_profile(profile)
    return 0


def _print_profile(profile) -> None:
    print(f"name: {profile.name or '-'}")
    print(f"role: {profile.role or '-'}")
    print(f"goals: {profile.goals or '-'}")
    print(f"values: {', '.join(profile.values) or '-'}")


# ----- mentors -----------------------------------------------------------------------------
def cmd_mentors_add(args) -> int:
    people = _relationships().people
    person = people.add(args.name, **_person_fields(args))
    print(f"added {person.label} · {person.stage}")
    for nudge in people.nudges():
        print(f"note: {nudge}")
    return 0


def cmd_mentors_edit(args) -> int:
    person = _relationships().people.edit(args.name, name=args.new_name, **_person_fields(args))
    print(f"updated {person.label} · {person.stage}")
    return 0


def cmd_mentors_delete(args) -> int:
    with user_errors():  # deleting notes opens the index, which may report a model mismatch
        person = _relationships().people.delete(args.name, with_notes=args.with_notes)
    print(f"deleted {person.label}")
    return 0


def cmd_mentors_list(args) -> int:
    people = _relationships().people
    everyone = people.list(stage=_stage_filter(args.stage))
    if args.json:
        print_json([p.to_dict() for p in everyone])
        return 0
    if not everyone:
        print("no one yet: mentordesk mentors add NAME --company COMPANY, or mentors import FILE")
    else:
        _print_table(["name", "company", "role", "connection", "introducer", "stage", "last contact"],
                     [[p.name, p.company, p.role, p.connection, p.introducer, p.stage, p.last_contacted()]
                      for p in everyone])
    if args.stage is None:
        for nudge in people.nudges():
            print(f"note: {nudge}")
    return 0


def _stage_filter(stage: str | None) -> str | None:
    if stage is None:
        return None
    from mentordesk.relationships.schemas import choice

    try:
        return choice(stage, STAGES)
    except ValueError as exc:
        raise UserError(f"--stage: {exc}") from None


def cmd_mentors_show(args) -> int:
    detail = _relationships().people.detail(args.name)
    if args.json:
        print_json(detail.to_dict())
        return 0
    p = detail.person
    print(f"{p.label} · {p.stage}")
    for key in ("role", "contact", "connection", "introducer", "notes"):
        if getattr(p, key):
            print(f"  {key}: {getattr(p, key)}")
    timeline = detail.timeline()
    if timeline:
        print("timeline (newest first):")
    for entry in timeline:
        detail_text = f" ({entry.detail})" if entry.detail and entry.kind != "meeting" else ""
        print(f"  {entry.date.isoformat()}  {entry.kind:<7} #{entry.ref_id} {_shorten(entry.text, 100)}{detail_text}")
    return 0


def cmd_mentors_import(args) -> int:
    report = _relationships().table.import_file(args.file, args.sheet)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.summary())
        if report.ignored_columns:
            print(f"  ignored columns: {', '.join(report.ignored_columns)}")
        for note in report.read_as:
            print(f"  {note}")
    for error in report.errors:
        print(f"mentordesk: {report.file}, {error}", file=sys.stderr)
    # Rows with errors are skipped and reported; the command fails only if nothing was imported.
    return 1 if report.errors and not report.imported else 0


def cmd_mentors_export(args) -> int:
    count = _relationships().table.export_file(args.file)
    print(f"exported {count} {'person' if count == 1 else 'people'} to {args.file}")
    return 0


def cmd_mentors_log(args) -> int:
    entry = _relationships().people.log_message(args.name, args.direction, args.summary, args.date)
    print(f"logged {entry.direction} on {entry.date.isoformat()} for {entry.person_name}")
    return 0


# ----- meetings ----------------------------------------------------------------------------
def cmd_meetings_list(args) -> int:
    meetings = _relationships().meetings.list(args.filter_mentor)
    if args.json:
        print_json([m.to_dict() for m in meetings])
        return 0
    if not meetings:
        print("no meetings yet: mentordesk meetings add --mentor NAME --date YYYY-MM-DD --notes-file FILE")
    for meeting in meetings:
        print(_meeting_line(meeting))
    waiting = _relationships().reviews.waiting()
    if waiting and not args.filter_mentor:
        print(f"{waiting} note(s) could not be placed as meetings: mentordesk meetings review", file=sys.stderr)
    return 0


def cmd_meetings_review(args) -> int:
    reviews = _relationships().reviews
    items = reviews.list() + (reviews.list(dismissed=True) if args.all else [])
    if args.json:
        print_json([i.to_dict() for i in items])
        return 0
    if not items:
        print("nothing to review: every note is a meeting")
        return 0
    for item in items:
        print(f"[{item.id}] {item.file_name}: {item.reason_text} ({item.detail})")
        if item.suggested_name:
            print(f"      add them: mentordesk meetings settle {item.id} --new-person (or all of them: meetings add-new)")
        if item.candidates:
            print(f"      could be: {', '.join(name for _, name in item.candidates)}")
        print(f"      {_shorten(item.excerpt, 100)}")
    print("settle one with: mentordesk meetings settle ID --mentor NAME [--date YYYY-MM-DD] | --not-a-meeting")
    return 0


def cmd_meetings_add_new(args) -> int:
    rel = _relationships()
    with user_errors():
        settled = rel.reviews.add_suggested()
    if not settled:
        print("no waiting note names someone new (see `mentordesk meetings review`)")
        return 0
    for item in settled:
        meeting = rel.meetings.meeting_for_source(item.source)
        print(f"{item.file_name} is now a meeting: {_meeting_line(meeting)}" if meeting else f"{item.file_name}: settled")
    return 0


def cmd_meetings_settle(args) -> int:
    rel = _relationships()
    with user_errors():
        if ((args.not_a_meeting or args.reopen) and (args.mentor or args.date or args.new_person is not None)
                or (args.not_a_meeting and args.reopen)):
            raise UserError("--not-a-meeting and --reopen go alone (not with each other, --mentor, --new-person or --date)")
        if args.reopen:
            item = rel.reviews.reopen(args.id)
            print(f"{item.file_name}: choice forgotten; it is read again like a new note")
            return 0
        new_person = args.new_person
        if new_person == "":  # --new-person alone: the name the note gives
            waiting = next((i for i in rel.reviews.list() if i.id == args.id), None)
            if waiting is None or not waiting.suggested_name:
                raise UserError(f"note {args.id} suggests no name; give one: --new-person \"Full Name\"")
            new_person = waiting.suggested_name
        item = rel.reviews.settle(args.id, person=args.mentor, date=args.date, dismiss=args.not_a_meeting,
                                  new_person=new_person)
    if args.not_a_meeting:
        print(f"{item.file_name}: not a meeting (it stays in the library for search)")
        return 0
    meeting = rel.meetings.meeting_for_source(item.source)
    if meeting is None:
        left = next((i for i in rel.reviews.list() if i.source == item.source), None)
        print(f"{item.file_name} still needs: {left.reason_text if left else 'review'}", file=sys.stderr)
        return 1
    print(f"{item.file_name} is now a meeting: {_meeting_line(meeting)}")
    return 0


def cmd_meetings_save(args) -> int:
    notes = _read_notes(args)
    rel = _relationships()
    with user_errors():
        if getattr(args, "id", None) is None:
            meeting = rel.meetings.save(args.mentor, args.date, args.purpose, notes)
        else:
            current = rel.meetings.get(args.id)
            meeting = rel.meetings.save(
                args.mentor or current.meeting.person_name, args.date or current.meeting.date,
                args.purpose if args.purpose is not None else current.meeting.purpose,
                notes if (args.notes is not None or args.notes_file is not None) else current.notes,
                meeting_id=args.id,
            )
    if args.json:
        print_json(meeting.to_dict())
    else:
        print(f"saved {_meeting_line(meeting)}")
    return 0


def cmd_meetings_show(args) -> int:
    detail = _relationships().meetings.get(args.id)
    if args.json:
        print_json(detail.to_dict())
        return 0
    print(_meeting_line(detail.meeting))
    if detail.meeting.source:
        print(f"  source: {detail.meeting.source}")
    for item in detail.advice:
        print(f"  {_advice_line(item)}")
    if detail.notes:
        print("\n" + detail.notes.strip())
    return 0


def cmd_meetings_delete(args) -> int:
    with user_errors():
        meeting = _relationships().meetings.delete(args.id)
    print(f"deleted meeting #{meeting.id} with {meeting.person_name} on {meeting.date.isoformat()}")
    from mentordesk.relationships.meetings import is_file_note

    if is_file_note(meeting.source) and Path(meeting.source).exists():
        print(f"note: the file {meeting.source} still exists; ingesting its folder again brings the meeting back")
    return 0


def cmd_meetings_followup(args) -> int:
    meeting = _relationships().meetings.mark_follow_up_sent(args.id, args.date)
    print(f"follow-up for meeting #{meeting.id} recorded as sent on {meeting.follow_up_sent_on.isoformat()}")
    return 0


# ----- advice ------------------------------------------------------------------------------
def cmd_advice_list(args) -> int:
    items = _relationships().advice.list(args.mentor, open_only=args.open)
    if args.json:
        print_json([i.to_dict() for i in items])
        return 0
    if not items:
        print("no advice yet: notes with bullets under headings like 'Advice' or 'Action items' fill this in")
    for item in items:
        print(_advice_line(item))
    return 0


def cmd_advice_done(args) -> int:
    item = _relationships().advice.set_done(args.id, not args.undo)
    print(f"#{item.id} marked {'done' if item.done else 'not done'}: {item.text}")
    return 0


def cmd_advice_outcome(args) -> int:
    item = _relationships().advice.set_outcome(args.id, args.outcome)
    print(f"#{item.id} outcome: {OUTCOME_LABELS[item.outcome]} (to tell {item.person_name} in your next update)")
    return 0


def cmd_advice_reported(args) -> int:
    count = _relationships().advice.mark_reported(args.ids)
    print(f"{count} outcome{'s' if count != 1 else ''} marked as reported")
    return 0


# ----- due ---------------------------------------------------------------------------------
def cmd_due(args) -> int:
    today = args.today or dt.date.today()
    rel = _relationships()
    report = rel.due.report(today)
    if args.ics:
        count = rel.due.write_calendar(args.ics, today)
        print(f"wrote {count} event{'s' if count != 1 else ''} to {args.ics}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_json(report.to_dict())
        return 0
    _print_due(report)
    return 0


def _print_due(report) -> None:
    print(f"Due on {report.today.isoformat()} ({report.today.strftime('%A')})")
    if report.primary_mentors:
        print("\nPrimary mentors to meet:")
        for due in report.primary_mentors:
            when = (f"last met {due.last_met.isoformat()}, {due.days_since} days ago" if due.last_met
                    else "not met yet")
            print(f"  {due.person.name}: {due.status} ({when})")
    if not report.has_primary and report.quiet_mentors:
        print("\nNo primary mentors yet (mentors edit NAME --stage primary). Mentors not met for a while:")
    elif report.quiet_mentors:
        print("\nOther mentors not met for a while:")
    for due in report.quiet_mentors:
        print(f"  {due.person.name}: last met {due.last_met.isoformat()}, {due.days_since} days ago")
    if report.follow_ups:
        print("\nFollow-ups to send:")
        for f in report.follow_ups:
            left = "today" if f.days_left == 0 else f"{f.days_left} day{'s' if f.days_left != 1 else ''} left"
            print(f"  meeting #{f.meeting.id} with {f.meeting.person_name} on {f.meeting.date.isoformat()}: "
                  f"send by {f.deadline.isoformat()} ({left})")
    if report.open_actions:
        print(f"\nOpen action items ({len(report.open_actions)}, newest first):")
        for item in list(reversed(report.open_actions))[:OPEN_ACTIONS_SHOWN]:
            print(f"  {_advice_line(item)}")
        if len(report.open_actions) > OPEN_ACTIONS_SHOWN:
            print(f"  … and {len(report.open_actions) - OPEN_ACTIONS_SHOWN} more: mentordesk advice --open")
    if report.unreported_outcomes:
        print("\nOutcomes to tell your mentors about:")
        for item in report.unreported_outcomes:
            print(f"  {_advice_line(item)}")
    if report.outreach:
        print(f"\nToday's outreach: {report.outreach.person.label} ({report.outreach.reason})")
    elif not report.weekday:
        print("\nNo outreach today: it is the weekend.")
    if report.nothing_due:
        print("\nNothing is due.")
    for nudge in report.nudges:
        print(f"\nnote: {nudge}")
