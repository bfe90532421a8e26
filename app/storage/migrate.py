"""Bring an .ecomap file's schema up to date with Alembic, keeping the original until it commits."""

from __future__ import annotations

import filecmp
import os
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

from app.errors import BadMapFile
from app.quoting import printable
from app.storage.sqlite_file import backup_file

# "ECOM" as a big-endian 32-bit number, stored in the SQLite header (PRAGMA application_id).
APPLICATION_ID = 0x45434F4D

# Revision -> the schema number shown to people (and kept in PRAGMA user_version).
# A test checks this list against the Alembic scripts, so it cannot drift.
REVISIONS = {"0001": 1, "0002": 2}
HEAD = "0002"
SCHEMA_NUMBER = REVISIONS[HEAD]
MIGRATIONS = Path(__file__).with_name("migrations")

Connect = Callable[[Path], Connection]


def is_known(revision: str) -> bool:
    return revision in REVISIONS


def alembic_config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def create_schema(path: Path, connect: Connect) -> None:
    """A new, empty map file at the newest schema."""
    _run_upgrade(path, connect)


def upgrade(path: Path, connect: Connect) -> None:
    _run_upgrade(path, connect)


def _run_upgrade(path: Path, connect: Connect) -> None:
    conn = connect(path)
    try:
        with conn.begin():
            command.upgrade(alembic_config(conn), "head")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_NUMBER}")
        conn.commit()
    finally:
        conn.close()
        conn.engine.dispose()


def upgrade_with_backup(path: Path, connect: Connect) -> None:
    """Migrate ``path`` in place; a copy of the original stays beside it until the upgrade commits."""
    backup = path.with_name(path.name + ".before-upgrade")
    if os.path.lexists(backup):
        _reuse_earlier_copy(path, backup)
    else:
        backup_file(path, backup)
    try:
        upgrade(path, connect)
    except Exception as exc:
        os.replace(backup, path)
        raise not_upgraded(path, exc) from exc
    backup.unlink()


def _reuse_earlier_copy(path: Path, backup: Path) -> None:
    """A copy is already there: an earlier upgrade stopped before it finished. If it is the
    same map byte for byte, it serves again; anything else (another version, a link, a folder)
    may be someone's only good copy, so nothing is touched."""
    if backup.is_symlink() or not backup.is_file() or not filecmp.cmp(path, backup,
                                                                        shallow=False):
        raise BadMapFile(
            f"“{path.name}” needs bringing up to date, but beside it “{backup.name}” is in "
            f"the way: it is not a copy Ecomap can safely replace. Nothing has been changed; "
            f"move it somewhere safe, then open the map again.")


def upgrade_copy(original: Path, copy: Path, connect: Connect) -> None:
    """Bring a private copy of ``original`` up to date (to read an older map unchanged)."""
    try:
        upgrade(copy, connect)
    except Exception as exc:
        raise not_upgraded(original, exc) from exc


def not_upgraded(path: Path, cause: Exception) -> BadMapFile:
    detail = " ".join(str(cause).split())  # SQL and links of a driver error, on one line
    detail = detail if len(detail) <= 160 else detail[:159] + "…"
    return BadMapFile(
        f"“{path.name}” was made by an older Ecomap and could not be brought up to date. The "
        f"file has been left as it was. (Detail for support: {printable(detail)}.)")
