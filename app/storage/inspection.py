"""Look at a map file without changing it: is it an undamaged map this Ecomap can read
(``inspect_file``), and the whole map in it (``read_file``).

Plain sqlite3 all the way, so ``ecomap info`` and every reader start at once; only a map from an
older Ecomap, read through an upgraded copy, loads Alembic and SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain import MapData, shown
from app.errors import BadMapFile, NewerVersion, NotFound
from app.source_files import require_plain_file
from app.storage import file_format
from app.storage.reader import damaged, read_map
from app.storage.schema_check import check_schema
from app.storage.sqlite_file import backup_file, read_only_view

SQLITE_MAGIC = b"SQLite format 3\x00"


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
        if app_id != file_format.APPLICATION_ID:
            raise BadMapFile(
                f"“{path.name}” is a database made by another program, not an Ecomap map."
            )
        _quick_check(conn, path)
        revision = _revision(conn, path)
        number = conn.execute("PRAGMA user_version").fetchone()[0]
        check_schema(conn, path, revision)
    if not file_format.is_known(revision):
        raise _unknown_version(path, revision, number)
    return FileInfo(path, revision, number)


def read_file(path: Path) -> MapData:
    """Read a whole map without opening it for editing: nothing is changed or created."""
    info = inspect_file(path)
    if info.revision != file_format.HEAD:
        return _read_upgraded_copy(path)
    with read_only_view(path) as uri, _read_only(uri, path) as conn:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")  # one consistent read, even with a writer elsewhere
        return read_map(conn, path).data


def _read_upgraded_copy(path: Path) -> MapData:
    """An older map, read through a private copy brought up to date; the file is untouched."""
    # Only here is Alembic needed (with SQLAlchemy under it): loaded now, not by every reader.
    from app.storage import connection, migrate

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        backup_file(path, copy)
        migrate.upgrade_copy(path, copy, connection.connect)
        return read_file(copy)


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
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
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
    if isinstance(number, int) and number > file_format.SCHEMA_NUMBER:
        return NewerVersion(
            f"“{path.name}” was saved by a newer version of Ecomap (map file version {number}; "
            f"this Ecomap knows up to version {file_format.SCHEMA_NUMBER}). Update Ecomap to "
            "open it.")
    return NewerVersion(
        f"“{path.name}” records a map file version this Ecomap does not know "
        f"({shown(revision)}). It may come from a newer Ecomap: update Ecomap and try again; "
        "if it still will not open, the file is damaged. It has been left as it is.")
