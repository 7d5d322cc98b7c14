"""Issue 9: a day's note (an Obsidian or Logseq daily page, a "today" file) holds the whole
day: the standup, errands, a task list, and the coffee with a mentor as one section or one
log entry. Only that part is the meeting: the day's errands are not steps from it. A note
that is not a day's note (a pitch with the mentor's comments in every section, a deck with
speaker notes) is read whole, and so is an outline with no headings, whose TODO lines after
the meeting's entry are its steps."""

from __future__ import annotations

from mentordesk.relationships.extraction import is_day_note, meeting_part
from tests.helpers import ingest_notes_with_table, placements

DAY = """# Thu 9 Oct

## standup
- flood plan ch4 back from legal w/ comments, Dan owns
- me: hazard map refresh brief to Lucy by Fri

## errands
- pick up Tama from footy 5.15
- dry cleaning

## JB (coffee yesterday, didn't get to write it up)
Fidel's again. Long one.
his take on 3 mths in:
- start thinking abt 2026 now, not June next year. Central govt recruits in Feb/Mar
- get a referee from the policy side, not just engineers.

to do:
- change email sig
- put CPD log in order

## misc
- book flights Tauranga for Xmas before they go up
"""

LOG = """# Saturday, 17 May 2025

## Tasks
- [x] Pay society maintenance
- [ ] Renew bike insurance (expires 14/06)

## Log
- 7am walk, 6k steps.
- Call with [[Lakshmi ma'am]] 11:00-11:45 re MBA
    - Don't take the GMAT just to see - take it when I've shortlisted 3 schools
    - Me: shortlist 3 programs by end of May
- Lunch with Neha, she's also thinking of quitting lol
"""

OUTLINE = """- Wine afternoon with [[Helene]] at the shop
    - start with 12 wines, not 40
- TODO book WSET Level 2, the evening one
- rang the mam, she's grand
"""


def _names(word: str):
    return lambda line: word.lower() in line.lower()


def test_a_days_note_is_known_by_its_date_title_or_file_name():
    assert is_day_note(DAY, "notes")
    assert is_day_note("- walked\n- call w Sam", "2025_05_20")
    assert not is_day_note("# Pitch Hub GRU v3 (comentarios AP)\n\n## Por que eu\n", "Pitch Hub GRU v3")


def test_the_section_naming_the_mentor_is_the_meeting_with_the_steps_under_it():
    part = meeting_part(DAY, _names("JB"))
    assert part is not None
    assert "get a referee from the policy side" in part and "change email sig" in part
    assert "hazard map" not in part and "Tauranga" not in part and "dry cleaning" not in part


def test_a_log_entry_with_its_points_nested_under_it_is_the_meeting():
    part = meeting_part(LOG, _names("Lakshmi"))
    assert part is not None and "shortlist 3 programs" in part and "GMAT" in part
    assert "Pay society maintenance" not in part and "Neha" not in part


def test_nothing_is_cut_from_an_outline_without_headings_or_when_two_parts_name_them():
    assert meeting_part(OUTLINE, _names("Helene")) is None  # its TODO lines are the meeting's steps
    assert meeting_part(DAY + "\n## JB again\n- call him re the referee\n", _names("JB")) is None


TABLE = ('name,company,role,stage,notes\n'
         'Jim Brennan,Harbour Water (retired),Former engineering manager,primary,"""JB"" in my notes"\n')


def test_a_daily_notes_errands_do_not_reach_the_ledger(desk, tmp_path):
    desk.relationships.profile.update(name="Hemi Walker")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"2025-10-09.md": DAY})
    meetings, reviews = placements(desk.relationships)
    assert meetings.get("2025-10-09.md", (None,))[0] == "Jim Brennan", reviews
    items = {(a.kind, a.text) for a in desk.relationships.advice.list(mentor="Jim Brennan")}
    assert ("action", "change email sig") in items and ("action", "put CPD log in order") in items
    assert any(kind == "advice" and text.startswith("get a referee from the policy side") for kind, text in items)
    texts = " ".join(text for _, text in items)
    assert "Tauranga" not in texts and "hazard map" not in texts and "Tama" not in texts
