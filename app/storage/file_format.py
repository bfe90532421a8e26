"""What makes a file an Ecomap map, in plain sqlite3: its application id, the schema versions
this Ecomap knows, and the schema a new map starts with.

Nothing here loads SQLAlchemy or Alembic, so looking at a map, reading one and making a new one
start at once; Alembic is loaded only to bring an older map up to date (``migrate``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# "ECOM" as a big-endian 32-bit number, stored in the SQLite header (PRAGMA application_id).
APPLICATION_ID = 0x45434F4D

# Revision -> the schema number shown to people (and kept in PRAGMA user_version).
# A test checks this list against the Alembic scripts, so it cannot drift.
REVISIONS = {"0001": 1, "0002": 2, "0003": 3}
HEAD = "0003"
SCHEMA_NUMBER = REVISIONS[HEAD]

# The tables the Alembic migrations build, written out as SQL (as Rails keeps a schema file
# beside its migrations): a test holds it to what the migrations make.
NEW_MAP_SQL = Path(__file__).with_name("new_map.sql")


def is_known(revision: str) -> bool:
    return revision in REVISIONS


def create_schema(conn: sqlite3.Connection) -> None:
    """Make the empty database on ``conn`` a map file at the newest schema, with no map in it."""
    script = NEW_MAP_SQL.read_text(encoding="utf-8")
    conn.executescript(f"BEGIN;\n{script}\n"
                       f"INSERT INTO alembic_version (version_num) VALUES ('{HEAD}');\n"
                       f"PRAGMA application_id = {APPLICATION_ID};\n"
                       f"PRAGMA user_version = {SCHEMA_NUMBER};\n"
                       "COMMIT;")
