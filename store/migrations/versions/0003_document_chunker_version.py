"""Each document records the chunker that cut it, so ``reindex`` can re-cut the documents
an older chunker made from their stored text. Existing documents start with none: the
next ``reindex`` re-cuts them all once.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("chunker_version", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("chunker_version")
