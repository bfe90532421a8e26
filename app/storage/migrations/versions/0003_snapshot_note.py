"""Give every snapshot an optional note ("after the onboarding redesign"): what was going on.

The building blocks and settings of the time travel inside the snapshot's own data (JSON), so
only the note needs a column: older snapshots get an empty one and lose nothing.

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
    op.add_column("snapshot", sa.Column("note", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("snapshot") as batch:
        batch.drop_column("note")
