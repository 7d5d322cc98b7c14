"""Issue 9: shapes found on notes_wild25's dev split (an Atlanta sous-chef's folder, written by
someone who never learned "meeting notes"), none written for this code: a budget workbook
whose "Notes from Gloria" tab is a notepad under a meeting title typed in A1, a first line
in capitals with the weekday after the date ("BIG MIKE 8/12 TUES"), and a reflection that
dates the meeting "Thurs the 9th, July"."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from ingest.note_meta import note_facts, weekday_date
from tests.helpers import ingest_notes_with_table, load_written, machine_in, placements


@pytest.fixture
def atlanta(monkeypatch):
    yield from machine_in(monkeypatch, "America/New_York", "mdy")


def _budget_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    startup = book.active
    startup.title = "Startup"
    startup.append(["BIRD & BISCUIT - startup costs (v2)"])
    startup.append(["item", "est cost", "notes"])
    startup.append(["Truck (used step van)", 32000, "per Big Mike ~30-35k"])
    startup.append(["Opening inventory", 2200, None])
    startup.append(["Insurance (1st qtr)", 1350, "quotes pending"])
    notes = book.create_sheet("Notes from Gloria")
    notes["A1"] = "Mtg w/ Ms. Okafor - Peachtree Community Capital - Wed 4/9/25 2pm (Harold set it up)"
    rows = [("what she said", None), ("Working capital is too thin. Show at least 3 months of fixed costs", None),
            ("Don't put the wrap in the loan, pay cash for it or wait", None), ("MY TO DO", "done?"),
            ("Bump working capital to $8,100 (3 mo fixed)", "yes"), ("pay down Capital One card under 30%", "in progress"),
            ("send her 2023 + 2024 tax returns", None)]
    for number, (text, status) in enumerate(rows, start=3):
        notes.cell(number, 2, text)
        if status:
            notes.cell(number, 3, status)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_notepad_tab_titled_as_a_meeting_is_the_note_of_a_budget_workbook(tmp_path, atlanta):
    loaded = load_written(tmp_path, "Truck budget v2.xlsx", _budget_xlsx())
    assert loaded.text.startswith("Mtg w/ Ms. Okafor")
    assert "est cost" not in loaded.text and "Opening inventory" not in loaded.text  # the figures are no one's advice
    assert "what she said:" in loaded.text and "MY TO DO:" in loaded.text
    assert "- [x] Bump working capital to $8,100 (3 mo fixed)" in loaded.text
    assert note_facts(loaded.text, "Truck budget v2").date == dt.date(2025, 4, 9)


def test_the_budget_tabs_meeting_gives_her_advice_and_my_steps(desk, tmp_path, atlanta):
    table = "name,company,role,stage,notes\nGloria Okafor,Peachtree Community Capital,loan officer,mentor,\"'Ms. Okafor' in early notes\"\n"
    desk.relationships.profile.update(name="Darnell Brooks")
    ingest_notes_with_table(desk, tmp_path, table, {"Truck budget v2.xlsx": _budget_xlsx()})
    meetings, reviews = placements(desk.relationships)
    assert meetings.get("Truck budget v2.xlsx") == ("Gloria Okafor", "2025-04-09"), reviews
    items = {(a.kind, a.text, a.done) for a in desk.relationships.advice.list(mentor="Gloria Okafor")}
    assert ("advice", "Don't put the wrap in the loan, pay cash for it or wait", False) in items
    assert ("action", "Bump working capital to $8,100 (3 mo fixed)", True) in items
    assert ("action", "send her 2023 + 2024 tax returns", False) in items
    assert not any("Opening inventory" in text or "MY TO DO" in text for _, text, _ in items)


def test_a_weekday_after_a_yearless_date_picks_its_year(atlanta):
    today = dt.date(2026, 12, 8)
    assert weekday_date("BIG MIKE 8/12 TUES - AT HIS TRUCK", today) == dt.date(2025, 8, 12)
    assert weekday_date("sat with Harold (Thurs the 9th, July) at the library", today) == dt.date(2026, 7, 9)
    facts = note_facts("BIG MIKE 8/12 TUES - AT HIS TRUCK\nLAUNCH = SAT 8/16 PONCE NIGHT MKT. 4 DAYS!!!\n", "MIKE 8-12")
    assert facts.date == dt.date(2025, 8, 12)  # not the launch, four days later


RECAP = """From: Darnell Brooks <dbrooks.cooks@gmail.com>
To: Keisha Ward <keishaward.atl@gmail.com>
Date: Wed, 11 Feb 2026 21:37:52 -0500
Subject: what Gloria said (long, sorry)

Hey babe,

You asked me to write it down so here it is. Met with Gloria at Peachtree this afternoon.

What she told me:
- Ask for $120k not $150k. Smaller ask, faster approval.
- Keep 6 months of rent in reserve, not 3. Restaurants always open late.
"""

FORM = ("Timestamp,Email Address,Your name,Session date,How did we meet?,Harold's advice (in your own words),"
        "What you committed to do before next time\n"
        '10/8/2025 22:14:03,dbrooks.cooks@gmail.com,Darnell Brooks,10/7/2025,Phone call,"put the sales tax money aside '
        'every week in its own account, dont touch it\nlook at the numbers every monday morning","open a 2nd savings '
        'acct for sales tax this week"\n')

TABLE = """name,company,role,stage,notes
Harold Jenkins,SCORE Atlanta,volunteer mentor,primary,
Gloria Okafor,Peachtree Community Capital,loan officer,mentor,
"""


def test_whose_words_a_line_says_it_holds():
    from ingest.note_meta import whose_words

    assert whose_words("what Gloria said (long, sorry)") == "Gloria"
    assert whose_words("Harold's advice (in your own words):") == "Harold"
    assert whose_words("What she said:") is None and whose_words("What I learned") is None


def test_a_recap_mailed_to_someone_else_and_a_forms_row_are_the_mentors_meetings(desk, tmp_path, atlanta):
    """The e-mail went to his fiancée, but its subject says whose words it tells: the
    meeting is Gloria's, and no person "Keisha Ward" is added. A Google Form's row names the
    mentor only in a question's header ("Harold's advice (in your own words)")."""
    desk.relationships.profile.update(name="Darnell Brooks")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"what Gloria said.eml": RECAP,
                                                    "Session log (Responses) - Form Responses 1.csv": FORM})
    meetings, reviews = placements(desk.relationships)
    assert meetings.get("what Gloria said.eml") == ("Gloria Okafor", "2026-02-11"), reviews
    assert meetings.get("Session log (Responses) - Form Responses 1.csv") == ("Harold Jenkins", "2025-10-07"), reviews
    assert not any(p.name == "Keisha Ward" for p in desk.relationships.people.list())


def _instagram_json() -> bytes:
    import json

    def message(ms: int, sender: str, text: str) -> dict:
        # Instagram writes UTF-8 bytes as Latin-1 characters, as Messenger does
        return {"sender_name": sender, "timestamp_ms": ms, "content": text.encode("utf-8").decode("latin-1")}

    july_8, july_10 = 1751983920000, 1752181080000  # 8 July 2025 10:12 and 10 July 2025 16:58, New York
    return json.dumps({"participants": [{"name": "Greene Light Social | Tasha"}, {"name": "Darnell Brooks"}],
                       "messages": [
                           message(july_10 + 60000, "Greene Light Social | Tasha",
                                   "1. Claim your name on Google Business today 💯"),
                           message(july_10, "Greene Light Social | Tasha", "Thanks for hopping on today Darnell! Recap:"),
                           message(july_8 + 60000, "Darnell Brooks", "yes thursday 3 works. zoom?"),
                           message(july_8, "Greene Light Social | Tasha", "Hey Darnell! You still want to do that call? "
                                   "Thursday 3pm work?")],
                       "title": "Greene Light Social | Tasha"}).encode("utf-8")


def test_an_instagram_chat_is_dated_by_the_call_it_thanks_for_with_its_emoji_intact(tmp_path, atlanta):
    loaded = load_written(tmp_path, "message_1.json", _instagram_json())
    assert "💯" in loaded.text and "ð" not in loaded.text
    assert note_facts(loaded.text, "message_1").date == dt.date(2025, 7, 10)  # not the 8th, when it was set up


def test_a_scanners_title_is_when_the_page_was_scanned_not_the_meeting():
    text = "## Page 1\n\n5-20 Wed     Tasha @ Chrome Yellow (coffee)\nher:\n* start the posts 8 wks out, not 2\n"
    facts = note_facts(text, "Scan_20260521_093214", title="Scan May 21, 2026 9:32 AM")
    assert facts.date == dt.date(2026, 5, 20)


CAPS = """BIG MIKE 8/12 TUES - AT HIS TRUCK (WESTSIDE PROVISIONS LOT)
LAUNCH = SAT 8/16 PONCE NIGHT MKT. 4 DAYS!!!

- RUN THE WINDOW URSELF SAT. COOK ON THE FLY = NO. PUT DRE ON FRYER
- BRING 2X THE BISCUITS U THINK. RUN OUT = WORST REVIEW
- DONT DISCOUNT OPENING NIGHT. GIVE AWAY A SIDE INSTEAD

ME:
* CALL SQUARE RE OFFLINE MODE
* FIRE EXT TAG EXPIRES 8/31 - GET IT REDONE B4 THEN
"""


def test_a_note_typed_in_capitals_gives_its_advice_and_steps():
    from mentordesk.relationships.extraction import extract_items

    items = [(i.kind, i.text.lower()) for i in extract_items(CAPS, None, "Michael Reyes", "Darnell Brooks")]
    assert ("advice", "dont discount opening night. give away a side instead") in items, items
    assert ("advice", "bring 2x the biscuits u think. run out = worst review") in items
    assert ("action", "call square re offline mode") in items


def _costing_xlsx() -> bytes:
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Menu costing"
    sheet["A1"] = "Counter - menu costing (tasted w/ Chef Mercer Wed 6/10 at the space)"
    sheet["A1"].comment = Comment("Chef M big picture: run 7 items max for the first 60 days", "Darnell Brooks")
    sheet.append([])
    sheet.append(["Item", "Plate cost", "Menu price"])
    sheet.append(["2pc thigh plate", 3.92, 14])
    sheet["C4"].comment = Comment("he said keep the plates under 30% and let the sides carry the margin", "Darnell Brooks")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbooks_cell_comments_are_part_of_the_note(tmp_path):
    loaded = load_written(tmp_path, "counter menu costing.xlsx", _costing_xlsx())
    assert "Comment from Darnell Brooks: Chef M big picture: run 7 items max for the first 60 days" in loaded.text
    assert "Comment from Darnell Brooks: he said keep the plates under 30%" in loaded.text


def test_where_a_step_stands_written_after_it_marks_it_done_or_open():
    """A reflection weeks later: "13-week cash flow in Google Sheets -- DONE, been updating
    every Monday", "inter-company loan doc -- not yet". A prep must not ask about the done
    ones as if they were open."""
    from mentordesk.relationships.extraction import extract_items

    note = ("What I said I'd do, and where it's at now:\n\n"
            "- 13-week cash flow in Google Sheets -- DONE, been updating every Monday since 7/13\n"
            "- cut opening schedule to 70% -- did it, 9 ppl not 13\n"
            "- inter-company loan doc, ask Lamar to set it up -- not yet\n"
            "- send the plan to the co-op - reworked twice\n")
    steps = {i.text: i.done for i in extract_items(note, None, "Harold Jenkins", "Darnell Brooks") if i.kind == "action"}
    assert steps.get("13-week cash flow in Google Sheets") is True, steps
    assert steps.get("cut opening schedule to 70%") is True
    assert steps.get("inter-company loan doc, ask Lamar to set it up") is False
    assert steps.get("send the plan to the co-op - reworked twice") is False  # a dash that says no status


SMS_BACKUP = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<!--File Created By SMS Backup & Restore v10.20.002 on 24/07/2025 09:15:02-->
<smses count="4" backup_set="a1b2" backup_date="1753362902000" type="full">
  <sms protocol="0" address="+14045550187" date="1753208400000" type="2" subject="null"
       body="u around tmrw? want to run the winter menu by u" toa="null" sc_toa="null" service_center="null"
       read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="Jul 22, 2025 2:20:00 PM"
       contact_name="Big Mike" />
  <sms protocol="0" address="+14045550187" date="1753290000000" type="1" subject="null"
       body="good talk today. dont put gumbo on a truck menu, it holds bad. keep it to 5 items" toa="null"
       sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="1753290000000" sub_id="1"
       readable_date="Jul 23, 2025 1:00:00 PM" contact_name="Big Mike" />
  <sms protocol="0" address="+14045550187" date="1753290300000" type="2" subject="null"
       body="bet. cutting gumbo, i'll send u the new menu sunday" read="1" status="-1" locked="0" date_sent="0"
       sub_id="1" readable_date="Jul 23, 2025 1:05:00 PM" contact_name="Big Mike" />
</smses>
"""


def test_an_sms_backup_and_restore_file_is_read_as_a_chat(tmp_path, atlanta):
    loaded = load_written(tmp_path, "sms-20250724091502.xml", SMS_BACKUP)
    lines = loaded.text.splitlines()
    assert lines[0] == "# Messages with Big Mike"
    assert "[07/23/2025, 13:00] Big Mike: good talk today. dont put gumbo on a truck menu, it holds bad. keep it to 5 items" \
        in lines  # New York time, month first as the user reads dates
    assert lines[2].startswith("[07/22/2025, 14:20] Me: u around tmrw?")  # oldest first, the user's own as "Me"
    facts = note_facts(loaded.text, "sms-20250724091502")
    assert facts.date == dt.date(2025, 7, 23) and facts.mentors == ("Big Mike",)  # "tmrw", then the day they talked


def test_an_xml_file_of_another_kind_says_which_kinds_are_read(tmp_path):
    from ingest.loaders import LoadError

    with pytest.raises(LoadError, match="SMS Backup & Restore"):
        load_written(tmp_path, "settings.xml", "<config><a>1</a></config>")
