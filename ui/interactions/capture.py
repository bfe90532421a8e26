"""Typing labels in place: quick capture of new nodes, and renaming one.

Quick capture: N (or a block's number key, or a double-click) opens a label box on the canvas.
Type a label and press Enter: the node is added and the box moves on along the row for the
next one; a row is as long as the view is wide, then the next starts under its first. Tab / Shift+Tab, Alt+1…6 or a click
on the palette choose the building block; Enter on an empty box or Escape ends. Every node
added is its own undo step.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout

from app.arrange import NODE_HEIGHT, NODE_WIDTH, snap
from ui.canvas.items import NodeItem
from ui.canvas.view import GRID_STEP
from ui.interactions.base import Interaction

BOX_WIDTH = 300
ROW_LENGTH = (3, 8)  # nodes in a row of quick capture: as many as fit in view, within these
# How near another node's centre a new node may stand: where the user points, anywhere but on
# top of one; further along a row, far enough that the labels stay clear of each other.
SIGHT_MARGINS = (90, 40)  # pixels round a new node's centre kept in view (its label too)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.palette_label)
        layout.addWidget(self.line)
        self.setFixedWidth(BOX_WIDTH)

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

    def mousePressEvent(self, event) -> None:
        event.accept()  # a click on the box is not a click on the canvas (which ends typing)

    def place(self, view, point: QPointF, below: float) -> None:
        """Centre the box under the scene point ``point`` (``below`` scene units lower)."""
        spot = view.mapFromScene(QPointF(point.x(), point.y() + below))
        viewport = view.viewport().rect()
        x = min(max(0, spot.x() - self.width() // 2), max(0, viewport.width() - self.width()))
        y = min(max(0, spot.y()), max(0, viewport.height() - self.height()))
        self.move(x, y)
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
            return cls(editor, centre - QPointF((_row_length(editor) - 1) * width / 2, 0))
        left, bottom = min(i.cx for i in items), max(i.cy for i in items)
        return cls(editor, QPointF(left, bottom + height))

    def show_box(self) -> None:
        # The next spot of a row, or a new row under the map, may be out of sight.
        self.editor.view.ensureVisible(QRectF(self.point, self.point), *SIGHT_MARGINS)
        self.box.show_palette(self.editor.categories(), self.editor.category)
        super().show_box()

    def commit(self, text: str) -> None:
        """Enter: add the node and go on to the next spot of the row (an empty label ends)."""
        if not text.strip():
            self.finish()
        elif self.keep(text.strip()):
            self.box.line.clear()
            self.point = self.free_spot(self.next_in_row(self.point), CLEAR)
            self.show_box()

    def keep(self, label: str) -> bool:
        return self.editor.create_node(label, self.point)

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
