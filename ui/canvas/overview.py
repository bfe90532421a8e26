"""A picture of the whole map, for views zoomed out so far that nodes are a few pixels wide.

Painting 40,000 items one by one takes about a second; at that distance nobody can tell the
difference from a picture drawn once in a few batched calls and scaled. The view shows this
picture instead of the items while zoomed far out on a large map, so a frame costs one image
draw however big the map is. Pictures are drawn lazily, at the width the view needs, and
forgotten when the map changes.

Drawing a picture takes a fifth of a second on a 10,000-node map, so the canvas does not wait
for it (``image_soon``): it is drawn a few thousand shapes at a time between turns of the event
loop, from a sketch of the map taken when it starts, and the canvas is painted again when it is
ready. (Not in a worker thread: a thread running Python makes the window wait for Python's lock
as surely as the drawing itself would.)
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from app import collector
from app.domain import Category, Edge, Node
from ui.canvas.shapes import shape_path
from ui.theme import Theme

WIDTHS = (1024, 2048, 4096)  # picture widths drawn on demand: the smallest that is sharp
MIN_ITEMS = 3000  # smaller maps are always drawn item by item
NODE_PX = 8.0  # nodes smaller than this on screen: show the picture
REFRESH_MS = 400  # after the last edit, the picture is drawn afresh
PIECE = 400  # connections or nodes drawn between two looks at the clock (long lines
#             across the whole picture take a fifth of a millisecond each)
TURN = 0.015  # seconds of drawing per turn of the event loop


@dataclass(frozen=True)
class Sketch:
    """What a picture is drawn from: plain records taken from the map when drawing starts."""

    rect: QRectF  # the part of the map the picture shows
    nodes: list[Node]
    edges: list[Edge]
    looks: dict[str, Category]  # each node's building block, by key
    theme: Theme


class Overview:
    """The whole-map picture of one scene, drawn at the widths views ask for.

    Drawing it takes a quarter of a second on a 10,000-node map, too long to repeat after
    every nudge while zoomed far out. So an edit leaves the pictures in place, a moment out of
    date (a few nodes of a few pixels), and they are drawn afresh once the edits pause.
    """

    def __init__(self, scene):
        self.scene = scene
        self._levels: dict[int, tuple[QImage, QRectF]] = {}
        self._drawing: tuple[int, Iterator] | None = None  # a width, and its drawing under way
        self._turns = QTimer(scene, singleShot=True, interval=0)
        self._turns.timeout.connect(self._draw_more)
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
        self._drawing = None  # (of the map before: the next paint asks for one afresh)
        self.scene.overview_redrawn.emit()

    def wanted(self, view_scale: float) -> bool:
        """Whether a view at ``view_scale`` should show the picture instead of the items."""
        return self._large() and view_scale * self.scene.theme.node_size < NODE_PX

    def _large(self) -> bool:
        return len(self.scene.item_for_node) + len(self.scene.item_for_edge) >= MIN_ITEMS

    def image(self, on_screen_width: float = 0.0) -> tuple[QImage, QRectF]:
        """The picture at least ``on_screen_width`` wide (if it can be), and where it goes;
        drawn now if there is none yet."""
        width = _width_for(on_screen_width)
        kept = self._kept(width)
        if kept is None:
            with collector.held():
                kept = self._levels[width] = draw(self.sketch(), width)
            if self._drawing is not None and self._drawing[0] == width:
                self._drawing = None  # drawn whole just now
        return kept

    def image_soon(self, on_screen_width: float = 0.0) -> tuple[QImage, QRectF] | None:
        """As ``image``, without waiting: a missing picture is drawn a piece at a time between
        turns of the event loop (the scene says ``overview_redrawn`` when it is ready), and
        meanwhile a narrower one serves, or none (``None``) at first. A small map's is drawn at
        once."""
        width = _width_for(on_screen_width)
        kept = self._kept(width)
        if kept is not None or not self._large():
            return kept or self.image(on_screen_width)
        if self._drawing is None or self._drawing[0] < width:
            self._drawing = (width, drawing(self.sketch(), width))
            self._turns.start()
        return self._levels[max(self._levels)] if self._levels else None

    def _kept(self, width: int) -> tuple[QImage, QRectF] | None:
        """The narrowest picture drawn so far that is at least ``width`` wide."""
        wide_enough = [w for w in self._levels if w >= width]
        return self._levels[min(wide_enough)] if wide_enough else None

    def sketch(self) -> Sketch:
        """The map as the pictures show it, taken now (on the GUI thread)."""
        scene = self.scene
        nodes = scene.document.nodes()
        looks = {node.category: scene.category_of(node) for node in nodes}
        return Sketch(QRectF(scene.map_rect()), nodes, scene.document.edges(), looks,
                      scene.theme)

    def _draw_more(self) -> None:
        """One turn's worth of the picture under way; when it is done, ask for paints."""
        if self._drawing is None:
            return
        width, steps = self._drawing
        until = time.perf_counter() + TURN
        with collector.held():
            for picture in steps:
                if picture is not None:
                    self._drawing = None
                    self._levels[width] = picture
                    with contextlib.suppress(RuntimeError):  # the scene has gone meanwhile
                        self.scene.overview_redrawn.emit()
                    return
                if time.perf_counter() >= until:
                    break
        self._turns.start()


def _width_for(on_screen_width: float) -> int:
    """The smallest picture width that is sharp at ``on_screen_width`` pixels."""
    return next((w for w in WIDTHS if w >= on_screen_width), WIDTHS[-1])


def draw(sketch: Sketch, width: int) -> tuple[QImage, QRectF]:
    """The picture of ``sketch`` ``width`` pixels wide, and the part of the map it shows."""
    for picture in drawing(sketch, width):
        if picture is not None:
            return picture
    raise AssertionError("a drawing always ends with its picture")


def drawing(sketch: Sketch, width: int) -> Iterator[tuple[QImage, QRectF] | None]:
    """``draw`` a piece at a time: ``None`` after each piece, the picture last."""
    rect = sketch.rect
    # As wide as asked, unless a map far taller than wide would make it too tall to hold.
    scale = min(width / max(rect.width(), 1.0), WIDTHS[-1] * 2 / max(rect.height(), 1.0))
    size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-rect.topLeft())
        yield from _draw_edges(painter, sketch, scale)
        yield from _draw_nodes(painter, sketch, scale)
    finally:
        painter.end()  # also when a drawing is dropped half done
    yield image, rect


def _draw_edges(painter: QPainter, sketch: Sketch, scale: float) -> Iterator[None]:
    # Plain records, not the items: reading 30,000 Qt items' attributes costs a third of a
    # second, the document's records a tenth of that. Centre to centre: at this distance
    # the border gap is smaller than a pixel.
    at = {node.id: (node.x or 0.0, node.y or 0.0) for node in sketch.nodes}
    by_strength = defaultdict(list)
    for start in range(0, len(sketch.edges), PIECE):
        for edge in sketch.edges[start:start + PIECE]:
            if edge.source in at and edge.target in at:
                by_strength[edge.strength].append(QLineF(*at[edge.source], *at[edge.target]))
        yield None
    by_px = defaultdict(list)
    for strength, lines in by_strength.items():
        by_px[max(0.6, round(sketch.theme.edge_pen_width(strength) * scale, 1))] += lines
    # Thin lines without antialiasing: four times quicker, and in a picture this dense
    # the two cannot be told apart.
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        color = QColor(sketch.theme.color("edge"))
        for px, lines in by_px.items():
            pen = QPen(color, px)
            pen.setCosmetic(True)  # device pixels: far cheaper to rasterise
            painter.setPen(pen)
            for start in range(0, len(lines), PIECE):
                painter.drawLines(lines[start:start + PIECE])
                yield None
    finally:
        painter.restore()


def _draw_nodes(painter: QPainter, sketch: Sketch, scale: float) -> Iterator[None]:
    stamps: dict[tuple, QImage] = {}
    painter.resetTransform()
    origin = sketch.rect.topLeft()
    left, top = origin.x(), origin.y()
    for start in range(0, len(sketch.nodes), PIECE):
        for node in sketch.nodes[start:start + PIECE]:
            category = sketch.looks[node.category]
            key = (category.color, category.shape)
            stamp = stamps.get(key) or stamps.setdefault(
                key, _stamp(category, sketch.theme, scale))
            x = ((node.x or 0.0) - left) * scale - stamp.width() / 2
            y = ((node.y or 0.0) - top) * scale - stamp.height() / 2
            painter.drawImage(QPointF(x, y), stamp)
        yield None


def _stamp(category: Category, theme: Theme, scale: float) -> QImage:
    """One node's shape at the picture's scale, drawn once per building block."""
    half = theme.node_size / 2 * scale
    side = int(half * 2.8) + 2
    stamp = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    stamp.fill(Qt.GlobalColor.transparent)
    painter = QPainter(stamp)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(side / 2, side / 2)
    painter.setPen(QPen(QColor(theme.outline), max(0.6, 0.8 * half / 8)))
    painter.setBrush(QColor(category.color))
    painter.drawPath(shape_path(category.shape, half))
    painter.end()
    return stamp
