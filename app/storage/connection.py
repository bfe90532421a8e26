"""SQLAlchemy connections to a map file, set up the way every writer and migration needs them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.pool import StaticPool


def connect(path: Path, wal: bool = True) -> Connection:
    """A connection to the map file at ``path`` for writing (in WAL mode unless ``wal`` is off)."""
    # The connection is made here, not from a URL: a URL would read "#", "?" and "%" in
    # a folder or file name as parts of the URL, not of the name.
    return connect_to(str(path.resolve()), wal=wal)


def connect_to(target: str, read_only: bool = False, wal: bool = True) -> Connection:
    """A connection to ``target``: a file's path, or a ``file:`` URI."""
    def make() -> sqlite3.Connection:
        return sqlite3.connect(target, uri=target.startswith("file:"), check_same_thread=False)

    engine = create_engine("sqlite://", creator=make, poolclass=StaticPool)
    event.listen(engine, "connect", _configure(read_only, wal))
    # pysqlite would run DDL outside any transaction; begin explicitly so that a
    # migration, like every edit, commits whole or not at all.
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine.connect()


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
