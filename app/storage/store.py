"""Open, create, check and write .ecomap files.

A file is checked before anything touches it: a file that is not SQLite, a database of another
program, a map from a newer Ecomap, or a damaged file is refused and left byte-for-byte as it was.
Every edit is one short transaction in WAL mode, so there is no unsaved state to lose.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Connection,
    bindparam,
    create_engine,
    delete,
    event,
    insert,
    update,
)
from sqlalchemy.pool import StaticPool

from app import failures, safe_files
from app.domain import Category, Edge, MapData, Node, shown
from app.errors import BadMapFile, NewerVersion, NotFound, StorageFailed
from app.source_files import require_plain_file
from app.storage import migrate
from app.storage.lock import EditLock
from app.storage.migrate import APPLICATION_ID
from app.storage.reader import damaged, read_map
from app.storage.schema import category, edge, map_table, node, snapshot
from app.storage.schema_check import check_schema
from app.storage.sqlite_file import (
    backup_file,
    read_only_view,
    sidecars_present,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
ROOM_TO_EDIT = 1 << 20  # bytes free on the disk before a map is opened for editing


@dataclass(frozen=True)
class FileInfo:
    path: Path
    revision: str  # the Alembic revision the file's schema is at
    schema_number: int  # PRAGMA user_version: a plain number a person can read


def inspect_file(path: Path) -> FileInfo:
    """Check that ``path`` is an undamaged Ecomap map this version can read; change nothing."""
    header = _read_header(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise BadMapFile(f"“{path.name}” is not an Ecomap map: it is not a map file at all.")
    if header[18] not in (1, 2) or header[19] not in (1, 2):  # SQLite's file-format bytes
        raise damaged(path, "its first page is not as SQLite writes it")
    with read_only_view(path) as uri, _read_only(uri, path) as conn:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise BadMapFile(
                f"“{path.name}” is a database made by another program, not an Ecomap map."
            )
        _quick_check(conn, path)
        revision = _revision(conn, path)
        number = conn.execute("PRAGMA user_version").fetchone()[0]
        check_schema(conn, path, revision)
    if not migrate.is_known(revision):
        raise _unknown_version(path, revision, number)
    return FileInfo(path, revision, number)


def _read_header(path: Path) -> bytes:
    require_plain_file(path)
    try:
        with open(path, "rb") as handle:
            return handle.read(100)
    except FileNotFoundError:
        raise NotFound(f"there is no map file called {path}") from None
    except OSError as exc:
        raise BadMapFile(f"“{path.name}” could not be read ({exc.strerror}).") from None


@contextlib.contextmanager
def _read_only(uri: str, path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(uri, uri=True)
    try:
        yield conn
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise damaged(path, "it cannot be read", exc) from None
    finally:
        conn.close()


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    # SQLite's report quotes the damaged bytes, which need not be text.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise damaged(path, "its pages do not fit together", rows[0][0] if rows else "no answer")


def _revision(conn: sqlite3.Connection, path: Path) -> str:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        row = None
    if not row or not isinstance(row[0], str):
        raise BadMapFile(f"“{path.name}” is not a complete Ecomap map (its version is missing).")
    return row[0]


def _unknown_version(path: Path, revision: str, number: object) -> BadMapFile:
    """A revision this Ecomap has never heard of: newer if the file says so, else damaged."""
    if isinstance(number, int) and number > migrate.SCHEMA_NUMBER:
        return NewerVersion(
            f"“{path.name}” was saved by a newer version of Ecomap (map file version {number}; "
            f"this Ecomap knows up to version {migrate.SCHEMA_NUMBER}). Update Ecomap to open it.")
    return NewerVersion(
        f"“{path.name}” records a map file version this Ecomap does not know "
        f"({shown(revision)}). It may come from a newer Ecomap: update Ecomap and try again; "
        "if it still will not open, the file is damaged. It has been left as it is.")


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
            if info.revision != migrate.HEAD or sidecars_present(path.resolve()):
                cls.read(path)  # check the rows through a copy before upgrading or recovering
            if info.revision != migrate.HEAD:
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

    @classmethod
    def read(cls, path: str | os.PathLike) -> MapData:
        """Read a whole map without opening it for editing: nothing is changed or created."""
        path = Path(path)
        info = inspect_file(path)
        if info.revision != migrate.HEAD:  # read an older file through an upgraded copy
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / path.name
                backup_file(path, copy)
                migrate.upgrade_copy(path, copy, cls._connect)
                return cls.read(copy)
        with read_only_view(path) as uri:
            store = cls(path, cls._connect_to(uri, read_only=True), None, read_only=True)
            try:
                return store.load()
            finally:
                store.close()

    @classmethod
    def create(cls, path: str | os.PathLike, data: MapData, *,
               or_next_free: bool = False) -> Path:
        """Write ``data`` as a new map file, which appears complete or not at all and never
        replaces a file: a taken name is refused, or with ``or_next_free`` gives way to
        "name (2).ecomap". Returns the path made."""
        return safe_files.create_new(Path(path), lambda part: cls._fill(part, data),
                                     what="a map", or_next_free=or_next_free)

    @classmethod
    def _fill(cls, part: Path, data: MapData) -> None:
        migrate.create_schema(part, cls._connect)
        store = cls(part, cls._connect(part), None)
        try:
            store.write_all(data)
            # Out of WAL mode here, where a failure is heard (``close`` stays quiet): a map
            # whose last pages were left in a -wal file would be put in place incomplete.
            store._conn.connection.driver_connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            store.close()
        if part.with_name(part.name + "-wal").exists():  # its last pages never reached the file
            raise StorageFailed(f"The new map could not be finished on the disk, so "
                                f"{safe_files.NOTHING_WRITTEN}. Check that the disk has space, "
                                "then try again.")

    @classmethod
    def _connect(cls, path: Path, wal: bool = True) -> Connection:
        # The connection is made here, not from a URL: a URL would read "#", "?" and "%" in
        # a folder or file name as parts of the URL, not of the name.
        return cls._connect_to(str(path.resolve()), wal=wal)

    @staticmethod
    def _connect_to(target: str, read_only: bool = False, wal: bool = True) -> Connection:
        def connect() -> sqlite3.Connection:
            return sqlite3.connect(target, uri=target.startswith("file:"),
                                   check_same_thread=False)

        engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)
        event.listen(engine, "connect", _configure(read_only, wal))
        # pysqlite would run DDL outside any transaction; begin explicitly so that a
        # migration, like every edit, commits whole or not at all.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine.connect()

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

    def write_all(self, data: MapData) -> None:
        """Fill an empty file with a whole map (bulk inserts through Core: fast for 10k rows)."""
        with self.transaction():
            self._conn.execute(insert(map_table), [_map_row(data)])
            self.set_categories(data.categories)
            self.insert_nodes(data.nodes)
            self.insert_edges(data.edges)
            if data.snapshots:
                self._conn.execute(insert(snapshot), [
                    {"name": s.name, "taken_at": s.taken_at,
                     "data": {"nodes": list(s.nodes), "edges": list(s.edges)}}
                    for s in data.snapshots
                ])

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
            rows.append((pk, n.id, n.label, n.category, n.kind, n.informal, n.reach, n.x, n.y,
                         json.dumps(list(n.tags)), n.description, json.dumps(dict(n.attributes))))
        if rows:  # plain tuples straight to the driver: 4× faster than Core for 10k rows
            self._conn.exec_driver_sql(_INSERT_NODE, rows)

    def update_nodes(self, nodes: Iterable[Node]) -> None:
        rows = [{"b_pk": self._node_pk[n.id], **_node_values(n)} for n in nodes]
        if rows:
            self._conn.execute(_UPDATE_NODE, rows)

    def move_nodes(self, positions: Mapping[str, tuple[float, float]]) -> None:
        rows = [{"b_pk": self._node_pk[i], "x": x, "y": y} for i, (x, y) in positions.items()]
        if rows:
            self._conn.execute(_MOVE_NODE, rows)

    def delete_nodes(self, ids: Iterable[str]) -> None:
        pks = [self._node_pk.pop(i) for i in ids]
        if pks:
            self._conn.execute(delete(node).where(node.c.pk.in_(pks)))

    def insert_edges(self, edges: Iterable[Edge]) -> None:
        rows = []
        pk = self._node_pk
        for e in edges:
            rows.append((self._next_edge_pk, e.id, pk[e.source], pk[e.target], e.kind,
                         e.strength, e.directed, e.note))
            self._next_edge_pk += 1
        if rows:
            self._conn.exec_driver_sql(_INSERT_EDGE, rows)

    def update_edges(self, edges: Iterable[Edge]) -> None:
        rows = [{"b_ext": e.id, **self._edge_values(e)} for e in edges]
        if rows:
            self._conn.execute(_UPDATE_EDGE, rows)

    def delete_edges(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self._conn.execute(delete(edge).where(edge.c.ext_id.in_(ids)))

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


def _configure(read_only: bool, wal: bool):
    def on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun by the "begin" event
        if read_only:
            dbapi_conn.execute("PRAGMA query_only = ON")
            return
        if wal:
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
        dbapi_conn.execute("PRAGMA synchronous = NORMAL")
        dbapi_conn.execute("PRAGMA foreign_keys = ON")
    return on_connect


def _map_row(data: MapData) -> dict:
    return {"id": 1, "name": data.name, "description": data.description,
            "goals": list(data.goals), "settings": dict(data.settings)}


def _node_values(n: Node) -> dict:
    return {"label": n.label, "category": n.category, "kind": n.kind, "informal": n.informal,
            "reach": n.reach, "x": n.x, "y": n.y, "tags": list(n.tags),
            "description": n.description, "attributes": dict(n.attributes)}


def _bind_update(table, key_column, bind_name: str, columns: Iterable[str]):
    return (update(table).where(key_column == bindparam(bind_name))
            .values({c: bindparam(c) for c in columns}))


def _plain_insert(table) -> str:
    columns = [c.name for c in table.columns]
    return (f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})")


_INSERT_NODE = _plain_insert(node)
_INSERT_EDGE = _plain_insert(edge)
_UPDATE_NODE = _bind_update(node, node.c.pk, "b_pk", _node_values(Node("", "", "")).keys())
_MOVE_NODE = _bind_update(node, node.c.pk, "b_pk", ("x", "y"))
_UPDATE_EDGE = _bind_update(edge, edge.c.ext_id, "b_ext",
                            ("source", "target", "kind", "strength", "directed", "note"))
