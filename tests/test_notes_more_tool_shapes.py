"""Issue 9: shapes found on notes_wild19's dev split (Wellington) and notes_wild20's dev
split (Johannesburg), none of them written for this code: a Zoom meeting's saved chat, a
Rev transcript with unnamed speakers, a Todoist project CSV, Telegram's formatted
messages, a Discord export's nicknames, a Confluence table, a Reminders list, a Notion
database row with two text columns, Apple Mail's .emlx, a Standard Notes backup named
.txt, and the names and dates such notes carry ("PvdW", "Oom G", "Thursday the 28th",
"11-06" in a file name, a chat stamped 2025/04/15)."""

from __future__ import annotations

import datetime as dt
import json

from ingest.loaders import load_bytes
from ingest.note_meta import note_facts
from mentordesk.relationships.extraction import extract_items
from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Priya Raman,Raman Lau Architects,Director,mentor,
Robert Millar,Millar Landscapes,Owner,mentor,Dusty - I only ever call him Dusty.
Anahera Wiremu,Whiria Design,Advisor,mentor,Whaea Anahera.
Graeme Tait,Tait Landscape,Director,primary,My first boss.
Pieter van der Westhuizen,Helios EPC Solutions,Managing Director,mentor,PvdW (nobody can spell the surname).
Gerrit Botha,Retired,Former GM,mentor,"I only ever call him Oom Gerrie (Oom G, or just Oom). My first GM."
Thandi Mokoena,Khanyisa Renewables,Head of BD,primary,Thandi M in my notes.
Thandi Nkosi,Umoya Infrastructure Fund,Investment Director,mentor,Thandi N / Thandi from Umoya.
"""

ZOOM_CHAT = """18:02:11 From Priya Raman to Everyone:
\tHi! Sorry, camera's being weird
18:31:55 From Priya Raman to Everyone:
\tPasting the stuff I said so you've got it in writing
18:32:20 From Priya Raman to Everyone:
\t1. Read your employment agreement tonight for restraint of trade. Know exactly what it says.
18:32:41 From Priya Raman to Everyone:
\t2. Don't take a single file. Not a CAD block, not a template, nothing. Start clean.
18:35:14 From Sophie Whitcombe to Everyone:
\tok my list:
\t- read the agreement tonight
\t- send you my draft letter before the 30th
18:35:40 From Sophie Whitcombe to Everyone:
\tif I hand it in on Mon 30 June my last day is Fri 25 July 2025. terrifying
"""

REV = """Paekak walkthrough.m4a

This transcript was exported on Sep 3, 2025 - view latest version here.


Speaker 1 (00:00:00):
Right, is it recording? It's Thursday the 28th, we're at the Henderson place. Cheers for coming out, Dusty.

Speaker 2 (00:00:14):
No worries. Beats doing GST.

Speaker 1 (00:00:17):
So this is the bank I was telling you about.

Speaker 2 (00:00:29):
That's over a metre and a half. Don't draw it yourself and hope. Put a provisional sum in for the wall.

Speaker 1 (00:00:43):
I'll ring Calder Pryce on Monday about the wall.
"""

TODOIST = """TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE
task,Invoice Newtown School BOT for Oct,,2,1,Sophie (48213377),,20/11/2025,en,Pacific/Auckland
,,,,,,,,,
section,Whaea Anahera 25/11 – concept review at the kura,,,,,,,,
task,What A. said,kept these as tasks,4,1,Sophie (48213377),,,,
task,The stream is the spine of the design - everything else hangs off it,,4,2,Sophie (48213377),,,,
task,My actions,,4,1,Sophie (48213377),,,,
task,Send Sela the revised concept + the kupu list,,1,2,Sophie (48213377),,28/11/2025,en,Pacific/Auckland
note,"done 27/11 – sent both",,,,Sophie (48213377),,,,
task,Move the pou back to the stream edge on the plan,,2,2,Sophie (48213377),,26/11/2025,en,Pacific/Auckland
"""

CHAT_ISO_STAMPS = """2025/04/09, 19:21 - Lerato: Hi Thandi, Thandi Mokoena passed on your number.
2025/04/09, 20:02 - Thandi N Umoya: Happy to. Coffee next Tues 15th, 7am at Post in Parkhurst?
2025/04/09, 20:03 - Lerato: Perfect, see you then
2025/04/15, 12:47 - Lerato: Thank you for this morning!! Writing down your list before I lose it:
1) learn to read a financial model before anything else
2) always ask "who carries this risk and are they paid for it"
2025/04/15, 12:55 - Thandi N Umoya: Add one: don't trust a P50 number that nobody has challenged.
"""


def test_notes_from_these_tools_become_meetings_of_the_right_person(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Sophie Whitcombe")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Zoom chat 11-06 Priya.txt": ZOOM_CHAT,
        "rev-transcript-Paekak-walkthrough.txt": REV,
        "Mentoring [Todoist].csv": TODOIST,
        "WhatsApp Chat with Thandi N Umoya.txt": CHAT_ISO_STAMPS,
        "pvdw notes sept 2025.txt": "Who: PvdW (Helios)\nDay: Wed 3/9/2025, his office\n\n"
                                    "He reckons: go back to the 2 best bidders, don't re-tender.\n",
        "Board prep Oom G 13-09-25.md": "Oom G on the stoep.\n\n- One page, one ask.\n",
        "reMarkable - kura hui prep.txt": "Fernline 2025 — page 34\nConverted from handwriting · reMarkable\n\n"
                                          "Newtown School - hui prep\nw/ Whaea Anahera, her place Otaki\nThu 9/10\n\n"
                                          "- Listen first, draw later.\n",
    })
    meetings, reviews = placements(desk.relationships)
    # "11-06" in the file name; the year from the note's own "Fri 25 July 2025"
    assert meetings["Zoom chat 11-06 Priya.txt"] == ("Priya Raman", "2025-06-11")
    # "Cheers for coming out, Dusty" names the person met; "Thursday the 28th" before the export
    assert meetings["rev-transcript-Paekak-walkthrough.txt"] == ("Robert Millar", "2025-08-28")
    # the section heading "Whaea Anahera 25/11"; the due dates are not the meeting
    assert meetings["Mentoring [Todoist].csv"] == ("Anahera Wiremu", "2025-11-25")
    # arranged "next Tues 15th", thanked "for this morning" that day; "Thandi N Umoya" is Thandi Nkosi
    assert meetings["WhatsApp Chat with Thandi N Umoya.txt"] == ("Thandi Nkosi", "2025-04-15")
    assert meetings["pvdw notes sept 2025.txt"] == ("Pieter van der Westhuizen", "2025-09-03")
    assert meetings["Board prep Oom G 13-09-25.md"] == ("Gerrit Botha", "2025-09-13")
    assert meetings["reMarkable - kura hui prep.txt"] == ("Anahera Wiremu", "2025-10-09")
    assert not reviews


def test_a_meeting_tools_attendee_list_with_a_stranger_goes_to_review(desk, tmp_path):
    desk.relationships.profile.update(name="Sophie Whitcombe")
    webex = ("From: Webex <messenger@webex.com>\nSent: Tuesday, 16 September 2025 10:47 am\nTo: Sophie Whitcombe\n"
             "Subject: Meeting summary: Sophie / Craig\n\nHost: Craig Benton\nAttendees: Craig Benton, Sophie Whitcombe\n\n"
             "Craig advised Sophie to price Stage 2 as a fixed fee.\n")
    mine = "Mentor: Jo Kingi\nDate: 2025-09-20\n\n- Join the regional branch.\n"
    ingest_notes_with_table(desk, tmp_path, TABLE, {"Webex summary.txt": webex, "Jo.md": mine})
    meetings, reviews = placements(desk.relationships)
    assert reviews["Webex summary.txt"] == "no_mentor"  # a tool listed him; the user decides
    assert meetings["Jo.md"] == ("Jo Kingi", "2025-09-20")  # the user typed the mentor's name


def test_a_zoom_chat_keeps_the_mentors_points_and_the_users_list_apart():
    items = [(i.kind, i.text) for i in extract_items(ZOOM_CHAT, None, "Priya Raman", "Sophie Whitcombe")]
    assert ("advice", "Read your employment agreement tonight for restraint of trade. Know exactly what it says.") in items
    assert ("advice", "Don't take a single file. Not a CAD block, not a template, nothing. Start clean.") in items
    assert ("action", "send you my draft letter before the 30th") in items
    assert not any("camera" in text or "Pasting" in text for _, text in items)


def test_unnamed_speakers_the_one_who_thanks_the_mentor_by_name_is_the_user():
    items = [(i.kind, i.text) for i in extract_items(REV, None, "Robert Millar", "Sophie Whitcombe")]
    assert ("action", "I'll ring Calder Pryce on Monday about the wall.") in items
    assert any(kind == "advice" and "provisional sum" in text for kind, text in items)
    assert not any(kind == "advice" and "Calder" in text for kind, text in items)


def test_a_todoist_export_reads_as_its_outline_with_ticks_from_comments():
    text = load_bytes("Mentoring [Todoist].csv", TODOIST.encode()).text
    assert "## Whaea Anahera 25/11 – concept review at the kura" in text
    assert "    - The stream is the spine of the design - everything else hangs off it" in text
    assert "- [x] Send Sela the revised concept + the kupu list" in text
    items = {(i.kind, i.text.split(" (due")[0], i.done) for i in extract_items(text, None, "Anahera Wiremu")}
    assert ("advice", "The stream is the spine of the design - everything else hangs off it", False) in items
    assert ("action", "Move the pou back to the stream edge on the plan", False) in items


def test_telegram_formatted_text_and_discord_nicknames_are_read():
    telegram = {"name": "Priya Raman", "messages": [
        {"id": 1, "type": "message", "date": "2026-02-19T19:53:10", "from": "Priya Raman",
         "text": [{"type": "bold", "text": "Ok as promised, the list"},
                  "\n- Day one: no CAD. Coffee, the site, the why.\n- Book a fortnightly 1:1 and never cancel it."]},
        {"id": 2, "type": "message", "date": "2026-02-19T20:04:00", "from": "Sophie Whitcombe", "text": "Thank you!"}]}
    text = load_bytes("result.json", json.dumps(telegram).encode()).text
    assert "Priya Raman: Ok as promised, the list\n- Day one: no CAD." in text
    discord = {"messages": [
        {"timestamp": "2025-10-13T19:40:00+00:00", "content": "The gist:\n- Say yes to one studio, not two.",
         "author": {"name": "doc.lockhart", "nickname": "Hamish"}},
        {"timestamp": "2025-10-13T20:15:00+00:00", "content": "My list:\n1. email Vic",
         "author": {"name": "sophie.fernline", "nickname": "Sophie"}}]}
    text = load_bytes("dm.json", json.dumps(discord).encode()).text
    assert "Hamish: The gist:\n- Say yes to one studio, not two." in text


def test_a_web_page_table_and_a_database_rows_text_columns_keep_their_headers():
    html = ("<html><body><h2>Discussion items</h2><table><tr><th>Item</th><th>Who</th><th>Notes</th></tr>"
            "<tr><td>Fees</td><td>Fiona</td><td>Don't undercut to get in. Council remembers your first rate.</td></tr>"
            "</table><p>Document generated by Confluence on Jul 24, 2025 16:52</p></body></html>")
    text = load_bytes("page.html", html.encode()).text
    assert "| Fees | Fiona | Don't undercut to get in. Council remembers your first rate. |" in text
    items = [(i.kind, i.text) for i in extract_items(text, None, "Fiona Tuala")]
    assert ("advice", "Don't undercut to get in.") in items
    assert not any("Confluence" in t for _, t in items)
    row = ('Name,Date,What Fi said,My actions\n"Business plan v1 - rip it apart","April 15, 2025",'
           '"Go limited company from day one.\nPut 25% of every invoice into a tax account.","☐ Redo cash flow\n✅ Open a tax account"\n')
    text = load_bytes("log.csv", row.encode()).text
    assert "What Fi said:\n- Go limited company from day one.\n- Put 25% of every invoice into a tax account." in text
    items = {(i.kind, i.text, i.done) for i in extract_items(text, None, "Fiona Marsden")}
    assert ("advice", "Go limited company from day one.", False) in items
    assert ("action", "Open a tax account", True) in items
    assert not any(text.startswith(("Name", "Business plan")) for _, text, _ in items)


def test_a_reminders_list_and_a_story_that_leads_into_her_points():
    reminders = ("○ Fiona says don't list every project just the three most like theirs\n"
                 "○ Ask tama to proofread on Sunday\n● Email Ruth about the joint methodology section by Monday\n")
    items = {(i.kind, i.text, i.done) for i in extract_items(reminders, None, None, "Sophie Whitcombe")}
    assert ("action", "Email Ruth about the joint methodology section by Monday", True) in items
    assert ("advice", "Fiona says don't list every project just the three most like theirs", False) in items
    entry = ("Yesterday - coffee with Fi M. at the Willis St place. She was brilliant, zero sugar-coating:\n\n"
             "* Chase it in writing today, with a date in it. Then ring them.\n"
             "* From now on, 30% deposit before you start any residential job.\n")
    kinds = {i.text: i.kind for i in extract_items(entry, None, "Fiona Marsden", "Sophie Whitcombe")}
    assert kinds["Chase it in writing today, with a date in it. Then ring them."] == "advice"
    assert kinds["From now on, 30% deposit before you start any residential job."] == "advice"


def test_apple_mail_and_a_standard_notes_backup_named_txt_are_read():
    eml = (b"Subject: Thanks for yesterday\nFrom: Lerato <lerato@example.com>\nTo: Pieter <pieter@example.com>\n"
           b"Date: Wed, 26 Mar 2025 07:12:44 +0200\nContent-Type: text/plain; charset=utf-8\n\nHi Pieter, thanks.\n")
    emlx = str(len(eml)).encode() + b"\n" + eml + b"<?xml version=\"1.0\"?><plist><dict/></plist>"
    text = load_bytes("48213.emlx", emlx).text
    assert "Subject: Thanks for yesterday" in text and "Hi Pieter, thanks." in text and "plist" not in text
    backup = {"version": "004", "items": [{"content_type": "Note", "created_at": "2026-06-20T10:00:00.000Z",
                                           "content": {"title": "Oom G – Marula", "text": "- His view: trust wins."}}]}
    text = load_bytes("Standard Notes Backup and Import File.txt", json.dumps(backup).encode()).text
    assert text.startswith("# Oom G – Marula") and "His view: trust wins." in text
    assert load_bytes("plain.txt", b"{not json, just a brace}").text == "{not json, just a brace}"


def test_a_printed_thread_thanking_for_tonight_is_that_days_meeting():
    printed = ("Gmail - Board dry run\n3 messages\nLerato <lerato@example.com>\n Thu, 16 Oct 2025 at 19:58\n"
               "To: Thandi Mokoena <thandi@example.com>\nThandi thank you SO much for tonight.\n"
               "Thandi Mokoena <thandi@example.com>\n Fri, 17 Oct 2025 at 06:41\nTo: Lerato <lerato@example.com>\n"
               "My three things while they're fresh: cut slide 4.\n")
    facts = note_facts(printed, "Gmail - Board dry run", day_first=True)
    assert facts.date == dt.date(2025, 10, 16)


def test_a_textbundle_a_page_header_a_filled_down_log_and_a_forum(desk, tmp_path, monkeypatch):
    import io

    import docx
    import openpyxl

    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Lerato Dlamini-Pretorius")
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Mentoring – PvdW – 11 March 2026"
    document.add_paragraph("Keep the delay LDs high enough to bite.")
    word = io.BytesIO()
    document.save(word)
    book = openpyxl.Workbook()
    book.active.append(["Date", "From", "Type", "Note"])
    book.active.append([dt.datetime(2025, 9, 13), "Oom G", "advice", "One page, one ask."])
    book.active.append([None, "Oom G", "advice", "Pre-wire every NED who has an opinion."])
    sheet = io.BytesIO()
    book.save(sheet)
    forum = docx.Document()
    forum.add_paragraph("C&I Energy Forum – breakfast")
    forum.add_paragraph("Thu 5 June 2025, Sandton. Went alone – Thandi M was supposed to come but had a bid deadline.")
    breakfast = io.BytesIO()
    forum.save(breakfast)
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "term sheet.docx": word.getvalue(), "Board prep Oom G.xlsx": sheet.getvalue(),
        "C&I breakfast notes.docx": breakfast.getvalue()})
    bundle = tmp_path / "notes" / "Farah - Lumen offer.textbundle"  # a folder, as Bear exports it
    bundle.mkdir()
    (bundle / "text.md").write_text("# Thandi M 4/12 – the Lumen offer\n\n- Never accept on the call.\n", encoding="utf-8")
    (bundle / "info.json").write_text(json.dumps({"net.shinyfrog.bear": {"creationDate": "2025-12-04T18:31:07Z"}}))
    report = desk.ingest.ingest_paths([tmp_path / "notes"], kind="notes")
    assert not report.skipped
    meetings, reviews = placements(desk.relationships)
    assert meetings["term sheet.docx"] == ("Pieter van der Westhuizen", "2026-03-11")  # the page header
    assert meetings["Board prep Oom G.xlsx"] == ("Gerrit Botha", "2025-09-13")  # the date typed once, on row one
    assert meetings["Farah - Lumen offer.textbundle"] == ("Thandi Mokoena", "2025-12-04")
    assert reviews["C&I breakfast notes.docx"] == "no_mentor"  # a forum; Thandi M did not come
    again = desk.ingest.ingest_paths([bundle], kind="notes")  # the bundle named on its own: still one note
    assert not again.skipped and placements(desk.relationships)[0]["Farah - Lumen offer.textbundle"][0] == "Thandi Mokoena"


def test_html_typed_in_markdown_and_a_speaker_known_by_initials():
    text = load_bytes("tips.md", b"1. <b>Sources &amp; uses</b> first\n- Never present a model you didn't break"
                                 b"<br>(she said it twice)\n").text
    assert text.startswith("1. Sources & uses first\n- Never present a model you didn't break\n(she said it twice)")
    otter = ("Lerato Dlamini-Pretorius  0:02\nOkay, it's recording.\n\nPvdW  0:08\nNo, it's fine. So, the engineer?\n\n"
             "Lerato Dlamini-Pretorius  0:14\nJa. Riaan says I can hire one more person.\n\n"
             "PvdW  0:24\nHire the grid engineer before you hire a second analyst.\n\n"
             "Lerato Dlamini-Pretorius  0:40\nI'll ask HR to open the grid engineer req this week.\n")
    items = {(i.kind, i.text) for i in extract_items(otter, None, "Pieter van der Westhuizen", "Lerato Dlamini-Pretorius")}
    assert ("advice", "Hire the grid engineer before you hire a second analyst.") in items
    assert ("action", "I'll ask HR to open the grid engineer req this week.") in items
    chat = ("2025/04/15, 12:47 - Lerato: Thank you for this morning!! Writing down your list before I lose it:\n"
            "1) always ask \"who carries this risk and are they paid for it\"\n"
            "2) send you the names of the 2 modelling courses I was looking at\n"
            "2025/04/15, 12:55 - Thandi N: Ha you listened!\n2025/04/15, 12:56 - Lerato: Promise.\n")
    kinds = {i.text: i.kind for i in extract_items(chat, None, "Thandi Nkosi", "Lerato Dlamini-Pretorius")}
    assert kinds['always ask "who carries this risk and are they paid for it"'] == "advice"
    assert kinds["send you the names of the 2 modelling courses I was looking at"] == "action"


def test_numbered_sections_her_list_and_answers_under_questions():
    doc = ("## 2. What lenders will go after (her list)\n\n"
           "2.1 Make a DD tracker from day one: every question, owner, date, status.\n\n"
           "2.2 Never answer an LTA question verbally in a meeting.\n\n"
           "## 3. Q&A\n\n3.1 Q: What do I do when counsel marks up the PPA?\n"
           "      A: Don't take it personally, sort the comments into price, risk and noise.\n\n"
           "3.2 Q: Riaan wants to be on every call?\n      A: Let him, but send the minutes yourself.\n\n"
           "## 4. Actions\n\n4.1 Build DD tracker (Excel) before kick-off on 2 March\n\n"
           "7.30 site walk with the LTA\n\n"
           "**Update 24/11:** Hendersons paid!! And the deposit clause is in my terms now too.\n")
    items = {(i.kind, i.text) for i in extract_items(doc, None, "Thandi Nkosi", "Lerato Dlamini-Pretorius")}
    assert ("advice", "Make a DD tracker from day one: every question, owner, date, status.") in items
    assert ("advice", "Never answer an LTA question verbally in a meeting.") in items
    assert ("advice", "Don't take it personally, sort the comments into price, risk and noise.") in items
    assert ("action", "Build DD tracker (Excel) before kick-off on 2 March") in items
    assert not any(text.startswith(("site walk", "Hendersons", "Update")) for _, text in items)


def test_a_mentors_message_introducing_the_points_is_not_one():
    chat = ("[13/10/2025, 19:40] Priya: Pasting the stuff I said so you've got it in writing\n"
            "[13/10/2025, 19:41] Priya: Don't take a single file. Start clean.\n"
            "[13/10/2025, 19:42] Sophie: legend, thank you\n[13/10/2025, 19:43] Sophie: will do\n"
            "[13/10/2025, 19:44] Priya: Good.\n")
    texts = [i.text for i in extract_items(chat, None, "Priya Raman", "Sophie Whitcombe")]
    assert "Don't take a single file. Start clean." in texts
    assert not any(text.startswith("Pasting") for text in texts)


def test_an_older_zoom_chat_on_one_line_and_a_schedule_that_is_no_chat():
    old = ("10:05:21 From  Deb Klein  to  Everyone : Never negotiate against yourself. Wait for their number.\n"
           "10:06:02 From  Gen Lapointe  to  Everyone : merci! I'll send you my draft by Friday\n"
           "10:07:40 From  Deb Klein  to  Me (Direct Message) : And ask for the offer in writing.\n")
    items = {(i.kind, i.text) for i in extract_items(old, None, "Deb Klein", "Gen Lapointe")}
    assert items == {("advice", "Never negotiate against yourself. Wait for their number."),
                     ("action", "I'll send you my draft by Friday"), ("advice", "Ask for the offer in writing.")}
    schedule = "From 9 to 5: client workshop with the board\nFrom 5 to 7: draft the pricing memo for Jo\n"
    assert {i.text for i in extract_items(schedule, None, "Deb Klein")} <= {
        "From 9 to 5: client workshop with the board", "From 5 to 7: draft the pricing memo for Jo",
        "client workshop with the board", "draft the pricing memo for Jo"}


def test_a_his_view_label_inside_a_point_is_not_part_of_the_advice():
    note = "Oom G – Marula\n\n- His view: the client's committee never picks the cheapest alone.\n"
    texts = [i.text for i in extract_items(note, None, "Gerrit Botha")]
    assert "the client's committee never picks the cheapest alone." in texts


def test_a_draft_greets_the_mentor_by_the_name_the_notes_cell_says_they_are_called(desk, tmp_path):
    desk.relationships.profile.update(name="Lerato Dlamini-Pretorius", role="Senior Development Manager")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Oom G 2026-06-20.md": "Lunch with Oom G at Harties.\n\n- His view: trust wins tenders, not price.\n",
        "Thandi N 2026-02-17.md": "Teams call with Thandi N.\n\n## Actions\n- Send Thandi N the LTA scope to check\n"})
    thanks = desk.drafts.draft("thanks", "Gerrit Botha")
    assert thanks.body.startswith(("Hi Oom Gerrie,", "Dear Oom Gerrie,", "Hello Oom Gerrie,"))
    assert "trust wins tenders, not price" in thanks.body and "His view" not in thanks.body
    follow_up = desk.drafts.draft("followup", "Thandi Nkosi")
    assert "Hello Thandi," in follow_up.body or "Hi Thandi," in follow_up.body  # no "goes by" for her: first name
    assert "Send you the LTA scope to check" in follow_up.body and "you N" not in follow_up.body


def test_a_spoken_point_loses_the_filler_it_opens_with():
    otter = ("Lerato Dlamini-Pretorius  0:02\nOkay, it's recording.\n\nPvdW  0:08\nYeah, nah. Look, hire the grid engineer "
             "before you hire a second analyst.\n\nLerato Dlamini-Pretorius  0:40\nActually no, I must speak to Riaan "
             "about the budget first.\n")
    items = {(i.kind, i.text) for i in extract_items(otter, None, "Pieter van der Westhuizen", "Lerato Dlamini-Pretorius")}
    assert ("action", "I must speak to Riaan about the budget first.") in items
    assert ("advice", "Hire the grid engineer before you hire a second analyst.") in items
