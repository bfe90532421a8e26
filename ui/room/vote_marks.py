"""The room's dots on the canvas: above each piece the room voted on, one dot per vote.

A ``VoteDots`` is a child of the piece's item, so it moves with it; when the scene makes the
item again (an undone delete) the marks are put back from the tally. Dots are never part of
the map: they live as long as the workshop's votes, and exports do not draw them.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from ui.canvas.shapes import shape_extent
from ui.theme import Theme, font

MOST_DOTS = 10  # more than this: the dots, then the number
DOT_SHARE = 0.5  # a dot's radius, in the panels' text size: the same on screen at any zoom
GAP = 4.0


class VoteDots(QGraphicsItem):
    """A row of dots (and their number when many) centred above a node, drawn at the same
    size on screen whatever the zoom, so the room sees them from the back at a map's fit."""

    def __init__(self, parent, dots: int, theme: Theme, shape: str, half: float):
        super().__init__(parent)
        self.dots, self.theme = dots, theme
        self.radius = max(5.0, theme.panel_px * DOT_SHARE)
        self.step = self.radius * 2.5
        self.width = min(dots, MOST_DOTS) * self.step + (
            self.radius * 7 if dots > MOST_DOTS else 0)
        self.setPos(0.0, -shape_extent(shape) * half - GAP)  # in map units; drawn in pixels
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        height = self.radius * 2.6
        return QRectF(-self.width / 2 - 2, -height - 2, self.width + 4, height + 4)

    def paint(self, painter: QPainter, option=None, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.theme.color("canvas"), 2.0))
        painter.setBrush(self.theme.color("text"))  # no building block is drawn in it
        left, middle = -self.width / 2, -self.radius * 1.3
        for i in range(min(self.dots, MOST_DOTS)):
            centre = QPointF(left + self.step * (i + 0.5), middle)
            painter.drawEllipse(centre, self.radius, self.radius)
        if self.dots > MOST_DOTS:
            painter.setPen(self.theme.color("text"))
            painter.setFont(font(round(self.radius * 2.2), bold=True))
            area = QRectF(left + self.step * MOST_DOTS, middle - self.radius * 1.3,
                          self.radius * 7, self.radius * 2.6)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, f"{self.dots}")


class VoteMarks:
    """Keeps ``VoteDots`` on the scene's node items in step with the room's tally."""

    def __init__(self, scene):
        self.scene = scene
        self.dots: dict[str, int] = {}  # node id → dots shown

    def show(self, dots: Mapping[str, int]) -> None:
        """Show ``dots`` (node id → dots); pieces no longer voted on lose theirs."""
        for node_id in set(self.dots) - set(dots):
            self._mark(node_id, 0)
        for node_id, count in dots.items():
            self._mark(node_id, count)
        self.dots = dict(dots)

    def follow(self, node_ids) -> None:
        """Items made again (after an undo, a theme change) get their dots back."""
        for node_id in set(node_ids) & set(self.dots):
            self._mark(node_id, self.dots[node_id])

    def _mark(self, node_id: str, count: int) -> None:
        item = self.scene.item_for_node.get(node_id)
        if item is None:
            return
        for child in item.childItems():
            if isinstance(child, VoteDots):
                if child.dots == count and child.theme is self.scene.theme:
                    return
                self.scene.removeItem(child)
        if count:
            VoteDots(item, count, self.scene.theme, item.category.shape, item.half)
