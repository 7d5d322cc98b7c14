"""Export everything and restore it on a fresh machine: the same people, meetings, advice
(with what the user marked done and the outcomes), drafts, profile, and the same search
results. On SQLite here and on PostgreSQL in the slow run; a bad archive changes nothing."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import NOTES_DIR
from test_postgres_store import postgres_url  # noqa: F401 - the PostgreSQL server fixture

from mentordesk.backup import export_library, import_library
from mentordesk.container import MentorDesk
from store.errors import UserError

QUESTIONS = ("what did Priya say about negotiating the offer?", "on-call burnout", "stock options at Kestrel")


def _ledger(desk) -> list[tuple]:
    return sorted((a.person_name, a.meeting_date, a.kind, a.text, a.done, a.outcome)
                  for a in desk.relationships.advice.list())


def _results(desk) -> list[list[tuple]]:
    return [[(r.source, r.position, r.text) for r in desk.index.search(q, k=5)] for q in QUESTIONS]


def _filled(settings, minilm) -> MentorDesk:
    desk = MentorDesk(settings, embedder=minilm)
    desk.relationships.profile.update(name="Alice Andersen", role="Engineer", values="candour, curiosity, care")
    desk.relationships.people.add("Jonas Weber", company="Northwind", notes="met at the meetup")
    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    advice = desk.relationships.advice.list()
    desk.relationships.advice.set_done(next(a.id for a in advice if a.kind == "action"))
    desk.relationships.advice.set_outcome(next(a.id for a in advice if a.kind == "advice"), "worked")
    desk.drafts.draft("followup", "Priya Raman")
    return desk


def round_trip(old_settings, new_settings, minilm, tmp_path):
    old = _filled(old_settings, minilm)
    archive = tmp_path / "library.zip"
    counts = export_library(old, archive)
    assert counts["documents"] == 24 and counts["drafts"] == 1 and counts["people"] >= 5
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        settings = json.loads(z.read("settings.json"))
    assert sum(n.startswith("documents/") for n in names) == 24
    assert not any("key" in k.lower() or "password" in k.lower() for k in settings)

    new = MentorDesk(new_settings, embedder=minilm)
    assert import_library(new, archive) == counts
    assert _ledger(new) == _ledger(old)
    assert _results(new) == _results(old)
    assert new.relationships.profile.get() == old.relationships.profile.get()
    assert [(p.name, p.company, p.stage, p.notes) for p in new.relationships.people.list()] == \
        [(p.name, p.company, p.stage, p.notes) for p in old.relationships.people.list()]
    old_drafts = old.drafts.get(1)
    new_draft_id = next(m for m in range(1, 50) if _has_draft(new, m))
    assert new.drafts.get(new_draft_id).body == old_drafts.body
    with pytest.raises(UserError, match="already has documents"):
        import_library(new, archive)  # never over an existing library


def _has_draft(desk, draft_id: int) -> bool:
    try:
        desk.drafts.get(draft_id)
        return True
    except UserError:
        return False


def test_export_and_restore_on_a_fresh_machine(settings, minilm, tmp_path):
    settings.index_builtin_guidance = False
    fresh = settings.model_copy(update={"home": tmp_path / "fresh-machine"})
    round_trip(settings, fresh, minilm, tmp_path)


def test_restore_into_a_team_user_on_postgresql(settings, minilm, tmp_path, postgres_url):  # noqa: F811
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    settings.index_builtin_guidance = False
    team = settings.model_copy(update={"home": tmp_path / "server", "database_url": postgres_url, "mode": "team",
                                       "user": "carol@example.org"})
    round_trip(settings, team, minilm, tmp_path)


def test_a_bad_archive_is_one_error_and_changes_nothing(desk, tmp_path):
    for content, message in ((b"not a zip", "not a readable MentorDesk export"),):
        bad = tmp_path / "bad.zip"
        bad.write_bytes(content)
        with pytest.raises(UserError, match=message):
            import_library(desk, bad)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "something-else"}))
    with pytest.raises(UserError, match="not a MentorDesk export"):
        import_library(desk, other)
    assert desk.relationships.people.list() == [] and desk.status()["documents"] == 0


def test_the_commands_other_tools_rely_on(isolated_home, monkeypatch, capsys, tmp_path):
    from mentordesk.cli import main

    monkeypatch.setenv("MENTORDESK_INDEX_BUILTIN_GUIDANCE", "false")
    assert main(["ingest", str(NOTES_DIR / "2025-01-17-priya-raman.md"), "--kind", "notes"]) == 0
    assert main(["export", str(tmp_path / "all.zip")]) == 0
    assert "exported to" in capsys.readouterr().out
    monkeypatch.setenv("MENTORDESK_HOME", str(tmp_path / "elsewhere"))
    assert main(["import", str(tmp_path / "all.zip")]) == 0
    assert "1 documents" in capsys.readouterr().out
    assert main(["doctor"]) == 0
    assert "agrees with the library" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "all.txt")]) == 1
    assert capsys.readouterr().err.strip() == "mentordesk: error: export to a .zip file, not all.txt"
