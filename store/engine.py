"""Database engine and sessions. SQLite by default; any SQLAlchemy URL (PostgreSQL) works."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from store.migrate import upgrade_store
from store.scope import Scope, install_scoping


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cursor = dbapi_conn.cursor()
            # Foreign keys are off by default in SQLite; WAL lets the UI read while ingest writes.
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """Owns the engine and hands out transactional sessions, each scoped to one user
    (``store.scope``): single-user mode by default, ``scoped`` for another user's view."""

    def __init__(self, url: str, scope: Scope | None = None):
        self.url = url
        self.scope = scope or Scope.single_user()
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_scoping(self._sessions)
        # A new folder gets the current schema; an older one a copy, then the migrations.
        self.backup = upgrade_store(self.engine)

    def scoped(self, scope: Scope) -> Database:
        """The same database (engine, connection pool) seen as ``scope``."""
        view = object.__new__(Database)
        view.__dict__.update(self.__dict__)
        view.scope = scope
        return view

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error, so a failed
        operation never leaves half its changes behind."""
        session = self._sessions(info={"scope": self.scope})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
