"""The .ics calendar is valid RFC 5545: CRLF, folding at 75 octets, escaping, UID, DTSTAMP."""

from __future__ import annotations

import datetime as dt

from mentordesk.relationships.cadence import SuggestedMeeting
from mentordesk.relationships.ics import CalendarEvent, escape_text, fold, render_calendar, upcoming_events
from mentordesk.relationships.views import MeetingView, PersonView

NOW = dt.datetime(2026, 11, 22, 9, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_escaping_of_text_values():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escape_text("line1\r\nline2") == "line1\\nline2"


def test_folding_counts_octets_and_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100  # two octets each
    pieces = fold(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert fold("short") == ["short"]


def test_calendar_structure():
    events = [
        CalendarEvent("meeting-7@mentordesk.local", dt.date(2026, 12, 3), "Mentoring: Priya Raman",
                      "Purpose: salary, equity; and the \"next step\"\n" + "long words " * 20),
        CalendarEvent("suggested-2-20261230@mentordesk.local", dt.date(2026, 12, 30), "Book a meeting", tentative=True),
    ]
    text = render_calendar(events, NOW)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == 2 == lines.count("END:VEVENT")
    assert "UID:meeting-7@mentordesk.local" in lines
    assert lines.count("DTSTAMP:20261122T073005Z") == 2  # converted to UTC
    assert "DTSTART;VALUE=DATE:20261203" in lines and "DTEND;VALUE=DATE:20261204" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert description.startswith("DESCRIPTION:Purpose: salary\\, equity\\; and the \"next step\"\\nlong words")
    assert "STATUS:TENTATIVE" in lines and "STATUS:CONFIRMED" in lines


def test_upcoming_events_from_meetings_and_suggestions():
    today = dt.date(2026, 11, 23)
    meetings = [
        MeetingView(1, 1, "Priya Raman", dt.date(2026, 11, 1), purpose="past"),
        MeetingView(2, 1, "Priya Raman", today, purpose="Today, at noon"),
        MeetingView(3, 2, "Mei Tanaka", dt.date(2027, 1, 5)),
    ]
    suggestion = SuggestedMeeting(PersonView(4, "Daniel Okafor", stage="primary"), dt.date(2026, 12, 1))
    events = upcoming_events(meetings, [suggestion], today)
    assert [e.uid for e in events] == ["meeting-2@mentordesk.local", "suggested-4-20261201@mentordesk.local",
                                       "meeting-3@mentordesk.local"]
    assert events[0].summary == "Mentoring: Priya Raman" and events[0].description == "Today, at noon"
    assert events[1].tentative and "Daniel Okafor" in events[1].summary
