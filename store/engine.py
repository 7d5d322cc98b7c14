"""Database engine and sessions. SQLite by default; any SQLAlchemy URL (PostgreSQL) works."""

from __future__ import annotations

import threading
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
        self._outer = threading.local()  # the session of a transaction() in progress, per thread
        install_scoping(self._sessions)
        # A new folder gets the current schema; an older one a copy, then the migrations.
        self.backup = upgrade_store(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One commit for several services' steps (a message logged, its meeting settled, its
        draft marked sent): a crash or an error in any step leaves none of them done. The
        services' own ``session()`` calls in this thread join it."""
        if getattr(self._outer, "session", None) is not None:
            yield self._outer.session
            return
        with self.session() as session:
            self._outer.session = session
            try:
                yield session
            finally:
                self._outer.session = None

    def scoped(self, scope: Scope) -> Database:
        """The same database (engine, connection pool) seen as ``scope``."""
        view = object.__new__(Database)
        view.__dict__.update(self.__dict__)
        view.scope = scope
        view._outer = threading.local()  # another user's view never joins this one's transaction
        return view

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error, so a failed
        operation never leaves half its changes behind. Inside ``transaction()`` it is that
        transaction's session, committed when the transaction ends."""
        outer = getattr(self._outer, "session", None)
        if outer is not None:
            yield outer
            return
        session = self._sessions(info={"scope": self.scope})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
