"""Meetings from notes: every notes document with a mentor and a date is a meeting.

Runs after every ingestion (the container hooks it into ``IngestService``), so notes
imported from a folder, uploaded in the app or written in the app all become meetings
the same way. It is idempotent: a note whose content hash is unchanged since the last
sync is skipped, and a changed note updates its meeting in place, re-extracting the
advice while keeping the done flags and outcomes of items whose text did not change.

Three phases keep the write transaction short: read what changed, extract (which may
call a chat model), then write everything in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mentordesk.db import Database
from mentordesk.models import AdviceItem, Document, Meeting, Person
from mentordesk.relationships.extraction import (
    ExtractedItem,
    extract_items,
    extract_purpose,
    match_items,
    merge_model_items,
)
from mentordesk.relationships.lookup import best_for_mentor_name, name_key
from mentordesk.relationships.schemas import advance_stage

ModelExtractor = Callable[[str], list[ExtractedItem]]


@dataclass
class SyncReport:
    meetings_added: int = 0
    meetings_updated: int = 0
    meetings_removed: int = 0
    people_added: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.meetings_added or self.meetings_updated or self.meetings_removed or self.people_added)

    def summary(self) -> str:
        text = (f"meetings: {self.meetings_added} added, {self.meetings_updated} updated, "
                f"{self.meetings_removed} removed")
        if self.people_added:
            text += f"; new mentors: {', '.join(self.people_added)}"
        return text

    def to_dict(self) -> dict:
        return {
            "meetings_added": self.meetings_added, "meetings_updated": self.meetings_updated,
            "meetings_removed": self.meetings_removed, "people_added": self.people_added,
            "warnings": self.warnings,
        }


@dataclass
class _Pending:
    document_id: int
    mentor: str
    date: dt.date
    title: str | None
    content_hash: str
    text: str


@dataclass
class _NoteChange:
    document_id: int
    mentor: str
    date: dt.date
    title: str | None
    content_hash: str
    purpose: str | None
    items: list[ExtractedItem]
    model_ran: bool


class NotesSync:
    def __init__(self, db: Database, model_extractor: Callable[[], ModelExtractor | None] = lambda: None):
        self.db = db
        # A factory, so the chat model is built only when a changed note needs it.
        self._model_extractor = model_extractor
        self.last_report: SyncReport | None = None

    def run(self) -> SyncReport:
        report = SyncReport()
        changes, orphans = self._read_changes()
        extractor = self._model_extractor() if changes else None
        planned = [self._extract(change, extractor, report) for change in changes]
        with self.db.session() as session:
            self._apply(session, planned, orphans, report)
        self.last_report = report
        return report

    # ----- phase 1: what changed -------------------------------------------------------
    def _read_changes(self) -> tuple[list[_Pending], list[int]]:
        with self.db.session() as session:
            synced = dict(
                session.execute(select(Meeting.document_id, Meeting.synced_hash).where(Meeting.document_id.is_not(None)))
                .tuples().all()
            )
            eligible = session.execute(
                select(Document.id, Document.mentor, Document.date, Document.title, Document.content_hash)
                .where(Document.kind == "notes", Document.mentor.is_not(None), Document.date.is_not(None))
            ).tuples().all()
            todo = [row for row in eligible if synced.get(row[0]) != row[4]]
            texts = dict(
                session.execute(select(Document.id, Document.text).where(Document.id.in_([r[0] for r in todo])))
                .tuples().all()
            ) if todo else {}
        # Meetings whose document is no longer a dated note (its front matter lost the
        # mentor or date, or it was re-ingested as another kind) are no longer meetings.
        eligible_ids = {row[0] for row in eligible}
        orphans = [doc_id for doc_id in synced if doc_id not in eligible_ids]
        pending = [_Pending(doc_id, mentor, date, title, digest, texts[doc_id])
                   for doc_id, mentor, date, title, digest in todo]
        return pending, orphans

    # ----- phase 2: extraction (no transaction open) ---------------------------------
    def _extract(self, note: _Pending, extractor: ModelExtractor | None, report: SyncReport) -> _NoteChange:
        items = extract_items(note.text)
        model_ran = False
        if extractor is not None:
            try:
                items = merge_model_items(items, extractor(note.text))
                model_ran = True
            except Exception as exc:  # the bullets still count; say why the model part failed
                report.warnings.append(f"advice from free text skipped for {note.title or note.document_id}: {exc}")
        return _NoteChange(note.document_id, note.mentor, note.date, note.title, note.content_hash,
                           extract_purpose(note.text), items, model_ran)

    # ----- phase 3: one write transaction ---------------------------------------------
    def _apply(self, session: Session, changes: list[_NoteChange], orphans: list[int], report: SyncReport) -> None:
        people = list(session.scalars(select(Person)))
        existing = {
            m.document_id: m
            for m in session.scalars(
                select(Meeting).where(Meeting.document_id.in_([c.document_id for c in changes] + orphans))
                .options(selectinload(Meeting.advice_items), selectinload(Meeting.person))
            )
        }
        for change in changes:
            meeting = existing.get(change.document_id)
            person = self._person_for(session, change.mentor, meeting, people, report)
            if meeting is None:
                meeting = Meeting(document_id=change.document_id, purpose=change.purpose or change.title)
                session.add(meeting)
                report.meetings_added += 1
                person.stage = advance_stage(person.stage, "meeting")
            else:
                report.meetings_updated += 1
                if change.purpose:
                    meeting.purpose = change.purpose
            meeting.person = person
            meeting.date = change.date
            meeting.synced_hash = change.content_hash
            meeting.synced_mentor = change.mentor
            _reconcile_items(meeting, change.items, change.model_ran)
        for doc_id in orphans:
            meeting = existing.get(doc_id)
            if meeting is not None:
                session.delete(meeting)
                report.meetings_removed += 1

    def _person_for(self, session: Session, mentor: str, meeting: Meeting | None, people: list[Person],
                    report: SyncReport) -> Person:
        # Keep the meeting's person while the note names the same mentor as at the last
        # sync, so renaming a person (or choosing between namesakes) sticks.
        if meeting is not None and name_key(mentor) in (name_key(meeting.synced_mentor), name_key(meeting.person.name)):
            return meeting.person
        person = best_for_mentor_name(people, mentor)
        if person is None:
            person = Person(name=" ".join(mentor.split()), stage="mentor")
            session.add(person)
            session.flush()
            people.append(person)
            report.people_added.append(person.name)
        return person


def _reconcile_items(meeting: Meeting, extracted: list[ExtractedItem], model_ran: bool) -> None:
    """Replace the meeting's items with the extracted ones, carrying over the state
    (done, outcome, reported) of every item whose text is unchanged or nearly so."""
    old = list(meeting.advice_items)
    if not model_ran:
        # Items a model found earlier stay while no model is available to redo them.
        kept_from_model = [i for i in old if i.origin == "model"]
        old = [i for i in old if i.origin != "model"]
    else:
        kept_from_model = []
    matches = match_items([i.text for i in old], [e.text for e in extracted])
    reused: set[int] = set()
    new_items: list[AdviceItem] = []
    for position, item in enumerate(extracted):
        previous = old[matches[position]] if position in matches else None
        if previous is not None:
            reused.add(id(previous))
            previous.kind, previous.text, previous.origin = item.kind, item.text, item.origin
            # A box ticked in the note or in the app counts as done.
            previous.done = previous.done or item.done
            target = previous
        else:
            target = AdviceItem(kind=item.kind, text=item.text, origin=item.origin, done=item.done)
        target.position = position
        new_items.append(target)
    for position, item in enumerate(kept_from_model, start=len(new_items)):
        item.position = position
        new_items.append(item)
    meeting.advice_items = new_items  # delete-orphan removes items no longer in the note
