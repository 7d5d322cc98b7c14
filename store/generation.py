"""The chunk generation: a counter in ``store_meta`` that every change to the library's
chunks increments in the same transaction. A long-running process (the app) compares it
with the generation its in-memory indexes were built at, and reloads them once when another
process (the CLI) changed the library."""

from __future__ import annotations

from store.engine import Database
from store.tables import StoreMeta

GENERATION_KEY = "chunk_generation"


def read_generation(db: Database) -> int:
    with db.session() as session:
        return read_generation_in(session)


def read_generation_in(session) -> int:
    row = session.get(StoreMeta, GENERATION_KEY)
    return int(row.value) if row else 0


def bump_generation(session) -> int:
    row = session.get(StoreMeta, GENERATION_KEY)
    if row is None:
        row = StoreMeta(key=GENERATION_KEY, value="0")
        session.add(row)
    row.value = str(int(row.value) + 1)
    return int(row.value)
