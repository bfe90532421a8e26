"""Typing labels in place: quick capture of new nodes, and renaming one.

Quick capture: N (or a block's number key, or a double-click) opens a label box on the canvas.
Type a label and press Enter: the node is added and the box moves on along the row for the
next one. Tab / Shift+Tab or Alt+1…6 choose the building block; Enter on an empty box or
Escape ends. Every node added is its own undo step.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout

from ui.interactions.base import Interaction

BOX_WIDTH = 300


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
        self.line = _LabelLine(self)
        self.line.setObjectName("label_line")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.palette_label)
        layout.addWidget(self.line)
        self.setFixedWidth(BOX_WIDTH)

    def show_palette(self, categories, current: str) -> None:
        parts = []
        for i, cat in enumerate(categories[:9], start=1):
            name = html.escape(cat.name)
            swatch = f"<span style='color:{cat.color}'>■</span>"
            chosen = cat.key == current
            entry = f"{i}&nbsp;{swatch}&nbsp;{name.replace(' ', '&nbsp;')}"
            parts.append(f"<b><u>{entry}</u></b>" if chosen else entry)
        hint = "<br><small>Tab: next block · Enter: add · Esc: done</small>"
        self.palette_label.setText(" &nbsp; ".join(parts) + hint)
        self.adjustSize()

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
    """What adding and renaming share: a label box on the canvas that ends on Escape or a click."""

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
        raise NotImplementedError

    def cancel(self) -> None:
        self.box.hide()
        self.box.deleteLater()

    def finish(self) -> None:
        self.cancel()
        super().finish()
        self.editor.view.setFocus()

    def mouse_press(self, event) -> bool:
        self.finish()
        return False


class QuickCapture(LabelTyping):
    """Adds a row of nodes of the chosen building block, one per label typed."""

    with_palette = True

    def __init__(self, editor, point: QPointF):
        super().__init__(editor, point)
        self.box.line.step_category.connect(self.step_category)
        self.box.line.pick_category.connect(self.pick_category)
        self.box.line.setPlaceholderText("Label of the new node")

    def show_box(self) -> None:
        self.box.show_palette(self.editor.categories(), self.editor.category)
        super().show_box()

    def commit(self, text: str) -> None:
        if not text.strip():
            self.finish()
            return
        if self.editor.create_node(text.strip(), self.point):
            self.box.line.clear()
            self.point = self.editor.next_in_row(self.point)
            self.editor.view.ensureVisible(self.point.x() - 100, self.point.y() - 60, 200, 180)
            self.show_box()

    def step_category(self, step: int) -> None:
        keys = [c.key for c in self.editor.categories()]
        if keys:
            index = keys.index(self.editor.category) if self.editor.category in keys else 0
            self.editor.category = keys[(index + step) % len(keys)]
            self.show_box()

    def pick_category(self, index: int) -> None:
        self.editor.choose_category(index)
        self.show_box()


class RenameNode(LabelTyping):
    """Edits one node's label where it stands (F2 or a double-click)."""

    def __init__(self, editor, item):
        super().__init__(editor, QPointF(item.cx, item.cy))
        self.node_id = item.node_id
        self.box.line.setText(item.node.label)
        self.box.line.selectAll()

    def commit(self, text: str) -> None:
        self.finish()
        if text.strip():
            self.editor.update_node(self.node_id, {"label": text.strip()})
