"""Every row of a person's data records its owner (team mode, issue 13): ``local`` for the
one user of a single-user data folder, a user id in team mode, ``*`` for the shared
guidance. A document's source and a note review's source are unique per owner (two people
may both upload ``notes.md``). Existing rows become ``local``; the built-in guidance
(sources under ``builtin/``, or an older
install's ``.../knowledge/``) becomes shared.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OWNED = ("documents", "chunks", "profile", "people", "message_entries", "meetings", "advice_items",
         "note_reviews", "drafts")


def upgrade() -> None:
    for table in OWNED:
        op.add_column(table, sa.Column("owner", sa.String(length=128), server_default="local", nullable=False))
        op.create_index(op.f(f"ix_{table}_owner"), table, ["owner"], unique=False)
    # Older releases indexed the built-in guidance under their install path (.../knowledge/x.md);
    # shared too, so the next start finds and replaces those copies.
    op.execute("UPDATE documents SET owner = '*' WHERE source LIKE 'builtin/%' "
               "OR (kind = 'guidance' AND source LIKE '%/knowledge/%')")
    op.execute("UPDATE chunks SET owner = '*' WHERE document_id IN (SELECT id FROM documents WHERE owner = '*')")
    for table in ("documents", "note_reviews"):
        op.drop_index(op.f(f"ix_{table}_source"), table_name=table)
        op.create_index(op.f(f"ix_{table}_source"), table, ["source"], unique=False)
        op.create_index(f"uq_{table}_owner_source", table, ["owner", "source"], unique=True)


def downgrade() -> None:
    for table in ("documents", "note_reviews"):
        op.drop_index(f"uq_{table}_owner_source", table_name=table)
        op.drop_index(op.f(f"ix_{table}_source"), table_name=table)
        op.create_index(op.f(f"ix_{table}_source"), table, ["source"], unique=True)
    for table in OWNED:
        op.drop_index(op.f(f"ix_{table}_owner"), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("owner")
