"""Typing labels in place: quick capture of new nodes, and renaming one.

Quick capture: N (or a block's number key, or a double-click) opens a label box on the canvas.
Type a label and press Enter: the node is added and the box moves on along the row for the
next one; a row is as long as the view is wide, then the next starts under its first. The box
sits under the spot of the next node, clear of it and of the node just added, and the view
follows the rows down. Tab / Shift+Tab, Alt+1…6 or a click on the palette choose the building
block; Enter on an empty box or Escape ends. Every node added is its own undo step. A label
stops at the map's limit, and the box counts the characters as it nears it.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout

from app.arrange import NODE_HEIGHT, NODE_WIDTH, snap
from app.domain import MAX_LABEL
from ui.canvas.items import LABEL_GAP, NodeItem
from ui.canvas.labels import label_extent
from ui.canvas.shapes import shape_bottom
from ui.canvas.view import GRID_STEP
from ui.interactions.base import Interaction
from ui.limits import limit_length

BOX_WIDTH = 300
BOX_GAP = 6  # pixels between the box and what it must not cover
ROW_LENGTH = (2, 8)  # nodes in a row of quick capture: as many as fit in view, within these
# How near another node's centre a new node may stand: where the user points, anywhere but on
# top of one; further along a row, far enough that the labels stay clear of each other.
SIGHT_MARGINS = (40, 24)  # pixels kept in view round a new node, its label and the box
POINTED_MARGINS = (90, 40)  # pixels kept in view round a spot the user pointed at
ON_TOP, CLEAR = (NODE_WIDTH * 0.45, NODE_HEIGHT * 0.45), (NODE_WIDTH * 0.9, NODE_HEIGHT * 0.75)
# The canvas's plain keys (Esc clears the selection, arrows nudge it) mean the box's own here.
_BOX_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Up, Qt.Key.Key_Down)


class _LabelLine(QLineEdit):
    """The line the label is typed into; Enter, Escape, Tab and Alt+digit are the box's keys."""

    committed = Signal(str)
    cancelled = Signal()
    step_category = Signal(int)
    pick_category = Signal(int)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab,
                                                                    Qt.Key.Key_Backtab):
            self.step_category.emit(-1 if event.key() == Qt.Key.Key_Backtab else 1)
            return True
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in _BOX_KEYS:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.committed.emit(self.text())
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        elif alt and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.pick_category.emit(key - Qt.Key.Key_1)
        else:
            super().keyPressEvent(event)


class LabelBox(QFrame):
    """A small box floating on the canvas: the building-block palette and the label line."""

    def __init__(self, viewport, with_palette: bool):
        super().__init__(viewport)
        self.setObjectName("label_box")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.palette_label = QLabel(self)
        self.palette_label.setObjectName("block_palette")
        self.palette_label.setWordWrap(True)
        self.palette_label.setVisible(with_palette)
        self.palette_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click leaves the typing
        self.line = _LabelLine(self)
        self.line.setObjectName("label_line")
        self.count = QLabel(self)
        limit_length(self.line, MAX_LABEL, self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.palette_label)
        layout.addWidget(self.line)
        layout.addWidget(self.count)
        self.setFixedWidth(BOX_WIDTH)
        self.line.textChanged.connect(self._fit_text)

    def show_palette(self, categories, current: str) -> None:
        """The blocks to choose from, the current one underlined; each is a link to click."""
        text = self.palette_label.palette().color(QPalette.ColorRole.WindowText).name()
        parts = []
        for i, cat in enumerate(categories[:9], start=1):
            name = html.escape(cat.name)
            swatch = f"<span style='color:{cat.color}'>■</span>"
            look = "underline; font-weight:bold" if cat.key == current else "none"
            entry = f"{i}&nbsp;{swatch}&nbsp;{name.replace(' ', '&nbsp;')}"
            parts.append(f"<a href='{i - 1}' style='color:{text}; text-decoration:{look}'>"
                         f"{entry}</a>")
        hint = "<br><small>Tab: next block · Enter: add · Esc: done</small>"
        self.palette_label.setText(" &nbsp; ".join(parts) + hint)
        self.adjustSize()

    def _fit_text(self, _text: str) -> None:
        """The count may have come or gone: grow or shrink, and stay inside the canvas."""
        self.adjustSize()
        if self.isVisible():
            self.move(_inside(self.parentWidget().rect(), self.geometry()).topLeft())

    def mousePressEvent(self, event) -> None:
        event.accept()  # a click on the box is not a click on the canvas (which ends typing)

    def place(self, view, point: QPointF, below: float) -> None:
        """Centre the box under the scene point ``point`` (``below`` scene units lower)."""
        spot = view.mapFromScene(QPointF(point.x(), point.y() + below))
        self.put(_inside(view.viewport().rect(), QRect(
            spot.x() - self.width() // 2, spot.y(), self.width(), self.height())).topLeft())

    def put(self, corner: QPoint) -> None:
        """Show the box with its top-left corner at viewport point ``corner``, ready to type."""
        self.move(corner)
        self.show()
        self.raise_()
        self.line.setFocus()


class LabelTyping(Interaction):
    """What adding and renaming share: a label box on the canvas. Enter keeps the label (and
    adding goes on to the next); a click elsewhere keeps it and ends; Escape ends."""

    with_palette = False

    def __init__(self, editor, point: QPointF):
        super().__init__(editor)
        self.point = point
        self.box = LabelBox(editor.view.viewport(), self.with_palette)
        self.box.line.committed.connect(self.commit)
        self.box.line.cancelled.connect(self.finish)

    def start(self) -> None:
        self.show_box()

    def show_box(self) -> None:
        self.box.place(self.editor.view, self.point, self.editor.scene.theme.node_size / 2 + 4)

    def commit(self, text: str) -> None:
        """Enter: keep the label typed, and end."""
        self.finish()
        if text.strip():
            self.keep(text.strip())

    def keep(self, label: str) -> bool:
        """Put ``label`` on the map; False if the map refused it."""
        raise NotImplementedError

    def cancel(self) -> None:
        self.box.hide()
        self.box.deleteLater()

    def finish(self) -> None:
        self.cancel()
        super().finish()
        self.editor.view.setFocus()

    def mouse_press(self, event) -> bool:
        """A click elsewhere on the canvas keeps what was typed, as leaving a field does."""
        LabelTyping.commit(self, self.box.line.text())
        return False


class QuickCapture(LabelTyping):
    """Adds a row of nodes of the chosen building block, one per label typed."""

    with_palette = True

    def __init__(self, editor, point: QPointF):
        if editor.snap_to_grid:
            point = QPointF(*snap((point.x(), point.y()), GRID_STEP))
        super().__init__(editor, point)
        self.row_start, self.row_length = point.x(), _row_length(editor)
        self.added: str | None = None  # the node added last, which the box must not cover
        self.follow = False  # whether the view follows the spots (not while one is pointed at)
        self.point = self.free_spot(point, ON_TOP)
        self.box.line.step_category.connect(self.step_category)
        self.box.line.pick_category.connect(self.pick_category)
        self.box.palette_label.linkActivated.connect(self.click_category)
        self.box.line.setPlaceholderText("Label of the new node")

    @classmethod
    def under_the_map(cls, editor) -> QuickCapture:
        """A new row under the lowest node, from the map's left edge (on an empty map, in the
        middle of the view): where keys start adding when the pointer is off the canvas."""
        items = editor.scene.item_for_node.values()
        width, height = _cell(editor)
        if not items:  # the first row, in the middle of the view
            centre = editor.view.mapToScene(editor.view.viewport().rect().center())
            capture = cls(editor, centre - QPointF((_row_length(editor) - 1) * width / 2, 0))
        else:
            left, bottom = min(i.cx for i in items), max(i.cy for i in items)
            capture = cls(editor, QPointF(left, bottom + height))
        capture.follow = True  # nobody pointed there: the view goes to it
        return capture

    def show_box(self) -> None:
        """Show the box beside the spot the next node goes to, clear of that spot and of the
        node just added, the spot and the box brought into view first."""
        self.box.show_palette(self.editor.categories(), self.editor.category)
        view, spot = self.editor.view, self._spot(self.point)
        added = self.editor.scene.item_for_node.get(self.added or "")
        if self.follow:
            view.ensureVisible(self._in_sight(spot, added), *SIGHT_MARGINS)
            self._lift_above_legend(spot)
        else:  # where the user pointed: the map stays still under the pointer
            view.ensureVisible(QRectF(self.point, self.point), *POINTED_MARGINS)
        clear = [_on_screen(view, spot)]
        if added is not None:
            clear.append(_on_screen(view, added.sceneBoundingRect()))
        self.box.put(box_corner(view.viewport().rect(), self.box.size(), clear))

    def _in_sight(self, spot: QRectF, added) -> QRectF:
        """What the view should show: the next spot with room for the box under it, and the
        node just added as well when both fit."""
        view = self.editor.view
        zoom = max(view.zoom(), 1e-6)
        count = 2 * self.box.count.fontMetrics().lineSpacing()  # room for it to appear
        wanted = spot.adjusted(0, 0, 0, (self.box.height() + count + BOX_GAP) / zoom)
        if added is not None:
            both = wanted.united(added.sceneBoundingRect())
            (margin_x, margin_y), viewport = SIGHT_MARGINS, view.viewport().rect()
            if (both.width() * zoom <= viewport.width() - 2 * margin_x
                    and both.height() * zoom <= viewport.height() - 2 * margin_y):
                return both
        return wanted

    def _lift_above_legend(self, spot: QRectF) -> None:
        """A new node behind the legend would be out of sight: move the map up above it."""
        view = self.editor.view
        legend = view.legend_area()
        on_screen = QRectF(_on_screen(view, spot))
        if legend is None or not on_screen.intersects(legend):
            return
        lift = on_screen.bottom() - legend.top() + BOX_GAP
        if on_screen.top() - lift >= 0:
            view.pan_by(0, -lift)

    def _spot(self, point: QPointF) -> QRectF:
        """Where a new node at ``point`` will be drawn, its label included (scene units)."""
        theme = self.editor.scene.theme
        half = theme.node_size / 2
        shape = next((c.shape for c in self.editor.categories()
                      if c.key == self.editor.category), "circle")
        label = label_extent(theme).translated(point.x(), point.y())
        label.translate(0, shape_bottom(shape) * half + LABEL_GAP)
        body = QRectF(point.x() - half, point.y() - half, 2 * half, 2 * half)
        return body.united(label)

    def commit(self, text: str) -> None:
        """Enter: add the node and go on to the next spot of the row (an empty label ends)."""
        if not text.strip():
            self.finish()
        elif self.keep(text.strip()):
            self.follow = True  # the next spot is ours: bring it into view
            self.box.line.clear()
            self.point = self.free_spot(self.next_in_row(self.point), CLEAR)
            self.show_box()

    def keep(self, label: str) -> bool:
        if not self.editor.create_node(label, self.point):
            return False
        self.added = self.editor.selected_node_ids()[-1]
        return True

    def free_spot(self, point: QPointF, near: tuple[float, float]) -> QPointF:
        """``point``, or the first place after it along the rows with no node ``near``."""
        for _ in range(200):
            if _is_free(self.editor.scene, point, near):
                return point
            point = self.next_in_row(point)
        return point

    def next_in_row(self, point: QPointF) -> QPointF:
        width, height = _cell(self.editor)
        if round((point.x() - self.row_start) / width) + 1 < self.row_length:
            return QPointF(point.x() + width, point.y())
        return QPointF(self.row_start, point.y() + height)

    def step_category(self, step: int) -> None:
        keys = [c.key for c in self.editor.categories()]
        if keys:
            index = keys.index(self.editor.category) if self.editor.category in keys else 0
            self.editor.category = keys[(index + step) % len(keys)]
            self.show_box()

    def pick_category(self, index: int) -> None:
        self.editor.choose_category(index)
        self.show_box()

    def click_category(self, link: str) -> None:
        self.pick_category(int(link))
        self.box.line.setFocus()


class RenameNode(LabelTyping):
    """Edits one node's label where it stands (F2 or a double-click)."""

    def __init__(self, editor, item):
        super().__init__(editor, QPointF(item.cx, item.cy))
        self.node_id = item.node_id
        self.box.line.setText(item.node.label)
        self.box.line.selectAll()

    def keep(self, label: str) -> bool:
        return self.editor.update_node(self.node_id, {"label": label})


def box_corner(viewport: QRect, size: QSize, clear: list[QRect]) -> QPoint:
    """Where the box goes: under the spot (``clear[0]``), else above it, right or left of it,
    the first of these inside the viewport and over none of ``clear``; under it, kept inside
    the viewport, when none is."""
    spot = clear[0]
    across = _inside(viewport, QRect(spot.center().x() - size.width() // 2, 0,
                                     size.width(), size.height())).x()
    tries = (QPoint(across, spot.bottom() + BOX_GAP),
             QPoint(across, spot.top() - BOX_GAP - size.height()),
             QPoint(spot.right() + BOX_GAP, spot.top()),
             QPoint(spot.left() - BOX_GAP - size.width(), spot.top()))
    for corner in tries:
        box = QRect(corner, size)
        if viewport.contains(box) and not any(box.intersects(area) for area in clear):
            return corner
    return _inside(viewport, QRect(tries[0], size)).topLeft()


def _inside(viewport: QRect, box: QRect) -> QRect:
    """``box`` moved the least needed to lie inside ``viewport`` (its top-left kept in view)."""
    x = min(max(0, box.x()), max(0, viewport.width() - box.width()))
    y = min(max(0, box.y()), max(0, viewport.height() - box.height()))
    return QRect(x, y, box.width(), box.height())


def _on_screen(view, rect: QRectF) -> QRect:
    return view.mapFromScene(rect).boundingRect()


def _cell(editor) -> tuple[float, float]:
    """The room one node takes in a row (whole grid steps while snapping to the grid)."""
    if not editor.snap_to_grid:
        return NODE_WIDTH, NODE_HEIGHT
    return (GRID_STEP * math.ceil(NODE_WIDTH / GRID_STEP),
            GRID_STEP * math.ceil(NODE_HEIGHT / GRID_STEP))


def _row_length(editor) -> int:
    """How many nodes of a row fit across the view, labels and all."""
    view = editor.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect().width()
    low, high = ROW_LENGTH
    return max(low, min(high, int(visible // _cell(editor)[0])))


def _is_free(scene, point: QPointF, near: tuple[float, float]) -> bool:
    """Whether no node's centre is within ``near`` (across, down) of ``point``."""
    near_x, near_y = near
    area = QRectF(point.x() - near_x, point.y() - near_y, 2 * near_x, 2 * near_y)
    return not any(isinstance(i, NodeItem) and abs(i.cx - point.x()) < near_x
                   and abs(i.cy - point.y()) < near_y for i in scene.items(area))
