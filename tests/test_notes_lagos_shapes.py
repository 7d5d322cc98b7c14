"""Issue 9, shapes from a stranger's notes (eval/data/notes_wild14 dev, a Lagos auditor
moving into fintech finance): a bullet journal and a daily journal whose day headings are
numbers ("WED 11.02", "Tue 18/11/2025") and whose meeting is one entry among chores; a
nickname with a title ("Mr. B in my own notes"); an OCR'd page whose first line is the
tool's copy stamp; a WhatsApp chat whose first evening only arranges the call; Gmail's print
view saved as PDF (sender and date on two lines, the mentor's answer the day after); a log
kept one item a row with a Type column; and in extraction: a mentor's promise told in the
third person, homework that ends "and send them to me", and the talk around the counsel."""

from __future__ import annotations

import pytest

from tests.helpers import ingest_notes_with_table, make_pdf, placements

TABLE = """name,company,role,stage,notes
Ronke Balogun,Kobo Haul Logistics,CFO,primary,I call her Aunty Ronke. Straight talker.
Kwabena Asante,Sendara,Head of Finance,mentor,Everybody calls him KB. Monthly video call.
Dayo Martins,Payvault,VP Finance,contacted,Hiring manager. Not a mentor.
Emeka Nwosu,Northgate Cement,Finance Director,mentor,"Mr. Nwosu in e-mails, Mr. N in my own notes."
"""

BUJO = """# March 2026 — week 3

Key: • task   x done   > migrated   – note   ○ event

**MON 16.03**
○ budget prep w/ Dayo
x pay the electricity token
• Chidi 1:1

**TUE 17.03**
x Chidi 1:1 — recon is better
– Sendara recruiter wrote again. Call KB.

**WED 18.03**
○ Call w/ KB, 8pm
  ! don't negotiate the title, negotiate the scope of the role
  – speak to two people who left, not only the ones they pick for you
  • send KB my salary breakdown

**THU 19.03**
x sent KB the breakdown
"""

DAILY = """# Journal — October 2025

## Sat 11/10/2025
Cleaned the flat. Market with my sister.

## Tue 14/10/2025
Long call with Aunty Ronke on the way home, traffic was terrible.
What she said:
- Write down what good looks like at 30, 60 and 90 days for your new analyst.
- Run feedback within two days, in private.
My to-dos:
1. Draft the 30/60/90 doc by Friday.

## Thu 16/10/2025
Budget kickoff with Dayo. Gym: no.
"""

STICKY = """Mr N said:
- answer the requirement, not everything you know
- do two mock exams under timed conditions
ME: book a mock at the centre
"""

OCR = """IMG_5512.jpg — Text recognised (Google Lens), copied 20 Sep 2025

Sat 13/09/2025   Aunty Ronke - Kobo Haul ofﬁce
He sa1d:
• SQL ﬁrst, then Power BI
• Build one unit economics view from real data
"""

WHATSAPP = """02/07/2025, 21:03 - Tolu: Good evening Ma. Abeg when you have 20 minutes this weekend, I need your take on the MBA question
02/07/2025, 21:40 - Aunty Ronke: Evening Tolu. Saturday morning I'll be in the office till 12.
05/07/2025, 09:58 - Tolu: Good morning Ma. Is now okay?
05/07/2025, 10:02 - Aunty Ronke: Go ahead
05/07/2025, 10:06 - Tolu: I'm thinking of dropping ACCA for an MBA.
05/07/2025, 10:15 - Aunty Ronke: Let me be straight with you.
05/07/2025, 10:16 - Aunty Ronke: Finish ACCA. You're three papers from done, don't throw that away.
05/07/2025, 10:19 - Aunty Ronke: MBA later, when an employer pays part of it.
05/07/2025, 10:31 - Tolu: Thank you Ma. I'll register the next paper before the 28th.
"""

LOG = """Date,Mentor,Topic,Type,Point,Due,Status
11/06/2025,Mr. Nwosu,Exams,Advice,Sit the strategy paper first while audit is fresh,,
11/06/2025,Mr. Nwosu,Study,Advice,"Two hours on five mornings beats weekend marathons",,
11/06/2025,Mr. Nwosu,Exams,Action,Download the last two sittings' past questions,13/06/2025,Done
11/06/2025,Mr. Nwosu,Career,Action,Update my LinkedIn headline,30/06/2025,Pending
11/06/2025,Mr. Nwosu,Personal,Note,He passed the paper at the second attempt in 2012,,
"""


def test_journals_with_number_headings_become_the_meeting_entrys_day(desk, tmp_path):
    desk.relationships.profile.update(name="Tolu Adeyemi")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"BuJo Mar 2026 wk3.md": BUJO, "journal_2025_10.md": DAILY})
    meetings, reviews = placements(desk.relationships)
    # Not Dayo (only "budget prep w/ Dayo" beside a 1:1 with someone else), not Tuesday's
    # "Call KB." to-do: Wednesday's call and what KB said there.
    assert meetings == {"BuJo Mar 2026 wk3.md": ("Kwabena Asante", "2026-03-18"),
                        "journal_2025_10.md": ("Ronke Balogun", "2025-10-14")}  # not the first heading's 11/10
    texts = {(a.kind, a.text) for a in desk.relationships.advice.list()}
    assert ("advice", "don't negotiate the title, negotiate the scope of the role") in texts
    assert ("action", "Draft the 30/60/90 doc by Friday.") in texts
    assert not any("electricity" in text or "Gym" in text for _, text in texts)  # other days' chores


def test_a_title_and_initial_alias_a_copy_stamp_and_a_chat_that_arranges_the_call(desk, tmp_path):
    desk.relationships.profile.update(name="Tolu Adeyemi")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"sticky - Mr N.txt": STICKY, "IMG_5512_ocr.txt": OCR,
                                                    "WhatsApp Chat with Aunty Ronke.txt": WHATSAPP})
    meetings, reviews = placements(desk.relationships)
    assert reviews == {"sticky - Mr N.txt": "no_date"}  # Mr N is Emeka Nwosu; the note has no date
    assert meetings == {"IMG_5512_ocr.txt": ("Ronke Balogun", "2025-09-13"),  # not the copy stamp's 20 Sep
                        "WhatsApp Chat with Aunty Ronke.txt": ("Ronke Balogun", "2025-07-05")}  # the Saturday
    texts = {(a.kind, a.text) for a in desk.relationships.advice.list()}
    assert ("advice", "Finish ACCA. You're three papers from done, don't throw that away.") in texts
    assert not any(text in ("Go ahead", "Let me be straight with you.") for _, text in texts)


def test_gmail_print_view_saved_as_pdf_is_the_mentors_answer(desk, tmp_path):
    pdf = make_pdf([[
        "Gmail", "Tolu Adeyemi <tolu@example.com>", "Re: Counter-offer - need your wisdom Ma", "2 messages",
        "Tolu Adeyemi <tolu@example.com>", "Sun, Aug 24, 2025 at 10:51 PM", "To: Ronke Balogun <ronke@example.com>",
        "Good evening Ma, the firm made a counter-offer. Please what would you do?", "Tolu",
        "Ronke Balogun <ronke@example.com>", "Mon, Aug 25, 2025 at 7:08 AM", "To: Tolu Adeyemi <tolu@example.com>",
        "My dear Tolu,", "I will be brief because I am on my way to a board meeting.",
        "Remember that a counter-offer solves the firm's problem, not your career.",
        "Write down the three things they would have to change for you to stay, and send them to me before noon.",
        "Aunty Ronke"]])
    desk.relationships.profile.update(name="Tolu Adeyemi")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"Gmail - Re_ Counter-offer.pdf": pdf})
    meetings, _ = placements(desk.relationships)
    assert meetings == {"Gmail - Re_ Counter-offer.pdf": ("Ronke Balogun", "2025-08-25")}
    texts = {(a.kind, a.text) for a in desk.relationships.advice.list()}
    assert ("advice", "Remember that a counter-offer solves the firm's problem, not your career.") in texts
    # Homework the mentor set, kept whole ("them" needs the first half), and not her own plans.
    assert ("action", "Write down the three things they would have to change for you to stay, and send them to me "
                      "before noon.") in texts
    assert not any("board meeting" in text for _, text in texts)


def test_a_log_kept_one_item_a_row_reads_as_sections(tmp_path):
    from ingest.loaders import load_file

    path = tmp_path / "mentoring_log.csv"
    path.write_text(LOG, encoding="utf-8")
    text = load_file(path).text
    assert text.splitlines()[:2] == ["Date: 11/06/2025", "Mentor: Mr. Nwosu"]
    assert "## Advice\n- Sit the strategy paper first while audit is fresh" in text
    assert "- [x] Download the last two sittings' past questions" in text
    assert "- [ ] Update my LinkedIn headline" in text
    assert "## Context\n- He passed the paper" in text  # a Note row is neither advice nor a task


def test_the_log_becomes_a_meeting_with_its_items(desk, tmp_path):
    desk.relationships.profile.update(name="Tolu Adeyemi")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"mentoring_log.csv": LOG})
    meetings, _ = placements(desk.relationships)
    assert meetings == {"mentoring_log.csv": ("Emeka Nwosu", "2025-06-11")}
    items = {(a.kind, a.text, a.done) for a in desk.relationships.advice.list()}
    assert ("action", "Download the last two sittings' past questions", True) in items
    assert ("action", "Update my LinkedIn headline", False) in items
    assert not any("second attempt" in text for _, text, _ in items)


@pytest.mark.parametrize("sentence", [
    "She said she'll ask her friend who runs the circle to add me to the March cohort.",
    "He said he'll ask his HR head to send me their probation template.",
    "She'll refer me internally if Lumen Pay opens an FP&A role.",
    "KB: he'll put me in touch with a Nigerian guy on his team who moved last year",
])
def test_a_mentors_promise_told_in_the_third_person_is_no_item(sentence):
    from mentordesk.relationships.extraction.rules import rule_kind

    assert rule_kind(sentence) == "other"


@pytest.mark.parametrize(("sentence", "kind"), [
    ("He also said he'll be a referee for me if Payvault asks.", "other"),  # his promise
    ("I would be very grateful.", "other"),
    ("I've never worked in a tech company, so I want to know what FP&A looks like day to day.", "other"),
    ("I'll write that down.", "other"),
    ("I want to ask Dayo for the letter by Friday", "action"),
    ("Sat 12/04/2025 Oga Femi - Kobo Haul office, Ilupeju", "other"),  # a page's date and place
    ("3 March apply for the role", None),
])
def test_courtesies_wishes_and_page_headers_are_no_tasks(sentence, kind):
    from mentordesk.relationships.extraction.rules import rule_kind

    assert rule_kind(sentence) == kind


def test_someone_said_over_a_list_and_an_aside_in_brackets(tmp_path):
    from mentordesk.relationships.extraction import extract_items

    note = ("Mr N said:\n- do two mock exams under timed conditions\n- time box it, 1.8 mins per mark\n\n"
            "Homework\n- finish the past questions by 26/04\n"
            "(his story - his first boss made him redo a cash flow six times in 2010. \"you will thank me\")\n"
            "Pay for the aso-ebi by Friday!!\n")
    items = {(i.kind, i.text) for i in extract_items(note, None, "Emeka Nwosu", "Tolu Adeyemi")}
    assert ("advice", "do two mock exams under timed conditions") in items  # his points, not her to-dos
    assert ("advice", "time box it, 1.8 mins per mark") in items
    assert ("action", "finish the past questions by 26/04") in items
    assert not any("2010" in text for _, text in items)  # his story, kept whole and left out
