"""Quick add as a facilitator uses it while the room calls out pieces: the label box never hides
the piece just added, each new row stays in sight, and a long label stops at the limit with a
count instead of being refused on Enter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from app.domain import MAX_LABEL, MAX_MAP_NAME
from app.files import create_map, load_map, new_map_data
from tests.conftest import SAMPLES, make_map, open_window
from ui.interactions.capture import LabelBox

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def toad(qtbot, tmp_path: Path):
    path = create_map(tmp_path / "toad.ecomap", load_map(SAMPLES / "lecture_cane_toad.json"))
    window = open_window(qtbot, path, (1366, 768))
    yield window
    window.close()


@pytest.fixture
def workshop(qtbot, tmp_path: Path):
    path = create_map(tmp_path / "workshop.ecomap", new_map_data("Workshop"))
    window = open_window(qtbot, path, (1366, 768))
    yield window
    window.close()


def label_box(window) -> LabelBox:
    boxes = [b for b in window.view.viewport().findChildren(LabelBox) if b.isVisible()]
    assert len(boxes) == 1, "one label box should be open"
    return boxes[0]


def on_screen(window, node_id: str) -> QRect:
    """Where the node and its label are drawn, in the canvas's pixels."""
    item = window.scene.item_for_node[node_id]
    return window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()


def type_and_enter(window, text: str) -> str:
    """Type a label in the open box, press Enter; the id of the node it added."""
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)
    return window.editor.selected_node_ids()[-1]


def add_a_row_of(window, count: int, press=Qt.Key.Key_N) -> None:
    """Start quick add with the mouse off the canvas, as from the keyboard alone, and check
    after each label that the new piece is in sight and not under the box or the legend."""
    QCursor.setPos(window.mapToGlobal(QPoint(-200, -200)))
    QTest.keyClick(window.view.viewport(), press)
    viewport = window.view.viewport().rect()
    for i in range(1, count + 1):
        added = type_and_enter(window, f"Piece {i}")
        piece, box = on_screen(window, added), label_box(window).geometry()
        assert viewport.contains(piece), f"piece {i} went out of sight"
        assert not box.intersects(piece), f"the box covers piece {i}"
        assert viewport.contains(box)
        legend = window.view.legend_area()
        assert legend is None or not legend.toRect().intersects(piece), f"legend hides {i}"


def test_rows_under_a_full_map_stay_in_sight_and_clear_of_the_box(toad):
    add_a_row_of(toad, 20)
    assert len([n for n in toad.document.nodes() if n.label.startswith("Piece ")]) == 20


def test_a_first_row_on_an_empty_map(workshop):
    add_a_row_of(workshop, 12)


def test_zoomed_in_the_box_still_leaves_the_new_piece_clear(toad):
    toad.view.set_zoom(2.0)
    add_a_row_of(toad, 6)


def test_adding_at_the_bottom_corner_of_the_canvas(toad):
    viewport = toad.view.viewport()
    corner = QPoint(viewport.width() - 30, viewport.height() - 20)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    for i in range(1, 6):
        added = type_and_enter(toad, f"Corner {i}")
        box = label_box(toad).geometry()
        assert viewport.rect().contains(on_screen(toad, added))
        assert not box.intersects(on_screen(toad, added))
        assert viewport.rect().contains(box)


# --- long labels ---------------------------------------------------------------------------


def test_a_label_stops_at_the_limit_and_counts_the_characters(workshop):
    QCursor.setPos(workshop.mapToGlobal(QPoint(-200, -200)))
    QTest.keyClick(workshop.view.viewport(), Qt.Key.Key_N)
    box = label_box(workshop)
    assert not box.count.isVisible()  # a usual label: no count in the way
    QTest.keyClicks(box.line, "x" * 160)
    assert box.count.isVisible() and box.count.text() == f"160 of {MAX_LABEL} characters"
    QTest.keyClicks(box.line, "y" * 340)  # keeps typing, as if the text were pasted
    assert len(box.line.text()) == MAX_LABEL
    assert "the most there is room for" in box.count.text()
    assert box.geometry().bottom() < workshop.view.viewport().height()
    QTest.keyClick(box.line, Qt.Key.Key_Return)
    added = workshop.document.nodes()[-1]
    assert len(added.label) == MAX_LABEL
    assert "Not changed" not in workshop.statusBar().currentMessage()


def test_pasting_a_long_label_stops_at_the_limit(workshop):
    QCursor.setPos(workshop.mapToGlobal(QPoint(-200, -200)))
    QTest.keyClick(workshop.view.viewport(), Qt.Key.Key_N)
    box = label_box(workshop)
    QApplication.clipboard().setText("A very long name " * 40)
    QTest.keyClick(box.line, Qt.Key.Key_V, CTRL)
    assert len(box.line.text()) == MAX_LABEL


def test_the_inspector_label_stops_at_the_limit_too(qtbot, tmp_path: Path):
    path = create_map(tmp_path / "one.ecomap",
                      make_map("reps:people", at={"reps": (0.0, 0.0)}))
    window = open_window(qtbot, path)
    window.editor.select(["reps"])
    field = window.findChild(QLineEdit, "field_label")
    count = window.findChild(QLabel, "field_label_count")
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "z" * 250)
    assert len(field.text()) == MAX_LABEL and count.isVisible()
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.document.node("reps").label == "z" * MAX_LABEL
    assert "Not changed" not in window.statusBar().currentMessage()
    name = window.findChild(QLineEdit, "field_name")
    assert name.maxLength() == MAX_MAP_NAME
    window.close()
