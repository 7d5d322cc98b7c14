"""A lock per user around changes to the search index, held across processes.

Ingestion writes a file's vectors to the index and then commits its chunks to the store; a
rebuild or a repair deletes the vectors that have no chunk. Run side by side, the second
would delete the first's vectors in the moment between the two steps. Both take this lock,
so they take turns; searches never take it. One lock per owner: a user's repair deletes only
their own vectors, so two users never wait for each other.

SQLite: an ``flock`` on a file next to the database (released by the kernel if the process
dies). PostgreSQL: a session advisory lock on a connection of its own.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

_local = threading.local()  # re-entrant within a thread: a rebuild may call ingestion's helpers
_thread_locks: dict[str, threading.RLock] = {}
_guard = threading.Lock()


def _key(owner: str) -> int:
    return int.from_bytes(hashlib.sha256(f"mentordesk-index:{owner}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def index_write_lock(engine: Engine, owner: str) -> Iterator[None]:
    held: set[str] = getattr(_local, "held", set())
    _local.held = held
    if owner in held:
        yield
        return
    with _guard:
        thread_lock = _thread_locks.setdefault(owner, threading.RLock())
    with thread_lock:  # threads of one process (the app's users) take turns here
        held.add(owner)
        try:
            with _process_lock(engine, owner):
                yield
        finally:
            held.discard(owner)


@contextmanager
def _process_lock(engine: Engine, owner: str) -> Iterator[None]:
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if not database or database == ":memory:":
            yield
            return
        import fcntl

        path = Path(database).with_name(f"{Path(database).name}.index-{_key(owner) & 0xFFFFFFFF:08x}.lock")
        with open(path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _key(owner)})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _key(owner)})
                connection.commit()
        return
    yield  # another database: no cross-process lock
