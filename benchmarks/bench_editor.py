"""Editing the 10,000-node map in a real window: dragging one node with its connections, and one
edit from the key press to the committed file.

Both go through the real widgets (mouse events into the canvas, a key press on it) and time the
work up to and including the items' update, not the repaint Qt does afterwards.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document import MapDocument  # noqa: E402
from benchmarks.generate import large_map_file  # noqa: E402
from benchmarks.harness import Result, median_of  # noqa: E402
from benchmarks.window import application, close_window  # noqa: E402

SIZE = (1600, 1000)
MOVES = 100  # mouse moves in one drag
NUDGES = 40
LEFT = Qt.MouseButton.LeftButton


def open_window(path: Path):
    from ui.main_window import MainWindow
    from ui.settings import app_settings

    window = MainWindow(app_settings(), remember=False)
    window.resize(*SIZE)
    window.show()
    window.set_document(MapDocument.open(path))
    window.findings.runner.wait()  # the checks run in the background: not while we time
    window.activateWindow()
    QApplication.processEvents()
    return window


def typical_and_busiest(window) -> tuple[str, str]:
    """A node with the median number of connections, and the one with the most (a hub)."""
    items = sorted(window.scene.item_for_node.values(), key=lambda item: len(item.edges))
    return items[len(items) // 2].node_id, items[-1].node_id


def _mouse(widget, kind, pos: QPointF, button, buttons) -> QMouseEvent:
    """A mouse event at ``pos`` on ``widget`` (the scene finds items by the global position)."""
    return QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons,
                       Qt.KeyboardModifier.NoModifier)


def drag_times(window, node_id: str) -> list[float]:
    """Press on the node, move it ``MOVES`` times, release: the seconds each move took."""
    view, app = window.view, QApplication.instance()
    item = window.scene.item_for_node[node_id]
    view.actual_size()
    view.centerOn(item.pos())
    app.processEvents()
    viewport = view.viewport()
    at = QPointF(view.mapFromScene(item.pos()))
    app.sendEvent(viewport, _mouse(viewport, QMouseEvent.Type.MouseButtonPress, at, LEFT, LEFT))
    samples = []
    for i in range(1, MOVES + 1):
        spot = at + QPointF(3 * i % 240, 2 * i % 160)
        event = _mouse(viewport, QMouseEvent.Type.MouseMove, spot, Qt.MouseButton.NoButton, LEFT)
        start = time.perf_counter()
        app.sendEvent(viewport, event)
        samples.append(time.perf_counter() - start)
        app.processEvents()  # the repaint and the scene's index, untimed, as between moves
    app.sendEvent(viewport, _mouse(viewport, QMouseEvent.Type.MouseButtonRelease, spot, LEFT,
                                   Qt.MouseButton.NoButton))
    app.processEvents()
    return samples


def nudge_times(window, node_id: str) -> list[float]:
    """Select the node, press the arrow keys: the seconds from key press to committed file."""
    app = QApplication.instance()
    window.editor.select([node_id])
    window.view.setFocus()
    app.processEvents()
    samples = []
    keys = (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up)
    for i in range(NUDGES):
        before = window.document.node(node_id)
        start = time.perf_counter()
        QTest.keyClick(window.view, keys[i % 4])
        samples.append(time.perf_counter() - start)
        assert window.document.node(node_id) != before, "the nudge did not reach the map"
        app.processEvents()  # the repaint, untimed
    return samples


def measure() -> list[Result]:
    application()
    with large_map_file() as path:
        window = open_window(path)
        typical, hub = typical_and_busiest(window)
        results = [_drag_result(window, typical, "a node"), _drag_result(window, hub, "a hub")]
        results.append(Result("one edit, arrow key to committed file (10k map), median",
                              median_of(nudge_times(window, typical)), 0.005))
        close_window(window)
    return results


def _drag_result(window, node_id: str, which: str) -> Result:
    degree = len(window.scene.item_for_node[node_id].edges)
    before = window.document.node(node_id)
    samples = drag_times(window, node_id)
    after = window.document.node(node_id)
    assert (after.x, after.y) != (before.x, before.y), "the drag did not reach the map"
    return Result(f"drag {which} and its {degree} connections (10k map), per move",
                  median_of(samples), 0.002)
