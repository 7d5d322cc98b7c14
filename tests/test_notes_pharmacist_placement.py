"""Issue 9, placement cases from a stranger's notes (eval/data/notes_wild11 dev, a hospital
pharmacist's): a mentor named by relation ("my RAPS mentor", "my old boss") that only the
table's Notes explain; a first name two people share, told apart by the company beside it
or left for review when a different person is mentioned later; both names misspelt with
an aside holding commas; an acronym that starts a first name; a forwarded note whose
"yesterday" is the meeting, not the older emails quoted under it. Real ingestion."""

from __future__ import annotations

import pytest

from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Diane Whitaker,Retired (Halvern Pharmaceuticals),Former VP Regulatory Affairs,primary,"My RAPS Triangle mentoring-program mentor, assigned January 2025."
Greg Halvorsen,Oakhurst Regional Medical Center,Director of Pharmacy,mentor,"My boss at Oakhurst until July 2025; my old boss after that."
Michelle Tran,Brightwater Pharmaceuticals (RTP),"Associate Director, Labeling",mentor,Not the same person as Michelle Adeyemi.
Michelle Adeyemi,Adeyemi Regulatory Consulting (Cary),"Principal Consultant, CMC",mentor,Not the same person as Michelle Tran.
Kevin Osei,Larkspur Therapeutics,"Senior Manager, Regulatory Affairs",mentor,My manager at Larkspur.
José Peña,Pinecrest Clinical Research,"Director, Regulatory Affairs",mentor,Met him at the RAPS Triangle chapter program.
"""
NOTES = {
    "bujo p41.txt": "WED 7.9.25\n\n○ 6:00 call w/ my RAPS mentor — re: the offer\n"
                    "   ! Never accept on the call. Ask for it in writing.\n",
    "dinner.txt": "Dinner with my old boss, 9/3/25\n\nHe said to keep the reference list short.\n",
    "2025-05-06.md": "# Tuesday\n\n## Morning\n- shift, gym skipped\n\n## Coffee w/ Michelle (Brightwater labeling)\n"
                     "- Get really good at the USPI format.\n",
    "Lunch w Michelle.docx.txt": "Lunch w Michelle 4/7/26\n\nWe talked about the promotion. Kevin brought it up at my "
                                 "mid-year check-in.\n\nWhat she said: Ask Kevin what ready looks like, in writing.\n",
    "RAPS call 1.md": "# RAPS mentoring - call 1\n\nMentor: Dianne Whittaker (retired VP Regulatory Affairs, Halvern)\n\n"
                      "Tuesday, January 14, 2025\n\n- Aim for associate roles first.\n",
    "DIA 2026 - day 2.txt": "June 16, 2026\nDIA 2026 - day 2\nSession: briefing packages\n"
                            "Speakers: Dr. Hannah Liebermann and Marco DeSantis\n- Ask questions FDA can answer yes or no.\n",
    "Fwd_ lunch Thursday.txt": "From: Megan Pruitt <m@example.org>\nSent: Friday, June 13, 2025 7:48 AM\n"
                               "To: Megan Pruitt <megan@example.com>\nSubject: Fwd: lunch Thursday?\n\n"
                               "notes from lunch w Greg yesterday, before I forget:\n\n- Give four weeks, not two.\n\n"
                               "---------- Forwarded message ---------\nFrom: Greg Halvorsen <g@example.org>\n"
                               "Date: Mon, Jun 9, 2025 at 2:03 PM\nSubject: lunch Thursday?\n\nLunch Thursday? My treat.\n",
}


@pytest.fixture
def placed(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "mdy")
    desk.relationships.profile.update(name="Megan Pruitt")
    ingest_notes_with_table(desk, tmp_path, TABLE, NOTES)
    rel = desk.relationships
    meetings, reviews = placements(rel)
    return meetings, reviews


def test_a_mentor_named_by_relation_is_the_one_the_tables_notes_describe(placed):
    meetings, _ = placed
    assert meetings["bujo p41.txt"] == ("Diane Whitaker", "2025-07-09")
    assert meetings["dinner.txt"] == ("Greg Halvorsen", "2025-09-03")


def test_a_shared_first_name_is_told_apart_by_the_company_beside_it(placed):
    meetings, _ = placed
    assert meetings["2025-05-06.md"] == ("Michelle Tran", "2025-05-06")


def test_a_shared_first_name_in_the_title_is_not_settled_by_someone_mentioned_later(placed):
    meetings, reviews = placed
    assert "Lunch w Michelle.docx.txt" not in meetings
    assert reviews["Lunch w Michelle.docx.txt"] == "ambiguous_mentor"


def test_both_names_misspelt_beside_an_aside_with_commas_still_find_the_person(placed):
    meetings, _ = placed
    assert meetings["RAPS call 1.md"] == ("Diane Whitaker", "2025-01-14")


def test_a_conference_acronym_is_not_the_start_of_a_first_name(placed):
    meetings, reviews = placed
    assert "DIA 2026 - day 2.txt" not in meetings
    assert reviews["DIA 2026 - day 2.txt"] == "no_mentor"


def test_a_forwarded_note_about_yesterday_is_dated_by_its_own_sending(placed):
    meetings, _ = placed
    assert meetings["Fwd_ lunch Thursday.txt"] == ("Greg Halvorsen", "2025-06-12")


def test_my_mentor_alone_names_no_one():
    from mentordesk.relationships.lookup import described_as

    class Row:
        def __init__(self, name, notes):
            self.id, self.name, self.notes, self.role, self.company = name, name, notes, None, None

    people = [Row("Diane Whitaker", "My RAPS mentor."), Row("Kit Dunleavy", "A mentor Diane introduced.")]
    assert described_as(people, "Call with my mentor today\n- keep it short") is None
    assert described_as(people, "Call with my RAPS mentor today").name == "Diane Whitaker"


# ----- extraction shapes from the same set ----------------------------------------------
def test_a_bullet_journal_page_reads_its_priority_points_and_crossed_tasks_but_not_its_events():
    from mentordesk.relationships.extraction import extract_items

    page = ("WED 7.9.25\n\n○ 7a–3:30p shift\n– Tasha back from the coast\n○ 6:00 call w/ my RAPS mentor — re: the offer\n"
            "   – she was SO happy for me\n   ! Never accept on the call. Ask for it in writing + 48 hrs.\n"
            "   ! Negotiate base, not bonus.\n× email Kevin — thank you + ask for the offer in writing\n• comp spreadsheet\n")
    items = [(i.kind, i.text, i.done) for i in extract_items(page, None, "Diane Whitaker", "Megan Pruitt")]
    assert ("advice", "Never accept on the call. Ask for it in writing + 48 hrs.", False) in items
    assert ("advice", "Negotiate base, not bonus.", False) in items
    assert ("action", "email Kevin — thank you + ask for the offer in writing", True) in items
    assert not any("6:00 call" in text or "shift" in text for _, text, _ in items)


def test_in_a_text_message_export_the_other_speaker_is_the_mentor_even_by_nickname():
    """"Kit" is Catherine Dunleavy's nickname: beside "Me:", her lines are the mentor's."""
    from mentordesk.relationships.extraction import extract_items

    chat = ("Messages with Kit\n+1 (919) 555-0143\n\nTue, Oct 14, 2025 at 8:02 PM\n"
            "Me: Hi Kit! Is now still ok?\nKit: Text is fine.\n"
            "Kit: Keep a running log of every piece of FDA correspondence, starting now.\n"
            "Me: This is so helpful. I'm making the correspondence log tomorrow\n"
            "Kit: Not weird. I'll mark it up in red like the old days.\n")
    items = [(i.kind, i.text) for i in extract_items(chat, None, "Catherine Dunleavy", "Megan Pruitt")]
    assert ("advice", "Keep a running log of every piece of FDA correspondence, starting now.") in items
    assert any(kind == "action" and "correspondence log tomorrow" in text for kind, text in items)
    assert not any("555" in text or "mark it up in red" in text for _, text in items)


def test_html_checkboxes_and_pdf_bullets_on_their_own_line_keep_their_items(tmp_path):
    from ingest.loaders import load_file, unwrap_lines
    from mentordesk.relationships.extraction import extract_items

    page = tmp_path / "program.html"
    page.write_text('<html><body><div><b>To do</b></div><div><input type="checkbox" checked="checked"/>connect with '
                    'Sandra on LinkedIn</div><div><input type="checkbox"/>email José about coffee</div></body></html>',
                    encoding="utf-8")
    items = [(i.text, i.done) for i in extract_items(load_file(page).text, None, None, "Megan Pruitt")]
    assert items == [("connect with Sandra on LinkedIn", True), ("email José about coffee", False)]
    assert unwrap_lines("Speakers: Hannah\n•\nAsk questions FDA can answer yes or no.\n•\nCut it down.") == \
        "Speakers: Hannah\n• Ask questions FDA can answer yes or no.\n• Cut it down."


def test_a_mentors_chat_message_is_one_piece_of_advice_from_its_counsel_to_its_end():
    """Each message is quoted from its counsel on, once: the sentences taken in with it are
    not items again of their own."""
    from mentordesk.relationships.extraction import extract_items

    chat = ("Me: my first IND annual report is due 10/28\n"
            "Kit: Honestly? Most of them skim it. Lead with what changed. A reviewer opens an annual report looking "
            "for one thing: is anything different about the risk.\n"
            "Me: ok\n"
            "Kit: And never bury a protocol change in the annual report. If you find one, tell Kevin. Don't fix it "
            "quietly.\n")
    advice = [i.text for i in extract_items(chat, None, "Catherine Dunleavy", "Megan Pruitt") if i.kind == "advice"]
    assert advice == [
        "Lead with what changed. A reviewer opens an annual report looking for one thing: is anything different "
        "about the risk.",
        "Never bury a protocol change in the annual report. If you find one, tell Kevin. Don't fix it quietly."]
