"""A damaged or incomplete index never gives a silently wrong answer: ``doctor`` finds
vectors with no passage (a killed ingest), passages with no vector (a deleted index folder)
and an index that cannot be opened, and repairs each from the store; ``search`` and ``ask``
say when the index is partial; a damaged index is one line with what to run."""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
from conftest import NOTES_DIR, ROOT

from mentordesk.container import MentorDesk
from mentordesk.doctor import examine

QUESTION = "what did Priya say about negotiating the offer?"


def test_orphan_vectors_from_a_killed_ingest_are_found_and_deleted(desk):
    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    assert desk.index.search(QUESTION, k=3, mode="dense")[0].mentor == "Priya Raman"
    # What a killed ingest leaves: vectors written, their chunks never committed. They sit
    # right where the question points, so they crowd out every real passage.
    target = desk.embedder.embed([QUESTION])[0]
    orphans = [f"orphan-{i}" for i in range(40)]
    desk.index.chroma.upsert(orphans, np.tile(target, (40, 1)), ["gone"] * 40, [{"kind": "notes"}] * 40)

    found = examine(desk, repair=False)
    assert (found.orphans, found.missing, found.healthy) == (40, 0, False)
    repaired = examine(desk)
    assert repaired.repaired == ["deleted 40 vectors of passages no longer in the library"]
    assert examine(desk, repair=False).healthy
    assert desk.index.search(QUESTION, k=3, mode="dense")[0].mentor == "Priya Raman"


def test_a_deleted_index_folder_is_reported_by_search_and_rebuilt_by_doctor(settings, minilm):
    settings.index_builtin_guidance = False
    MentorDesk(settings, embedder=minilm).ingest.ingest_paths([NOTES_DIR], kind="notes")
    shutil.rmtree(settings.chroma_path)
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # Chroma keeps one client per folder per process: start anew

    desk = MentorDesk(settings, embedder=minilm)
    passages, entries = desk.index.coverage()
    assert entries == 0 and passages > 0
    report = examine(desk)
    assert report.missing == passages and report.repaired == [f"embedded {passages} passages that had no vector"]
    assert desk.index.coverage() == (passages, passages)
    assert desk.index.search(QUESTION, k=3, mode="dense")[0].mentor == "Priya Raman"


def _cli(home, *args):
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_"))}
    env.update(MENTORDESK_HOME=str(home), MENTORDESK_LLM_PROVIDER="fake", HF_HUB_OFFLINE="1",
               MENTORDESK_INDEX_BUILTIN_GUIDANCE="false",
               MENTORDESK_MODEL_CACHE=__import__("os").environ["MENTORDESK_MODEL_CACHE"])
    return subprocess.run([sys.executable, "-m", "mentordesk", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_damaged_index_is_one_line_then_doctor_rebuilds_it(isolated_home, tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(NOTES_DIR, notes)
    assert _cli(isolated_home, "ingest", str(notes), "--kind", "notes").returncode == 0
    (isolated_home / "chroma" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)

    for command in (["search", "negotiating"], ["status"], ["ask", "what did Priya say?"]):
        done = _cli(isolated_home, *command)
        assert done.returncode == 1, command
        assert "Traceback" not in done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "run `mentordesk doctor`" in lines[0], done.stderr

    check = _cli(isolated_home, "doctor", "--check")
    assert check.returncode == 1 and "cannot be opened" in check.stdout
    done = _cli(isolated_home, "doctor")
    assert done.returncode == 0 and "moved the damaged index to" in done.stdout, done.stdout + done.stderr
    assert list(isolated_home.glob("chroma.damaged-*"))  # set aside, not deleted
    search = _cli(isolated_home, "search", QUESTION, "--mode", "dense", "--json")
    assert search.returncode == 0 and '"mentor": "Priya Raman"' in search.stdout.split("},")[0]
    assert "note:" not in search.stderr


def _segment_file(home, name: str):
    files = list((home / "chroma").glob(f"*/{name}"))
    assert len(files) == 1, files
    return files[0]


def test_a_damaged_hnsw_file_is_one_line_not_a_crash_and_doctor_rebuilds_it(isolated_home, tmp_path):
    """Chroma's HNSW reader crashes the whole process (exit 139, no message) on a damaged
    graph file; every command says what to run instead. The index only reaches its HNSW
    files past about a thousand vectors, so a library that large is ingested first."""
    library = tmp_path / "library"
    shutil.copytree(NOTES_DIR, library / "notes")
    words = "budget roadmap hiring feedback offsite launch pricing onboarding review retro".split()
    for number in range(1100):  # one short passage each: cheap to embed
        (library / "log" / f"{number // 100:02d}").mkdir(parents=True, exist_ok=True)
        (library / "log" / f"{number // 100:02d}" / f"entry-{number:04d}.txt").write_text(
            f"Log entry {number}: talked about {words[number % 10]} and {words[number // 10 % 10]} "
            f"with team {number // 100}.", encoding="utf-8")
    assert _cli(isolated_home, "ingest", str(library)).returncode == 0
    level0 = _segment_file(isolated_home, "data_level0.bin")
    assert level0.stat().st_size > 1_000_000, "the index never wrote its graph: the test needs more passages"
    healthy = _cli(isolated_home, "search", QUESTION, "--mode", "dense", "--json")
    assert healthy.returncode == 0

    level0.write_bytes(np.random.default_rng(7).integers(0, 256, level0.stat().st_size, dtype=np.uint8).tobytes())
    for command in (["search", "negotiating", "--mode", "dense"], ["status"], ["ask", "what did Priya say?"]):
        done = _cli(isolated_home, *command)
        assert done.returncode == 1, (command, done.returncode)  # not -11: no segmentation fault
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "is damaged" in lines[0] and "mentordesk doctor" in lines[0], done.stderr

    check = _cli(isolated_home, "doctor", "--check")
    assert check.returncode == 1 and "damaged" in check.stdout, check.stdout + check.stderr
    done = _cli(isolated_home, "doctor")
    assert done.returncode == 0 and "moved the damaged index to" in done.stdout, done.stdout + done.stderr
    again = _cli(isolated_home, "search", QUESTION, "--mode", "dense", "--json")
    assert again.returncode == 0 and again.stdout == healthy.stdout
