"""The in-memory copy of the vectors (exact dense search) and how the library index keeps
it in step with Chroma: same answers as Chroma, changes visible at once, changes from
another process picked up, and Chroma used whenever the copy is not loaded."""

from __future__ import annotations

import datetime as dt
import shutil
import time

import numpy as np
import pytest
from conftest import NOTES_DIR

from mentordesk.container import MentorDesk
from vectorstore.filters import SearchFilter, date_key, mentor_key
from vectorstore.memory_vectors import MemoryVectors

MENTORS = ("Priya Raman", "Carlos Mendes", "Mei Tanaka")


def random_library(n: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"c{i}" for i in range(n)]
    metas = [
        {"kind": ("notes", "guidance", "documents")[i % 3], "mentor_key": mentor_key(MENTORS[i % 3]) if i % 3 == 0 else None,
         "date": date_key(dt.date(2024, 1, 1) + dt.timedelta(days=i)) if i % 3 == 0 else None}
        for i in range(n)
    ]
    return ids, vectors, metas


def brute_force(ids, vectors, metas, query, k, flt):
    scored = [(float(v @ query), cid) for cid, v, m in zip(ids, vectors, metas) if flt is None or flt.matches(m)]
    return [cid for _, cid in sorted(scored, reverse=True)[:k]]


FILTERS = [
    None,
    SearchFilter(kinds=("notes",)),
    SearchFilter(mentors=("priya raman",)),
    SearchFilter(mentors=("priya raman", "mei tanaka"), since=dt.date(2024, 3, 1), until=dt.date(2024, 6, 30)),
    SearchFilter(kinds=("guidance", "documents")),
    SearchFilter(mentors=("nobody at all",)),
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: "none" if f is None else repr(f)[13:60])
def test_search_is_exact_and_filters_like_the_metadata(flt):
    ids, vectors, metas = random_library(600)
    memory = MemoryVectors(32)
    memory.add(ids, vectors, metas)
    query = vectors[7] + 0.3 * vectors[8]
    query /= np.linalg.norm(query)
    got = memory.search(query, 10, flt)
    assert [cid for cid, _ in got] == brute_force(ids, vectors, metas, query, 10, flt)
    for cid, score in got:
        assert score == pytest.approx(float(vectors[ids.index(cid)] @ query), abs=1e-5)


def test_adding_again_replaces_and_removing_forgets_even_after_compaction():
    ids, vectors, metas = random_library(3000)
    memory = MemoryVectors(32)
    memory.add(ids, vectors, metas)
    memory.add(["c5"], -vectors[5:6], [metas[5]])  # a changed chunk: its new vector wins
    assert len(memory) == 3000
    assert memory.search(vectors[5], 1)[0][0] != "c5"
    assert memory.search(-vectors[5], 1) == [("c5", pytest.approx(1.0, abs=1e-5))]

    memory.remove(ids[:2000])  # two thirds gone: the matrix is compacted
    assert len(memory) == 1000
    assert memory.vector("c10") is None
    np.testing.assert_allclose(memory.vector("c2500"), vectors[2500])
    rest = ids[2000:]
    query = vectors[2999]
    assert [cid for cid, _ in memory.search(query, 5)] == brute_force(rest, vectors[2000:], metas[2000:], query, 5, None)


def test_vectors_of_the_wrong_shape_are_refused_and_nothing_changes():
    ids, vectors, metas = random_library(4)
    memory = MemoryVectors(32)
    memory.add(ids, vectors, metas)
    with pytest.raises(ValueError, match="expected 2 vectors of 32 dims"):
        memory.add(["x", "y"], np.zeros((2, 16), dtype=np.float32), metas[:2])
    assert len(memory) == 4 and memory.vector("x") is None


def test_empty_library_and_no_match_return_nothing():
    memory = MemoryVectors(32)
    assert memory.search(np.ones(32, dtype=np.float32), 5) == []
    ids, vectors, metas = random_library(5)
    memory.add(ids, vectors, metas)
    assert memory.search(vectors[0], 5, SearchFilter(mentors=("nobody",))) == []


# ----- inside the library index -----------------------------------------------------------------


@pytest.fixture
def notes_dir(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for path in sorted(NOTES_DIR.glob("*.md"))[:10]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def library(settings, minilm, notes_dir):
    settings.index_builtin_guidance = False
    desk = MentorDesk(settings, embedder=minilm)
    desk.ingest.ingest_paths([notes_dir])
    return desk


QUESTIONS = [
    ("How should I negotiate a job offer?", None),
    ("what did she say about on-call?", SearchFilter(kinds=("notes",))),
    ("staff track or manager track", SearchFilter(mentors=("priya raman",))),
    ("introductions", SearchFilter(since=dt.date(2025, 3, 1), until=dt.date(2025, 12, 31))),
]


def ranked(desk, question, flt):
    return [(r.chunk_id, round(r.dense_score, 4)) for r in desk.index.search(question, 8, flt)]


def test_warm_search_gives_the_same_results_as_chroma(library, settings, minilm):
    cold = [ranked(library, q, f) for q, f in QUESTIONS]  # not warmed up: Chroma answers
    assert not library.index.vectors_loaded
    library.index.warm_up()
    assert library.index.vectors_loaded
    assert [ranked(library, q, f) for q, f in QUESTIONS] == cold

    settings.memory_vectors = False
    chroma_only = MentorDesk(settings, embedder=minilm)
    chroma_only.index.warm_up()
    assert not chroma_only.index.vectors_loaded
    assert [ranked(chroma_only, q, f) for q, f in QUESTIONS] == cold


def test_a_note_ingested_after_warm_up_is_found_at_once_and_a_deleted_one_is_gone(library, tmp_path):
    library.index.warm_up()
    note = tmp_path / "residency.md"
    note.write_text("---\nmentor: Mei Tanaka\ndate: 2026-02-01\n---\n# Residency\n\n"
                    "Mei suggested applying to the Quillfeather writing residency in spring.", encoding="utf-8")
    library.ingest.ingest_paths([note])
    assert library.index.vectors_loaded  # kept in step, not reloaded
    top = library.index.search("writing residency", 3, SearchFilter(mentors=("mei tanaka",)), mode="dense")
    assert top[0].source == str(note.resolve())

    note.unlink()
    library.ingest.ingest_paths([tmp_path])  # the folder no longer has it: removed
    top = library.index.search("writing residency", 3, mode="dense")
    assert str(note.resolve()) not in [r.source for r in top]


@pytest.mark.xfail(reason="flaky, cause open: about 1 run in 8 in CI (idle machine at fbb00bd) Chroma's query right "
                          "after another desk's ingest did not rank the new note first; see the session note", strict=False)
def test_a_change_by_another_process_is_searched_through_chroma_until_reloaded(library, settings, minilm, tmp_path):
    library.index.warm_up()
    cli_side = MentorDesk(settings, embedder=minilm)  # e.g. `mentordesk ingest` while the app runs
    note = tmp_path / "kiln.md"
    note.write_text("---\nmentor: Carlos Mendes\ndate: 2026-03-01\n---\n# Kiln\n\n"
                    "Carlos recommended the Kilnworth pottery studio for a creative break.", encoding="utf-8")
    cli_side.ingest.ingest_paths([note])

    top = library.index.search("pottery studio creative break", 3, mode="dense")
    assert top[0].source == str(note.resolve())  # seen at once, through Chroma
    deadline = time.monotonic() + 30
    while not library.index.vectors_loaded and time.monotonic() < deadline:
        time.sleep(0.05)  # the copy reloads on a background thread
    assert library.index.vectors_loaded
    assert library.index.search("pottery studio creative break", 3, mode="dense")[0].source == str(note.resolve())


def test_reindex_drops_the_copy_and_search_still_works(library):
    library.index.warm_up()
    expected = ranked(library, *QUESTIONS[0])
    library.reindex()
    assert ranked(library, *QUESTIONS[0]) == expected
