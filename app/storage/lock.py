"""One editor per map: an OS lock on a small file beside the map, released if the process dies."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from app.errors import MapLocked

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def lock_path(map_path: Path) -> Path:
    return map_path.with_name(f".~lock.{map_path.name}#")


class EditLock:
    """Held while a map is open for editing; a second editor is told where it is open."""

    def __init__(self, map_path: Path):
        self.path = lock_path(map_path)
        self._fd: int | None = None
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise MapLocked(
                f"“{map_path.name}” is already open for editing{holder}. "
                "Close it there first, or open a copy of the file."
            )
        os.ftruncate(fd, 0)
        os.write(fd, f"{socket.gethostname()} {os.getpid()}".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Remove the marker before unlocking, so no new holder's file is ever deleted.
        self.path.unlink(missing_ok=True)
        os.close(fd)


def _read_holder(fd: int) -> str:
    try:
        host, pid = os.pread(fd, 200, 0).decode().split()
    except (OSError, ValueError, UnicodeDecodeError):
        return " elsewhere"
    if host == socket.gethostname() and int(pid) == os.getpid():
        return " in this Ecomap window"
    return f" elsewhere (by Ecomap on {host})"
