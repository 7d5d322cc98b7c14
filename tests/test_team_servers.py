"""Team mode on the servers a team runs: PostgreSQL and a Chroma server, both started by
the tests on 127.0.0.1. The isolation suite of test_team_isolation.py, then several
processes at once: two users ingesting through the CLI while a third process rebuilds one
user's index, with no lost writes and each user's store and index agreeing afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import NOTES_DIR, ROOT
from test_chroma_server import chroma_server  # noqa: F401 - the Chroma server fixture
from test_postgres_store import postgres_url  # noqa: F401 - the PostgreSQL server fixture
from test_team_isolation import check_isolation, make_team

from mentordesk.container import MentorDesk


@pytest.fixture
def server_settings(settings, postgres_url, chroma_server):  # noqa: F811 - fixtures
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)  # each test starts from an empty database and collection
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    collection = f"team_{time.monotonic_ns()}"
    return settings.model_copy(update={"database_url": postgres_url, "chroma_host": "127.0.0.1",
                                       "chroma_port": chroma_server, "collection": collection})


def test_isolation_on_postgresql_and_a_chroma_server(server_settings, minilm):
    alice, bob = make_team(server_settings, minilm)
    check_isolation(alice, bob)
    bob.reindex()
    check_isolation(alice, bob)
    assert not (server_settings.home / "chroma").exists() and not (server_settings.home / "mentordesk.db").exists()


def test_two_users_ingest_while_a_third_process_reindexes(server_settings, minilm, tmp_path):
    s = server_settings
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_"))}
    env.update(MENTORDESK_HOME=str(s.home), MENTORDESK_MODE="team", MENTORDESK_LLM_PROVIDER="fake",
               MENTORDESK_DATABASE_URL=s.database_url, MENTORDESK_CHROMA_HOST="127.0.0.1",
               MENTORDESK_CHROMA_PORT=str(s.chroma_port), MENTORDESK_COLLECTION=s.collection, HF_HUB_OFFLINE="1")
    notes = sorted(NOTES_DIR.glob("*.md"))
    halves = {"alice": notes[::2], "bob": notes[1::2]}
    for user, files in halves.items():
        folder = tmp_path / user
        folder.mkdir()
        for file in files:
            (folder / file.name).write_bytes(file.read_bytes())
    # bob has something indexed already, so his reindex has work to do while the ingests run
    bob = MentorDesk(s.model_copy(update={"mode": "team", "user": "bob"}), embedder=minilm)
    bob.ingest.ingest_paths([tmp_path / "bob" / halves["bob"][0].name], kind="notes")

    def cli(user: str, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "mentordesk", "--user", user, *args], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    started = time.monotonic()
    running = [cli("alice", "ingest", str(tmp_path / "alice"), "--kind", "notes", "--json"),
               cli("bob", "ingest", str(tmp_path / "bob"), "--kind", "notes", "--json"),
               cli("bob", "reindex")]
    outputs = [p.communicate(timeout=600) for p in running]
    elapsed = time.monotonic() - started
    for process, (_out, err) in zip(running, outputs):
        assert process.returncode == 0 and "Traceback" not in err, err
    assert elapsed < 600  # bounded: none of them waits on the others forever
    reports = [json.loads(out) for out, _ in outputs[:2]]
    assert len(reports[0]["added"]) == len(halves["alice"])

    for user, files in halves.items():
        desk = MentorDesk(s.model_copy(update={"mode": "team", "user": user}), embedder=minilm)
        status = desk.status()
        assert status["documents_by_kind"]["notes"] == len(files)  # no lost writes (beside the shared guidance)
        assert status["chunks"] == desk.index_count()  # store and index agree
        found = desk.index.search("mentor advice", k=50, mode="dense")
        notes_found = {r.source.rsplit("/", 1)[-1] for r in found if r.kind == "notes"}
        assert notes_found and notes_found <= {f.name for f in files}
