"""Team mode: two mentees on one store and one index, each seeing only their own notes,
people, meetings, advice, drafts and answers; the built-in guidance shared by both.

The scenario of issue 13, on SQLite and embedded Chroma (the same suite runs against
PostgreSQL and a Chroma server in test_team_servers.py): Bob's search must not find Alice's
private note, his profile must not overwrite hers, his delete must not remove her mentor, and
his reindex must not take her vectors away."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from mentordesk.container import MentorDesk
from mentordesk.team import claim_single_user_data, program_summary
from store.errors import UserError
from store.scope import ScopeError
from store.tables import Document, Person

ALICE_NOTE = b"""---
mentor: Priya Raman
date: 2026-10-02
---
# Coffee with Priya

## What she said
- Do not resign before the salary conversation: ask for the raise first, in writing.

## Action items
- [ ] Write the one-page case for the raise by Friday.
"""

BOB_NOTE = b"""---
mentor: Marcus Lee
date: 2026-10-05
---
# Call with Marcus

## What he said
- Ship the small design doc before asking for a bigger team.
"""


def team_settings(settings, user="alice"):
    return settings.model_copy(update={"mode": "team", "user": user, "admins": "admin@example.org"})


def make_team(settings, embedder):
    alice = MentorDesk(team_settings(settings), embedder=embedder)
    alice.ensure_builtin_guidance()
    bob = alice.for_user("bob")
    for desk, name, note in ((alice, "Priya Raman", ALICE_NOTE), (bob, "Marcus Lee", BOB_NOTE)):
        desk.relationships.people.add(name, stage="primary")
        desk.ingest.ingest_bytes("notes.md", note, kind="notes")  # the same file name for both
    return alice, bob


@pytest.fixture
def team(settings, minilm):
    return make_team(settings, minilm)


def sources(results):
    return {(r.source, r.mentor) for r in results}


def check_isolation(alice: MentorDesk, bob: MentorDesk) -> None:
    """Everything a user can reach, asserted both ways."""
    # search and chat: Bob never gets Alice's note, in any mode, with or without a filter
    for mode in ("hybrid", "dense", "keyword"):
        found = bob.index.search("salary resign raise Priya", k=10, mode=mode)
        assert found and all(r.kind == "guidance" or r.mentor == "Marcus Lee" for r in found), mode
        mine = alice.index.search("salary resign raise Priya", k=10, mode=mode)
        assert ("upload/notes.md", "Priya Raman") in sources(mine), mode
    assert any(r.kind == "guidance" for r in bob.index.search("how often should I meet my primary mentor", k=5))
    answer = bob.chat.ask("What did Priya say about the salary?").result()
    assert "resign before" not in answer.text and all(p.mentor != "Priya Raman" for p in answer.passages)
    assert "resign before" in alice.chat.ask("What did Priya say about the salary?").result().text

    # people, meetings, advice, due
    assert [p.name for p in bob.relationships.people.list()] == ["Marcus Lee"]
    assert [p.name for p in alice.relationships.people.list()] == ["Priya Raman"]
    assert {m.person_name for m in bob.relationships.meetings.list()} == {"Marcus Lee"}
    assert all("salary" not in a.text for a in bob.relationships.advice.list())
    assert any("salary" in a.text for a in alice.relationships.advice.list())
    assert "Priya" not in str(bob.relationships.due.report(dt.date(2026, 12, 1)).to_dict())
    assert "Priya" not in bob.relationships.due.calendar(dt.date(2026, 12, 1))
    assert b"Priya" not in bob.relationships.table.export_bytes(".csv")
    with pytest.raises(UserError):
        bob.relationships.people.get("Priya Raman")

    # status: each counts their own documents and the guidance, and their index agrees
    a, b = alice.status(), bob.status()
    assert a["documents_by_kind"]["notes"] == 1 and b["documents_by_kind"]["notes"] == 1
    assert a["chunks"] == alice.index_count() and b["chunks"] == bob.index_count()


def test_two_mentees_each_see_only_their_own_library(team):
    alice, bob = team
    check_isolation(alice, bob)


def test_one_users_writes_never_touch_the_others_data(team):
    alice, bob = team
    alice.relationships.profile.update(name="Alice Andersen", role="Engineer")
    bob.relationships.profile.update(name="Bob Brown")
    assert alice.relationships.profile.get().name == "Alice Andersen"
    assert alice.relationships.profile.get().role == "Engineer"

    with pytest.raises(UserError):  # Bob cannot delete Alice's mentor by name ...
        bob.relationships.people.delete("Priya Raman")
    priya = alice.relationships.people.get("Priya Raman")
    with pytest.raises(UserError):  # ... nor by id
        bob.relationships.people.delete(priya.id)
    assert alice.relationships.people.get("Priya Raman").id == priya.id

    # a row of someone else's, reached around the services, cannot be changed or deleted
    with bob.db.session() as session:
        assert session.get(Person, priya.id) is None
    with pytest.raises(ScopeError), bob.db.session() as session:
        shared = session.scalars(select(Document).where(Document.kind == "guidance")).first()
        shared.title = "defaced"

    bob.reindex()  # Bob rebuilds his index: Alice's vectors stay
    dense = alice.index.search("resign before the salary conversation", k=5, mode="dense")
    assert dense and dense[0].mentor == "Priya Raman"
    check_isolation(alice, bob)


def test_a_draft_of_one_user_cannot_be_opened_by_another(team):
    alice, bob = team
    alice.relationships.profile.update(name="Alice Andersen", role="Engineer")
    bob.relationships.profile.update(name="Bob Brown", role="Designer")
    draft = alice.drafts.draft("followup", "Priya Raman")
    assert draft.id is not None and alice.drafts.get(draft.id).body == draft.body
    with pytest.raises(UserError):
        bob.drafts.get(draft.id)
    with pytest.raises(UserError):
        bob.drafts.draft("followup", "Priya Raman")


def test_team_mode_needs_a_valid_user(settings, minilm):
    with pytest.raises(UserError, match="team mode needs a user"):
        _ = MentorDesk(team_settings(settings, user=None), embedder=minilm).db
    for bad in ("local", "*", "a b", "x" * 200):
        with pytest.raises(UserError):
            _ = MentorDesk(team_settings(settings, user=bad), embedder=minilm).db
    with pytest.raises(UserError, match="single-user mode"):
        _ = MentorDesk(settings.model_copy(update={"user": "alice"}), embedder=minilm).db


def test_the_admin_sees_counts_never_content(team):
    alice, bob = team
    bob.relationships.people.log_message("Marcus Lee", "sent", "Update on the design doc", dt.date(2026, 11, 24))
    with pytest.raises(UserError, match="not a program admin"):
        program_summary(alice)
    admin = alice.for_user("admin@example.org")
    summary = program_summary(admin, dt.date(2026, 12, 1))
    assert summary.mentees == 2 and summary.mentees_with_a_primary_mentor == 2
    assert summary.outreach_per_week == {"2026-W48": 1}
    # Priya and Marcus were met in October: both are due (more than 6 weeks) or overdue (8)
    assert summary.primary_mentors_due + summary.primary_mentors_overdue == 2
    text = str(summary.to_dict())
    assert "Priya" not in text and "Marcus" not in text and "salary" not in text
    assert admin.relationships.people.list() == []  # the admin's own view holds nobody's people


def test_a_single_user_folder_is_claimed_by_one_team_user(settings, minilm):
    single = MentorDesk(settings, embedder=minilm)
    single.ensure_builtin_guidance()
    single.relationships.people.add("Priya Raman", stage="primary")
    single.ingest.ingest_bytes("notes.md", ALICE_NOTE, kind="notes")
    single.relationships.profile.update(name="Carol")

    carol = MentorDesk(team_settings(settings, user="carol"), embedder=minilm)
    assert carol.relationships.people.list() == []  # before the claim, the data is nobody's in team mode
    assert claim_single_user_data(carol, "carol") == 1
    carol = MentorDesk(team_settings(settings, user="carol"), embedder=minilm)
    assert carol.relationships.profile.get().name == "Carol"
    assert [m.person_name for m in carol.relationships.meetings.list()] == ["Priya Raman"]
    dense = carol.index.search("resign before the salary conversation", k=5, mode="dense")
    assert dense and dense[0].mentor == "Priya Raman"
    assert carol.status()["chunks"] == carol.index_count()
    dave = carol.for_user("dave")
    assert dave.index.search("salary resign", k=5, mode="dense")[0].kind == "guidance"
    with pytest.raises(UserError, match="already has documents"):
        claim_single_user_data(carol, "carol")


def test_the_command_line_acts_as_the_named_user(isolated_home, monkeypatch, capsys, tmp_path):
    """The CLI contract other tools rely on: --user NAME or MENTORDESK_USER; in team mode a
    call with no user is a one-line error."""
    import json

    from mentordesk.cli import main

    monkeypatch.setenv("MENTORDESK_MODE", "team")
    monkeypatch.setenv("MENTORDESK_INDEX_BUILTIN_GUIDANCE", "false")
    monkeypatch.setenv("MENTORDESK_USER", "")  # main() sets it from --user: restored after the test
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "priya.md").write_bytes(ALICE_NOTE)
    assert main(["--user", "alice", "ingest", str(tmp_path / "alice"), "--kind", "notes"]) == 0
    monkeypatch.setenv("MENTORDESK_USER", "bob")
    (tmp_path / "bob.md").write_bytes(BOB_NOTE)
    assert main(["ingest", str(tmp_path / "bob.md"), "--kind", "notes"]) == 0
    capsys.readouterr()

    def search(*user: str) -> list[dict]:
        assert main([*user, "search", "salary resign raise", "--json", "-k", "10"]) == 0
        return json.loads(capsys.readouterr().out)["results"]

    assert {r["mentor"] for r in search()} == {"Marcus Lee"}  # bob, from the environment
    assert "Priya Raman" in {r["mentor"] for r in search("--user", "alice")}
    assert main(["--user", "alice", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["user"] == "alice" and status["documents"] == 1

    monkeypatch.delenv("MENTORDESK_USER")
    assert main(["search", "salary"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["mentordesk: error: team mode needs a user: pass --user NAME or set MENTORDESK_USER"]
    assert main(["--user", "x y", "status"]) == 1
    assert "cannot be a user name" in capsys.readouterr().err


def test_after_a_model_change_an_admin_rebuilds_everyones_index(settings, minilm):
    """Every user's reindex deletes only their own vectors, so a collection built with another
    model is rebuilt for everyone by an admin (team reindex)."""
    from mentordesk.team import rebuild_everyone
    from vectorstore.chroma_index import IndexMismatchError
    from vectorstore.embeddings import HashingEmbedder

    alice, bob = make_team(settings.model_copy(update={"embedding_backend": "torch"}), HashingEmbedder())
    newer = MentorDesk(team_settings(settings), embedder=minilm)  # the install's model changed
    with pytest.raises(IndexMismatchError):
        newer.index.search("salary", k=3, mode="dense")
    with pytest.raises(UserError, match="program admin"):
        rebuild_everyone(newer)
    done = rebuild_everyone(newer.for_user("admin@example.org"))
    assert set(done) == {"(shared guidance)", "alice", "bob"}
    check_isolation(newer, newer.for_user("bob"))
