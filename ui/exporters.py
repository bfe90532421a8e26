"""Map exporters the command line finds through the ``ecomap.exporters`` entry points.

Each takes a ``MapData``, the output path and the export options as keywords, draws with the one
renderer (``ui.render``) and writes the file whole or not at all. Without a display, Qt runs
offscreen. The drawing (``png_bytes``, ``svg_bytes``, ``pdf_bytes``) may run in a worker thread.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, Qt
from PySide6.QtGui import QImage, QImageWriter, QPageLayout, QPageSize, QPainter, QPdfWriter

from app import collector
from app.domain import MapData
from app.safe_files import write_bytes
from ui.render import (
    PAGE_DPI,
    PAPER_MM,
    ExportOptions,
    Page,
    build_scene,
    check_options,
    check_renderable,
    draw_page,
    is_landscape,
    pixel_size,
    prepared_map,
)
from ui.theme import theme_named

DEFAULT_PIXELS = "1920x1080"
PNG_QUALITY = 80  # Qt's PNG "quality" is compression: 80 is 3× quicker, files 5% larger
_fonts_loaded = False


def ensure_application():
    """The running ``QApplication``, or a new offscreen one for the command line. From a worker
    thread it only returns the window's (whose start loaded the fonts)."""
    global _fonts_loaded
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None and app.thread() != QThread.currentThread():
        return app  # fonts and the application font are the GUI thread's to change
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and \
                sys.platform not in ("win32", "darwin"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else "ecomap"])
    if not _fonts_loaded:
        from ui.theme import load_fonts

        load_fonts()
        _fonts_loaded = True
    return app


def export_png(data: MapData, out: Path, **options) -> None:
    """The map as a PNG: at ``size`` pixels, or a paper size at ``dpi``."""
    write_bytes(Path(out), png_bytes(data, ExportOptions(**options)))


def export_svg(data: MapData, out: Path, **options) -> None:
    """The map as an SVG with its text kept as text."""
    write_bytes(Path(out), svg_bytes(data, ExportOptions(**options)))


def export_pdf(data: MapData, out: Path, **options) -> None:
    """The map as a one-page vector PDF (A4 unless asked otherwise), text selectable."""
    write_bytes(Path(out), pdf_bytes(data, ExportOptions(**options)))


def _scene_for(data: MapData, options: ExportOptions):
    ensure_application()
    check_options(options)
    prepared = prepared_map(data, options.selection)
    return build_scene(prepared, theme_named(options.theme), paper=True), prepared


@collector.held()  # 100,000s of short-lived Qt objects: see app.collector
def png_bytes(data: MapData, options: ExportOptions) -> bytes:
    check_renderable(*png_geometry(check_options(options), True)[:2], "the picture")
    scene, prepared = _scene_for(data, options)  # only now: building a big scene takes time
    width, height, scale = png_geometry(options, is_landscape(scene))
    # An opaque picture encodes twice as fast as one with an alpha channel.
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied
                   if options.transparent else QImage.Format.Format_RGB32)
    cleared(image)
    dots_per_metre = round(options.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    try:
        with painting(image) as painter:
            draw_page(painter, scene, Page(width / scale, height / scale, scale, options.paper),
                      options, prepared.name)
    finally:
        scene.take_apart()
    return png_encoded(image)


def cleared(image: QImage, band_rows: int = 256) -> None:
    """``image`` made transparent (black, if opaque) a band at a time: one ``fill`` of a 300
    dpi A3 picture takes long enough to stall the window waiting for Python's lock."""
    with painting(image) as painter:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        for top in range(0, image.height(), band_rows):
            painter.fillRect(0, top, image.width(), band_rows, Qt.GlobalColor.transparent)


def png_geometry(options: ExportOptions, landscape: bool) -> tuple[int, int, float]:
    """A PNG's device pixels (width, height) and device pixels per page pixel."""
    if options.paper is None:
        width, height = pixel_size(options.size or DEFAULT_PIXELS)
        return width, height, 1.0
    long_mm, short_mm = PAPER_MM[options.paper]
    long_px, short_px = (round(mm / 25.4 * options.dpi) for mm in (long_mm, short_mm))
    width, height = (long_px, short_px) if landscape else (short_px, long_px)
    return width, height, options.dpi / PAGE_DPI


def png_encoded(image: QImage) -> bytes:
    """``image`` as the bytes of a PNG file. Through ``QImageWriter``, which lets go of Python's
    lock while it encodes (``QImage.save`` holds it: half a second at 300 dpi on A3, during
    which a window waiting for the lock would freeze)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    writer.setQuality(PNG_QUALITY)
    if not writer.write(image):
        raise OSError(f"the picture could not be encoded as PNG: {writer.errorString()}")
    return bytes(buffer.data())


@collector.held()  # 100,000s of short-lived Qt objects: see app.collector
def svg_bytes(data: MapData, options: ExportOptions) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    scene, prepared = _scene_for(data, options)
    width, height = _svg_size(options, is_landscape(scene))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(int(PAGE_DPI))
    generator.setTitle(prepared.name)
    generator.setDescription("A learning-ecosystem map drawn by Ecomap")
    try:
        with painting(generator) as painter:
            draw_page(painter, scene, Page(width, height, 1.0, options.paper), options,
                      prepared.name)
    finally:
        scene.take_apart()
    return bytes(buffer.data())


def _svg_size(options: ExportOptions, landscape: bool) -> tuple[int, int]:
    if options.paper is None:
        return pixel_size(options.size or DEFAULT_PIXELS)
    long_px, short_px = (round(mm / 25.4 * PAGE_DPI) for mm in PAPER_MM[options.paper])
    return (long_px, short_px) if landscape else (short_px, long_px)


@collector.held()  # 100,000s of short-lived Qt objects: see app.collector
def pdf_bytes(data: MapData, options: ExportOptions) -> bytes:
    scene, prepared = _scene_for(data, options)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, prepared.name, options.dpi)
    paper = options.paper or "A4"
    writer.setPageLayout(page_layout(paper, is_landscape(scene)))
    scale = options.dpi / PAGE_DPI
    page = Page(writer.width() / scale, writer.height() / scale, scale, paper)
    try:
        with painting(writer) as painter:
            draw_page(painter, scene, page, options, prepared.name)
    finally:
        scene.take_apart()
    buffer.close()
    return bytes(array)


@contextmanager
def painting(device):
    """A painter on ``device``, ended however the drawing ends (a painter left active on a
    device that goes away crashes Qt)."""
    painter = QPainter(device)
    try:
        yield painter
    finally:
        painter.end()


def new_pdf_writer(device, title: str, dpi: int) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(dpi)
    writer.setTitle(title)
    writer.setCreator("Ecomap")
    return writer


def page_layout(paper: str, landscape: bool, margin_mm: float = 0.0) -> QPageLayout:
    size = QPageSize(QPageSize.PageSizeId.A3 if paper.upper() == "A3" else
                     QPageSize.PageSizeId.A4)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    margins = QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm)
    return QPageLayout(size, orientation, margins, QPageLayout.Unit.Millimeter)
