"""Killing Ecomap in the middle of a drag loses nothing that was done before it.

A real window runs in a separate process on a copy of a sample map: it adds a node from the
keyboard, finishes one drag, then presses on another node and moves it without letting go. The
process is killed there (as a power cut or a crash would end it), and the file must open again,
hold every edit made before the drag, hold the dragged node where it was, and be sound.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.document import MapDocument
from app.files import import_json
from app.storage.lock import lock_path
from tests.conftest import REPO, SAMPLES

ADDED_LABEL = "Peer coaching circle"

# The window's side of the story, run with ``python -c DRIVER MAP``. It prints what it did as
# one JSON line, then "DRAGGING", and keeps its event loop running with the mouse still down.
DRIVER = r"""
import faulthandler, json, sys
faulthandler.dump_traceback_later(600, exit=True)  # a driver that hangs ends itself

from pathlib import Path
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.settings import app_settings
from ui.theme import load_fonts

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
app = QApplication([])
load_fonts()
window = MainWindow(app_settings(), remember=False)
window.resize(1200, 800)
window.show()
window.activateWindow()
while QApplication.activeWindow() is not window:  # keys go to this window
    app.processEvents()
assert window.open_path(Path(sys.argv[1]))
view, canvas = window.view, window.view.viewport()
view.setFocus()

def spot(node_id):
    return view.mapFromScene(window.scene.item_for_node[node_id].pos())

def centre(node_id):
    item = window.scene.item_for_node[node_id]
    return [item.cx, item.cy]

# 1. A node added from the keyboard: N, its label, Enter, Esc.
QTest.keyClick(view, Qt.Key.Key_N)
QTest.keyClicks(QApplication.focusWidget(), sys.argv[2])
QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

# 2. A drag from start to end: one committed move.
moved, held = sys.argv[3], sys.argv[4]
start = spot(moved)
QTest.mousePress(canvas, LEFT, NONE, start)
for i in range(1, 7):
    QTest.mouseMove(canvas, start + QPoint(0, 10 * i))
QTest.mouseRelease(canvas, LEFT, NONE, start + QPoint(0, 60))
moved_to = [window.document.node(moved).x, window.document.node(moved).y]

# 3. A drag under way: pressed and moved, never released.
held_from = centre(held)
start = spot(held)
QTest.mousePress(canvas, LEFT, NONE, start)
for i in range(1, 7):
    QTest.mouseMove(canvas, start + QPoint(15 * i, 10 * i))
print(json.dumps({"moved_to": moved_to, "held_from": held_from, "held_now": centre(held),
                  "nodes": len(window.document.nodes())}))
print("DRAGGING", flush=True)
app.exec()
"""


def sandbox_env(root: Path) -> dict[str, str]:
    """Offscreen Qt, and settings and data in a throwaway home (as conftest.py sets for us)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(root / "home"),
               PYTHONPATH=str(REPO))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                "APPDATA", "LOCALAPPDATA"):
        env[var] = str(root / var.lower())
    return env


def run_until_dragging(path: Path, root: Path, moved: str, held: str) -> dict:
    """Run the window on ``path`` until it is dragging ``held``, then kill it; what it did."""
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(path), ADDED_LABEL, moved, held],
        cwd=REPO, env=sandbox_env(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    lines = []
    for line in process.stdout:
        lines.append(line.strip())
        if lines[-1] == "DRAGGING":
            break
    try:
        assert lines[-1:] == ["DRAGGING"], (
            f"the window never got to the drag:\n{lines}\n{process.stderr.read()}")
    finally:
        process.kill()  # SIGKILL: no clean-up of any kind
        process.wait()
        process.stdout.close()
        process.stderr.close()
    return json.loads(lines[-2])


def test_a_map_killed_mid_drag_reopens_whole_with_every_committed_edit(tmp_path):
    path = import_json(SAMPLES / "sales_enablement.json", tmp_path / "sales.ecomap")
    document = MapDocument.open(path)
    moved, held = (node.id for node in document.nodes()[:2])
    before = {node.id: (node.x, node.y) for node in document.nodes()}
    document.close()

    report = run_until_dragging(path, tmp_path, moved, held)
    assert report["held_now"] != report["held_from"]  # the drag was really under way
    assert lock_path(path).exists()  # the dead window's edit lock is still lying there

    document = MapDocument.open(path)
    try:
        labels = [node.label for node in document.nodes()]
        assert ADDED_LABEL in labels
        assert len(labels) == len(before) + 1 == report["nodes"]
        assert [document.node(moved).x, document.node(moved).y] == report["moved_to"]
        assert document.node(moved).y != before[moved][1]
        assert (document.node(held).x, document.node(held).y) == before[held]
    finally:
        document.close()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
