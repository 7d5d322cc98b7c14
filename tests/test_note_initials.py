"""Issue 9: a mentor the notes name only by initials, as the tracking table's Notes cell says
("sometimes GT - he signs his texts GT", '"Kate F", "KF"'), in phrasings no alias pattern was
written for. The capitals in a Notes cell that are the person's own initials are a name the
notes use; other capitals there (FDA, CIOB, HR) are not."""

from __future__ import annotations

from mentordesk.relationships.lookup import aliases
from store.tables import Person
from tests.helpers import ingest_notes_with_table, placements


def _person(name: str, notes: str) -> Person:
    return Person(id=1, name=name, company=None, role=None, stage="mentor", notes=notes)


def test_initials_written_in_a_notes_cell_are_a_name_for_that_person():
    assert "gt" in aliases(_person("Graeme Tait", "Graeme in my notes, sometimes GT - he signs his texts GT."))
    assert "kf" in aliases(_person("Kate Fraser", '"Kate F", "KF". No relation to Tom Fraser.'))
    assert "rc" in aliases(_person("Renee Castillo", 'Coordinator in the cohort; "RC" in portal notes.'))
    assert "lgb" in aliases(_person("Luiz Gustavo Barreto", 'Written as L.G.B. in my notes.'))
    # capitals that are not the person's initials name no one
    assert aliases(_person("Kit Dunleavy", "How FDA reads submissions; met at the CIOB evening; HR contact.")) == frozenset()
    # where the name is written is no part of it
    assert aliases(_person("Nurul Huda Ismail", "Asked me to call her Kak Nurul (K. Nurul in my notebook).")) >= {"k nurul"}
    assert not any("notebook" in a for a in aliases(_person("Nurul Huda Ismail", "I call her Kak Nurul (K. Nurul in my notebook).")))


TABLE = """name,company,role,stage,notes
Graeme Tait,Tait Builders (retired),First boss,primary,"Graeme in my notes, sometimes GT - he signs his texts GT."
Fiona Marsden,Kiwi Biz Mentors,Business mentor,mentor,
"""


def test_lines_under_the_mentors_initials_are_their_advice(desk, tmp_path):
    desk.relationships.profile.update(name="Sophie Whitcombe")
    note = ("Graeme Tait - phone, Sun 14 Dec 2025\n\n"
            "GT\n"
            "- price the job you can deliver, not the one you want to win\n"
            "- never be the cheapest tender in a small town\n\n"
            "Me:\n"
            "- redo the fee proposal before Friday\n")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"phone call.txt": note})
    meetings, reviews = placements(desk.relationships)
    assert meetings.get("phone call.txt") == ("Graeme Tait", "2025-12-14"), reviews
    items = {(a.kind, a.text) for a in desk.relationships.advice.list(mentor="Graeme Tait")}
    assert ("advice", "never be the cheapest tender in a small town") in items
    assert ("action", "redo the fee proposal before Friday") in items


def test_a_title_the_notes_give_a_person_names_them_and_alone_is_the_choice_between_them():
    """A kitchen's "Chef Renee" (Renée Dubois in the table), "Chef M" in single quotes in a
    Notes cell, "Chef Rene" voice-typed; "coffee w Chef" when two people are a Chef."""
    from mentordesk.relationships.lookup import match_note_name

    people = [Person(id=1, name="Renée Dubois", notes="Darnell calls her Chef Renee; introduced through Keisha's cousin"),
              Person(id=2, name="Alvin Mercer", notes="Darnell's instructor; 'Chef Mercer' or 'Chef M'"),
              Person(id=3, name="Gloria Okafor", notes="'Ms. Okafor' in early notes, later just Gloria")]
    assert match_note_name(people, "Chef Renee").person.name == "Renée Dubois"
    assert match_note_name(people, "Chef Rene").person.name == "Renée Dubois"
    assert match_note_name(people, "Chef M").person.name == "Alvin Mercer"
    assert match_note_name(people, "Ms. Okafor").person.name == "Gloria Okafor"
    alone = match_note_name(people, "Chef")
    assert alone.person is None and {p.name for p in alone.candidates} == {"Renée Dubois", "Alvin Mercer"}
    # an apostrophe inside a word opens no quote
    assert "instructor" not in " ".join(aliases(people[1]))


CHEFS = """name,company,role,stage,notes
Renée Dubois,Maison Dubois,chef-owner,mentor,Darnell calls her Chef Renee
Alvin Mercer,Atlanta Technical College,chef instructor,mentor,"'Chef Mercer' or 'Chef M'"
"""


def test_a_note_with_only_the_title_goes_to_review_with_both_chefs_to_choose_from(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "mdy")
    desk.relationships.profile.update(name="Darnell Brooks")
    note = ("coffee w Chef -- sun 1/11/2026 -- Dancing Goats Glenwood\n\n"
            "- take the one w the hood even if the rent is $800 more\n- dont fall in love w a space\n")
    voice = ("Mon Dec 8 2025 voice typed in the car\n\nOkay so dinner with Chef Rene tonight at Maison Dubois after "
             "close. She said find the counter space before you need it.\n")
    ingest_notes_with_table(desk, tmp_path, CHEFS, {"coffee w chef.txt": note, "Voice typing Dec 8.txt": voice})
    meetings, reviews = placements(desk.relationships)
    assert reviews.get("coffee w chef.txt") == "ambiguous_mentor", (meetings, reviews)
    review = next(r for r in desk.relationships.reviews.list() if r.source.endswith("coffee w chef.txt"))
    assert "Renée Dubois" in review.detail and "Alvin Mercer" in review.detail
    assert meetings.get("Voice typing Dec 8.txt") == ("Renée Dubois", "2025-12-08"), reviews
