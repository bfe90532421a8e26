"""The minimap of a large map: it appears once part of the map is out of sight, a click in it
looks there, and View ▸ Show minimap (M) turns it off and on, remembered between sessions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtTest import QTest

from app.files import create_map
from tests.conftest import make_map
from tests.conftest import open_window as shared_open_window
from ui.canvas.minimap import MIN_NODES
from ui.main_window import MainWindow
from ui.theme import load_fonts

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def grid_map(path: Path, count: int) -> Path:
    """``count`` nodes on a grid 200 apart, 10 to a row, each linked to the next."""
    ids = [f"n{i}" for i in range(count)]
    data = make_map(" ".join(f"{i}:content" for i in ids),
                    " ".join(f"{a}>{b}" for a, b in zip(ids, ids[1:], strict=False)),
                    at={n: (200.0 * (i % 10), 200.0 * (i // 10)) for i, n in enumerate(ids)})
    return create_map(path, data)


def open_window(qtbot, path: Path, window: MainWindow | None = None) -> MainWindow:
    return shared_open_window(qtbot, path, (1024, 768), window)


def zoom_in(window, steps: int = 4) -> None:
    for _ in range(steps):
        QTest.keyClick(window.view, Qt.Key.Key_Plus, CTRL)


def centre_of_view(window) -> QPointF:
    view = window.view
    return view.mapToScene(view.viewport().rect().center())


def distance(a: QPointF, b: QPointF) -> float:
    return ((a.x() - b.x()) ** 2 + (a.y() - b.y()) ** 2) ** 0.5


@pytest.fixture
def large(qtbot, tmp_path):
    window = open_window(qtbot, grid_map(tmp_path / "large.ecomap", MIN_NODES + 30))
    yield window
    window.close()


def test_the_whole_map_in_view_needs_no_minimap(large):
    assert not large.view.minimap.isVisible()


def test_zooming_in_on_a_large_map_shows_the_minimap_in_the_bottom_right(large):
    zoom_in(large)
    minimap, viewport = large.view.minimap, large.view.viewport().rect()
    assert minimap.isVisible()
    assert viewport.contains(minimap.geometry())
    assert minimap.geometry().right() > viewport.width() * 0.7
    assert minimap.geometry().bottom() > viewport.height() * 0.7


def test_a_small_map_has_no_minimap_however_close_you_look(qtbot, tmp_path):
    window = open_window(qtbot, grid_map(tmp_path / "small.ecomap", MIN_NODES - 20))
    zoom_in(window, 6)
    assert window.view.minimap.wanted() is False
    assert not window.view.minimap.isVisible()


def test_clicking_the_minimap_looks_at_that_part_of_the_map(large):
    zoom_in(large)
    minimap = large.view.minimap
    top_left = QPointF(0.0, 0.0)  # node n0
    bottom_right = large.scene.item_for_node[f"n{MIN_NODES + 29}"].pos()
    large.view.centerOn(bottom_right)
    before = distance(centre_of_view(large), top_left)
    QTest.mouseClick(minimap, LEFT, pos=QPoint(8, 8))  # the minimap's top-left corner
    after = distance(centre_of_view(large), top_left)
    assert after < before / 3


def test_dragging_in_the_minimap_drags_the_view_along(large):
    zoom_in(large)
    minimap = large.view.minimap
    start, end = QPoint(12, 12), QPoint(minimap.width() - 12, minimap.height() - 12)
    QTest.mousePress(minimap, LEFT, pos=start)
    at_start = centre_of_view(large)
    QTest.mouseMove(minimap, end)
    QTest.mouseRelease(minimap, LEFT, pos=end)
    at_end = centre_of_view(large)
    assert at_end.x() > at_start.x() + 500 and at_end.y() > at_start.y() + 500


def test_m_hides_the_minimap_and_shows_it_again(large):
    zoom_in(large)
    command = large.commands["minimap"]
    QTest.keyClick(large.view, Qt.Key.Key_M)
    assert not command.isChecked()
    assert not large.view.minimap.isVisible()
    zoom_in(large, 1)  # looking closer does not bring it back
    assert not large.view.minimap.isVisible()
    command.trigger()  # View ▸ Show minimap
    assert command.isChecked()
    assert large.view.minimap.isVisible()


def test_the_choice_is_remembered_for_the_next_session(qtbot, tmp_path):
    path = grid_map(tmp_path / "large.ecomap", MIN_NODES + 30)
    load_fonts()
    settings = QSettings(str(tmp_path / "ecomap.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    open_window(qtbot, path, first)
    first.commands["minimap"].trigger()
    first.close()
    second = MainWindow(QSettings(str(tmp_path / "ecomap.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    open_window(qtbot, path, second)
    zoom_in(second)
    assert not second.commands["minimap"].isChecked()
    assert not second.view.minimap.isVisible()


def test_after_edits_the_picture_is_drawn_again_once_they_pause(qtbot, large):
    zoom_in(large)
    minimap = large.view.minimap
    minimap.repaint()
    picture = minimap._image
    large.editor.select(["n0"])
    for _ in range(3):  # three nudges in a row, each committed to the file
        QTest.keyClick(large.view, Qt.Key.Key_Down)
        minimap.repaint()
        assert minimap._image is picture  # not redrawn while the edits keep coming
    assert large.document.node("n0").y == 30.0
    qtbot.waitUntil(lambda: minimap._image is not picture)
