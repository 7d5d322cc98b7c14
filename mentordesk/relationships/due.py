"""The "what is due" service: loads snapshots from the store and applies the pure
cadence rules; also writes the calendar of upcoming meetings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mentordesk.relationships.cadence import DueReport, Thresholds, build_due_report, suggested_meetings
from mentordesk.relationships.ics import render_calendar, upcoming_events
from mentordesk.relationships.views import load_advice, load_meetings, load_people
from store.engine import Database
from store.errors import UserError


class DueService:
    def __init__(self, db: Database, thresholds: Thresholds):
        self.db = db
        self.thresholds = thresholds

    def report(self, today: dt.date | None = None) -> DueReport:
        today = today or dt.date.today()
        with self.db.session() as session:
            people, meetings, advice = load_people(session), load_meetings(session), load_advice(session)
        return build_due_report(people, meetings, advice, today, self.thresholds)

    def calendar(self, today: dt.date | None = None, now: dt.datetime | None = None) -> str:
        """ICS text: meetings from today on, plus suggested next meetings with primary mentors."""
        today = today or dt.date.today()
        with self.db.session() as session:
            people, meetings = load_people(session), load_meetings(session)
        events = upcoming_events(meetings, suggested_meetings(people, today, self.thresholds.due_weeks), today)
        return render_calendar(events, now or dt.datetime.now(dt.UTC))

    def write_calendar(self, path: Path, today: dt.date | None = None) -> int:
        text = self.calendar(today)
        try:
            # newline="" keeps the CRLF line ends the format requires.
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        return text.count("BEGIN:VEVENT")
