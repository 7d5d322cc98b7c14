"""A data folder made by an older release opens upgraded, after a backup copy, with every
note, person, meeting, advice item, draft and hand-set flag intact; a new folder gets the
schema the migrations build; a folder from a newer release is refused unchanged.

The fixture ``fixtures/release-e0ccbb8/mentordesk.db`` was made by the CLI of commit
e0ccbb8 (the last release before migrations): a profile, two people added by hand (one with
a private note), eight meeting notes and a plain note ingested (three more people came from
the notes), a follow-up draft marked as sent and a thank-you draft, one action marked done
and one piece of advice given the outcome "worked"."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from test_postgres_store import postgres_url  # noqa: F401 - the PostgreSQL server fixture

from ingest.chunking import CHUNKER_VERSION
from mentordesk.container import MentorDesk
from mentordesk.settings import Settings
from store.engine import Database
from store.migrate import HEAD, NewerStoreError, _config, current_revision
from store.tables import AdviceItem, Base, Draft, Meeting, MessageEntry, Person, Profile
from vectorstore.embeddings import HashingEmbedder

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "release-e0ccbb8" / "mentordesk.db"
COUNTS = {"documents": 17, "people": 5, "meetings": 8, "advice_items": 75, "drafts": 2, "message_entries": 1}


def _counts(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        return {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in COUNTS}


def _old_folder(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE, home / "mentordesk.db")
    return home / "mentordesk.db"


def test_a_release_e0ccbb8_folder_opens_upgraded_with_everything_intact(isolated_home):
    path = _old_folder(isolated_home)
    desk = MentorDesk(Settings(home=isolated_home, llm_provider="fake", index_builtin_guidance=False),
                      embedder=HashingEmbedder())
    database = desk.db
    assert current_revision(database.engine)[0] == HEAD
    assert database.backup is not None and database.backup.parent == path.parent
    with sqlite3.connect(database.backup) as copy:  # the copy is the folder as it was
        assert copy.execute("SELECT count(*) FROM advice_items").fetchone() == (75,)
        assert "quote" not in {row[1] for row in copy.execute("PRAGMA table_info(advice_items)")}
    assert _counts(database) == COUNTS
    columns = {c["name"] for c in inspect(database.engine).get_columns("advice_items")}
    assert "quote" in columns and "note_reviews" in inspect(database.engine).get_table_names()

    people = {p.name: p for p in desk.relationships.people.list()}
    assert set(people) == {"Amara Nwosu", "Priya Raman", "Daniel Okafor", "Carlos Mendes", "Mei Tanaka"}
    assert people["Amara Nwosu"].notes == "Met at the platform meetup"
    with database.session() as session:
        assert session.scalar(select(Profile.name)) == "Jordan Lee"
        assert session.get(AdviceItem, 2).outcome == "worked" and session.get(AdviceItem, 5).done
        assert {d.kind for d in session.scalars(select(Draft))} == {"followup", "thanks"}
        assert session.scalar(select(MessageEntry.direction)) is not None

    # The upgraded folder works: the index is rebuilt from the store, notes are read again
    # by today's extractor, and what the user set by hand survives it.
    desk.reindex()
    with database.engine.connect() as connection:  # cut again by today's chunker, from the stored text
        assert set(connection.execute(text("SELECT chunker_version FROM documents")).scalars()) == {CHUNKER_VERSION}
    hits = desk.index.search("trial quarter hiring loop", 3, mode="keyword")
    assert hits and hits[0].mentor == "Priya Raman"
    with database.session() as session:
        assert session.scalar(select(AdviceItem.outcome).where(AdviceItem.outcome.is_not(None))) == "worked"
        assert session.scalar(select(Meeting.id).limit(1)) is not None
    assert MentorDesk(Settings(home=isolated_home, llm_provider="fake"), embedder=HashingEmbedder()).db.backup is None


def test_migrations_build_the_schema_the_tables_declare(tmp_path):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_a_folder_from_a_newer_release_is_refused_and_left_alone(isolated_home):
    path = _old_folder(isolated_home)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
    def dump() -> list[str]:
        with sqlite3.connect(path) as connection:
            return list(connection.iterdump())

    before = dump()
    with pytest.raises(NewerStoreError, match="made by a newer MentorDesk"):
        Database(f"sqlite:///{path}")
    assert dump() == before  # (opening it switched the journal to WAL, which changes only the header)
    assert not list(isolated_home.glob("*.bak"))


def test_head_is_the_last_revision():
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(_config(None)).get_current_head() == HEAD


def test_a_release_e0ccbb8_store_upgrades_on_postgresql(postgres_url):
    """The same upgrade on PostgreSQL: the release's schema (revision 0001) filled with the
    fixture's rows, then opened by today's code."""
    from alembic import command

    url = postgres_url.rsplit("/", 1)[0] + "/upgrade_test"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS upgrade_test"))
        connection.execute(text("CREATE DATABASE upgrade_test"))
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0001")
    source = create_engine(f"sqlite:///{FIXTURE}")
    order = ["documents", "people", "profile", "store_meta", "chunks", "drafts", "meetings", "message_entries",
             "advice_items"]
    from sqlalchemy import MetaData

    old = MetaData()
    old.reflect(engine)
    with source.connect() as reader, engine.begin() as writer:
        for table in order:
            rows = [dict(r._mapping) for r in reader.execute(text(f"SELECT * FROM {table}"))]
            if rows:
                writer.execute(old.tables[table].insert(), rows)
        for table in order:  # the rows came with their ids: move each sequence past them
            if "id" in old.tables[table].columns and old.tables[table].c.id.type.python_type is int:
                writer.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT coalesce(max(id), 1) FROM {table}))"))
    database = Database(url)
    assert current_revision(database.engine)[0] == HEAD
    assert _counts(database) == COUNTS
    with database.session() as session:
        assert session.get(AdviceItem, 2).outcome == "worked"
        session.add(Person(name="Someone New", stage="prospect"))  # ids continue after the old rows
    assert {c["name"] for c in inspect(database.engine).get_columns("advice_items")} >= {"quote"}





def test_the_cli_says_it_upgraded_an_old_folder_once(isolated_home, capsys, monkeypatch):
    from mentordesk import cli

    monkeypatch.setenv("MENTORDESK_LLM_PROVIDER", "fake")
    _old_folder(isolated_home)
    assert cli.main(["mentors", "list"]) == 0
    out = capsys.readouterr()
    assert "Amara Nwosu" in out.out and "Mei Tanaka" in out.out
    assert "upgraded the data folder" in out.err and ".bak" in out.err
    assert cli.main(["mentors", "list"]) == 0
    assert "upgraded" not in capsys.readouterr().err


def test_the_guidance_an_older_install_indexed_is_replaced_not_doubled(isolated_home):
    """e0ccbb8 indexed the guidance under its install path (/tmp/e0/knowledge/...): after a
    reinstall anywhere else, the guidance is there once, under install-free sources."""
    _old_folder(isolated_home)
    desk = MentorDesk(Settings(home=isolated_home, llm_provider="fake"), embedder=HashingEmbedder())
    with desk.db.engine.connect() as connection:
        old = connection.execute(text("SELECT source FROM documents WHERE kind = 'guidance'")).scalars().all()
    assert len(old) == 8 and all(s.startswith("/") and "/knowledge/" in s for s in old)
    report = desk.ensure_builtin_guidance()
    assert len(report.removed) == 8 and len(report.added) == 8
    status = desk.status()["documents_by_kind"]
    assert status == {"guidance": 8, "notes": 8, "documents": 1}
    with desk.db.engine.connect() as connection:
        sources = connection.execute(text("SELECT source FROM documents WHERE kind = 'guidance'")).scalars().all()
    assert sorted(sources)[0] == "builtin/cadence.md" and all(s.startswith("builtin/") for s in sources)
    assert desk.ensure_builtin_guidance().unchanged  # and the next start only hashes them


def test_a_new_folder_cut_short_while_its_tables_are_made_is_left_empty_and_opens_next_time(tmp_path, monkeypatch):
    """A new data folder's tables and their schema revision are written in one transaction:
    a process that dies in between (here the revision fails to be written) leaves no table
    behind, so the next start builds the folder afresh instead of taking half-made tables
    for an old release and failing to migrate them (seen in CI, a kill during an import)."""
    from alembic import command

    def dies(*_args, **_kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(command, "stamp", dies)
    with pytest.raises(RuntimeError, match="killed"):
        Database(f"sqlite:///{tmp_path / 'mentordesk.db'}")
    engine = create_engine(f"sqlite:///{tmp_path / 'mentordesk.db'}")
    assert inspect(engine).get_table_names() == []
    engine.dispose()
    monkeypatch.undo()
    database = Database(f"sqlite:///{tmp_path / 'mentordesk.db'}")
    assert current_revision(database.engine)[0] == HEAD
