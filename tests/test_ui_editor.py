"""Building a map in the window the way a facilitator would: keyboard first, then the mouse.

Every test drives the real widgets (keys and clicks on the canvas, typing in the inspector) and
checks what the map file then holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.document import MapDocument
from app.files import create_map, new_map_data
from tests.conftest import make_map, open_window

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def empty_map(tmp_path: Path) -> Path:
    return create_map(tmp_path / "workshop.ecomap", new_map_data("Workshop"))


@pytest.fixture
def small_map(tmp_path: Path) -> Path:
    data = make_map("reps:people course:content coach:process", "reps>course coach>reps",
                    at={"reps": (0.0, 0.0), "course": (300.0, 0.0), "coach": (0.0, 250.0)})
    return create_map(tmp_path / "small.ecomap", data)


@pytest.fixture
def window(qtbot, empty_map):
    win = open_window(qtbot, empty_map)
    yield win
    win.close()


@pytest.fixture
def small(qtbot, small_map):
    win = open_window(qtbot, small_map)
    yield win
    win.close()


# --- helpers: what a user's hands do -------------------------------------------------------


def canvas(window) -> QPoint:
    return window.view.viewport()


def spot(window, node_id: str, dx: float = 0.0, dy: float = 0.0) -> QPoint:
    item = window.scene.item_for_node[node_id]
    return window.view.mapFromScene(QPointF(item.cx + dx, item.cy + dy))


def press_key(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or canvas(window), key, modifier)


def type_label(text: str) -> None:
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit), "a label box should have the focus"
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def click(window, node_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mouseClick(canvas(window), LEFT, modifier, spot(window, node_id))


def drag(window, start: QPoint, end: QPoint, steps: int = 6) -> None:
    QTest.mousePress(canvas(window), LEFT, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(canvas(window), start + (end - start) * i / steps)
    QTest.mouseRelease(canvas(window), LEFT, Qt.KeyboardModifier.NoModifier, end)


def labels(window) -> dict[str, str]:
    return {n.label: n.category for n in window.document.nodes()}


def node_called(window, label: str):
    return next(n for n in window.document.nodes() if n.label == label)


def map_state(document):
    data = document.snapshot()
    return sorted(data.nodes, key=lambda n: n.id), sorted(data.edges, key=lambda e: e.id)


# --- keyboard: add, capture, connect, undo everything, redo everything, reopen ------------


def test_a_small_map_built_with_the_keyboard_alone(window):
    press_key(window, Qt.Key.Key_N)
    for label in ("New sales reps", "Managers"):
        type_label(label)
    press_key(window, Qt.Key.Key_Tab)  # next building block: Content
    type_label("Onboarding course")
    press_key(window, Qt.Key.Key_Escape)
    press_key(window, Qt.Key.Key_3)  # Processes, and start adding
    type_label("Coaching")
    type_label("")  # an empty label ends quick capture
    assert labels(window) == {"New sales reps": "people", "Managers": "people",
                              "Onboarding course": "content", "Coaching": "process"}
    row = [node_called(window, x) for x in ("New sales reps", "Managers", "Onboarding course")]
    assert row[0].y == row[1].y == row[2].y and row[0].x < row[1].x < row[2].x


def test_select_two_and_press_c_connects_them(small):
    click(small, "coach")
    click(small, "course", CTRL)
    press_key(small, Qt.Key.Key_C)
    new = [e for e in small.document.edges() if (e.source, e.target) == ("coach", "course")]
    assert len(new) == 1
    assert small.editor.selected_edge_ids() == [new[0].id]  # ready for kind and strength


def test_undo_everything_back_to_empty_redo_it_and_reopen(qtbot, window, empty_map):
    press_key(window, Qt.Key.Key_N)
    for label in ("Reps", "Managers", "Mentors"):
        type_label(label)
    press_key(window, Qt.Key.Key_Escape)
    ids = {n.label: n.id for n in window.document.nodes()}
    click(window, ids["Reps"])
    click(window, ids["Mentors"], CTRL)
    press_key(window, Qt.Key.Key_C)
    built = map_state(window.document)
    assert len(built[0]) == 3 and len(built[1]) == 1
    for _ in range(window.editor.stack.count()):
        press_key(window, Qt.Key.Key_Z, CTRL)
    assert map_state(window.document) == ([], [])
    assert window.scene.is_empty
    for _ in range(window.editor.stack.count()):
        press_key(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert map_state(window.document) == built
    window.close_map()
    assert window.open_path(empty_map)
    assert map_state(window.document) == built
    assert window.editor.stack.count() == 0  # the history lasts a session; the file stays


def test_a_refused_label_changes_nothing_and_says_why(small):
    click(small, "reps")
    label = small.findChild(QLineEdit, "field_label")
    label.setFocus()
    label.selectAll()
    QTest.keyClick(label, Qt.Key.Key_Delete)
    QTest.keyClick(label, Qt.Key.Key_Return)
    assert small.document.node("reps").label == "Reps"
    assert small.editor.stack.count() == 0
    assert "Not changed" in small.statusBar().currentMessage()
    assert label.text() == "Reps"


# --- mouse: drag, rubber band, handle ------------------------------------------------------


def test_dragging_a_node_is_one_undo_step_and_its_connections_follow(small):
    edge = small.scene.item_for_edge["e1"]  # reps > course
    before = edge.boundingRect()
    drag(small, spot(small, "reps"), spot(small, "reps", 0, 200))
    reps = small.document.node("reps")
    assert reps.y == pytest.approx(200, abs=2) and reps.x == pytest.approx(0, abs=2)
    assert small.editor.stack.count() == 1
    assert edge.boundingRect() != before
    assert edge.geometry()[0].p1().y() > 100  # the line starts at the moved node
    small.commands["undo"].trigger()
    assert (small.document.node("reps").x, small.document.node("reps").y) == (0.0, 0.0)
    assert small.scene.item_for_node["reps"].cy == 0.0


def test_dragging_several_selected_nodes_moves_them_together(small):
    click(small, "reps")
    click(small, "coach", CTRL)
    drag(small, spot(small, "reps"), spot(small, "reps", 100, 0))
    assert small.document.node("reps").x == pytest.approx(100, abs=2)
    assert small.document.node("coach").x == pytest.approx(100, abs=2)
    assert small.document.node("course").x == 300.0
    assert small.editor.stack.count() == 1


def test_a_rubber_band_selects_the_nodes_inside_it(small):
    drag(small, spot(small, "reps", -60, -60), spot(small, "coach", 60, 60))
    assert sorted(small.editor.selected_node_ids()) == ["coach", "reps"]


def test_drag_from_a_nodes_handle_to_another_node_connects_them(small):
    click(small, "course")
    handle = small.scene.item_for_node["course"].handle_centre()
    drag(small, spot(small, "course", handle.x(), handle.y()), spot(small, "coach"))
    assert any((e.source, e.target) == ("course", "coach") for e in small.document.edges())
    assert small.editor.stack.count() == 1


def test_double_click_on_the_canvas_adds_a_node_there(small):
    where = small.view.mapFromScene(QPointF(600, 300))
    QTest.mouseDClick(canvas(small), LEFT, Qt.KeyboardModifier.NoModifier, where)
    type_label("Job aids")
    node = node_called(small, "Job aids")
    assert (node.x, node.y) == pytest.approx((600, 300), abs=3)


def test_arrow_keys_nudge_and_a_run_of_nudges_is_one_step(small):
    click(small, "course")
    for _ in range(3):
        press_key(small, Qt.Key.Key_Right)
    assert small.document.node("course").x == 330.0
    assert small.editor.stack.count() == 1


# --- delete, inspector, arrange, clipboard, find -------------------------------------------


def test_delete_removes_the_node_and_its_connections_and_undo_restores_them(small):
    before = map_state(small.document)
    click(small, "reps")
    press_key(small, Qt.Key.Key_Delete)
    assert not small.document.has_node("reps") and small.document.edges() == []
    small.commands["undo"].trigger()
    assert map_state(small.document) == before


def test_editing_a_label_in_the_inspector_can_be_undone(small):
    click(small, "reps")
    label = small.findChild(QLineEdit, "field_label")
    label.setFocus()
    label.selectAll()
    QTest.keyClicks(label, "New sales reps")
    QTest.keyClick(label, Qt.Key.Key_Return)
    assert small.document.node("reps").label == "New sales reps"
    assert small.scene.item_for_node["reps"].node.label == "New sales reps"
    small.commands["undo"].trigger()
    assert small.document.node("reps").label == "Reps"
    assert label.text() == "Reps"


def test_a_layout_is_one_undo_step(small):
    before = map_state(small.document)
    small.commands["layout_rings"].trigger()
    assert map_state(small.document) != before
    assert small.editor.stack.count() == 1
    small.commands["undo"].trigger()
    assert map_state(small.document) == before


def test_copy_in_one_map_and_paste_into_another(qtbot, small, empty_map):
    click(small, "reps")
    click(small, "course", CTRL)
    press_key(small, Qt.Key.Key_C, CTRL)
    other = open_window(qtbot, empty_map)
    try:
        press_key(other, Qt.Key.Key_V, CTRL)
        assert labels(other) == {"Reps": "people", "Course": "content"}
        assert len(other.document.edges()) == 1
        assert sorted(other.editor.selected_node_ids()) == sorted(
            n.id for n in other.document.nodes())
        other.commands["undo"].trigger()
        assert other.document.nodes() == []
    finally:
        other.close()


def test_duplicate_adds_a_copy_beside_the_original(small):
    click(small, "reps")
    press_key(small, Qt.Key.Key_D, CTRL)
    copies = [n for n in small.document.nodes() if n.label == "Reps"]
    assert len(copies) == 2 and copies[1].x == copies[0].x + 40


def test_find_jumps_to_the_node_and_selects_it(small):
    press_key(small, Qt.Key.Key_F, CTRL)
    dialog = small.editor.finder.dialog
    QTest.keyClicks(dialog.text, "coa")
    QTest.keyClick(dialog.text, Qt.Key.Key_Return)
    assert small.editor.selected_node_ids() == ["coach"]


def test_focus_dims_everything_but_the_neighbours(small):
    click(small, "course")
    press_key(small, Qt.Key.Key_F)
    assert small.scene.emphasised == {"course", "reps"}
    press_key(small, Qt.Key.Key_Escape)
    assert small.scene.emphasised is None


def test_the_shortcuts_window_lists_every_shortcut_of_the_menus(small):
    from ui.actions import MENUS, Command
    from ui.shortcuts_dialog import ShortcutsDialog

    small.commands["shortcuts"].trigger()
    dialog = small.findChild(ShortcutsDialog)
    shown = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    keyed = [e for _t, entries in MENUS for e in entries
             if isinstance(e, Command) and e.shortcuts]
    assert len(shown) >= len({small.commands[e.key].text() for e in keyed}) - 1
    assert "Undo" in {t.split(" ")[0] for t in shown} and "Connect nodes" in shown


def test_the_edit_map_and_help_menus_sit_in_order(small):
    titles = [a.text().replace("&", "") for a in small.menuBar().actions()]
    assert titles.index("File") < titles.index("Edit") < titles.index("View") < titles.index(
        "Map") < titles.index("Help") == len(titles) - 1


def test_reopened_untitled_map_keeps_what_was_typed(qtbot, window, empty_map):
    press_key(window, Qt.Key.Key_N)
    type_label("Reps")
    path = window.document.path
    window.close()
    document = MapDocument.open(path)
    try:
        assert [n.label for n in document.nodes()] == ["Reps"]
    finally:
        document.close()
