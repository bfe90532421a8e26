"""Plain sqlite3 helpers for looking at and copying a map file without changing it."""

from __future__ import annotations

import contextlib
import shutil
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
    """Copy a map file, reading the source only: byte for byte when it is a single file, through
    SQLite's backup API when recent changes still sit in its -wal file."""
    if not source.with_name(source.name + "-wal").exists():
        shutil.copyfile(source, target)
        return
    with contextlib.closing(sqlite3.connect(read_only_uri(source), uri=True)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dest:
        src.backup(dest)
