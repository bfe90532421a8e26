"""Finding a piece on a whole map and seeing it: Find (Ctrl+F) and Focus (F) bring it up large
enough to read, Esc puts everything back and takes the focus message away, and a selected piece
never looks like a piece of informal learning."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain import Category
from app.files import create_map, load_map
from tests.conftest import SAMPLES, open_window
from ui.canvas.items import _node_pens
from ui.canvas.marks import selection_box, selection_pens
from ui.canvas.overlays import _swatch
from ui.theme import LIGHT, THEMES, dress_application

READABLE_PX = 10  # a label this tall on screen can be read


@pytest.fixture
def toad(qtbot, tmp_path: Path):
    path = create_map(tmp_path / "toad.ecomap", load_map(SAMPLES / "lecture_cane_toad.json"))
    window = open_window(qtbot, path, (1366, 768))
    QCursor.setPos(window.mapToGlobal(QPoint(-200, -200)))  # the mouse idle, off the window
    yield window
    window.close()
    dress_application(LIGHT)


def label_px(window) -> float:
    return window.view.zoom() * window.scene.theme.label_px


def in_sight(window, node_id: str) -> bool:
    """Whether the node and its label are wholly on screen."""
    item = window.scene.item_for_node[node_id]
    shape_and_label = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    return window.view.viewport().rect().contains(shape_and_label)


def node_labelled(window, start: str) -> str:
    return next(n.id for n in window.document.nodes() if n.label.startswith(start))


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or window.view.viewport(), key, modifier)


def test_the_whole_map_starts_too_small_to_read(toad):
    assert label_px(toad) < READABLE_PX  # which is why finding a piece must zoom


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_find_zooms_to_the_piece_so_its_label_can_be_read(toad, theme):
    toad.set_theme(theme)
    toad.view.fit_to_window()
    press(toad, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = toad.editor.finder.dialog
    QTest.keyClicks(dialog.text, "Mobile banking")
    QTest.keyClick(dialog.text, Qt.Key.Key_Return)
    found = node_labelled(toad, "Mobile banking")
    assert toad.editor.selected_node_ids() == [found]
    assert label_px(toad) >= READABLE_PX
    assert in_sight(toad, found)


def test_find_keeps_a_closer_zoom_the_user_chose(toad):
    toad.view.set_zoom(2.0)
    toad.editor.finder.jump_to(node_labelled(toad, "Credit cards"))
    assert toad.view.zoom() == pytest.approx(2.0)
    assert in_sight(toad, node_labelled(toad, "Credit cards"))


def test_focus_zooms_to_the_piece_and_its_neighbours(toad):
    pilot = node_labelled(toad, "New-joiner induction")
    toad.editor.select([pilot])
    toad.view.setFocus()
    press(toad, Qt.Key.Key_F)
    assert toad.scene.emphasised is not None and pilot in toad.scene.emphasised
    assert label_px(toad) >= READABLE_PX
    assert all(in_sight(toad, i) for i in toad.scene.emphasised)  # a few neighbours: all shown


def test_focus_on_a_hub_shows_the_hub_readable_even_if_not_every_neighbour_fits(toad):
    hub = node_labelled(toad, "Senior trainer")
    toad.editor.select([hub])
    toad.view.setFocus()
    press(toad, Qt.Key.Key_F)
    assert len(toad.scene.emphasised) > 15
    assert label_px(toad) >= READABLE_PX
    assert in_sight(toad, hub)


def test_esc_shows_everything_and_takes_the_focus_message_away(toad):
    toad.editor.select([node_labelled(toad, "Branch managers")])
    toad.view.setFocus()
    press(toad, Qt.Key.Key_F)
    assert toad.statusBar().currentMessage().startswith("Focus:")
    press(toad, Qt.Key.Key_Escape)
    assert toad.scene.emphasised is None
    assert toad.statusBar().currentMessage() == ""


def test_esc_leaves_other_messages_alone(toad):
    toad.editor.show_message("Pinned: layouts leave these nodes where they are")
    toad.view.setFocus()
    press(toad, Qt.Key.Key_Escape)
    assert toad.statusBar().currentMessage().startswith("Pinned")


# --- a selected piece against the legend's informal-learning symbol ---------------------------


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_the_selection_is_solid_and_coloured_and_informal_learning_is_dashed(theme):
    _halo, ring = selection_pens(theme)
    _outline, dashes = _node_pens(theme, "#E69F00", True)
    assert ring.style() == Qt.PenStyle.SolidLine and not ring.dashPattern()
    assert dashes.dashPattern()  # informal learning: a dashed outline…
    assert ring.color() == theme.color("accent")  # …the selection: the accent colour
    assert _distance(ring.color(), dashes.color()) > 100
    box = selection_box("circle", theme.node_size / 2)
    assert box.width() == box.height()  # a box round the shape, not a circle like the symbol


def _distance(a: QColor, b: QColor) -> float:
    return sum((x - y) ** 2 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)) ** 0.5


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_on_screen_the_selection_is_an_unbroken_line_in_the_accent_colour(toad, theme):
    toad.set_theme(theme)
    person = node_labelled(toad, "Branch managers")
    toad.editor.select([person])
    toad.view.set_zoom(1.5)
    item = toad.scene.item_for_node[person]
    toad.view.centerOn(item)
    QApplication.processEvents()
    picture = toad.view.viewport().grab().toImage()
    box = selection_box(item.category.shape, item.half).translated(item.cx, item.cy)
    top = toad.view.mapFromScene(QPointF(box.center().x(), box.top()))
    accent = toad.scene.theme.color("accent")
    run = [picture.pixelColor(top.x() + dx, top.y()) for dx in range(-15, 16)]
    assert all(_distance(colour, accent) < 60 for colour in run)  # solid, in the accent colour
    assert _informal_symbol_is_broken(toad.scene.theme)


def _informal_symbol_is_broken(theme) -> bool:
    """Draw the legend's informal-learning symbol and walk round its outline: it alternates
    between the dashes and the gaps between them."""
    picture = QImage(60, 60, QImage.Format.Format_ARGB32)
    picture.fill(theme.color("canvas"))
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    half = 20.0
    informal = Category("informal", "informal", "#FFFFFF" if not theme.dark else "#3A414B",
                        "circle")
    _swatch(painter, theme, informal, QPointF(30, 30), half, True)
    painter.end()
    text = theme.color("text")
    dashes = [_distance(picture.pixelColor(round(30 + half * math.cos(a / 36 * math.tau)),
                                           round(30 + half * math.sin(a / 36 * math.tau))),
                        text) < 90 for a in range(36)]
    return any(dashes) and not all(dashes)
