"""The drawn pieces of a map: a ``NodeItem`` per node and an ``EdgeItem`` per connection.

Items only draw what the scene tells them; they never write to the document. Their bounding
rectangles are computed when their data changes, never while painting, and painting skips
detail that would be too small to see (``levelOfDetailFromTransform``).
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from app.domain import Category, Edge, Node
from ui.canvas.labels import LabelLayout, draw_label, label_extent, layout_label
from ui.canvas.marks import (
    paint_pin,
    paint_selection_box,
    pin_geometry,
    pin_pens,
    selection_box,
    selection_pens,
)
from ui.canvas.shapes import border_distance, shape_bottom, shape_extent, shape_path
from ui.theme import Theme, readable_on

NODE_Z = 1.0  # nodes above connections (which keep the default 0)
OUTLINE_MIN_PX = 7  # below this size on screen a node is a plain blob: no outline
LABEL_MIN_PX = 6  # below this text height on screen labels are unreadable: not drawn
LABEL_GAP = 5.0
LONG_LINE_PX = 3000  # connections longer than this on screen are clipped before drawing
_lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform
# Looked up once: reading a PySide enum member costs microseconds, and a big map asks 100,000s.
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_SENDS_GEOMETRY = QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_MOVABLE = QGraphicsItem.GraphicsItemFlag.ItemIsMovable
_NO_PEN = Qt.PenStyle.NoPen
_NODE_FLAGS = _SENDS_GEOMETRY | _SELECTABLE | _MOVABLE  # or-ing PySide enums costs: do it once
HANDLE_RADIUS = 7.0  # the connection handle beside a selected node: drag it to another node
HANDLE_GAP = 16.0  # clear of the selection box
BOUNDS_SLACK = 0.1  # a moved connection's bounds reach this share of its length beyond it


class NodeLook:
    """How one node is drawn, apart from Qt's item machinery. The canvas's ``NodeItem`` and the
    exports' ``NodeFigure`` both draw through it, so an export looks exactly like the canvas.

    Expects ``node_id``, ``cx``, ``cy`` (the centre) and ``edges`` to be set by the class using it.
    """

    pinned = False  # layouts leave a pinned node where it is; the canvas shows a pin on it

    def set_node(self, node: Node, category: Category, theme: Theme) -> None:
        """Show ``node`` as it now is (moved, relabelled, recategorised…)."""
        self._set_look(node, category, theme)
        if (node.x or 0.0, node.y or 0.0) != (self.cx, self.cy):
            self._move_to(node.x or 0.0, node.y or 0.0)
        self._changed()

    def set_theme(self, theme: Theme) -> None:
        self._set_look(self.node, self.category, theme)

    def _set_look(self, node: Node, category: Category, theme: Theme) -> None:
        self._geometry_changing()
        self.node, self.category, self.theme = node, category, theme
        self.half = theme.node_size / 2
        self._label = None
        self._bounds = _node_bounds(category.shape, theme)
        self._pens = _node_pens(theme, category.color, node.informal)
        self._brush = QBrush(QColor(category.color))

    # hooks the Qt item fills in; a figure on paper needs none of them
    def _geometry_changing(self) -> None:
        """Called before the drawn size changes."""

    def _changed(self) -> None:
        """Called when the node needs repainting."""

    def _move_to(self, x: float, y: float) -> None:
        self.cx, self.cy = x, y
        for edge in self.edges:
            edge.adjust()

    def _selected(self) -> bool:
        return False

    @property
    def shape_name(self) -> str:
        return self.category.shape

    @property
    def informal(self) -> bool:
        return self.node.informal

    @property
    def fill(self) -> QBrush:
        """The brush the shape is filled with (exports draw many shapes with one call)."""
        return self._brush

    @property
    def outline_pens(self) -> tuple[QPen, QPen]:
        """The outline pen, and for informal nodes the dashes drawn over it."""
        return self._pens

    def border_point(self, x: float, y: float) -> QPointF:
        """Where a line from the centre towards scene point (x, y) leaves the outline."""
        dx, dy = x - self.cx, y - self.cy
        length = math.hypot(dx, dy) or 1.0
        reach = border_distance(self.category.shape, dx, dy) * self.half
        reach += self.theme.outline_width / 2
        return QPointF(self.cx + dx / length * reach, self.cy + dy / length * reach)

    def handle_centre(self) -> QPointF:
        """Where the connection handle sits, in item coordinates (right of the shape)."""
        return QPointF(shape_extent(self.category.shape) * self.half + HANDLE_GAP, 0.0)

    def label_layout(self) -> LabelLayout:
        if self._label is None:
            self._label = layout_label(self.node.label, self.theme)
        return self._label

    def paint(self, painter: QPainter, option=None, widget=None) -> None:
        """Draw the node centred on the painter's origin."""
        scale = _lod(painter.worldTransform())
        path = shape_path(self.category.shape, self.half)
        if scale * self.theme.node_size < OUTLINE_MIN_PX:
            painter.fillPath(path, self._brush)
            return
        painter.setPen(self._pens[0])
        painter.setBrush(self._brush)
        painter.drawPath(path)
        if self.node.informal:
            painter.setPen(self._pens[1])
            painter.drawPath(path)
        if self._selected():  # under the pin and the label, which stay whole
            self._paint_selection(painter)
        if self.pinned:
            paint_pin(painter, self.category.shape, self.half, self.theme)
        if scale * self.theme.label_px >= LABEL_MIN_PX:
            top = shape_bottom(self.category.shape) * self.half + LABEL_GAP
            draw_label(painter, self.label_layout(), top, self.theme)

    def _paint_selection(self, painter: QPainter) -> None:
        """The selection box round the shape, and the handle to drag a connection from."""
        paint_selection_box(painter, self.category.shape, self.half, self.theme)
        painter.setPen(QPen(self.theme.color("text"), 2.0))
        painter.setBrush(self.theme.color("canvas"))
        centre = self.handle_centre()
        painter.drawEllipse(centre, HANDLE_RADIUS, HANDLE_RADIUS)
        arm = HANDLE_RADIUS * 0.55
        painter.drawLine(QLineF(centre.x() - arm, centre.y(), centre.x() + arm, centre.y()))
        painter.drawLine(QLineF(centre.x(), centre.y() - arm, centre.x(), centre.y() + arm))


class NodeItem(QGraphicsItem, NodeLook):
    """One node on the canvas: its category's shape filled with the category's colour, its
    label below; selectable and movable."""

    # Whether a moved node's connections follow it at once. The scene turns it off while it
    # moves thousands of nodes (a layout of a large map), then adjusts each connection once.
    edges_follow = True

    def __init__(self, node: Node, category: Category, theme: Theme, parent=None):
        super().__init__()
        self.node_id = node.id
        self.edges: list[EdgeItem] = []
        self._label: LabelLayout | None = None
        self._bounds = QRectF()
        self._set_look(node, category, theme)
        self.setZValue(NODE_Z)
        self.cx, self.cy = node.x or 0.0, node.y or 0.0  # the centre, kept as Python floats
        self.setPos(self.cx, self.cy)
        self.setFlags(_NODE_FLAGS)
        if parent is not None:
            self.setParentItem(parent)

    def _geometry_changing(self) -> None:
        self.prepareGeometryChange()

    def _changed(self) -> None:
        self.update()

    def _move_to(self, x: float, y: float) -> None:
        self.setPos(x, y)  # itemChange keeps the centre and the edges in step

    def _selected(self) -> bool:
        return self.isSelected()

    def set_pinned(self, pinned: bool) -> None:
        """Show or take away the pin (the map's settings say which nodes are pinned)."""
        if pinned != self.pinned:
            self.pinned = pinned
            self.update()

    def handle_hit(self, scene_point: QPointF) -> bool:
        centre = self.handle_centre()
        dx, dy = scene_point.x() - self.cx - centre.x(), scene_point.y() - self.cy - centre.y()
        return dx * dx + dy * dy <= (HANDLE_RADIUS * 1.6) ** 2

    # --- Qt overrides ----------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return shape_path(self.category.shape, self.half)

    paint = NodeLook.paint  # Qt looks the override up on this class

    def itemChange(self, change, value):
        if change == _POSITION_CHANGED:
            self.cx, self.cy = value.x(), value.y()
            if self.edges_follow:
                for edge in self.edges:
                    edge.adjust()
        return value


class NodeFigure(NodeLook):
    """A node drawn on paper: the same look as ``NodeItem`` without the cost of a Qt item
    (building 40,000 of those is most of the time of exporting a large map)."""

    def __init__(self, node: Node, category: Category, theme: Theme):
        self.node_id = node.id
        self.edges: list[EdgeFigure] = []
        self.cx, self.cy = node.x or 0.0, node.y or 0.0
        self._opacity = 1.0
        self._set_look(node, category, theme)

    def opacity(self) -> float:
        return self._opacity

    def setOpacity(self, opacity: float) -> None:  # noqa: N802 - as QGraphicsItem spells it
        self._opacity = opacity


@cache
def _node_bounds(shape: str, theme: Theme) -> QRectF:
    half = theme.node_size / 2
    reach = shape_extent(shape) * half + theme.outline_width * 2
    body = QRectF(-reach, -reach, 2 * reach, 2 * reach)
    halo = selection_pens(theme)[0].widthF()
    body = body.united(selection_box(shape, half).adjusted(-halo, -halo, halo, halo))
    label = label_extent(theme).translated(0, shape_bottom(shape) * half + LABEL_GAP)
    head, _tip, radius = pin_geometry(shape, half)
    grow = radius + pin_pens(theme)[1].widthF()
    pin = QRectF(head.x() - grow, head.y() - grow, 2 * grow, 2 * grow)
    return body.united(label).united(pin)


@cache
def _node_pens(theme: Theme, color: str, informal: bool) -> tuple[QPen, QPen]:
    """The outline pen, and for informal nodes the dashes drawn over it.

    An informal node's outline is a thick dash pattern in black-or-white alternating with the
    canvas colour, so it reads as dashed on any fill and any theme.
    """
    outline = QColor(theme.outline)
    if theme.dark and QColor(color).lightnessF() < 0.25:
        outline = theme.color("text")  # a black block on a dark canvas still needs its edge
    width = theme.outline_width * (1.6 if informal else 1.0)
    if not informal:
        return QPen(outline, width), QPen()
    base = QPen(theme.color("canvas"), width)
    dashes = QPen(outline if not theme.dark else readable_on(theme.color("canvas")), width)
    dashes.setDashPattern([2.2, 1.6])
    dashes.setCapStyle(Qt.PenCapStyle.FlatCap)
    return base, dashes


class EdgeLook:
    """How one connection is drawn: a line from border to border, as thick as it is strong,
    with an arrowhead if directed. Shared by the canvas's ``EdgeItem`` and the exports'
    ``EdgeFigure``; expects ``edge_id``, ``source`` and ``target`` (node looks) to be set."""

    def set_edge(self, edge: Edge, theme: Theme) -> None:
        """Show ``edge`` as it now is (strength, direction) in ``theme``."""
        self.edge, self.theme = edge, theme
        self._pen = _edge_pen(theme, edge.strength)
        self.adjust()

    def set_theme(self, theme: Theme) -> None:
        self.set_edge(self.edge, theme)

    def detach(self) -> None:
        """Forget the nodes (before the scene removes this item)."""
        for node in (self.source, self.target):
            if self in node.edges:
                node.edges.remove(self)

    def adjust(self) -> None:
        """Follow the nodes after one moved: the line is worked out again when next drawn."""
        self._geometry = None

    def _selected(self) -> bool:
        return False

    def geometry(self) -> tuple[QLineF | None, QPolygonF | None]:
        """The shaft from border to border (ending at the arrow's base) and the arrowhead."""
        if self._geometry is None:
            # In plain floats, as ``NodeLook.border_point`` would give them: Qt values cost a
            # microsecond each to make, and a large export asks for 30,000 of these at once.
            a, b = self.source, self.target
            dx, dy = b.cx - a.cx, b.cy - a.cy
            length = math.hypot(dx, dy) or 1.0
            ux, uy = dx / length, dy / length
            reach_a = border_distance(a.category.shape, dx, dy) * a.half + a.theme.outline_width / 2
            reach_b = border_distance(b.category.shape, -dx, -dy) * b.half + b.theme.outline_width / 2
            self._geometry = _line_and_arrow(a.cx + ux * reach_a, a.cy + uy * reach_a,
                                             b.cx - ux * reach_b, b.cy - uy * reach_b,
                                             self.edge.directed, self._arrow_size())
        return self._geometry

    @property
    def has_arrow(self) -> bool:
        return self.geometry()[1] is not None

    @property
    def pen_width(self) -> float:
        return self._pen.widthF()

    @property
    def pen(self) -> QPen:
        """The pen the line is drawn with (exports draw many lines with one call)."""
        return self._pen

    def _arrow_size(self) -> float:
        return self.theme.arrow_size + self._pen.widthF() * 1.5

    def paint(self, painter: QPainter, option=None, widget=None) -> None:
        line, arrow = self.geometry()
        if line is None:
            return
        if line.length() * _lod(painter.worldTransform()) > LONG_LINE_PX:
            line = _visible_part(line, painter)
        pen = self._pen if not self._selected() else _selected_pen(self.theme, self.edge.strength)
        painter.setPen(pen)
        painter.drawLine(line)
        if arrow is not None:
            painter.setPen(_NO_PEN)
            painter.setBrush(pen.color())
            painter.drawPolygon(arrow)


class EdgeItem(QGraphicsItem, EdgeLook):
    """One connection on the canvas: selectable, and following its nodes as they move."""

    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem, theme: Theme,
                 parent=None):
        super().__init__()
        self.edge_id = edge.id
        self.source, self.target = source, target
        self._bounds = QRectF()
        self._in_scene = False  # no geometry change to announce before the scene has it
        self.setFlags(_SELECTABLE)  # setFlags: setFlag resolves its default argument each call
        source.edges.append(self)
        target.edges.append(self)
        self.set_edge(edge, theme)
        self._in_scene = True
        if parent is not None:
            self.setParentItem(parent)

    def adjust(self) -> None:
        """Follow the nodes after one moved. Only the bounds are computed now (cheap: from the
        centres, in plain floats); the exact border-to-border line waits until it is drawn.

        Telling the scene's index of new bounds costs far more than the line itself (40 µs for
        a long connection: a hub's 95 took 6 ms per mouse move), so bounds that must grow get
        some slack, and a drag re-indexes a connection only when it leaves them."""
        a, b = self.source, self.target
        grow = max(a.half, b.half) * 1.3 + self._pen.widthF() + self.theme.arrow_size
        left, right = min(a.cx, b.cx) - grow, max(a.cx, b.cx) + grow
        top, bottom = min(a.cy, b.cy) - grow, max(a.cy, b.cy) + grow
        slack = max(grow, BOUNDS_SLACK * max(right - left, bottom - top))
        self._geometry = None
        self._path = None
        if not self._in_scene:
            slack = 0.0  # a new connection: tight bounds until it first moves
        elif _holds(self._box, left, top, right, bottom, slack):
            self.update()
            return
        else:
            self.prepareGeometryChange()
        self._box = (left - slack, top - slack, right + slack, bottom + slack)
        self._bounds = QRectF(left - slack, top - slack, right - left + 2 * slack,
                              bottom - top + 2 * slack)

    def _selected(self) -> bool:
        return self.isSelected()

    # --- Qt overrides ----------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._path is None:
            self._path = _stroked_line(self.geometry()[0], max(6.0, self._pen.widthF() + 4))
        return self._path

    paint = EdgeLook.paint  # Qt looks the override up on this class


class EdgeFigure(EdgeLook):
    """A connection drawn on paper (see ``NodeFigure``)."""

    def __init__(self, edge: Edge, source: NodeFigure, target: NodeFigure, theme: Theme):
        self.edge_id = edge.id
        self.source, self.target = source, target
        self._opacity = 1.0
        source.edges.append(self)
        target.edges.append(self)
        self.set_edge(edge, theme)

    opacity = NodeFigure.opacity
    setOpacity = NodeFigure.setOpacity  # noqa: N815 - as QGraphicsItem spells it


def _holds(box: tuple, left: float, top: float, right: float, bottom: float,
           slack: float) -> bool:
    """Whether the bounds ``box`` hold the rectangle ``left``…``bottom`` without far too much
    room to spare (as when the connection got much shorter)."""
    box_left, box_top, box_right, box_bottom = box
    return (box_left <= left and box_top <= top and box_right >= right and box_bottom >= bottom
            and (box_right - box_left) - (right - left) <= 4 * slack
            and (box_bottom - box_top) - (bottom - top) <= 4 * slack)


def _visible_part(line: QLineF, painter: QPainter) -> QLineF:
    """The part of a long line inside the painted area (Qt strokes the whole line otherwise,
    which costs as much as the line is long)."""
    inverse, _ok = painter.worldTransform().inverted()
    area = inverse.mapRect(QRectF(painter.viewport())).adjusted(-20, -20, 20, 20)
    x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - area.left()), (dx, area.right() - x1),
                 (-dy, y1 - area.top()), (dy, area.bottom() - y1)):
        if p == 0:
            if q < 0:
                return QLineF()
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    if t0 > t1:
        return QLineF()
    return QLineF(x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy)


def _line_and_arrow(x1: float, y1: float, x2: float, y2: float, directed: bool, size: float):
    """The shaft from (x1, y1) towards the tip (x2, y2), ending at the arrow's base, and the
    arrowhead; (None, None) if too short to draw."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    if length < 1.0:
        return None, None
    if not directed or length < size * 1.2:
        return QLineF(x1, y1, x2, y2), None
    ux, uy = dx / length, dy / length
    bx, by = x2 - ux * size, y2 - uy * size
    wing = size * 0.42
    arrow = QPolygonF([QPointF(x2, y2), QPointF(bx - uy * wing, by + ux * wing),
                       QPointF(bx + uy * wing, by - ux * wing)])
    return QLineF(x1, y1, x2 - ux * size * 0.8, y2 - uy * size * 0.8), arrow


@cache
def _edge_pen(theme: Theme, strength: int) -> QPen:
    pen = QPen(theme.color("edge"), theme.edge_pen_width(strength))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


@cache
def _selected_pen(theme: Theme, strength: int) -> QPen:
    pen = _edge_pen(theme, strength)
    selected = QPen(pen)
    selected.setColor(theme.color("text"))
    selected.setWidthF(pen.widthF() + 2.0)
    return selected


def _stroked_line(line: QLineF | None, width: float) -> QPainterPath:
    path = QPainterPath()
    if line is not None:
        path.moveTo(line.p1())
        path.lineTo(line.p2())
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(path)
