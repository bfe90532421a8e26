"""Slides drawn on any ``QPainter``: the ``ecomap slides`` deck's 16:9 pages and the captions,
score and balance the window shows while walking a room through the findings.

Sizes are in page pixels of a 1280 × 720 slide, times ``unit`` (1 on the PDF page; the screen's
height over 720 in the window), so the window and the deck look alike at any resolution. Text is
drawn as text (selectable in the PDF); the map is drawn by the report's picture code
(``ui.report_pictures``), the balance chart is the report's own chart as an SVG.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

from app.report.blocks import SEVERITY_COLOURS, MapPicture
from app.slides import BALANCE, FINDING, MAP, SCORE, TITLE, Slide
from ui.report_pictures import draw_picture
from ui.theme import Theme, font

SLIDE_W, SLIDE_H = 1280.0, 720.0
MARGIN = 48.0
WRAP = Qt.TextFlag.TextWordWrap
WHOLE_MAP = MapPicture(height=1)  # a finding about no piece in particular: the map as it is
LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


# --- text --------------------------------------------------------------------------------------


def text_block(painter: QPainter, rect: QRectF, text: str, px: float, colour: QColor,
               bold: bool = False, lines: int = 0, draw: bool = True) -> float:
    """``text`` wrapped inside ``rect`` from its top (at most ``lines`` lines, the last cut short
    with "…"); the height it takes."""
    face = font(max(1, round(px)), bold)
    metrics = QFontMetricsF(face)
    if lines:
        text = _at_most(text, metrics, rect.width(), lines)
    used = metrics.boundingRect(QRectF(0, 0, rect.width(), 1e6), int(WRAP | LEFT_TOP), text)
    if draw:
        painter.setFont(face)
        painter.setPen(colour)
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), used.height() + 2),
                         int(WRAP | LEFT_TOP), text)
    return used.height()


def _at_most(text: str, metrics: QFontMetricsF, width: float, lines: int) -> str:
    """``text`` shortened at a word, with "…", until it wraps to at most ``lines`` lines."""
    def height(t: str) -> float:
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), int(WRAP | LEFT_TOP), t).height()
    most = metrics.lineSpacing() * lines + 1
    if height(text) <= most:
        return text
    words = text.split()
    while len(words) > 1 and height(" ".join(words) + " …") > most:
        words.pop()
    return " ".join(words) + " …"


def severity_chip(painter: QPainter, x: float, y: float, severity: str, unit: float) -> float:
    """The finding's severity as a coloured chip ("HIGH"); the width it takes."""
    back, ink = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["low"])
    face = font(round(16 * unit), True)
    words = severity.upper()
    width = QFontMetricsF(face).horizontalAdvance(words) + 16 * unit
    box = QRectF(x, y, width, 26 * unit)
    painter.setPen(QPen(QColor("#1C2026"), max(1.0, unit)))
    painter.setBrush(QColor(back))
    painter.drawRoundedRect(box, 5 * unit, 5 * unit)
    painter.setFont(face)
    painter.setPen(QColor(ink))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, words)
    return width


# --- the caption of a finding, on a slide and over the canvas -------------------------------------


def caption_height(theme: Theme, slide: Slide, width: float, unit: float) -> float:
    return draw_caption(None, theme, QRectF(0, 0, width, 1e6), slide, unit)


def draw_caption(painter: QPainter | None, theme: Theme, rect: QRectF, slide: Slide,
                 unit: float) -> float:
    """The finding's tag and severity, its title in large type and what could be done; the
    height it takes (``painter`` None: only measured)."""
    draw = painter is not None
    pad = 20 * unit
    inner = rect.adjusted(pad, pad, -pad, -pad)
    y = inner.top()
    tag_left = inner.left()
    if draw and slide.severity:
        tag_left += severity_chip(painter, inner.left(), y, slide.severity, unit) + 12 * unit
    y += max(26 * unit, text_block(painter, QRectF(tag_left, y + 2 * unit, inner.right() - tag_left,
                                                   30 * unit), slide.tag, 17 * unit,
                                   theme.color("muted_text"), draw=draw)) + 10 * unit
    y += text_block(painter, QRectF(inner.left(), y, inner.width(), 0), slide.heading,
                    34 * unit, theme.color("text"), True, 2, draw) + 10 * unit
    for index, line in enumerate(slide.lines):
        big = index == 0
        y += text_block(painter, QRectF(inner.left(), y, inner.width(), 0), line,
                        (25 if big else 17) * unit,
                        theme.color("text" if big else "muted_text"), False, 3 if big else 1,
                        draw) + 8 * unit
    return y - rect.top() + pad - 8 * unit


def draw_card(painter: QPainter, theme: Theme, rect: QRectF, unit: float) -> None:
    """The panel a caption, the score or the timer sits on, in the theme's legend colours,
    hiding what is under it (the legend's own colour lets the map show through)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.color("canvas"))
    painter.drawRoundedRect(rect, 10 * unit, 10 * unit)
    painter.setPen(QPen(theme.color("panel_border"), max(1.0, (2 if theme.key == "projector"
                                                               else 1) * unit)))
    painter.setBrush(theme.color("panel"))
    painter.drawRoundedRect(rect, 10 * unit, 10 * unit)


# --- the score and the balance ----------------------------------------------------------------------


def draw_score(painter: QPainter, theme: Theme, rect: QRectF, slide: Slide, unit: float) -> None:
    """The health score large, its verdict, and what took points off."""
    y = rect.top()
    y += text_block(painter, QRectF(rect.left(), y, rect.width(), 0), slide.tag, 22 * unit,
                    theme.color("muted_text")) + 4 * unit
    if slide.figure:
        face = font(round(150 * unit), True)
        painter.setFont(face)
        painter.setPen(theme.color("text"))
        height = QFontMetricsF(face).height()
        figure_w = QFontMetricsF(face).horizontalAdvance(slide.figure)
        painter.drawText(QRectF(rect.left(), y, figure_w + 4, height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                         slide.figure)
        text_block(painter, QRectF(rect.left() + figure_w + 10 * unit,
                                   y + height - 62 * unit, 200 * unit, 0), "/ 100", 40 * unit,
                   theme.color("muted_text"))
        y += height
    y += text_block(painter, QRectF(rect.left(), y, rect.width(), 0), slide.heading, 36 * unit,
                    theme.color("text"), True, 2) + 14 * unit
    for index, line in enumerate(slide.lines):
        if y > rect.bottom() - 30 * unit:
            break
        y += text_block(painter, QRectF(rect.left(), y, rect.width(), 0), line,
                        (24 if index == 0 else 21) * unit,
                        theme.color("text" if index == 0 else "muted_text"), index == 0,
                        2) + 8 * unit


@cache
def chart_renderer(svg: bytes) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg))


def draw_chart(painter: QPainter, theme: Theme, rect: QRectF, svg: bytes, unit: float) -> None:
    """The report's balance chart, as large as fits ``rect``, on a white card (its colours are
    made for paper)."""
    renderer = chart_renderer(svg)
    size = renderer.defaultSize()
    scale = min(rect.width() / size.width(), rect.height() / size.height())
    box = QRectF(0, 0, size.width() * scale, size.height() * scale)
    box.moveCenter(rect.center())
    box.moveTop(rect.top() + 14 * unit)  # under its heading, not adrift in the middle
    card = box.adjusted(-14 * unit, -14 * unit, 14 * unit, 14 * unit)
    painter.setPen(QPen(theme.color("panel_border"), max(1.0, unit)))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawRoundedRect(card, 10 * unit, 10 * unit)
    renderer.render(painter, box)


def draw_balance(painter: QPainter, theme: Theme, rect: QRectF, slide: Slide, svg: bytes,
                 unit: float) -> None:
    y = rect.top()
    y += text_block(painter, QRectF(rect.left(), y, rect.width(), 0), slide.heading, 36 * unit,
                    theme.color("text"), True, 2) + 8 * unit
    for line in slide.lines:
        y += text_block(painter, QRectF(rect.left(), y, rect.width(), 0), line, 22 * unit,
                        theme.color("muted_text"), False, 2) + 4 * unit
    draw_chart(painter, theme, QRectF(rect.left(), y + 24 * unit, rect.width(),
                                      rect.bottom() - y - 36 * unit), svg, unit)


def draw_closing(painter: QPainter, theme: Theme, rect: QRectF, score: Slide, balance: Slide,
                 svg: bytes, unit: float) -> None:
    """The walk's last slide in the window: the score beside the balance chart."""
    left = QRectF(rect.left(), rect.top(), rect.width() * 0.36, rect.height())
    right = QRectF(left.right() + 30 * unit, rect.top(), rect.right() - left.right() - 30 * unit,
                   rect.height())
    draw_score(painter, theme, left, score, unit)
    draw_balance(painter, theme, right, balance, svg, unit)


# --- a whole slide of the deck ----------------------------------------------------------------------


def draw_slide(painter: QPainter, scene, slide: Slide, svg: bytes) -> None:
    """``slide`` on a ``SLIDE_W`` × ``SLIDE_H`` page (page pixels), in ``scene``'s theme; the
    map pictures come from ``scene`` (a ``PaperMap``)."""
    theme = scene.theme
    painter.fillRect(QRectF(0, 0, SLIDE_W, SLIDE_H), theme.color("canvas"))
    inner = QRectF(MARGIN, MARGIN, SLIDE_W - 2 * MARGIN, SLIDE_H - 2 * MARGIN)
    if slide.kind == TITLE:
        _title(painter, theme, inner, slide)
    elif slide.kind == MAP:
        used = text_block(painter, inner, slide.heading, 36, theme.color("text"), True, 1)
        used += text_block(painter, inner.adjusted(0, used + 4, 0, 0), slide.lines[0], 18,
                           theme.color("muted_text"), False, 1) + 16
        draw_picture(painter, scene, slide.picture, inner.adjusted(0, used, 0, 0))
    elif slide.kind == FINDING:
        _finding(painter, scene, inner, slide)
    elif slide.kind == BALANCE:
        draw_balance(painter, theme, inner, slide, svg, 1.0)
    elif slide.kind == SCORE:
        draw_score(painter, theme, inner, slide, 1.0)


def _title(painter: QPainter, theme: Theme, inner: QRectF, slide: Slide) -> None:
    painter.fillRect(QRectF(inner.left(), inner.top() + 150, 90, 10), theme.color("accent"))
    y = inner.top() + 190
    y += text_block(painter, QRectF(inner.left(), y, inner.width(), 0), slide.tag, 26,
                    theme.color("muted_text")) + 10
    y += text_block(painter, QRectF(inner.left(), y, inner.width(), 0), slide.heading, 60,
                    theme.color("text"), True, 2) + 24
    for line in slide.lines:
        y += text_block(painter, QRectF(inner.left(), y, inner.width(), 0), line, 24,
                        theme.color("muted_text"), False, 2) + 8


def _finding(painter: QPainter, scene, inner: QRectF, slide: Slide) -> None:
    """The caption above, the spotlit part of the map under it (the whole slide's width)."""
    theme = scene.theme
    card = QRectF(inner.left(), inner.top(), inner.width(), 0)
    height = min(caption_height(theme, slide, inner.width(), 1.0), inner.height() * 0.55)
    card.setHeight(height)
    draw_caption(painter, theme, card.adjusted(-20, -20, 20, 0), slide, 1.0)
    frame = inner.adjusted(0, height + 8, 0, 0)
    draw_picture(painter, scene, slide.picture or WHOLE_MAP, frame)
