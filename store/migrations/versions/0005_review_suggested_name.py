"""A note waiting for review can suggest a new person: the full name it states when no one
in the tracking table has it ("coffee w/ Lorna Baptiste"), so the user adds them with one
choice instead of typing the name.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("note_reviews", sa.Column("suggested_name", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("note_reviews") as batch:
        batch.drop_column("suggested_name")
