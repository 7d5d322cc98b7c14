"""The typed brief a draft is written from: who, the ask, the history, the open items and
the retrieved passages. Everything in it comes from the store or from retrieval, so a
draft can only say what the user's own records say."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.injection import addressed_to_an_assistant
from mentordesk.drafting import BY_NAME, KINDS, NEEDS_MEETING
from mentordesk.relationships.people import PersonDetail
from mentordesk.relationships.profile import ProfileView
from mentordesk.relationships.views import AdviceView, MeetingView, PersonView
from store.errors import UserError
from vectorstore.filters import SearchFilter, mentor_key
from vectorstore.library_index import LibraryIndex, SearchResult

SOURCES_K = 4


@dataclass(frozen=True)
class DraftBrief:
    kind: str
    me: ProfileView
    person: PersonView
    last_meeting: MeetingView | None = None
    learned: tuple[AdviceView, ...] = ()      # advice from the last meeting
    next_steps: tuple[AdviceView, ...] = ()   # open action items, newest meeting first
    outcomes: tuple[AdviceView, ...] = ()     # outcomes recorded but not yet reported
    sources: tuple[SearchResult, ...] = ()    # the only passages a draft may cite

    met: bool = False                         # met before: a meeting logged, or at stage mentor/primary
    # Outreach already sent and not answered (a message logged as sent with nothing back
    # since, or the stage "contacted"): the draft is the polite second message.
    second_message: bool = False
    wrote_on: dt.date | None = None           # when the unanswered message was sent, if logged

    @property
    def connection(self) -> str:
        """met (they know the user), warm (an introducer is named) or cold."""
        if self.met:
            return "met"
        return "warm" if self.person.connection == "warm" and self.introducer else "cold"

    @property
    def introducer(self) -> str | None:
        return (self.person.introducer or "").strip() or None

    @property
    def values(self) -> list[str]:
        return list(self.me.values)

    @property
    def private_notes(self) -> str | None:
        """The tracking table's Notes cell: the user's own, never put in an email."""
        return (self.person.notes or "").strip() or None


_ASKED_OF_THEM = re.compile(r"^\W*(?:please\s+)?(?:send|forward|lend|share with|intro(?:duce)?|email|mail|pass)\s+me\b",
                            re.IGNORECASE)


def build_brief(kind: str, me: ProfileView, detail: PersonDetail, index: LibraryIndex | None) -> DraftBrief:
    if kind not in KINDS:
        raise UserError(f"unknown draft kind {kind!r}: choose from {', '.join(KINDS)}")
    missing = me.missing()
    if missing:
        raise UserError(
            f"your profile has no {' or '.join(missing)}, which drafts are signed with; "
            "set it with `mentordesk profile set --name ... --role ...`"
        )
    person = detail.person
    meetings = sorted(detail.meetings, key=lambda m: (m.date, m.id))
    if kind in NEEDS_MEETING and not meetings:
        what = BY_NAME[kind].sent_summary
        raise UserError(f"no meetings with {person.name} yet, so there is nothing to base the {what} on; "
                        "add a meeting note first (or draft outreach instead)")
    if kind == "intro" and not (person.introducer or "").strip():
        raise UserError(f"{person.name} has no introducer in your tracker; add who could introduce you first")
    last = meetings[-1] if meetings else None
    # A line that speaks to an AI assistant is never advice to quote (ingest.injection).
    ledger = [a for a in detail.advice if not addressed_to_an_assistant(a.text)]
    learned = tuple(a for a in ledger if last and a.meeting_id == last.id and a.kind == "advice")
    # ("send me the deck", "intro me to Paulo": what the user asked of the mentor, not their own step)
    actions = [a for a in ledger if a.kind == "action" and not a.done and not _ASKED_OF_THEM.match(a.text)]
    if kind == "followup":
        # A follow-up after a meeting names that meeting's next steps, not last year's open ones.
        actions = [a for a in actions if last is not None and a.meeting_id == last.id]
    # The last meeting's actions first: those are the next steps the mentor just heard about.
    actions.sort(key=lambda a: (last is None or a.meeting_id != last.id, -a.meeting_date.toordinal()))
    outcomes = tuple(a for a in ledger if a.outcome and not a.outcome_reported)
    if kind == "update" and not outcomes:
        raise UserError(f"no advice outcomes from {person.name} waiting to be reported; "
                        "record what came of their advice first (advice ledger)")
    sources = _retrieve(index, person, last, outcomes) if index is not None and meetings else ()
    met = bool(meetings) or person.stage in ("mentor", "primary") or bool(person.met_on)
    last_sent = max((m.date for m in detail.messages if m.direction == "sent"), default=None)
    answers = [m.date for m in detail.messages if m.direction in ("received", "met")]
    unanswered = last_sent is not None and not any(day >= last_sent for day in answers)
    second = not met and (unanswered or (person.stage == "contacted" and not answers))
    return DraftBrief(kind, me, person, last, learned, tuple(actions), outcomes, sources, met,
                      second_message=second, wrote_on=last_sent if second else None)


def _retrieve(index: LibraryIndex, person: PersonView, last: MeetingView | None,
              outcomes: Sequence[AdviceView]) -> tuple[SearchResult, ...]:
    """Passages from this mentor's notes only, found by the meeting's purpose and title."""
    parts = [last.purpose or "", last.title or ""] if last else []
    parts += [o.text for o in outcomes[:2]]
    query = " ".join(p for p in parts if p).strip() or f"meeting with {person.name}"
    flt = SearchFilter(kinds=("notes",), mentors=(mentor_key(person.name),))
    return tuple(index.search(query, SOURCES_K, flt))
