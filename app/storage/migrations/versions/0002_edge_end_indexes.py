"""Index the ends of every edge, so removing a node finds its connections without a scan.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_edge_source", "edge", ["source"])
    op.create_index("ix_edge_target", "edge", ["target"])


def downgrade() -> None:
    op.drop_index("ix_edge_target", "edge")
    op.drop_index("ix_edge_source", "edge")
