"""Issue 9: two file types people have from their tools, read as notes: a calendar event
saved as .ics (Google Calendar, Outlook), whose description holds the notes, and a WebVTT
transcript (.vtt, Zoom's and Teams' recordings). Real ingestion into the store."""

from __future__ import annotations

import pytest

from tests.helpers import ingest_notes_with_table

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nBEGIN:VEVENT\r\n"
    "DTSTART:20260313T123000Z\r\nDTEND:20260313T133000Z\r\nDTSTAMP:20260402T081502Z\r\n"
    "UID:4k2v0b7t1qg3@google.com\r\nORGANIZER;CN=Becca Hollis:mailto:becca@example.com\r\n"
    "ATTENDEE;CN=Jonathan Rees:mailto:jr@example.com\r\n"
    "DESCRIPTION:Notes after:\\n- Go for ASM internally first. Calder will still \r\n"
    " be there in a year.\\n\\nTo do:\\n- send JR my CV anyway\\, so he's got it\r\n"
    "LOCATION:The Old Stationhouse\\, Keynsham\r\nSUMMARY:Lunch - JR (Calder)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
VTT = """WEBVTT

1
00:00:03.120 --> 00:00:09.880
Becca Hollis: So I said yes to Hallam.

2
00:00:10.400 --> 00:00:17.020
<v Jonathan Rees>Stop doing the joinery snagging yourself. You've got a foreman for that now.</v>

3
00:00:17.500 --> 00:00:26.240
Becca Hollis: I'll set up the Wednesday meeting from the 22nd.

4
00:00:26.900 --> 00:00:35.310
Jonathan Rees: Good. Send me the agenda after the first one.
"""
TABLE = "name,company,role,stage,notes\nJonathan Rees,Calder Build,Site Manager,mentor,Goes by JR.\n"


def test_an_ics_event_reads_as_a_note_with_its_day_people_and_description(tmp_path):
    from ingest.loaders import load_file

    path = tmp_path / "Lunch - JR (Calder).ics"
    path.write_text(ICS, encoding="utf-8")
    loaded = load_file(path)
    assert loaded.meta.title == "Lunch - JR (Calder)"
    assert loaded.text.splitlines()[:4] == ["Lunch - JR (Calder)", "Date: 2026-03-13",
                                             "Attendees: Becca Hollis, Jonathan Rees",
                                             "Location: The Old Stationhouse, Keynsham"]
    assert "- Go for ASM internally first. Calder will still be there in a year." in loaded.text
    assert "- send JR my CV anyway, so he's got it" in loaded.text


def test_a_vtt_transcript_reads_as_speaker_lines_without_timings(tmp_path):
    from ingest.loaders import load_file

    path = tmp_path / "GMT20260708-180012_Recording.transcript.vtt"
    path.write_text(VTT, encoding="utf-8")
    assert load_file(path).text.splitlines() == [
        "Becca Hollis: So I said yes to Hallam.",
        "Jonathan Rees: Stop doing the joinery snagging yourself. You've got a foreman for that now.",
        "Becca Hollis: I'll set up the Wednesday meeting from the 22nd.",
        "Jonathan Rees: Good. Send me the agenda after the first one."]


@pytest.mark.parametrize(("name", "text", "error"), [
    ("broken.ics", "BEGIN:VCALENDAR\nthis is not a calendar", "not a valid iCalendar file"),
    ("empty.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event"),
    ("notes.vtt", "00:00:01.000 --> 00:00:02.000\nhello", "not a WebVTT file"),
])
def test_a_bad_calendar_or_transcript_file_gets_a_clear_error(tmp_path, name, text, error):
    from ingest.loaders import LoadError, load_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match=error):
        load_file(path)


def test_both_become_meetings_with_their_items(desk, tmp_path):
    desk.relationships.profile.update(name="Becca Hollis")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"Lunch - JR (Calder).ics": ICS,
                                                    "GMT20260708-180012_Recording.transcript.vtt": VTT})
    rel = desk.relationships
    meetings = sorted((m.person_name, m.date.isoformat()) for m in rel.meetings.list())
    assert meetings == [("Jonathan Rees", "2026-03-13"), ("Jonathan Rees", "2026-07-08")]
    texts = {(a.kind, a.text) for a in rel.advice.list()}
    assert ("advice", "Stop doing the joinery snagging yourself. You've got a foreman for that now.") in texts
    assert any(kind == "action" and "Wednesday meeting" in text for kind, text in texts)
    assert any(kind == "action" and "send JR my CV" in text for kind, text in texts)
