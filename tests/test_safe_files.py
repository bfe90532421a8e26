"""Writing files as an attacker would test it: two Ecomaps making one map at the same moment,
imports killed at any moment, exports aimed at their own input or a read-only file, a full
disk. Real files and real child processes throughout."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import safe_files
from app.domain import DEFAULT_CATEGORIES, Edge, MapData, Node
from app.errors import AlreadyExists, StorageFailed
from app.files import create_map
from app.interchange import read_json, write_json
from app.storage import MapStore
from tests.conftest import SAMPLES, make_map
from tests.full_disk import with_file_size_limit

RACES = 6  # rounds of two imports started together
KILLS = 12  # imports killed, at moments spread over a whole import

# A child that loads Ecomap, says so, and waits for the test to close a pipe (the barrier)
# before it runs the ``ecomap`` command it was given: the start of the race is the same moment.
RACER = """\
import os, sys
from app import cli
print("ready", flush=True)
os.read(int(sys.argv[1]), 1)
sys.exit(cli.main(sys.argv[2:]))
"""
# The same, for making a map where a taken name gives way to "name (2).ecomap".
NEXT_FREE_RACER = """\
import os, sys
from app import files
print("ready", flush=True)
os.read(int(sys.argv[1]), 1)
print(files.create_map(sys.argv[3], files.read_json(sys.argv[2]), or_next_free=True))
"""


def ecomap(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def started_together(script: str, commands: list[list], cwd: Path) -> list[subprocess.Popen]:
    """Child processes running ``script`` with each of ``commands``, let go at one moment."""
    read, write = os.pipe()
    children = [subprocess.Popen([sys.executable, "-c", script, str(read), *map(str, args)],
                                 pass_fds=(read,), cwd=cwd, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for args in commands]
    os.close(read)
    for child in children:
        assert child.stdout.readline() == "ready\n"
    os.close(write)  # every child's read returns at once
    return children


def finished(child: subprocess.Popen) -> tuple[int, str, str]:
    out, err = child.communicate(timeout=120)
    return child.returncode, out, err


def mid_size_map(name: str, nodes: int = 3000, prefix: str = "n") -> MapData:
    """A map of a few thousand placed nodes with text, about a megabyte on disk."""
    keys = [c.key for c in DEFAULT_CATEGORIES]
    node_list = tuple(
        Node(f"{prefix}{i}", f"{name} piece {i}", keys[i % len(keys)], x=i % 60 * 40.0,
             y=i // 60 * 40.0, description=f"What piece {i} is for, in a sentence or two. " * 4)
        for i in range(nodes))
    edges = tuple(Edge(f"e{i}", f"{prefix}{i}", f"{prefix}{(i * 7 + 1) % nodes}")
                  for i in range(nodes) if i != (i * 7 + 1) % nodes)
    return MapData(name=name, categories=DEFAULT_CATEGORIES, nodes=node_list, edges=edges)


def saved_json(path: Path, data: MapData) -> Path:
    write_json(data, path)
    return path


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(safe_files.PREFIX))


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- creating a map never replaces one ---------------------------------------------------------


def test_of_two_imports_to_one_new_path_exactly_one_wins_and_its_map_is_whole(tmp_path):
    maps = {name: mid_size_map(name, nodes=600, prefix=name[0]) for name in ("Alpha", "Beta")}
    sources = {name: saved_json(tmp_path / f"{name}.json", data) for name, data in maps.items()}
    expected = {name: MapStore.read(create_map(tmp_path / f"{name}.ecomap", data))
                for name, data in maps.items()}
    for round_ in range(RACES):
        folder = tmp_path / f"round{round_}"
        folder.mkdir()
        children = started_together(RACER, [["import", sources[name], "m.ecomap"]
                                             for name in maps], folder)
        results = dict(zip(maps, map(finished, children), strict=True))
        statuses = sorted(status for status, _out, _err in results.values())
        assert statuses == [0, 2], results
        winner = next(name for name, (status, _o, _e) in results.items() if status == 0)
        loser_says = next(err for status, _o, err in results.values() if status == 2)
        assert "already exists" in loser_says and "Traceback" not in loser_says
        assert MapStore.read(folder / "m.ecomap") == expected[winner]
        assert files_in(folder) == ["m.ecomap"]


def test_two_maps_made_at_once_beside_each_other_take_the_next_free_names(tmp_path):
    source = saved_json(tmp_path / "team.json", mid_size_map("Team", nodes=300))
    children = started_together(NEXT_FREE_RACER, [[source, "team.ecomap"]] * 2, tmp_path)
    results = [finished(child) for child in children]
    assert [status for status, _out, _err in results] == [0, 0], results
    made = sorted(out.strip() for _status, out, _err in results)
    assert made == ["team (2).ecomap", "team.ecomap"]
    assert MapStore.read(tmp_path / made[0]) == MapStore.read(tmp_path / made[1])
    assert temporaries(tmp_path) == []


def test_without_hard_links_a_new_map_still_never_replaces_one(tmp_path, monkeypatch):
    def no_hard_links(*_args, **_kwargs):  # as on FAT, exFAT and some network shares
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_hard_links)
    first = create_map(tmp_path / "m.ecomap", make_map("reps:people", name="First"))
    with pytest.raises(AlreadyExists, match="already exists"):
        create_map(first, make_map("deck:content", name="Second"))
    second = create_map(first, make_map("deck:content", name="Second"), or_next_free=True)
    assert second.name == "m (2).ecomap"
    assert [MapStore.read(p).name for p in (first, second)] == ["First", "Second"]
    assert files_in(tmp_path) == ["m (2).ecomap", "m.ecomap"]


# --- killed runs leave a whole map or none, and their leftovers are cleared ------------------


def test_an_import_killed_at_any_moment_leaves_a_whole_map_or_none_and_no_leftovers(tmp_path):
    source = saved_json(tmp_path / "big.json", mid_size_map("Big"))
    expected = MapStore.read(create_map(tmp_path / "reference.ecomap", read_json(source)))
    folder = tmp_path / "imports"
    folder.mkdir()
    target = folder / "m.ecomap"
    whole = _time_to_import(source, folder)
    target.unlink()
    for n in range(KILLS):
        child = started_together(RACER, [["import", source, target.name]], folder)[0]
        time.sleep(whole * n / (KILLS - 2))  # from at once to just after it would have ended
        child.send_signal(signal.SIGKILL)
        child.communicate()
        if target.exists():
            assert MapStore.read(target) == expected
            target.unlink()
        assert set(files_in(folder)) <= set(temporaries(folder))  # no lock, no -wal, no junk
    assert ecomap("import", source, "next.ecomap", cwd=folder).returncode == 0
    assert files_in(folder) == ["next.ecomap"]


def _time_to_import(source: Path, folder: Path) -> float:
    """How long an import takes here once Ecomap is loaded, so the kills can spread over it."""
    child = started_together(RACER, [["import", source, "m.ecomap"]], folder)[0]
    began = time.monotonic()
    assert finished(child)[0] == 0
    return time.monotonic() - began


def test_temporaries_of_runs_that_are_gone_are_cleared_by_the_next_write(tmp_path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    gone = safe_files.temporary_name("m.ecomap", pid=int(ended.stdout))
    living = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                              stdin=subprocess.PIPE)
    writing = safe_files.temporary_name("n.ecomap", pid=living.pid)
    old_elsewhere = safe_files.temporary_name("o.ecomap", pid=1, host="laptop-7")
    new_elsewhere = safe_files.temporary_name("p.ecomap", pid=1, host="laptop-7")
    not_ours = [".~ecomap-notes.txt", ".m.ecomap.abc123.part", "m.json.part"]
    for name in [gone, gone + "-wal", gone + "-journal", writing, old_elsewhere,
                 new_elsewhere, *not_ours]:
        (tmp_path / name).write_bytes(b"half a map")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(tmp_path / old_elsewhere, (two_days_ago, two_days_ago))
    saved_json(tmp_path / "m.json", make_map("reps:people"))
    try:
        assert ecomap("export", "m.json", "out.json", cwd=tmp_path).returncode == 0
        assert set(files_in(tmp_path)) == {"m.json", "out.json", writing, new_elsewhere,
                                           *not_ours}
    finally:
        living.communicate(b"")
    assert ecomap("export", "m.json", "out.json", cwd=tmp_path).returncode == 0
    assert writing not in files_in(tmp_path)


# --- exports: never over their own input, read-only is read-only for every format -------------


@pytest.mark.parametrize("out", ["map.json", "link.json", "hard.json"])
def test_an_export_never_overwrites_its_own_input(tmp_path, out):
    source = saved_json(tmp_path / "map.json", make_map("reps:people deck:content", "reps>deck"))
    (tmp_path / "link.json").symlink_to("map.json")
    os.link(source, tmp_path / "hard.json")
    before = source.read_bytes()
    done = ecomap("export", "map.json", out, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "is the map being read" in done.stderr
    assert source.read_bytes() == before
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("out", ["out.json", "out.png"])
def test_a_read_only_target_is_refused_for_every_format(tmp_path, out):
    saved_json(tmp_path / "map.json", make_map("reps:people"))
    target = tmp_path / out
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    done = ecomap("export", "map.json", out, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "is read-only, so nothing was written" in done.stderr
    assert target.read_bytes() == b"keep me"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert files_in(tmp_path) == ["map.json", out]


@pytest.mark.parametrize(("out", "says"), [("taken.json", "is a folder"),
                                           ("no/such/folder/out.json", "there is no folder")])
def test_a_json_export_to_a_folder_or_a_missing_folder_is_refused(tmp_path, out, says):
    saved_json(tmp_path / "map.json", make_map("reps:people"))
    (tmp_path / "taken.json").mkdir()
    done = ecomap("export", "map.json", out, cwd=tmp_path)
    assert done.returncode == 2 and says in done.stderr
    assert files_in(tmp_path) == ["map.json", "taken.json"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="chattr is Linux's")
def test_a_folder_nobody_may_write_in_is_bad_input_not_a_failure(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    # Immutable: refused even to root, as a folder without permission is to a user.
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("this file system cannot mark a folder immutable")
    try:
        done = ecomap("import", SAMPLES / "workshop_starter.json", locked / "m.ecomap",
                      cwd=tmp_path)
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert done.returncode == 2 and "permission denied" in done.stderr
    assert files_in(locked) == []


# --- a full disk: exit 1, plain words, nothing left behind --------------------------------------


def test_an_import_onto_a_full_disk_says_so_and_works_once_space_is_free(full_disk, tmp_path):
    source = saved_json(tmp_path / "big.json", mid_size_map("Big"))
    done = ecomap("import", source, full_disk.folder / "m.ecomap", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "The disk holding “m.ecomap” is full, so nothing was written." in done.stderr
    assert "Free some space" in done.stderr and "went wrong" not in done.stderr
    assert full_disk.files() == []
    full_disk.free()
    assert ecomap("import", source, full_disk.folder / "m.ecomap", cwd=tmp_path).returncode == 0
    assert MapStore.read(full_disk.folder / "m.ecomap").name == "Big"
    assert full_disk.files() == ["m.ecomap"]


def test_a_json_export_onto_a_full_disk_says_so_and_leaves_nothing(full_disk, tmp_path):
    source = saved_json(tmp_path / "big.json", mid_size_map("Big"))
    done = ecomap("export", source, full_disk.folder / "out.json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "The disk holding “out.json” is full, so nothing was written." in done.stderr
    assert full_disk.files() == []


def test_creating_a_map_on_a_full_disk_fails_whole(full_disk):
    with pytest.raises(StorageFailed, match="is full, so nothing was written") as failed:
        MapStore.create(full_disk.folder / "m.ecomap", mid_size_map("Big"))
    assert failed.value.exit_status == 1
    assert full_disk.files() == []


@pytest.mark.parametrize("command", ["import", "export"])
def test_a_file_size_limit_is_a_failure_explained_and_nothing_is_left(tmp_path, command):
    source = saved_json(tmp_path / "big.json", mid_size_map("Big"))
    out = "m.ecomap" if command == "import" else "out.json"
    done = with_file_size_limit(200_000, command, source, out, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "so nothing was written" in done.stderr
    assert "went wrong" not in done.stderr and "Traceback" not in done.stderr
    assert files_in(tmp_path) == ["big.json"]
