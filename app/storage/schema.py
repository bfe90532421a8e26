"""The tables of an .ecomap file (the Alembic migrations create them; this is how code names them)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

map_table = Table(
    "map", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("goals", JSON, nullable=False, default=list),
    Column("settings", JSON, nullable=False, default=dict),
)

category = Table(
    "category", metadata,
    Column("key", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("color", String(7), nullable=False),
    Column("shape", String(20), nullable=False),
    Column("position", Integer, nullable=False),
)

node = Table(
    "node", metadata,
    Column("pk", Integer, primary_key=True),
    Column("ext_id", Text, nullable=False, unique=True),
    Column("label", Text, nullable=False),
    Column("category", String(40), ForeignKey("category.key"), nullable=False),
    Column("kind", Text, nullable=False, default=""),
    Column("informal", Boolean, nullable=False, default=False),
    Column("reach", Integer),
    Column("x", Float),
    Column("y", Float),
    Column("tags", JSON, nullable=False, default=list),
    Column("description", Text, nullable=False, default=""),
    Column("attributes", JSON, nullable=False, default=dict),
)

edge = Table(
    "edge", metadata,
    Column("pk", Integer, primary_key=True),
    Column("ext_id", Text, nullable=False, unique=True),
    Column("source", Integer, ForeignKey("node.pk"), nullable=False),
    Column("target", Integer, ForeignKey("node.pk"), nullable=False),
    Column("kind", Text, nullable=False, default=""),
    Column("strength", Integer, nullable=False, default=3),
    Column("directed", Boolean, nullable=False, default=True),
    Column("note", Text, nullable=False, default=""),
)
Index("ix_edge_source", edge.c.source)
Index("ix_edge_target", edge.c.target)

snapshot = Table(
    "snapshot", metadata,
    Column("pk", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("taken_at", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Column("note", Text, nullable=False, default=""),
)
