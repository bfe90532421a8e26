"""Plain sqlite3 helpers for looking at and copying a map file without changing it.

Looking leaves no trace: a map that is only read never gains a ``-wal``, ``-shm`` or ``-journal``
file beside it, whatever state an earlier program left it in.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.safe_files import SIDECARS


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def sidecars_present(path: Path) -> set[str]:
    """Which of SQLite's companion files lie beside ``path`` ("-wal", "-shm", "-journal")."""
    return {s for s in SIDECARS if sidecar(path, s).exists()}


@contextlib.contextmanager
def read_only_view(path: Path) -> Iterator[str]:
    """A URI that reads ``path`` as it stands, with every committed change, creating nothing.

    - Nothing beside it: ``immutable`` stops SQLite from creating anything.
    - A ``-wal`` with its ``-shm`` (the map is open for editing, or an editor stopped): SQLite
      reads both and needs to create nothing.
    - Anything else (a ``-wal`` without its ``-shm``, a ``-journal`` left by a stopped write):
      reading in place would create files beside it, or read a half-finished write, so the
      file and its companions are read through a private copy where SQLite may recover them.
    """
    resolved = path.resolve()  # through a symlink, SQLite's companions lie beside the target
    present = sidecars_present(resolved)
    if not present:
        yield f"{resolved.as_uri()}?mode=ro&immutable=1"
    elif present == {"-wal", "-shm"}:
        yield f"{resolved.as_uri()}?mode=ro"
    else:
        with tempfile.TemporaryDirectory(prefix="ecomap-read-") as folder:
            copy = Path(folder) / "map.ecomap"
            shutil.copyfile(resolved, copy)
            for suffix in present - {"-shm"}:
                with contextlib.suppress(FileNotFoundError):
                    shutil.copyfile(sidecar(resolved, suffix), sidecar(copy, suffix))
            yield copy.as_uri()


def backup_file(source: Path, target: Path) -> None:
    """Copy a map file, reading the source only: byte for byte when it is a single file, through
    SQLite's backup API when changes still sit beside it."""
    if not sidecars_present(source.resolve()):
        with open(source, "rb") as src, open(target, "xb") as dest:  # never through a link
            shutil.copyfileobj(src, dest)
        return
    with read_only_view(source) as uri, \
            contextlib.closing(sqlite3.connect(uri, uri=True)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dest:
        src.backup(dest)
