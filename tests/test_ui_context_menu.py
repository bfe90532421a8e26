"""Right-click menus on the canvas, and one Esc that returns the canvas to normal.

The tests right-click the real canvas (a mouse click, then the context-menu event Qt sends for
it), click an entry in the menu that opens, and check what the map file then holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.files import create_map, load_map
from app.storage import MapStore
from tests.conftest import SAMPLES, make_map
from tests.test_ui_editor import CTRL, click, map_state, open_window, press_key, spot

RIGHT = Qt.MouseButton.RightButton
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def small(qtbot, tmp_path: Path):
    data = make_map("reps:people course:content coach:process", "reps>course coach-reps",
                    at={"reps": (0.0, 0.0), "course": (300.0, 0.0), "coach": (0.0, 250.0)})
    win = open_window(qtbot, create_map(tmp_path / "small.ecomap", data))
    yield win
    win.close()


# --- what a user's hands do ----------------------------------------------------------------


def entry_text(action) -> str:
    """What an entry says, without its keys or its & mark."""
    return action.text().split("\t")[0].replace("&", "")


def right_click(window, pos: QPoint) -> None:
    """A right-click on the canvas: the press and release, then the menu event Qt sends."""
    viewport = window.view.viewport()
    QTest.mouseClick(viewport, RIGHT, Qt.KeyboardModifier.NoModifier, pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)


def choose(window, pos: QPoint, text: str) -> list[str]:
    """Right-click at ``pos`` and click the entry ``text`` of the menu that opens; return
    what the menu offered."""
    offered: list[str] = []

    def click_entry():
        menu = QApplication.activePopupWidget()
        try:
            offered.extend(entry_text(a) for a in menu.actions() if not a.isSeparator())
            action = next(a for a in menu.actions() if entry_text(a) == text)
            assert action.isEnabled(), f"“{text}” is greyed out"
            QTest.mouseClick(menu, LEFT, Qt.KeyboardModifier.NoModifier,
                             menu.actionGeometry(action).center())
        finally:
            if menu.isVisible():  # never leave a test waiting on an open menu
                menu.close()

    QTimer.singleShot(0, click_entry)
    right_click(window, pos)
    # Offscreen, a closed menu leaves no window active; a desktop gives the window back.
    window.activateWindow()
    for _ in range(400):
        if QApplication.activeWindow() is window:
            break
        QTest.qWait(5)
    assert QApplication.activeWindow() is window
    assert text in offered
    return offered


def on_edge(window, edge_id: str) -> QPoint:
    item = window.scene.item_for_edge[edge_id]
    return window.view.mapFromScene(item.geometry()[0].center())


def empty_spot(window) -> tuple[QPoint, QPointF]:
    """A point of the canvas far from every node, on screen and in the map."""
    where = QPointF(150.0, 150.0)
    return window.view.mapFromScene(where), where


def type_label(text: str) -> None:
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit), "a label box should have the focus"
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def undo(window) -> None:
    window.commands["undo"].trigger()


# --- on a node -----------------------------------------------------------------------------


def test_a_nodes_menu_holds_the_menus_own_commands(small):
    menu = small.view.context_menu(spot(small, "coach"))
    actions = menu.actions()
    for key in ("rename", "focus", "copy", "cut", "duplicate", "delete"):
        assert small.commands[key] in actions  # the same words and keys as the Edit menu
    texts = [entry_text(a) for a in actions if not a.isSeparator()]
    assert texts[:3] == ["Rename node", "Pin", "Focus on node"]
    assert texts[-1] == "What if this were gone?"  # the findings' entry is still there
    assert next(a for a in actions if entry_text(a) == "Pin").text().endswith("\tP")
    menu.deleteLater()


def test_rename_from_the_menu_and_undo(small):
    choose(small, spot(small, "coach"), "Rename node")
    type_label("Peer coaching")
    assert small.document.node("coach").label == "Peer coaching"
    assert MapStore.read(small.document.path).nodes[2].label == "Peer coaching"
    undo(small)
    assert small.document.node("coach").label == "Coach"


def test_right_click_on_another_node_makes_it_the_selection(small):
    click(small, "reps")
    offered = choose(small, spot(small, "course"), "Delete")
    assert "Connect selected to this" not in offered  # nothing else is selected now
    assert not small.document.has_node("course")
    assert small.document.has_node("reps")
    undo(small)
    assert small.document.has_node("course") and len(small.document.edges()) == 2


def test_delete_from_the_menu_acts_on_the_whole_selection(small):
    before = map_state(small.document)
    click(small, "reps")
    click(small, "coach", CTRL)
    choose(small, spot(small, "coach"), "Delete")
    assert [n.id for n in small.document.nodes()] == ["course"]
    undo(small)
    assert map_state(small.document) == before


def test_connect_selected_to_this(small):
    click(small, "reps")
    click(small, "course", CTRL)
    click(small, "coach", CTRL)
    choose(small, spot(small, "coach"), "Connect selected to this")
    pairs = sorted((e.source, e.target) for e in small.document.edges())
    # The reps and the coach were connected already: only the course is connected to it.
    assert pairs == [("coach", "reps"), ("course", "coach"), ("reps", "course")]
    assert small.editor.stack.count() == 1
    undo(small)
    assert len(small.document.edges()) == 2


def test_connect_selected_to_this_adds_no_second_connection(small):
    click(small, "coach")
    click(small, "reps", CTRL)
    choose(small, spot(small, "reps"), "Connect selected to this")
    assert "connected to it already" in small.statusBar().currentMessage()
    assert len(small.document.edges()) == 2 and small.editor.stack.count() == 0


def test_pin_and_unpin_from_the_menu(small):
    choose(small, spot(small, "coach"), "Pin")
    assert small.document.properties()["settings"]["pinned"] == ["coach"]
    assert choose(small, spot(small, "coach"), "Unpin")
    assert small.document.properties()["settings"]["pinned"] == []
    undo(small)
    assert small.document.properties()["settings"]["pinned"] == ["coach"]


def test_focus_on_the_node_clicked_even_in_a_selection(small):
    click(small, "course")
    click(small, "coach", CTRL)
    choose(small, spot(small, "course"), "Focus on node")
    assert small.scene.emphasised == {"course", "reps"}


def test_duplicate_and_cut_from_the_menu(small):
    choose(small, spot(small, "reps"), "Duplicate")
    assert [n.label for n in small.document.nodes()].count("Reps") == 2
    choose(small, spot(small, "course"), "Cut")
    assert not small.document.has_node("course")
    undo(small)
    undo(small)
    assert sorted(n.id for n in small.document.nodes()) == ["coach", "course", "reps"]


def test_copy_then_paste_here_puts_the_copy_at_the_click(small):
    choose(small, spot(small, "course"), "Copy")
    pos, where = empty_spot(small)
    choose(small, pos, "Paste here")
    [copy] = [n for n in small.document.nodes() if n.id not in {"reps", "course", "coach"}]
    assert copy.label == "Course"
    assert (copy.x, copy.y) == pytest.approx((where.x(), where.y()), abs=1.5)
    undo(small)
    assert len(small.document.nodes()) == 3


# --- on a connection -----------------------------------------------------------------------


def test_edit_connection_shows_it_in_the_inspector(small):
    offered = choose(small, on_edge(small, "e1"), "Edit connection")
    assert "Reverse direction" in offered and "Delete" in offered
    assert small.editor.selected_edge_ids() == ["e1"]
    assert small.editor.inspector.currentWidget() is small.editor.inspector.edge_page
    assert small.editor.inspector_dock.isVisible()


def test_reverse_a_one_way_connection_and_undo(small):
    choose(small, on_edge(small, "e1"), "Reverse direction")
    edge = small.document.edge("e1")
    assert (edge.source, edge.target) == ("course", "reps")
    assert small.editor.selected_edge_ids() == ["e1"]
    undo(small)
    edge = small.document.edge("e1")
    assert (edge.source, edge.target) == ("reps", "course")


def test_a_two_way_connection_cannot_be_reversed_but_can_be_deleted(small):
    offered = choose(small, on_edge(small, "e2"), "Delete")
    assert "Reverse direction" not in offered
    assert not small.document.has_edge("e2")
    assert small.document.has_node("coach") and small.document.has_node("reps")
    undo(small)
    assert small.document.has_edge("e2")


# --- on the empty canvas -------------------------------------------------------------------


def test_add_node_here(small):
    pos, where = empty_spot(small)
    offered = choose(small, pos, "Add node here")
    assert offered[:4] == ["Add node here", "Paste here", "Select all", "Fit to window"]
    type_label("Mentors")
    press_key(small, Qt.Key.Key_Escape)
    node = next(n for n in small.document.nodes() if n.label == "Mentors")
    assert (node.x, node.y) == pytest.approx((where.x(), where.y()), abs=1.5)
    undo(small)
    assert len(small.document.nodes()) == 3


def test_paste_here_waits_for_something_copied(small):
    QApplication.clipboard().clear()
    menu = small.view.context_menu(empty_spot(small)[0])
    paste = next(a for a in menu.actions() if entry_text(a) == "Paste here")
    assert not paste.isEnabled()
    menu.deleteLater()


def test_select_all_and_fit_to_window(small):
    small.view.set_zoom(3.0)
    small.view.centerOn(QPointF(150.0, 150.0))
    pos = small.view.viewport().rect().center()
    choose(small, pos, "Select all")
    assert sorted(small.editor.selected_node_ids()) == ["coach", "course", "reps"]
    pos = small.view.mapFromScene(QPointF(150.0, 150.0))
    choose(small, pos, "Fit to window")
    assert small.view.zoom() < 3.0


# --- one Esc ---------------------------------------------------------------------------------


@pytest.fixture
def cane_toad(qtbot, tmp_path):
    path = create_map(tmp_path / "toad.ecomap", load_map(SAMPLES / "lecture_cane_toad.json"))
    win = open_window(qtbot, path)
    yield win
    win.close()


def test_one_esc_on_the_map_clears_a_findings_highlight(cane_toad):
    panel = cane_toad.findings.panel
    finding_list = panel.list
    item = finding_list.topLevelItem(0)
    QTest.mouseClick(finding_list.viewport(), LEFT, Qt.KeyboardModifier.NoModifier,
                     finding_list.visualItemRect(item).center())
    assert cane_toad.scene.emphasised is not None
    assert cane_toad.commands["clear_highlight"].isEnabled()
    cane_toad.view.setFocus()
    press_key(cane_toad, Qt.Key.Key_Escape)
    assert cane_toad.scene.emphasised is None
    assert panel.current_finding() is None
    assert not cane_toad.commands["clear_highlight"].isEnabled()


def test_shift_esc_still_clears_the_highlight_from_a_panel(cane_toad):
    panel = cane_toad.findings.panel
    panel.list.setCurrentItem(panel.list.topLevelItem(0))
    assert cane_toad.scene.emphasised is not None
    panel.details.setFocus()
    QTest.keyClick(panel.details, Qt.Key.Key_Escape, Qt.KeyboardModifier.ShiftModifier)
    assert cane_toad.scene.emphasised is None


def test_the_shortcuts_window_says_what_esc_and_right_click_do(cane_toad):
    from ui.shortcuts_dialog import shortcut_rows

    rows = {(command, keys) for _menu, command, keys in shortcut_rows(cane_toad.commands)}
    assert ("Show everything", "Esc") in rows
    assert ("Clear highlight", "Shift+Esc") in rows
    assert any(keys == "Right-click" for _command, keys in rows)
