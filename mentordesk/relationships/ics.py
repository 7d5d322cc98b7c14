"""An iCalendar (RFC 5545) file of upcoming meetings, written by hand.

The format is small but strict, and calendar apps reject files that get it wrong:
CRLF line ends, lines folded at 75 octets (not characters), TEXT values escaped, and
every event with a UID and a DTSTAMP in UTC. Meetings are all-day events because the
store keeps dates, not times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mentordesk.relationships.cadence import SuggestedMeeting
from mentordesk.relationships.views import MeetingView

PRODID = "-//MentorDesk//MentorDesk 0.1//EN"
UID_DOMAIN = "mentordesk.local"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: dt.date
    summary: str
    description: str = ""
    tentative: bool = False


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash first, then ; , and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> list[str]:
    """Split a content line into pieces of at most ``limit`` octets; every piece after
    the first starts with one space. Never splits inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    budget = limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > budget:
            pieces.append(current)
            current, size = " ", 1
            budget = limit
        current += char
        size += width
    pieces.append(current)
    return pieces


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def render_calendar(events: Sequence[CalendarEvent], now: dt.datetime, name: str = "MentorDesk") -> str:
    """The whole calendar as text with CRLF line ends. ``now`` becomes every DTSTAMP."""
    stamp = (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{_date(event.day)}",
            f"DTEND;VALUE=DATE:{_date(event.day + dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += [f"STATUS:{'TENTATIVE' if event.tentative else 'CONFIRMED'}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in fold(line))


def upcoming_events(
    meetings: Iterable[MeetingView], suggestions: Iterable[SuggestedMeeting], today: dt.date
) -> list[CalendarEvent]:
    """Booked meetings from today on, and suggested next meetings with primary mentors."""
    events = [
        CalendarEvent(
            uid=f"meeting-{m.id}@{UID_DOMAIN}", day=m.date, summary=f"Mentoring: {m.person_name}",
            description=m.purpose or "",
        )
        for m in meetings if m.date >= today
    ]
    events += [
        CalendarEvent(
            uid=f"suggested-{s.person.id}-{_date(s.date)}@{UID_DOMAIN}", day=s.date,
            summary=f"Book a meeting with {s.person.name}",
            description="Suggested by MentorDesk from your cadence with primary mentors.",
            tentative=True,
        )
        for s in suggestions
    ]
    return sorted(events, key=lambda e: (e.day, e.uid))
