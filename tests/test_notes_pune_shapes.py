"""Issue 9, shapes from a stranger's notes (eval/data/notes_wild13 dev, a Pune QA engineer
moving into product): honorifics that tell two people of one first name apart ("Anand sir",
"Anand bhaiya"), names written surname first ("IYER Meera", "Venkatesh K"), a nickname with
a company word ("Venky Zentrix"), Gmail's print view, a WhatsApp chat that arranges the call
for the next day, a note app's stamp over "kal raat ka call", and in extraction: a "Topic :"
line over a list, two Word tables in a row, a Status column, "[v]" ticks, tools' own lines,
and a numbered list typed in one cell. Real ingestion for the placements."""

from __future__ import annotations

import pytest

from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Anand Deshpande,Finlytic,Group Product Manager,primary,Ex-QA lead who moved to PM. I call him Anand sir.
Anand Patil,HomeKart,Head of Product,mentor,My cousin's friend. I call him Anand bhaiya. Startup questions.
Meera Iyer,Techvance Solutions,Director - Quality Engineering,mentor,My skip-level. Shows up as IYER Meera in Teams.
K. Venkatesh,Zentrix Software,Principal Product Manager,mentor,Everyone calls him Venky. Shows as Venkatesh K on Zoom.
"""
SIR = """# Problem statements - Anand sir

Date: 15 Feb 2025

- Write the problem in the user's words first, then the business impact.
"""
BHAIYA = """14 Jun 2025, 08:12:47
Anand bhaiya call
kal raat ka call with Anand bhaiya about startups
- join a startup only if the founders have shipped something before
"""
TEAMS = """Recap: 1:1 Aditi / Meera
Tuesday, 11 March 2025 · 5:00 pm - 5:30 pm
Organiser: IYER Meera
Attendees: IYER Meera, JOSHI Aditi

IYER Meera suggested that Aditi volunteer for the UAT coordination on the release.
"""
WHATSAPP = """11/04/25, 7:52 pm - Aditi: Hi Venky, can we do the mock product sense round kal morning?
11/04/25, 8:15 pm - Venky Zentrix: Sure. 10:30 tomorrow, I'll call you
12/04/25, 11:38 am - Venky Zentrix: Good session. Don't jump to features in the first 5 min
12/04/25, 11:44 am - Aditi: Noted, will do 3 mocks before the 24th
"""
GMAIL = """Gmail\tAditi Joshi <aditi@example.com>

Thank you for Saturday's session
1 message

Aditi Joshi <aditi@example.com>\tMon, 25 Aug 2025 at 9:12 am
To: K. Venkatesh <venky@example.com>

Dear Venky,

Thank you so much for giving me two hours on Saturday. I have noted your points:

1. Negotiate the joining date and the variable pay together.
"""


@pytest.fixture
def placed(desk, tmp_path):
    desk.relationships.profile.update(name="Aditi Joshi")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "QA to PM - Anand sir.md": SIR, "Anand bhaiya call.txt": BHAIYA, "Recap - 1_1 Aditi _ Meera.txt": TEAMS,
        "WhatsApp Chat with Venky Zentrix.txt": WHATSAPP, "Thank you for Saturday's session.txt": GMAIL})
    meetings, _ = placements(desk.relationships)
    return meetings


def test_an_honorific_the_table_gives_tells_two_people_of_one_first_name_apart(placed):
    assert placed["QA to PM - Anand sir.md"] == ("Anand Deshpande", "2025-02-15")
    assert placed["Anand bhaiya call.txt"][0] == "Anand Patil"


def test_a_note_apps_stamp_over_last_nights_call_dates_it_the_day_before(placed):
    assert placed["Anand bhaiya call.txt"] == ("Anand Patil", "2025-06-13")


def test_a_name_written_surname_first_is_that_person(placed):
    assert placed["Recap - 1_1 Aditi _ Meera.txt"] == ("Meera Iyer", "2025-03-11")


def test_a_chat_that_arranges_the_call_for_the_next_day_is_dated_that_day(placed):
    """'Venky Zentrix' (a nickname with a word of his company) is K. Venkatesh, and the
    chat's first day only arranges the call ('kal morning', 'tomorrow')."""
    assert placed["WhatsApp Chat with Venky Zentrix.txt"] == ("K. Venkatesh", "2025-04-12")


def test_gmails_print_view_is_an_email_sent_after_the_meeting(placed):
    assert placed["Thank you for Saturday's session.txt"] == ("K. Venkatesh", "2025-08-23")


def test_a_topic_line_is_a_property_not_the_heading_of_the_list_under_it():
    from mentordesk.relationships.extraction import extract_items

    page = ("Ramesh sir - 9/8/25 (Sat)\nTopic : offer negotiation\n\n"
            "- Never give the first number. If they push, give a range\n- Dont accept on the call\n\n"
            "TODO\n[v] mail HR asking for the break-up\n[ ] make the spreadsheet\n")
    items = [(i.kind, i.text, i.done) for i in extract_items(page, None, None, "Aditi Joshi")]
    assert ("advice", "Never give the first number. If they push, give a range", False) in items
    assert ("action", "mail HR asking for the break-up", True) in items
    assert ("action", "make the spreadsheet", False) in items


def test_a_second_table_has_its_own_header_and_a_status_column_ticks_its_row():
    from mentordesk.relationships.extraction import extract_items

    doc = ("| Mentor | Meera Iyer |\n|---|---|\n| Date | 03/10/2025 |\n\n"
           "| # | Her advice | What I'll do | Status |\n|---|---|---|---|\n"
           "| 1 | Leave on good terms and do a proper handover | Finish the handover videos | Done |\n"
           "| 2 | Keep in touch with the client's product owner | Connect with Gareth on LinkedIn | Pending |\n")
    items = [(i.kind, i.text, i.done) for i in extract_items(doc, None, None, "Aditi Joshi")]
    assert items == [("advice", "Leave on good terms and do a proper handover", False),
                     ("action", "Finish the handover videos", True),
                     ("advice", "Keep in touch with the client's product owner", False),
                     ("action", "Connect with Gareth on LinkedIn", False)]


def test_tools_own_lines_are_not_items_and_a_numbered_cell_is_several_actions():
    from mentordesk.relationships.extraction import extract_items

    recap = ("Recording and transcript\nRecording expires on 10 April 2025\n"
             "Please provide feedback about using Gemini to take notes in a short survey.\n\n"
             "My action items: 1) Write the app teardown and post it; 2) Check if L&D pays for the course\n")
    items = [(i.kind, i.text) for i in extract_items(recap, None, None, "Aditi Joshi")]
    assert items == [("action", "Write the app teardown and post it"),
                     ("action", "Check if L&D pays for the course")]
