"""One editor per map, however the map is reached: a lock on the map file itself, and a small
side file beside it that says who holds the map. The system releases both if the process dies.

The lock on the map file (Linux) is an open-file-description lock: it belongs to the file, not
to the name it was opened by, so a symlink, a hard link or a second mount point meets it, and so
does a second open in the same process. The side file is named from the resolved path, so a
symlink finds it too, and it works between computers sharing a folder. Where the system has no
such lock, the side file and the list of files this process holds (by device and inode) are
what stand between two editors.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import struct
import threading
from pathlib import Path

from app.errors import BadMapFile, MapLocked

LOCKED_BYTE = 4096  # Windows locks a byte range: one past the holder's name, which stays readable

# SQLite locks bytes 0x40000000..0x400001FF of a database. The lock on the map file sits far
# past them and past the end of any map, so it never meets SQLite's locks, reads or writes.
MAP_FILE_BYTE = 2**62

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _OFD_SETLK = None

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

    _OFD_SETLK = getattr(fcntl, "F_OFD_SETLK", None)  # Linux 3.15 on; not macOS or the BSDs

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        """Closing the file releases the lock (after the marker is gone: see ``release``)."""

# Whether another process meets the lock through any name of the file (not only its own path).
LOCKS_THE_MAP_FILE = _OFD_SETLK is not None

# Linux's struct flock: l_type and l_whence (short), l_start and l_len (64-bit off_t), l_pid
# (int, which must be 0 for an open-file-description lock), padded as C pads it ("0q").
_FLOCK = struct.Struct("hhqqi0q")

_held: dict[tuple, EditLock] = {}  # the maps this process holds, by what identifies the file
_held_guard = threading.Lock()


def lock_path(map_path: Path) -> Path:
    """The side file: beside the file a symlink leads to, so every name finds the same one."""
    real = Path(map_path).resolve()
    return real.with_name(f".~lock.{real.name}#")


class EditLock:
    """Held while a map is open for editing; a second editor is told where it is open."""

    def __init__(self, map_path: Path):
        map_path = Path(map_path)
        self.path = lock_path(map_path)
        self._fd: int | None = None  # the side file
        self._map_fd: int | None = None  # the map file, while it carries the lock
        self._parked: list[int] = []  # others' descriptors of the map: see below
        with _held_guard:
            self._map_fd = _open_map_file(map_path)
            self._key = _identity(map_path, self._map_fd)
            self._refuse_a_second_hold(map_path)
            try:
                self._lock_map_file(map_path)
                self._fd = _take_side_file(self.path, map_path)
                _write_holder(self._fd)
            except BaseException:
                self._let_go()
                raise
            _held[self._key] = self

    def release(self) -> None:
        """Let the map go. Call it after SQLite's last connection to the map is closed (as
        ``MapStore.close`` does): closing our descriptor of the file drops the POSIX locks this
        process holds on it, SQLite's among them."""
        with _held_guard:
            if _held.get(self._key) is self:
                del _held[self._key]
            self._let_go()

    def _refuse_a_second_hold(self, map_path: Path) -> None:
        holder = _held.get(self._key)
        if holder is None:
            return
        # Closing any descriptor of a file drops the locks SQLite holds on it in this process
        # (see "How To Corrupt An SQLite Database File", 2.2): the holder closes ours with its own.
        if self._map_fd is not None:
            holder._parked.append(self._map_fd)
            self._map_fd = None
        raise _locked(map_path, " in this Ecomap window")

    def _lock_map_file(self, map_path: Path) -> None:
        if self._map_fd is None:
            return
        locked = _try_lock_map_file(self._map_fd)
        if locked is None:  # a file system without such locks: the side file alone must do
            os.close(self._map_fd)
            self._map_fd = None
        elif not locked:
            raise _locked(map_path, _holder_named_in(self.path))

    def _let_go(self) -> None:
        """Side file first, so that whoever takes the map file next finds it free too."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _give_up_side_file(fd, self.path)
        for fd in [self._map_fd, *self._parked]:
            if fd is not None:
                os.close(fd)
        self._map_fd, self._parked = None, []


def _open_map_file(map_path: Path) -> int | None:
    """The map file opened to carry the lock; None if there is no lock to take on it."""
    if not LOCKS_THE_MAP_FILE:
        return None
    try:
        if not stat.S_ISREG(os.stat(map_path).st_mode):  # never open a device or a pipe
            return None
        try:
            return os.open(map_path, os.O_RDWR | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            # A file we may not write: a shared lock still keeps out anyone who could.
            return os.open(map_path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:  # not there yet (Save As to a new name), or not ours to open
        return None


def _try_lock_map_file(fd: int) -> bool | None:
    """True if now locked, False if another editor holds it, None if it cannot be locked."""
    writable = (fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE) != os.O_RDONLY
    request = _FLOCK.pack(fcntl.F_WRLCK if writable else fcntl.F_RDLCK,
                          os.SEEK_SET, MAP_FILE_BYTE, 1, 0)
    try:
        fcntl.fcntl(fd, _OFD_SETLK, request)
        return True
    except OSError as exc:
        return False if exc.errno in (errno.EAGAIN, errno.EACCES) else None


def _identity(map_path: Path, fd: int | None) -> tuple:
    """What names the file itself: its device and inode where the system gives them (from the
    descriptor that carries the lock, if any), otherwise its resolved path."""
    try:
        found = os.fstat(fd) if fd is not None else os.stat(map_path)
    except OSError:
        found = None
    if found is not None and found.st_ino:
        return (found.st_dev, found.st_ino)
    return ("path", os.path.normcase(map_path.resolve()))


# Never follow a link or wait on a pipe someone left where the side file goes.
_SAFE_OPEN = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _take_side_file(path: Path, map_path: Path) -> int:
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | _SAFE_OPEN, 0o644)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EMLINK):
                raise _not_ours(path, map_path) from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise _not_ours(path, map_path)
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise _locked(map_path, holder)
        if _still_named(fd, path):
            return fd
        # The holder released it and removed the file between our open and our lock: we
        # locked a file nobody else can find. Start again with the file now at the path.
        os.close(fd)


def _write_holder(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{socket.gethostname()} {os.getpid()}".encode())


def _give_up_side_file(fd: int, path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        # An open file cannot be removed there, and one another editor has open cannot be
        # either: unlock, close, then remove it if nobody took it meanwhile.
        _unlock(fd)
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return
    # Remove the marker before unlocking, so no new holder's file is ever deleted.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    _unlock(fd)
    os.close(fd)


def _not_ours(path: Path, map_path: Path) -> BadMapFile:
    return BadMapFile(
        f"“{map_path.name}” cannot be opened for editing: beside it, “{path.name}” (where "
        f"Ecomap notes that a map is open) is not a file Ecomap made — a link, a folder or a "
        f"pipe. Nothing has been changed; remove it, then open the map again.")


def _still_named(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (itself, not a link to it)."""
    try:
        return os.path.samestat(os.fstat(fd), os.lstat(path))
    except OSError:
        return False


def _locked(map_path: Path, holder: str) -> MapLocked:
    return MapLocked(
        f"“{map_path.name}” is already open for editing{holder}. "
        "Close it there first, or open a copy of the file."
    )


def _holder_named_in(path: Path) -> str:
    """Who the side file names, read without creating it (a hard link elsewhere has none)."""
    try:
        fd = os.open(path, os.O_RDONLY | _SAFE_OPEN)
    except OSError:
        return " elsewhere"
    try:
        return _read_holder(fd)
    finally:
        os.close(fd)


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        host, pid = os.read(fd, 200).decode().split()
    except (OSError, ValueError, UnicodeDecodeError):
        return " elsewhere"
    if host == socket.gethostname() and int(pid) == os.getpid():
        return " in this Ecomap window"
    return f" elsewhere (by Ecomap on {host})"
