"""Issue 9, placement cases from a stranger's notes (eval/data/notes_wild12 dev, a joiner's
in Bristol): an email forwarded to the user's own address names no one; "WhatsApp Chat with
Tony Unite" is the Tony of the union; "Tony Mulligan" and "Tony M" are not that Tony; a
daily note's "## Pay review w/ Okafor" outranks a subcontractor mentioned first; "Dave - my
old gaffer" is the Dave the table calls that; a yearless date with its weekday finds its
year. Real ingestion."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Gary Whitlock,Hallam & Stone Construction,Site Manager,mentor,My site manager on the Filton job.
Tony Ferreira,Unite the Union (Bristol construction branch),Branch Secretary,mentor,My union rep since I was an apprentice.
Dave Okafor,Hallam & Stone Construction,Contracts Manager,mentor,Not the same person as Dave Pritchard.
Dave Pritchard,Retired (Pritchard & Sons Joinery),Master joiner,mentor,"Taught me the trade; I still call him my old gaffer."
Marek Nowak,Nowak Drylining Ltd,Director,contacted,Drylining subbie. Only mentioned in notes.
"""
NOTES = {
    "WhatsApp Chat with Tony Unite.txt": "24/04/2025, 19:41 - Becca: Cheers Tony\n"
                                         "24/04/2025, 20:15 - Tony Unite: Ask for the foreman rate from day one.\n"
                                         "24/04/2025, 20:16 - Tony Unite: And get the overtime in the contract.\n"
                                         "24/04/2025, 20:30 - Becca: Will do\n",
    "call - Tony M.txt": "28/11/25\ncall w/ Tony Mulligan - SM at Brackenridge, 20 mins\n\n- get a stint on a new build\n",
    "2025-11-19.md": "## Morning\n- L3 second fix started. Marek's lads back to full numbers\n\n"
                     "## Pay review w/ Okafor\n- Don't wait for the yearly review to bring things up\n",
    "Dave - my old gaffer.md": "Thurs 30th Oct\n\nPint with Dave, my old gaffer.\n1. Never let the lads see you flap.\n",
    "FW_ feedback.txt": "From: Becca Hollis <becca@example.co.uk>\nSent: Friday, 2 May 2025 07:12\n"
                        "To: beccahollis.joinery@gmail.com\nSubject: FW: feedback\n\nfor the mentoring folder.\n",
    "site diary - Filton wk19.txt": "HALLAM & STONE - DAILY SITE DIARY\n"
                                    "Project: Filton Primary        Date: 06/05/2025\nWeather: dry\nNotes:\n"
                                    "Progress meeting 2pm. After, Gary took me through the lookahead.\n"
                                    " - Gary: always check the lookahead against the deliveries on a Friday\n"
                                    " - Gary: if a subbie is short on labour, ring their boss the same morning\n"
                                    " Me - redo the joinery lookahead and send to Gary Thurs\n"
                                    " Me - ring Marek re the 2 pallets\n",
    "Jan 2025 journal.md": "# January\n\n**Sun 12th**\nAlfie's football 9am. Van MOT booked for the 24th.\n\n"
                           "**Tues 14th**\nBranch meeting at 6:30. After, had a half with my union rep.\n"
                           "He reckons go for it but:\n- get the foreman rate in writing before you say yes\n\n"
                           "**Thurs 16th**\nPour cancelled, rain. Pay the window cleaner.\n",
}


@pytest.fixture
def placed(desk, tmp_path):
    desk.relationships.profile.update(name="Becca Hollis")
    ingest_notes_with_table(desk, tmp_path, TABLE, NOTES)
    rel = desk.relationships
    meetings, reviews = placements(rel)
    return meetings, reviews, {p.name for p in rel.people.list()}


def test_a_chat_named_after_a_first_name_and_its_company_word_is_that_person(placed):
    meetings, _, people = placed
    assert meetings["WhatsApp Chat with Tony Unite.txt"] == ("Tony Ferreira", "2025-04-24")
    assert "Tony Unite" not in people


def test_a_full_name_no_one_has_is_not_the_one_person_of_that_first_name(placed):
    meetings, _, _ = placed
    assert meetings.get("call - Tony M.txt", (None,))[0] != "Tony Ferreira"


def test_the_person_a_daily_note_says_it_met_outranks_one_it_mentions_first(placed):
    meetings, _, _ = placed
    assert meetings["2025-11-19.md"] == ("Dave Okafor", "2025-11-19")


def test_a_shared_first_name_is_settled_by_the_relation_the_table_gives(placed):
    meetings, _, _ = placed
    name, day = meetings["Dave - my old gaffer.md"]
    assert name == "Dave Pritchard" and dt.date.fromisoformat(day).weekday() == 3  # a Thursday, 30 October


def test_an_email_forwarded_to_my_own_address_adds_no_one(placed):
    _, reviews, people = placed
    assert not any("@" in name or "gmail" in name for name in people)
    assert reviews["FW_ feedback.txt"] == "no_mentor"


@pytest.mark.parametrize(("text", "expected"), [
    ("Thurs 12th June - coffee w/ Lorna", dt.date(2025, 6, 12)),
    ("Tue, Oct 14 call", dt.date(2025, 10, 14)),
    ("12th June coffee", None),  # no weekday: no year to pick
])
def test_a_yearless_date_takes_the_latest_year_its_weekday_fits(text, expected):
    from ingest.note_meta import weekday_date

    assert weekday_date(text, today=dt.date(2026, 12, 7)) == expected


@pytest.mark.parametrize(("first_line", "expected"), [
    ("25/04/2025, 07:41 - Becca: Morning Tony, cheers for last night, and for the pint", dt.date(2025, 4, 24)),
    ("25/04/2025, 07:41 - Becca: Morning Tony, did you get home ok", dt.date(2025, 4, 25)),
    ("25/04/2025 - yesterday I finally finished the stairs", dt.date(2025, 4, 25)),  # no meeting said
])
def test_a_chat_that_thanks_for_last_night_is_dated_the_day_before(first_line, expected):
    from ingest.note_meta import note_facts

    text = first_line + "\n25/04/2025, 08:15 - Tony: Ask for the foreman rate from day one.\n"
    assert note_facts(text, "WhatsApp Chat with Tony", day_first=True).date == expected


def test_a_journals_entry_that_is_a_meeting_places_it_on_that_day(placed, desk):
    """A month's journal ("**Tues 14th**" under "# January" in "Jan 2025 journal.md"): the
    entry with the union rep is the meeting, on its day, and only its lines are items."""
    meetings, _, _ = placed
    assert meetings["Jan 2025 journal.md"] == ("Tony Ferreira", "2025-01-14")
    texts = [a.text for a in desk.relationships.advice.list(mentor="Tony Ferreira")]
    assert any("foreman rate in writing" in t for t in texts)
    assert not any("window cleaner" in t or "MOT" in t for t in texts)


def test_a_site_diarys_speaker_bullets_name_the_mentor_and_me_lines_are_my_actions(placed, desk):
    meetings, _, _ = placed
    assert meetings["site diary - Filton wk19.txt"] == ("Gary Whitlock", "2025-05-06")
    items = {(a.kind, a.text) for a in desk.relationships.advice.list(mentor="Gary Whitlock")}
    assert ("advice", "if a subbie is short on labour, ring their boss the same morning") in items
    assert ("action", "redo the joinery lookahead and send to Gary Thurs") in items
    assert ("action", "ring Marek re the 2 pallets") in items
