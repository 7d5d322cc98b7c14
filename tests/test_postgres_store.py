"""The store on a real PostgreSQL server, as a team deployment would run it.

The test starts a throwaway PostgreSQL cluster on loopback (``initdb`` + ``pg_ctl`` from the
machine's PostgreSQL install), points ``MENTORDESK_DATABASE_URL`` at it, and runs the same
flows as on SQLite: ingest notes, meetings and people from the notes, search, due report.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import NOTES_DIR
from helpers import free_port

from mentordesk.container import MentorDesk


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


@pytest.fixture(scope="module")
def postgres_url():
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    # Not under pytest's tmp folder: that is private to the current user, and the server
    # may have to run as the postgres user.
    base = Path(tempfile.mkdtemp(prefix="mentordesk-pg-"))
    data = base / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use its own system user
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(data.parent, "postgres")
        data.parent.chmod(0o700)
    port = free_port()
    subprocess.run(as_user + [initdb, "-D", str(data), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    options = f"-p {port} -k {data.parent} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(as_user + [pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(data.parent / "log"), "start"],
                   check=True, capture_output=True)
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    subprocess.run(as_user + [pg_ctl, "-D", str(data), "-m", "fast", "stop"], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


def test_library_and_relationships_on_postgresql(settings, minilm, postgres_url):
    settings.database_url = postgres_url
    settings.index_builtin_guidance = False
    desk = MentorDesk(settings, embedder=minilm)

    report = desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    assert len(report.added) == 24
    again = desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    assert len(again.unchanged) == 24 and again.chunks_embedded == 0
    assert not (settings.home / "mentordesk.db").exists()  # nothing went to SQLite

    people = {p.name for p in desk.relationships.people.list()}
    assert {"Priya Raman", "Daniel Okafor", "Mei Tanaka", "Carlos Mendes"} <= people
    top = desk.index.search("what did Priya say about negotiating the offer?", k=3)[0]
    assert top.mentor == "Priya Raman"

    due = desk.relationships.due.report(dt.date(2026, 11, 23))
    assert due.open_actions  # action items from the notes are open
