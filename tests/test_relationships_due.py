"""The due report and the calendar file, assembled from the store."""

from __future__ import annotations

import datetime as dt

import pytest
from relationship_helpers import bare_relationships, put_note

from store.errors import UserError

D = dt.date
MONDAY = D(2026, 11, 23)


@pytest.fixture
def rel(tmp_path):
    rel = bare_relationships(tmp_path / "home")
    put_note(rel.db, "n:1", "Priya Raman", D(2026, 9, 14), "## Advice\n- Pre-wire the CFO.\n## Next steps\n- [ ] Book CFO\n")
    put_note(rel.db, "n:2", "Daniel Okafor", D(2026, 11, 20), "## Next steps\n- [x] Send the deck\n")
    put_note(rel.db, "n:3", "Mei Tanaka", D(2026, 12, 8), "## Purpose\nPortfolio review\n", title="Plan")
    rel.sync_notes()
    rel.people.edit("Priya", stage="primary")
    rel.people.edit("Mei", stage="primary")
    rel.people.add("Ana Ruiz", connection="warm", introducer="Bo Chen")
    rel.people.add("Zed Cold", connection="cold")
    return rel


def test_due_report_from_the_store(rel):
    item = rel.advice.list("Priya", kind="advice")[0]
    rel.advice.set_outcome(item.id, "worked")
    report = rel.due.report(MONDAY)
    assert [(d.person.name, d.status, d.days_since) for d in report.primary_mentors] == [("Priya Raman", "overdue", 70)]
    assert [(f.meeting.person_name, f.days_left) for f in report.follow_ups] == [("Daniel Okafor", 4)]
    assert [a.text for a in report.open_actions] == ["Book CFO"]
    assert [a.text for a in report.unreported_outcomes] == ["Pre-wire the CFO."]
    assert report.outreach.person.name == "Ana Ruiz" and "Bo Chen" in report.outreach.reason
    assert "Add 10 more" in report.nudges[0]
    rel.people.log_message("Daniel", "sent", "Thanks for Friday", D(2026, 11, 21))
    rel.advice.mark_reported([item.id])
    later = rel.due.report(MONDAY)
    assert later.follow_ups == [] and later.unreported_outcomes == []
    assert rel.due.report(D(2026, 11, 22)).outreach is None  # Sunday


def test_calendar_file_has_booked_and_suggested_meetings(rel, tmp_path):
    path = tmp_path / "mentoring.ics"
    assert rel.due.write_calendar(path, MONDAY) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode()
    assert "DTSTART;VALUE=DATE:20261208" in text and "SUMMARY:Mentoring: Mei Tanaka" in text
    # Priya is overdue: her suggested meeting is today (a Monday).
    assert "DTSTART;VALUE=DATE:20261123" in text and "SUMMARY:Book a meeting with Priya Raman" in text
    assert text.count("DTSTAMP:") == 2 and text.count("UID:") == 2


def test_calendar_write_error_is_a_user_error(rel, tmp_path):
    with pytest.raises(UserError, match="cannot write"):
        rel.due.write_calendar(tmp_path / "missing" / "x.ics", MONDAY)
