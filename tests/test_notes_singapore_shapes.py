"""Issue 9, shapes from a stranger's notes (eval/data/notes_wild15 dev, a Filipina
operations analyst in Singapore): Filipino and Malay honorifics ("Kuya Ben", "Ate Joy",
"Kak Nurul"); a nickname only the table's Notes cell writes ("Tita Des", "Sir Mark" beside
"apart from Sir Mark"); a family name written before the given ones ("Mark Tan" for Mark
Tan Kok Leong); the user's legal name in mail and meeting tools ("Maria Angelica Santos"
for a profile saying "Gelai Santos"); an e-mail chain forwarded on to a notes box; Outlook
printed to PDF; a Word form whose Mentor/Date table comes first; a weekday that settles a US
date; a phone recorder's file name; an OCR'd "l4/6/25"; a chat that arranges "Sat the
18th" two weeks ahead."""

from __future__ import annotations

import io

import pytest

from tests.helpers import ingest_notes_with_table, make_pdf, placements

TABLE = """name,company,role,stage,notes
Mark Anthony Villanueva,Kalsada Express,VP Operations,primary,"My first boss. Sir Mark to his face, Boss M in chats."
Mark Tan Kok Leong,Relaymile,Founder,warm,"Startup founder. Mark T when I need to tell him apart from Sir Mark."
Benjamin Cruz,Amihan Semiconductors,Plant Manager,mentor,Older cousin - Kuya Ben.
Lourdes Bautista-Koh,(retired),Former HR Director,mentor,"Tita Des. Sunday dinners at her place in Bishan."
Nurul Huda Ismail,Seri Alam,Senior Director,mentor,"Programme mentor; K. Nurul in my notebook."
Jeevan Rajaratnam,Lintas Logistics,Regional Ops Director,mentor,I call him Sir J.
"""

KUYA = """---
date: 2025-02-08
people: ["[[Kuya Ben]]"]
---
# Kuya Ben — MBA or stay?
- Don't do the MBA for the title; do it when you know what you want from it.
"""
TITA = """Monday, 30 March 2026 — on the MRT home

Last night's dinner at Tita Des's was exactly what I needed.
She said I should write down what I want my life to look like at 35.
"""
CHAT = """01/01/2025, 09:40 - Sir Mark: Happy new year anak! Call tayo one of these weekends
01/01/2025, 09:41 - Gelai: Yes po please! Sat the 18th po ok? After 8pm SG time
01/01/2025, 09:55 - Sir Mark: Sige, 8pm
18/01/2025, 20:01 - Gelai: Sir ready na po ako
18/01/2025, 20:54 - Sir Mark: Tell Kelvin directly that you want to lead people this year.
18/01/2025, 20:55 - Sir Mark: Ask for a small scope first, even just the two new analysts.
18/01/2025, 21:01 - Gelai: Ok po, I will book a 1-1 with Kelvin.
"""
FORWARDED = """From: Maria Angelica Santos <gelai.santos@gmail.com>
Date: Fri, 6 Mar 2026 at 08:02
Subject: Fwd: Fwd: Good catching up
To: Gelai notes <gelai.notes@gmail.com>

Note to self:
- ask Pat who had the role before me

---------- Forwarded message ---------
From: Maria Angelica Santos <gelai.santos@gmail.com>
Date: Thu, 5 Mar 2026 at 23:10
Subject: Fwd: Good catching up
To: Miguel Reyes <migs.reyes@gmail.com>

Babe read this, esp #3.

---------- Forwarded message ---------
From: Mark Tan <mark@relaymile.com>
Date: Thu, 5 Mar 2026 at 14:27
Subject: Good catching up
To: Maria Angelica Santos <gelai.santos@gmail.com>

Hi Gelai,

Good catching up over lunch yesterday.

1. Treat the offer like a term sheet: nothing verbal counts.
"""
RECAP = """Recap: Gelai x Jeevan stakeholder coaching
Tuesday, 05/06/2025 · 4:00 PM
Attendees: Jeevan Rajaratnam, Maria Angelica Santos

Jeevan Rajaratnam suggested that Gelai send Derek a one-line summary before every review.
"""
OCR = """LSCPA Mentoring - Sessi0n 2
Sat l4/6/25     Kak Nurul @ Tiong Bahru Bakery

- say your recommendation first, then the reasons
"""
VOICE = "ok so Kuya Ben said on the call tonight that i should stop fixing everything myself and let the leads decide\n"
VTT = """WEBVTT

1
00:00:02.310 --> 00:00:04.577
<v Jeevan Rajaratnam>Morning Gelai, can you hear me OK?</v>

2
00:00:13.278 --> 00:00:16.678
<v Maria Angelica Santos>Yes Sir J, good morning. Thanks for making time.</v>

3
00:00:17.178 --> 00:00:24.378
<v Jeevan Rajaratnam>Bring Kelvin a proposal before he asks for one.</v>

4
00:00:25.178 --> 00:00:28.378
<v Maria Angelica Santos>I will draft it this week.</v>
"""


def test_honorifics_notes_nicknames_dates_and_forwards(desk, tmp_path):
    desk.relationships.profile.update(name="Gelai Santos")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "2025-02-08 Kuya Ben - MBA or stay.md": KUYA, "after dinner at Tita Des.txt": TITA,
        "WhatsApp Chat with Sir Mark.txt": CHAT, "Fwd_ Fwd_ Good catching up.txt": FORWARDED,
        "Recap - Gelai x Jeevan.txt": RECAP, "IMG_4471_ocr.txt": OCR, "Voice 260124_213355.txt": VOICE,
        "Gelai _ Jeevan monthly 1_1-20250304_100212-Meeting Transcript.vtt": VTT})
    meetings, reviews = placements(desk.relationships)
    assert reviews == {}
    assert meetings == {
        "2025-02-08 Kuya Ben - MBA or stay.md": ("Benjamin Cruz", "2025-02-08"),  # not a new person "Kuya Ben"
        "after dinner at Tita Des.txt": ("Lourdes Bautista-Koh", "2026-03-29"),  # last night's dinner
        "WhatsApp Chat with Sir Mark.txt": ("Mark Anthony Villanueva", "2025-01-18"),  # the Saturday it arranged
        "Fwd_ Fwd_ Good catching up.txt": ("Mark Tan Kok Leong", "2026-03-04"),  # the lunch "yesterday"
        "Recap - Gelai x Jeevan.txt": ("Jeevan Rajaratnam", "2025-05-06"),  # 05/06 was a Tuesday in May
        "IMG_4471_ocr.txt": ("Nurul Huda Ismail", "2025-06-14"),
        "Voice 260124_213355.txt": ("Benjamin Cruz", "2026-01-24"),
        "Gelai _ Jeevan monthly 1_1-20250304_100212-Meeting Transcript.vtt": ("Jeevan Rajaratnam", "2025-03-04"),
    }
    names = {p.name for p in desk.relationships.people.list()}
    assert not names & {"Kuya Ben", "Gelai notes", "Maria Angelica Santos", "Transcript"}


def test_outlook_printed_to_pdf_and_a_word_form(desk, tmp_path):
    import docx

    pdf = make_pdf([["Maria Angelica Santos", "From:", "Jeevan Rajaratnam <jeevan@lintas.com>", "Sent:",
                     "Friday, October 17, 2025 6:42 PM", "To:", "Maria Angelica Santos <maria@lintas.com>", "Subject:",
                     "RE: Restructuring", "Hi Gelai,", "Good talking yesterday.",
                     "1. Be the first to bring Kelvin a proposal, not the last to react to one.", "Regards,", "Jeevan"]])
    form = docx.Document()
    form.add_heading("Mentoring Programme - Session Record", 1)
    table = form.add_table(rows=3, cols=2)
    for row, (label, value) in zip(table.rows, [("Mentor", "Nurul Huda Ismail"), ("Session no.", "4"),
                                                 ("Date", "17/01/2026")]):
        row.cells[0].text, row.cells[1].text = label, value
    form.add_paragraph("Kak Nurul said to apply even if I meet only 70% of the criteria.")
    saved = io.BytesIO()
    form.save(saved)
    desk.relationships.profile.update(name="Gelai Santos")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"Outlook - RE_ Restructuring.pdf": pdf,
                                                    "session record 4.docx": saved.getvalue()})
    meetings, _ = placements(desk.relationships)
    assert meetings == {"Outlook - RE_ Restructuring.pdf": ("Jeevan Rajaratnam", "2025-10-16"),
                        "session record 4.docx": ("Nurul Huda Ismail", "2026-01-17")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tuesday, 05/06/2025", "2025-05-06"),  # a US-set tool: the weekday says so
    ("05/06/2025", "2025-06-05"),  # day first by default
    ("Sat l4/6/25", "2025-06-14"),  # OCR's l for 1
])
def test_dates_settled_by_a_weekday_or_read_through_ocr_slips(text, expected):
    from ingest.note_meta import find_date

    assert str(find_date(text, day_first=True)) == expected


def test_a_transcript_speaker_with_three_names_and_a_transcription_footer():
    from mentordesk.relationships.extraction import extract_items

    note = "\n".join([
        "Maria Angelica Santos: Yes Sir J, good morning po.",
        "Jeevan Rajaratnam: Bring Kelvin a proposal before he asks for one.",
        "Maria Angelica Santos: Noted po.",
        "Jeevan Rajaratnam: And keep your huddles going, people watch whether the lead still shows up.",
        "Maria Angelica Santos: I will draft the proposal this week.",
        "Edit or share at otter.ai",
    ])
    items = {(i.kind, i.text) for i in extract_items(note, None, "Jeevan Rajaratnam", "Gelai Santos")}
    assert ("advice", "Bring Kelvin a proposal before he asks for one.") in items
    assert ("action", "I will draft the proposal this week.") in items  # her turn, without her name
    assert not any("good morning" in text or "Noted" in text or "otter" in text for _, text in items)
