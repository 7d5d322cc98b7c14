"""Read-only snapshots of the relationship tables.

Services return these instead of ORM objects, so the UI and the CLI never hold a live
session, and the cadence rules can be pure functions over plain values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from store.tables import AdviceItem, Document, Meeting, MessageEntry, Person


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class PersonView:
    id: int
    name: str
    company: str | None = None
    role: str | None = None
    contact: str | None = None
    connection: str | None = None
    introducer: str | None = None
    stage: str = "prospect"
    notes: str | None = None
    # Dates of meetings and of "met" messages: when the cadence clock was last reset.
    met_on: tuple[dt.date, ...] = ()
    # Dates of any exchange (messages in either direction, meetings): for the outreach pick.
    contacted_on: tuple[dt.date, ...] = ()
    meetings: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name

    # A planned meeting is in the future: "last" means up to today (the caller's today in
    # pure code such as the cadence rules, the clock's for display).
    def last_contacted(self, today: dt.date | None = None) -> dt.date | None:
        past = [d for d in self.contacted_on if d <= (today or dt.date.today())]
        return past[-1] if past else None

    def last_met(self, today: dt.date | None = None) -> dt.date | None:
        past = [d for d in self.met_on if d <= (today or dt.date.today())]
        return past[-1] if past else None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "company": self.company, "role": self.role,
            "contact": self.contact, "connection": self.connection, "introducer": self.introducer,
            "stage": self.stage, "notes": self.notes, "meetings": self.meetings,
            "last_met": _iso(self.last_met()), "last_contacted": _iso(self.last_contacted()),
        }


@dataclass(frozen=True)
class MessageView:
    id: int
    person_id: int
    person_name: str
    date: dt.date
    direction: str
    summary: str

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = _iso(self.date)
        return data


@dataclass(frozen=True)
class MeetingView:
    id: int
    person_id: int
    person_name: str
    date: dt.date
    purpose: str | None = None
    title: str | None = None
    source: str | None = None  # the note's document source; None for a meeting without notes
    follow_up_sent_on: dt.date | None = None
    advice: int = 0
    open_actions: int = 0

    @property
    def has_note(self) -> bool:
        return self.source is not None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "mentor": self.person_name, "person_id": self.person_id, "date": _iso(self.date),
            "purpose": self.purpose, "title": self.title, "source": self.source,
            "follow_up_sent_on": _iso(self.follow_up_sent_on), "advice": self.advice, "open_actions": self.open_actions,
        }


@dataclass(frozen=True)
class AdviceView:
    id: int
    meeting_id: int
    meeting_date: dt.date
    person_id: int
    person_name: str
    kind: str  # advice | action
    text: str
    done: bool = False
    outcome: str | None = None
    outcome_reported: bool = False
    origin: str = "note"
    quote: str | None = None  # the note's sentence the item was read from

    def to_dict(self) -> dict:
        return {
            "quote": self.quote,
            "id": self.id, "mentor": self.person_name, "person_id": self.person_id, "meeting_id": self.meeting_id,
            "meeting_date": _iso(self.meeting_date), "kind": self.kind, "text": self.text, "done": self.done,
            "outcome": self.outcome, "outcome_reported": self.outcome_reported, "origin": self.origin,
        }


# ----- builders from the ORM -------------------------------------------------------------
def person_view(person: Person) -> PersonView:
    met = sorted([m.date for m in person.meetings] + [e.date for e in person.messages if e.direction == "met"])
    contacted = sorted({m.date for m in person.meetings} | {e.date for e in person.messages})
    return PersonView(
        id=person.id, name=person.name, company=person.company, role=person.role, contact=person.contact,
        connection=person.connection, introducer=person.introducer, stage=person.stage, notes=person.notes,
        met_on=tuple(met), contacted_on=tuple(contacted), meetings=len(person.meetings),
    )


def meeting_view(meeting: Meeting) -> MeetingView:
    doc = meeting.document
    items = meeting.advice_items
    return MeetingView(
        id=meeting.id, person_id=meeting.person_id, person_name=meeting.person.name, date=meeting.date,
        purpose=meeting.purpose, title=doc.title if doc else None, source=doc.source if doc else None,
        follow_up_sent_on=meeting.follow_up_sent_on, advice=sum(1 for i in items if i.kind == "advice"),
        open_actions=sum(1 for i in items if i.kind == "action" and not i.done),
    )


def advice_view(item: AdviceItem) -> AdviceView:
    meeting = item.meeting
    return AdviceView(
        id=item.id, meeting_id=meeting.id, meeting_date=meeting.date, person_id=meeting.person_id,
        person_name=meeting.person.name, kind=item.kind, text=item.text, done=item.done, outcome=item.outcome,
        outcome_reported=item.outcome_reported, origin=item.origin, quote=item.quote,
    )


def message_view(entry: MessageEntry) -> MessageView:
    return MessageView(entry.id, entry.person_id, entry.person.name, entry.date, entry.direction, entry.summary)


# ----- loaders -----------------------------------------------------------------------------
def load_people(session: Session, person_id: int | None = None) -> list[PersonView]:
    query = select(Person).options(selectinload(Person.meetings), selectinload(Person.messages))
    if person_id is not None:
        query = query.where(Person.id == person_id)
    return [person_view(p) for p in session.scalars(query.order_by(Person.name, Person.id))]


def load_meetings(session: Session, person_id: int | None = None) -> list[MeetingView]:
    query = select(Meeting).options(
        selectinload(Meeting.person), selectinload(Meeting.advice_items), selectinload(Meeting.document).load_only(
            Document.title, Document.source
        )
    )
    if person_id is not None:
        query = query.where(Meeting.person_id == person_id)
    return [meeting_view(m) for m in session.scalars(query.order_by(Meeting.date, Meeting.id))]


def load_advice(session: Session, person_id: int | None = None) -> list[AdviceView]:
    query = (
        select(AdviceItem).join(Meeting)
        .options(selectinload(AdviceItem.meeting).selectinload(Meeting.person))
    )
    if person_id is not None:
        query = query.where(Meeting.person_id == person_id)
    return [advice_view(i) for i in session.scalars(query.order_by(Meeting.date, Meeting.id, AdviceItem.position))]


def load_messages(session: Session, person_id: int | None = None) -> list[MessageView]:
    query = select(MessageEntry).options(selectinload(MessageEntry.person))
    if person_id is not None:
        query = query.where(MessageEntry.person_id == person_id)
    return [message_view(e) for e in session.scalars(query.order_by(MessageEntry.date, MessageEntry.id))]
