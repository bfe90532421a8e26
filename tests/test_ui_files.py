"""Files as an L&D lead expects them: Save As carries on in the copy, a map saved as JSON opens
as a new map (and a second time offers the one already made), Close leaves nothing to edit and
says what to do next, and the title bar reads "Acme — Ecomap".

Every test drives the real window and its real dialogs, and reads the real files afterwards.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app import files
from app.document import MapDocument
from app.files import create_map
from app.storage import MapStore
from tests.conftest import make_map, open_window, shown_window
from tests.test_cli import ecomap
from ui.ways_back import WaysBackDialog

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    data = make_map("reps:people course:content coach:process", "reps>course coach>reps",
                    name="Acme onboarding",
                    at={"reps": (0.0, 0.0), "course": (300.0, 0.0), "coach": (0.0, 250.0)})
    return create_map(tmp_path / "acme.ecomap", data)


@pytest.fixture
def window(qtbot, acme):
    win = open_window(qtbot, acme)
    yield win
    win.close()


@pytest.fixture
def team_json(tmp_path: Path) -> Path:
    """A JSON map no other test has opened (untitled maps are shared by the whole run)."""
    source = tmp_path / "team.json"
    source.write_text(json.dumps({
        "format": "ecomap", "version": 1, "name": "Team map",
        "description": f"made for {uuid.uuid4()}",
        "nodes": [{"id": "a", "label": "Apprentices", "category": "people"}]}))
    return source


# --- what a user's hands do ----------------------------------------------------------------


def rename_in_inspector(window, node_id: str, label: str) -> None:
    window.editor.select([node_id])
    field = window.findChild(QLineEdit, "field_label")
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, label)
    QTest.keyClick(field, Qt.Key.Key_Return)


def when_modal(qtbot, kind, answer) -> None:
    """Answer the next modal dialog of ``kind`` (file dialogs and Qt's questions block)."""
    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, kind):
            answer(box)
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


def choose_in_file_dialog(qtbot, path: Path, replace: bool | None = None) -> None:
    """Type ``path`` into the file dialog about to open and accept it; if the dialog asks
    whether to replace the file, answer ``replace``."""
    def answer(dialog: QFileDialog) -> None:
        if replace is not None:
            when_modal(qtbot, QMessageBox, lambda box: box.button(
                QMessageBox.StandardButton.Yes if replace else QMessageBox.StandardButton.No
            ).click())
        dialog.selectFile(str(path))
        dialog.accept()
    when_modal(qtbot, QFileDialog, answer)


def save_as(qtbot, window, path: Path, replace: bool | None = None) -> None:
    choose_in_file_dialog(qtbot, path, replace)
    QTest.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)


def labels_in(path: Path) -> dict[str, str]:
    return {n.id: n.label for n in MapStore.read(path).nodes}


def question(window) -> WaysBackDialog:
    box = window.files.question
    assert isinstance(box, WaysBackDialog) and box.objectName() == "open-json"
    assert box.isVisible()
    return box


def choose(box: WaysBackDialog, starting: str) -> None:
    button = next(b for b in box.ways if b.text().startswith(starting))
    QTest.mouseClick(button, LEFT)


def status(window) -> str:
    return window.statusBar().currentMessage()


# --- Save As -------------------------------------------------------------------------------


def test_save_as_then_editing_changes_the_copy_and_the_original_keeps_the_map_as_it_was(
        qtbot, window, acme, tmp_path):
    rename_in_inspector(window, "reps", "New sales reps")
    copy = tmp_path / "plans" / "Acme next year.ecomap"
    copy.parent.mkdir()
    save_as(qtbot, window, copy)
    qtbot.waitUntil(lambda: window.document is not None and window.document.path == copy)
    assert window.windowTitle() == "Acme onboarding"
    assert status(window) == ("Saved as “Acme next year.ecomap”: you are working in it now; "
                              "“acme.ecomap” stays as it was.")
    rename_in_inspector(window, "course", "Onboarding course")
    assert labels_in(copy) == {"reps": "New sales reps", "course": "Onboarding course",
                               "coach": "Coach"}
    window.close_map()
    reopened = open_window(qtbot, acme, window=window)
    assert {n.id: n.label for n in reopened.document.nodes()} == {
        "reps": "New sales reps", "course": "Course", "coach": "Coach"}


def test_after_save_as_undo_goes_on_in_the_copy_only(qtbot, window, acme, tmp_path):
    rename_in_inspector(window, "reps", "New sales reps")
    window.editor.select(["coach"])
    copy = tmp_path / "copy.ecomap"
    save_as(qtbot, window, copy)
    qtbot.waitUntil(lambda: window.document.path == copy)
    assert window.editor.selected_node_ids() == ["coach"]  # the view carries on as it was
    assert window.commands["undo"].isEnabled()
    window.commands["undo"].trigger()
    assert labels_in(copy)["reps"] == "Reps"
    assert labels_in(acme)["reps"] == "New sales reps"
    window.commands["redo"].trigger()
    assert labels_in(copy)["reps"] == "New sales reps"


def test_save_as_onto_a_file_that_exists_asks_before_replacing_it(qtbot, window, tmp_path):
    other = create_map(tmp_path / "other.ecomap", make_map("x:people", name="Other"))
    save_as(qtbot, window, other, replace=True)
    qtbot.waitUntil(lambda: window.document.path == other)
    assert MapStore.read(other).name == "Acme onboarding"


def test_save_as_onto_a_map_open_elsewhere_is_refused_in_plain_words(qtbot, window, acme,
                                                                    tmp_path):
    other = create_map(tmp_path / "other.ecomap", make_map("x:people", name="Other"))
    elsewhere = MapDocument.open(other)
    try:
        assert not window.files.save_as_path(other)
        box = window.findChild(QMessageBox, "problem")
        assert box is not None and "open" in window.last_problem
        assert "Traceback" not in window.last_problem and window.document.path == acme
        box.close()
    finally:
        elsewhere.close()
    assert MapStore.read(other).name == "Other"


def test_save_as_the_file_already_open_just_says_it_is_saved(window, acme):
    assert window.files.save_as_path(acme)
    assert window.document.path == acme and "already saved" in status(window)


def test_save_as_of_an_untitled_map_moves_it_out_of_the_untitled_folder(qtbot, window,
                                                                         tmp_path):
    window.commands["new"].trigger()
    untitled = window.document.path
    assert files.is_untitled(untitled)
    QTest.keyClick(window.view, Qt.Key.Key_N)
    line = QApplication.focusWidget()
    QTest.keyClicks(line, "Apprentices")
    QTest.keyClick(line, Qt.Key.Key_Return)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    chosen = tmp_path / "apprentices.ecomap"
    assert window.files.suggested_target(window.document).parent != untitled.parent
    save_as(qtbot, window, chosen)
    qtbot.waitUntil(lambda: window.document.path == chosen)
    assert not untitled.exists()
    assert [n.label for n in window.document.nodes()] == ["Apprentices"]
    assert "left the untitled maps" in status(window)


def test_save_and_save_as_are_in_the_file_menu_with_their_keys(window):
    assert window.commands["save"].shortcut().toString() == "Ctrl+S"
    assert window.commands["save_as"].shortcut().toString() == "Ctrl+Shift+S"
    QTest.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert status(window) == "All changes saved in “acme.ecomap”."


# --- maps saved as JSON --------------------------------------------------------------------


def test_opening_json_offers_to_open_it_as_a_new_untitled_map(window, team_json):
    before = team_json.read_bytes()
    assert window.open_path(team_json) is False  # not yet: the question is showing
    box = question(window)
    assert "map saved as JSON" in box.message.text()
    choose(box, "Open it as a new untitled map")
    assert files.is_untitled(window.document.path)
    assert window.windowTitle() == "Team map"
    assert "as an untitled map" in status(window)
    assert team_json.read_bytes() == before


def test_a_json_map_can_still_be_made_into_a_file_beside_it(window, team_json):
    window.open_path(team_json)
    choose(question(window), "Make a map file beside")
    assert window.document.path == team_json.with_suffix(".ecomap")


def test_cancelling_the_json_question_opens_nothing(window, acme, team_json):
    window.open_path(team_json)
    question(window).reject()
    assert window.document.path == acme


def test_opening_the_same_json_again_offers_the_map_made_from_it(qtbot, window, team_json):
    window.open_path(team_json)
    choose(question(window), "Open it as a new untitled map")
    first = window.document.path
    rename_in_inspector(window, "a", "Apprentices 2025")
    window.close_map()
    window.open_path(team_json)
    box = question(window)
    assert "You have opened “team.json” before" in box.message.text()
    assert f"“{first.name}”" in box.message.text()
    choose(box, f"Carry on with “{first.name}”")
    assert window.document.path == first
    assert window.document.node("a").label == "Apprentices 2025"
    window.open_path(team_json)
    choose(question(window), "Open a second copy")
    second = window.document.path
    assert second != first and files.is_untitled(second)
    assert window.document.node("a").label == "Apprentices"
    assert f"second map from “team.json”: “{second.name}”" in status(window)


def test_the_map_made_from_a_json_is_found_after_save_as_gave_it_a_place(qtbot, window,
                                                                         team_json, tmp_path):
    window.open_path(team_json)
    choose(question(window), "Open it as a new untitled map")
    placed = tmp_path / "team plan.ecomap"
    assert window.files.save_as_path(placed)
    window.close_map()
    window.open_path(team_json)
    box = question(window)
    assert f"“team plan.ecomap”, is in {tmp_path}" in box.message.text()
    choose(box, "Carry on with")
    assert window.document.path == placed


def test_a_json_named_twice_on_the_command_line_asks_the_second_time(qtbot, team_json):
    window = shown_window(qtbot)
    assert window.open_from_command_line(team_json)  # the first time, straight in
    first = window.document.path
    window.close_map()
    assert window.open_from_command_line(team_json) is False
    choose(question(window), "Carry on with")
    assert window.document.path == first
    window.close()


def test_the_open_and_save_dialogs_list_the_untitled_maps_folder(qtbot, window, tmp_path):
    seen = {}

    def look(dialog: QFileDialog) -> None:
        seen["open"] = dialog.sidebarUrls()
        dialog.reject()
    when_modal(qtbot, QFileDialog, look)
    window.commands["open"].trigger()
    untitled = QUrl.fromLocalFile(str(files.untitled_dir()))
    assert untitled in seen["open"]

    def look_save(dialog: QFileDialog) -> None:
        seen["save"] = (dialog.sidebarUrls(), dialog.selectedFiles())
        dialog.reject()
    when_modal(qtbot, QFileDialog, look_save)
    window.commands["save_as"].trigger()
    assert untitled in seen["save"][0]
    assert Path(seen["save"][1][0]).name == "Acme onboarding.ecomap"  # named after the map


# --- Close, and the empty window -----------------------------------------------------------


def test_after_close_no_panel_can_edit_the_closed_map(qtbot, window, acme):
    window.editor.select(["reps"])
    assert window.findChild(QLineEdit, "field_label").isVisible()
    QTest.keyClick(window.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.document is None
    inspector = window.editor.inspector
    editable = [w for w in inspector.findChildren(QWidget)
                if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert editable == []
    assert "Open or start a map" in inspector.currentWidget().text()
    assert not window.commands["save_as"].isEnabled()
    assert labels_in(acme)["reps"] == "Reps"


def test_the_empty_window_says_what_to_do_next(qtbot, window, acme):
    window.recent.add(acme)  # as a window that remembers (not the tests' own) does on opening
    window.close_map()
    card = window.welcome
    assert card.isVisible() and card.title.text() == "No map open"
    assert window.view.viewport().geometry().contains(card.geometry())
    recent = [b for b in card.findChildren(QPushButton, "welcome-recent") if b.isVisible()]
    assert recent and recent[0].text().startswith("acme.ecomap")
    QTest.mouseClick(recent[0], LEFT)
    assert window.document.path == acme and not card.isVisible()
    window.close_map()
    QTest.mouseClick(card.new_button, LEFT)
    assert files.is_untitled(window.document.path)


def test_the_empty_windows_buttons_open_the_dialog_where_the_maps_are(qtbot, window, acme):
    files.create_untitled()
    window.recent.add(acme)
    window.close_map()
    folders = []

    def look(dialog: QFileDialog) -> None:
        folders.append(Path(dialog.directory().absolutePath()).resolve())
        dialog.reject()
    when_modal(qtbot, QFileDialog, look)
    QTest.mouseClick(window.welcome.open_button, LEFT)
    when_modal(qtbot, QFileDialog, look)
    QTest.mouseClick(window.welcome.untitled, LEFT)
    assert folders == [acme.parent.resolve(), files.untitled_dir().resolve()]


def test_a_window_started_without_a_map_shows_the_ways_in(qtbot):
    window = shown_window(qtbot, (1024, 768))
    assert window.welcome.isVisible() and window.windowTitle() == "Ecomap"
    assert window.focusWidget() is window.welcome.new_button  # Enter starts a new map
    window.close()


# --- the title, and a fresh map ------------------------------------------------------------


def test_the_title_is_the_map_name_and_the_system_adds_ecomap(window):
    assert QApplication.applicationDisplayName() in ("Ecomap", QApplication.applicationName())
    assert window.windowTitle() == "Acme onboarding"  # shown as "Acme onboarding — Ecomap"
    window.editor.update_map({"name": "Acme sales enablement"})
    assert window.windowTitle() == "Acme sales enablement"
    window.close_map()
    assert window.windowTitle() == "Ecomap"


def test_a_new_map_declares_people_content_and_processes(window):
    window.commands["new"].trigger()
    assert [c.key for c in window.document.categories()] == ["people", "content", "process"]


def test_a_block_added_to_a_new_map_gets_its_number_key(qtbot, window):
    window.commands["new"].trigger()
    assert not window.commands["block_4"].isVisible()

    def answer(dialog: QInputDialog) -> None:
        dialog.setTextValue("Technology")
        dialog.accept()
    when_modal(qtbot, QInputDialog, answer)
    QTest.mouseClick(window.editor.inspector.findChild(QPushButton, "block_add"), LEFT)
    assert window.commands["block_4"].isVisible()
    assert window.commands["block_4"].text() == "Add Technology node"


def test_ecomap_new_declares_people_content_and_processes_unless_asked(tmp_path):
    assert ecomap("new", "a.ecomap", "--name", "Acme", cwd=tmp_path).returncode == 0
    assert [c.key for c in MapStore.read(tmp_path / "a.ecomap").categories] == [
        "people", "content", "process"]
    six = "people,content,process,technology,data,governance"
    assert ecomap("new", "b.ecomap", "--name", "Acme", "--categories", six,
                  cwd=tmp_path).returncode == 0
    assert len(MapStore.read(tmp_path / "b.ecomap").categories) == 6
