"""Notes end to end on the real store and index (MiniLM, Chroma on a temp folder): a notes
folder becomes meetings, people and advice; notes written in the app are indexed at once,
editable, and gone from the index when deleted; questions find the right meeting."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import BAD_NOTES_DIR, NOTES_DIR

from mentordesk.relationships.extraction import extract_items
from store.errors import UserError
from store.tables import Document
from vectorstore.filters import SearchFilter

D = dt.date


def sources(desk, query: str, **flt) -> list[str]:
    return [r.source for r in desk.index.search(query, 5, SearchFilter(**flt) if flt else None)]


def document_count(desk) -> int:
    with desk.db.session() as session:
        return session.query(Document).count()


def test_a_notes_folder_becomes_meetings_people_and_advice(desk):
    report = desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    assert len(report.added) == 24
    rel = desk.relationships
    assert rel.notes_sync.last_report.meetings_added == 24
    people = {p.name: (p.stage, p.meetings) for p in rel.people.list()}
    assert people == {"Priya Raman": ("mentor", 7), "Daniel Okafor": ("mentor", 6), "Carlos Mendes": ("mentor", 6),
                      "Mei Tanaka": ("mentor", 5)}
    expected = sum(len(extract_items(p.read_text(encoding="utf-8"))) for p in NOTES_DIR.glob("*.md"))
    assert len(rel.advice.list()) == expected
    first = rel.meetings.list("Priya")[0]
    assert (first.date, first.source.endswith("2025-01-17-priya-raman.md")) == (D(2025, 1, 17), True)

    ids = [m.id for m in rel.meetings.list()]
    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")  # again: nothing new
    assert not rel.notes_sync.last_report.changed and [m.id for m in rel.meetings.list()] == ids

    # Notes with broken front matter are named and skipped; nothing saved changes.
    bad = desk.ingest.ingest_paths([BAD_NOTES_DIR], kind="notes")
    assert sorted(name.rsplit("/", 1)[-1] for name, _ in bad.skipped) == ["2025-09-02-daniel-okafor.md",
                                                                            "2025-13-45-mei-tanaka.md"]
    assert "2025-13-45" in dict(bad.skipped)[str(BAD_NOTES_DIR / "2025-13-45-mei-tanaka.md")]
    assert [m.id for m in rel.meetings.list()] == ids

    # Questions find the right meeting: by mentor and topic, by a person mentioned in a note.
    top = desk.index.search("What did Priya say about negotiating?", 3)[0]
    meeting = rel.meetings.meeting_for_source(top.source)
    assert (meeting.person_name, meeting.date) == ("Priya Raman", D(2025, 3, 7))
    elif_demir = rel.meetings.meeting_for_source(desk.index.search("What was Elif Demir going to check?", 1)[0].source)
    assert elif_demir.date == D(2025, 3, 7)

    # "Daniel, last year": notes from that year lead, Daniel's only.
    results = desk.chat.retrieve("What did Daniel say last year?", today=D(2026, 11, 22))
    assert [r.date.year for r in results[:3]] == [2025, 2025, 2025]
    assert {r.mentor for r in results} == {"Daniel Okafor"}
    scoped = desk.index.search("startup", 5, SearchFilter(mentors=("daniel okafor",), since=D(2025, 1, 1),
                                                          until=D(2025, 12, 31)))
    assert scoped and all(r.date.year == 2025 and r.mentor == "Daniel Okafor" for r in scoped)


def test_a_note_written_in_the_app_is_indexed_edited_and_deleted(desk):
    rel = desk.relationships
    rel.people.add("Jonas Weber", company="Northwind", stage="prospect")
    chunks_before = desk.index_count()
    notes = ("## What he said\n- Run a zebra-striped rollout: one region at a time.\n"
             "- Page on symptoms, not causes.\n\n## Action items\n- [ ] Draft the rollout plan\n")
    meeting = rel.meetings.save("Jonas", D(2026, 11, 16), "Rollout strategy", notes)
    assert meeting.source.startswith("note:") and (meeting.advice, meeting.open_actions) == (2, 1)
    assert rel.people.get("Jonas").stage == "meeting"
    assert sources(desk, "zebra-striped rollout", mentors=("jonas weber",), kinds=("notes",))[0] == meeting.source
    hit = desk.index.search("zebra-striped rollout", 1)[0]
    assert (hit.mentor, hit.date, hit.title) == ("Jonas Weber", D(2026, 11, 16), "Rollout strategy")

    symptoms = next(a for a in rel.advice.list("Jonas") if a.text.startswith("Page on symptoms"))
    rel.advice.set_outcome(symptoms.id, "worked")
    edited = notes.replace("zebra-striped rollout: one region at a time", "canary rollout with a kill switch")
    again = rel.meetings.save("Jonas", D(2026, 11, 16), "Rollout strategy", edited, meeting_id=meeting.id)
    assert again.id == meeting.id and again.source == meeting.source
    texts = [r.text for r in desk.index.search("zebra-striped region at a time", 5)]
    assert texts and not any("zebra" in t for t in texts)  # the old text is gone from the index
    assert "canary rollout with a kill switch" in desk.index.search("canary rollout kill switch", 1)[0].text
    kept = next(a for a in rel.advice.list("Jonas") if a.text.startswith("Page on symptoms"))
    assert (kept.id, kept.outcome) == (symptoms.id, "worked")

    rel.meetings.delete(meeting.id)
    assert rel.meetings.list() == [] and rel.advice.list() == []
    assert desk.index_count() == chunks_before and document_count(desk) == 0
    assert desk.index.search("canary rollout kill switch", 5) == []


def test_a_planned_meeting_gets_its_notes_later(desk):
    rel = desk.relationships
    rel.people.add("Mei Tanaka", stage="primary")
    planned = rel.meetings.save("Mei", D(2026, 12, 8), "Portfolio review")
    assert planned.source is None and rel.people.get("Mei").stage == "primary"
    rel.meetings.mark_follow_up_sent(planned.id, D(2026, 12, 9))
    done = rel.meetings.save("Mei", D(2026, 12, 8), "Portfolio review", "## Advice\n- Lead with the problem.\n",
                             meeting_id=planned.id)
    assert [m.id for m in rel.meetings.list()] == [done.id]
    assert (done.source.startswith("note:"), done.follow_up_sent_on, done.advice) == (True, D(2026, 12, 9), 1)
    with pytest.raises(UserError, match="notes: cannot be empty"):
        rel.meetings.save("Mei", D(2026, 12, 8), "Portfolio review", "", meeting_id=done.id)


def test_note_files_edited_or_removed_then_ingested_again(desk, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name in ("2025-01-17-priya-raman.md", "2025-03-07-priya-raman.md"):
        shutil.copy(NOTES_DIR / name, folder / name)
    desk.ingest.ingest_paths([folder], kind="notes")
    rel = desk.relationships
    first = rel.meetings.list("Priya")[0]
    log = next(a for a in rel.advice.list("Priya") if a.text == "Start the Friday energy log")
    rel.advice.set_done(log.id)

    with pytest.raises(UserError, match="edit the file and ingest it again"):
        rel.meetings.save("Priya", first.date, "x", "new text", meeting_id=first.id)

    path = folder / "2025-01-17-priya-raman.md"
    path.write_text(path.read_text(encoding="utf-8") + "- [ ] Share the energy log with Priya\n", encoding="utf-8")
    desk.ingest.ingest_paths([folder], kind="notes")
    items = {a.text: a for a in rel.advice.list("Priya")}
    assert items["Start the Friday energy log"].done and "Share the energy log with Priya" in items
    assert [m.id for m in rel.meetings.list()][0] == first.id

    (folder / "2025-03-07-priya-raman.md").unlink()
    report = desk.ingest.ingest_paths([folder], kind="notes")
    assert len(report.removed) == 1
    assert [m.date for m in rel.meetings.list()] == [D(2025, 1, 17)]


def test_deleting_a_person_with_notes_removes_the_notes_from_the_index(desk, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(NOTES_DIR / "2025-04-02-mei-tanaka.md", folder)
    shutil.copy(NOTES_DIR / "2025-02-12-daniel-okafor.md", folder)
    desk.ingest.ingest_paths([folder], kind="notes")
    rel = desk.relationships
    with pytest.raises(UserError, match="--with-notes"):
        rel.people.delete("Mei")
    assert sources(desk, "design critique feedback", mentors=("mei tanaka",))
    rel.people.delete("Mei", with_notes=True)
    assert [p.name for p in rel.people.list()] == ["Daniel Okafor"]
    assert sources(desk, "design critique feedback", mentors=("mei tanaka",)) == []
    assert document_count(desk) == 1
