"""Advice items keep the sentence they were read from (``quote``); notes that cannot be
placed wait in ``note_reviews`` until the user settles them (issue 9).

Releases between e0ccbb8 and the first migration already made these with ``create_all``
and by adding nullable columns on start, so each step here checks first.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if "quote" not in {c["name"] for c in inspector.get_columns("advice_items")}:
        op.add_column("advice_items", sa.Column("quote", sa.Text(), nullable=True))
    if "note_reviews" not in inspector.get_table_names():
        op.create_table(
            "note_reviews",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("source", sa.String(length=1024), nullable=False),
            sa.Column("reason", sa.String(length=32), nullable=True),
            sa.Column("detail", sa.Text(), nullable=True),
            sa.Column("candidates", sa.JSON(), nullable=False),
            sa.Column("person_id", sa.Integer(), nullable=True),
            sa.Column("date", sa.Date(), nullable=True),
            sa.Column("dismissed", sa.Boolean(), nullable=False),
            sa.Column("settled_at", sa.DateTime(), nullable=True),
            sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
            sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(op.f("ix_note_reviews_source"), "note_reviews", ["source"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_note_reviews_source"), table_name="note_reviews")
    op.drop_table("note_reviews")
    with op.batch_alter_table("advice_items") as batch:
        batch.drop_column("quote")
