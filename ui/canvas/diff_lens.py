"""The diff lens on a canvas: added pieces ringed twice, changed ones ringed with dashes,
removed ones drawn hatched where they were; connections likewise (solid, dashed, dotted). The
rest of the map is dimmed. A few path items hold every mark, so the 10,000-node map draws at
once. The lens is drawn over the scene and changes nothing in the map."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

from app.domain import MapData
from app.history.diff import ADDED, CHANGED, REMOVED, Diff
from app.history.lens import LENS, lens_color
from ui.canvas.scene import MapScene
from ui.canvas.shapes import shape_path
from ui.theme import font

LENS_Z = 50  # above nodes and connections, below labels' plates would hide them
MOST_BADGES = 400  # a "+", "~" or "−" beside each marked piece, up to this many changes


def positions(data: MapData) -> dict[str, tuple[float, float]]:
    """Where each piece of ``data`` is (plain numbers: 10,000 ``QPointF``s take 80 ms)."""
    return {n.id: (n.x or 0.0, n.y or 0.0) for n in data.nodes}


class Places:
    """Where the pieces are, now or (for those gone) before, as points when asked."""

    def __init__(self, before: Mapping[str, tuple[float, float]],
                 now: Mapping[str, tuple[float, float]]):
        self.before, self.now = before, now

    def get(self, node_id: str) -> QPointF | None:
        place = self.now.get(node_id) or self.before.get(node_id)
        return QPointF(*place) if place is not None else None

    def __contains__(self, node_id: str) -> bool:
        return node_id in self.now or node_id in self.before

    def __getitem__(self, node_id: str) -> QPointF:
        return self.get(node_id)


class DiffLens:
    """The marks of ``diff`` on ``scene`` (which shows ``diff.after``); ``where_before``: the
    places of the pieces in the earlier state, for those that are gone."""

    def __init__(self, scene: MapScene, diff: Diff,
                 where_before: Mapping[str, tuple[float, float]]):
        self.scene = scene
        self.items: list[QGraphicsPathItem] = []
        theme = scene.theme
        self.where = Places(where_before, positions(diff.after))
        where_before = Places(where_before, {})
        half = theme.node_size / 2
        width = max(theme.outline_width * 1.8, 3.0)
        self._ghosts(diff, where_before, half, width)
        self._edges(diff, theme.edge_width * 2.6)
        self._rings(ADDED, [c.id for c in diff.of(ADDED)], half, width, double=True)
        self._rings(CHANGED, [c.id for c in diff.of(CHANGED)], half, width, double=False)
        self._rings(REMOVED, [c.id for c in diff.of(REMOVED)], half, width, double=False)
        if len(diff.nodes) <= MOST_BADGES:
            for change in diff.nodes:
                self._badge(change.what, self.where.get(change.id), half + width * 2.4)
            for change in diff.of(REMOVED):  # the piece itself is gone, and its label with it
                self._ghost_label(change.label, where_before.get(change.id), half + width * 2)
        kept = {c.id for c in diff.of(ADDED)} | {c.id for c in diff.of(CHANGED)}
        scene.emphasise(kept)

    def _add(self, path: QPainterPath, pen: QPen, brush: QBrush | None = None) -> None:
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setBrush(brush or Qt.BrushStyle.NoBrush)
        item.setZValue(LENS_Z)
        self.scene.addItem(item)
        self.items.append(item)

    def _pen(self, what: str, width: float, style: Qt.PenStyle) -> QPen:
        pen = QPen(QColor(lens_color(what, self.scene.theme.dark)), width)
        pen.setStyle(style)
        pen.setCosmetic(False)
        return pen

    def _rings(self, what: str, ids: list[str], half: float, width: float,
               double: bool) -> None:
        inner, outer = QPainterPath(), QPainterPath()
        for node_id in ids:
            at = self.where.get(node_id)
            if at is None:
                continue
            inner.addEllipse(at, half + width * 1.6, half + width * 1.6)
            if double:
                outer.addEllipse(at, half + width * 3.4, half + width * 3.4)
        style = Qt.PenStyle.SolidLine if double else \
            Qt.PenStyle.DotLine if what == REMOVED else Qt.PenStyle.DashLine
        self._add(inner, self._pen(what, width, style))
        if double:
            self._add(outer, self._pen(what, width * 0.6, Qt.PenStyle.SolidLine))

    def _badge(self, what: str, at: QPointF | None, offset: float) -> None:
        """The change's mark beside the piece, for readers who cannot tell the colours or
        the ring patterns apart."""
        if at is None:
            return
        badge = QGraphicsSimpleTextItem(LENS[what].mark)
        # Large for a map (a node's height): the mark must still read with the whole map shown.
        badge.setFont(font(round(self.scene.theme.node_size * 0.8), bold=True))
        badge.setBrush(QColor(lens_color(what, self.scene.theme.dark)))
        height = badge.boundingRect().height()
        badge.setPos(at + QPointF(offset * 0.7, -offset * 0.7 - height * 0.8))
        badge.setZValue(LENS_Z)
        self.scene.addItem(badge)
        self.items.append(badge)

    def _ghost_label(self, label: str, at: QPointF | None, below: float) -> None:
        """The label of a piece that is gone, under its ghost."""
        if at is None:
            return
        text = QGraphicsSimpleTextItem(label)
        text.setFont(font(self.scene.theme.label_px))
        text.setBrush(QColor(lens_color(REMOVED, self.scene.theme.dark)))
        box = text.boundingRect()
        text.setPos(at + QPointF(-box.width() / 2, below))
        text.setZValue(LENS_Z)
        self.scene.addItem(text)
        self.items.append(text)

    def _ghosts(self, diff: Diff, where_before: Places, half: float,
                width: float) -> None:
        blocks = {c.key: c for c in diff.before.categories}
        block_of = {n.id: blocks.get(n.category) for n in diff.before.nodes}
        shapes = QPainterPath()
        for change in diff.of(REMOVED):
            block = block_of.get(change.id)
            at = where_before.get(change.id)
            if at is None:
                continue
            shapes.addPath(shape_path(block.shape if block else "circle", half).translated(at))
        color = QColor(lens_color(REMOVED, self.scene.theme.dark))
        self._add(shapes, self._pen(REMOVED, width * 0.8, Qt.PenStyle.DotLine),
                  QBrush(color, Qt.BrushStyle.BDiagPattern))

    def _edges(self, diff: Diff, width: float) -> None:
        ends = {e.id: (e.source, e.target) for e in (*diff.before.edges, *diff.after.edges)}
        for what, style in ((ADDED, Qt.PenStyle.SolidLine), (CHANGED, Qt.PenStyle.DashLine),
                            (REMOVED, Qt.PenStyle.DotLine)):
            path = QPainterPath()
            for change in diff.of(what, "edges"):
                source, target = ends[change.id]
                if source in self.where and target in self.where:
                    path.moveTo(self.where[source])
                    path.lineTo(self.where[target])
            self._add(path, self._pen(what, width, style))

    def remove(self) -> None:
        for item in self.items:
            self.scene.removeItem(item)
        self.items.clear()
        self.scene.emphasise(None)
