"""Plain sqlite3 helpers for looking at and copying a map file without changing it."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` for reading without creating anything beside it.

    Without a -wal file there is nothing to read from one, so ``immutable`` stops SQLite from
    creating -wal/-shm files next to a map that is only being looked at.
    """
    wal = path.with_name(path.name + "-wal")
    return f"{path.resolve().as_uri()}?mode=ro" + ("" if wal.exists() else "&immutable=1")


def backup_file(source: Path, target: Path) -> None:
    """Copy a map file consistently (SQLite's backup API), reading the source only."""
    with contextlib.closing(sqlite3.connect(read_only_uri(source), uri=True)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dest:
        src.backup(dest)
