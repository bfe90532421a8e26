"""Node labels: wrapped to two lines at most, elided, laid out once and drawn from a cache.

Laying out text is the costly part of drawing a label, so each label is laid out the first time
it is big enough to read and kept as ``QStaticText`` lines; a large map never lays out the
labels of nodes nobody has zoomed in on.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QStaticText, QTextLayout, QTextOption

from ui.theme import Theme

MAX_LINES = 2
PLATE_PAD_X, PLATE_PAD_Y = 5.0, 2.0


@dataclass
class LabelLayout:
    """A label ready to draw: its lines and the box they fill, centred on x = 0."""

    lines: list[QStaticText]
    widths: list[float]
    line_height: float
    box: QRectF  # the label plate, top edge at y = 0


def wrap_label(text: str, font: QFont, width: float, max_lines: int = MAX_LINES) -> list[str]:
    """The label as at most ``max_lines`` lines no wider than ``width``; the rest elided "…"."""
    metrics = _metrics(font)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while len(starts) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return _lines_with_elision(text, starts, metrics, width)


def _lines_with_elision(text: str, starts: list, metrics: QFontMetricsF, width: float) -> list:
    if not starts:
        return [text]
    lines = [text[start:start + length].strip() for start, length in starts]
    last_start = starts[-1][0]
    rest = text[last_start:].strip()
    if rest != lines[-1]:
        lines[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return [line for line in lines if line]


_METRICS: dict[tuple, QFontMetricsF] = {}


def _metrics(font: QFont) -> QFontMetricsF:
    """Metrics of ``font`` (kept: building them is not free)."""
    key = (font.family(), font.pixelSize(), font.bold())
    if key not in _METRICS:
        _METRICS[key] = QFontMetricsF(font)
    return _METRICS[key]


def theme_metrics(theme: Theme) -> QFontMetricsF:
    return _metrics(theme.label_font())


def layout_label(text: str, theme: Theme) -> LabelLayout:
    """Lay out ``text`` in the theme's label font and width."""
    metrics = theme_metrics(theme)
    texts = wrap_label(text, theme.label_font(), theme.label_width, theme.label_lines)
    widths = [metrics.horizontalAdvance(t) for t in texts]
    lines = [_static(t, theme) for t in texts]
    height = metrics.height()
    box_width = max(widths, default=0) + 2 * PLATE_PAD_X
    box = QRectF(-box_width / 2, 0, box_width, height * len(texts) + 2 * PLATE_PAD_Y)
    return LabelLayout(lines, widths, height, box)


def _static(text: str, theme: Theme) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.setPerformanceHint(QStaticText.PerformanceHint.ModerateCaching)
    static.prepare(font=theme.label_font())
    return static


def label_extent(theme: Theme) -> QRectF:
    """The largest box any label can take (for cheap bounding rectangles)."""
    metrics = theme_metrics(theme)
    width = theme.label_width + 2 * PLATE_PAD_X
    height = metrics.height() * max(1, theme.label_lines) + 2 * PLATE_PAD_Y
    return QRectF(-width / 2, 0, width, height)


def draw_label(painter: QPainter, label: LabelLayout, top: float, theme: Theme) -> None:
    """Draw ``label`` on its plate with its top edge at ``top`` (centred on x = 0)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.color("plate"))
    painter.drawRoundedRect(label.box.translated(0, top), 4, 4)
    painter.setFont(theme.label_font())
    painter.setPen(theme.color("text"))
    y = top + PLATE_PAD_Y
    for static, width in zip(label.lines, label.widths, strict=True):
        painter.drawStaticText(QPointF(-width / 2, y), static)
        y += label.line_height
