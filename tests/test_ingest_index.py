"""Ingestion into the store and the index, end to end on real local components: SQLite and
Chroma in a temp folder, the real MiniLM model (shared across the session)."""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pytest
from conftest import NOTES_DIR
from helpers import CountingEmbedder, make_docx
from sqlalchemy import select

from mentordesk.container import MentorDesk
from store.tables import Chunk, Document
from vectorstore.chroma_index import IndexMismatchError
from vectorstore.embeddings import HashingEmbedder
from vectorstore.filters import SearchFilter

NOTES = [
    "2025-01-17-priya-raman.md",
    "2025-03-07-priya-raman.md",
    "2025-04-02-mei-tanaka.md",
    "2025-05-07-carlos-mendes.md",
    "2025-09-17-daniel-okafor.md",
    "2026-01-14-daniel-okafor.md",
]
OFFER_NOTE = "2025-03-07-priya-raman.md"


@pytest.fixture
def notes_dir(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name in NOTES:
        shutil.copy(NOTES_DIR / name, folder / name)
    return folder


@pytest.fixture
def embedder(minilm):
    return CountingEmbedder(minilm)


@pytest.fixture
def library(settings, embedder, notes_dir):
    settings.index_builtin_guidance = False
    desk = MentorDesk(settings, embedder=embedder)
    report = desk.ingest.ingest_paths([notes_dir])
    assert sorted(report.added) == sorted(str(notes_dir / n) for n in NOTES)
    return desk


def counts(desk) -> tuple[int, int, int]:
    """(documents in the store, chunks in the store, entries in the Chroma index)."""
    status = desk.status()
    return status["documents"], status["chunks"], desk.index_count()


def chunk_ids(desk, path) -> dict[int, str]:
    with desk.db.session() as session:
        rows = session.execute(
            select(Chunk.position, Chunk.id).join(Document).where(Document.source == str(path.resolve()))
        )
        return dict(rows.all())


def sources(results) -> list[str]:
    return [r.source.rsplit("/", 1)[-1] for r in results]


# ----- ingest and search ---------------------------------------------------------------------


def test_ingested_notes_are_searchable_with_full_citations(library, embedder):
    documents, chunks, indexed = counts(library)
    assert documents == len(NOTES)
    assert chunks == indexed > len(NOTES)
    assert embedder.texts == chunks

    results = library.index.search("How should I negotiate a job offer?", k=3)
    top = results[0]
    assert sources(results)[0] == OFFER_NOTE
    assert (top.kind, top.mentor, top.date, top.title) == (
        "notes", "Priya Raman", dt.date(2025, 3, 7), "Negotiating the Halcyon Systems offer")
    assert top.position >= 0 and top.score > 0 and top.relevant
    assert "Priya Raman" in top.citation_label() and "2025-03-07" in top.citation_label()
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_hybrid_search_finds_an_exact_name(library):
    # A person mentioned once in one note: the keyword side makes sure it is found.
    assert sources(library.index.search("Elif Demir", k=3))[0] == OFFER_NOTE
    assert sources(library.index.search("Amara Nwosu", k=3))[0] == "2025-09-17-daniel-okafor.md"


def test_reingesting_unchanged_files_embeds_nothing_and_duplicates_nothing(library, embedder, notes_dir):
    before = counts(library)
    embedded = embedder.texts
    report = library.ingest.ingest_paths([notes_dir])
    assert len(report.unchanged) == len(NOTES)
    assert report.added == report.replaced == report.removed == []
    assert report.chunks_embedded == 0
    assert embedder.texts == embedded
    assert counts(library) == before
    results = library.index.search("signing bonus", k=5)
    assert len({r.chunk_id for r in results}) == len(results)


def test_a_changed_file_replaces_only_its_changed_chunks(library, embedder, notes_dir):
    path = notes_dir / OFFER_NOTE
    old_ids = chunk_ids(library, path)
    before = counts(library)
    text = path.read_text(encoding="utf-8")
    assert "walk-away number" in text
    path.write_text(text.replace(
        "Write down my walk-away number before Tuesday's call",
        "Ask the recruiter about relocation support on Thursday"), encoding="utf-8")
    embedded = embedder.texts

    report = library.ingest.ingest_paths([notes_dir])

    assert report.replaced == [str(path)]
    assert len(report.unchanged) == len(NOTES) - 1
    assert report.chunks_embedded == 1 and embedder.texts == embedded + 1
    new_ids = chunk_ids(library, path)
    last = max(old_ids)
    assert set(new_ids) == set(old_ids)
    assert new_ids[last] != old_ids[last]
    assert all(new_ids[p] == old_ids[p] for p in old_ids if p != last)  # unchanged chunks keep their ids
    assert counts(library) == before
    assert library.chroma.existing_ids([old_ids[last]]) == set()

    assert not any("walk-away" in r.text for r in library.index.search("walk-away number", 20, mode="keyword"))
    found = library.index.search("relocation support recruiter", 3)
    assert sources(found)[0] == OFFER_NOTE and "relocation support" in found[0].text


def test_a_deleted_file_in_an_ingested_folder_is_removed(library, notes_dir):
    path = notes_dir / OFFER_NOTE
    gone = chunk_ids(library, path)
    documents, chunks, indexed = counts(library)
    path.unlink()

    report = library.ingest.ingest_paths([notes_dir])

    assert report.removed == [str(path.resolve())]
    assert counts(library) == (documents - 1, chunks - len(gone), indexed - len(gone))
    assert library.chroma.existing_ids(list(gone.values())) == set()
    assert OFFER_NOTE not in sources(library.index.search("Elif Demir Halcyon signing bonus", 5))


def test_a_file_named_twice_in_one_command_is_ingested_once(settings, embedder, notes_dir):
    # `mentordesk ingest notes/ notes/2025-03-07-priya-raman.md`: the same file via a folder and by name.
    settings.index_builtin_guidance = False
    desk = MentorDesk(settings, embedder=embedder)
    report = desk.ingest.ingest_paths([notes_dir, notes_dir / OFFER_NOTE, notes_dir])
    assert len(report.added) == len(NOTES) and report.skipped == []
    documents, chunks, indexed = counts(desk)
    assert documents == len(NOTES) and chunks == indexed == report.chunks_total


def test_ingesting_another_path_does_not_remove_files_from_this_folder(library, notes_dir, tmp_path):
    (notes_dir / OFFER_NOTE).unlink()
    other = tmp_path / "other.md"
    other.write_text("# Reading list\n\nThe Manager's Path, chapter on mentoring.", encoding="utf-8")
    report = library.ingest.ingest_paths([other])
    assert report.added == [str(other)] and report.removed == []
    assert counts(library)[0] == len(NOTES) + 1


def test_a_file_that_breaks_keeps_its_saved_version(library, notes_dir):
    path = notes_dir / OFFER_NOTE
    before = counts(library)
    path.write_text("---\nmentor: Priya Raman\ndate: 2025-02-30\n---\nBroken now.", encoding="utf-8")
    (notes_dir / "setup.exe").write_bytes(b"MZ\x90\x00")

    report = library.ingest.ingest_paths([notes_dir])

    skipped = dict(report.skipped)
    assert len(skipped) == 2
    assert skipped[str(path)] == "date '2025-02-30' is not a valid YYYY-MM-DD date"
    assert skipped[str(notes_dir / "setup.exe")].startswith("unsupported file type '.exe'")
    assert report.removed == []
    assert counts(library) == before
    assert sources(library.index.search("Elif Demir", 3))[0] == OFFER_NOTE


def test_uploaded_bytes_are_ingested_once(desk):
    data = make_docx("Offer checklist", ["Ask whether the equity refresh vests monthly or yearly."])
    first = desk.ingest.ingest_bytes("offer-checklist.docx", data, kind="documents")
    assert first.added == ["offer-checklist.docx"] and first.chunks_embedded == 1
    again = desk.ingest.ingest_bytes("offer-checklist.docx", data, kind="documents")
    assert again.unchanged == ["offer-checklist.docx"] and again.chunks_embedded == 0
    top = desk.index.search("equity refresh vesting schedule", 1)[0]
    assert (top.source, top.kind) == ("upload/offer-checklist.docx", "documents")


def test_unknown_kind_is_refused(desk, notes_dir):
    with pytest.raises(ValueError, match="unknown kind 'recipes'"):
        desk.ingest.ingest_paths([notes_dir], kind="recipes")
    assert counts(desk)[:2] == (0, 0)


def test_builtin_guidance_is_indexed_once(settings, embedder):
    desk = MentorDesk(settings, embedder=embedder)
    assert settings.index_builtin_guidance  # the default: guidance is there on first run
    first = desk.ensure_builtin_guidance()
    assert len(first.added) == 8
    documents, chunks, indexed = counts(desk)
    assert documents == 8 and chunks == indexed == first.chunks_embedded
    assert embedder.texts == 0  # the guidance's vectors ship with it (test_guidance_bundle.py)
    assert desk.status()["documents_by_kind"] == {"guidance": 8}
    again = desk.ensure_builtin_guidance()
    assert len(again.unchanged) == 8 and again.chunks_embedded == 0
    top = desk.index.search("How often should I meet my mentor?", 1)[0]
    assert (top.kind, top.source_name) == ("guidance", "cadence.md")


# ----- reindex and model mismatch -------------------------------------------------------------


def test_reindex_rebuilds_a_lost_index_from_the_store(library):
    query = "How should I give feedback in a design critique?"
    expected = [r.chunk_id for r in library.index.search(query, 3)]
    documents, chunks, _ = counts(library)

    library.chroma.reset()  # the index is gone; the store still has everything
    assert library.index_count() == 0
    assert library.index.search(query, 3, mode="dense") == []

    assert library.reindex() == chunks
    assert counts(library) == (documents, chunks, chunks)
    assert [r.chunk_id for r in library.index.search(query, 3)] == expected
    assert sources(library.index.search(query, 1, mode="dense")) == ["2025-04-02-mei-tanaka.md"]


def test_another_process_ingesting_is_seen_by_a_running_app(library, settings, embedder, tmp_path):
    assert library.index.search("Quillfeather residency", 5, mode="keyword") == []  # keyword index now built
    cli_side = MentorDesk(settings, embedder=embedder)
    note = tmp_path / "residency.md"
    note.write_text("---\nmentor: Mei Tanaka\ndate: 2026-02-01\n---\n# Residency\n\nMei took a Quillfeather residency.",
                    encoding="utf-8")
    cli_side.ingest.ingest_paths([note])
    hits = library.index.search("Quillfeather residency", 5, mode="keyword")
    assert [h.source for h in hits] == [str(note.resolve())]


def test_an_index_built_with_another_model_must_be_reindexed(settings, minilm, notes_dir, monkeypatch, capsys):
    settings.index_builtin_guidance = False
    old = MentorDesk(settings, embedder=HashingEmbedder(dimension=256))
    old.ingest.ingest_paths([notes_dir])
    chunks = counts(old)[1]

    desk = MentorDesk(settings, embedder=minilm)
    with pytest.raises(IndexMismatchError) as caught:
        desk.index.search("negotiate an offer", 3)
    message = str(caught.value)
    assert "test/hashing-embedder (256 dims)" in message
    assert "sentence-transformers/all-MiniLM-L6-v2 (384 dims)" in message
    assert "mentordesk reindex" in message

    # The real `mentordesk reindex` command, in process with the session's MiniLM instance.
    from mentordesk import cli, container

    monkeypatch.setattr(container, "make_embedder", lambda *args, **kwargs: CountingEmbedder(minilm))
    assert cli.main(["search", "negotiate an offer"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mentordesk reindex" in err and "Traceback" not in err

    assert cli.main(["reindex"]) == 0
    assert f"reindexed {chunks} chunks with sentence-transformers/all-MiniLM-L6-v2" in capsys.readouterr().out

    fresh = MentorDesk(settings, embedder=minilm)
    assert counts(fresh) == (len(NOTES), chunks, chunks)
    assert sources(fresh.index.search("How should I negotiate a job offer?", 1)) == [OFFER_NOTE]


# ----- filters --------------------------------------------------------------------------------


@pytest.fixture
def mixed_library(library, tmp_path):
    from conftest import ROOT

    guidance = [ROOT / "knowledge" / "outreach.md", ROOT / "knowledge" / "cadence.md"]
    library.ingest.ingest_paths(guidance, kind="guidance")
    doc = tmp_path / "offer-letter.docx"
    doc.write_bytes(make_docx("Offer letter", ["Halcyon Systems offers a signing bonus and an equity grant."]))
    library.ingest.ingest_paths([doc], kind="documents")
    return library


QUERY = "advice about offers, meetings, feedback and outreach"


def test_kind_filter(mixed_library):
    for kind in ("guidance", "notes", "documents"):
        results = mixed_library.index.search(QUERY, 10, SearchFilter(kinds=(kind,)))
        assert results and {r.kind for r in results} == {kind}
    both = mixed_library.index.search(QUERY, 20, SearchFilter(kinds=("guidance", "documents")))
    assert {r.kind for r in both} == {"guidance", "documents"}


def test_mentor_filter_by_first_name(mixed_library):
    keys = mixed_library.index.resolve_mentor("priya")
    assert keys == ("priya raman",)
    results = mixed_library.index.search(QUERY, 10, SearchFilter(mentors=keys))
    assert len(results) >= 4
    assert {r.mentor for r in results} == {"Priya Raman"}
    nobody = SearchFilter(mentors=mixed_library.index.resolve_mentor("Nobody"))
    assert mixed_library.index.search(QUERY, 10, nobody) == []


def test_date_range_filter_is_inclusive_and_excludes_undated(mixed_library):
    flt = SearchFilter(since=dt.date(2025, 3, 7), until=dt.date(2025, 9, 17))
    results = mixed_library.index.search(QUERY, 20, flt)
    assert {r.source_name for r in results} == {
        "2025-03-07-priya-raman.md", "2025-04-02-mei-tanaka.md", "2025-05-07-carlos-mendes.md",
        "2025-09-17-daniel-okafor.md"}


def test_combined_filters(mixed_library):
    flt = SearchFilter(kinds=("notes",), mentors=("daniel okafor",), since=dt.date(2026, 1, 1))
    results = mixed_library.index.search(QUERY, 10, flt)
    assert results and {r.source_name for r in results} == {"2026-01-14-daniel-okafor.md"}
    # The dense and keyword sides apply the same filter.
    for mode in ("dense", "keyword"):
        assert {r.source_name for r in mixed_library.index.search("Daniel startup advice", 10, flt, mode=mode)} <= {
            "2026-01-14-daniel-okafor.md"}


def test_unrelated_question_is_marked_not_relevant(mixed_library):
    results = mixed_library.index.search("What is a good sourdough bread recipe?", 5)
    assert results and not any(r.relevant for r in results)


def test_stored_vectors_are_minilm_embeddings_of_the_passage(library, minilm):
    result = library.index.search("Elif Demir", 1)[0]
    got = library.chroma.collection.get(ids=[result.chunk_id], include=["embeddings", "documents"])
    stored = np.asarray(got["embeddings"][0], dtype=np.float32)
    assert stored.shape == (384,)
    assert float(np.dot(stored, minilm.embed([got["documents"][0]])[0])) == pytest.approx(1.0, abs=1e-4)
    assert got["documents"][0].startswith("Negotiating the Halcyon Systems offer · Priya Raman · 2025-03-07\n")


def test_reindex_recuts_documents_an_older_chunker_cut(library):
    """A library cut by an older chunker follows an upgrade: `reindex` re-cuts every document
    from its stored text, with the chunks a fresh ingest would make, and searches them."""
    from sqlalchemy import update

    from ingest.chunking import CHUNKER_VERSION
    from store.tables import Chunk, Document

    with library.db.session() as session:
        expected = {d.source: [c.id for c in d.chunks] for d in session.scalars(select(Document))}
        offer = session.scalar(select(Document).where(Document.source.endswith(OFFER_NOTE)))
        offer.chunks.clear()
        session.flush()
        offer.chunks.append(Chunk(id="old-cut", position=0, heading=None, text=offer.text))  # one big chunk
        session.execute(update(Document).values(chunker_version=None))
    library.reindex()
    with library.db.session() as session:
        after = {d.source: [c.id for c in d.chunks] for d in session.scalars(select(Document))}
        versions = set(session.scalars(select(Document.chunker_version)))
    assert after == expected and versions == {CHUNKER_VERSION}
    top = library.index.search("signing bonus to cover the unvested grant", 1)[0]
    assert top.source.endswith(OFFER_NOTE) and top.chunk_id != "old-cut"
