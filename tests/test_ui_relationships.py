"""The relationship pages driven through AppTest (issue 3): profile, the targets table (add,
edit, delete, import, export, log a message), the mentor timeline, meeting notes and the
due dashboard. Data is seeded through the services; results are checked through them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from tests.ui_helpers import click, ok, open_page, page_text, texts, ui_env  # noqa: F401

ME = dict(name="Alex Rivera", role="Senior Engineer at Tidewell", values="kindness, thoughtfulness, humility")
MONDAY = dt.date(2026, 11, 23)
DANIEL_NOTE = """## Purpose
Whether to take the platform lead role.

## What he said
- Say yes only if you can name the first three things you would stop doing.

## Action items
- [ ] Write the list of three things to stop
- [x] Send the thank-you note
"""


def seed_people(desk) -> None:
    people = desk.relationships.people
    people.add("Jonas Weber", company="Northwind", role="VP Engineering", connection="warm",
               introducer="Priya Raman", contact="jonas@northwind.example")
    people.add("Lena Fischer", company="Acme", connection="cold")


def names(desk) -> list[str]:
    return [p.name for p in desk.relationships.people.list()]


def editor_state(edited=None, added=None, deleted=None) -> dict:
    return {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}


def edit_table(at, **changes):
    """What a user's edits in the grid send to the app, then a click on Save changes."""
    [editor] = at.data_editor
    at.session_state[editor.key] = editor_state(**changes)
    return click(at, "Save changes")


# ----- profile ----------------------------------------------------------------------------------
def test_profile_form_names_the_bad_field_keeps_the_input_and_saves_when_fixed(desk, ui_env):
    at = open_page("ui/profile_page.py")
    at.text_input(key="profile_name").input("Alex Rivera")
    at.text_input(key="profile_role").input("Senior Engineer")
    at.text_input(key="profile_values").input("kindness, humility")
    click(at, "Save profile")
    [error] = at.main.error
    assert error.value.startswith("**Values**:") and "give 3 to 5 qualities" in error.value
    assert desk.relationships.profile.get().empty  # nothing saved from the bad form
    assert at.text_input(key="profile_name").value == "Alex Rivera"  # the user's input is kept

    at.text_input(key="profile_values").input("kindness, humility, candour")
    click(at, "Save profile")
    assert not at.main.error and "Profile saved." in texts(at.main.success)
    profile = desk.relationships.profile.get()
    assert (profile.name, profile.role, profile.values) == ("Alex Rivera", "Senior Engineer",
                                                             ["kindness", "humility", "candour"])


# ----- targets table ------------------------------------------------------------------------------
def test_targets_page_shows_values_and_nudges_and_the_table(desk, ui_env):
    desk.relationships.profile.update(**ME)
    seed_people(desk)
    at = open_page("ui/targets_page.py")
    text = page_text(at)
    assert "kindness" in text and "humility" in text
    assert "Your list has 2 people; the practice suggests 15–25" in texts(at.main.info)
    [editor] = at.data_editor
    assert list(editor.value["name"]) == ["Jonas Weber", "Lena Fischer"]
    assert list(editor.value["stage"]) == ["prospect", "prospect"]


def test_targets_table_adds_edits_and_deletes_rows_through_the_service(desk, ui_env):
    seed_people(desk)
    at = open_page("ui/targets_page.py")
    edit_table(at, edited={0: {"role": "CTO", "stage": "contacted"}},
               added=[{"name": "Mei Tanaka", "company": "Fernhill", "connection": "warm", "introducer": "Jonas Weber",
                       "stage": "prospect"}])
    assert "Saved: updated Jonas Weber (Northwind); added Mei Tanaka (Fernhill)." in texts(at.main.success)
    jonas = desk.relationships.people.get("Jonas Weber")
    assert (jonas.role, jonas.stage) == ("CTO", "contacted")
    mei = desk.relationships.people.get("Mei Tanaka")
    assert (mei.company, mei.connection, mei.introducer) == ("Fernhill", "warm", "Jonas Weber")
    [editor] = at.data_editor  # a fresh grid showing the store
    assert list(editor.value["name"]) == ["Jonas Weber", "Lena Fischer", "Mei Tanaka"]

    edit_table(at, deleted=[1])
    assert names(desk) == ["Jonas Weber", "Mei Tanaka"]
    assert "Your list has 2 people" in texts(at.main.info)


def test_a_bad_row_is_reported_by_row_and_field_saves_nothing_and_the_good_rows_save(desk, ui_env):
    seed_people(desk)
    at = open_page("ui/targets_page.py")
    edit_table(at, edited={0: {"stage": "best friend"}, 1: {"role": "Staff Engineer"}},
               added=[{"company": "Nameless Ltd"}, {"name": "Sam Lee", "company": "Larkspur"}])
    [error] = at.main.error
    assert "Row 1 (Jonas Weber): stage: 'best friend' is not one of prospect" in error.value
    assert "New row 1: name: is required" in error.value
    assert "Saved: updated Lena Fischer (Acme); added Sam Lee (Larkspur)." in texts(at.main.success)
    assert desk.relationships.people.get("Jonas Weber").stage == "prospect"  # nothing from the bad row
    assert desk.relationships.people.get("Lena Fischer").role == "Staff Engineer"
    assert names(desk) == ["Jonas Weber", "Lena Fischer", "Sam Lee"]

    # The bad input stays in the grid to be fixed, and saving the fix saves it.
    assert any("still in the table" in w.value for w in at.main.warning)
    [editor] = at.data_editor
    assert list(editor.value["stage"])[0] == "best friend"
    assert list(editor.value["company"])[-1] == "Nameless Ltd"
    edit_table(at, edited={0: {"stage": "meeting"}, 3: {"name": "Nora Quist"}})
    assert not at.main.error
    assert desk.relationships.people.get("Jonas Weber").stage == "meeting"
    assert desk.relationships.people.get("Nora Quist").company == "Nameless Ltd"
    assert not any("still in the table" in w.value for w in at.main.warning)


def test_deleting_someone_with_meeting_notes_needs_the_box_ticked(desk, ui_env):
    desk.relationships.people.add("Daniel Okafor", stage="mentor")
    desk.relationships.meetings.save("Daniel Okafor", dt.date(2026, 10, 1), "Platform lead", DANIEL_NOTE)
    at = open_page("ui/targets_page.py")
    edit_table(at, deleted=[0])
    [error] = at.main.error
    assert "Row 1 (Daniel Okafor): not deleted: Daniel Okafor has 1 meeting note" in error.value
    assert names(desk) == ["Daniel Okafor"] and desk.relationships.meetings.list()

    at.checkbox(key="targets_delete_notes").check()
    edit_table(at, deleted=[0])
    assert names(desk) == [] and desk.relationships.meetings.list() == []
    assert desk.status()["documents"] == 0  # the note left the library (and the index) too


def test_import_csv_reports_bad_rows_by_line_and_a_second_import_updates(desk, ui_env):
    seed_people(desk)
    csv = (b"Full Name,Company,Status,Email,Favourite colour\n"
           b"Priya Raman,Larkspur,mentor,priya@larkspur.example,green\n"
           b"Carlos Mendes,Brightline,best friend,,blue\n"
           b",Nobody Inc,prospect,,red\n"
           b"Lena Fischer,Acme,contacted,lena@acme.example,\n")
    at = open_page("ui/targets_page.py")
    at.file_uploader(key="import_file").set_value(("targets.csv", csv, "text/csv")).run()
    click(at, "Import")
    assert "Imported targets.csv: 1 added, 1 updated, 2 skipped." in texts(at.main.success)
    [errors] = at.main.error
    assert "line 3: stage: 'best friend' is not one of" in errors.value
    assert "line 4: name: is required" in errors.value
    assert "Favourite colour" in texts(at.main.caption)
    assert names(desk) == ["Jonas Weber", "Lena Fischer", "Priya Raman"]
    assert desk.relationships.people.get("Lena Fischer").stage == "contacted"
    [editor] = at.data_editor  # the table shows the imported rows in the same run
    assert list(editor.value["name"]) == ["Jonas Weber", "Lena Fischer", "Priya Raman"]

    click(at, "Import")  # the same file again: updates, never duplicates
    assert "1 added" not in texts(at.main.success) and "0 added, 2 updated" in texts(at.main.success)
    assert len(names(desk)) == 3


def test_import_of_a_workbook_with_several_sheets_asks_which_one(desk, ui_env):
    book = Workbook()
    book.active.title = "Targets"
    book.active.append(["name", "company"])
    book.active.append(["Jonas Weber", "Northwind"])
    archive = book.create_sheet("Archive")
    archive.append(["name", "company"])
    archive.append(["Old Contact", "Gone Ltd"])
    data = io.BytesIO()
    book.save(data)
    at = open_page("ui/targets_page.py")
    at.file_uploader(key="import_file").set_value(("people.xlsx", data.getvalue(), "application/octet-stream")).run()
    click(at, "Import")
    assert "several sheets" in texts(at.main.warning) and names(desk) == []
    sheet = [s for s in at.selectbox if s.label == "Sheet"][0]
    assert sheet.options == ["Targets", "Archive"]
    sheet.select("Targets").run()
    click(at, "Import")
    assert "Imported people.xlsx (sheet Targets): 1 added" in texts(at.main.success)
    assert names(desk) == ["Jonas Weber"]


def test_export_buttons_offer_csv_and_xlsx(desk, ui_env):
    seed_people(desk)
    at = open_page("ui/targets_page.py")
    assert [b.label for b in at.download_button] == ["Download CSV", "Download XLSX"]


def test_log_a_message_adds_to_the_history_and_moves_the_stage(desk, ui_env):
    seed_people(desk)
    jonas = desk.relationships.people.get("Jonas Weber")
    at = open_page("ui/targets_page.py")
    at.selectbox(key="log_person").select(jonas.id)
    at.radio(key="log_direction").set_value("sent")
    at.date_input(key="log_date").set_value(dt.date(2026, 11, 20))
    at.text_input(key="log_summary").input("Asked for a 20-minute call")
    click(at, "Log message")
    assert "Logged for Jonas Weber on 2026-11-20: Asked for a 20-minute call; stage prospect → contacted." \
        in texts(at.main.success)
    [entry] = desk.relationships.people.detail("Jonas Weber").messages
    assert (entry.direction, entry.date) == ("sent", dt.date(2026, 11, 20))
    [editor] = at.data_editor
    assert list(editor.value["stage"])[0] == "contacted"

    at.text_input(key="log_summary").input("   ")
    at.selectbox(key="log_person").select(jonas.id)
    click(at, "Log message")
    assert "summary: is required" in texts(at.main.error)
    assert len(desk.relationships.people.detail("Jonas Weber").messages) == 1


# ----- mentor page --------------------------------------------------------------------------------
def test_mentor_timeline_saves_outcome_and_done_at_once(desk, ui_env):
    desk.relationships.people.add("Daniel Okafor", stage="mentor")
    desk.relationships.meetings.save("Daniel Okafor", dt.date(2026, 10, 1), "Platform lead", DANIEL_NOTE)
    desk.relationships.people.log_message("Daniel Okafor", "sent", "Thank-you note", dt.date(2026, 10, 2))
    at = open_page("ui/mentor_page.py")
    text = page_text(at)
    assert "2026-10-01 · Platform lead" in text
    assert "Say yes only if you can name the first three things" in text
    assert "Sent: Thank-you note" in text

    advice = desk.relationships.advice.list("Daniel Okafor", kind="advice")[0]
    outcome = [s for s in at.selectbox if s.key and s.key.startswith(f"mentor_outcome_{advice.id}_")][0]
    outcome.select("worked").run()
    ok(at)
    assert desk.relationships.advice.list("Daniel Okafor", kind="advice")[0].outcome == "worked"

    action = desk.relationships.advice.list("Daniel Okafor", kind="action", open_only=True)[0]
    [done] = [c for c in at.checkbox if c.key and c.key.startswith(f"mentor_done_{action.id}_")]
    done.check().run()
    ok(at)
    assert desk.relationships.advice.list("Daniel Okafor", kind="action", open_only=True) == []
    [done] = [c for c in at.checkbox if c.key and c.key.startswith(f"mentor_done_{action.id}_")]
    assert done.value  # the page shows what the store now says


# ----- meetings page ------------------------------------------------------------------------------
def test_meeting_note_for_someone_new_is_saved_indexed_and_deleted(desk, ui_env):
    at = open_page("ui/meetings_page.py")
    at.selectbox(key="meeting_mentor_new0").select(0)  # someone new
    at.text_input(key="meeting_new_name_new0").input("Sam Lee")
    at.date_input(key="meeting_date_new0").set_value(dt.date(2026, 11, 18))
    at.text_input(key="meeting_purpose_new0").input("Incident reviews")
    at.text_area(key="meeting_notes_new0").input(
        "## What she said\n- Write the timeline before the causes.\n\n## Action items\n- [ ] Draft the review template\n")
    click(at, "Save note")
    assert "Saved the meeting of 2026-11-18 with Sam Lee (1 advice, 1 open actions found)." in texts(at.main.success)
    [meeting] = desk.relationships.meetings.list("Sam Lee")
    assert desk.relationships.people.get("Sam Lee").stage == "mentor"
    hits = desk.index.search("timeline before the causes", 3)
    assert hits and hits[0].mentor == "Sam Lee"
    assert any(e.label.startswith("2026-11-18 · Sam Lee · Incident reviews") for e in at.expander)

    click(at, "Delete for good")
    assert desk.relationships.meetings.list() == []
    assert not [h for h in desk.index.search("timeline before the causes", 3) if h.mentor == "Sam Lee"]


def test_meeting_form_without_a_mentor_says_so_and_keeps_the_notes(desk, ui_env):
    at = open_page("ui/meetings_page.py")
    at.text_area(key="meeting_notes_new0").input("Talked about on-call.")
    click(at, "Save note")
    assert "**Mentor**: choose who you met" in texts(at.main.error)
    assert at.text_area(key="meeting_notes_new0").value == "Talked about on-call."
    assert desk.relationships.meetings.list() == []


# ----- due dashboard ------------------------------------------------------------------------------
@pytest.fixture
def busy_desk(desk):
    """A primary mentor last met ten weeks before MONDAY, with an open action, and a warm prospect."""
    rel = desk.relationships
    rel.people.add("Daniel Okafor", company="Brightline", stage="primary")
    rel.meetings.save("Daniel Okafor", MONDAY - dt.timedelta(weeks=10), "Platform lead", DANIEL_NOTE)
    rel.people.add("Jonas Weber", company="Northwind", connection="warm", introducer="Priya Raman")
    return desk


def test_due_dashboard_shows_overdue_mentor_open_action_and_todays_pick(busy_desk, ui_env):
    at = open_page("ui/due_page.py")
    at.date_input(key="due_today").set_value(MONDAY).run()
    ok(at)
    text = page_text(at)
    assert ":red-badge[overdue] **Daniel Okafor (Brightline)** · last met 2026-09-14 (70 days ago)" in text
    assert "**Jonas Weber (Northwind)**" in text and "Warm: ask Priya Raman for an introduction" in text
    metrics = {m.label: m.value for m in at.main.metric}
    assert metrics["Mentors to meet"] == "1" and metrics["Open actions"] == "1"
    [action] = [c for c in at.checkbox if "Write the list of three things to stop" in c.label]
    assert not action.value
    assert any(link.label == "Prepare" for link in at.get("page_link"))
    assert [b.label for b in at.download_button] == ["Upcoming meetings (.ics)"]

    action.check().run()
    ok(at)
    assert busy_desk.relationships.advice.list(kind="action", open_only=True) == []
    assert {m.label: m.value for m in at.main.metric}["Open actions"] == "0"


def test_due_dashboard_at_the_weekend_has_no_outreach_pick(busy_desk, ui_env):
    at = open_page("ui/due_page.py")
    at.date_input(key="due_today").set_value(MONDAY - dt.timedelta(days=1)).run()
    assert "no pick at the weekend" in texts(ok(at).main.caption)


def test_needs_review_list_places_a_note_with_one_choice(desk, ui_env, tmp_path):
    desk.relationships.people.add("Sam Okoro", company="Baobab")
    desk.relationships.people.add("Sam Lindqvist", company="Nordlys")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "coffee_sam.txt").write_text("Coffee with Sam, 9 January 2026\n\nHe said to cut the intro.\n")
    desk.ingest.ingest_paths([notes], kind="notes")
    at = open_page("ui/meetings_page.py")
    text = page_text(at)
    assert "**Coffee with Sam, 9 January 2026** · the name fits several people" in text
    assert "'Sam' could be Sam Okoro or Sam Lindqvist" in text
    [review] = desk.relationships.reviews.list()
    choose = at.selectbox(key=f"review_person_{review.id}")
    assert set(choose.options[:2]) == {"Sam Okoro (Baobab)", "Sam Lindqvist (Nordlys)"}  # the candidates first
    lindqvist = desk.relationships.people.get("Sam Lindqvist").id
    choose.set_value(lindqvist)
    click(at, "Make it a meeting")
    assert "coffee_sam.txt is now a meeting." in texts(at.main.success)
    assert "Needs review" not in page_text(at)
    [meeting] = desk.relationships.meetings.list()
    assert (meeting.person_name, meeting.date, meeting.advice) == ("Sam Lindqvist", dt.date(2026, 1, 9), 1)


def test_due_dashboard_with_no_primary_mentor_shows_who_has_gone_quiet(desk, ui_env):
    rel = desk.relationships
    rel.people.add("Priya Raman", stage="mentor")
    rel.meetings.save("Priya Raman", MONDAY - dt.timedelta(days=634), "Old chat")
    at = open_page("ui/due_page.py")
    at.date_input(key="due_today").set_value(MONDAY).run()
    text = page_text(ok(at))
    assert "You have no primary mentors yet" in text and "Every primary mentor was met" not in text
    assert "**Priya Raman** · last met 2025-02-27 (634 days ago)" in text


def test_needs_review_list_adds_a_stranger_the_note_names_with_one_choice(desk, ui_env, tmp_path):
    desk.relationships.people.add("Bernadette Nwosu", stage="primary")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lorna.txt").write_text("Thurs 12th June 2025 - coffee w/ Lorna Baptiste\n\n- Mentor others yourself.\n")
    desk.ingest.ingest_paths([notes], kind="notes")
    at = open_page("ui/meetings_page.py")
    [review] = desk.relationships.reviews.list()
    choose = at.selectbox(key=f"review_person_{review.id}")
    assert choose.options[0] == "➕ Add Lorna Baptiste to my list" and choose.value is not None  # offered first
    click(at, "Make it a meeting")
    assert "lorna.txt is now a meeting." in texts(at.main.success)
    [meeting] = desk.relationships.meetings.list()
    assert (meeting.person_name, meeting.date) == ("Lorna Baptiste", dt.date(2025, 6, 12))


def test_needs_review_adds_every_new_person_the_notes_name_with_one_button(desk, ui_env, tmp_path):
    """A folder of notes about people the table does not have yet: one button adds them all
    and makes each note a meeting; a note with no date keeps waiting."""
    desk.relationships.people.add("Bernadette Nwosu", stage="primary")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lorna.txt").write_text("Thurs 12th June 2025 - coffee w/ Lorna Baptiste\n\n- Mentor others yourself.\n")
    (notes / "jr.txt").write_text("30/10/2025 - lunch w/ Jonathan Rees\n\n- Learn the programme inside out.\n")
    (notes / "fiona.txt").write_text("Call with Fiona Gallagher\n\n- Ask for the feedback in writing.\n")
    desk.ingest.ingest_paths([notes], kind="notes")
    at = open_page("ui/meetings_page.py")
    click(at, "Add all 2 people these notes name to my list (Jonathan Rees, Lorna Baptiste)")
    assert "2 note(s) are now meetings with the people they name." in texts(at.main.success)
    assert {(m.person_name, m.date) for m in desk.relationships.meetings.list()} == {
        ("Lorna Baptiste", dt.date(2025, 6, 12)), ("Jonathan Rees", dt.date(2025, 10, 30))}
    [left] = desk.relationships.reviews.list()
    assert left.file_name == "fiona.txt"
