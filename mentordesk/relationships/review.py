"""The "Needs review" list: notes that could not become meetings on their own.

The notes sync fills it (no mentor, no date, a name that fits several people); here the
user reads it and settles each note with one choice: the person (and the date, when the
note has none), or "not a meeting". A choice is kept by the note's source, so it survives
re-ingesting the file, and it is applied at once by running the sync.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from mentordesk.relationships.lookup import PersonNotFound, find_person
from mentordesk.relationships.schemas import PersonCreate, validated
from store.engine import Database
from store.errors import UserError
from store.tables import Document, NoteReview, Person

REASON_TEXT = {
    "not_a_meeting": "marked as not a meeting",
    "no_mentor": "no mentor named",
    "no_date": "no date",
    "ambiguous_mentor": "the name fits several people",
}


@dataclass(frozen=True)
class ReviewItem:
    id: int
    source: str
    title: str | None
    reason: str
    detail: str
    candidates: tuple[tuple[int, str], ...]  # (person id, name) the note's name could mean
    date: dt.date | None  # the note's own date, if it has one
    excerpt: str
    suggested_name: str | None = None  # a full name the note states that no one in the table has

    @property
    def file_name(self) -> str:
        return Path(self.source).name if "/" in self.source else self.source

    @property
    def reason_text(self) -> str:
        return REASON_TEXT.get(self.reason, self.reason)

    def to_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "title": self.title, "reason": self.reason,
                "detail": self.detail, "candidates": [{"id": i, "name": n} for i, n in self.candidates],
                "date": self.date.isoformat() if self.date else None, "excerpt": self.excerpt,
                "suggested_name": self.suggested_name}


class ReviewNotFound(UserError):
    pass


class ReviewService:
    def __init__(self, db: Database, sync: Callable[[], object], reindex: Callable[[str], object] | None = None):
        self.db = db
        self._sync = sync
        # Re-reads a settled note's file, so search knows it under the chosen mentor too.
        self._reindex = reindex

    def waiting(self) -> int:
        """How many notes wait for a choice (a count; ``list`` reads their text too)."""
        with self.db.session() as session:
            return session.scalar(
                select(func.count(NoteReview.id)).join(Document, Document.source == NoteReview.source)
                .where(NoteReview.reason.is_not(None), NoteReview.dismissed.is_(False))
            ) or 0

    def list(self, dismissed: bool = False) -> list[ReviewItem]:
        """Notes waiting for a choice; with ``dismissed``, those marked "not a meeting"."""
        with self.db.session() as session:
            waiting = NoteReview.dismissed.is_(True) if dismissed else (
                NoteReview.reason.is_not(None) & NoteReview.dismissed.is_(False))
            rows = session.execute(
                select(NoteReview, Document.title, Document.date, Document.text)
                .join(Document, Document.source == NoteReview.source)
                .where(waiting)
                .order_by(NoteReview.id)
            ).all()
            names = dict(session.execute(select(Person.id, Person.name)).tuples().all())
            return [
                ReviewItem(row.id, row.source, title, "not_a_meeting" if row.dismissed else row.reason, row.detail or "",
                           tuple((pid, names[pid]) for pid in (row.candidates or []) if pid in names),
                           date, _excerpt(text), row.suggested_name)
                for row, title, date, text in rows
            ]

    def settle(self, review_id: int, *, person: str | int | None = None, date: dt.date | None = None,
               dismiss: bool = False, new_person: str | None = None) -> ReviewItem:
        """Place a note (a person, and a date if it has none) or mark it "not a meeting".
        ``new_person`` adds someone to the tracking table first (the note's suggested name,
        or one the user types) and places the note with them."""
        if new_person is not None and (person is not None or dismiss):
            raise UserError("a new person goes alone (not with --mentor or --not-a-meeting)")
        if new_person is not None and not " ".join(new_person.split()):
            raise UserError("the new person's name is empty")
        if not dismiss and person is None and date is None and new_person is None:
            raise UserError("choose a person (--mentor), a new person (--new-person), a date (--date) or --not-a-meeting")
        with self.db.session() as session:
            row = session.get(NoteReview, review_id)
            if row is None or row.reason is None:
                raise ReviewNotFound(f"no note waiting for review with id {review_id} (see `mentordesk meetings review`)")
            item = self._item(session, row)
            if dismiss:
                row.dismissed = True
            else:
                if new_person is not None:
                    row.person_id = _add_person(session, " ".join(new_person.split())).id
                if person is not None:
                    row.person_id = find_person(session, person).id
                if date is not None:
                    row.date = date
                if row.reason == "no_date" and row.date is None and item.date is None:
                    raise UserError(f"{item.file_name} has no date; give one with --date YYYY-MM-DD")
                if row.reason in ("no_mentor", "ambiguous_mentor") and row.person_id is None:
                    raise UserError(f"{item.file_name}: {item.detail}; choose the person with --mentor NAME")
            row.settled_at = dt.datetime.now()
        self._sync()
        if self._reindex is not None and not dismiss and (person is not None or new_person is not None):
            self._reindex(item.source)
        return item

    def add_suggested(self) -> list[ReviewItem]:
        """Settle every waiting note that names someone new ("coffee w/ Lorna Baptiste") by
        adding that person to the tracking table: the one choice for a folder of notes about
        people the table does not have yet. Notes missing a date as well keep waiting."""
        settled = []
        with self.db.session() as session:
            rows = session.scalars(select(NoteReview).where(
                NoteReview.reason == "no_mentor", NoteReview.suggested_name.is_not(None),
                NoteReview.dismissed.is_(False))).all()
            for row in rows:
                item = self._item(session, row)
                if item.date is None and row.date is None:
                    continue
                row.person_id = _add_person(session, " ".join((row.suggested_name or "").split())).id
                row.settled_at = dt.datetime.now()
                settled.append(item)
        if settled:
            self._sync()
            if self._reindex is not None:
                for item in settled:
                    self._reindex(item.source)
        return settled

    def reopen(self, review_id: int) -> ReviewItem:
        """Forget the choice made for a note ("not a meeting" by mistake): the note is read
        again as if new, and waits in the list if it still cannot be placed."""
        with self.db.session() as session:
            row = session.get(NoteReview, review_id)
            if row is None or (row.settled_at is None and not row.dismissed):
                raise ReviewNotFound(f"no settled note with id {review_id} (see `mentordesk meetings review --all`)")
            item = self._item(session, row)
            session.delete(row)
        self._sync()
        return item

    @staticmethod
    def _item(session, row: NoteReview) -> ReviewItem:
        doc = session.scalar(select(Document).where(Document.source == row.source))
        return ReviewItem(row.id, row.source, doc.title if doc else None, row.reason or "", row.detail or "", (),
                          doc.date if doc else None, _excerpt(doc.text if doc else ""), row.suggested_name)


def _add_person(session, name: str) -> Person:
    """The person of that name (matched as a typed name is, exactly), added to the tracking
    table when no one has it yet; a bad name is refused like one typed on the People page."""
    try:
        return find_person(session, name, exact_only=True)
    except PersonNotFound:
        pass
    data = validated(PersonCreate, name=name, stage="mentor")
    person = Person(name=data.name, stage=data.stage)
    session.add(person)
    session.flush()
    return person


def _excerpt(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
