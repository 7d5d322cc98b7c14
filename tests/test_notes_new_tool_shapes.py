"""Issue 9: notes from tools found on notes_wild19's dev split (a Wellington user): a
Workflowy/Dynalist OPML outline, a Journey entry (JSON with a UTC epoch time), a note
app's front matter stored in UTC ("…T23:00:00.000Z"), a WhatsApp iOS chat arranged for
"Saturday" and thanked for "this morning", and an entry that opens "Yesterday - coffee
with …". Times stored in UTC are read in the machine's time zone."""

from __future__ import annotations

import json

import pytest

from ingest.loaders import LoadError, load_bytes
from tests.helpers import ingest_notes_with_table, machine_in, placements

TABLE = """name,company,role,stage,notes
Graeme Tait,Tait Landscape,Director,mentor,My first boss.
Fiona Marsden,Marsden Finance,Accountant,mentor,Fi M. in my notes.
Robert Millar,Millar Landscapes,Owner,mentor,Dusty - I only ever call him Dusty.
Hamish Lockhart,Lincoln University,Lecturer,mentor,Taught my design studio.
"""
OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Mentoring</title></head><body>
  <outline text="Call w Graeme - Sun 14 Dec 2025" _note="45 min, tender printouts everywhere.">
    <outline text="GT">
      <outline text="Bid at your real rate. If you win it cheap you'll resent every hour of it." />
    </outline>
    <outline text="me">
      <outline text="Rework the fee at the full rate" _complete="true" />
      <outline text="Ask Ruth for a direct contract with the Trust" />
    </outline>
  </outline>
</body></opml>
"""
# 2025-11-20 08:45 UTC is 21:45 in Wellington: still the 20th there; the coffee was "yesterday"
JOURNEY = json.dumps({
    "text": "Rough week.\n\nYesterday - coffee with Fi M. at the Willis St place:\n\n"
            "* Chase it in writing today, with a date in it.\n* From now on, 30% deposit before you start.\n",
    "date_journal": 1763628300000, "timezone": "Pacific/Auckland", "tags": ["mentoring"]})
CAPACITIES = """---
type: Meeting
date: 2026-01-26T23:00:00.000Z
participants:
  - "[[Hamish Lockhart]]"
---

# Hamish - hiring my first grad

- Hire for attitude and teach the software.
"""
CHAT_IOS = """[15/05/2025, 6:12:40 pm] Sophie Whitcombe: Kia ora Dusty! Still good for Saturday?
[15/05/2025, 6:31:02 pm] Dusty: Yep. Yard 8am sat. Bring boots
[17/05/2025, 10:05:51 am] Sophie Whitcombe: the famous stone wall lol
[17/05/2025, 3:14:09 pm] Sophie Whitcombe: Cheers heaps for this morning Dusty. Writing down what you said:
1. Draw it so a contractor can price it.
2. Site visits are billable. All of them.
"""


@pytest.fixture
def wellington(monkeypatch):
    yield from machine_in(monkeypatch, "Pacific/Auckland")


def test_an_opml_outline_is_read_as_nested_bullets_with_its_notes_and_ticks():
    text = load_bytes("Graeme.opml", OPML).text
    assert text.startswith("# Mentoring")
    assert "- Call w Graeme - Sun 14 Dec 2025" in text and "45 min, tender printouts everywhere." in text
    assert "- [x] Rework the fee at the full rate" in text
    assert "    - Bid at your real rate." in text  # nested under "GT"
    with pytest.raises(LoadError, match="OPML"):
        load_bytes("broken.opml", b"<opml><head/></opml>")


def test_tool_exports_in_utc_are_placed_on_the_users_own_day(desk, tmp_path, monkeypatch, wellington):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Sophie Whitcombe")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Graeme.opml": OPML, "journey-1763628300000.json": JOURNEY, "Hamish - hiring my first grad.md": CAPACITIES,
        "WhatsApp Chat - Dusty.txt": CHAT_IOS})
    meetings, _ = placements(desk.relationships)
    assert meetings["Graeme.opml"] == ("Graeme Tait", "2025-12-14")
    # written on the 20th (local), about "yesterday"'s coffee
    assert meetings["journey-1763628300000.json"] == ("Fiona Marsden", "2025-11-19")
    # 23:00 UTC on the 26th is the 27th in Wellington
    assert meetings["Hamish - hiring my first grad.md"] == ("Hamish Lockhart", "2026-01-27")
    # arranged on Thursday "for Saturday"; "Cheers heaps for this morning" on Saturday
    assert meetings["WhatsApp Chat - Dusty.txt"] == ("Robert Millar", "2025-05-17")
    graeme = {(a.kind, a.text, a.done) for a in desk.relationships.people.detail("Graeme Tait").advice}
    assert ("action", "Rework the fee at the full rate", True) in graeme
    assert any(kind == "advice" and text.startswith("Bid at your real rate") for kind, text, _ in graeme)


def test_a_time_with_its_own_offset_keeps_its_date(wellington):
    from ingest.note_meta import parse_date_value

    assert str(parse_date_value("2026-03-10T21:30:00-08:00")) == "2026-03-10"  # written where it happened
    assert str(parse_date_value("2026-01-26T23:00:00.000Z")) == "2026-01-27"  # stored in UTC
