"""A folder of notes as a new user has them (issue 9), end to end with the real MiniLM model
and its sentence classifier: Markdown without front matter, a .txt whose first line says
who and when, a Word file with heading and list styles, a PDF with label lines, and notes
that cannot be placed. Checks the meetings, the advice ledger, the review list and its
choices across re-ingests, an extractor upgrade that keeps hand-set state, and a prep
draft that asks about the open actions."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from mentordesk.relationships import notes_sync
from store.errors import UserError
from tests.helpers import make_pdf

D = dt.date
TABLE = """Full Name,Organisation,Who can intro?,Warm/Cold,Status
Amara Nwosu,Lattice Health,,warm,primary
Hiroshi Tanaka,Kairo Systems,Priya Raman,warm,mentor
Sam Okoro,Studio Baobab,,cold,mentor
Sam Lindqvist,Nordlys Capital,,cold,meeting
"""
COFFEE = """ramen place near her office. she was buzzing about the keynote.

talked about my first quarter as a lead. she suggested I write down what success looks like before the \
next session. her view is that a new lead should say no to one thing in the first month.

I asked if I should drop my on-call shifts. she said to keep them for six months.

Next steps for me: send her the goals doc, book monthly slots and ask Marco about onboarding.
She'll send me the manager-readiness checklist.
"""
CALL = """Call with Tanaka, 3 March 2026

We talked about the on-call redesign. He recommended splitting the rotation by service ownership. \
"Measure toil in hours, not in tickets," he said.

I promised to draft the ownership map for the three teams.
"""
OFFSITE = """Notes from the leadership offsite
Attendees: eng leads + product leads

Takeaways -
1) Give feedback within 48 hours.
2) Separate the observation from the interpretation.
"""
SAM = """Coffee with Sam, 9 January 2026

He thinks engineers apologise too much in demos. I'll record myself doing the intro.
"""


def docx_note() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Mentoring session - Sam Okoro", level=1)
    document.add_paragraph("We looked at my portfolio before the panel.")
    document.add_heading("His advice", level=2)
    document.add_paragraph("Lead with the outcome, then the process.", style="List Bullet")
    document.add_paragraph("Cut the case studies to three.", style="List Bullet")
    document.add_heading("Next steps", level=2)
    document.add_paragraph("Rewrite the intro slide", style="List Number")
    document.core_properties.created = dt.datetime(2025, 12, 2, 10, 0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def folder(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "amara-2025-10-28.md").write_text(COFFEE, encoding="utf-8")
    (notes / "tanaka call.txt").write_text(CALL, encoding="utf-8")
    (notes / "offsite.md").write_text(OFFSITE, encoding="utf-8")
    (notes / "sam.txt").write_text(SAM, encoding="utf-8")
    (notes / "okoro_session.docx").write_bytes(docx_note())
    (notes / "amara-notes.pdf").write_bytes(make_pdf([[
        "Mentoring notes - Amara Nwosu - 29 April 2025", "Advice",
        "- Treat feedback as data about how you are seen.", "Action items",
        "- Ask Marco for two examples in our Thursday 1:1"]]))
    (tmp_path / "targets.csv").write_text(TABLE, encoding="utf-8")
    return tmp_path


def ledger(desk, mentor: str) -> set[tuple[str, str]]:
    return {(a.kind, a.text) for a in desk.relationships.advice.list(mentor=mentor)}


def test_a_folder_of_everyday_notes(desk, folder, monkeypatch):
    rel = desk.relationships
    imported = rel.table.import_file(folder / "targets.csv")
    assert imported.ignored_columns == [] and rel.people.get("Hiroshi Tanaka").introducer == "Priya Raman"
    desk.ingest.ingest_paths([folder / "notes"], kind="notes")

    meetings = {(m.person_name, m.date) for m in rel.meetings.list()}
    assert meetings == {("Amara Nwosu", D(2025, 10, 28)), ("Hiroshi Tanaka", D(2026, 3, 3)),
                        ("Sam Okoro", D(2025, 12, 2)), ("Amara Nwosu", D(2025, 4, 29))}
    reviews = {r.file_name: r for r in rel.reviews.list()}
    assert {name: r.reason for name, r in reviews.items()} == {"offsite.md": "no_mentor", "sam.txt": "ambiguous_mentor"}
    assert {name for _, name in reviews["sam.txt"].candidates} == {"Sam Okoro", "Sam Lindqvist"}

    amara = ledger(desk, "Amara Nwosu")
    assert {("advice", "she suggested I write down what success looks like before the next session."),
            ("advice", "her view is that a new lead should say no to one thing in the first month."),
            ("advice", "she said to keep them for six months."),
            ("action", "send her the goals doc"), ("action", "book monthly slots"),
            ("action", "ask Marco about onboarding"),
            ("advice", "Treat feedback as data about how you are seen."),
            ("action", "Ask Marco for two examples in our Thursday 1:1")} <= amara
    assert not any("checklist" in text or "asked if" in text for _, text in amara)
    assert ledger(desk, "Hiroshi Tanaka") >= {
        ("advice", "He recommended splitting the rotation by service ownership."),
        ("action", "I promised to draft the ownership map for the three teams.")}
    assert ledger(desk, "Sam Okoro") == {("advice", "Lead with the outcome, then the process."),
                                         ("advice", "Cut the case studies to three."),
                                         ("action", "Rewrite the intro slide")}
    # Search knows the notes under the table's names, also those placed by a hint alone.
    from vectorstore.filters import SearchFilter, mentor_key

    def found(query: str, mentor: str) -> set[str]:
        hits = desk.index.search(query, 5, SearchFilter(mentors=(mentor_key(mentor),)))
        return {h.source.rsplit("/", 1)[-1] for h in hits}

    assert "amara-2025-10-28.md" in found("what success looks like", "Amara Nwosu")  # file name says "amara"
    assert "tanaka call.txt" in found("rotation by service ownership", "Hiroshi Tanaka")  # "Call with Tanaka"
    quote = next(a for a in rel.advice.list(mentor="Amara Nwosu") if a.text == "book monthly slots")
    assert quote.quote.startswith("Next steps for me: send her the goals doc")

    # Settle the review list: one choice each; the choices survive re-ingesting changed files.
    rel.reviews.settle(reviews["sam.txt"].id, person="Sam Lindqvist")
    rel.reviews.settle(reviews["offsite.md"].id, dismiss=True)
    assert rel.reviews.list() == []
    (folder / "notes" / "sam.txt").write_text(SAM + "Also: book the next coffee.\n", encoding="utf-8")
    (folder / "notes" / "offsite.md").write_text(OFFSITE + "3) Praise in public.\n", encoding="utf-8")
    desk.ingest.ingest_paths([folder / "notes"], kind="notes")
    assert rel.reviews.list() == []
    assert ("Sam Lindqvist", D(2026, 1, 9)) in {(m.person_name, m.date) for m in rel.meetings.list()}
    assert "sam.txt" in found("apologise too much in demos", "Sam Lindqvist")  # the choice reached search
    assert len(rel.meetings.list()) == 5  # the offsite stayed "not a meeting"

    # Hand-set state survives an extractor upgrade, which re-extracts every note.
    action = next(a for a in rel.advice.list(mentor="Amara Nwosu") if a.text == "book monthly slots")
    rel.advice.set_done(action.id)
    advice = next(a for a in rel.advice.list(mentor="Hiroshi Tanaka") if a.kind == "advice")
    rel.advice.set_outcome(advice.id, "worked")
    monkeypatch.setattr(notes_sync, "EXTRACTOR_VERSION", "test-upgrade")
    report = desk.ingest.ingest_paths([folder / "notes"], kind="notes")
    assert report.unchanged and rel.notes_sync.last_report.meetings_updated == 5
    assert next(a for a in rel.advice.list(mentor="Amara Nwosu") if a.text == "book monthly slots").done
    assert next(a for a in rel.advice.list(mentor="Hiroshi Tanaka") if a.id == advice.id).outcome == "worked"

    # The prep for the next meeting with Amara asks about what is still open from the last one.
    rel.profile.update(name="Dani Costa", role="Senior Engineer")
    prep = desk.drafts.draft("prep", "Amara Nwosu")
    assert "Ask Marco for two examples" in prep.body or "send her the goals doc" in prep.body, prep.body
    # A title that only labels the meeting is not read back to the mentor as its topic.
    followup = desk.drafts.draft("followup", "Hiroshi Tanaka")
    assert "Call with Tanaka" not in followup.body and "Thank you for making the time on 3 March" in followup.body
    assert "splitting the rotation by service ownership" in followup.body  # the advice itself


def waiting_note(desk, tmp_path, name: str, text: str):
    """Ingest one note in a folder of its own; it must end up alone in the review list."""
    notes = tmp_path / "n"
    notes.mkdir()
    (notes / name).write_text(text)
    desk.ingest.ingest_paths([notes], kind="notes")
    [waiting] = desk.relationships.reviews.list()
    return waiting


def test_a_note_that_names_no_one_in_the_table_waits_for_review_until_the_table_has_them(desk, tmp_path):
    waiting = waiting_note(desk, tmp_path, "1on1_tanaka_20260303.md", "- keep the doc short\n\nTo do:\n- send the deck\n")
    assert waiting.reason == "no_mentor" and "'tanaka'" in waiting.detail
    desk.relationships.people.add("Hiroshi Tanaka")  # the note is placed at once
    assert desk.relationships.reviews.list() == []
    [meeting] = desk.relationships.meetings.list()
    assert (meeting.person_name, meeting.date) == ("Hiroshi Tanaka", D(2026, 3, 3))


def test_settling_needs_the_missing_fact(desk, tmp_path):
    from store.errors import UserError

    waiting = waiting_note(desk, tmp_path, "valentina-pricing.md",
                           "---\nwith: Valentina Rossi\n---\n## Her advice\n- Price the outcome.\n")
    assert waiting.reason == "no_date"
    with pytest.raises(UserError, match="choose a person"):
        desk.relationships.reviews.settle(waiting.id)
    desk.relationships.people.add("Valentina Rossi", company="Orbita")
    with pytest.raises(UserError, match="has no date; give one with --date"):
        desk.relationships.reviews.settle(waiting.id, person="Valentina Rossi")
    with pytest.raises(UserError, match="no note waiting for review with id 999"):
        desk.relationships.reviews.settle(999, dismiss=True)
    desk.relationships.reviews.settle(waiting.id, date=D(2025, 11, 4))
    [meeting] = desk.relationships.meetings.list()
    assert (meeting.person_name, meeting.date, meeting.advice) == ("Valentina Rossi", D(2025, 11, 4), 1)


def test_a_stranger_named_in_the_title_waits_for_review_and_is_added_with_one_choice(desk, tmp_path):
    """With a tracking table, a full name read from a note's title that no one there has (a
    stranger met once) is not added by itself: the note waits, suggesting the name, and
    "add them" places it. A name typed as the mentor (front matter) is still added."""
    desk.relationships.people.add("Bernadette Nwosu", stage="primary")
    waiting = waiting_note(desk, tmp_path, "Lorna - WiC coffee.txt",
                           "Thurs 12th June 2025 - coffee w/ Lorna Baptiste\n\n- get on the mentoring list yourself\n")
    assert (waiting.reason, waiting.suggested_name) == ("no_mentor", "Lorna Baptiste")
    assert [p.name for p in desk.relationships.people.list()] == ["Bernadette Nwosu"]
    with pytest.raises(UserError, match="new person goes alone"):
        desk.relationships.reviews.settle(waiting.id, person="Bernadette Nwosu", new_person="Lorna Baptiste")
    desk.relationships.reviews.settle(waiting.id, new_person="Lorna Baptiste")
    [meeting] = desk.relationships.meetings.list()
    assert (meeting.person_name, meeting.date, meeting.advice) == ("Lorna Baptiste", D(2025, 6, 12), 1)

    notes = tmp_path / "more"
    notes.mkdir()
    (notes / "amara.md").write_text("---\nmentor: Amara Nwosu\ndate: 2025-07-01\n---\n- Ask for the budget.\n")
    desk.ingest.ingest_paths([notes], kind="notes")
    assert desk.relationships.reviews.list() == []
    assert {m.person_name for m in desk.relationships.meetings.list()} == {"Lorna Baptiste", "Amara Nwosu"}
