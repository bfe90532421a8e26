"""The first .ecomap schema: map, categories, nodes, edges, snapshots.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "map",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("goals", sa.JSON, nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
    )
    op.create_table(
        "category",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("shape", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "node",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("ext_id", sa.Text, nullable=False, unique=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("category", sa.String(40), sa.ForeignKey("category.key"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False, server_default=""),
        sa.Column("informal", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reach", sa.Integer),
        sa.Column("x", sa.Float),
        sa.Column("y", sa.Float),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("attributes", sa.JSON, nullable=False),
    )
    op.create_table(
        "edge",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("ext_id", sa.Text, nullable=False, unique=True),
        sa.Column("source", sa.Integer, sa.ForeignKey("node.pk"), nullable=False),
        sa.Column("target", sa.Integer, sa.ForeignKey("node.pk"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False, server_default=""),
        sa.Column("strength", sa.Integer, nullable=False, server_default="3"),
        sa.Column("directed", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "snapshot",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("taken_at", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("snapshot", "edge", "node", "category", "map"):
        op.drop_table(table)
