"""Writing files safely, in one place: a file appears whole or not at all, a new map never
replaces a file, and what a killed run left behind is recognised and cleared by the next one.

Every writer builds its file as a temporary beside the target (same folder, so same disk) and
then either replaces the target (``write_bytes``, ``replace``: exports, Save As) or puts it in
place only if the name is free (``create_new``: new and imported maps). A temporary's name says
who made it, ``.~ecomap-<host>-<pid>-<token>.<target name>.part``, so a later run can tell one
abandoned by a dead process from one a live process is still writing.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app.errors import AlreadyExists, BadInput, EcomapError
from app.failures import explained

PREFIX, SUFFIX = ".~ecomap-", ".part"
SIDECARS = ("-wal", "-shm", "-journal")  # what SQLite may put beside a database it writes
OTHER_HOST_AGE = 24 * 3600  # seconds: another computer's process cannot be asked if it lives
NOTHING_WRITTEN = "nothing was written"
MAX_NUMBERED = 10_000  # "name (n).ext": a bound, so a folder full of copies cannot loop us


def _host_label(host: str) -> str:
    """The host's name as it goes into a temporary's name (no "-", which separates parts)."""
    return re.sub(r"[^A-Za-z0-9_.]", "_", host)[:40] or "host"


_HOST = _host_label(socket.gethostname())
_TEMPORARY = re.compile(
    re.escape(PREFIX) + r"(?P<host>[A-Za-z0-9_.]*)-(?P<pid>\d+)-[0-9a-f]{8}\..*"
    + re.escape(SUFFIX) + f"(?:{'|'.join(SIDECARS)})?", re.DOTALL)
# Hard links missing from the file system (FAT, exFAT, some network shares), not a refusal.
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL,
                  errno.EXDEV}


# --- the writers -------------------------------------------------------------------------------


def write_bytes(target: str | os.PathLike, payload: bytes) -> None:
    """Replace ``target`` with ``payload``, whole or not at all (exports and reports)."""
    target = Path(target)
    check_target(target)
    with temporary_beside(target) as part:
        with open(part, "wb") as handle:
            handle.write(payload)
        replace(part, target)


def create_new(target: str | os.PathLike, fill: Callable[[Path], None], *,
               what: str = "a file", or_next_free: bool = False) -> Path:
    """Make a new file at ``target`` with ``fill(part)``, which writes it at ``part``, and put it
    in place only if nothing is there: it never replaces a file. With ``or_next_free`` a taken
    name gives way to "name (2).ext", "name (3).ext", …. Returns the path made."""
    target = Path(target)
    check_target(target, making=what)
    names = numbered_names(target) if or_next_free else iter([target])
    first = next((name for name in names if not os.path.lexists(name)), None)
    if first is None:  # taken before we began: said before any work is done
        raise AlreadyExists(f"{target} already exists; choose another name.")
    with temporary_beside(target) as part:
        fill(part)
        _sync(part)
        for name in itertools.chain([first], names):  # taken meanwhile: the next, if allowed
            if _claim(part, name):
                _sync_folder(name)
                return name
    raise AlreadyExists(
        f"{target} already exists: another program made it while this one was being written, "
        "and it was left as it is. Choose another name.")


def replace(part: Path, target: Path) -> None:
    """Put the finished temporary ``part`` in place of ``target`` in one step."""
    _sync(part)
    os.replace(part, target)
    _sync_folder(target)


@contextlib.contextmanager
def temporary_beside(target: Path) -> Iterator[Path]:
    """A new, empty file of ours beside ``target`` to fill. When the block ends it is gone
    with its SQLite sidecars (put in place, or removed), and a storage failure inside the
    block becomes a plain message saying nothing was written. Leftovers of runs that died
    in that folder are cleared first."""
    folder = folder_of(target)
    clear_leftovers(folder)
    with _explained(target):
        part = folder / temporary_name(target.name)
        try:
            os.close(os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # as open()
        except (FileNotFoundError, NotADirectoryError):
            raise _no_folder(target, folder, None) from None
        try:
            yield part
        finally:
            for leftover in (part, *sidecars(part)):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)


# --- checking a target before any work is done ------------------------------------------------


def check_target(target: str | os.PathLike, *, source: str | os.PathLike | None = None,
                 making: str | None = None) -> None:
    """Refuse a place that cannot or must not be written, before time is spent drawing: a
    missing folder, a folder or a device in the way, a read-only file, or ``source`` itself.
    ``making`` names what a new file will be ("a map"); an existing one is then left to
    ``create_new``, which never replaces it."""
    target = Path(target)
    folder = folder_of(target)
    if not folder.is_dir():
        raise _no_folder(target, folder, making)
    if not os.access(folder, os.W_OK):
        raise BadInput("cannot write there (permission denied)", str(target))
    if making is not None:
        return
    if source is not None and _same_file(source, target):
        raise BadInput(f"is the map being read (“{source}”); name another file to write, so "
                       "the map is not overwritten", str(target))
    try:
        found = os.stat(target)
    except OSError:
        return  # nothing there (or nothing we can see): the write itself will tell
    if stat.S_ISDIR(found.st_mode):
        raise BadInput("is a folder; name a file to write", str(target))
    if not stat.S_ISREG(found.st_mode):
        raise BadInput("is not an ordinary file (a device or a pipe); name a file to write",
                       str(target))
    # The mode bits too: as root (or an administrator) ``os.access`` says yes to everything,
    # but a file someone marked read-only is one they meant to keep.
    if not found.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise BadInput("is read-only, so nothing was written; choose another name, or make "
                       "the file writable first", str(target))


def _no_folder(target: Path, folder: Path, making: str | None) -> BadInput:
    if making is None:
        return BadInput(f"cannot write there: there is no folder {folder}", str(target))
    return BadInput(f"cannot create {making} in {folder}: there is no such folder", str(target))


def _same_file(source: str | os.PathLike, target: Path) -> bool:
    try:
        return os.path.samefile(source, target)
    except OSError:
        return False


def folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def numbered_names(path: Path) -> Iterator[Path]:
    """``path``, then "stem (2).suffix", "stem (3).suffix", … beside it."""
    yield path
    for n in range(2, MAX_NUMBERED):
        yield path.with_name(f"{path.stem} ({n}){path.suffix}")


# --- putting a new file in place only if the name is free -------------------------------------


def _claim(part: Path, target: Path) -> bool:
    """Give ``part`` the name ``target`` if nothing has it; ``False`` if something does.

    A hard link is made only if the name is free, in one step the file system decides, so of
    two Ecomaps creating one file exactly one wins; the loser's temporary is removed."""
    try:
        os.link(part, target)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        return _claim_without_link(part, target)
    part.unlink()
    return True


def _claim_without_link(part: Path, target: Path) -> bool:
    """Where the file system has no hard links: reserve the name with an exclusive create,
    then rename our file over our own reservation (and only over it). A second creator meets
    the reservation and is refused. The cost: until the rename, or for good if this process
    is killed just then, the name holds an empty file, which Ecomap refuses as "not a map"."""
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except FileExistsError:
        return False
    try:
        reserved = os.fstat(fd)
    finally:
        os.close(fd)
    try:
        still_ours = os.path.samestat(reserved, os.stat(target))
    except FileNotFoundError:
        still_ours = False
    if not still_ours:  # someone replaced or removed our reservation: theirs now
        return False
    os.replace(part, target)
    return True


def _sync(path: Path) -> None:
    """Have the file's contents on the disk before its name changes, so a power cut cannot
    leave the name pointing at a file that was never written."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder to sync it
        return
    fd = os.open(folder_of(path), os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems cannot sync a folder
            os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _explained(target: Path) -> Iterator[None]:
    try:
        yield
    except EcomapError:
        raise
    except Exception as error:
        plain = explained(error, target, NOTHING_WRITTEN)
        if plain is None:
            raise
        raise plain from error


# --- temporaries: named for who made them, cleared when their maker is gone -------------------


def temporary_name(target_name: str, *, pid: int | None = None, host: str | None = None) -> str:
    """A new temporary's name for writing ``target_name``, made by this process (or ``pid``
    on ``host``)."""
    # The target's name only helps a person tell what it was; cut so the whole stays far
    # below the 255 bytes a file name may have.
    shown = target_name.encode("utf-8", "surrogateescape")[:80].decode("utf-8", "ignore")
    maker = f"{_HOST if host is None else _host_label(host)}-{pid or os.getpid()}"
    return f"{PREFIX}{maker}-{secrets.token_hex(4)}.{shown}{SUFFIX}"


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDECARS]


def clear_leftovers(folder: Path) -> None:
    """Remove the temporaries (and their SQLite sidecars) that Ecomap runs now gone left in
    ``folder``. One made on this computer goes once its process has ended; one made on another
    computer sharing the folder only when it is over a day old. A live writer's is kept."""
    try:
        with os.scandir(folder) as entries:
            found = [e for e in entries if e.name.startswith(PREFIX)]
    except OSError:
        return
    now = time.time()
    for entry in found:
        made_by = _TEMPORARY.fullmatch(entry.name)
        with contextlib.suppress(OSError):
            if made_by and entry.is_file(follow_symlinks=False) and \
                    _abandoned(made_by["host"], int(made_by["pid"]), entry, now):
                os.unlink(entry.path)


def _abandoned(host: str, pid: int, entry: os.DirEntry, now: float) -> bool:
    if host == _HOST and os.name != "nt":
        return not _alive(pid)
    # Another computer's process cannot be asked; nor, safely, one on Windows (os.kill
    # there ends the process). Wait until nobody could still be writing it.
    return now - entry.stat(follow_symlinks=False).st_mtime > OTHER_HOST_AGE


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of ours may be writing it
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours to signal, or we cannot tell: keep it
    return True
