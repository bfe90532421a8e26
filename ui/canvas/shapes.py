"""The eight node shapes (one per building block), as outlines around the node's centre.

Each shape is a polygon in units of the node's half-size, sized so that they all look equally
heavy. ``border_distance`` tells how far from the centre the outline is in a direction, so
connections end at the border rather than the centre; it is a table lookup because a large map
asks it 60,000 times while opening.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPolygonF

from app.domain import SHAPES

_STEPS = 720  # directions in the border table: half a degree apart


def _regular(corners: int, radius: float, start_deg: float, dy: float = 0.0) -> list[tuple]:
    step = 2 * math.pi / corners
    start = math.radians(start_deg)
    return [(radius * math.cos(start + i * step), radius * math.sin(start + i * step) + dy)
            for i in range(corners)]


def _star(points: int = 5, outer: float = 1.22, inner: float = 0.55) -> list[tuple]:
    corners = []
    for i in range(points * 2):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 180 / points)
        corners.append((radius * math.cos(angle), radius * math.sin(angle) + 0.08))
    return corners


# Shapes in half-size units; y grows downwards as on screen.
_POLYGONS: dict[str, list[tuple]] = {
    "square": [(-0.88, -0.88), (0.88, -0.88), (0.88, 0.88), (-0.88, 0.88)],
    "triangle": _regular(3, 1.25, -90, dy=0.18),
    "hexagon": _regular(6, 1.05, -90),
    "diamond": _regular(4, 1.2, -90),
    "octagon": _regular(8, 1.02, -22.5),
    "pentagon": _regular(5, 1.08, -90, dy=0.06),
    "star": _star(),
}


def known_shape(shape: str) -> str:
    return shape if shape in SHAPES else "circle"


@cache
def shape_path(shape: str, half: float) -> QPainterPath:
    """The outline of ``shape`` for a node of half-size ``half``, centred on (0, 0)."""
    shape = known_shape(shape)
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(QPointF(0, 0), half, half)
    elif shape == "square":
        side = 0.88 * half
        path.addRoundedRect(-side, -side, 2 * side, 2 * side, 0.18 * half, 0.18 * half)
    else:
        path.addPolygon(QPolygonF([QPointF(x * half, y * half) for x, y in _POLYGONS[shape]]))
        path.closeSubpath()
    return path


def shape_bottom(shape: str) -> float:
    """How far below the centre the shape reaches, in half-size units (labels go under it)."""
    shape = known_shape(shape)
    if shape == "circle":
        return 1.0
    return max(y for _, y in _POLYGONS[shape])


def shape_extent(shape: str) -> float:
    """The largest distance from the centre to the outline, in half-size units."""
    return max(_border_table(known_shape(shape)))


def border_distance(shape: str, dx: float, dy: float) -> float:
    """Distance from the centre to the outline in direction (dx, dy), in half-size units."""
    table = _border_table(known_shape(shape))
    index = math.floor(math.atan2(dy, dx) * _STEPS / (2 * math.pi)) % _STEPS
    return table[index]


@cache
def _border_table(shape: str) -> tuple[float, ...]:
    if shape == "circle":
        return (1.0,) * _STEPS
    corners = _POLYGONS[shape]
    sides = list(zip(corners, corners[1:] + corners[:1], strict=True))
    angles = (2 * math.pi * (i + 0.5) / _STEPS for i in range(_STEPS))
    return tuple(_ray_hit(math.cos(a), math.sin(a), sides) for a in angles)


def _ray_hit(dx: float, dy: float, sides: list) -> float:
    """Distance along the ray from the origin to the nearest side it crosses."""
    best = math.inf
    for (x1, y1), (x2, y2) in sides:
        ex, ey = x2 - x1, y2 - y1
        denom = dx * ey - dy * ex
        if abs(denom) < 1e-12:
            continue
        t = (x1 * ey - y1 * ex) / denom
        u = (x1 * dy - y1 * dx) / denom
        if t > 0 and -1e-9 <= u <= 1 + 1e-9:
            best = min(best, t)
    return best if best != math.inf else 1.0
