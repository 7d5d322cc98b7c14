"""Who and when a note is about, wherever the writer put it (issue 9): front matter and its
synonyms, property lines, the title or first line, the file name, a pasted email, a Word
file's own metadata. Pure functions over text."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.frontmatter import FrontMatterError, split_front_matter
from ingest.note_meta import find_date, looks_like_name, note_facts

D = dt.date


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-03", D(2026, 3, 3)), ("20260303", D(2026, 3, 3)), ("3 March 2026", D(2026, 3, 3)),
    ("March 3rd, 2026", D(2026, 3, 3)), ("Tue 9 Sep 2025", D(2025, 9, 9)), ("Sept 9 2025", D(2025, 9, 9)),
    ("05/19/2025", D(2025, 5, 19)), ("19/05/2025", D(2025, 5, 19)), ("14.04.2026", D(2026, 4, 14)),
    ("Tuesday, November 25th, 2025", D(2025, 11, 25)), ("[[2025-10-21]]", D(2025, 10, 21)),
    ("2025-13-45", None), ("next week", None), ("version 2.1.3", None),
])
def test_dates_written_the_usual_ways(text, expected):
    assert find_date(text) == expected


def test_a_date_without_a_year_needs_one_from_elsewhere():
    assert find_date("Coffee with Amara, 3 March") is None
    assert find_date("Coffee with Amara, 3 March", default_year=2026) == D(2026, 3, 3)


@pytest.mark.parametrize(("front", "mentor", "date"), [
    ("with: Amara Okafor\nwhen: 2026-03-03", "Amara Okafor", D(2026, 3, 3)),
    ("person: '[[Tom Becker]]'\ncreated: March 3, 2026 9:15 AM", "Tom Becker", D(2026, 3, 3)),
    ("people: [Priya Raman]\ndate: 2025-01-17", "Priya Raman", D(2025, 1, 17)),
    ("attendees: [me, Hiroshi Tanaka]\nDate: 3 March 2026", "Hiroshi Tanaka", D(2026, 3, 3)),
])
def test_front_matter_synonyms(front, mentor, date):
    meta, body = split_front_matter(f"---\n{front}\n---\nbody\n")
    assert (meta.mentor, meta.date, body) == (mentor, date, "body\n")


def test_front_matter_keys_a_writer_invented_are_read_by_their_words():
    """'chat_with' and 'when_was_it' say who and when; 'next' and 'due_date' are other
    times; an invented key that holds no date is kept, not an error."""
    meta, _ = split_front_matter("---\nchat_with: Dave O.\nnext_date: 25/6/2025\nwhen_was_it: 11/6/2025\n"
                                 "due_date: 2025-07-01\n---\nx")
    assert (meta.mentor, meta.date) == ("Dave O.", D(2025, 6, 11))
    assert set(meta.extra) == {"next_date", "due_date"}
    meta, _ = split_front_matter("---\nmet_on_date: soon\n---\nx")
    assert meta.date is None and meta.extra == {"met_on_date": "soon"}


def test_front_matter_refuses_a_mapping_for_a_name_and_a_date_it_cannot_read():
    with pytest.raises(FrontMatterError, match="mentor must be a name"):
        split_front_matter("---\nmentor: {first: Amara}\n---\nx")
    with pytest.raises(FrontMatterError, match="is not a valid YYYY-MM-DD date"):
        split_front_matter("---\ndate: soon\n---\nx")


def test_property_lines_at_the_top():
    facts = note_facts("Date: January 20, 2026\nAttendees: Tom Becker, me\n\nHer advice:\n- ask\n", "notes")
    assert (facts.mentors, facts.date, facts.mentor_source) == (("Tom Becker",), D(2026, 1, 20), "property")
    facts = note_facts("# Mentoring – Valentina\nMet: [[2025-10-21]] with [[Valentina Rossi]]\n", "x")
    assert (facts.mentors, facts.date) == (("Valentina Rossi",), D(2025, 10, 21))


def test_a_date_further_down_is_not_the_meeting_date():
    facts = note_facts("Some notes\n" + "filler line\n" * 15 + "Next catch-up 14 April 2026\n", "misc")
    assert facts.date is None


@pytest.mark.parametrize(("first_line", "stem", "mentors", "hints", "date"), [
    ("Call with Hiroshi Tanaka, 3 March 2026", "call", ("Hiroshi Tanaka",), (), D(2026, 3, 3)),
    ("Lunch w/ Sam Okoro - Jan 9 2026", "lunch", ("Sam Okoro",), (), D(2026, 1, 9)),
    ("some text", "2025-09-02 Coffee with Amara", ("Amara",), (), D(2025, 9, 2)),
    ("some text", "amara-2025-10-28", (), ("amara",), D(2025, 10, 28)),
    ("some text", "1on1_tanaka_20260303", (), ("tanaka",), D(2026, 3, 3)),
    ("# Mentoring session - Priya", "doc", (), ("Priya", "doc"), None),
])
def test_titles_and_file_names(first_line, stem, mentors, hints, date):
    facts = note_facts(first_line + "\n\nbody text here.", stem)
    assert (facts.mentors, facts.hints, facts.date) == (mentors, hints, date)


def test_a_property_that_is_not_a_person_is_only_a_hint():
    facts = note_facts("Notes from the offsite\nDate: 2025-11-06\nAttendees: eng leads + product leads (~25)\n", "x")
    assert facts.mentors == () and facts.date == D(2025, 11, 6)
    assert not looks_like_name("eng leads") and looks_like_name("Fatima Al-Sayed")
    assert looks_like_name("Ludwig van Beethoven")


def test_a_pasted_email_is_dated_by_the_meeting_it_thanks_for():
    email = ("Date: Wed, 1 Oct 2025 08:47:12 +0100\nFrom: Dani\nTo: Priya Raman\nSubject: Re: thanks!\n\n"
             "Priya -\n\nThanks for the time on Tuesday 30 September, it was what I needed.\n")
    facts = note_facts(email, "Re_ thanks")
    assert (facts.mentors, facts.date) == (("Priya Raman",), D(2025, 9, 30))
    plain = "Sent: Thursday, February 12, 2026 4:02 PM\nTo: Amara Nwosu\nSubject: Thanks\n\nHi Amara,\n\nGreat chat."
    assert note_facts(plain, "x").date == D(2026, 2, 12)


def test_the_document_metadata_is_the_last_resort():
    facts = note_facts("Mentoring session - Sam\n\nbody", "okoro_session", created=D(2025, 12, 2))
    assert (facts.date, facts.date_source) == (D(2025, 12, 2), "metadata")
    stated = note_facts("Date: 2025-11-30\n\nbody", "x", created=D(2025, 12, 2))
    assert stated.date == D(2025, 11, 30)


def test_numeric_dates_follow_the_note_then_the_setting(monkeypatch):
    monkeypatch.delenv("MENTORDESK_DATE_ORDER", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert note_facts("Adeyemi 4/11/25\nstop marking everything\n", "x").date == D(2025, 11, 4)
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "mdy")
    assert note_facts("Adeyemi 4/11/25\nstop marking everything\n", "x").date == D(2025, 4, 11)
    # A date in the note that can only be read one way settles the others.
    assert note_facts("Adeyemi 4/11/25\nnext one 20/11/25\n", "x").date == D(2025, 11, 4)


def test_an_email_thread_is_dated_by_its_first_message():
    thread = ("Re: Phil\n\nKobby <k@x.org>\nWed, 11 Feb 2026, 21:18\nto Helen\n\nthanks, this is gold.\n\n"
              "On Wed, 11 Feb 2026 at 07:15, Helen Park <h@x.org> wrote:\n> Morning Kobby,\n>\n"
              "> Following up on yesterday's session as promised:\n> Talk to him before you talk about him.\n")
    facts = note_facts(thread, "gmail-helen-phil")
    assert facts.date == D(2026, 2, 10) and "Helen Park" in facts.hints


def test_a_next_meeting_line_at_the_top_is_not_the_date():
    assert note_facts("Chat with Tom\nNext catch-up: 14 April 2026\nhe said to slow down\n", "x").date is None


def test_names_as_people_type_them_match_the_table():
    from mentordesk.relationships.lookup import match_note_hint, match_note_name
    from store.tables import Person

    people = [Person(id=1, name="Søren Kjær"), Person(id=2, name="Katarzyna Wiśniewska"),
              Person(id=3, name="Jan-Willem de Vries"), Person(id=4, name="Beatriz Oliveira-Santos"),
              Person(id=5, name="Marc Peeters"), Person(id=6, name="Marc Oosterhuis")]
    assert match_note_name(people, "Soren Kjaer").person.id == 1
    assert match_note_name(people, "Katarzyna Wisniewska").person.id == 2
    assert match_note_hint(people, "jan willem").person.id == 3
    assert match_note_name(people, "Bea").person.id == 4  # the start of one first name
    marc = match_note_name(people, "Marc")
    assert marc.person is None and {p.id for p in marc.candidates} == {5, 6}
    assert match_note_name(people, "Mar").person is None  # a month, not a nickname


def test_a_table_name_with_a_title_matches_notes_that_leave_it_out():
    """A sheet lists "Dr. Amara Okonkwo"; notes say "Amara Okonkwo", "Amara", "Dr Okonkwo" or
    "AO". Each is her: before, the full name without the title placed the note with a new
    person of the same name."""
    from mentordesk.relationships.lookup import match_note_name
    from store.tables import Person

    people = [Person(id=1, name="Dr. Amara Okonkwo"), Person(id=2, name="Prof Lin Wei"), Person(id=3, name="Tom Becker")]
    for written in ("Dr. Amara Okonkwo", "Amara Okonkwo", "Amara", "Dr Okonkwo", "Okonkwo", "AO"):
        assert match_note_name(people, written).person.id == 1, written
    assert match_note_name(people, "Lin Wei").person.id == 2


def test_everyday_shapes_of_who_and_when():
    daily = note_facts("---\ntags: [daily]\n---\n# Tuesday\n\n## Today\n- [ ] gym\n\n## 11:00 Bea (career services)\n"
                       "- she said to wait\n", "2025-09-23")
    assert "Bea" in daily.hints and daily.date == dt.date(2025, 9, 23)
    memo = note_facts("Recording_20251021_1705.m4a\n\nok so notes from the call with jan willem just now um so",
                      "Recording_20251021_1705")
    assert "jan willem" in memo.hints
    assert note_facts("- call with [[Soren Kjaer]]", "2025_11_06").date == dt.date(2025, 11, 6)
    to_self = note_facts("From: Lies V <l@uu.nl>\nTo: Lies V <l@uu.nl>\nDate: Fri, 17 Oct 2025 18:42:10 +0200\n"
                         "Subject: notes coffee Marc Oosterhuis (Booking)\n\nHi me,\n", "email_marc_coffee")
    assert not to_self.mentors and "Marc Oosterhuis" in to_self.hints and "Lies V" not in to_self.hints
    helene = note_facts("Hélène called back.\n\nOutcome: they took someone with Delft3D experience.\n", "x")
    assert "Delft3D" not in helene.mentors
    assert note_facts("Session 2 with Bea. Brought the list.\n", "s2").mentors == ("Bea",)


def test_a_talks_speakers_are_its_only_candidates():
    text = ("## Webinar: Breaking into UX research – 5 Nov 2025\n\nOnline. Speakers: Hannah Kwok (Lead Researcher, "
            "Lumenpay) and Rob Mensah (freelance). Dee posted the link in the cohort Slack.\n\n- Show your process\n")
    facts = note_facts(text, "webinar_breaking_into_uxr")
    assert facts.hints == ("Hannah Kwok", "Rob Mensah")


def test_a_first_line_typed_in_lower_case_is_a_hint_last():
    facts = note_facts("3.12.25 sean on zoom, typing this on the bus\n\n- he sez the portfolio is nearly there\n",
                       "bus notes")
    assert facts.hints[-1] == "3.12.25 sean on zoom, typing this on the bus"
    assert facts.date == dt.date(2025, 12, 3)


FORWARD = """From: Becca Hollis <becca@work.example>
Sent: Friday, 2 May 2025 07:12
To: becca.joinery@gmail.com
Subject: FW: feedback

{cover}

________________________________
From: Dave Okafor <dave@work.example>
Sent: Tuesday, 8 April 2025 17:48
To: Becca Hollis <becca@work.example>
Subject: feedback

Good to catch up yesterday. Lead with numbers next time.
"""


def test_an_email_forwarded_to_oneself_is_the_message_it_forwards():
    """Forwarded from work to the user's own gmail "for the mentoring folder": the note is
    Dave's message (his name, the day before he wrote it), not the forward (2 May)."""
    facts = note_facts(FORWARD.format(cover="for the mentoring folder. still need to redo the CV"), "FW_ feedback",
                       day_first=True)
    assert "Dave Okafor" in facts.mentors + facts.hints and facts.date == D(2025, 4, 7)


def test_a_forward_with_the_users_own_notes_on_top_is_their_note():
    facts = note_facts(FORWARD.format(cover="notes from lunch w Dave yesterday:\n- lead with numbers"), "Fwd lunch",
                       day_first=True)
    assert facts.date == D(2025, 5, 1)


def test_a_journals_entries_take_their_month_and_year_from_above_or_from_the_weekday():
    from ingest.note_meta import journal_entries

    weekly = "w/c 3 Nov\n\nMon 3rd\nfirst day of the course\n\n## Weds 5th\ncoffee with Siobhan\n\nnot a heading: 7th\n"
    assert [d for d, _ in journal_entries(weekly, "SMSTS week - journal", today=D(2026, 12, 7))] == [
        D(2025, 11, 3), D(2025, 11, 5)]  # 5 Nov was a Wednesday in 2025, not in 2026
    monthly = "# January\n**Sun 12th**\nfootball\n**Tues 14th**\nhad a half with my union rep\n"
    assert journal_entries(monthly, "Jan 2025 journal")[1] == (D(2025, 1, 14), "had a half with my union rep")
    assert journal_entries("Tues 14th\nonly one entry\n", "Jan 2025 journal") == []
