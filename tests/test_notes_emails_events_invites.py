"""Issue 9, shapes from a stranger's notes (eval/data/notes_wild8 and notes_wild9 dev): an
email the mentor sent to the user, a podcast episode and a meetup talk (not meetings), a
calendar invitation with notes under it, a lower-case "koffie w sander" when the table has
two Sanders, and a notes app's export as a table row. Real ingestion into the store."""

from __future__ import annotations

import pytest

from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Tom Gerhardt,Greater Dayton Health,Director of Financial Planning,mentor,
Inês Gonçalves,Noordkaap Foods,Demand Planning Lead,mentor,
Sander de Wit,DC Botlek,BI Lead,mentor,Notes call him Sander de Wit or Sander dW. Not the same person as Sander Mulder.
Sander Mulder,DC Botlek,Site Manager,mentor,Notes call him Sander Mulder or Sander M.
"""
RECEIVED = """Subject: Re: variance report questions
From: Tom Gerhardt <tgerhardt@example.org>
To: Renee Kaminski <rkaminski@example.org>
Date: Wed, May 14, 2025 at 7:58 AM

Renee,

One more thing I forgot to say: meet with your finance analyst every month even when things look fine.

Tom

On Tue, May 13, 2025 at 4:21 PM Renee Kaminski <rkaminski@example.org> wrote:
> Thank you again for walking me through the variance report this afternoon.
"""
PODCAST = """podcast notes - "Charge to Chair" ep. 41 w/ Kristen Alvarado, MSN
listened on the drive in 7/9/25

- learn to say "I don't know, I'll find out" in front of execs.
"""
MEETUP = """## Meetup: "Your WMS is lying to you"
Supply Chain Analytics Rotterdam · Thu 12 June 2025 · 18:30

Speaker: Joost Verbeek, head of data at FulfilNow. Went with Sander de Wit, he had the tickets.

His tips:
* Start every dashboard with the decision it supports.
"""
INVITE = """Invitation: Forecast review Femke x Inês @ Tue 14 Oct 2025 16:00 - 16:45 (CEST) (f.bakker@example.nl)

Join with Google Meet
meet.google.com/xhq-pzra-tvm

Invitation from Google Calendar
my notes (typed during the call):
* promo weeks must be a separate series, otherwise it looks like we are always wrong
"""
KOFFIE = """ma 7/4/25
koffie w sander after the ops meeting
first check it with the day shift leads otherwise they feel ambushed
"""
EXPORT = ('title,created,body\n"SQL review w/ Sander de Wit",2025-11-25 19:02,"He went through my 3 queries.\n'
          '- always check the row count after every join; if the number goes up you have a duplicate key"\n')


@pytest.fixture
def ingested(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "mdy")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Re_ variance report questions.txt": RECEIVED, "podcast notes.txt": PODCAST,
        "meetup - your WMS is lying.md": MEETUP, "Invitation_ Forecast review.txt": INVITE,
        "notes 7-4.txt": KOFFIE, "notes_export.csv": EXPORT})
    rel = desk.relationships
    meetings, reviews = placements(rel)
    return meetings, reviews, {p.name for p in rel.people.list()}


def test_an_email_from_the_mentor_is_a_meeting_with_the_sender_on_the_day_it_recalls(ingested):
    meetings, _, people = ingested
    assert meetings["Re_ variance report questions.txt"] == ("Tom Gerhardt", "2025-05-13")
    assert "Renee Kaminski" not in people  # the user is never made a mentor of their own


def test_a_podcast_and_a_meetup_talk_wait_for_review_instead_of_naming_someone(ingested):
    meetings, reviews, people = ingested
    assert reviews["podcast notes.txt"] == "no_mentor" and "Kristen Alvarado" not in people
    # Sander de Wit only went along: the talk is not a meeting with him.
    assert reviews["meetup - your WMS is lying.md"] == "no_mentor"
    assert "meetup - your WMS is lying.md" not in meetings


def test_a_calendar_invitation_is_placed_by_its_title_not_by_the_call_app(ingested):
    meetings, _, people = ingested
    assert meetings["Invitation_ Forecast review.txt"] == ("Inês Gonçalves", "2025-10-14")
    assert "Google Meet" not in people


def test_a_lower_case_first_name_two_people_share_is_asked_about(ingested):
    _, reviews, _ = ingested
    assert reviews["notes 7-4.txt"] == "ambiguous_mentor"


def test_a_note_exported_from_a_notes_app_as_a_csv_row_is_a_meeting(ingested, desk):
    meetings, _, _ = ingested
    assert meetings["notes_export.csv"] == ("Sander de Wit", "2025-11-25")
    advice = [a.text for a in desk.relationships.advice.list("Sander de Wit")]
    assert any("row count after every join" in text for text in advice)


def test_a_pdfs_wrapped_lines_are_joined_but_its_list_items_and_short_lines_are_not():
    from ingest.loaders import unwrap_lines

    page = ("Her advice:\n"
            "• Learn to measure forecast error properly before you try to improve anything. MAPE\n"
            "is easy to explain but it punishes low-volume SKUs, so look at weighted MAPE too.\n"
            "• Always split the error in bias and noise. Bias you can fix with a conversation,\n"
            "noise you mostly have to live with.\n"
            "Me:\n"
            "– ask Inês for 6 months of weekly forecast vs actual per SKU (ok if Marloes signs the\n"
            "NDA annex)\n"
            "– read the chapter")
    assert unwrap_lines(page).splitlines() == [
        "Her advice:",
        "• Learn to measure forecast error properly before you try to improve anything. MAPE is easy to explain "
        "but it punishes low-volume SKUs, so look at weighted MAPE too.",
        "• Always split the error in bias and noise. Bias you can fix with a conversation, noise you mostly have "
        "to live with.",
        "Me:",
        "– ask Inês for 6 months of weekly forecast vs actual per SKU (ok if Marloes signs the NDA annex)",
        "– read the chapter"]


def test_in_an_email_from_the_mentor_their_promises_are_not_my_actions(desk):
    from mentordesk.relationships.extraction import extract_items

    email = ("From: Marloes van der Heijden <m@example.nl>\nTo: Femke Bakker <f@example.nl>\n"
             "Subject: Following up on Friday\n\nHi Femke,\n\n"
             "As promised, a short write-up of our chat on Friday.\n\n"
             "1. Apply. Don't wait until you feel ready - nobody in my team was ready.\n\n"
             "And please ask Sander Mulder now whether he would support a move.\n\n"
             "I'll forward the job profile as soon as Lotte has the final version.\n\nMarloes\n")
    classifier = desk.relationships._sentence_classifier  # the real one, over MiniLM
    items = {(i.kind, i.text) for i in extract_items(email, classifier, "Marloes van der Heijden")}
    assert ("advice", "Apply. Don't wait until you feel ready - nobody in my team was ready.") in items
    assert any(kind == "advice" and "ask sander mulder" in text.lower() for kind, text in items)
    assert not any("forward the job profile" in text or "As promised" in text for _, text in items)


def test_an_ai_note_takers_header_footer_and_the_mentors_own_tasks_are_not_items():
    from mentordesk.relationships.extraction import extract_items

    notes = ("📝 Notes\nJul 8, 2025\n\nAttachments Femke / Youssef – portfolio - Notes by Gemini\n\n"
             "Suggested next steps\n"
             "[ ] Youssef El-Amrani will send Femke Bakker a list of SQL window function exercises.\n"
             "[ ] Femke Bakker will practise window functions with the exercises.\n\n"
             "You should review Gemini's notes to make sure they're accurate. Get tips and learn how Gemini takes notes\n"
             "How is the quality of these specific notes? Take a short survey to let us know your feedback.\n")
    items = [(i.kind, i.text) for i in extract_items(notes, None, "Youssef El-Amrani")]
    assert items == [("action", "Femke Bakker will practise window functions with the exercises.")]


GEMINI = """Femke / Youssef – portfolio & python
Jul 8, 2025

Summary
Youssef El-Amrani recommended focusing her portfolio on a small number of finished projects.

Suggested next steps
[ ] Femke Bakker will anonymise the overtime analysis before the next call.
"""


def test_a_prep_puts_reported_advice_to_the_mentor_in_the_second_person(desk, tmp_path):
    """A Gemini summary reports the mentor ("Youssef El-Amrani recommended …"); the prep's
    question is put to Youssef, so it reads "Last time you recommended …", and the rubric
    fails a prep that quotes him about himself."""
    from mentordesk.drafting.rubric import check_draft

    rel = desk.relationships
    rel.profile.update(name="Femke Bakker", role="Shift lead")
    rel.people.add("Youssef El-Amrani", stage="mentor")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "Femke _ Youssef - Notes by Gemini.txt").write_text(GEMINI, encoding="utf-8")
    desk.ingest.ingest_paths([notes], kind="notes")
    draft = desk.drafts.draft("prep", "Youssef El-Amrani")
    assert "Last time you recommended focusing her portfolio on a small number of finished projects" in draft.body
    assert "Youssef El-Amrani recommended" not in draft.body and draft.rubric.get("speaks_to_them").passed
    quoted = draft.body.replace("Last time you recommended focusing",
                                'Last time you said "Youssef El-Amrani recommended focusing')
    result = check_draft(None, quoted, desk.drafts.brief("prep", "Youssef El-Amrani"))
    assert not result.get("speaks_to_them").passed


def test_a_mentors_chat_turn_is_one_piece_of_advice_with_its_reason():
    """People quote counsel with the reason the mentor gave for it, as one piece of advice.
    A turn's opening words and the mentor's own promise stay out of it."""
    from mentordesk.relationships.extraction import extract_items

    chat = ("[04/03/2025, 19:58] Femke: Which one would you take?\n"
            "[04/03/2025, 20:09] Kees: Take number 2. Number 1 makes enemies of your colleagues, and you still "
            "have to work with them on Sunday night.\n"
            "[04/03/2025, 20:11] Femke: ok clear. I was a bit afraid the planners will feel attacked\n"
            "[04/03/2025, 20:14] Kees: They will, a little. So talk to the planner who makes the forecast before "
            "you show anything to anyone. People forgive numbers when they were asked first. I'll send you "
            "my old deck.\n"
            "[04/03/2025, 20:19] Femke: I will send you the one-pager when it's ready, ok?\n")
    advice = [i.text for i in extract_items(chat, None, "Cornelis Brouwer kees") if i.kind == "advice"]
    assert advice == [
        "Take number 2. Number 1 makes enemies of your colleagues, and you still have to work with them on "
        "Sunday night.",
        "Talk to the planner who makes the forecast before you show anything to anyone. People forgive numbers "
        "when they were asked first."]


@pytest.mark.parametrize("line, tasks", [
    ("-> me: apply before the deadline 19/9, talk to Sander M. this week, redo the top of my CV",
     ["apply before the deadline 19/9", "talk to Sander M. this week", "redo the top of my CV"]),
    ("Todo: add row-count checks to query 1 and 3 / ask him about access to the test database / put the queries in git",
     ["add row-count checks to query 1 and 3", "ask him about access to the test database", "put the queries in git"]),
])
def test_several_tasks_on_one_line_become_one_action_each(line, tasks):
    from mentordesk.relationships.extraction import extract_items

    assert [(i.kind, i.text) for i in extract_items(f"Coffee with Sander\n\n{line}\n")] == [("action", t) for t in tasks]


def test_a_slash_inside_a_task_is_not_a_list():
    from mentordesk.relationships.extraction.tasks import split_tasks

    assert split_tasks("make a bias/noise chart for the top 50 SKUs") == ["make a bias/noise chart for the top 50 SKUs"]
    assert split_tasks("Tom / Priya said no") == ["Tom / Priya said no"]


def test_with_the_kind_left_to_detection_a_dated_note_naming_one_person_of_the_table_is_a_note(desk, tmp_path):
    """The app's "Detect" and the CLI's ingest without --kind: "kickoff Marloes.md" and a
    WhatsApp export "with Kees" are notes of those people; a dated note naming someone two
    people of the table could be is a note waiting for review; an article stays a document."""
    table = ("name,company,role,stage,notes\nMarloes van der Heijden,Deltaweg,Head of Planning,primary,\n"
             "Cornelis Brouwer,,retired,mentor,Goes by Kees.\nSander de Wit,,BI lead,mentor,\n"
             "Sander Mulder,,Site manager,mentor,\n")
    (tmp_path / "table.csv").write_text(table, encoding="utf-8")
    desk.relationships.table.import_file(tmp_path / "table.csv")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "kickoff Marloes.md").write_text("# Grow programme kickoff\n21/01/2025\n\n- Pick one project.\n",
                                               encoding="utf-8")
    (folder / "WhatsApp Chat with Kees.txt").write_text(
        "[04/03/2025, 20:09] Kees: Take number 2.\n[04/03/2025, 20:11] Femke: ok clear\n"
        "[04/03/2025, 20:18] Kees: Keep it to one page.\n[04/03/2025, 20:19] Femke: will do\n", encoding="utf-8")
    (folder / "sander notes.txt").write_text("7/4/2025\nkoffie w sander\n- first check it with the day shift leads\n",
                                             encoding="utf-8")
    (folder / "forecasting-article.txt").write_text(
        "Forecast error, explained\n12 March 2025\n\nMost forecast error sits in promotions. Measure bias and "
        "noise apart before you try to improve anything.\n", encoding="utf-8")
    desk.ingest.ingest_paths([folder])
    kinds = {d["source"].rsplit("/", 1)[-1]: d["kind"] for d in desk.documents()}
    assert kinds == {"kickoff Marloes.md": "notes", "WhatsApp Chat with Kees.txt": "notes",
                     "sander notes.txt": "notes", "forecasting-article.txt": "documents"}
    meetings = {(m.person_name, m.date.isoformat()) for m in desk.relationships.meetings.list()}
    assert meetings == {("Marloes van der Heijden", "2025-01-21"), ("Cornelis Brouwer", "2025-03-04")}
    (review,) = desk.relationships.reviews.list()
    assert (review.file_name, review.reason) == ("sander notes.txt", "ambiguous_mentor")
