"""Issue 9: shapes found on notes_wild23's dev split (a Seattle teacher moving into learning
design), none of them written for this code: a mentor the table says is only ever called by
a lower-case honorific, a married name, a note whose first date is an interview or a deadline
while a line below says when the mentor was met, a journal whose days name three people, an
outline's "video call w Priya" line, and a job-search workbook with a notes tab."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from ingest.note_meta import find_date, note_facts
from tests.helpers import ingest_notes_with_table, load_written, machine_in, placements

TABLE = """name,company,role,stage,notes
Hye-jin Seo,Northgate Middle School,Former principal,primary,"Never by name in my notes: only ""seonsaeng"" / ""seonsaeng-nim""; ""seonsaeng"" in any note means her."
Margaret Lowe,Kestrel,LXD manager,mentor,"Goes by Maggie. Married in 2025 and uses her married name since: Maggie Ferris. Same person."
Omar Haddad,Freelance,Instructional designer,mentor,
Ruth Adler,Fernway,UX researcher,mentor,
"""


@pytest.fixture
def seattle(monkeypatch):
    yield from machine_in(monkeypatch, "America/Los_Angeles", "mdy")


def test_an_honorific_and_a_married_name_from_the_notes_cell_place_notes(desk, tmp_path, seattle):
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "went to seonsaeng's.txt": "Friday Feb 6 2026\n\nWent over to seonsaeng's after work. She said to stop "
                                   "apologising for leaving.\n",
        "moving day.txt": "Moving day 3/2/2026\n\nHad lunch at seonsaeng's - she told me to keep one evening a week "
                          "for myself.\n",
        "kestrel notes.md": "---\nmentor: Maggie Ferris\ndate: 2026-03-10\n---\n\n- Ask for the scope in writing.\n",
    })
    meetings, _ = placements(desk.relationships)
    assert meetings["went to seonsaeng's.txt"] == ("Hye-jin Seo", "2026-02-06")
    assert meetings["moving day.txt"] == ("Hye-jin Seo", "2026-03-02")  # only "lunch at seonsaeng's" names her
    # her married name is her, not a new person
    assert meetings["kestrel notes.md"] == ("Margaret Lowe", "2026-03-10")
    assert len(desk.relationships.people.list()) == 4


@pytest.mark.parametrize("text, day", [
    # the first date is the interview; the mentor came over four days before it
    ("# Interview prep\n\nInterview is Mon 3/16 at 2pm with the hiring manager.\n\nOmar came over Thurs 3/12 "
     "and ran a mock with me.\n- lead with the learner, not the tool\n", dt.date(2026, 3, 12)),
    # the first date is an offer's deadline; the call with the mentor is named below
    ("offer - take it?\n\nOffer came in Monday (5/11), answer by Wed 5/20.\n\nTalked it through with Ruth on our "
     "call Thursday 5/14.\n- ask for the rate in writing\n", dt.date(2026, 5, 14)),
    # written weeks later: the line that opens the note is when it was written
    ("Sun 9/20 - can't sleep, so\n\nI want to get the coffee with Ruth down properly. It was Aug 13, the day "
     "before my demo.\n- watch them, don't help them\n", dt.date(2026, 8, 13)),
])
def test_the_day_the_note_says_the_mentor_was_met(text, day, seattle):
    assert note_facts(text, "notes", created=dt.date(2026, 11, 1)).date == day


@pytest.mark.parametrize("text, day", [
    # the note's own opening line is the meeting: a later recollection does not move it
    ("Coffee with Ruth 3/16\n\nRuth said her last call with me on 3/12 was too short.\n", dt.date(2026, 3, 16)),
    # a chat's stamps are its days
    ("3/16/26, 9:01 AM - Ruth: call at 10?\n3/16/26, 9:02 AM - Me: yes\n3/16/26, 11:40 AM - Me: thanks for the "
     "call, like our chat on 3/12\n", dt.date(2026, 3, 16)),
])
def test_a_note_that_opens_with_its_meeting_keeps_its_day(text, day, seattle):
    assert note_facts(text, "notes", created=dt.date(2026, 11, 1)).date == day


def test_an_outline_line_names_the_call_and_its_day(seattle):
    outline = ("Research plan\n- context\n  - pilot data back from 3 schools\n  - the team wants a why by Sept 15\n"
               "  - video call w Ruth Tues Aug 11 '26, 30 min on her lunch\n- Ruth\n  - don't survey first\n")
    facts = note_facts(outline, "research plan")
    assert facts.date == dt.date(2026, 8, 11) and "Ruth" in facts.hints
    assert find_date("11 Aug '26") == dt.date(2026, 8, 11)


def test_a_journal_week_is_the_day_it_records_a_meeting(desk, tmp_path, seattle):
    journal = ("journal - oct 2026\n\nMon 10/5\n\nLong day. Texted Maggie, she said come by tomorrow.\n\n"
               "Tue 10/6\n\nCoffee with Maggie at the Kestrel cafe.\n\nSay yes, but ask for the title in the same "
               "conversation.\n\nFri 10/9\n\nMixer tonight, ran into Ruth by the wine - she said show the three clips "
               "and stop.\n")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"journal oct 2026.txt": journal})
    meetings, _ = placements(desk.relationships)
    assert meetings["journal oct 2026.txt"] == ("Margaret Lowe", "2026-10-06")


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    apps = book.active
    apps.title = "Applications"
    apps.append(["Company", "Role", "Applied", "Status"])
    apps.append(["Northshore College", "Instructional Designer", dt.date(2026, 1, 13), "ghosted"])
    apps.append(["Kestrel", "Associate LXD", dt.date(2026, 1, 28), "rejected"])
    notes = book.create_sheet("Omar 2-18")
    notes.append(["coffee w/ Omar Haddad - Wed Feb 18 @ the bakery"])
    notes.merge_cells("A1:B1")
    notes.append(["what he said", "me"])
    notes.append(["Portfolio = three pieces at most, one of them real e-learning", "download the authoring tool trial"])
    notes.append(["contract roles are the back door in, don't turn them down", ""])
    notes.append(["", "send him the posting so he can name the hiring manager"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_a_job_search_workbook_with_a_notes_tab(desk, tmp_path, seattle):
    loaded = load_written(tmp_path, "job search.xlsx", _workbook())
    # the notes tab first, its title as a line, its columns as a table
    assert loaded.text.startswith("## Omar 2-18\n\ncoffee w/ Omar Haddad - Wed Feb 18 @ the bakery\n\n| what he said | me |")
    assert "## Applications" in loaded.text
    ingest_notes_with_table(desk, tmp_path, TABLE, {"job search.xlsx": _workbook()})
    meetings, _ = placements(desk.relationships)
    assert meetings["job search.xlsx"] == ("Omar Haddad", "2026-02-18")
    items = {(a.kind, a.text) for a in desk.relationships.advice.list(mentor="Omar Haddad")}
    assert ("advice", "contract roles are the back door in, don't turn them down") in items
    assert ("action", "download the authoring tool trial") in items


def test_list_labels_and_reports_in_a_teachers_words():
    from mentordesk.relationships.extraction import extract_items

    note = ("Lunch at Hye-jin's.\n\n"
            "What she told me to do for the summer (she was very bossy, in the good way):\n\n"
            "Take two real weeks off before the new job starts.\n\n"
            "Keep one thing from teaching going so the door stays open.\n\n"
            "things she said\n"
            "* the hiring manager cares about the model names but hates jargon - name it once, then tell the story\n\n"
            "I told her about the bootcamp ad. She laughed and said don't pay anyone until you've talked to five "
            "people who do the job.\n")
    items = {(i.kind, i.text) for i in extract_items(note, None, "Hye-jin Seo", "Ji-yeon Park")}
    assert ("advice", "Take two real weeks off before the new job starts.") in items
    assert ("advice", "Keep one thing from teaching going so the door stays open.") in items
    assert any(kind == "advice" and text.startswith("the hiring manager cares") for kind, text in items)
    assert any(kind == "advice" and "don't pay anyone until" in text for kind, text in items)


def test_a_job_trackers_rows_are_data_not_advice():
    from mentordesk.relationships.extraction import extract_items

    rows = ("## Applications\n\n"
            "Company: Kestrel; Role: Associate LXD; Applied: 2026-01-28; Status: rejected; Notes: applied before "
            "Liz said wait a year\n\n"
            "Company: Brightpath; Role: Instructional Designer; Status: phone screen; Next step: phone screen Mon "
            "2/24 1pm; Notes: referral from Dana\n")
    items = [(i.kind, i.text) for i in extract_items(rows, None, "Liz Ortega", "Ji-yeon Park")]
    assert ("action", "phone screen Mon 2/24 1pm") in items  # the one field that is a step
    assert not any("Associate LXD" in text or "referral" in text or "wait a year" in text for _, text in items)


def test_an_outline_with_the_mentors_name_over_her_points():
    from mentordesk.relationships.extraction import extract_items

    outline = ("Research plan\n- context\n  - pilot data back from 3 schools\n- Ruth\n  - don't survey first\n"
               "    - (surveys tell you what, interviews tell you why)\n"
               "  - affinity map on a whiteboard with sticky notes, not in a spreadsheet\n"
               "- me\n  - get the drop-off report from Ravi by Fri\n")
    items = [(i.kind, i.text) for i in extract_items(outline, None, "Ruth Adler", "Ji-yeon Park")]
    assert ("advice", "don't survey first") in items  # a point with its reason under it, not a heading
    assert ("advice", "affinity map on a whiteboard with sticky notes, not in a spreadsheet") in items
    assert ("action", "get the drop-off report from Ravi by Fri") in items
    assert not any("pilot data" in text for _, text in items)


@pytest.mark.parametrize("sentence, kind", [
    ("I owe her so much tteokbokki.", "other"),  # thanks, not a step
    ("I owe her an email by Friday.", "action"),
    ("Big idea: I want to be the person at Lumenwise who makes units teachers use.", "other"),  # an aspiration
    ("I want to be ready for the panel, so I will practise.", "action"),
])
def test_thanks_and_aspirations_are_not_steps(sentence, kind):
    from mentordesk.relationships.extraction.rules import rule_kind

    assert rule_kind(sentence) == kind


def test_someone_elses_words_in_a_note_about_the_mentor_are_not_her_advice():
    from mentordesk.relationships.extraction import extract_items

    note = ("Went over to Hye-jin's after school.\n\nShe said to write down every unit I designed from scratch.\n\n"
            "Marcus says I look lighter. Also reckons the job posts are too vague.\n")
    items = [(i.kind, i.text) for i in extract_items(note, None, "Hye-jin Seo seonsaeng", "Ji-yeon Park")]
    assert any(kind == "advice" and "every unit I designed" in text for kind, text in items)
    assert not any("Marcus" in text for _, text in items)  # her partner's words, not the mentor's
    # the mentor under a name the table knows her by is still the mentor
    theirs = [(i.kind, i.text) for i in extract_items("Seonsaeng says never quit in June.\n", None,
                                                      "Hye-jin Seo seonsaeng", "Ji-yeon Park")]
    assert theirs and theirs[0][0] == "advice"
