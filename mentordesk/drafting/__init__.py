"""Drafting: outreach, intro requests, meeting prep, follow-ups, updates and thank-you
notes, assembled from the store and retrieval and checked by a rubric (issue 4).

``DRAFT_KINDS`` is the one list of what a draft kind is: its name, how the app labels it,
whether it is an email, whether it needs a meeting, the words that ask for it in chat, and
where the mentor page offers it. A new kind is an entry here plus its template
(``templates.py``) and its own rubric checks (``rubric.py``); everything else reads this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DraftKind:
    name: str
    label: str  # the Drafts page's choice and heading
    short: str  # a button on the mentor page
    sent_summary: str  # the message history's line when it is marked sent
    asked_by: re.Pattern  # words that ask for it in chat
    chat_order: int  # which kind's words are checked first (see BY_CHAT_ORDER)
    email: bool = True  # has a subject and can be marked sent (prep is the user's own page)
    needs_meeting: bool = False  # built from the last meeting with the person
    offered_after_meetings: bool = False  # the mentor page offers it once they have met


# In the order people meet them: reaching out, an intro, then the meeting cycle.
DRAFT_KINDS: tuple[DraftKind, ...] = (
    DraftKind("outreach", "Outreach email", "Outreach", "outreach email",
              re.compile(r"\bcold\s+(?:email|message|note)\b|\boutreach\b|\breach out\b|\bwarm\s+(?:email|message)\b"
                         r"|\bfirst (?:email|message)\b", re.I), chat_order=6),
    DraftKind("intro", "Intro request (to the introducer)", "Intro request", "intro request",
              re.compile(r"\bintro(?:duction)?\s+request\b|\bask\s+\w+(?:\s+\w+)?\s+(?:for\s+an\s+intro|to\s+introduce)",
                         re.I), chat_order=2),
    DraftKind("prep", "Meeting prep", "Prepare", "meeting prep",
              re.compile(r"\bprep(?:are|aring|aration)?\b|\bpurpose statement\b|\bget ready for\b", re.I),
              chat_order=3, email=False, needs_meeting=True, offered_after_meetings=True),
    DraftKind("followup", "Follow-up after a meeting", "Follow-up", "follow-up email",
              re.compile(r"\bfollow[- ]?up\b", re.I), chat_order=1, needs_meeting=True, offered_after_meetings=True),
    DraftKind("update", "Update on their advice", "Update", "update on advice",
              re.compile(r"\bupdate\b|\bclose the loop\b|\breport back\b", re.I),
              chat_order=4, needs_meeting=True, offered_after_meetings=True),
    DraftKind("thanks", "Thank-you note", "Thank-you", "thank-you note",
              re.compile(r"\bthank[- ]?you\b|\bthanks\b|\bgratitude\b", re.I), chat_order=5,
              offered_after_meetings=True),
)
BY_NAME = {kind.name: kind for kind in DRAFT_KINDS}
KINDS = tuple(kind.name for kind in DRAFT_KINDS)
# Chat checks the words in this order: "thank-you email after the meeting" is a follow-up first.
BY_CHAT_ORDER = tuple(sorted(DRAFT_KINDS, key=lambda kind: kind.chat_order))
EMAIL_KINDS = tuple(kind.name for kind in DRAFT_KINDS if kind.email)
NEEDS_MEETING = tuple(kind.name for kind in DRAFT_KINDS if kind.needs_meeting)
