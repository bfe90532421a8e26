"""What is drawn over the map rather than in it: the legend and the empty map's start card.

Both draw on any ``QPainter`` in device pixels, so the window and the exported pictures share
them. Sizes follow the theme's label size, so the projector legend is as legible as its labels.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from app.domain import Category
from ui.canvas.shapes import shape_path
from ui.theme import Theme, font

BLOCK_MEANINGS = {
    "people": "who learns and who helps: learner groups, managers, mentors",
    "content": "what people learn from: courses, videos, articles, job aids, podcasts",
    "process": "how learning happens: coaching, on-the-job, microlearning, classes",
    "technology": "the tools that carry it: LMS, LXP, authoring and collaboration tools",
    "data": "what shows it works: completions, skills data, feedback, KPIs",
    "governance": "what steers it: strategy, policies, budget, steering group",
}
START_TITLE = "Add your first learner group (N)"
START_SUBTITLE = "A learning ecosystem is built from these blocks:"


def _px(theme: Theme, size: float) -> int:
    """A legend size scaled like the theme's labels (15 px labels are the reference), but
    never more than a third larger: a projector legend must not hide the map at 1024×768."""
    return max(1, round(size * min(theme.label_px / 15, 1.35)))


def legend_size(theme: Theme, categories: list[Category], counts) -> QRectF:
    rows = len(categories) + 2
    body = font(_px(theme, 14), theme.label_bold)
    metrics = QFontMetricsF(body)
    names = [f"{c.name}  {counts.get(c.key, 0)}" for c in categories] + ["informal learning"]
    width = max((metrics.horizontalAdvance(n) for n in names), default=80)
    row = _px(theme, 24)
    return QRectF(0, 0, width + _px(theme, 70), row * rows + _px(theme, 16))


def draw_legend(painter: QPainter, theme: Theme, categories: list[Category], counts,
                corner: QPointF) -> QRectF:
    """The legend with its bottom-left corner at ``corner``: every block, its count, and keys."""
    box = legend_size(theme, categories, counts)
    box.moveBottomLeft(corner)
    _panel(painter, theme, box)
    row, x = _px(theme, 24), box.left() + _px(theme, 12)
    y = box.top() + _px(theme, 8)
    painter.setFont(font(_px(theme, 13), True))
    painter.setPen(theme.color("muted_text"))
    painter.drawText(QRectF(x, y, box.width(), row), Qt.AlignmentFlag.AlignVCenter,
                     "Building blocks")
    for category in categories:
        y += row
        _legend_row(painter, theme, category, counts.get(category.key, 0), x, y, box)
    _informal_row(painter, theme, x, y + row)
    return box


def _legend_row(painter, theme, category: Category, count: int, x, y, box) -> None:
    half = _px(theme, 8)
    _swatch(painter, theme, category, QPointF(x + half + 2, y + _px(theme, 12)), half, False)
    text_rect = QRectF(x + _px(theme, 28), y, box.right() - x - _px(theme, 40), _px(theme, 24))
    painter.setFont(font(_px(theme, 14), theme.label_bold))
    painter.setPen(theme.color("text"))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, category.name)
    painter.setPen(theme.color("muted_text"))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                     str(count))


def _informal_row(painter, theme, x, y) -> None:
    grey = Category("informal", "informal", "#FFFFFF" if not theme.dark else "#3A414B", "circle")
    half = _px(theme, 8)
    _swatch(painter, theme, grey, QPointF(x + half + 2, y + _px(theme, 12)), half, True)
    painter.setFont(font(_px(theme, 14), theme.label_bold))
    painter.setPen(theme.color("text"))
    painter.drawText(QRectF(x + _px(theme, 28), y, 400, _px(theme, 24)),
                     Qt.AlignmentFlag.AlignVCenter, "informal learning")


def _swatch(painter, theme, category: Category, centre: QPointF, half: float,
            informal: bool) -> None:
    painter.save()
    painter.translate(centre)
    pen = QPen(theme.color("outline"), max(1.2, theme.outline_width * 0.7))
    if informal:
        pen.setColor(theme.color("text"))
        pen.setDashPattern([2, 1.5])
    painter.setPen(pen)
    painter.setBrush(QColor(category.color))
    painter.drawPath(shape_path(category.shape, half))
    painter.restore()


def _panel(painter: QPainter, theme: Theme, box: QRectF) -> None:
    painter.setPen(QPen(theme.color("panel_border"), 1.0 if theme.key != "projector" else 2))
    painter.setBrush(theme.color("panel"))
    painter.drawRoundedRect(box, 8, 8)


def draw_start_card(painter: QPainter, theme: Theme, categories: list[Category],
                    viewport: QRectF) -> QRectF:
    """The friendly start of an empty map: what to do first and what each block means."""
    title_font = font(_px(theme, 24), True)
    body_font = font(_px(theme, 15), theme.label_bold)
    row, pad = _px(theme, 30), _px(theme, 28)
    width = min(viewport.width() - 40, _px(theme, 640))
    height = pad * 2 + _px(theme, 40) + row * (len(categories) + 1)
    box = QRectF(0, 0, width, height)
    box.moveCenter(viewport.center())
    _panel(painter, theme, box)
    x, y = box.left() + pad, box.top() + pad
    painter.setFont(title_font)
    painter.setPen(theme.color("text"))
    painter.drawText(QRectF(x, y, width - 2 * pad, _px(theme, 34)),
                     Qt.AlignmentFlag.AlignVCenter, START_TITLE)
    y += _px(theme, 40)
    painter.setFont(body_font)
    painter.setPen(theme.color("muted_text"))
    painter.drawText(QRectF(x, y, width - 2 * pad, row), Qt.AlignmentFlag.AlignVCenter,
                     START_SUBTITLE)
    for category in categories:
        y += row
        _start_row(painter, theme, category, x, y, width - 2 * pad, row)
    return box


def _start_row(painter, theme, category: Category, x, y, width, row) -> None:
    half = _px(theme, 9)
    _swatch(painter, theme, category, QPointF(x + half + 2, y + row / 2), half, False)
    text_x = x + _px(theme, 32)
    meaning = BLOCK_MEANINGS.get(category.key, "a building block of this map")
    painter.setFont(font(_px(theme, 15), True))
    painter.setPen(theme.color("text"))
    name_width = QFontMetricsF(painter.font()).horizontalAdvance(category.name + "  ")
    painter.drawText(QRectF(text_x, y, width, row), Qt.AlignmentFlag.AlignVCenter, category.name)
    painter.setFont(font(_px(theme, 15), theme.label_bold))
    painter.setPen(theme.color("muted_text"))
    rest = QRectF(text_x + name_width, y, width - name_width - _px(theme, 32), row)
    elided = QFontMetricsF(painter.font()).elidedText(
        meaning, Qt.TextElideMode.ElideRight, rest.width())
    painter.drawText(rest, Qt.AlignmentFlag.AlignVCenter, elided)
