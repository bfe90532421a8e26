"""A pinned node carries a pin on the canvas, following the map through pinning, undo and redo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QImage

from app.files import create_map
from tests.conftest import make_map, open_window
from tests.test_ui_editor import click, press_key


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    data = make_map("reps:people course:content coach:process", "reps>course",
                    at={"reps": (0.0, 0.0), "course": (300.0, 0.0), "coach": (0.0, 250.0)})
    return create_map(tmp_path / "pins.ecomap", data)


@pytest.fixture
def window(qtbot, map_file):
    win = open_window(qtbot, map_file)
    win.view.set_zoom(1.0)
    win.view.centerOn(QPointF(150.0, 120.0))
    yield win
    win.close()


def around(window, node_id: str) -> QImage:
    """What the canvas shows of the node (its shape, where the pin goes), as pixels."""
    item = window.scene.item_for_node[node_id]
    centre = window.view.mapFromScene(QPointF(item.cx, item.cy))
    box = QRect(centre.x() - 40, centre.y() - 40, 80, 80)
    return window.view.viewport().grab(box).toImage()


def pin_selection(window) -> None:
    press_key(window, Qt.Key.Key_P)


def test_pinning_shows_a_pin_and_undo_takes_it_away(window):
    item = window.scene.item_for_node["coach"]
    plain = around(window, "coach")
    click(window, "coach")
    selected = around(window, "coach")
    pin_selection(window)
    assert item.pinned
    assert around(window, "coach") != selected  # the pin is drawn
    window.editor.select([])
    pinned = around(window, "coach")
    assert pinned != plain
    window.commands["undo"].trigger()
    assert not item.pinned
    assert around(window, "coach") == plain
    window.commands["redo"].trigger()
    assert item.pinned and around(window, "coach") == pinned


def test_only_pinned_nodes_carry_a_pin(window):
    click(window, "reps")
    pin_selection(window)
    pinned = {i for i, item in window.scene.item_for_node.items() if item.pinned}
    assert pinned == {"reps"}


def test_a_pinned_node_deleted_and_brought_back_keeps_its_pin(window):
    click(window, "course")
    pin_selection(window)
    press_key(window, Qt.Key.Key_Delete)
    assert "course" not in window.scene.item_for_node
    window.commands["undo"].trigger()
    assert window.scene.item_for_node["course"].pinned


def test_pins_are_kept_in_the_file(qtbot, window, map_file):
    click(window, "coach")
    pin_selection(window)
    window.close_map()
    assert window.open_path(map_file)
    assert window.scene.item_for_node["coach"].pinned
    assert not window.scene.item_for_node["reps"].pinned


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_pin_shows_in_every_theme_but_not_far_out(window, theme):
    window.set_theme(theme)
    window.view.set_zoom(1.0)
    window.view.centerOn(QPointF(150.0, 120.0))
    plain = around(window, "reps")
    window.editor.select(["reps"])
    window.commands["pin"].trigger()
    window.editor.select([])
    assert around(window, "reps") != plain
    window.view.set_zoom(0.1)  # a node is a dot of colour here: no outline, no pin
    pinned_far = around(window, "reps")
    window.commands["undo"].trigger()
    assert around(window, "reps") == pinned_far
