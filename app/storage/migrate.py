"""Bring an .ecomap file's schema up to date with Alembic, keeping the original until it commits.

Only an older map needs this module, and Alembic takes a fifth of a second to load: reading a
map (``inspection``) and making a new one (``new_file``) need nothing but sqlite3.
"""

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
from app.storage.file_format import (  # noqa: F401 (also named here, beside the migrations)
    APPLICATION_ID,
    HEAD,
    REVISIONS,
    SCHEMA_NUMBER,
    is_known,
)
from app.storage.sqlite_file import backup_file

MIGRATIONS = Path(__file__).with_name("migrations")

Connect = Callable[[Path], Connection]


def alembic_config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def upgrade(path: Path, connect: Connect) -> None:
    """Run every migration ``path`` has not had yet (all of them on an empty file)."""
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
