"""Team mode's commands: ``team summary`` (a program admin's aggregates) and ``team claim``
(a single-user data folder's data becomes one team user's)."""

from __future__ import annotations

import datetime as dt

from mentordesk.cli.library import iso_date, open_desk, print_json, user_errors


def register(commands) -> None:
    group = commands.add_parser("team", help="team mode: the program summary, claiming a single-user folder")
    sub = group.add_subparsers(dest="team_command", required=True)

    p = sub.add_parser("summary", help="program admins: mentees on cadence, overdue counts, outreach per week")
    p.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--weeks", type=int, default=8, help="weeks of outreach to count (default 8)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("reindex", help="program admins: rebuild every user's index (after a model change)")
    p.set_defaults(func=cmd_reindex_everyone)

    p = sub.add_parser("claim", help="give the data of a single-user folder (owner 'local') to a team user")
    p.add_argument("name", metavar="USER")
    p.set_defaults(func=cmd_claim)


def cmd_summary(args) -> int:
    from mentordesk.team import program_summary

    desk = open_desk(guidance=False)
    with user_errors():
        summary = program_summary(desk, args.today or dt.date.today(), weeks=args.weeks)
    if args.json:
        print_json(summary.to_dict())
        return 0
    print(f"mentees: {summary.mentees} ({summary.mentees_with_a_primary_mentor} with a primary mentor)")
    print(f"on cadence: {summary.mentees_on_cadence}; with an overdue primary mentor: {summary.mentees_with_overdue}")
    print(f"primary mentors due: {summary.primary_mentors_due}, overdue: {summary.primary_mentors_overdue}")
    print(f"follow-ups due: {summary.follow_ups_due}")
    weeks = ", ".join(f"{week}: {count}" for week, count in summary.outreach_per_week.items()) or "none"
    print(f"outreach sent per week: {weeks}")
    return 0


def cmd_claim(args) -> int:
    from mentordesk.team import claim_single_user_data

    desk = open_desk(guidance=False)
    with user_errors():
        moved = claim_single_user_data(desk, args.name)
    print(f"{moved} documents and everything else of this folder's single user now belong to {args.name}")
    return 0


def cmd_reindex_everyone(args) -> int:
    from mentordesk.team import rebuild_everyone

    desk = open_desk(guidance=False)
    with user_errors():
        done = rebuild_everyone(desk)
    for user, count in done.items():
        print(f"{user}: {count} passages embedded")
    return 0
