"""One editor per map: an OS lock on a small file beside the map, released if the process dies."""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path

from app.errors import MapLocked

LOCKED_BYTE = 4096  # Windows locks a byte range: one past the holder's name, which stays readable

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        """At once: Windows may release a lock some time after the file is closed."""
        with contextlib.suppress(OSError):
            os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        """Closing the file releases the lock (after the marker is gone: see ``release``)."""


def lock_path(map_path: Path) -> Path:
    return map_path.with_name(f".~lock.{map_path.name}#")


class EditLock:
    """Held while a map is open for editing; a second editor is told where it is open."""

    def __init__(self, map_path: Path):
        self.path = lock_path(map_path)
        self._fd: int | None = None
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise MapLocked(
                    f"“{map_path.name}” is already open for editing{holder}. "
                    "Close it there first, or open a copy of the file."
                )
            if _still_named(fd, self.path):
                break
            # The holder released it and removed the file between our open and our lock: we
            # locked a file nobody else can find. Start again with the file now at the path.
            os.close(fd)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{socket.gethostname()} {os.getpid()}".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            # An open file cannot be removed there, and one another editor has open cannot be
            # either: unlock, close, then remove it if nobody took it meanwhile.
            _unlock(fd)
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
            return
        # Remove the marker before unlocking, so no new holder's file is ever deleted.
        self.path.unlink(missing_ok=True)
        _unlock(fd)
        os.close(fd)


def _still_named(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd``."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        host, pid = os.read(fd, 200).decode().split()
    except (OSError, ValueError, UnicodeDecodeError):
        return " elsewhere"
    if host == socket.gethostname() and int(pid) == os.getpid():
        return " in this Ecomap window"
    return f" elsewhere (by Ecomap on {host})"
