"""Issue 9, shapes from a stranger's notes (eval/data/notes_wild6's dev part): nicknames
the tracking table explains, a short name the note itself introduces, a reflection
written days after the meeting, a webinar's speaker lists, a printed PDF's running
header and footer, a heading called "Other", and a list that reports the mentor."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.loaders import load_bytes, without_running_lines
from ingest.note_meta import note_facts
from mentordesk.relationships.extraction import extract_items, rule_kind
from tests.helpers import ingest_notes_with_table, make_pdf

TABLE = """name,company,role,stage,notes
Robert Lindqvist,Mount Carmel,Director of Nursing Informatics,mentor,goes by Bob; might be hiring
Elizabeth Tran,OSU Wexner,Clinical Informatics Educator,meeting,runs the super-user program
Dana Whitfield,OhioHealth,Epic Analyst,primary,my go-to for analyst stuff. I write Dana W
Dana Reyes,Vantra Health,Product Manager,meeting,startup
"""
BOB = """1:1 w/ Bob
Tuesday, November 4, 2025 2:15 PM
## Salary stuff
- He said don't compare hourly to salary straight across.
- Ask for the range up front in the first recruiter screen.
## To do
- calculate my real annual comp
"""
LIZ = """Super-user chat w/ Liz - reflection
written Sun 1/25/2026
On Thursday, 1/22, I finally sat down with Liz (Elizabeth Tran, the educator who runs the super-user program).
She said the best thing I could do this spring is volunteer to co-teach the new-hire EHR class.
I also told her to ask the super-users on our unit when Epic confuses her.
I'm also going to stop saying "just a bedside nurse".
"""
DANA_W = """coffee w Dana W 9/18/2025
She said get on the super-user list for the next Epic upgrade.
"""


@pytest.fixture
def placed(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "mdy")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"1on1 w Bob.md": BOB, "super-user reflection.md": LIZ,
                                                    "dana w coffee.txt": DANA_W})
    return desk


def test_nicknames_from_the_table_and_from_the_note_place_the_meeting_with_the_right_person(placed):
    meetings = {(m.person_name, m.date) for m in placed.relationships.meetings.list()}
    assert meetings == {("Robert Lindqvist", dt.date(2025, 11, 4)),  # "goes by Bob" in the table's notes
                        ("Elizabeth Tran", dt.date(2026, 1, 22)),  # "Liz (Elizabeth Tran, …)"; met on the 22nd
                        ("Dana Whitfield", dt.date(2025, 9, 18))}  # "I write Dana W", not Dana Reyes
    assert [p.name for p in placed.relationships.people.list() if p.name in ("Bob", "Liz")] == []
    assert placed.relationships.reviews.list() == []


def test_a_reflection_written_later_is_dated_by_the_meeting_it_recalls():
    facts = note_facts(LIZ, "super-user reflection", day_first=False)
    assert facts.date == dt.date(2026, 1, 22)
    # with no meeting day in its opening, the writing date is the best there is
    assert note_facts("Chat w/ Liz\nwritten Sun 1/25/2026\nWe talked about teaching.", "x",
                      day_first=False).date == dt.date(2026, 1, 25)


def test_what_the_mentor_said_and_what_i_told_someone_else(placed):
    items = {(i.kind, i.text) for i in extract_items(LIZ, mentor="Elizabeth Tran")}
    assert ("advice", "She said the best thing I could do this spring is volunteer to co-teach the new-hire "
                      "EHR class.") in items
    assert ("action", 'I\'m also going to stop saying "just a bedside nurse".') in items
    assert not any("told her to ask" in text for _, text in items)  # my advice to my own mentee
    assert not any("written Sun" in text for _, text in items)
    assert rule_kind("She said get on the super-user list for the next Epic upgrade.") == "advice"


def test_an_imperative_in_a_list_that_reports_the_mentor_is_advice_not_a_chore():
    items = {(i.kind, i.text) for i in extract_items(BOB, mentor="Robert Lindqvist")}
    assert ("advice", "Ask for the range up front in the first recruiter screen.") in items
    assert ("action", "calculate my real annual comp") in items
    # the same line in a list of the user's own is a chore
    mine = {(i.kind, i.text) for i in extract_items("## Monday\n- Ask for the range up front in the first "
                                                    "recruiter screen.\n- book the dentist\n")}
    assert ("advice", "Ask for the range up front in the first recruiter screen.") not in mine


def test_speaker_lists_of_a_webinar_are_their_advice_and_a_heading_called_other_is_read():
    note = ("webinar: Breaking Into Nursing Informatics\n"
            "speakers: Renee Kaplan, CNIO + Marcus Bell, Epic analyst\n"
            "Renee:\n- Get on every go-live you can as at-the-elbow support.\n"
            "- Don't call yourself just a bedside nurse in interviews.\n"
            "Marcus:\n- Learn the difference between Epic Proficiency and Certification.\n"
            "## Other\n- He thinks I should put my super-user work at the top of the resume.\n")
    advice = {i.text for i in extract_items(note) if i.kind == "advice"}
    assert advice == {"Get on every go-live you can as at-the-elbow support.",
                      "Don't call yourself just a bedside nurse in interviews.",
                      "Learn the difference between Epic Proficiency and Certification.",
                      "He thinks I should put my super-user work at the top of the resume."}


def test_a_printed_pdfs_running_header_and_footer_are_not_part_of_the_note():
    pages = [["Printed 12/15/2025 9:02 PM Simplenote", "call w dana - interview stories", "What she told me:",
              "- Have 5 stories ready.", "app.simplenote.com/p/x7Qe2m Page 1 of 2"],
             ["Printed 12/15/2025 9:02 PM Simplenote", "My stuff:", "- write out the 5 stories in STAR",
              "app.simplenote.com/p/x7Qe2m Page 2 of 2"]]
    text = load_bytes("call w dana.pdf", make_pdf(pages)).text
    assert "Printed" not in text and "simplenote.com" not in text
    assert "call w dana - interview stories" in text and "write out the 5 stories in STAR" in text
    items = {(i.kind, i.text) for i in extract_items(text)}
    assert items == {("advice", "Have 5 stories ready."), ("action", "write out the 5 stories in STAR")}
    # a single page keeps its lines, except a bare page number
    assert without_running_lines(["Title\nbody line\n3"]) == ["Title\nbody line"]


def test_a_lone_first_name_nobody_in_the_list_has_is_asked_about_not_added(desk, tmp_path):
    """"1:1 w/ Sam" while the list has no Sam: review, never a new person called "Sam". With
    no list at all, the note still makes a new person (a new user's first folder)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "1on1 w Sam.md").write_text("1:1 w/ Sam\nTuesday, November 4, 2025\n- Ask for the range up front.\n",
                                         encoding="utf-8")
    desk.ingest.ingest_paths([notes], kind="notes")
    assert [m.person_name for m in desk.relationships.meetings.list()] == ["Sam"]  # no list yet

    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    other = tmp_path / "home2"
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    listed = MentorDesk(Settings(home=other, llm_provider="fake", index_builtin_guidance=False), embedder=desk.embedder)
    listed.relationships.table.import_file(tmp_path / "table.csv")
    listed.ingest.ingest_paths([notes], kind="notes")
    assert listed.relationships.meetings.list() == []
    (review,) = listed.relationships.reviews.list()
    assert review.reason == "no_mentor" and "'Sam'" in review.detail
    assert "Sam" not in {p.name for p in listed.relationships.people.list()}


def test_a_pasted_slack_chat_is_read_turn_by_turn():
    chat = ("slack w/ dana r 10/9/25\n\n"
            "Dana R.  12:44 PM\nnot crazy, half our clinical team came straight from the bedside\n"
            "honestly I'd get 1-2 yrs of Epic under your belt first if you can\n💯 1\n"
            "Marisol Quintero-Haynes  12:45 PM\nthat makes sense, I'll join the nursing informatics groups tonight\n"
            "Dana R.  12:47 PM\nlook at the duties and the comp band, not the title\n"
            "I'll ping our recruiter and ask if the role is still open\n")
    items = {(i.kind, i.text) for i in extract_items(chat, mentor="Dana Reyes")}
    assert ("advice", "honestly I'd get 1-2 yrs of Epic under your belt first if you can") in items
    assert ("advice", "look at the duties and the comp band, not the title") in items
    assert any(kind == "action" and "join the nursing informatics groups tonight" in text for kind, text in items)
    assert not any("ping our recruiter" in text for _, text in items)  # Dana's own promise


def test_a_nickname_that_ends_a_sentence_in_the_notes_cell():
    from mentordesk.relationships.lookup import _aliases_in

    assert _aliases_in("Goes by Dee. My bootcamp instructor Mar-Sep 2025.") == {"dee"}
    assert _aliases_in("I write Dana W in my notes") == {"dana w"}
