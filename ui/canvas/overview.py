"""A picture of the whole map, for views zoomed out so far that nodes are a few pixels wide.

Painting 40,000 items one by one takes about a second; at that distance nobody can tell the
difference from a picture drawn once in a few batched calls and scaled. The view shows this
picture instead of the items while zoomed far out on a large map, so a frame costs one image
draw however big the map is. Pictures are drawn lazily, at the width the view needs, and
forgotten when the map changes.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from app import collector
from ui.canvas.shapes import shape_path

WIDTHS = (1024, 2048, 4096)  # picture widths drawn on demand: the smallest that is sharp
MIN_ITEMS = 3000  # smaller maps are always drawn item by item
NODE_PX = 8.0  # nodes smaller than this on screen: show the picture
REFRESH_MS = 400  # after the last edit, the picture is drawn afresh


class Overview:
    """The whole-map picture of one scene, drawn at the widths views ask for.

    Drawing it takes a quarter of a second on a 10,000-node map, too long to repeat after
    every nudge while zoomed far out. So an edit leaves the pictures in place, a moment out of
    date (a few nodes of a few pixels), and they are drawn afresh once the edits pause.
    """

    def __init__(self, scene):
        self.scene = scene
        self._levels: dict[int, tuple[QImage, QRectF]] = {}
        self._refresh = QTimer(scene, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._redraw)

    def invalidate(self, at_once: bool = False) -> None:
        """The map changed: draw afresh at once (a new map or theme), or when edits pause."""
        if at_once or not self._levels:
            self._refresh.stop()
            self._redraw()
        else:
            self._refresh.start()  # restarted by every edit: one redraw after the last

    def _redraw(self) -> None:
        self._levels = {}
        self.scene.overview_redrawn.emit()

    def wanted(self, view_scale: float) -> bool:
        """Whether a view at ``view_scale`` should show the picture instead of the items."""
        scene = self.scene
        big = len(scene.item_for_node) + len(scene.item_for_edge) >= MIN_ITEMS
        return big and view_scale * scene.theme.node_size < NODE_PX

    def image(self, on_screen_width: float = 0.0) -> tuple[QImage, QRectF]:
        """The picture at least ``on_screen_width`` wide (if it can be), and where it goes."""
        width = next((w for w in WIDTHS if w >= on_screen_width), WIDTHS[-1])
        if width not in self._levels:
            with collector.held():
                self._levels[width] = self._render(width)
        return self._levels[width]

    def _render(self, width: int) -> tuple[QImage, QRectF]:
        rect = self._rect = self.scene.map_rect()
        scale = width / max(self._rect.width(), 1.0)
        size = QSize(width, max(1, round(self._rect.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-self._rect.topLeft())
        self._draw_edges(painter, scale)
        self._draw_nodes(painter, scale)
        painter.end()
        return image, rect

    def _draw_edges(self, painter: QPainter, scale: float) -> None:
        # Plain data, not the items: reading 30,000 Qt items' attributes costs a third of a
        # second, the document's records a tenth of that. Centre to centre: at this distance
        # the border gap is smaller than a pixel.
        at = {node.id: (node.x or 0.0, node.y or 0.0) for node in self.scene.document.nodes()}
        theme = self.scene.theme
        by_px = defaultdict(list)
        for edge in self.scene.document.edges():
            if edge.source in at and edge.target in at:
                px = max(0.6, round(theme.edge_pen_width(edge.strength) * scale, 1))
                by_px[px].append(QLineF(*at[edge.source], *at[edge.target]))
        # Thin lines without antialiasing: four times quicker, and in a picture this dense
        # the two cannot be told apart.
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        color = QColor(theme.color("edge"))
        for px, lines in by_px.items():
            pen = QPen(color, px)
            pen.setCosmetic(True)  # device pixels: far cheaper to rasterise
            painter.setPen(pen)
            painter.drawLines(lines)
        painter.restore()

    def _draw_nodes(self, painter: QPainter, scale: float) -> None:
        stamps: dict[tuple, QImage] = {}
        painter.resetTransform()
        origin = self._rect.topLeft()
        left, top = origin.x(), origin.y()
        for node in self.scene.document.nodes():
            category = self.scene.category_of(node)
            key = (category.color, category.shape)
            stamp = stamps.get(key) or stamps.setdefault(key, self._stamp(category, scale))
            x = ((node.x or 0.0) - left) * scale - stamp.width() / 2
            y = ((node.y or 0.0) - top) * scale - stamp.height() / 2
            painter.drawImage(QPointF(x, y), stamp)

    def _stamp(self, category, scale: float) -> QImage:
        """One node's shape at the picture's scale, drawn once per building block."""
        half = self.scene.theme.node_size / 2 * scale
        side = int(half * 2.8) + 2
        stamp = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        stamp.fill(Qt.GlobalColor.transparent)
        painter = QPainter(stamp)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(side / 2, side / 2)
        painter.setPen(QPen(QColor(self.scene.theme.outline), max(0.6, 0.8 * half / 8)))
        painter.setBrush(QColor(category.color))
        painter.drawPath(shape_path(category.shape, half))
        painter.end()
        return stamp
