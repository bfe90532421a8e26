"""The timeline drawn: the map at one step in a fixed frame (so pieces keep their places from
step to step), and the whole timeline as a PDF — a page per step, then the chart. Nothing here
touches a widget: the window draws its steps in a worker thread."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from app.history.timeline import NOW, State, union
from app.report.charts import INK
from ui.exporters import ensure_application, new_pdf_writer, page_layout, painting
from ui.render import PAGE_DPI, PaperMap, draw_legend_beside, draw_map
from ui.theme import Theme, font

PDF_DPI = 200


def frame_of(states: Sequence[State], theme: Theme) -> QRectF:
    """The part of the canvas every step is drawn from: room for every piece ever on the map,
    with its name."""
    everyone = PaperMap(union([s.data for s in states]), theme)
    try:
        return everyone.map_rect()
    finally:
        everyone.take_apart()


def heading(state: State, score: int | None = None, named: bool = True) -> str:
    """"Q3 review · 15 July 2026 · 50 pieces · 92 connections · health 92"."""
    data = state.data
    parts = [state.name if named else "", state.when if state.name != NOW else "",
             f"{len(data.nodes):,} pieces", f"{len(data.edges):,} connections"]
    if score is not None:
        parts.append(f"health {score}")
    return " · ".join(p for p in parts if p)


def draw_state(painter: QPainter, state: State, frame: QRectF, area: QRectF, theme: Theme,
               paper: str | None = None) -> None:
    """The map at ``state`` within ``area``, its legend beside it, drawn from ``frame``."""
    scene = PaperMap(state.data, theme)
    try:
        painter.fillRect(area, theme.color("canvas"))
        inner = area.adjusted(12, 12, -12, -12)
        left = draw_legend_beside(painter, scene, inner, beside=True) \
            if not scene.is_empty else inner
        draw_map(painter, scene, left, paper, source=frame)
    finally:
        scene.take_apart()


def state_image(state: State, frame: QRectF, theme: Theme, width: int,
                height: int) -> QImage:
    """The map at ``state`` as a picture ``width`` × ``height`` pixels (for the window)."""
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    image.fill(theme.color("canvas"))
    with painting(image) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw_state(painter, state, frame, QRectF(0, 0, width, height), theme)
    return image


def timeline_pdf(map_name: str, states: Sequence[State], scores: Sequence[int | None],
                 chart_png: bytes, theme: Theme) -> bytes:
    """A landscape A4 page per step (title, what it was, the map), then the chart."""
    ensure_application()
    frame = frame_of(states, theme)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, f"{map_name} — timeline", PDF_DPI)
    writer.setPageLayout(page_layout("A4", landscape=True))
    scale = PDF_DPI / PAGE_DPI
    width, height = writer.width() / scale, writer.height() / scale
    with painting(writer) as painter:
        for number, (state, score) in enumerate(zip(states, scores, strict=True)):
            if number:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(QRectF(0, 0, width, height), theme.color("canvas"))
            below = _title(painter, theme, QRectF(36, 28, width - 72, 80),
                           f"{map_name} — {state.name}", heading(state, score, named=False),
                           state.note)
            draw_state(painter, state, frame, QRectF(24, below + 8, width - 48,
                                                     height - below - 36), theme, "A4")
            painter.restore()
        writer.newPage()
        painter.save()
        painter.scale(scale, scale)
        painter.fillRect(QRectF(0, 0, width, height), QColor("#FFFFFF"))  # the chart's paper
        below = _title(painter, theme, QRectF(36, 28, width - 72, 80),
                       f"{map_name} — how it changed", "Share of the map by building block, "
                       "and the health score, at each step", "", on_paper=True)
        chart = QImage.fromData(chart_png)
        room = QRectF(36, below + 12, width - 72, height - below - 48)
        shown = chart.size().scaled(int(room.width()), int(room.height()),
                                    Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRectF(room.left(), room.top(), shown.width(), shown.height()),
                          chart)
        painter.restore()
    buffer.close()
    return bytes(array)


def _title(painter: QPainter, theme: Theme, area: QRectF, title: str, line: str, note: str,
           on_paper: bool = False) -> float:
    """The page's title, a line of what it shows and the note (in the theme's colours, or in
    ink on a white page); returns where they end."""
    ink = QColor(INK) if on_paper else theme.color("text")
    muted = QColor(INK) if on_paper else theme.color("muted_text")
    y = area.top()
    for text, size, bold, colour in ((title, 22, True, ink), (line, 13, False, muted),
                                     (note, 13, False, muted)):
        if not text:
            continue
        metrics = QFontMetricsF(font(size, bold))
        painter.setFont(font(size, bold))
        painter.setPen(colour)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(QRectF(area.left(), y, area.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        y += metrics.height() * 1.15
    return y
