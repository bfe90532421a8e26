"""Running a workshop from the window: presenting (F5), walking through the findings, saved
views, larger labels for the back row, the timer, and capture from the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit

from app.files import create_map, export_json, load_map
from app.interchange import read_json
from app.views import View, views_of
from tests.conftest import SAMPLES, open_window


def sample(tmp_path: Path, name: str = "lecture_cane_toad") -> Path:
    return create_map(tmp_path / f"{name}.ecomap", load_map(SAMPLES / f"{name}.json"))


@pytest.fixture
def cane_toad(qtbot, tmp_path):
    win = open_window(qtbot, sample(tmp_path), (1400, 900))
    yield win
    win.close()


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or window.view, key, modifier)


def type_label(text: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit), "a label box should have the focus"
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return, modifier)


def visible_docks(window) -> set[str]:
    return {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()}


# --- presenting ----------------------------------------------------------------------------------


def test_f5_presents_full_screen_and_esc_puts_the_window_back_as_it_was(cane_toad, qtbot):
    docks, geometry = visible_docks(cane_toad), cane_toad.geometry()
    assert docks >= {"health", "blocks"}
    press(cane_toad, Qt.Key.Key_F5)
    presenter = cane_toad.workshop.presenter
    assert presenter.active
    qtbot.waitUntil(lambda: cane_toad.isFullScreen())
    assert visible_docks(cane_toad) == set()
    assert not cane_toad.menuBar().isVisible() and not cane_toad.statusBar().isVisible()
    assert presenter.score.isVisible() and "42 / 100" in presenter.score.words[1]
    assert cane_toad.view.legend_scale > 1
    assert cane_toad.scene.theme.label_px * cane_toad.view.zoom() >= 9.5  # readable, fitted
    press(cane_toad, Qt.Key.Key_H)  # the score can be hidden
    assert not presenter.score.isVisible()
    cane_toad.editor.select(["senior_trainer"])
    press(cane_toad, Qt.Key.Key_F)  # focus works while presenting…
    assert "senior_trainer" in cane_toad.scene.emphasised
    assert presenter.toast.isVisible() and "Focus" in presenter.toast.message
    press(cane_toad, Qt.Key.Key_Escape)  # …and the first Esc ends it
    assert cane_toad.scene.emphasised is None and presenter.active
    press(cane_toad, Qt.Key.Key_Escape)
    assert not presenter.active and not presenter.toast.isVisible()
    assert cane_toad.scene.theme.label_px == 15
    qtbot.waitUntil(lambda: not cane_toad.isFullScreen())
    assert visible_docks(cane_toad) == docks
    assert cane_toad.menuBar().isVisible() and cane_toad.statusBar().isVisible()
    qtbot.waitUntil(lambda: cane_toad.geometry() == geometry)
    assert cane_toad.view.legend_scale == 1.0


def test_undo_and_find_keep_working_with_the_menus_hidden(cane_toad):
    press(cane_toad, Qt.Key.Key_F5)
    press(cane_toad, Qt.Key.Key_N)
    type_label("Mentors")
    assert any(n.label == "Mentors" for n in cane_toad.document.nodes())
    press(cane_toad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not any(n.label == "Mentors" for n in cane_toad.document.nodes())
    press(cane_toad, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert cane_toad.editor.finder.dialog.isVisible()
    cane_toad.editor.finder.dialog.hide()


# --- walking through the findings ------------------------------------------------------------------


def test_the_walk_spotlights_each_finding_then_closes_with_the_score(cane_toad):
    findings = cane_toad.findings.runner.latest.analysis.findings
    walk = cane_toad.workshop.walk
    press(cane_toad, Qt.Key.Key_W)  # from the window: presenting starts too
    assert cane_toad.workshop.presenter.active and walk.index == 0
    assert cane_toad.scene.emphasised == set(findings[0].node_ids)
    assert walk.caption.isVisible() and walk.caption.slide.heading == findings[0].title
    assert walk.caption.slide.lines[0] == findings[0].suggestion
    faded = [i for n, i in cane_toad.scene.item_for_node.items() if n not in findings[0].node_ids]
    assert faded and all(item.opacity() < 1 and item.isVisible() for item in faded)
    press(cane_toad, Qt.Key.Key_PageDown)
    assert cane_toad.scene.emphasised == set(findings[1].node_ids)
    press(cane_toad, Qt.Key.Key_Left)
    assert walk.index == 0
    for _ in findings:
        press(cane_toad, Qt.Key.Key_Right)
    assert walk.at_end and walk.closing.isVisible() and not walk.caption.isVisible()
    assert walk.closing.slides[0].figure == "42"
    assert cane_toad.scene.emphasised is None
    press(cane_toad, Qt.Key.Key_Escape)  # ends the walk; presenting goes on
    assert not walk.active and not walk.closing.isVisible()
    assert cane_toad.workshop.presenter.active
    press(cane_toad, Qt.Key.Key_Escape)
    assert not cane_toad.workshop.presenter.active


# --- capture from the keyboard alone -----------------------------------------------------------------


def test_keyboard_capture_adds_pieces_and_connects_the_last_two(cane_toad):
    before = len(cane_toad.document.nodes()), len(cane_toad.document.edges())
    press(cane_toad, Qt.Key.Key_F5)
    press(cane_toad, Qt.Key.Key_N)
    type_label("Mentors")
    press(cane_toad, Qt.Key.Key_3)  # the third block: processes
    type_label("Lunch & learn")
    press(cane_toad, Qt.Key.Key_C)
    document = cane_toad.document
    added = {n.label: n for n in document.nodes()}
    assert added["Lunch & learn"].category == "process"
    assert (len(document.nodes()), len(document.edges())) == (before[0] + 2, before[1] + 1)
    edge = document.edges()[-1]
    assert (edge.source, edge.target) == (added["Mentors"].id, added["Lunch & learn"].id)
    mentors, lunch = cane_toad.scene.item_for_node[edge.source], \
        cane_toad.scene.item_for_node[edge.target]
    assert not mentors.sceneBoundingRect().intersects(lunch.sceneBoundingRect())
    for _step in range(3):  # each piece and the connection is an undo step of its own
        press(cane_toad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (len(document.nodes()), len(document.edges())) == before


def test_shift_enter_goes_on_to_the_next_piece(cane_toad):
    press(cane_toad, Qt.Key.Key_F5)
    press(cane_toad, Qt.Key.Key_N)
    type_label("Mentors", Qt.KeyboardModifier.ShiftModifier)
    type_label("Peer chats")
    labels = {n.label for n in cane_toad.document.nodes()}
    assert {"Mentors", "Peer chats"} <= labels
    assert cane_toad.workshop.presenter.added[-2:] == [
        n.id for n in cane_toad.document.nodes() if n.label in ("Mentors", "Peer chats")]


# --- saved views ------------------------------------------------------------------------------------


def test_a_saved_view_comes_back_from_the_file_and_the_json(cane_toad, tmp_path):
    from ui.find_dialog import FilterDialog

    dialog = FilterDialog(cane_toad.editor)
    dialog.blocks["content"].setChecked(False)
    dialog.blocks["technology"].setChecked(False)
    dialog.accept()
    views = cane_toad.workshop.views
    assert views.add(views.current_view("Only people and processes"))
    path = cane_toad.document.path
    cane_toad.close_map()
    assert cane_toad.open_path(path)
    saved = views.views()
    assert [v.name for v in saved] == ["Only people and processes"]
    assert set(saved[0].categories) == {"people", "process"}
    out = tmp_path / "out.json"
    export_json(path, out)
    assert views_of(read_json(out).settings) == saved
    cane_toad.editor.escape()
    press(cane_toad, Qt.Key.Key_V)
    shown = {n.id for n in cane_toad.document.nodes() if n.category in ("people", "process")}
    assert cane_toad.scene.emphasised == shown


def test_views_are_renamed_deleted_and_stepped_like_slides(cane_toad):
    views = cane_toad.workshop.views
    views.add(View("Whole map"))
    views.add(View("Around the trainer", focus="senior_trainer"))
    assert views.rename(0, "Everything")
    assert [v.name for v in views.views()] == ["Everything", "Around the trainer"]
    press(cane_toad, Qt.Key.Key_F5)
    views.current = None
    press(cane_toad, Qt.Key.Key_PageDown)
    assert views.current == 0 and cane_toad.scene.emphasised is None
    press(cane_toad, Qt.Key.Key_PageDown)
    assert views.current == 1 and "senior_trainer" in cane_toad.scene.emphasised
    press(cane_toad, Qt.Key.Key_Escape)
    assert views.delete(1)
    cane_toad.editor.undo()
    assert len(views.views()) == 2
    cane_toad.editor.undo()
    assert [v.name for v in views.views()] == ["Whole map", "Around the trainer"]


# --- larger labels -------------------------------------------------------------------------------------


def test_larger_labels_stay_with_the_map(cane_toad):
    normal = cane_toad.scene.theme.label_px
    press(cane_toad, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    press(cane_toad, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    assert cane_toad.scene.theme.label_px == round(normal * 1.5)
    assert cane_toad.editor.stack.count() == 1  # presses in a row: one step
    cane_toad.set_theme("projector")
    assert cane_toad.scene.theme.label_px == round(24 * 1.5)
    path = cane_toad.document.path
    cane_toad.close_map()
    assert cane_toad.scene.theme.label_px == 24
    assert cane_toad.open_path(path)
    assert cane_toad.scene.theme.label_px == round(24 * 1.5)
    press(cane_toad, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    assert cane_toad.document.properties()["settings"]["label_scale"] == 1.25
    cane_toad.set_theme("light")


# --- the timer ----------------------------------------------------------------------------------------


def test_the_timer_counts_down_pauses_and_takes_another_minute(cane_toad):
    timer = cane_toad.workshop.timer
    now = [1000.0]
    timer.clock = lambda: now[0]
    press(cane_toad, Qt.Key.Key_T)
    assert timer.badge.isVisible() and timer.clock_face() == "5:00"
    now[0] += 61
    assert timer.clock_face() == "3:59"
    press(cane_toad, Qt.Key.Key_T)  # pause
    now[0] += 100
    assert timer.clock_face() == "3:59" and "paused" in timer.state_words()
    press(cane_toad, Qt.Key.Key_T, Qt.KeyboardModifier.ShiftModifier)
    assert timer.clock_face() == "4:59"
    press(cane_toad, Qt.Key.Key_T)
    now[0] += 400
    assert timer.is_over() and timer.clock_face() == "0:00"
    assert timer.state_words() == "time's up"
    timer.set_length(0)
    assert not timer.badge.isVisible()


def test_presenting_goes_to_the_screen_chosen(cane_toad, qtbot):
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.screens()[-1]
    cane_toad.workshop.presenter.start(screen)
    qtbot.waitUntil(lambda: cane_toad.isFullScreen())
    assert cane_toad.screen() is screen
    assert cane_toad.geometry() == screen.geometry()
    menu = cane_toad.workshop.screens_menu
    menu.aboutToShow.emit()
    assert len(menu.actions()) == len(QGuiApplication.screens())
    cane_toad.workshop.presenter.leave()
