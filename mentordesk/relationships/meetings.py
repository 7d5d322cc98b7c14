"""Meetings and the notes written in the app.

A note written in the app is a library document like an imported one (kind ``notes``,
source ``note:<id>``), so it is indexed at once with its mentor and date and found by
chat and search. The meeting itself is created by the notes sync, the single place that
turns notes into meetings; this service then records what only the app knows (the
person picked, the purpose typed).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ingest.sync import IngestService
from mentordesk.relationships.lookup import find_person
from mentordesk.relationships.notes_sync import SyncReport
from mentordesk.relationships.schemas import InvalidInput, MeetingNoteInput, advance_stage, validated
from mentordesk.relationships.views import AdviceView, MeetingView, advice_view, load_meetings, meeting_view
from store.engine import Database
from store.errors import UserError
from store.tables import Document, Meeting

APP_NOTE_PREFIX = "note:"


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingView
    notes: str
    advice: list[AdviceView]
    editable: bool  # False for a note that lives in a file: edit the file instead

    def to_dict(self) -> dict:
        return {**self.meeting.to_dict(), "notes": self.notes, "editable": self.editable,
                "advice_items": [a.to_dict() for a in self.advice]}


class MeetingNotFound(UserError):
    pass


def is_file_note(source: str | None) -> bool:
    """Notes ingested from a folder keep their file as the original; the app must not
    fork them, or the next ingest of the folder would silently undo the edit."""
    return bool(source) and Path(source).is_absolute()


class MeetingService:
    def __init__(self, db: Database, ingest: Callable[[], IngestService], sync: Callable[[], SyncReport]):
        self.db = db
        self._ingest = ingest  # lazy: only writing or deleting a note needs the index
        self._sync = sync

    # ----- reading ---------------------------------------------------------------------
    def list(self, mentor: str | int | None = None) -> list[MeetingView]:
        with self.db.session() as session:
            person_id = find_person(session, mentor).id if mentor else None
            return load_meetings(session, person_id)

    def get(self, meeting_id: int) -> MeetingDetail:
        with self.db.session() as session:
            meeting = self._load(session, meeting_id)
            doc = meeting.document
            return MeetingDetail(
                meeting_view(meeting), doc.text if doc else "", [advice_view(i) for i in meeting.advice_items],
                editable=not is_file_note(doc.source if doc else None),
            )

    def meeting_for_source(self, source: str) -> MeetingView | None:
        """The meeting a search result's document belongs to, if any."""
        with self.db.session() as session:
            meeting = session.scalar(
                select(Meeting).join(Document, Meeting.document_id == Document.id).where(Document.source == source)
            )
            return meeting_view(meeting) if meeting else None

    # ----- writing ---------------------------------------------------------------------
    def save(self, mentor: str | int, date: dt.date, purpose: str | None = None, notes: str = "",
             meeting_id: int | None = None) -> MeetingView:
        """Create a meeting (``meeting_id`` None) or edit one. With notes, the notes are
        stored and indexed as a library document; without, it is a meeting with no note
        (a planned one, or one the user kept no notes of)."""
        data = validated(MeetingNoteInput, mentor=mentor, date=date, purpose=purpose, notes=notes)
        with self.db.session() as session:
            person = find_person(session, mentor if isinstance(mentor, int) else data.mentor)
            person_id, person_name = person.id, person.name
            old = self._load(session, meeting_id) if meeting_id is not None else None
            source = old.document.source if old is not None and old.document is not None else None
            if old is not None and is_file_note(source):
                raise UserError(f"meeting {meeting_id}'s note is the file {source}; edit the file and ingest it again")
            if source is not None and not data.notes:
                raise InvalidInput("notes: cannot be empty for a meeting with a note (delete the meeting instead)",
                                   "notes")
            if not data.notes:
                meeting = old or Meeting()
                meeting.person_id, meeting.date, meeting.purpose = person_id, data.date, data.purpose
                if old is None:
                    session.add(meeting)
                if old is None and data.date <= dt.date.today():
                    person.stage = advance_stage(person.stage, "meeting")
                session.flush()
                return self._view_by_id(session, meeting.id)
            planned = (old.id, old.follow_up_sent_on) if old is not None and source is None else None

        source = source or f"{APP_NOTE_PREFIX}{uuid.uuid4().hex}"
        report = self._ingest().ingest_text(
            source, data.notes, kind="notes", title=data.purpose or f"Meeting with {person_name}",
            mentor=person_name, date=data.date,
        )
        if report.skipped:
            raise InvalidInput(f"notes: {report.skipped[0][1]}", "notes")
        self._sync()  # idempotent; the container's ingest hook may have run it already
        with self.db.session() as session:
            meeting = session.scalar(
                select(Meeting).join(Document, Meeting.document_id == Document.id).where(Document.source == source)
            )
            if meeting is None:  # the sync makes one for every dated note; this is a bug
                raise RuntimeError(f"no meeting was made for the note {source}")
            meeting.person_id, meeting.purpose = person_id, data.purpose
            if planned is not None:
                # Notes added to a meeting that had none: the note's meeting replaces it.
                plan = session.get(Meeting, planned[0])
                meeting.follow_up_sent_on = meeting.follow_up_sent_on or planned[1]
                if plan is not None:
                    session.delete(plan)
            session.flush()
            return self._view_by_id(session, meeting.id)

    def delete(self, meeting_id: int) -> MeetingView:
        """Remove a meeting; its note goes from the store and the search index too."""
        with self.db.session() as session:
            meeting = self._load(session, meeting_id)
            view = meeting_view(meeting)
        if view.source is not None:
            self._ingest().delete_sources([view.source])
        with self.db.session() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is not None:  # no note, or a database without ON DELETE CASCADE
                session.delete(meeting)
        return view

    def mark_follow_up_sent(self, meeting_id: int, on: dt.date | None = None) -> MeetingView:
        with self.db.session() as session:
            meeting = self._load(session, meeting_id)
            meeting.follow_up_sent_on = on or dt.date.today()
            session.flush()
            return self._view_by_id(session, meeting_id)

    # ----- helpers ---------------------------------------------------------------------
    @staticmethod
    def _load(session, meeting_id: int) -> Meeting:
        meeting = session.scalar(
            select(Meeting).where(Meeting.id == meeting_id)
            .options(selectinload(Meeting.advice_items), selectinload(Meeting.person), selectinload(Meeting.document))
        )
        if meeting is None:
            raise MeetingNotFound(f"no meeting with id {meeting_id} (see `mentordesk meetings`)")
        return meeting

    def _view_by_id(self, session, meeting_id: int) -> MeetingView:
        session.expire_all()
        return meeting_view(self._load(session, meeting_id))
