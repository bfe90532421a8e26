"""What a failing disk or database means, in words an L&D lead can act on.

Storage code catches the low-level error (an ``OSError``, a ``sqlite3.Error`` or SQLAlchemy's
wrapper of one) and asks ``explained`` for the message to show: what happened, to which file,
and what state the work is in (``outcome``: "the map is as it was before this change").
An error that is not about storage is left alone (``None``), so a bug still looks like a bug.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from app.errors import BadInput, DamagedMap, EcomapError, StorageFailed
from app.quoting import printable

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
SQLITE_IOERR_SHMSIZE = SQLITE_IOERR | (19 << 8)  # no room to grow the shared-memory index

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def explained(error: BaseException, path: Path, outcome: str) -> EcomapError | None:
    """The message for ``error`` met while working on ``path``, or ``None`` if it is not a
    storage failure. ``outcome`` completes the sentence: "the map is as it was before…"."""
    if isinstance(error, EcomapError):
        return error
    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    if isinstance(cause, sqlite3.Error):
        return _from_sqlite(cause, path, outcome)
    if isinstance(cause, OSError):
        return _from_os(cause, path, outcome)
    return None


def _from_sqlite(error: sqlite3.Error, path: Path, outcome: str) -> EcomapError | None:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else _guess_code(str(error))
    if primary == SQLITE_FULL or code == SQLITE_IOERR_SHMSIZE:
        return disk_full(path, outcome)
    if primary == SQLITE_READONLY:
        return read_only(path, outcome)
    if primary == SQLITE_IOERR:
        return disk_error(path, outcome, str(error))
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageFailed(
            f"Another program was using “{path.name}” at that moment, so {outcome}. "
            "Try again in a moment.")
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedMap(
            f"“{path.name}” turned out to be damaged, so {outcome}. Open an earlier copy or "
            f"export if you have one. (Detail for support: {error}.)")
    if primary == SQLITE_CANTOPEN:
        return StorageFailed(f"“{path.name}” could not be opened, so {outcome}. "
                             f"(Detail for support: {error}.)")
    return StorageFailed(f"“{path.name}” would not take this, so {outcome}. If it happens "
                         f"again, open an earlier copy. (Detail for support: {error}.)")


def _guess_code(text: str) -> int | None:
    """Older Pythons do not give SQLite's code: recognise its fixed messages instead."""
    known = {"database or disk is full": SQLITE_FULL,
             "attempt to write a readonly database": SQLITE_READONLY,
             "disk I/O error": SQLITE_IOERR, "database is locked": SQLITE_BUSY,
             "database disk image is malformed": SQLITE_CORRUPT,
             "file is not a database": SQLITE_NOTADB}
    return next((code for words, code in known.items() if words in text), None)


def _from_os(error: OSError, path: Path, outcome: str) -> EcomapError | None:
    if error.errno in _FULL:
        return disk_full(path, outcome)
    if error.errno == errno.EROFS:
        return read_only(path, outcome)
    if error.errno == errno.EFBIG:
        return StorageFailed(f"“{path.name}” has grown larger than this computer allows a file "
                             f"to be, so {outcome}.")
    if error.errno in (errno.EACCES, errno.EPERM):
        return BadInput(f"Ecomap is not allowed to write there, so {outcome}. Choose another "
                        "folder, or ask whoever manages this computer for access.", str(path))
    if error.errno == errno.ENAMETOOLONG:
        return BadInput(f"the name is too long for this disk, so {outcome}. Choose a shorter "
                        "name.", printable(str(path))[:120] + ("…" if len(str(path)) > 120 else ""))
    if error.errno == errno.EIO:
        return disk_error(path, outcome, error.strerror or "input/output error")
    return None


def disk_full(path: Path, outcome: str) -> StorageFailed:
    return StorageFailed(f"The disk holding “{path.name}” is full, so {outcome}. "
                         "Free some space and try again.")


def read_only(path: Path, outcome: str) -> StorageFailed:
    return StorageFailed(f"“{path.name}” is on a disk or in a folder that can only be read, so "
                         f"{outcome}. Save a copy somewhere else to go on working.")


def disk_error(path: Path, outcome: str, detail: str) -> StorageFailed:
    return StorageFailed(f"The disk holding “{path.name}” reported an error, so {outcome}. "
                         f"Check the disk or network drive, then try again. "
                         f"(Detail for support: {detail}.)")
