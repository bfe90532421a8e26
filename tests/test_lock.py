"""One editor per map, however it is reached.

A map open for editing is refused through any other name of the same file (a symlink, a
symlinked folder, a hard link beside it or in another folder, the folder or the file mounted a
second time), in this process and in another, with the usual "already open for editing"
message, and the refusal changes nothing. Real files and real second processes throughout;
every wait is bounded, none is timed.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import MapLocked
from app.files import create_map
from app.storage import MapStore
from app.storage.lock import LOCKS_THE_MAP_FILE, MAP_FILE_BYTE, lock_path
from tests.conftest import REPO, make_map

BOUND = 60  # seconds a child may take before the test gives up on it: a limit, not a wait

# A second Ecomap holding the map open for editing until its stdin closes (or it is killed).
HOLD = r"""
import sys
from app.storage import MapStore
store = MapStore.open(sys.argv[1])
if len(sys.argv) > 2:  # an edit, so that the file has changes only its WAL holds
    with store.transaction():
        store.update_map(sys.argv[2], "", [], {})
print("holding", flush=True)
sys.stdin.read()
store.close()
"""

# A second Ecomap trying to open the map: prints the refusal and ends with 3, or says "opened".
TRY = r"""
import sys
from app.errors import MapLocked
from app.storage import MapStore
try:
    MapStore.open(sys.argv[1]).close()
except MapLocked as refused:
    print(refused)
    sys.exit(3)
print("opened")
"""

REFUSED_ELSEWHERE = "is already open for editing elsewhere"
WHAT_TO_DO = "Close it there first, or open a copy of the file."


@pytest.fixture
def team_map(tmp_path: Path) -> Path:
    (tmp_path / "maps").mkdir()
    return create_map(tmp_path / "maps" / "team.ecomap",
                      make_map("reps:people deck:content", "reps>deck"))


def _symlink(team_map: Path, tmp_path: Path) -> Path:
    link = tmp_path / "shortcuts" / "shortcut.ecomap"
    link.parent.mkdir()
    link.symlink_to(team_map)
    return link


def _symlinked_folder(team_map: Path, tmp_path: Path) -> Path:
    (tmp_path / "alias").symlink_to(team_map.parent, target_is_directory=True)
    return tmp_path / "alias" / team_map.name


def _hard_link_beside(team_map: Path, tmp_path: Path) -> Path:
    link = team_map.with_name("same-file.ecomap")
    link.hardlink_to(team_map)
    return link


def _hard_link_elsewhere(team_map: Path, tmp_path: Path) -> Path:
    link = tmp_path / "elsewhere" / team_map.name  # the same name, so the same side-file name
    link.parent.mkdir()
    link.hardlink_to(team_map)
    return link


def _folder_mounted_again(team_map: Path, tmp_path: Path, request) -> Path:
    mount = tmp_path / "mounted"
    mount.mkdir()
    _bind_mount(team_map.parent, mount, request)
    return mount / team_map.name


def _file_mounted_elsewhere(team_map: Path, tmp_path: Path, request) -> Path:
    mount = tmp_path / "elsewhere" / "mounted.ecomap"  # its side file would be beside it
    mount.parent.mkdir()
    mount.touch()
    _bind_mount(team_map, mount, request)
    return mount


def _bind_mount(source: Path, mount: Path, request) -> None:
    tried = _run(["mount", "--bind", str(source), str(mount)])
    if tried is None or tried.returncode != 0:
        why = "no mount command" if tried is None else tried.stderr.strip()
        pytest.skip(f"mount --bind is not permitted here ({why})")
    request.addfinalizer(lambda: _unmount(mount))


OTHER_NAMES = {"symlink": _symlink, "symlinked folder": _symlinked_folder,
               "hard link beside it": _hard_link_beside,
               "hard link in another folder": _hard_link_elsewhere,
               "folder mounted again": _folder_mounted_again,
               "file mounted elsewhere": _file_mounted_elsewhere}
MOUNTS = {"folder mounted again", "file mounted elsewhere"}
NEEDS_THE_FILE_LOCK = {"hard link beside it", "hard link in another folder", *MOUNTS}


@pytest.fixture(params=sorted(OTHER_NAMES))
def other_name(request, team_map: Path, tmp_path: Path) -> Path:
    """Another name for ``team_map``: the same file, reached another way."""
    make = OTHER_NAMES[request.param]
    if request.param in MOUNTS:
        return make(team_map, tmp_path, request)
    return make(team_map, tmp_path)


@pytest.fixture
def other_process_name(request, other_name: Path) -> Path:
    """``other_name`` where another process can be expected to meet the lock through it."""
    if request.node.callspec.params["other_name"] in NEEDS_THE_FILE_LOCK \
            and not LOCKS_THE_MAP_FILE:
        pytest.skip("this system has no lock on the file itself: only the side file and this "
                    "process's own list stand between editors, and both go by name")
    return other_name


def test_a_map_open_here_is_refused_through_its_other_name_and_back(team_map, other_name):
    for first, second in ((team_map, other_name), (other_name, team_map)):
        store = MapStore.open(first)
        try:
            with pytest.raises(MapLocked, match="already open for editing in this Ecomap window"):
                MapStore.open(second)
        finally:
            store.close()


def test_another_process_is_refused_through_any_other_name(team_map, other_process_name):
    store = MapStore.open(team_map)
    try:
        tried = _python(TRY, other_process_name)
    finally:
        store.close()
    assert tried.returncode == 3, tried.stdout + tried.stderr
    assert REFUSED_ELSEWHERE in tried.stdout and WHAT_TO_DO in tried.stdout
    assert f"“{other_process_name.name}”" in tried.stdout  # named as the user typed it


def test_a_refused_open_changes_nothing(team_map, other_process_name, tmp_path):
    with editing_elsewhere(team_map):
        before = _everything_in(tmp_path)
        with pytest.raises(MapLocked, match=f"{REFUSED_ELSEWHERE}.*{WHAT_TO_DO}"):
            MapStore.open(other_process_name)
        assert _everything_in(tmp_path) == before


def test_a_closed_map_opens_again_through_any_name_and_leaves_no_lock(team_map, other_name,
                                                                      tmp_path):
    before = _everything_in(tmp_path).keys()
    MapStore.open(team_map).close()
    MapStore.open(other_name).close()
    assert _python(TRY, other_name).stdout.strip() == "opened"
    assert _everything_in(tmp_path).keys() == before  # no side file, -wal or -shm left


def test_an_editor_killed_outright_frees_the_map(team_map, other_process_name):
    with editing_elsewhere(other_process_name) as child:
        child.kill()  # SIGKILL: no clean-up of any kind
        child.wait(BOUND)
    assert lock_path(other_process_name).exists()  # the dead editor's side file is left behind
    MapStore.open(team_map).close()  # the map itself is free, under its first name too
    MapStore.open(other_process_name).close()
    assert not lock_path(other_process_name).exists()  # and the next editor tidied it away


def test_a_map_edited_in_another_process_can_still_be_read(team_map):
    with editing_elsewhere(team_map, rename_to="Renamed while open"):
        assert MapStore.read(team_map).name == "Renamed while open"
        with pytest.raises(MapLocked):
            MapStore.open(team_map)
    assert MapStore.read(team_map).name == "Renamed while open"


def test_save_as_never_replaces_a_map_open_under_another_name(team_map, other_name, tmp_path):
    store = MapStore.open(create_map(tmp_path / "ours.ecomap", make_map("a:people", name="Ours")))
    editing = MapStore.open(team_map)
    try:
        with pytest.raises(MapLocked):
            store.copy_to(other_name)
    finally:
        editing.close()
        store.close()
    assert MapStore.read(team_map).name == "Test map" and other_name.samefile(team_map)
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]


@pytest.mark.skipif(not LOCKS_THE_MAP_FILE, reason="no lock on the map file itself here")
def test_the_lock_on_the_map_file_is_one_byte_clear_of_sqlites(team_map):
    """Read back with the system's own lock call in another process: the lock covers exactly
    the one byte, so SQLite's locks (0x40000000 on) and everyone's reads and writes pass.
    (SQLite's shared range is probed with a shared lock: the editor's own connection holds
    one there while the map is in WAL mode, as every reader may.)"""
    probe = ("import fcntl, os, sys\n"
             "fd = os.open(sys.argv[1], os.O_RDWR)\n"
             "for at in map(int, sys.argv[2:]):\n"
             "    how = fcntl.LOCK_SH if at < 0x40000200 else fcntl.LOCK_EX\n"
             "    try:\n"
             "        fcntl.lockf(fd, how | fcntl.LOCK_NB, 1, at)\n"
             "        print('free', end=' ')\n"
             "    except OSError:\n"
             "        print('taken', end=' ')\n")
    store = MapStore.open(team_map)
    try:
        seen = _python(probe, team_map, MAP_FILE_BYTE - 1, MAP_FILE_BYTE, MAP_FILE_BYTE + 1,
                       0x40000000 + 2)  # a byte of SQLite's shared range
    finally:
        store.close()
    assert seen.stdout.split() == ["free", "taken", "free", "free"], seen.stderr


# --- helpers -------------------------------------------------------------------------------


@contextlib.contextmanager
def editing_elsewhere(path: Path, rename_to: str | None = None):
    """Another Ecomap process holding ``path`` open for editing while the block runs."""
    args = [path] + ([rename_to] if rename_to else [])
    child = subprocess.Popen([sys.executable, "-c", HOLD, *map(str, args)], cwd=REPO,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([child.stdout], [], [], BOUND)
        said = child.stdout.readline().strip() if ready else "(nothing)"
        assert said == "holding", f"the other editor did not start: {said}"
        yield child
    finally:
        child.stdin.close()  # lets it close the map cleanly, if it is still running
        if child.wait(BOUND) not in (0, -9):
            pytest.fail(f"the other editor failed: {child.stderr.read()}")
        child.stdout.close()
        child.stderr.close()


def _python(script: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=BOUND)


def _everything_in(folder: Path) -> dict[str, bytes | str]:
    """Every file under ``folder`` with its bytes (a link with where it leads), except the
    shared-memory index SQLite keeps for a map in use, which readers may touch."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = b"" if name.endswith("-shm") else path.read_bytes()
    return found


def _run(command: list[str]) -> subprocess.CompletedProcess | None:
    if shutil.which(command[0]) is None:
        return None
    return subprocess.run(command, capture_output=True, text=True, timeout=BOUND)


def _unmount(mount: Path) -> None:
    if _run(["umount", str(mount)]).returncode != 0:
        _run(["umount", "--lazy", str(mount)])
