"""A new map file written whole with plain sqlite3: the schema, then every row in one transaction.

Importing a large map is mostly this, and without SQLAlchemy and Alembic to load it costs little
more than the inserts themselves. ``MapStore`` writes added nodes and edges with the same rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

from app import safe_files
from app.domain import Edge, MapData, Node, Snapshot
from app.storage import file_format
from app.storage.reader import EDGE_COLUMNS, NODE_COLUMNS


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_NODE = _insert("node", NODE_COLUMNS)
INSERT_EDGE = _insert("edge", EDGE_COLUMNS)


def node_row(pk: int, n: Node) -> tuple:
    """A node as the values of ``INSERT_NODE`` (the columns of ``reader.NODE_COLUMNS``)."""
    return (pk, n.id, n.label, n.category, n.kind, n.informal, n.reach, n.x, n.y,
            json.dumps(list(n.tags)), n.description, json.dumps(dict(n.attributes)))


def edge_row(pk: int, e: Edge, node_pk: Mapping[str, int]) -> tuple:
    """An edge as the values of ``INSERT_EDGE``, its ends given by their nodes' row numbers."""
    return (pk, e.id, node_pk[e.source], node_pk[e.target], e.kind, e.strength, e.directed,
            e.note)


def create(path: str | os.PathLike, data: MapData, *, or_next_free: bool = False) -> Path:
    """Write ``data`` as a new map file, which appears complete or not at all and never
    replaces a file: a taken name is refused, or with ``or_next_free`` gives way to
    "name (2).ecomap". Returns the path made."""
    return safe_files.create_new(Path(path), lambda part: fill(part, data), what="a map",
                                 or_next_free=or_next_free)


def fill(part: Path, data: MapData) -> None:
    """Write ``data`` into the new, empty file ``part``."""
    with closing(sqlite3.connect(part, isolation_level=None)) as conn:
        # ``part`` is a private temporary, put in place only once complete and synced to the
        # disk (``safe_files.create_new``): SQLite need not journal or sync it as well.
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        file_format.create_schema(conn)
        conn.execute("BEGIN")
        _write_rows(conn, data)
        conn.execute("COMMIT")


def _write_rows(conn: sqlite3.Connection, data: MapData) -> None:
    conn.execute("INSERT INTO map (id, name, description, goals, settings) VALUES (1, ?, ?, ?, ?)",
                 (data.name, data.description, json.dumps(list(data.goals)),
                  json.dumps(dict(data.settings))))
    conn.executemany("INSERT INTO category (key, name, color, shape, position) "
                     "VALUES (?, ?, ?, ?, ?)",
                     [(c.key, c.name, c.color, c.shape, i) for i, c in enumerate(data.categories)])
    node_pk = {n.id: pk for pk, n in enumerate(data.nodes, 1)}
    conn.executemany(INSERT_NODE, [node_row(node_pk[n.id], n) for n in data.nodes])
    conn.executemany(INSERT_EDGE, [edge_row(pk, e, node_pk) for pk, e in enumerate(data.edges, 1)])
    conn.executemany(INSERT_SNAPSHOT, [snapshot_row(s) for s in data.snapshots])


INSERT_SNAPSHOT = "INSERT INTO snapshot (name, taken_at, data, note) VALUES (?, ?, ?, ?)"


def snapshot_row(s: Snapshot, encoded: str = "") -> tuple:
    """A snapshot as the values of ``INSERT_SNAPSHOT``; ``encoded``: its ``snapshot_data``
    made already (in a worker thread: 80 ms of a 10,000-node map's snapshot)."""
    return (s.name, s.taken_at, encoded or snapshot_data(s), s.note)


def snapshot_data(s: Snapshot) -> str:
    """The map of a snapshot's time as the JSON its row keeps (the building blocks and settings
    only where the snapshot has them, as older files did). A snapshot read from a file and not
    decoded since is written back as it was read."""
    kept = getattr(s, "raw_text", None)
    if kept is not None:
        return kept
    parts = [f'"nodes": {_json_list(s.nodes)}', f'"edges": {_json_list(s.edges)}']
    if s.categories:
        parts.append(f'"categories": {_json_list(s.categories)}')
    if s.settings:
        parts.append(f'"settings": {json.dumps(dict(s.settings), ensure_ascii=False)}')
    return "{" + ", ".join(parts) + "}"


def _json_list(records, chunk: int = 500) -> str:
    """A list as JSON, a few hundred records at a time: one call for 40,000 would hold
    Python's lock for 80 ms, and the window waits for it."""
    pieces = (json.dumps(list(records[i:i + chunk]), ensure_ascii=False)[1:-1]
              for i in range(0, len(records), chunk))
    return "[" + ", ".join(p for p in pieces if p) + "]"
