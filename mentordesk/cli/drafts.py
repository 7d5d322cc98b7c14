"""Drafting commands: ``draft KIND --mentor NAME [--json] [--send]``."""

from __future__ import annotations

import sys

from mentordesk.drafting import KINDS


def register(commands) -> None:
    p = commands.add_parser("draft", help="draft an email or meeting prep for a person")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--mentor", required=True, metavar="NAME", help="the person (full or first name)")
    p.add_argument("--json", action="store_true", help="print subject, body, citations and rubric as JSON")
    p.add_argument("--send", action="store_true", help="also mark it as sent (logs it in the message history)")
    p.set_defaults(func=cmd_draft)


def cmd_draft(args) -> int:
    from mentordesk.cli.library import open_desk, print_json, user_errors
    from mentordesk.drafting.service import DraftService

    desk = open_desk()
    with user_errors():
        service = getattr(desk, "drafts", None) or DraftService.from_desk(desk)
        draft = service.draft(args.kind, args.mentor)
        if args.send:
            draft = service.mark_sent(draft)
    if args.json:
        print_json(draft.to_dict())
    else:
        if draft.subject:
            print(f"Subject: {draft.subject}\n")
        print(draft.body)
        if draft.citations:
            print("\nSources:")
            for c in draft.citations:
                print(f"[{c['n']}] {c['title'] or c['source']}")
                for line in c.get("lines") or []:
                    print(f"    supports: {line}")
        for check in draft.rubric.failures():
            print(f"rubric: {check.name}: {check.detail}", file=sys.stderr)
        if draft.sent_at:
            print(f"\nmarked as sent to {draft.person}", file=sys.stderr)
    return 0
