"""The window when the file or the disk lets the user down: a damaged map is refused without being
touched and a way back is offered; a full disk costs one change, never the map or the undo."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.files import import_json
from app.ops import Operation
from app.storage import MapStore
from app.storage.lock import lock_path
from tests.conftest import SAMPLES, open_window, shown_window
from tests.test_damaged_files import damage, fingerprint
from ui.ways_back import WaysBackDialog

LEFT = Qt.MouseButton.LeftButton


def visible_box(window, name: str) -> QMessageBox:
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()
             and b.objectName() == name]
    assert len(boxes) == 1, [b.objectName() for b in window.findChildren(QMessageBox)]
    return boxes[0]


def ways_back(window) -> WaysBackDialog:
    shown = [d for d in window.findChildren(WaysBackDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def way(dialog: WaysBackDialog, words: str):
    return next(b for b in dialog.ways if words in b.text())


@pytest.fixture
def with_snapshot(tmp_path: Path) -> Path:
    """The workshop starter with a snapshot taken in March, then damaged since."""
    document = json.loads((SAMPLES / "workshop_starter.json").read_text())
    document["snapshots"] = [{"name": "March review", "taken_at": "2026-03-31T17:00:00",
                              "nodes": document["nodes"][:4], "edges": []}]
    source = tmp_path / "source.json"
    source.write_text(json.dumps(document))
    folder = tmp_path / "maps"
    folder.mkdir()
    path = import_json(source, folder / "workshop.ecomap")
    damage(path, "UPDATE edge SET source = 777 WHERE pk = 2")
    return path


def test_the_window_refuses_a_damaged_map_without_touching_it(qtbot, with_snapshot):
    window = shown_window(qtbot)
    before = fingerprint(with_snapshot.parent)
    with qtbot.captureExceptions() as raised:
        assert not window.open_path(with_snapshot)
    assert raised == []  # no traceback, no crash dialog
    dialog = ways_back(window)
    message = dialog.message.text()
    assert "damaged" in message and "edge table, row 2" in message
    assert window.document is None
    assert fingerprint(with_snapshot.parent) == before  # same bytes, no -wal, no lock
    assert not lock_path(with_snapshot).exists()
    assert way(dialog, "Open another map")
    dialog.reject()


def test_a_snapshot_inside_a_damaged_map_can_be_restored_as_a_new_map(qtbot, with_snapshot):
    window = shown_window(qtbot)
    before = with_snapshot.read_bytes()
    window.open_path(with_snapshot)
    restore = way(ways_back(window), "March review")
    assert restore.text() == "Restore the snapshot “March review” (31 Mar 2026)"
    restore.click()
    assert window.document is not None
    assert window.document.path.name == "workshop (recovered).ecomap"
    assert len(window.document.nodes()) == 4
    assert window.document.name.endswith("— March review")
    assert with_snapshot.read_bytes() == before  # the damaged file is kept for support


def test_a_json_export_beside_a_damaged_map_is_offered(qtbot, with_snapshot):
    exported = json.loads((SAMPLES / "workshop_starter.json").read_text())
    with_snapshot.with_suffix(".json").write_text(json.dumps(exported))
    window = shown_window(qtbot)
    window.open_path(with_snapshot)
    dialog = ways_back(window)
    offered = [b.text() for b in dialog.ways]
    assert any(t.startswith("Open the JSON export “workshop.json”") for t in offered)
    assert offered.index(way(dialog, "JSON export").text()) < \
        offered.index(way(dialog, "March review").text())  # a whole map before a snapshot
    way(dialog, "JSON export").click()
    assert len(window.document.nodes()) == len(exported["nodes"])


# --- a full disk -----------------------------------------------------------------------------


def _drag_node(window, node_id: str, by: QPoint) -> None:
    item = window.scene.item_for_node[node_id]
    start = window.view.mapFromScene(QPointF(item.cx, item.cy))
    viewport = window.view.viewport()
    QTest.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 7):
        QTest.mouseMove(viewport, start + by * i / 6)
    QTest.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start + by)


def test_a_full_disk_costs_one_change_and_the_map_stays_usable(qtbot, small_disk):
    path = import_json(SAMPLES / "workshop_starter.json", small_disk.folder / "w.ecomap")
    window = open_window(qtbot, path)
    node_id = window.document.nodes()[0].id
    start = (window.document.node(node_id).x, window.document.node(node_id).y)
    small_disk.fill()

    with qtbot.captureExceptions() as raised:
        _drag_node(window, node_id, QPoint(120, 40))
    assert raised == []
    box = visible_box(window, "problem")
    assert box.text() == "The change could not be saved"
    assert "The disk holding “w.ecomap” is full" in box.informativeText()
    assert "as it was before this change" in box.informativeText()
    box.close()
    assert window.editor.stack.count() == 0  # the failed move is not an undo step
    node = window.document.node(node_id)
    assert (node.x, node.y) == start
    item = window.scene.item_for_node[node_id]
    assert (item.cx, item.cy) == start  # and the canvas shows the node where the map has it

    small_disk.free()
    _drag_node(window, node_id, QPoint(120, 40))
    assert window.editor.stack.count() == 1
    moved = window.document.node(node_id)
    assert (moved.x, moved.y) != start
    window.editor.undo()
    assert (window.document.node(node_id).x, window.document.node(node_id).y) == start
    window.editor.redo()
    window.close_map()
    assert {n.id: (n.x, n.y) for n in MapStore.read(path).nodes}[node_id] == (moved.x, moved.y)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


class Broken(Operation):
    """An edit that fails with an error nobody foresaw (a bug), not one of Ecomap's own."""

    label = "Broken"

    def apply(self, model):
        raise RuntimeError("a bug")


def test_an_edit_that_fails_unexpectedly_is_not_left_on_the_undo_history(qtbot, tmp_path):
    path = import_json(SAMPLES / "workshop_starter.json", tmp_path / "w.ecomap")
    window = open_window(qtbot, path)
    before = window.document.snapshot()
    with qtbot.captureExceptions() as raised:
        assert not window.editor.run(Broken())
    assert raised == []
    assert window.editor.stack.count() == 0 and not window.editor.stack.canUndo()
    assert "Something went wrong inside Ecomap" in window.statusBar().currentMessage()
    assert window.document.snapshot() == before
