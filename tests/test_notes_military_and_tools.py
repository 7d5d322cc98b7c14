"""Issue 9: shapes found on notes_wild22's dev split (a retired US Air Force NCO moving into
cybersecurity, in San Antonio), none of them written for this code: a military message in
capitals with a date-time group, a Microsoft Forms session log, a GroupMe chat whose call was
arranged for "tmrw", an org-roam link, and two mentors who both go by "Chris"."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.note_meta import note_facts
from tests.helpers import ingest_notes_with_table, machine_in, placements

TABLE = """name,company,role,stage,notes
Raymond Whitfield,Whitfield Cyber Advisory,"Principal; Col, USAF (Ret.)",primary,"He is ""the Colonel"" or ""Col W"" in my notes."
Chris Halvorsen,Comal Valley Bank,CISO,mentor,"Goes by Chris; I write ""Chris H""."
Christine Abernathy,Tessellate Security,Director of IR,mentor,"Goes by Chris; I write ""Chris A"" or ""Christine""."
Renee Castillo,Patriot Pathways,SkillBridge coordinator,mentor,
Andre Boateng,Ironbark Security,IR consultant,mentor,"Call sign ""Viper"". I call him Viper."
"""


@pytest.fixture
def san_antonio(monkeypatch):
    yield from machine_in(monkeypatch, "America/Chicago", "mdy")


MESSAGE = """UNCLASSIFIED//PERSONAL

DTG: 250115Z JUL 25
FM: MSGT(RET) M.A. DELGADO-REYES
TO: FILE (MENTORING)
SUBJ: MENTOR SESSION - FIRST 60 DAYS ON SHIFT
REF: (A) PHONE CON WITH CHRIS A THIS EVENING, 1930-2025 LOCAL
RMKS/
1. GUIDANCE:
   A. BUILD RELATIONSHIPS WITH THE NETWORK AND AD TEAMS NOW.
   B. KEEP A PERSONAL RUNBOOK OF EVERY ALERT TYPE YOU CLOSE.
"""

FORM_ROWS = """Start time,Completion time,Date of session,Mentor / coordinator,Advice / guidance received,My action items
2025-03-26 15:41,2025-03-26 15:52,3/26/2025,Renee Castillo (Patriot Pathways coordinator),"- Ask for a written midpoint eval now
- Get the offer in writing before terminal leave","- Email Brent re: written midpoint eval"
"""

GROUPME = [  # a GroupMe export's message.json: a list of messages, times in UTC epoch seconds
    {"created_at": 1738806000, "name": "Viper", "sender_type": "user",
     "text": "Marc! Call tmrw night? 1930 your time works best"},
    {"created_at": 1738806300, "name": "Marc Delgado-Reyes", "sender_type": "user", "text": "Copy. 1930 tmrw. Thanks brother"},
    {"created_at": 1738892400, "name": "Viper", "sender_type": "user", "text": "calling in 2"},
    {"created_at": 1738897200, "name": "Marc Delgado-Reyes", "sender_type": "user",
     "text": "Good talk tonight Viper. Writing it down:\n- ask to shadow the IR on-call\n- keep a brag doc from day 1"},
]


def test_a_date_time_group_is_the_users_day_and_a_message_in_capitals_names_its_mentor(san_antonio):
    facts = note_facts(MESSAGE, "DTG 250115ZJUL25 MENTOR SESSION")
    # 01:15 UTC on 25 July is the evening of 24 July in San Antonio
    assert facts.date == dt.date(2025, 7, 24)
    assert facts.mentors == ("Chris A",)  # not "With Chris A" ("PHONE CON WITH"), not "Chris A This"


def test_these_notes_become_meetings_and_a_shared_nickname_stays_unplaced(desk, tmp_path, san_antonio):
    import json

    desk.relationships.profile.update(name="Marcus Delgado-Reyes")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "DTG 250115ZJUL25 MENTOR SESSION.TXT": MESSAGE,
        "Mentor session log(1-1).csv": FORM_ROWS,
        "message.json": json.dumps(GROUPME),
        "20260414203541-chris_a_tabletop.org": ":PROPERTIES:\n:ID: 7c1e\n:END:\n#+title: Chris A tabletop\n\n"
                                               "* Zoom w/ [[id:3b9e0f4c][Chris A]] 1900-2000, 4/14/2026\n"
                                               "- run the tabletop with the real on-call roster\n",
        "Chris_call.txt": "Chris_call\nCreated Thursday 30 October 2025\n\nCall with Chris tonight about LinkedIn.\n"
                          "- The headline should say what I do now\n",
    })
    meetings, reviews = placements(desk.relationships)
    assert meetings["DTG 250115ZJUL25 MENTOR SESSION.TXT"] == ("Christine Abernathy", "2025-07-24")
    # a form's "Mentor / coordinator" and "Date of session" (not when the form was filled in)
    assert meetings["Mentor session log(1-1).csv"] == ("Renee Castillo", "2025-03-26")
    # arranged "tmrw" on the 5th, the call on the 6th
    assert meetings["message.json"] == ("Andre Boateng", "2025-02-06")
    assert meetings["20260414203541-chris_a_tabletop.org"] == ("Christine Abernathy", "2026-04-14")
    # both Chrises go by "Chris": the user picks
    assert reviews["Chris_call.txt"] == "ambiguous_mentor"


def test_a_taskpaper_project_named_for_the_call_dates_it():
    taskpaper = ("## Inbox\n\n- [ ] renew CPR cert (due 2026-08-15)\n\n## Viper 29JUL26\n\n"
                 "Phone, 2000L.\nBook the exam for a Saturday.\n- [x] book OSCP exam\n\n## Someday\n\n- [ ] learn Velociraptor\n")
    facts = note_facts(taskpaper, "Mentoring")
    assert facts.date == dt.date(2026, 7, 29) and "Viper" in facts.hints
    # a heading that names no one of the note is not its date
    todo = "## Inbox\n\n- [ ] renew CPR cert\n- [ ] buy milk\n- [ ] call the bank\n- [ ] fix the bike\n\n## Release 12MAR26\n\n- ship it\n"
    assert note_facts(todo, "todo").date is None
