"""Schema migrations: every data folder is brought to the schema this code declares when
it is opened (the app and the CLI both open it through ``Database``).

- An empty database is created from the tables as declared and marked current: the same
  schema the migrations build (``tests/test_migrations.py`` compares them), in one step.
- A database at ``HEAD`` costs one query.
- Anything older is copied first (SQLite: ``<file>.before-<revision>-<time>.bak`` next to
  it, with SQLite's online backup), then upgraded by Alembic in one transaction: a failed
  step leaves the database as it was. A database made before migrations existed (release
  e0ccbb8 and the ones after it) is taken to be at revision 0001, and the revisions after
  it check what is already there.
- A database from a newer MentorDesk (a revision this code does not know) is refused with a
  message, never changed.

To change a table: edit ``tables.py``, then add a revision in ``migrations/versions`` (its
``down_revision`` the current head) and set ``HEAD`` to it.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from store.errors import UserError
from store.tables import Base

HEAD = "0005"
BEFORE_MIGRATIONS = "0001"  # the schema of every data folder made before migrations existed
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger(__name__)


class NewerStoreError(UserError):
    """The data folder was made by a newer MentorDesk."""


def current_revision(engine: Engine) -> tuple[str | None, set[str]]:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = (connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                    if "alembic_version" in tables else None)
    return revision, tables - {"alembic_version"}


def _config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config(None)).walk_revisions()}


def backup_sqlite(engine: Engine, revision: str | None) -> Path | None:
    """A consistent copy of a SQLite database file, next to it; None for other databases."""
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        return None
    source = Path(engine.url.database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.before-{revision or 'migrations'}-{stamp}.bak")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def upgrade_store(engine: Engine) -> Path | None:
    """Bring the database to ``HEAD``. Returns the backup made before upgrading, if any."""
    revision, tables = current_revision(engine)
    if revision == HEAD:
        return None
    from alembic import command

    if not tables:  # a new data folder: the tables and their revision in one transaction, so a
        # process killed in between leaves an empty database, not tables with no revision
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                # Python's sqlite3 opens a transaction only before a write of rows: each CREATE
                # TABLE would commit on its own, and a kill would leave tables with no revision
                # (seen in CI: the next start then failed migrating them). One explicit one.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            Base.metadata.create_all(connection)
            command.stamp(_config(connection), HEAD)
        return None
    if revision is not None and revision not in known_revisions():
        raise NewerStoreError(
            f"this data folder was made by a newer MentorDesk (database schema {revision}; this version knows "
            f"up to {HEAD}): upgrade MentorDesk, or point MENTORDESK_HOME at another folder. Nothing was changed.")
    backup = backup_sqlite(engine, revision)
    if backup is None:
        log.warning("upgrading the database schema from %s to %s; no copy was made (back it up with your "
                    "database's own tools)", revision or BEFORE_MIGRATIONS, HEAD)
    with engine.begin() as connection:
        config = _config(connection)
        if revision is None:
            command.stamp(config, BEFORE_MIGRATIONS)
        command.upgrade(config, HEAD)
    log.info("upgraded the database schema from %s to %s (copy before: %s)", revision or "before migrations",
             HEAD, backup)
    return backup
