"""Kill a real ingest (SIGKILL, in a subprocess) at several points, then start again: what
was committed is whole (a document is there with all its passages, or not at all), a kill
loses at most the batch in flight, the next ingest finishes the job, and ``doctor`` finds
the index in step with the store (after deleting what the kill left behind)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import NOTES_DIR, ROOT

from ingest.sync import BATCH_FILES


def _env(home) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_"))}
    env.update(MENTORDESK_HOME=str(home), MENTORDESK_LLM_PROVIDER="fake", HF_HUB_OFFLINE="1",
               MENTORDESK_INDEX_BUILTIN_GUIDANCE="false", MENTORDESK_MODEL_CACHE=os.environ["MENTORDESK_MODEL_CACHE"])
    return env


def _cli(home, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mentordesk", *args], cwd=ROOT, env=_env(home),
                          capture_output=True, text=True, timeout=600)


def _documents(home) -> int:
    try:
        with sqlite3.connect(home / "mentordesk.db", timeout=30) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _whole(home) -> None:
    with sqlite3.connect(home / "mentordesk.db", timeout=30) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            return  # killed before the schema was made: nothing to check
        empty = db.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                           "(SELECT 1 FROM chunks c WHERE c.document_id = d.id)").fetchone()[0]
        loose = db.execute("SELECT count(*) FROM chunks c WHERE NOT EXISTS "
                           "(SELECT 1 FROM documents d WHERE d.id = c.document_id)").fetchone()[0]
    assert (empty, loose) == (0, 0)


@pytest.fixture
def many_notes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for copy in range(3):
        for note in sorted(NOTES_DIR.glob("*.md")):
            (folder / f"{copy}-{note.name}").write_bytes(note.read_bytes())
    return folder


@pytest.mark.parametrize("kill_after", ["start", "first batch"])
def test_a_killed_ingest_loses_at_most_one_batch_and_the_next_one_finishes(isolated_home, many_notes, kill_after):
    total = len(list(many_notes.iterdir()))
    assert total > 2 * BATCH_FILES
    process = subprocess.Popen([sys.executable, "-m", "mentordesk", "ingest", str(many_notes), "--kind", "notes"],
                               cwd=ROOT, env=_env(isolated_home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    if kill_after == "start":
        time.sleep(1.0)
    else:
        while _documents(isolated_home) < BATCH_FILES and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    committed = _documents(isolated_home)
    if kill_after == "first batch":
        assert BATCH_FILES <= committed < total  # the first batch stayed; the rest was not done
    if (isolated_home / "mentordesk.db").exists():
        _whole(isolated_home)

    again = _cli(isolated_home, "ingest", str(many_notes), "--kind", "notes", "--json")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert len(report["added"]) == total - committed and len(report["unchanged"]) == committed
    assert _documents(isolated_home) == total
    _whole(isolated_home)

    doctor = _cli(isolated_home, "doctor", "--json")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert json.loads(doctor.stdout)["missing"] == 0  # every committed passage has its vector
    assert json.loads(_cli(isolated_home, "doctor", "--check", "--json").stdout)["healthy"]


def test_two_ingests_and_a_reindex_at_once_all_finish(isolated_home, many_notes, tmp_path):
    """Two ingests of one folder and a reindex, started together on one data folder: none
    fails (two once died on a unique key, and a reindex dropped the collection under an
    ingest), and the library ends whole, each document once, its index in step."""
    first = _cli(isolated_home, "ingest", str(NOTES_DIR), "--kind", "notes")  # something for reindex to do
    assert first.returncode == 0, first.stderr
    commands = [["ingest", str(many_notes), "--kind", "notes"], ["ingest", str(many_notes), "--kind", "notes"],
                ["reindex"]]
    running = [subprocess.Popen([sys.executable, "-m", "mentordesk", *c], cwd=ROOT, env=_env(isolated_home),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    for process, command in zip(running, commands):
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0 and "Traceback" not in err, (command, err)
    assert _documents(isolated_home) == len(list(NOTES_DIR.glob("*.md"))) + len(list(many_notes.iterdir()))
    _whole(isolated_home)
    assert json.loads(_cli(isolated_home, "doctor", "--check", "--json").stdout)["healthy"]


def _kill_when(process: subprocess.Popen, ready, timeout: float = 300) -> bool:
    """SIGKILL ``process`` once ``ready()`` holds; False if it finished first."""
    deadline = time.monotonic() + timeout
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return True


def _start(home, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mentordesk", *args], cwd=ROOT, env=_env(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _search_top(home) -> tuple[str, str]:
    """The best passage's mentor and text (the notes are there in three copies: which copy
    comes first is a tie)."""
    done = _cli(home, "search", "what did Priya say about negotiating the offer?", "--json")
    assert done.returncode == 0, done.stderr
    best = json.loads(done.stdout)["results"][0]
    return best["mentor"], best["text"]


@pytest.mark.parametrize("kill_at", ["reading", "embedding"])
def test_a_killed_import_leaves_the_library_empty_or_whole(isolated_home, many_notes, tmp_path, kill_at):
    """Either nothing was restored (the import runs again) or every row was, its passages
    with it, and ``doctor`` adds the vectors the kill cut short."""
    assert _cli(isolated_home, "ingest", str(many_notes), "--kind", "notes").returncode == 0
    assert _cli(isolated_home, "mentors", "add", "Ada Lovelace", "--company", "Analytical").returncode == 0
    archive = tmp_path / "library.zip"
    assert _cli(isolated_home, "export", str(archive)).returncode == 0
    expected = _documents(isolated_home)
    target = tmp_path / "restored"
    process = _start(target, "import", str(archive))
    if kill_at == "reading":
        time.sleep(1.0)  # the process is starting and reading the archive
        killed = _kill_when(process, lambda: True)
    else:
        killed = _kill_when(process, lambda: _documents(target) > 0)
    restored = _documents(target)
    assert restored in (0, expected)  # never part of the library
    if restored == 0:
        again = _cli(target, "import", str(archive))
        assert again.returncode == 0, again.stderr
    else:
        _whole(target)
        again = _cli(target, "import", str(archive))  # says what to do, changes nothing
        assert again.returncode == 1 and "run `mentordesk doctor`" in again.stderr
        assert _cli(target, "doctor").returncode == 0
    assert _documents(target) == expected
    assert json.loads(_cli(target, "doctor", "--check", "--json").stdout)["healthy"]
    assert "Ada Lovelace" in _cli(target, "mentors", "list").stdout
    assert _search_top(target) == _search_top(isolated_home)
    assert killed or kill_at == "embedding"  # the embedding kill may lose the race on a fast machine


def test_a_killed_reindex_changes_nothing_in_the_store_and_doctor_finishes_it(isolated_home, many_notes):
    assert _cli(isolated_home, "ingest", str(many_notes), "--kind", "notes").returncode == 0
    before = _cli(isolated_home, "status", "--json").stdout
    top = _search_top(isolated_home)
    process = _start(isolated_home, "reindex")
    time.sleep(4.0)  # past the model load, inside the rebuild on this machine
    _kill_when(process, lambda: True)
    assert json.loads(_cli(isolated_home, "status", "--json").stdout)["chunks"] == json.loads(before)["chunks"]
    _whole(isolated_home)
    assert _cli(isolated_home, "doctor").returncode == 0
    assert json.loads(_cli(isolated_home, "doctor", "--check", "--json").stdout)["healthy"]
    assert _search_top(isolated_home) == top


def test_a_killed_draft_send_logs_the_message_once_or_not_at_all(isolated_home):
    assert _cli(isolated_home, "ingest", str(NOTES_DIR), "--kind", "notes").returncode == 0
    assert _cli(isolated_home, "profile", "set", "--name", "Alex Rivera", "--role", "Engineer").returncode == 0

    def sent() -> int:
        with sqlite3.connect(isolated_home / "mentordesk.db", timeout=30) as db:
            return db.execute("SELECT count(*) FROM message_entries WHERE direction = 'sent'").fetchone()[0]

    for delay in (2.0, 4.0, 6.0):  # across model loading, drafting and saving
        before = sent()
        process = _start(isolated_home, "draft", "followup", "--mentor", "Daniel", "--send")
        time.sleep(delay)
        _kill_when(process, lambda: True)
        assert sent() in (before, before + 1)
        with sqlite3.connect(isolated_home / "mentordesk.db", timeout=30) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            unsent_logged = db.execute(
                "SELECT count(*) FROM drafts WHERE sent_at IS NULL AND id = (SELECT max(id) FROM drafts)").fetchone()[0]
        if sent() == before + 1:
            assert unsent_logged == 0  # the message and the draft's "sent" went together
    done = _cli(isolated_home, "draft", "followup", "--mentor", "Daniel", "--send")
    assert done.returncode == 0, done.stderr
