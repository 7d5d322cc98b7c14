"""Alembic's environment: migrations run on the connection ``store.migrate`` hands over
(``config.attributes["connection"]``), never on a URL of their own."""

from alembic import context

from store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")  # SQLite alters tables by copying them
with context.begin_transaction():
    context.run_migrations()
