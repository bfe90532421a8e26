"""The marks drawn on a node beside its shape: the pin of a node layouts leave alone, and the
box round a selected node. Shared by the canvas items and their bounding rectangles."""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from ui.canvas.shapes import border_distance, shape_extent
from ui.theme import Theme

PIN_RADIUS = 0.3  # a pinned node's pin head, in half-sizes of the node
SELECTION_GAP = 5.0  # between a selected node's shape and the box drawn round it
SELECTION_CORNER = 5.0


def paint_selection_box(painter: QPainter, shape: str, half: float, theme: Theme) -> None:
    """A solid rounded box round the shape in the theme's accent colour, on a halo of the
    canvas colour. Solid, square-cornered and coloured so that it never reads as the
    black-and-white dashed outline of informal learning."""
    box = selection_box(shape, half)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for pen in selection_pens(theme):
        painter.setPen(pen)
        painter.drawRoundedRect(box, SELECTION_CORNER, SELECTION_CORNER)


@cache
def selection_box(shape: str, half: float) -> QRectF:
    """The box round a selected node of ``shape``, centred on the node."""
    reach = shape_extent(shape) * half + SELECTION_GAP
    return QRectF(-reach, -reach, 2 * reach, 2 * reach)


@cache
def selection_pens(theme: Theme) -> tuple[QPen, QPen]:
    """A halo in the canvas colour, so the box stands clear of connections and neighbours, and
    the box itself: solid, in the accent colour."""
    width = max(2.5, theme.outline_width * 1.2)
    halo = QPen(theme.color("canvas"), width + 3.0)
    ring = QPen(theme.color("accent"), width)
    for pen in (halo, ring):
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return halo, ring


def paint_pin(painter: QPainter, shape: str, half: float, theme: Theme) -> None:
    """A pushpin stuck into the outline at the top right: a short needle and a round head,
    ringed in the canvas colour so it stands out on any building block's colour."""
    head, tip, radius = pin_geometry(shape, half)
    needle, ring = pin_pens(theme)
    painter.setPen(needle)
    painter.drawLine(QLineF(head, tip))
    painter.setPen(ring)
    painter.setBrush(theme.color("text"))
    painter.drawEllipse(head, radius, radius)


@cache
def pin_geometry(shape: str, half: float) -> tuple[QPointF, QPointF, float]:
    """The pin's head centre, its needle's tip (inside the shape) and the head's radius."""
    on_outline = border_distance(shape, 1.0, -1.0) * half * math.sqrt(0.5)
    radius = PIN_RADIUS * half
    head = QPointF(on_outline + radius * 0.3, -on_outline - radius * 0.3)
    tip = QPointF(on_outline - radius * 1.2, -on_outline + radius * 1.2)
    return head, tip, radius


@cache
def pin_pens(theme: Theme) -> tuple[QPen, QPen]:
    """The needle's pen and the head's ring."""
    needle = QPen(theme.color("text"), max(1.6, theme.outline_width))
    needle.setCapStyle(Qt.PenCapStyle.RoundCap)
    return needle, QPen(theme.color("canvas"), max(1.5, theme.outline_width * 0.8))
