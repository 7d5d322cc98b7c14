"""DraftService: make a draft for a person, refine it, and mark it sent.

Drafts are stored (table ``drafts``) so one made in chat opens on the Drafts page, and
"mark as sent" knows which meeting or outcomes the draft covered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from mentordesk.drafting import BY_NAME
from mentordesk.drafting.brief import DraftBrief, build_brief
from mentordesk.drafting.rubric import RubricResult, check_draft
from mentordesk.drafting.templates import Style
from mentordesk.drafting.wording import without_citations
from mentordesk.drafting.writer import DraftWriter
from mentordesk.relationships.advice import AdviceService
from mentordesk.relationships.people import PeopleService
from mentordesk.relationships.profile import ProfileService
from store.engine import Database
from store.errors import UserError
from store.tables import Draft as DraftRow
from vectorstore.library_index import LibraryIndex

REFINEMENTS = ("shorter", "more formal", "mention ...")
_MENTION = re.compile(r"^\s*(?:please\s+)?(?:also\s+)?mention\s+(?P<what>.+?)\s*\.?\s*$", re.I)


@dataclass
class Draft:
    kind: str
    person: str
    person_id: int
    subject: str | None
    body: str
    citations: list[dict]
    rubric: RubricResult
    contact: str | None = None
    id: int | None = None
    refinements: list[str] = field(default_factory=list)
    sent_at: dt.datetime | None = None

    @property
    def mailto(self) -> str:
        to = self.contact if self.contact and "@" in self.contact and self.kind != "intro" else ""
        query = f"subject={quote(self.subject or '')}&body={quote(self.body)}"
        return f"mailto:{quote(to, safe='@.+')}?{query}"

    def to_dict(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "person": self.person, "subject": self.subject, "body": self.body,
            "citations": self.citations, "rubric": self.rubric.to_dict(), "mailto": self.mailto,
            "refinements": self.refinements, "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


def parse_refinement(instruction: str) -> Style | str:
    """The template path's refinements; anything else is returned as is (for a model)."""
    text = " ".join(instruction.lower().split()).rstrip(".!")
    if text in ("shorter", "make it shorter", "shorter please", "more concise", "shorten it"):
        return Style(short=True)
    if text in ("more formal", "make it more formal", "formal"):
        return Style(formal=True)
    match = _MENTION.match(instruction)
    if match:
        return Style(mentions=(match["what"].strip(),))
    return instruction


def _merge(a: Style, b: Style) -> Style:
    return Style(short=a.short or b.short, formal=a.formal or b.formal, mentions=a.mentions + b.mentions)


class DraftService:
    def __init__(self, db: Database, index: Callable[[], LibraryIndex], writer: DraftWriter,
                 profile: ProfileService, people: PeopleService, advice: AdviceService,
                 mark_follow_up: Callable[[int], object]):
        self.db = db
        self._index = index  # lazy: loading the embedding model is only needed to draft
        self.writer = writer
        self.profile = profile
        self.people = people
        self.advice = advice
        self._mark_follow_up = mark_follow_up

    @classmethod
    def from_desk(cls, desk) -> DraftService:
        """Uses the container's relationship services (issue 3), or builds them from
        ``desk.db`` for a container without them."""
        from mentordesk.relationships.cadence import Thresholds
        from mentordesk.relationships.meetings import MeetingService
        from mentordesk.relationships.notes_sync import NotesSync

        rel = getattr(desk, "relationships", None)
        if rel is not None:
            profile, people, advice, meetings = rel.profile, rel.people, rel.advice, rel.meetings
        else:
            profile, people, advice = ProfileService(desk.db), PeopleService(
                desk.db, Thresholds.from_settings(desk.settings)), AdviceService(desk.db)
            meetings = MeetingService(desk.db, lambda: desk.ingest, lambda: NotesSync(desk.db).run())
        writer = DraftWriter(lambda: desk.chat_model, desk.model_info)
        return cls(desk.db, lambda: desk.index, writer, profile, people, advice, meetings.mark_follow_up_sent)

    # ----- drafting ------------------------------------------------------------------
    def brief(self, kind: str, mentor: str) -> DraftBrief:
        detail = self.people.detail(mentor)  # PersonNotFound suggests close matches
        return build_brief(kind, self.profile.get(), detail, self._index())

    def draft(self, kind: str, mentor: str) -> Draft:
        brief = self.brief(kind, mentor)
        subject, body = self.writer.write(brief)
        return self._save(self._make(brief, subject, body, []))

    def refine(self, draft: Draft, instruction: str) -> Draft:
        if not instruction.strip():
            raise UserError("the instruction is empty: try 'shorter', 'more formal' or 'mention ...'")
        brief = self.brief(draft.kind, draft.person)
        refinements = draft.refinements + [instruction.strip()]
        if self.writer.uses_model:
            subject, body = self.writer.rewrite(brief, draft.subject, draft.body, instruction)
        else:
            style = Style()
            for text in refinements:
                parsed = parse_refinement(text)
                if isinstance(parsed, str):
                    raise UserError(f"can't apply {text!r} without a capable model; try: {', '.join(REFINEMENTS)}")
                style = _merge(style, parsed)
            subject, body = self.writer.write(brief, style)
        return self._save(replace(self._make(brief, subject, body, refinements), id=draft.id))

    def edit(self, draft: Draft, subject: str | None, body: str) -> Draft:
        """Keep the user's own edits to a draft (the Drafts page), checked by the rubric again."""
        if not body.strip():
            raise UserError("the draft is empty: write something, or generate it again")
        brief = self.brief(draft.kind, _exact_name(self.people, draft.person_id))
        subject = (subject or "").strip() or None
        return self._save(replace(self._make(brief, subject, body.strip(), draft.refinements), id=draft.id))

    def get(self, draft_id: int) -> Draft:
        with self.db.session() as session:
            row = session.get(DraftRow, draft_id)
            if row is None:
                raise UserError(f"no draft with id {draft_id}")
            kind, person_id, subject, body, citations, refinements, sent_at = (
                row.kind, row.person_id, row.subject, row.body, list(row.citations or []),
                list(row.refinements or []), row.sent_at)
        person = next((p for p in self.people.list() if p.id == person_id), None)
        if person is None:
            raise UserError(f"draft {draft_id}'s person was deleted")
        try:
            rubric = check_draft(subject, body, self.brief(kind, _exact(person)))
        except UserError:  # e.g. an update whose outcomes were reported since: no brief to check against
            rubric = RubricResult()
        return Draft(kind, person.name, person.id, subject, body, citations, rubric,
                     person.contact, draft_id, refinements, sent_at)

    # ----- sending -------------------------------------------------------------------
    def mark_sent(self, draft: Draft, on: dt.date | None = None) -> Draft:
        """Log the message in the person's history (the stage moves forward); a follow-up
        also settles its meeting, an update marks the outcomes it reported."""
        on = on or dt.date.today()
        if not BY_NAME[draft.kind].email:
            raise UserError(f"{BY_NAME[draft.kind].sent_summary} is for you, not an email: nothing to mark as sent")
        brief = self.brief(draft.kind, _exact_name(self.people, draft.person_id))
        with self.db.transaction():  # all of it or none: a crash never logs a message twice
            return self._record_sent(draft, brief, on)

    def _record_sent(self, draft: Draft, brief: DraftBrief, on: dt.date) -> Draft:
        self.people.log_message(_exact_name(self.people, draft.person_id), "sent",
                                (draft.subject or BY_NAME[draft.kind].sent_summary), on)
        if draft.kind == "followup" and brief.last_meeting is not None:
            self._mark_follow_up(brief.last_meeting.id)
        if draft.kind == "update":
            self.advice.mark_reported([o.id for o in brief.outcomes])
        sent_at = dt.datetime.combine(on, dt.datetime.now().time())
        if draft.id is not None:
            with self.db.session() as session:
                row = session.get(DraftRow, draft.id)
                if row is not None:
                    row.sent_at = sent_at
        return replace(draft, sent_at=sent_at)

    # ----- helpers -------------------------------------------------------------------
    def _make(self, brief: DraftBrief, subject: str | None, body: str, refinements: list[str]) -> Draft:
        # The email goes out as the user reads it: the [n] markers are taken out of it and
        # kept as citations beside it, each with the line it supports.
        body, marks = without_citations(body)
        subject = without_citations(subject)[0].strip() if subject else subject
        citations: list[dict] = []
        for n, line in marks:
            if not 1 <= n <= len(brief.sources):
                continue
            source = brief.sources[n - 1]
            entry = next((c for c in citations if c["n"] == n), None)
            if entry is None:
                entry = {"n": n, "source": source.source, "title": source.title, "text": source.text, "lines": []}
                citations.append(entry)
            if line and line not in entry["lines"]:
                entry["lines"].append(line)
        return Draft(brief.kind, brief.person.name, brief.person.id, subject, body, citations,
                     check_draft(subject, body, brief), brief.person.contact, refinements=refinements)

    def _save(self, draft: Draft) -> Draft:
        with self.db.session() as session:
            row = session.get(DraftRow, draft.id) if draft.id is not None else None
            if row is None:
                row = DraftRow(kind=draft.kind, person_id=draft.person_id)
                session.add(row)
            row.subject, row.body, row.citations = draft.subject, draft.body, draft.citations
            row.refinements = draft.refinements
            session.flush()
            return replace(draft, id=row.id)


def _exact(person) -> str:
    """A name that finds exactly this person, even with namesakes."""
    return f"{person.name} ({person.company})" if person.company else person.name


def _exact_name(people: PeopleService, person_id: int) -> str:
    person = next((p for p in people.list() if p.id == person_id), None)
    if person is None:
        raise UserError("this draft's person is no longer in your list")
    return _exact(person)
