"""The report's pictures of the map: the whole map on page 1, and for each finding its pieces at
full strength among their faded neighbours, cropped to that neighbourhood.

Drawn by the one renderer as vector onto the PDF page, or into a PNG for the web page; names
stay readable on paper (``ui.paper_labels``), and a piece whose name does not fit shows its
number in the report's list of pieces. Everything here may run in a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPen

from app.report import MapPicture
from ui.exporters import painting, png_encoded
from ui.render import (
    draw_legend_beside,
    draw_map,
    legend_beside_is_roomier,
    visible_figures,
)

MAX_SCALE = 0.8  # page pixels per map unit: a lone node is not blown up to fill its picture
MIN_SPAN = 560.0  # map units: a picture frames at least this much of the map across
ASPECTS = (0.35, 0.9)  # height / width: neither a ribbon nor a tower
PADDING = 8.0  # page pixels between the frame and the map
CONTEXT_LIMIT = 2500  # past this many nodes around a finding, its picture shows only its part
DENSE = 3000  # past this many nodes in a picture, its shapes and lines are one 200 dpi image
IMAGE_DPI = 200
PAPER = "A4"  # names are sized for the report's paper


def picture_height(scene, picture: MapPicture, width: float, room: float) -> float:
    """How tall ``picture`` is drawn ``width`` page pixels wide, taking at most ``room``."""
    if picture.legend:
        return max(0.0, room)  # page 1: the map with its legend takes what the text leaves
    source = picture_source(scene, picture)
    height = min(width * source.height() / source.width(),
                 source.height() * MAX_SCALE + 2 * PADDING, room)
    return max(0.0, height)


def picture_source(scene, picture: MapPicture) -> QRectF:
    """The part of the map ``picture`` shows (map units), in a pleasant shape."""
    if picture.part is None or scene.is_empty:
        return scene.map_rect()
    figures = [scene.item_for_node[n] for n in picture.part if n in scene.item_for_node]
    if not figures:
        return scene.map_rect()
    theme = scene.theme
    side = theme.label_width / 2 + theme.node_size * 0.3  # room for a name under a node
    below = theme.node_size * 0.6 + theme.label_px * (theme.label_lines + 0.5)
    left, right = min(f.cx for f in figures) - side, max(f.cx for f in figures) + side
    top = min(f.cy for f in figures) - theme.node_size
    bottom = max(f.cy for f in figures) + below
    return _with_aspect(QRectF(left, top, right - left, bottom - top))


def _with_aspect(source: QRectF) -> QRectF:
    """``source`` grown about its centre to at least ``MIN_SPAN`` across and a pleasant shape."""
    width = max(source.width(), MIN_SPAN)
    height = min(max(source.height(), width * ASPECTS[0]), width * ASPECTS[1])
    if height < source.height():  # too tall: widen instead of cutting anything off
        height = source.height()
        width = max(width, height / ASPECTS[1])
    return _grown(source, width, height)


def _grown(source: QRectF, width: float, height: float) -> QRectF:
    grown = QRectF(0, 0, width, height)
    grown.moveCenter(source.center())
    return grown


def _filling(source: QRectF, area: QRectF) -> QRectF:
    """``source`` grown to ``area``'s shape, so the map fills the frame it is drawn in."""
    if area.width() / area.height() > source.width() / source.height():
        return _grown(source, source.height() * area.width() / area.height(), source.height())
    return _grown(source, source.width(), source.width() * area.height() / area.width())


def draw_picture(painter: QPainter, scene, picture: MapPicture, frame: QRectF,
                 numbers: Mapping[str, int] | None = None) -> None:
    """Draw ``picture`` into ``frame`` (page pixels) on any painter: the canvas's background, the
    legend if asked for, the map, a thin frame."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(frame, scene.theme.color("canvas"))
    painter.setClipRect(frame)
    area = frame.adjusted(PADDING, PADDING, -PADDING, -PADDING)
    source = picture_source(scene, picture)
    if picture.legend and not scene.is_empty:
        beside = legend_beside_is_roomier(scene, area, source)
        area = draw_legend_beside(painter, scene, area, beside=beside)
    shown = _filling(source, area)
    if area.width() / shown.width() > MAX_SCALE:  # show more around it rather than zoom in
        shown = _grown(shown, area.width() / MAX_SCALE, area.height() / MAX_SCALE)
    scene.emphasise(picture.emphasised)
    try:
        only = _only(scene, picture, shown)
        count = len(only) if only is not None else len(visible_figures(scene, shown)[0])
        draw_map(painter, scene, area, PAPER, shown, picture.first, numbers, only,
                 IMAGE_DPI if count > DENSE else 0)
    finally:
        scene.emphasise(None)
    painter.setClipping(False)
    painter.setPen(QPen(scene.theme.color("panel_border"), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    painter.restore()


def _only(scene, picture: MapPicture, source: QRectF):
    """On a large map a finding's neighbourhood may span most of it: then only its own part
    is drawn (drawing 40,000 faded figures for each finding would take seconds)."""
    if picture.part is None:
        return None
    around = visible_figures(scene, source)[0]
    return picture.part if len(around) > CONTEXT_LIMIT else None


def picture_png(scene, picture: MapPicture, width: float, height: float,
                numbers: Mapping[str, int] | None = None, sharpness: float = 2.0) -> bytes:
    """``picture`` as a PNG ``width`` × ``height`` page pixels, ``sharpness`` pixels to each."""
    image = QImage(round(width * sharpness), round(height * sharpness),
                   QImage.Format.Format_RGB32)  # opaque: quick to encode
    image.fill(scene.theme.color("canvas"))
    with painting(image) as painter:
        painter.scale(sharpness, sharpness)
        draw_picture(painter, scene, picture, QRectF(0, 0, width, height), numbers)
    return png_encoded(image)
