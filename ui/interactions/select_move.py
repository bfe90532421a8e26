"""The usual mouse mode: click and Ctrl-click to select, drag nodes to move them, drag on the
empty canvas for a rubber band, double-click to add a node or rename one.

A drag is one undo step: the positions are noted when the drag starts and one ``MoveNodes``
goes to the document on release (Qt moves the items while the mouse moves, edges following).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.interactions.base import Interaction
from ui.interactions.connect import ConnectDrag

_LEFT = Qt.MouseButton.LeftButton


class SelectAndMove(Interaction):
    def __init__(self, editor):
        super().__init__(editor)
        self._on_node = False
        self._start: dict[str, tuple[float, float]] | None = None

    def mouse_press(self, event) -> bool:
        self.editor.settle()  # a drag starts from where the map has the nodes
        if event.button() != _LEFT:
            return False
        source = self.editor.handle_at(event.scenePos())
        if source is not None:
            self.editor.router.set(ConnectDrag(self.editor, source, event.scenePos()))
            return True
        self._on_node = self.editor.node_at(event.scenePos()) is not None
        self._start = None
        return False

    def mouse_move(self, event) -> bool:
        if self._on_node and self._start is None and event.buttons() & _LEFT:
            # The selection is settled by now, and the items have not moved yet.
            self._start = {item.node_id: (item.cx, item.cy)
                           for item in self.editor.selected_node_items()}
        return False

    def mouse_release(self, event) -> bool:
        start, self._start, self._on_node = self._start, None, False
        if event.button() == _LEFT and start:
            self.editor.finish_drag(start)
        return False

    def double_click(self, event) -> bool:
        if event.button() != _LEFT:
            return False
        node = self.editor.node_at(event.scenePos())
        if node is not None:
            self.editor.rename_node(node.node_id)
        else:
            self.editor.add_node_at(event.scenePos())
        return True
