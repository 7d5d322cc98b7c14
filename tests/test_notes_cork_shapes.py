"""Issue 9, shapes from a stranger's notes (eval/data/notes_wild10 dev, a Cork chef's): a
misspelt first name beside a right surname, a nickname the table gives as "Sometimes Niamh
O'D in my notes", a sent thank-you email that names the meeting only as "Tuesday (23rd)",
OneNote's checkboxes in HTML, a Teams recap whose tasks name their owner after them, and
an Otter transcript of a call the user is in by name. Real ingestion for the placements."""

from __future__ import annotations

import pytest

from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Aoife Brennan,Local Enterprise Office Cork City,Business Adviser,mentor,
Niamh Walsh,Walsh Crowley & Co.,Partner,mentor,Not the same person as Niamh O'Driscoll.
Niamh O'Driscoll,Harbour Row (Kinsale),Chef-Owner,mentor,Sometimes Niamh O'D in my notes. Not the same person as Niamh Walsh.
Tomasz Kowalczyk,The Laneway,Head Chef,mentor,
"""
SESSION = """# LEO mentoring – session 1

Mentor: Aiofe Brennan, LEO Cork City (business adviser)

Date: 21 Jan 2025, 10am

Advice: Test the concept with pop-ups before borrowing a cent. Real paying customers, not friends eating for free.
"""
DIARY = """Monday 7th July 2025

Day off, finally. Lunch at Harbour Row with Niamh O'D. She fed me far too much. She said to budget twice what
the kitchen quote says for the extraction and the gas.
"""
THANKS = """From: Ciara Dunne <ciara@example.com>
To: Tomasz Kowalczyk <tomasz@example.com>
Date: Thu, 25 Sep 2025 at 00:41
Subject: Thanks for Tuesday

Hi Tomasz,

Just wanted to say thanks a million for staying back after service on Tuesday (23rd) and going through everything.

1. Tell the team about Smól yourself before they hear it from someone else.

You said you'd talk to Eoin in the office about the rota for next year – no rush on that.
"""


@pytest.fixture
def placed(desk, tmp_path):
    desk.relationships.profile.update(name="Ciara Dunne")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "LEO mentoring - session 1.md": SESSION, "diary - kinsale day.txt": DIARY, "Thanks for Tuesday.txt": THANKS})
    rel = desk.relationships
    meetings, _ = placements(rel)
    return meetings, rel


def test_a_misspelt_first_name_with_the_right_surname_is_that_person(placed):
    meetings, _ = placed
    assert meetings["LEO mentoring - session 1.md"] == ("Aoife Brennan", "2025-01-21")


def test_a_name_the_tables_notes_give_as_written_in_my_notes_is_that_person(placed):
    meetings, _ = placed
    assert meetings["diary - kinsale day.txt"] == ("Niamh O'Driscoll", "2025-07-07")


def test_a_sent_email_dates_the_meeting_by_the_weekday_it_thanks_for(placed):
    meetings, rel = placed
    assert meetings["Thanks for Tuesday.txt"] == ("Tomasz Kowalczyk", "2025-09-23")
    advice = [a.text for a in rel.advice.list(mentor="Tomasz Kowalczyk", kind="advice")]
    assert any("Tell the team about Smól yourself" in text for text in advice)
    assert not any("Eoin" in text for text in advice)  # the mentor's own promise, told back to him


def test_an_advice_label_line_is_one_piece_of_advice_with_its_reason(placed):
    _, rel = placed
    advice = [a.text for a in rel.advice.list(mentor="Aoife Brennan", kind="advice")]
    assert advice == ["Test the concept with pop-ups before borrowing a cent. Real paying customers, not friends "
                      "eating for free."]


@pytest.mark.parametrize(("sent", "day"), [
    ("Thu, 25 Sep 2025", "thanks for staying back on Tuesday (23rd)"),
    ("Tue, 30 Sep 2025", "thanks for the chat last Tuesday"),
])
def test_a_weekday_in_a_sent_email_is_the_last_one_before_it(sent, day):
    from ingest.note_meta import note_facts

    text = f"From: Ciara <c@example.com>\nTo: Tomasz <t@example.com>\nDate: {sent} at 09:00\n\nHi Tomasz,\n\nJust {day}.\n"
    facts = note_facts(text, "thanks")
    assert facts.date is not None and facts.date.isoformat() == "2025-09-23"


def test_a_weekday_the_email_looks_forward_to_is_not_the_meeting():
    from ingest.note_meta import note_facts

    text = ("From: Ciara <c@example.com>\nTo: Tomasz <t@example.com>\nDate: Thu, 25 Sep 2025 at 09:00\n\n"
            "Hi Tomasz,\n\nLooking forward to our chat on Tuesday.\n")
    facts = note_facts(text, "see you")
    assert facts.date is not None and facts.date.isoformat() != "2025-09-23"


def test_onenotes_checkboxes_in_html_stay_on_the_line_of_their_task(tmp_path):
    from ingest.loaders import load_file
    from mentordesk.relationships.extraction import extract_items

    page = tmp_path / "talk.html"
    page.write_text("<html><body><p>Next steps</p>"
                    "<p><span style='font-family:\"Segoe UI Symbol\"'>&#9745;</span> connect with Garrett on LinkedIn</p>"
                    "<p><span>&#9744;</span> ask Niamh where she got her kitchen gear</p></body></html>", encoding="utf-8")
    text = load_file(page).text
    assert "☑ connect with Garrett on LinkedIn" in text
    items = [(i.kind, i.text, i.done) for i in extract_items(text, None, None, "Ciara Dunne")]
    assert items == [("action", "connect with Garrett on LinkedIn", True),
                     ("action", "ask Niamh where she got her kitchen gear", False)]


def test_a_recaps_task_owned_by_the_mentor_in_brackets_is_not_mine():
    from mentordesk.relationships.extraction import extract_items

    recap = ("Follow-up tasks\n"
             "  • Submit the Microfinance Ireland application through the LEO referral route (Ciara Dunne)\n"
             "  • Write the mentor support letter for the Microfinance application (Aoife Brennan)\n"
             "  • Send Ciara a list of food PR contacts, including Dervla Keane (Aoife Brennan)\n")
    items = [i.text for i in extract_items(recap, None, "Aoife Brennan", "Ciara Dunne")]
    assert items == ["Submit the Microfinance Ireland application through the LEO referral route (Ciara Dunne)"]


def test_in_a_transcript_the_user_speaking_by_name_makes_commitments_not_advice():
    """An Otter call with a mentor no one could place (two Niamhs): the user's own name on
    their turns says whose "I'll …" it is, and two "I'll" in one line are two actions."""
    from mentordesk.relationships.extraction import extract_items

    call = ("SPEAKERS\nCiara Dunne, Niamh\n\nNiamh  0:25\nOkay. Put the card fees in. People forget them.\n\n"
            "Ciara Dunne  0:45\nRight. I'll redo the costing with everything in and I'll ask the supplier for a price.\n")
    items = [(i.kind, i.text) for i in extract_items(call, None, None, "Ciara Dunne")]
    assert ("action", "I'll redo the costing with everything in") in items
    assert ("action", "I'll ask the supplier for a price.") in items
    assert [kind for kind, _ in items].count("advice") == 1
