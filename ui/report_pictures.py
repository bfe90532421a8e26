"""Small pictures of the part of a map a finding concerns: those nodes at full strength, their
neighbourhood dimmed around them, cropped to that neighbourhood."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QIODevice, QRectF
from PySide6.QtGui import QImage, QPainter, QPen

from app.analysis.records import Finding
from app.domain import MapData
from ui.canvas.scene import MapScene
from ui.exporters import painting

MAX_PICTURES = 20  # past this a report is long enough; the findings still get their words
MIN_WIDTH_PX, MAX_WIDTH_PX = 900, 1800
MAX_ZOOM = 1.6  # device pixels per map unit: a lone node is not blown up to fill the picture
ASPECTS = (0.4, 0.9)
PNG_QUALITY = 80  # Qt's PNG "quality" is compression: 80 is light and quick  # height / width: neither a ribbon nor a tower


def finding_pictures(scene: MapScene, data: MapData, findings: Sequence[Finding],
                     neighbourhood: Callable) -> dict[int, bytes]:
    """PNG bytes by finding index, for findings that name nodes (the first ``MAX_PICTURES``)."""
    pictures: dict[int, bytes] = {}
    try:
        for index, finding in enumerate(findings):
            if len(pictures) >= MAX_PICTURES or not finding.nodes:
                continue
            area = neighbourhood(data, finding.node_ids)
            scene.emphasise(finding.node_ids)
            pictures[index] = picture(scene, area)
    finally:
        scene.emphasise(None)
    return pictures


def picture(scene: MapScene, node_ids) -> bytes:
    """The part of ``scene`` around ``node_ids`` as a PNG."""
    source = crop_rect(scene, node_ids)
    width = int(min(MAX_WIDTH_PX, max(MIN_WIDTH_PX, source.width() * MAX_ZOOM)))
    source = _with_aspect(source, width / MAX_ZOOM)
    height = round(width * source.height() / source.width())
    image = QImage(width, height, QImage.Format.Format_RGB32)  # opaque: quick to encode
    image.fill(scene.theme.color("canvas"))
    with painting(image) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scene.render_map(painter, QRectF(0, 0, width, height), source)  # indexed: only the part
        painter.setPen(QPen(scene.theme.color("panel_border"), 3))
        painter.drawRect(QRectF(1.5, 1.5, width - 3, height - 3))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", PNG_QUALITY)
    return bytes(buffer.data())


def crop_rect(scene: MapScene, node_ids) -> QRectF:
    """What the nodes and their labels cover, with a margin."""
    rect = QRectF()
    for node_id in node_ids:
        item = scene.item_for_node.get(node_id)
        if item is not None:
            rect = rect.united(item.sceneBoundingRect())
    pad = scene.theme.node_size * 0.6
    return rect.adjusted(-pad, -pad, pad, pad)


def _with_aspect(source: QRectF, min_width: float) -> QRectF:
    """``source`` grown (about its centre) to a pleasant shape and at least ``min_width``."""
    width = max(source.width(), min_width)
    height = min(max(source.height(), width * ASPECTS[0]), width * ASPECTS[1])
    if height < source.height():  # too tall: widen instead of cutting anything off
        height = source.height()
        width = max(width, height / ASPECTS[1])
    grown = QRectF(0, 0, width, height)
    grown.moveCenter(source.center())
    return grown
