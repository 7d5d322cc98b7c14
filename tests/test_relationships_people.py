"""Profile and the target list: validation naming the field, lookups with suggestions,
edits that change only what is given, message history moving people along."""

from __future__ import annotations

import datetime as dt

import pytest
from relationship_helpers import bare_relationships, put_note, snapshot

from mentordesk.relationships.lookup import PersonNotFound
from mentordesk.relationships.schemas import InvalidInput
from store.errors import UserError


@pytest.fixture
def rel(tmp_path):
    return bare_relationships(tmp_path / "home")


# ----- profile -------------------------------------------------------------------------------
def test_profile_set_and_show(rel):
    assert rel.profile.get().empty
    rel.profile.update(name="Alex Rivera", values="kindness,  thoughtfulness, humility, Kindness")
    profile = rel.profile.update(role="Senior engineer", goals="Staff or manager?")
    assert profile.to_dict() == {"name": "Alex Rivera", "role": "Senior engineer", "goals": "Staff or manager?",
                                 "values": ["kindness", "thoughtfulness", "humility"]}
    assert profile.missing() == []


@pytest.mark.parametrize("values", ["kindness, humility", "a, b, c, d, e, f", ", ,"])
def test_profile_values_must_be_three_to_five_and_nothing_changes(rel, values):
    rel.profile.update(name="Alex", values="a, b, c")
    with pytest.raises(InvalidInput, match=r"^values: give 3 to 5 qualities") as error:
        rel.profile.update(name="Someone Else", values=values)
    assert error.value.field == "values"
    assert rel.profile.get().name == "Alex" and rel.profile.get().values == ["a", "b", "c"]


# ----- adding and finding people ------------------------------------------------------------------
def test_add_person_with_defaults_and_normalised_choices(rel):
    person = rel.people.add("  Jonas   Weber ", company="Northwind", connection="WARM", introducer="Priya Raman")
    assert (person.name, person.company, person.connection, person.stage) == ("Jonas Weber", "Northwind", "warm",
                                                                              "prospect")
    assert rel.people.get("jonas").id == person.id


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"connection": "hot"}, r"^connection: 'hot' is not one of warm, cold"),
     ({"stage": "friend"}, r"^stage: 'friend' is not one of prospect, contacted, meeting, mentor, primary")],
)
def test_bad_values_name_the_field_and_save_nothing(rel, fields, message):
    with pytest.raises(InvalidInput, match=message):
        rel.people.add("Lena Fischer", **fields)
    with pytest.raises(InvalidInput, match=r"^name: is required"):
        rel.people.add("   ")
    assert rel.people.list() == []


def test_duplicates_are_refused_but_namesakes_at_other_companies_are_not(rel):
    rel.people.add("Sam Lee", company="Acme", contact="sam@acme.example")
    with pytest.raises(InvalidInput, match=r"Sam Lee \(Acme\) is already in your list"):
        rel.people.add("sam lee", company="ACME")
    with pytest.raises(InvalidInput, match="contact: SAM@acme.example already belongs to Sam Lee"):
        rel.people.add("Samuel Lee", contact="SAM@acme.example")
    rel.people.add("Sam Lee", company="Globex")
    with pytest.raises(PersonNotFound, match=r"matches several people: Sam Lee \(Acme\), Sam Lee \(Globex\)"):
        rel.people.get("Sam Lee")
    assert rel.people.get("Sam Lee (Globex)").company == "Globex"


def test_unknown_names_suggest_close_matches(rel):
    with pytest.raises(PersonNotFound, match="your list is empty"):
        rel.people.get("Priya")
    rel.people.add("Priya Raman")
    rel.people.add("Daniel Okafor")
    with pytest.raises(PersonNotFound, match=r"no one named 'Pryia' in your list; did you mean Priya Raman\?") as error:
        rel.people.get("Pryia")
    assert error.value.suggestions == ["Priya Raman"]
    assert rel.people.get("okafor").name == "Daniel Okafor"
    assert rel.people.get("PRIYA RAMAN").name == "Priya Raman"


# ----- editing and deleting ---------------------------------------------------------------------------
def test_edit_changes_only_the_fields_given(rel):
    rel.people.add("Lena Fischer", company="Acme", role="CTO", notes="Writes about staff engineers.")
    person = rel.people.edit("Lena", stage="primary", company="", name="Lena M. Fischer")
    assert (person.name, person.company, person.role, person.stage) == ("Lena M. Fischer", None, "CTO", "primary")
    assert person.notes == "Writes about staff engineers."


def test_failed_edit_changes_nothing(rel):
    rel.people.add("Lena Fischer", company="Acme")
    rel.people.add("Jonas Weber", company="Northwind")
    before = snapshot(rel)
    with pytest.raises(InvalidInput, match="^stage: cannot be empty"):
        rel.people.edit("Lena", role="CTO", stage="")
    with pytest.raises(InvalidInput, match="^connection:"):
        rel.people.edit("Lena", role="CTO", connection="lukewarm")
    with pytest.raises(InvalidInput, match=r"Jonas Weber \(Northwind\) is already in your list"):
        rel.people.edit("Lena", name="Jonas Weber", company="Northwind")
    with pytest.raises(UserError, match="nothing to change"):
        rel.people.edit("Lena")
    assert snapshot(rel) == before


def test_delete_person_refuses_to_drop_notes_unless_asked(rel, tmp_path):
    deleted: list[str] = []
    rel.people._delete_sources = lambda sources: deleted.extend(sources) or len(sources)
    put_note(rel.db, "note:1", "Mei Tanaka", dt.date(2026, 1, 5), "## Advice\n- Ask questions first.\n")
    rel.sync_notes()
    rel.people.add("Bo Chen")
    before = snapshot(rel)
    with pytest.raises(UserError, match="Mei Tanaka has 1 meeting note in the library; delete with --with-notes"):
        rel.people.delete("Mei")
    assert snapshot(rel) == before and deleted == []
    rel.people.delete("Mei", with_notes=True)
    assert deleted == ["note:1"]
    assert [p.name for p in rel.people.list()] == ["Bo Chen"]
    assert rel.meetings.list() == [] and rel.advice.list() == []


# ----- message history ----------------------------------------------------------------------------------
def test_logging_messages_moves_the_stage_forward_never_back(rel):
    rel.people.add("Ana Ruiz", connection="cold")
    rel.people.add("Priya Raman", stage="primary")
    rel.people.log_message("Ana", "sent", "Asked for a 20-minute call", dt.date(2026, 11, 2))
    assert rel.people.get("Ana").stage == "contacted"
    rel.people.log_message("Ana", "met", "Coffee", dt.date(2026, 11, 9))
    assert rel.people.get("Ana").stage == "meeting"
    rel.people.log_message("Priya", "received", "Happy to meet", dt.date(2026, 11, 3))
    assert rel.people.get("Priya").stage == "primary"
    ana = rel.people.get("Ana")
    assert ana.last_contacted() == dt.date(2026, 11, 9) and ana.last_met() == dt.date(2026, 11, 9)


def test_message_validation_names_the_field(rel):
    rel.people.add("Ana Ruiz")
    with pytest.raises(InvalidInput, match=r"^direction: 'emailed' is not one of sent, received, met"):
        rel.people.log_message("Ana", "emailed", "hi")
    with pytest.raises(InvalidInput, match=r"^summary: is required"):
        rel.people.log_message("Ana", "sent", "  ")
    assert rel.people.detail("Ana").messages == []


def test_a_message_sent_after_a_meeting_is_its_follow_up(rel):
    put_note(rel.db, "note:a", "Priya Raman", dt.date(2026, 11, 2), "## Advice\n- a\n")
    put_note(rel.db, "note:b", "Priya Raman", dt.date(2026, 11, 16), "## Advice\n- b\n")
    rel.sync_notes()
    rel.people.log_message("Priya", "sent", "Thanks for Monday!", dt.date(2026, 11, 17))
    follow_ups = {m.date: m.follow_up_sent_on for m in rel.meetings.list("Priya")}
    assert follow_ups == {dt.date(2026, 11, 2): None, dt.date(2026, 11, 16): dt.date(2026, 11, 17)}


def test_detail_timeline_newest_first(rel):
    put_note(rel.db, "note:a", "Priya Raman", dt.date(2026, 3, 2), "## Advice\n- Ask for the number first.\n"
             "## Next steps\n- [ ] Draft the counter\n", title="Offer")
    rel.sync_notes()
    rel.people.log_message("Priya", "sent", "Thank you note", dt.date(2026, 3, 4))
    item = rel.advice.list("Priya", kind="advice")[0]
    rel.advice.set_outcome(item.id, "worked")
    timeline = rel.people.detail("Priya").timeline()
    assert [(t.date.isoformat(), t.kind, t.detail) for t in timeline] == [
        ("2026-03-04", "message", "sent"),
        ("2026-03-02", "meeting", "note:a"),
        ("2026-03-02", "advice", "worked"),
        ("2026-03-02", "action", None),
    ]


def test_nudges_reflect_the_list(rel):
    assert "Add 15 more" in rel.people.nudges()[0]
    for n in range(4):
        rel.people.add(f"Person {n}", stage="primary")
    messages = rel.people.nudges()
    assert "Add 11 more" in messages[0] and "4 primary mentors" in messages[1]
