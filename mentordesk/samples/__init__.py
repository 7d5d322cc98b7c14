"""Sample data a newcomer can load and remove in one click (see README.md here)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from store.tables import Document, Person

FOLDER = Path(__file__).resolve().parent
PREFIX = "Sample:"
SOURCE_PREFIX = "sample/"


def load_samples(desk) -> str:
    """Import the sample table and index the sample notes; returns a one-line summary."""
    table = desk.relationships.table.import_file(FOLDER / "targets.csv")
    notes = [p for p in sorted(FOLDER.iterdir()) if p.suffix in (".md", ".txt") and p.name != "README.md"]
    report = desk.ingest.ingest_uploads([(p.name, p.read_bytes()) for p in notes], kind="notes",
                                        prefix=SOURCE_PREFIX.rstrip("/"))
    return f"{len(table.added)} sample people and {len(report.added)} sample notes loaded"


def has_samples(desk) -> bool:
    with desk.db.session() as session:
        return session.scalar(select(Person.id).where(Person.name.startswith(PREFIX)).limit(1)) is not None


def remove_samples(desk) -> int:
    """Remove every sample person (with their meetings) and every sample note; nothing else."""
    with desk.db.session() as session:
        sources = list(session.scalars(select(Document.source).where(Document.source.startswith(SOURCE_PREFIX))))
        names = list(session.scalars(select(Person.name).where(Person.name.startswith(PREFIX))))
    desk.ingest.delete_sources(sources)
    for name in names:
        desk.relationships.people.delete(name, with_notes=True)
    return len(names)
