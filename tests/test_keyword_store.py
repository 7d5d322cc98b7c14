"""The keyword index in the SQLite store (FTS5): the same ranking as the in-memory BM25,
kept in step with the chunks under add, replace and delete, written in ingestion's own
transaction, and rebuilt when a data folder's table is missing or behind."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from mentordesk.container import MentorDesk
from mentordesk.settings import Settings
from store.engine import Database
from tests.test_keyword_fusion_filters import LIBRARY
from vectorstore.embeddings import HashingEmbedder
from vectorstore.filters import SearchFilter
from vectorstore.keyword import KeywordIndex
from vectorstore.keyword_store import TABLE, SqliteKeywordStore

QUERIES = ["signing bonus", "Priya negotiate compensation", "introduce investor", "cold message twenty minutes",
           "burnout alerts", "manager track energy log", "offer",
           "negot the comp", "invest intro"]  # (shortened words stand for the words they begin)


@pytest.fixture
def store(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'store.db'}")
    keywords = SqliteKeywordStore(db.engine)
    with db.session() as session:
        keywords.write(session, LIBRARY)
    return db, keywords


def test_ranks_like_the_in_memory_index_with_and_without_filters(store):
    _, keywords = store
    memory = KeywordIndex()
    memory.add(LIBRARY)
    filters = [None, SearchFilter(kinds=("notes",)), SearchFilter(mentors=("priya raman",)),
               SearchFilter(since=dt.date(2025, 3, 1))]
    for query in QUERIES:
        for flt in filters:
            ours, theirs = keywords.search(query, 5, flt), memory.search(query, 5, flt)
            assert [h.chunk_id for h in ours] == [h.chunk_id for h in theirs], (query, flt)
            assert [round(h.score, 4) for h in ours] == [round(h.score, 4) for h in theirs]
            assert [h.matched_terms for h in ours] == [h.matched_terms for h in theirs]


def test_a_shortened_word_finds_the_words_it_begins_after_a_write(store):
    db, keywords = store
    assert [h.chunk_id for h in keywords.search("negot")] == ["priya-offer"]
    with db.session() as session:  # a term new to the vocabulary is found by its beginning too
        keywords.write(session, [("bernie", "Pick one qualification path and stick to it.", LIBRARY[0][2])])
    assert [h.chunk_id for h in keywords.search("what order should my quals be in")] == ["bernie"]


def test_replace_and_delete_keep_it_in_step(store):
    db, keywords = store
    assert [h.chunk_id for h in keywords.search("angel investor")] == ["daniel-amara"]
    with db.session() as session:  # the note is rewritten: its old words must stop matching
        keywords.write(session, [("daniel-amara", "Daniel now suggests a design review.", LIBRARY[1][2])])
    assert keywords.search("angel investor") == []
    assert [h.chunk_id for h in keywords.search("design review")] == ["daniel-amara"]
    with db.session() as session:
        keywords.write(session, [], removed=["daniel-amara", "priya-offer"])
    assert keywords.search("design review") == [] and keywords.search("total compensation") == []
    with db.engine.connect() as connection:
        assert connection.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar() == len(LIBRARY) - 2
    assert keywords._totals(db.engine.connect())[0] == len(LIBRARY) - 2


def test_a_failed_transaction_leaves_no_keyword_rows(store):
    db, keywords = store
    with pytest.raises(RuntimeError):
        with db.session() as session:
            keywords.write(session, [("new", "a unique zeppelin word", {"kind": "notes"})])
            raise RuntimeError("the ingestion failed after writing")
    assert keywords.search("zeppelin") == []


def _desk(home, keyword_index: str) -> MentorDesk:
    return MentorDesk(Settings(home=home, llm_provider="fake", index_builtin_guidance=False,
                               keyword_index=keyword_index), embedder=HashingEmbedder())


def test_ingestion_writes_it_and_a_folder_without_it_is_rebuilt_on_first_search(isolated_home, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-03-07 Priya.md").write_text("Priya: negotiate the signing bonus, not only the base.\n")
    older = _desk(isolated_home, "memory")  # a data folder made without the table
    older.ingest.ingest_paths([notes])
    with older.db.engine.connect() as connection:
        assert not connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = :t"), {"t": TABLE}).first()

    desk = _desk(isolated_home, "auto")
    assert isinstance(desk.index.keyword, SqliteKeywordStore)  # rebuilt here, once
    hits = desk.index.search("signing bonus", 3, mode="keyword")
    assert [h.source_name for h in hits] == ["2025-03-07 Priya.md"]

    (notes / "2025-04-01 Priya.md").write_text("Priya: ask for the equity refresh schedule in writing.\n")
    desk.ingest.ingest_paths([notes])  # written with the chunks, no rebuild needed
    assert [h.source_name for h in desk.index.search("equity refresh", 3, mode="keyword")] == ["2025-04-01 Priya.md"]

    older.ingest.ingest_paths([notes / "2025-04-01 Priya.md"], kind="documents")  # a writer that skips the table
    assert [h.kind for h in _desk(isolated_home, "auto").index.search("equity refresh", 3, mode="keyword")] \
        == ["documents"]


def test_the_database_keyword_index_needs_sqlite(isolated_home, monkeypatch):
    from store.errors import UserError

    desk = _desk(isolated_home, "database")
    monkeypatch.setattr(desk.db.engine.dialect, "name", "postgresql")
    with pytest.raises(UserError, match="needs the SQLite store"):
        desk.index  # noqa: B018


def test_the_app_searches_in_memory_after_warm_up_and_the_cli_the_store(isolated_home, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-03-07 Priya.md").write_text("Priya: negotiate the signing bonus, not only the base.\n")
    cli = _desk(isolated_home, "auto")
    cli.ingest.ingest_paths([notes])
    assert isinstance(cli.index.keyword, SqliteKeywordStore)  # one-shot: nothing built
    app = _desk(isolated_home, "auto")
    app.index.warm_up()
    assert isinstance(app.index.keyword, KeywordIndex)
    (notes / "2025-04-01 Priya.md").write_text("Priya: ask for the equity refresh schedule in writing.\n")
    cli.ingest.ingest_paths([notes])  # another process writes: the app's copy is reloaded once
    assert [h.source_name for h in app.index.search("equity refresh", 3, mode="keyword")] == ["2025-04-01 Priya.md"]
    assert [h.source_name for h in cli.index.search("equity refresh", 3, mode="keyword")] == ["2025-04-01 Priya.md"]
