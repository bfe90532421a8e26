"""A map's figures drawn on paper and into pictures: the canvas's looks, drawn in batches.

Each node and connection looks as its canvas item (the same shapes, pens, brushes and label
layouts), but shapes that look alike are drawn together as one path, in device coordinates
rounded to what the device can show. Detail is judged by its size on the page, as the canvas
judges it by its size on the screen: a node under 2 mm is a plain blob (its outline simplified),
an arrowhead under half a millimetre is left out. On a 10,000-node map that makes a PDF page a
tenth of the size: quick to compress, and no drawing call long enough for a worker thread to
stall the window (PySide holds Python's lock through each Qt call).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from ui.canvas.items import LABEL_GAP, LABEL_MIN_PX, OUTLINE_MIN_PX
from ui.canvas.labels import draw_label
from ui.canvas.shapes import shape_bottom, shape_path

BATCH = 600  # shapes or lines per drawing call: a few milliseconds each, even at 300 dpi
ARROW_MIN_PX = 1.5  # page pixels (0.4 mm): a smaller arrowhead cannot be seen, is not drawn
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
_lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform


def map_transform(painter: QPainter, target: QRectF, source: QRectF) -> QTransform:
    """The painter's transform with ``source`` (map units) mapped onto ``target``."""
    scale = target.width() / source.width()
    transform = QTransform(painter.worldTransform())
    transform.translate(target.left(), target.top())
    transform.scale(scale, scale)
    transform.translate(-source.left(), -source.top())
    return transform


@dataclass(frozen=True)
class Device:
    """Map units to device pixels: ``x * scale + dx``, rounded to ``step``; and how many page
    pixels (1/96 inch on paper, screen pixels for a picture) a map unit is."""

    scale: float
    dx: float
    dy: float
    step: float
    page_scale: float

    def x(self, x: float) -> float:
        return round((x * self.scale + self.dx) / self.step) * self.step

    def y(self, y: float) -> float:
        return round((y * self.scale + self.dy) / self.step) * self.step


def draw_figures(painter: QPainter, scene, target: QRectF, source: QRectF, names: bool = True,
                 only: Collection[str] | None = None) -> None:
    """Draw the scene's figures from ``source`` into ``target``: connections, then nodes, then
    (with ``names``) the labels as the canvas shows them. ``only`` limits the drawing to those
    nodes and the connections among them."""
    painter.save()
    transform = map_transform(painter, target, source)
    page_scale = target.width() / source.width()
    device_px = _lod(transform) / page_scale  # device pixels per page pixel
    device = Device(transform.m11(), transform.dx(), transform.dy(),
                    1.0 if device_px >= 2 else 0.1, page_scale)
    nodes, edges = visible_figures(scene, source, only)
    painter.resetTransform()  # paths are given in device pixels: short numbers in a PDF
    _draw_edges(painter, edges, device)
    _draw_nodes(painter, nodes, device, scene.theme)
    painter.setTransform(transform)
    if names and page_scale * scene.theme.label_px >= LABEL_MIN_PX:
        _draw_labels(painter, nodes, scene.theme)
    painter.restore()


def visible_figures(scene, source: QRectF, only: Collection[str] | None = None) -> tuple:
    """The node and connection figures that can show in ``source`` (all when it holds the whole
    map), limited to ``only`` if given."""
    nodes, edges = scene.item_for_node, scene.item_for_edge
    if only is not None:
        nodes = {key: nodes[key] for key in only if key in nodes}
        edges = {key: e for key, e in edges.items()
                 if e.source.node_id in nodes and e.target.node_id in nodes}
    if source.contains(scene.map_rect()):
        return list(nodes.values()), list(edges.values())
    reach = scene.theme.node_size
    left, top = source.left() - reach, source.top() - reach
    right, bottom = source.right() + reach, source.bottom() + reach
    shown_nodes = [n for n in nodes.values() if left <= n.cx <= right and top <= n.cy <= bottom]
    shown_edges = [e for e in edges.values()
                   if min(e.source.cx, e.target.cx) <= right
                   and max(e.source.cx, e.target.cx) >= left
                   and min(e.source.cy, e.target.cy) <= bottom
                   and max(e.source.cy, e.target.cy) >= top]
    return shown_nodes, shown_edges


def _chunks(items: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _draw_edges(painter: QPainter, edges: list, device: Device) -> None:
    """Shafts grouped by pen and strength of emphasis, then arrowheads by colour."""
    shafts, arrows = defaultdict(list), defaultdict(list)
    arrows_shown = bool(edges) and edges[0].theme.arrow_size * device.page_scale >= ARROW_MIN_PX
    for edge in edges:
        line, arrow = edge.geometry()
        if line is None:
            continue
        pen, opacity = edge.pen, edge.opacity()
        shafts[(pen.widthF(), pen.color().rgba(), opacity)].append(edge)
        if arrow is not None and arrows_shown:
            arrows[(pen.color().rgba(), opacity)].append((pen, arrow))
    painter.setBrush(_NO_BRUSH)
    for (width, _colour, opacity), group in shafts.items():
        painter.setOpacity(opacity)
        pen = QPen(group[0].pen)
        pen.setWidthF(width * device.scale)
        painter.setPen(pen)
        through = not arrows_shown and opacity == 1.0
        for chunk in _chunks(_trails(group) if through else _shafts(group)):
            path = QPainterPath()
            for trail in chunk:
                path.moveTo(device.x(trail[0]), device.y(trail[1]))
                for at in range(2, len(trail), 2):
                    path.lineTo(device.x(trail[at]), device.y(trail[at + 1]))
            painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    for (_colour, opacity), group in arrows.items():
        painter.setOpacity(opacity)
        painter.setBrush(group[0][0].color())
        for chunk in _chunks(group):
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)
            for _pen, arrow in chunk:
                _add_polygon(path, [(device.x(p.x()), device.y(p.y())) for p in arrow])
            painter.drawPath(path)
    painter.setOpacity(1.0)


def _shafts(edges: list) -> list[tuple[float, ...]]:
    """Each connection from border to border, as the canvas draws it."""
    lines = (edge.geometry()[0] for edge in edges)
    return [(line.x1(), line.y1(), line.x2(), line.y2()) for line in lines]


def _trails(edges: list) -> list[tuple[float, ...]]:
    """The connections as trails from centre to centre, each going on from where the last
    ended: the same picture once the nodes are drawn over the ends (with no arrowheads to
    show, and nothing faded), in a third of the words of a PDF page."""
    unused: dict = defaultdict(list)
    for edge in edges:
        unused[edge.source].append(edge)
        unused[edge.target].append(edge)
    done: set[int] = set()
    trails = []
    for start in list(unused):
        while unused[start]:
            node, trail = start, [start.cx, start.cy]
            while unused[node]:
                edge = unused[node].pop()
                if id(edge) in done:
                    continue
                done.add(id(edge))
                node = edge.target if edge.source is node else edge.source
                trail += (node.cx, node.cy)
            if len(trail) > 2:
                trails.append(tuple(trail))
    return trails


def _draw_nodes(painter: QPainter, nodes: list, device: Device, theme) -> None:
    """Shapes grouped by block, informality and strength of emphasis: filled and outlined as the
    canvas items are, or only filled when too small for an outline to show."""
    outlined = device.page_scale * theme.node_size >= OUTLINE_MIN_PX
    groups = defaultdict(list)
    for node in nodes:
        key = (node.category.shape, node.half, node.category.color,
               node.informal and outlined, node.opacity())
        groups[key].append(node)
    for (shape, half, _colour, informal, opacity), group in groups.items():
        look = group[0]
        corners = _corners(shape, half * device.scale, outlined)
        painter.setOpacity(opacity)
        if outlined:  # pens in device pixels too (dashes are measured in pen widths)
            pen, dashes = (QPen(p) for p in look.outline_pens)
            pen.setWidthF(pen.widthF() * device.scale)
            dashes.setWidthF(dashes.widthF() * device.scale)
        for chunk in _chunks(group):
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)  # overlapping nodes stay filled
            for node in chunk:
                x, y = device.x(node.cx), device.y(node.cy)
                _add_shape(path, corners, x, y, device.step)
            if not outlined:
                painter.fillPath(path, look.fill)
                continue
            painter.setPen(pen)
            painter.setBrush(look.fill)
            painter.drawPath(path)
            if informal:
                painter.setPen(dashes)
                painter.setBrush(_NO_BRUSH)
                painter.drawPath(path)
    painter.setOpacity(1.0)


def _corners(shape: str, half: float, exact: bool):
    """A node's outline around (0, 0), ``half`` device pixels in half-size: the exact path
    (translated per node), or, for a blob too small to tell, its corners (a circle's as a
    polygon, a square's without the rounding)."""
    if exact:
        return shape_path(shape, half)
    return _blob_corners(shape, round(half, 2))


@cache
def _blob_corners(shape: str, half: float) -> tuple[tuple[float, float], ...]:
    outline = shape_path(shape, half).toFillPolygon()
    if shape in ("circle", "square"):
        sides = 8 if shape == "circle" else 4
        start = -math.pi / 2 if shape == "circle" else math.pi / 4
        reach = half if shape == "circle" else half * 0.88 * math.sqrt(2)
        return tuple((reach * math.cos(start + i * 2 * math.pi / sides),
                      reach * math.sin(start + i * 2 * math.pi / sides)) for i in range(sides))
    return tuple((p.x(), p.y()) for p in outline)[:-1]


def _add_shape(path: QPainterPath, corners, x: float, y: float, step: float) -> None:
    if isinstance(corners, QPainterPath):
        path.addPath(corners.translated(x, y))
    else:
        _add_polygon(path, [(round((x + cx) / step) * step, round((y + cy) / step) * step)
                            for cx, cy in corners])


def _add_polygon(path: QPainterPath, points: list[tuple[float, float]]) -> None:
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.closeSubpath()


def _draw_labels(painter: QPainter, nodes: list, theme) -> None:
    """Each node's label under it, as on the canvas, over every shape and line."""
    for node in nodes:
        painter.setOpacity(node.opacity())
        top = shape_bottom(node.category.shape) * node.half + LABEL_GAP
        painter.translate(node.cx, node.cy)
        draw_label(painter, node.label_layout(), top, theme)
        painter.translate(-node.cx, -node.cy)
    painter.setOpacity(1.0)
