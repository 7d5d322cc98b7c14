"""Notes become meetings: people created or found, advice extracted, edits keep outcomes,
deleted notes take their meetings along. Database only; the index is tested elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from relationship_helpers import bare_relationships, drop_note, put_note, snapshot
from sqlalchemy import select

from mentordesk.llm import ModelInfo
from mentordesk.relationships import Relationships
from store.tables import Person

D = dt.date
NOTE = """\
## Purpose
Decide between the staff and manager tracks.

## What she said
- Choose on which kind of bad day you can tolerate.
- Run a trial quarter.

## Action items
- [x] Send thank-you note
- [ ] Start the Friday energy log
- [ ] Ask my manager about a hiring loop
"""


@pytest.fixture
def rel(tmp_path):
    return bare_relationships(tmp_path / "home")


def state(rel, mentor=None):
    return {(a.kind, a.text): (a.done, a.outcome, a.outcome_reported) for a in rel.advice.list(mentor)}


def test_notes_become_meetings_with_new_mentors_and_advice(rel):
    put_note(rel.db, "/notes/a.md", "Priya Raman", D(2025, 1, 17), NOTE, title="First session")
    put_note(rel.db, "/notes/b.md", "Daniel Okafor", D(2025, 2, 12), "## Next steps\n- [ ] Ask about runway\n",
             title="Startups")
    put_note(rel.db, "/notes/c.md", None, D(2025, 2, 12), NOTE)  # no mentor: a document, not a meeting
    put_note(rel.db, "/docs/d.md", "Priya Raman", D(2025, 2, 12), NOTE, kind="documents")
    report = rel.sync_notes()
    assert (report.meetings_added, report.people_added) == (2, ["Priya Raman", "Daniel Okafor"])
    assert {p.name: p.stage for p in rel.people.list()} == {"Priya Raman": "mentor", "Daniel Okafor": "mentor"}
    [priya] = rel.meetings.list("Priya")
    assert priya.purpose == "Decide between the staff and manager tracks."
    assert (priya.advice, priya.open_actions, priya.source) == (2, 2, "/notes/a.md")
    assert rel.meetings.list("Daniel")[0].purpose == "Startups"  # no Purpose section: the title
    assert state(rel, "Priya")[("action", "Send thank-you note")] == (True, None, False)


def test_sync_is_idempotent(rel):
    put_note(rel.db, "/notes/a.md", "Priya Raman", D(2025, 1, 17), NOTE)
    rel.sync_notes()
    before = snapshot(rel)
    report = rel.sync_notes()
    assert not report.changed and snapshot(rel) == before


def test_known_people_are_reused_and_moved_forward(rel):
    rel.people.add("Priya Raman", company="Larkspur", stage="prospect")
    rel.people.add("Mei Tanaka", company="Fernhill", stage="primary")
    rel.people.add("Mei Tanaka", company="Elsewhere", stage="prospect")  # a namesake
    put_note(rel.db, "n:1", "priya raman", D(2025, 1, 17), NOTE)
    put_note(rel.db, "n:2", "Mei Tanaka", D(2025, 4, 2), NOTE)
    report = rel.sync_notes()
    assert report.people_added == []
    stages = {p.label: p.stage for p in rel.people.list()}
    assert stages == {"Priya Raman (Larkspur)": "meeting", "Mei Tanaka (Fernhill)": "primary",
                      "Mei Tanaka (Elsewhere)": "prospect"}
    assert rel.meetings.list("Mei Tanaka (Fernhill)")[0].date == D(2025, 4, 2)


def test_editing_a_note_keeps_the_state_of_unchanged_items(rel):
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE)
    rel.sync_notes()
    items = {a.text: a.id for a in rel.advice.list()}
    rel.advice.set_outcome(items["Run a trial quarter."], "worked")
    rel.advice.mark_reported([items["Run a trial quarter."]])
    rel.advice.set_done(items["Start the Friday energy log"])
    rel.advice.set_outcome(items["Choose on which kind of bad day you can tolerate."], "not_for_me")

    edited = (NOTE.replace("- Choose on which kind of bad day you can tolerate.\n", "")
              .replace("Run a trial quarter.", "Run a trial quarter")  # punctuation fixed
              .replace("- [ ] Ask my manager", "- [x] Ask my manager")
              + "- [ ] Book the next session\n")
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 18), edited)
    report = rel.sync_notes()
    assert (report.meetings_added, report.meetings_updated) == (0, 1)
    assert state(rel) == {
        ("advice", "Run a trial quarter"): (False, "worked", True),
        ("action", "Send thank-you note"): (True, None, False),
        ("action", "Start the Friday energy log"): (True, None, False),  # done in the app, kept
        ("action", "Ask my manager about a hiring loop"): (True, None, False),  # ticked in the note
        ("action", "Book the next session"): (False, None, False),
    }
    assert items["Run a trial quarter."] in {a.id for a in rel.advice.list()}  # same row, same id
    assert rel.meetings.list()[0].date == D(2025, 1, 18)


def test_removed_notes_take_their_meetings_along(rel):
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE)
    put_note(rel.db, "n:2", "Priya Raman", D(2025, 3, 7), NOTE)
    rel.sync_notes()
    drop_note(rel.db, "n:1")  # ON DELETE CASCADE: the meeting and its advice go with it
    assert [m.source for m in rel.meetings.list()] == ["n:2"]
    assert len(rel.advice.list()) == 5
    put_note(rel.db, "n:2", None, D(2025, 3, 7), NOTE)  # front matter lost its mentor
    report = rel.sync_notes()
    # The meeting was placed before: it keeps its person and its advice (nothing saved is
    # lost); "not a meeting" in the review list is how a user takes a note out.
    assert report.meetings_removed == 0 and [m.person_name for m in rel.meetings.list()] == ["Priya Raman"]
    assert len(rel.advice.list()) == 5


def test_a_model_item_the_note_does_not_say_is_dropped_and_counted(tmp_path):
    answer = '[{"kind": "advice", "text": "Buy a house before thirty"}, {"kind": "advice", "text": "a brag document"}]'
    rel = _with_model(tmp_path, True, answer)
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE + "\nShe was firm: a brag document, kept weekly.\n")
    report = rel.sync_notes()
    assert [a.text for a in rel.advice.list() if a.origin == "model"] == ["a brag document"]
    assert report.model_items_dropped == 1


def test_a_renamed_person_keeps_their_meetings(rel):
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE)
    rel.sync_notes()
    rel.people.edit("Priya", name="Priya Raman-Shah")
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE + "- [ ] One more\n")
    report = rel.sync_notes()
    assert report.people_added == []
    assert [m.person_name for m in rel.meetings.list()] == ["Priya Raman-Shah"]


# ----- free text with a capable model --------------------------------------------------------------
def _with_model(tmp_path, capable: bool, answer) -> Relationships:
    rel = bare_relationships(tmp_path / "model-home")
    calls: list[str] = []

    class Model:
        def invoke(self, messages):
            calls.append(messages[-1].content)
            if isinstance(answer, Exception):
                raise answer

            class Reply:
                content = answer
            return Reply()

    rel._model_info = lambda: ModelInfo("openai" if capable else "local", "m")
    rel._chat_model = lambda: Model()
    rel.calls = calls
    return rel


def test_a_capable_model_adds_items_from_free_text(tmp_path):
    answer = ('[{"kind": "advice", "text": "Keep a brag document"},'
              ' {"kind": "action", "text": "Start the Friday energy log"}]')
    rel = _with_model(tmp_path, True, answer)
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE + "\nShe also said to keep a brag document.\n")
    rel.sync_notes()
    assert rel.calls and "brag document" in rel.calls[0] and "<<<NOTE" in rel.calls[0]
    model_items = [(a.kind, a.text, a.origin) for a in rel.advice.list() if a.origin == "model"]
    assert model_items == [("advice", "Keep a brag document", "model")]  # the duplicate was dropped


def test_the_local_model_is_never_asked_and_a_failing_model_leaves_the_bullets(tmp_path):
    local = _with_model(tmp_path / "a", False, "[]")
    put_note(local.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE)
    local.sync_notes()
    assert local.calls == [] and len(local.advice.list()) == 5

    failing = _with_model(tmp_path / "b", True, RuntimeError("rate limited"))
    put_note(failing.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE, title="First session")
    report = failing.sync_notes()
    assert report.warnings == ["advice from free text skipped for First session: rate limited"]
    assert len(failing.advice.list()) == 5


def test_model_items_survive_a_sync_without_the_model(tmp_path):
    rel = _with_model(tmp_path, True, '[{"kind": "advice", "text": "Keep a brag document"}]')
    prose = "\nShe said to keep a brag document, weekly.\n"
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE + prose)
    rel.sync_notes()
    rel._model_info = lambda: ModelInfo("local", "m")
    put_note(rel.db, "n:1", "Priya Raman", D(2025, 1, 17), NOTE + prose + "- [ ] New item\n")
    rel.sync_notes()
    assert [a.text for a in rel.advice.list() if a.origin == "model"] == ["Keep a brag document"]


@pytest.mark.parametrize("written", ["Aoife O'Sullivan", "Aoife O’Sullivan", "Aoife", "aoife o'sullivan"])
def test_a_name_with_an_apostrophe_finds_its_person(rel, written):
    """"O'Sullivan" is not the possessive "O's ullivan": the note goes to the person in the
    table, and no second Aoife is made (a stranger's set made two and then could not draft)."""
    rel.people.add("Aoife O'Sullivan", company="Quaystone", stage="mentor")
    put_note(rel.db, "n:1", written, D(2025, 4, 6), NOTE)
    report = rel.sync_notes()
    assert report.people_added == [] and [p.name for p in rel.people.list()] == ["Aoife O'Sullivan"]
    assert rel.meetings.list("Aoife O'Sullivan")[0].date == D(2025, 4, 6)
    assert rel.people.detail("Aoife O’Sullivan").person.name == "Aoife O'Sullivan"  # typed with a curly apostrophe


def test_a_hint_of_digits_and_marks_matches_no_one(rel):
    from mentordesk.relationships.lookup import match_note_hint, match_note_name

    rel.people.add("Seán Ó Dálaigh", stage="mentor")
    with rel.db.session() as session:
        people = list(session.scalars(select(Person)))
        assert match_note_name(people, "3.12.25").person is None
        assert match_note_hint(people, "3.12.25 sean on zoom, typing on the bus").person.name == "Seán Ó Dálaigh"


def test_initials_name_the_one_person_they_fit_but_a_work_acronym_names_no_one(rel):
    """"DP 27.06.25.txt" is Dave Pritchard when no one else is D. P., even with a second
    Dave in the table; "HR chat" is nobody's initials, and "DO" fits two people."""
    from mentordesk.relationships.lookup import match_note_hint

    rel.people.add("Dave Pritchard", stage="mentor")
    rel.people.add("Dave Okafor", stage="mentor")
    rel.people.add("Diane Oakes", stage="mentor")
    rel.people.add("Hannah Reyes", stage="mentor")
    with rel.db.session() as session:
        people = list(session.scalars(select(Person)))
        assert match_note_hint(people, "DP 27.06.25").person.name == "Dave Pritchard"
        assert match_note_hint(people, "D.P. 27.06.25").person.name == "Dave Pritchard"
        assert match_note_hint(people, "HR chat").person is None
        assert {p.name for p in match_note_hint(people, "DO 1-2-1").candidates} == {"Dave Okafor", "Diane Oakes"}
