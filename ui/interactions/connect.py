"""Connecting two nodes by dragging from a selected node's handle to the other node."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem

from ui.interactions.base import Interaction

PREVIEW_Z = 10.0


class ConnectDrag(Interaction):
    """Shows a line from the source node to the pointer; releasing on a node connects them."""

    def __init__(self, editor, source, start: QPointF):
        super().__init__(editor)
        self.source = source
        self._line = QGraphicsLineItem(QLineF(QPointF(source.cx, source.cy), start))
        pen = QPen(editor.scene.theme.color("text"), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._line.setPen(pen)
        self._line.setZValue(PREVIEW_Z)

    def start(self) -> None:
        self.editor.scene.addItem(self._line)

    def cancel(self) -> None:
        if self._line.scene() is not None:
            self._line.scene().removeItem(self._line)

    def mouse_move(self, event) -> bool:
        self._line.setLine(QLineF(QPointF(self.source.cx, self.source.cy), event.scenePos()))
        return True

    def mouse_release(self, event) -> bool:
        self.cancel()
        self.finish()
        target = self.editor.node_at(event.scenePos())
        if target is not None and target is not self.source:
            self.editor.connect_nodes(self.source.node_id, target.node_id)
        return True

    def double_click(self, event) -> bool:
        return True
