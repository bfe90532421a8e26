"""Open, create and write .ecomap files (through SQLAlchemy).

A file is checked before anything touches it (``inspection``): a file that is not SQLite, a
database of another program, a map from a newer Ecomap, or a damaged file is refused and left
byte-for-byte as it was. Every edit is one short transaction in WAL mode, so there is no unsaved
state to lose.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from sqlalchemy import Connection, bindparam, delete, insert, update

from app import failures, safe_files
from app.domain import Category, Edge, MapData, Node, Snapshot
from app.source_files import require_plain_file
from app.storage import connection, file_format, new_file
from app.storage.inspection import inspect_file, read_file
from app.storage.lock import EditLock
from app.storage.reader import read_map
from app.storage.schema import category, edge, map_table, node
from app.storage.sqlite_file import sidecars_present

ROOM_TO_EDIT = 1 << 20  # bytes free on the disk before a map is opened for editing


class MapStore:
    """An open .ecomap file: reads the whole map, writes one operation per transaction."""

    def __init__(self, path: Path, conn: Connection, lock: EditLock | None,
                 read_only: bool = False):
        self.path = path
        self._read_only = read_only
        self._conn = conn
        self._lock = lock
        self._node_pk: dict[str, int] = {}
        self._next_node_pk = 1
        self._next_edge_pk = 1
        self._opening_read: MapData | None = None
        self._in_wal = False

    # --- opening and creating --------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike) -> MapStore:
        """Open a map for editing: checked, locked against a second editor, migrated forward.

        Nothing about the file changes until it has passed every check: a refused map keeps
        its journal mode and every byte, and no lock is left behind."""
        path = Path(path)
        require_plain_file(path)
        try:  # first, so a map another editor is changing is never mistaken for damaged
            lock = EditLock(path)
        except OSError as exc:  # a folder that cannot be written, a disk that failed
            raise failures.explained(exc, path, "the map was not opened") or exc from None
        store = None
        try:
            info = inspect_file(path)
            if info.revision != file_format.HEAD or sidecars_present(path.resolve()):
                cls.read(path)  # check the rows through a copy before upgrading or recovering
            if info.revision != file_format.HEAD:
                from app.storage import migrate  # Alembic, loaded only for an older map

                migrate.upgrade_with_backup(path, cls._connect)
            store = cls(path, cls._connect(path, wal=False), lock)
            store._opening_read = store.load()
            if shutil.disk_usage(path.resolve().parent).free < ROOM_TO_EDIT:
                # Editing needs room for SQLite's journal; refuse before anything is switched.
                raise failures.disk_full(path, "the map was not opened")
            store._start_editing()
            return store
        except BaseException as exc:
            if store is not None:  # leave the file in the journal mode it came in
                store.close(keep_journal=not store._in_wal)
            lock.release()
            problem = failures.explained(exc, path, "the map was not opened")
            if problem is None or problem is exc:
                raise
            raise problem from exc

    def first_read(self) -> MapData:
        """The map as it was checked when opened (read once, then forgotten here)."""
        data, self._opening_read = self._opening_read, None
        return data if data is not None else self.load()

    def _start_editing(self) -> None:
        """Edits run in WAL mode: each is one short transaction, and readers never wait."""
        raw = self._conn.connection.driver_connection
        if self._conn.in_transaction():
            self._conn.commit()
        raw.execute("PRAGMA journal_mode = WAL")
        self._in_wal = True
        # Read once now, so SQLite sets up its shared-memory index while there is room: made
        # lazily at the first edit, a full disk would turn that edit into an I/O error.
        raw.execute("SELECT count(*) FROM map").fetchall()

    @staticmethod
    def read(path: str | os.PathLike) -> MapData:
        """Read a whole map without opening it for editing: nothing is changed or created."""
        return read_file(Path(path))

    @staticmethod
    def create(path: str | os.PathLike, data: MapData, *, or_next_free: bool = False) -> Path:
        """Write ``data`` as a new map file (see ``new_file.create``); returns the path made."""
        return new_file.create(path, data, or_next_free=or_next_free)

    _connect = staticmethod(connection.connect)

    def close(self, keep_journal: bool = False) -> None:
        engine = self._conn.engine
        if not keep_journal and (self._lock or not self._read_only):
            # A map at rest is one file: fold the WAL back in and leave journal mode.
            with contextlib.suppress(Exception):
                self._conn.rollback()
                # Straight to the driver: SQLAlchemy would wrap it in a transaction,
                # where SQLite refuses to change the journal mode.
                self._conn.connection.driver_connection.execute("PRAGMA journal_mode = DELETE")
        self._conn.close()
        engine.dispose()
        if self._lock:
            self._lock.release()
            self._lock = None

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> MapData:
        """The whole map, checked by the rules every reader shares; ``BadMapFile`` naming the
        table, row and field of the first problem."""
        if self._conn.in_transaction():
            self._conn.commit()
        with self._conn.begin():  # one consistent read, even with a writer elsewhere
            found = read_map(self._conn.connection.driver_connection, self.path)
        self._node_pk = found.node_pks
        self._next_node_pk = max(found.node_pks.values(), default=0) + 1
        self._next_edge_pk = found.next_edge_pk
        return found.data

    # --- writing (call inside ``transaction()``) -------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[MapStore]:
        """One committed unit of work; rolled back whole if anything in it fails."""
        if self._conn.in_transaction():  # an autobegun read: close it before our own begins
            self._conn.commit()
        with self._conn.begin():
            yield self

    def update_map(self, name: str, description: str, goals: Iterable[str],
                   settings: Mapping) -> None:
        self._conn.execute(update(map_table).values(
            name=name, description=description, goals=list(goals), settings=dict(settings)))

    def set_categories(self, categories: Iterable[Category]) -> None:
        """Replace the category rows (few, and order matters): delete, then insert in order."""
        rows = [{"key": c.key, "name": c.name, "color": c.color, "shape": c.shape,
                 "position": i} for i, c in enumerate(categories)]
        self._conn.execute(delete(category).where(category.c.key.not_in([r["key"] for r in rows])))
        for row in rows:
            found = self._conn.execute(
                update(category).where(category.c.key == row["key"]).values(**row))
            if found.rowcount == 0:
                self._conn.execute(insert(category), [row])

    def insert_nodes(self, nodes: Iterable[Node]) -> None:
        rows = []
        for n in nodes:
            pk = self._next_node_pk
            self._next_node_pk += 1
            self._node_pk[n.id] = pk
            rows.append(new_file.node_row(pk, n))
        if rows:  # plain tuples straight to the driver: 4× faster than Core for 10k rows
            self._conn.exec_driver_sql(new_file.INSERT_NODE, rows)

    def update_nodes(self, nodes: Iterable[Node]) -> None:
        rows = [{"b_pk": self._node_pk[n.id], **_node_values(n)} for n in nodes]
        if rows:
            self._conn.execute(_UPDATE_NODE, rows)

    def move_nodes(self, positions: Mapping[str, tuple[float, float]]) -> None:
        pk = self._node_pk
        rows = [(x, y, pk[i]) for i, (x, y) in positions.items()]
        if rows:  # plain tuples straight to the driver: a layout moves 10,000 at once
            self._conn.exec_driver_sql(_MOVE_NODE, rows)

    def delete_nodes(self, ids: Iterable[str]) -> None:
        pks = [self._node_pk.pop(i) for i in ids]
        if pks:
            self._conn.execute(delete(node).where(node.c.pk.in_(pks)))

    def insert_edges(self, edges: Iterable[Edge]) -> None:
        rows = []
        for e in edges:
            rows.append(new_file.edge_row(self._next_edge_pk, e, self._node_pk))
            self._next_edge_pk += 1
        if rows:
            self._conn.exec_driver_sql(new_file.INSERT_EDGE, rows)

    def update_edges(self, edges: Iterable[Edge]) -> None:
        rows = [{"b_ext": e.id, **self._edge_values(e)} for e in edges]
        if rows:
            self._conn.execute(_UPDATE_EDGE, rows)

    def delete_edges(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self._conn.execute(delete(edge).where(edge.c.ext_id.in_(ids)))

    def insert_snapshot(self, snapshot: Snapshot, encoded: str = "") -> None:
        self._conn.exec_driver_sql(new_file.INSERT_SNAPSHOT,
                                   new_file.snapshot_row(snapshot, encoded))

    def replace_snapshot(self, old: Snapshot, new: Snapshot | None) -> None:
        """Rename (``new``) or delete (``None``) the row of ``old``: the first of that name and
        time, so a file holding two alike loses only one."""
        pk = self._conn.exec_driver_sql(
            "SELECT pk FROM snapshot WHERE name = ? AND taken_at = ? ORDER BY pk LIMIT 1",
            (old.name, old.taken_at)).scalar()
        if new is None:
            self._conn.exec_driver_sql("DELETE FROM snapshot WHERE pk = ?", (pk,))
        else:
            self._conn.exec_driver_sql("UPDATE snapshot SET name = ?, note = ? WHERE pk = ?",
                                       (new.name, new.note, pk))

    def _edge_values(self, e: Edge) -> dict:
        return {"source": self._node_pk[e.source], "target": self._node_pk[e.target],
                "kind": e.kind, "strength": e.strength, "directed": e.directed, "note": e.note}

    def copy_to(self, target: str | os.PathLike) -> None:
        """Save As: a consistent copy of the whole file through SQLite's backup API, written
        beside ``target`` and renamed into place, so ``target`` is whole or untouched. It may
        replace a file the user chose to replace, never a map open for editing."""
        target = Path(target)
        raw = self._conn.connection.driver_connection
        with safe_files.temporary_beside(target) as part:
            with contextlib.closing(sqlite3.connect(part)) as dest:
                raw.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # a copy at rest: a single file
            lock = EditLock(target)  # never replace a map someone is editing
            try:
                safe_files.replace(part, target)
            finally:
                lock.release()


def _node_values(n: Node) -> dict:
    return {"label": n.label, "category": n.category, "kind": n.kind, "informal": n.informal,
            "reach": n.reach, "x": n.x, "y": n.y, "tags": list(n.tags),
            "description": n.description, "attributes": dict(n.attributes)}


def _bind_update(table, key_column, bind_name: str, columns: Iterable[str]):
    return (update(table).where(key_column == bindparam(bind_name))
            .values({c: bindparam(c) for c in columns}))


_UPDATE_NODE = _bind_update(node, node.c.pk, "b_pk", _node_values(Node("", "", "")).keys())
_MOVE_NODE = "UPDATE node SET x = ?, y = ? WHERE pk = ?"
_UPDATE_EDGE = _bind_update(edge, edge.c.ext_id, "b_ext",
                            ("source", "target", "kind", "strength", "directed", "note"))
