"""When the disk lets the user down: a full, read-only or failing disk is explained in plain
words, the map is as it was before the change, and work goes on once the disk is right again.
And when Ecomap itself is killed mid-edit, again and again, nothing committed is lost."""

from __future__ import annotations

import contextlib
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.cli import main as ecomap
from app.document import MapDocument
from app.domain import Node
from app.errors import StorageFailed
from app.files import import_json
from app.ops import AddNodes
from app.storage import MapStore
from app.storage.lock import lock_path
from tests.conftest import REPO, SAMPLES
from tests.test_damaged_files import fingerprint


def big_change(prefix: str) -> AddNodes:
    """Forty mentor circles with long notes: one change that needs real room on the disk."""
    return AddNodes(tuple(Node(f"{prefix}{i}", f"Mentor circle {i}", "people",
                               description="notes " * 1_600) for i in range(40)))


def test_an_edit_on_a_full_disk_is_explained_and_the_next_one_works(small_disk):
    path = import_json(SAMPLES / "workshop_starter.json", small_disk.folder / "w.ecomap")
    document = MapDocument.open(path)
    try:
        before = document.snapshot()
        small_disk.fill()
        with pytest.raises(StorageFailed, match="The disk holding “w.ecomap” is full, so the map "
                                                 "is as it was before this change"):
            document.apply(big_change("full"))
        assert document.snapshot() == before
        small_disk.free()
        document.apply(big_change("room"))
    finally:
        document.close()
    nodes = {n.id for n in MapStore.read(path).nodes}
    assert "room0" in nodes and "full0" not in nodes


def test_a_map_on_a_read_only_disk_is_read_but_not_opened_for_editing(small_disk, capsys):
    path = import_json(SAMPLES / "workshop_starter.json", small_disk.folder / "w.ecomap")
    small_disk.make_read_only()
    before = fingerprint(small_disk.folder)
    with pytest.raises(StorageFailed, match="can only be read, so the map was not opened"):
        MapDocument.open(path)
    assert ecomap(["info", str(path)]) == 0
    assert ecomap(["analyze", str(path)]) in (0, 3)
    capsys.readouterr()
    assert fingerprint(small_disk.folder) == before


CHILD_WITH_A_FILE_SIZE_LIMIT = textwrap.dedent("""
    import os, resource, signal, sys
    from pathlib import Path
    from app.document import MapDocument
    from app.domain import Node
    from app.errors import EcomapError
    from app.ops import AddNodes

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
    path = Path(sys.argv[1])
    document = MapDocument.open(path)
    biggest = max(p.stat().st_size for p in path.parent.iterdir())
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + 50_000, hard))
    note = "notes " * 1_600
    many = lambda prefix: AddNodes(tuple(Node(f"{prefix}{i}", f"Circle {i}", "people",
                                              description=note) for i in range(40)))
    try:
        document.apply(many("limited"))
        print("no failure")
    except EcomapError as error:
        print("refused:", error, "| exit", error.exit_status)
    print("still there:", document.has_node("limited0"))
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    document.apply(many("later"))
    document.close()
    print("done")
""")


def test_a_write_the_system_refuses_is_explained_and_work_goes_on(tmp_path):
    """Runs everywhere: a file-size limit stands in for a failing disk."""
    path = import_json(SAMPLES / "workshop_starter.json", tmp_path / "w.ecomap")
    done = subprocess.run([sys.executable, "-c", CHILD_WITH_A_FILE_SIZE_LIMIT, str(path)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("refused: The disk holding “w.ecomap” reported an error, so the "
                               "map is as it was before this change"), lines
    assert lines[0].endswith("| exit 1")
    assert lines[1:] == ["still there: False", "done"]
    nodes = {n.id for n in MapStore.read(path).nodes}
    assert "later0" in nodes and "limited0" not in nodes


# --- killed mid-edit, again and again ------------------------------------------------------

EDITOR = textwrap.dedent("""
    import random, sys
    from app.document import MapDocument
    from app.domain import Edge, Node
    from app.ops import AddNodes, MoveNodes, UpdateNode

    document = MapDocument.open(sys.argv[1])
    rng = random.Random(int(sys.argv[2]))
    for step in range(100_000):
        ids = list(document.node_ids())
        choice = step % 3
        if choice == 0:
            anchor = rng.choice(ids)
            node = Node(f"k{sys.argv[2]}-{step}", f"Peer group {step}", "people", x=step, y=0)
            document.apply(AddNodes((node,), (Edge(f"ke{sys.argv[2]}-{step}", node.id, anchor),)))
        elif choice == 1:
            document.apply(MoveNodes({rng.choice(ids): (rng.uniform(-500, 500), step)}))
        else:
            target = rng.choice(ids)
            document.apply(UpdateNode(target, {"label": f"Renamed at step {step}"}))
        print(step, flush=True)  # this step is committed
""")


def test_killing_an_editor_again_and_again_never_loses_a_committed_edit(tmp_path):
    path = import_json(SAMPLES / "workshop_starter.json", tmp_path / "w.ecomap")
    rng = random.Random(2026)
    for round_number in range(8):
        child = subprocess.Popen([sys.executable, "-c", EDITOR, str(path), str(round_number)],
                                 stdout=subprocess.PIPE, text=True, cwd=REPO)
        wanted = rng.randint(1, 40)
        committed = -1
        for line in child.stdout:
            committed = int(line)
            if committed >= wanted:
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
        assert committed >= 0, "the editor never got going"
        data = MapStore.read(path)
        # Every add the child reported is in the file (later ones may be too: the kill can
        # land between a commit and its report).
        last_add = committed - committed % 3
        assert f"k{round_number}-{last_add}" in {n.id for n in data.nodes}
        with contextlib.closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        MapDocument.open(path).close()  # the dead editor's lock does not keep the map shut
    assert not lock_path(path).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.ecomap"]
