"""The target list / tracking table: people, their stage, and the message history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from mentordesk.relationships.cadence import Thresholds, nudges
from mentordesk.relationships.lookup import find_person, label, name_key, people_named_in, words_naming
from mentordesk.relationships.schemas import (
    InvalidInput,
    MessageInput,
    PersonCreate,
    PersonPatch,
    advance_stage,
    validated,
)
from mentordesk.relationships.views import (
    AdviceView,
    MeetingView,
    MessageView,
    PersonView,
    load_advice,
    load_meetings,
    load_messages,
    load_people,
    message_view,
)
from store.engine import Database
from store.errors import UserError
from store.tables import Document, Meeting, MessageEntry, Person

PERSON_FIELDS = ("name", "company", "role", "contact", "connection", "introducer", "stage", "notes")
# Logging a message moves a person along: a sent message means contacted, a meeting means met.
_STAGE_AFTER = {"sent": "contacted", "received": "contacted", "met": "meeting"}


class HasMeetingNotes(UserError):
    """Deleting this person would delete their meeting notes too, which must be asked for."""

    def __init__(self, message: str, person: str, notes: int):
        super().__init__(message)
        self.person = person
        self.notes = notes


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # meeting | advice | action | message
    text: str
    ref_id: int
    detail: str | None = None

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "text": self.text, "id": self.ref_id,
                "detail": self.detail}


@dataclass(frozen=True)
class PersonDetail:
    person: PersonView
    meetings: list[MeetingView] = field(default_factory=list)
    advice: list[AdviceView] = field(default_factory=list)
    messages: list[MessageView] = field(default_factory=list)

    def timeline(self) -> list[TimelineEntry]:
        """Meetings, the advice from each, and messages, newest first: the mentor page."""
        entries = [TimelineEntry(m.date, "meeting", m.purpose or m.title or "Meeting", m.id, m.source)
                   for m in self.meetings]
        for item in self.advice:
            state = item.outcome or ("done" if item.done else None)
            entries.append(TimelineEntry(item.meeting_date, item.kind, item.text, item.id, state))
        entries += [TimelineEntry(e.date, "message", e.summary, e.id, e.direction) for e in self.messages]
        order = {"meeting": 0, "advice": 1, "action": 2, "message": 3}
        return sorted(entries, key=lambda e: (-e.date.toordinal(), order[e.kind], e.ref_id))

    def to_dict(self) -> dict:
        return {
            **self.person.to_dict(),
            "meetings_list": [m.to_dict() for m in self.meetings],
            "advice": [a.to_dict() for a in self.advice],
            "messages": [e.to_dict() for e in self.messages],
            "timeline": [t.to_dict() for t in self.timeline()],
        }


class PeopleService:
    def __init__(self, db: Database, thresholds: Thresholds,
                 delete_sources: Callable[[list[str]], int] | None = None,
                 on_new_person: Callable[[], object] | None = None):
        self.db = db
        self.thresholds = thresholds
        # A new person may be the one a waiting note names: the notes sync places it.
        self._on_new_person = on_new_person
        # Deleting a person's notes touches the search index; it is passed in lazily so
        # everything else here works without loading the embedding model.
        self._delete_sources = delete_sources

    # ----- reading ---------------------------------------------------------------------
    def list(self, stage: str | None = None) -> list[PersonView]:
        with self.db.session() as session:
            people = load_people(session)
        return [p for p in people if stage is None or p.stage == stage]

    # Every ``name`` or ``who`` below may also be a person's id (an int): the app knows
    # which row was picked, so namesakes never make its edits ambiguous.
    def get(self, name: str | int) -> PersonView:
        with self.db.session() as session:
            return load_people(session, find_person(session, name).id)[0]

    def named_in(self, text: str) -> list[str]:
        """The names (as the table spells them) of the people a question names, by name,
        nickname or honorific (``lookup.people_named_in``)."""
        with self.db.session() as session:
            people = list(session.scalars(select(Person).order_by(Person.id)))
            return [p.name for p in people_named_in(people, text)]

    def words_naming(self, text: str) -> set[str]:
        """The words of a question that say who it is about (``lookup.words_naming``)."""
        with self.db.session() as session:
            return words_naming(list(session.scalars(select(Person).order_by(Person.id))), text)

    def detail(self, name: str | int) -> PersonDetail:
        with self.db.session() as session:
            pid = find_person(session, name).id
            return PersonDetail(
                load_people(session, pid)[0], load_meetings(session, pid), load_advice(session, pid),
                load_messages(session, pid),
            )

    def nudges(self) -> list[str]:
        t = self.thresholds
        return nudges(self.list(), t.target_min, t.target_max, t.max_primary)

    # ----- writing ---------------------------------------------------------------------
    def add(self, name: str, **fields) -> PersonView:
        data = validated(PersonCreate, name=name, **{k: v for k, v in fields.items() if v is not None})
        with self.db.session() as session:
            self._refuse_duplicate(session, data.name, data.company, data.contact)
            person = Person(**{key: getattr(data, key) for key in PERSON_FIELDS})
            person.stage = data.stage or "prospect"
            session.add(person)
            session.flush()
            pid = person.id
        if self._on_new_person is not None:
            self._on_new_person()
        return self._view(pid)

    def edit(self, who: str | int, **changes) -> PersonView:
        """Change the fields given; ``None`` leaves a field as is, "" clears it."""
        patch = validated(PersonPatch, **{k: v for k, v in changes.items() if v is not None})
        if not patch.model_fields_set:
            raise UserError("nothing to change: give at least one field")
        with self.db.session() as session:
            person = find_person(session, who)
            if "stage" in patch.model_fields_set and patch.stage is None:
                raise InvalidInput("stage: cannot be empty", "stage")
            new_name = patch.name if "name" in patch.model_fields_set else person.name
            new_company = patch.company if "company" in patch.model_fields_set else person.company
            new_contact = patch.contact if "contact" in patch.model_fields_set else person.contact
            self._refuse_duplicate(session, new_name, new_company, new_contact, ignore_id=person.id)
            for key in patch.model_fields_set:
                setattr(person, key, getattr(patch, key))
            pid = person.id
        return self._view(pid)

    def delete(self, name: str | int, with_notes: bool = False) -> PersonView:
        """Remove a person with their messages and meetings. Their meeting notes are
        library documents: deleting them too must be asked for, or the call fails."""
        with self.db.session() as session:
            person = find_person(session, name, exact_only=True)  # never by a part of a name
            view = load_people(session, person.id)[0]
            sources = list(session.scalars(
                select(Document.source).join(Meeting, Meeting.document_id == Document.id)
                .where(Meeting.person_id == person.id)
            ))
        if sources and not with_notes:
            raise HasMeetingNotes(
                f"{view.label} has {len(sources)} meeting note{'s' if len(sources) != 1 else ''} in the library; "
                "delete with --with-notes to remove the notes too", view.label, len(sources)
            )
        if sources:
            if self._delete_sources is None:
                raise UserError("deleting notes needs the library index, which is not available here")
            self._delete_sources(sources)  # removes documents, chunks, index entries, meetings
        with self.db.session() as session:
            person = session.get(Person, view.id)
            if person is not None:
                session.delete(person)
        return view

    def log_message(self, name: str | int, direction: str, summary: str, date: dt.date | None = None) -> MessageView:
        """Add to the message history. A message sent after a meeting counts as its
        follow-up, and the person's stage moves forward (never back)."""
        entry_in = validated(MessageInput, date=date or dt.date.today(), direction=direction, summary=summary)
        with self.db.session() as session:
            person = find_person(session, name)
            entry = MessageEntry(person=person, date=entry_in.date, direction=entry_in.direction,
                                 summary=entry_in.summary)
            session.add(entry)
            person.stage = advance_stage(person.stage, _STAGE_AFTER[entry_in.direction])
            if entry_in.direction == "sent":
                pending = [m for m in person.meetings if m.follow_up_sent_on is None and m.date <= entry_in.date]
                if pending:
                    max(pending, key=lambda m: (m.date, m.id)).follow_up_sent_on = entry_in.date
            session.flush()
            return message_view(entry)

    # ----- helpers ---------------------------------------------------------------------
    def _view(self, person_id: int) -> PersonView:
        with self.db.session() as session:
            return load_people(session, person_id)[0]

    @staticmethod
    def _refuse_duplicate(session, name: str, company: str | None, contact: str | None,
                          ignore_id: int | None = None) -> None:
        for other in session.scalars(select(Person)):
            if other.id == ignore_id:
                continue
            if name_key(other.name) == name_key(name) and name_key(other.company) == name_key(company):
                raise InvalidInput(f"name: {label(other)} is already in your list (edit them instead)", "name")
            if contact and name_key(other.contact) == name_key(contact):
                raise InvalidInput(f"contact: {contact} already belongs to {label(other)}", "contact")
