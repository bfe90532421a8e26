"""How a finding's severity looks: a shape and a word, so it reads in grayscale and on a projector."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from ui.theme import contrast_ratio

# Okabe–Ito colours; the shape alone already tells the three apart.
SEVERITY_LOOK = {
    "high": ("High", "#D55E00", "triangle"),
    "medium": ("Medium", "#E69F00", "diamond"),
    "low": ("Low", "#0072B2", "circle"),
}

# The checks in an L&D lead's words (the ids are what ``ecomap analyze --json`` prints).
CHECK_NAMES = {
    "cane_toad": "Cane toad",
    "isolated": "Not connected",
    "island": "Cut-off group",
    "unreached": "Out of reach",
    "overdominant": "Everything hangs on one piece",
    "single_point_of_failure": "Single point of failure",
    "key_person": "Key person",
    "missing_block": "Empty building block",
    "informal_gap": "Informal learning",
    "growth": "Since the last review",
}


def severity_word(severity: str) -> str:
    return SEVERITY_LOOK.get(severity, (severity.title(), "", ""))[0]


def check_name(check: str) -> str:
    return CHECK_NAMES.get(check, check.replace("_", " ").capitalize())


def _marker_path(shape: str, size: float) -> QPainterPath:
    path, r, c = QPainterPath(), size * 0.42, QPointF(size / 2, size / 2)
    if shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y() + r * 0.8),
                                   QPointF(c.x() - r, c.y() + r * 0.8)]))
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                                   QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())]))
    else:
        path.addEllipse(c, r * 0.8, r * 0.8)
    path.closeSubpath()
    return path


def _mark_color(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill`` (white on the blue, black on orange)."""
    return max((QColor("#000000"), QColor("#FFFFFF")), key=lambda c: contrast_ratio(c, fill))


@cache
def severity_icon(severity: str, size: int = 22) -> QIcon:
    """A filled shape with a mark inside: ! (high), ! (medium), i (low)."""
    _word, color, shape = SEVERITY_LOOK.get(severity, ("", "#777777", "circle"))
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#1C2026"), 1.4))
    painter.setBrush(QColor(color))
    painter.drawPath(_marker_path(shape, size))
    mark = QFont()
    mark.setPixelSize(round(size * 0.5))
    mark.setBold(True)
    painter.setFont(mark)
    painter.setPen(_mark_color(QColor(color)))
    lower = size * 0.14 if shape == "triangle" else 0.0  # a triangle's middle sits low
    painter.drawText(QRectF(0, lower, size, size), Qt.AlignmentFlag.AlignCenter,
                     "i" if severity == "low" else "!")
    painter.end()
    return QIcon(pixmap)
