"""Automatic layouts glide the nodes to their new places, while the file already holds them.

Whatever comes during the glide (another layout, an undo, a drag, closing the map or the
window) finds the map exactly as committed: nothing lost, nothing applied twice.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from app.domain import Node
from app.files import create_map
from app.storage import MapStore
from tests.conftest import make_map, open_window
from tests.test_ui_editor import drag, press_key
from ui.canvas.layout_animation import MOST_NODES

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    data = make_map("reps:people managers:people course:content wiki:content coach:process "
                    "review:process", "reps>course managers>coach coach>reps wiki-course")
    nodes = tuple(replace(n, x=100.0 * i, y=0.0) for i, n in enumerate(data.nodes))
    return create_map(tmp_path / "glide.ecomap", replace(data, nodes=nodes))


@pytest.fixture
def window(qtbot, map_file):
    win = open_window(qtbot, map_file)
    yield win
    win.close()


def in_file(path: Path) -> dict:
    return {n.id: (n.x, n.y) for n in MapStore.read(path).nodes}


def in_map(window) -> dict:
    return {n.id: (n.x, n.y) for n in window.document.nodes()}


def on_canvas(window) -> dict:
    return {i: (item.cx, item.cy) for i, item in window.scene.item_for_node.items()}


def gliding(window) -> bool:
    return window.editor.arrange.animation.running


def test_a_layout_is_saved_at_once_then_glides_and_undoes_in_one_step(qtbot, window, map_file):
    before = in_map(window)
    window.commands["layout_rings"].trigger()
    after = in_map(window)
    assert after != before
    assert in_file(map_file) == after  # committed before the nodes start moving
    assert gliding(window)
    assert on_canvas(window) == before  # the items set off from where they were
    qtbot.waitUntil(lambda: not gliding(window))
    assert on_canvas(window) == after
    assert window.editor.stack.count() == 1
    window.commands["undo"].trigger()
    assert in_map(window) == on_canvas(window) == in_file(map_file) == before


def test_a_second_layout_during_the_glide(qtbot, window, map_file):
    before = in_map(window)
    window.commands["layout_rings"].trigger()
    rings = in_map(window)
    window.commands["layout_force"].trigger()
    force = in_map(window)
    assert force != rings and in_file(map_file) == force
    qtbot.waitUntil(lambda: not gliding(window))
    assert on_canvas(window) == force
    assert window.editor.stack.count() == 2
    window.commands["undo"].trigger()
    assert in_map(window) == on_canvas(window) == rings
    window.commands["undo"].trigger()
    assert in_map(window) == on_canvas(window) == before


def test_undo_during_the_glide_puts_everything_back(window, map_file):
    before = in_map(window)
    window.commands["layout_rings"].trigger()
    after = in_map(window)
    press_key(window, Qt.Key.Key_Z, CTRL)
    assert not gliding(window)
    assert in_map(window) == on_canvas(window) == in_file(map_file) == before
    window.commands["redo"].trigger()
    assert in_map(window) == on_canvas(window) == after


def test_a_drag_during_the_glide_starts_from_the_new_place(window):
    window.commands["layout_rings"].trigger()
    x, y = in_map(window)["reps"]
    start = window.view.mapFromScene(QPointF(x, y))
    drag(window, start, start + QPoint(0, 60))
    assert not gliding(window)
    zoom = window.view.zoom()
    assert window.document.node("reps").x == pytest.approx(x, abs=2 / zoom)
    assert window.document.node("reps").y == pytest.approx(y + 60 / zoom, abs=2 / zoom)
    assert window.editor.stack.count() == 2


def test_closing_the_map_during_the_glide_keeps_the_layout(window, map_file):
    window.commands["layout_rings"].trigger()
    after = in_map(window)
    window.close_map()
    assert not gliding(window)
    assert window.open_path(map_file)
    assert in_map(window) == on_canvas(window) == after


def test_closing_the_window_during_the_glide_keeps_the_layout(qtbot, map_file):
    window = open_window(qtbot, map_file)
    window.commands["layout_clusters"].trigger()
    after = in_map(window)
    window.close()
    assert not gliding(window)
    assert in_file(map_file) == after


def test_a_large_layout_jumps_straight_to_its_places(qtbot, tmp_path):
    count = MOST_NODES + 100
    nodes = tuple(Node(f"n{i}", f"Course {i}", "content", x=60.0 * i, y=float(i))
                  for i in range(count))
    path = create_map(tmp_path / "large.ecomap", replace(make_map(), nodes=nodes))
    window = open_window(qtbot, path)
    press_key(window, Qt.Key.Key_A, CTRL)
    window.commands["align_top"].trigger()
    assert {y for _x, y in in_map(window).values()} == {0.0}
    assert not gliding(window)
    assert on_canvas(window) == in_map(window)
    window.close()


@pytest.fixture
def in_the_background(monkeypatch):
    """Layouts worked out in a worker, as on a large map, whatever the map's size."""
    import ui.editing

    monkeypatch.setattr(ui.editing, "BACKGROUND", 2)


def test_a_large_map_is_laid_out_while_the_window_answers(qtbot, window, map_file,
                                                          in_the_background):
    before = in_map(window)
    window.commands["layout_clusters"].trigger()
    assert in_map(window) == before  # worked out in a worker: the window answers meanwhile
    qtbot.waitUntil(lambda: in_map(window) != before)
    after = in_map(window)
    assert in_file(map_file) == after
    qtbot.waitUntil(lambda: not gliding(window))
    assert on_canvas(window) == after and window.editor.stack.count() == 1
    window.commands["undo"].trigger()
    assert in_map(window) == before


def test_a_background_layout_of_a_map_changed_meanwhile_moves_nothing(qtbot, window,
                                                                      in_the_background,
                                                                      monkeypatch):
    import threading

    from app import arrange

    nudged_yet = threading.Event()
    work = arrange.arrange
    monkeypatch.setattr(arrange, "arrange",
                        lambda *args, **kwargs: nudged_yet.wait(10) and work(*args, **kwargs))
    window.commands["layout_force"].trigger()
    window.editor.select(["reps"])
    press_key(window, Qt.Key.Key_Right)  # a nudge while the layout is worked out
    nudged = in_map(window)
    nudged_yet.set()
    qtbot.waitUntil(lambda: "changed while" in window.statusBar().currentMessage())
    assert in_map(window) == nudged


def test_closing_the_window_while_a_layout_is_worked_out(qtbot, map_file, in_the_background):
    window = open_window(qtbot, map_file)
    before = in_map(window)
    window.commands["layout_rings"].trigger()
    window.close()
    assert in_file(map_file) == before
