"""The Snapshots panel as an L&D lead meets it: save one from the menu, see it listed, look at
it, rename, delete and undo, restore it as a new map."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app import ops
from app.files import create_map, is_untitled, load_map
from app.storage import MapStore
from tests.conftest import SAMPLES, open_window
from ui.snapshot_dialogs import SnapshotNameDialog, SnapshotViewer


@pytest.fixture
def window(qtbot, tmp_path):
    path = create_map(tmp_path / "sales.ecomap", load_map(SAMPLES / "sales_enablement.json"))
    win = open_window(qtbot, path, (1400, 900))
    yield win
    win.close()


def names(window) -> list[str]:
    panel = window.history.panel.list
    return [panel.topLevelItem(i).text(0).split("\n")[0]
            for i in range(panel.topLevelItemCount())]


def save_from_menu(window, qtbot, name: str, note: str = "") -> SnapshotNameDialog:
    window.commands["save_snapshot"].trigger()
    dialog = window.history.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.setText(name)
    dialog.note.setPlainText(note)
    dialog.accept()
    return dialog


def test_saving_a_snapshot_from_the_menu_lists_it_and_keeps_it_in_the_file(window, qtbot):
    assert window.commands["save_snapshot"].shortcut().toString() == "Ctrl+Alt+S"
    assert not window.history.dock.isVisible()
    dialog = save_from_menu(window, qtbot, "Q3 review", "before the LXP goes live")
    assert not dialog.isVisible()
    assert window.history.dock.isVisible()
    assert names(window) == ["Q3 review"]
    row = window.history.panel.list.topLevelItem(0)
    nodes = len(window.document.node_ids())
    assert f"{nodes:,} pieces · " in row.text(0)
    assert window.history.panel.note.text() == "before the LXP goes live"
    assert [s.name for s in MapStore.read(window.document.path).snapshots] == ["Q3 review"]


def test_a_taken_name_is_said_in_the_dialog_which_stays_open(window, qtbot):
    save_from_menu(window, qtbot, "Q3 review")
    dialog = save_from_menu(window, qtbot, "q3 review")
    assert dialog.isVisible()
    assert "already a snapshot called" in dialog.problem.text()
    dialog.reject()
    assert names(window) == ["Q3 review"]


def test_rename_and_delete_are_undone_with_ctrl_z(window, qtbot):
    save_from_menu(window, qtbot, "Q3 review")
    panel = window.history.panel
    panel.buttons["rename"].click()
    dialog = window.history.dialog
    dialog.name.setText("Q3 workshop")
    dialog.accept()
    assert names(window) == ["Q3 workshop"]
    panel.buttons["delete"].click()
    assert names(window) == []
    assert panel.empty.isVisible()
    window.commands["undo"].trigger()
    assert names(window) == ["Q3 workshop"]
    window.commands["undo"].trigger()
    assert names(window) == ["Q3 review"]


def test_opening_a_snapshot_shows_the_map_as_it_was_read_only(window, qtbot):
    save_from_menu(window, qtbot, "Q3 review")
    before = len(window.document.node_ids())
    first = next(iter(window.document.node_ids()))
    window.editor.run(ops.RemoveNodes((first,)))
    window.history.panel.buttons["open"].click()
    viewer = window.history.viewer
    assert isinstance(viewer, SnapshotViewer)
    qtbot.waitUntil(viewer.isVisible)
    assert len(viewer.scene.item_for_node) == before
    assert not viewer.view.isInteractive()
    assert "read-only" in viewer.findChild(QLabel, "snapshot_viewer_heading").text()
    viewer.close()


def test_restoring_a_snapshot_opens_it_as_a_new_map_and_leaves_this_one(window, qtbot):
    save_from_menu(window, qtbot, "Q3 review")
    path = window.document.path
    first = next(iter(window.document.node_ids()))
    window.editor.run(ops.RemoveNodes((first,)))
    window.history.panel.buttons["restore"].click()
    assert window.document.path != path and is_untitled(window.document.path)
    assert first in window.document.node_ids()
    assert window.document.snapshots() == ()
    assert first not in {n.id for n in MapStore.read(path).nodes}
    QApplication.processEvents()
    assert "restored as the new map" in window.statusBar().currentMessage()


def test_the_panel_is_in_the_view_menu_and_empty_without_a_map(window, qtbot):
    toggle = window.history.dock.toggleViewAction()
    assert toggle in window.commands["docks"].menu().actions()
    window.close_map()
    assert "Open a map" in window.history.panel.empty.text()
    assert not window.commands["save_snapshot"].isEnabled()


def test_a_new_window_lists_the_snapshots_kept_in_the_file(qtbot, tmp_path):
    from app.history import snapshots

    data = load_map(SAMPLES / "sales_enablement.json")
    data = replace(data, snapshots=(snapshots.take(data, "Q1"),))
    path = create_map(tmp_path / "kept.ecomap", data)
    win = open_window(qtbot, Path(path))
    assert names(win) == ["Q1"]
    win.close()
