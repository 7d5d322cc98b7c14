"""Helpers for relationship tests that need only the database (no embedding model)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import select

from mentordesk.relationships import Relationships
from mentordesk.settings import Settings
from store.engine import Database
from store.tables import Document


def bare_relationships(home: Path, **settings) -> Relationships:
    """The relationship services on a fresh SQLite file, with no index behind them."""
    home.mkdir(parents=True, exist_ok=True)
    config = Settings(home=home, llm_provider="fake", **settings)
    return Relationships(Database(config.resolved_database_url), config)


def put_note(db: Database, source: str, mentor: str | None, date: dt.date | None, text: str,
             title: str | None = None, kind: str = "notes") -> int:
    """Insert or replace a document the way ingestion would (without chunks)."""
    digest = hashlib.sha256(f"{kind}{mentor}{date}{title}{text}".encode()).hexdigest()
    with db.session() as session:
        doc = session.scalar(select(Document).where(Document.source == source))
        if doc is None:
            doc = Document(source=source)
            session.add(doc)
        doc.kind, doc.mentor, doc.date, doc.title, doc.text, doc.tags = kind, mentor, date, title, text, []
        doc.content_hash = digest
        session.flush()
        return doc.id


def drop_note(db: Database, source: str) -> None:
    with db.session() as session:
        session.delete(session.scalar(select(Document).where(Document.source == source)))


def snapshot(rel: Relationships) -> dict:
    """Everything a user could see, to assert that a failed operation changed nothing."""
    with rel.db.session() as session:
        from mentordesk.relationships.views import load_advice, load_meetings, load_messages, load_people

        return {
            "people": load_people(session), "meetings": load_meetings(session),
            "advice": load_advice(session), "messages": load_messages(session),
            "profile": rel.profile.get(),
        }
