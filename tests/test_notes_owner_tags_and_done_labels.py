"""Issue 9: a user who filled in their profile name gets their own tasks from an AI
meeting recap ("Femke Bakker will email the organisers"), a "Did:" line counts as a done
action, and a calendar invitation's own lines ("Join by phone", "Reply for …") are not
items. Real ingestion into the store for the first; the extractor alone for the rest."""

from __future__ import annotations

RECAP = """Femke / Youssef – portfolio & python
Jul 8, 2025

Suggested next steps
[ ] Youssef El-Amrani will send Femke Bakker a list of SQL window function exercises.
[ ] Femke Bakker will email the meetup organisers about helping out.
[ ] Femke Bakker will practise window functions with the exercises.
"""


def test_the_users_own_tasks_in_a_recap_reach_the_ledger_and_the_mentors_do_not(desk, tmp_path):
    rel = desk.relationships
    rel.profile.update(name="Femke Bakker")
    rel.people.add("Youssef El-Amrani", stage="mentor")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "Femke _ Youssef - Notes by Gemini.txt").write_text(RECAP, encoding="utf-8")
    desk.ingest.ingest_paths([notes], kind="notes")
    actions = [a.text for a in rel.advice.list(kind="action")]
    assert any("email the meetup organisers" in text for text in actions)
    assert any("practise window functions" in text for text in actions)
    assert not any("list of SQL window function exercises" in text for text in actions)


def test_without_a_profile_name_a_named_persons_will_line_is_not_taken_for_the_users():
    """"Femke Bakker will email …" reads like the mentor's own promise when nothing says
    who the user is; with the name it is the user's task."""
    from mentordesk.relationships.extraction import extract_items

    line = "Suggested next steps\n[ ] Femke Bakker will email the meetup organisers about helping out.\n"
    assert [i.text for i in extract_items(line, None, "Youssef El-Amrani")] == []
    assert [(i.kind, i.text) for i in extract_items(line, None, "Youssef El-Amrani", "Femke Bakker")] == [
        ("action", "Femke Bakker will email the meetup organisers about helping out.")]


def test_an_instruction_to_ask_someone_is_the_users_task_not_that_persons():
    """"Ask Tom to lead the slot" starts with a verb, not an owner: with the user's name
    known it is still the user's action."""
    from mentordesk.relationships.extraction import extract_items

    note = "Next steps\n- Ask Tom to lead the fractions CPD slot\n- Tom to send me the slides\n"
    items = [(i.kind, i.text) for i in extract_items(note, None, "Priya Raman", "Kwabena Mensah-Larsen")]
    assert items == [("action", "Ask Tom to lead the fractions CPD slot")]


def test_a_did_line_is_a_done_action():
    from mentordesk.relationships.extraction import extract_items

    note = ("He went through my 3 queries.\n\n"
            "Did: rewrote query 2 with CTEs already during the meeting (works, 40% faster)\n"
            "Todo: add row-count checks to query 1 and 3\n")
    items = [(i.kind, i.text, i.done) for i in extract_items(note, None, "Sander de Wit")]
    assert ("action", "rewrote query 2 with CTEs already during the meeting (works, 40% faster)", True) in items
    assert ("action", "add row-count checks to query 1 and 3", False) in items


def test_a_calendar_invitations_own_lines_are_not_items():
    from mentordesk.relationships.extraction import extract_items

    invite = ("Invitation: Forecast review Femke x Inês @ Tue 14 Oct 2025 16:00 - 16:45 (CEST)\n\n"
              "Join with Google Meet\nmeet.google.com/xhq-pzra-tvm\n\nJoin by phone\n(NL) +31 20 808 2123 PIN: 482 991 044#\n\n"
              "More phone numbers\n\nOrganiser\nines@example.com\n\nGuests\nInês Gonçalves - organiser\n\n"
              "Reply for f.bakker@example.com\nYes  No  Maybe    More options\n\nInvitation from Google Calendar\n"
              "----\nmy notes:\n\nto do\n- separate promo series\n- export to ppt, send before 28/10\n")
    items = [i.text for i in extract_items(invite, None, "Inês Gonçalves")]
    assert items == ["separate promo series", "export to ppt, send before 28/10"]
