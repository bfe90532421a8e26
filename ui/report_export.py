"""The health report as a PDF (or one web page): ``app.report`` writes the content, this draws it.

The PDF is laid out here with ``QTextDocument`` on a ``QPdfWriter``, so its text stays text and
long tables flow over pages; the map page between the title page and the rest is drawn by the one
renderer (``ui.render``) as vector, and each finding gets a picture of its part of the map.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument

from app.analysis import analyze
from app.domain import MapData
from app.interchange.json_format import write_atomically
from app.report import Pictures, Report, build_report, focus_nodes, html_page
from app.report.content import STYLE
from ui.exporters import ensure_application, new_pdf_writer, page_layout, painting, png_bytes
from ui.render import PAGE_DPI, ExportOptions, Page, build_scene, draw_page, prepared_map
from ui.report_pictures import finding_pictures
from ui.theme import font, theme_named

DPI = 300
MARGIN = 60.0  # page pixels (1/96 inch) around the text: about 16 mm
A4_PORTRAIT = (793.7, 1122.5)  # page pixels


def export_report_pdf(data: MapData, out: Path, theme: str = "light") -> None:
    """The health report of ``data`` as a multi-page A4 PDF."""
    write_atomically(Path(out), report_pdf_bytes(data, theme))


def export_report_html(data: MapData, out: Path, theme: str = "light") -> None:
    """The health report as one self-contained web page (images embedded)."""
    report, _scene, _data = make_report(data, theme)
    write_atomically(Path(out), html_page(report).encode("utf-8"))


def make_report(data: MapData, theme: str = "light", map_picture: bool = True):
    """The report's content with its pictures, the scene they were drawn from, and the map.

    The PDF draws the map itself, as vector, so it needs no ``map_picture``."""
    ensure_application()
    prepared = prepared_map(data)
    scene = build_scene(prepared, theme_named(theme))
    analysis = analyze(prepared)
    map_png = b""
    if map_picture:
        map_png = png_bytes(prepared, ExportOptions(size="A4", dpi=150, theme=theme,
                                                    title=False))
    pictures = Pictures(map_png, finding_pictures(scene, prepared, analysis.findings,
                                                  focus_nodes))
    return build_report(prepared, analysis, pictures), scene, prepared


def report_pdf_bytes(data: MapData, theme: str = "light") -> bytes:
    report, scene, prepared = make_report(data, theme, map_picture=False)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, report.title, DPI)
    writer.setPageLayout(page_layout("A4", landscape=False))
    pages = PageCounter(report.title)
    with painting(writer) as painter:
        _print_document(painter, writer, text_document(report.front, report), pages)
        _map_page(painter, writer, scene, prepared.name, pages)
        writer.setPageLayout(page_layout("A4", landscape=False))
        writer.newPage()
        _print_document(painter, writer, text_document(report.body, report), pages)
    buffer.close()
    return bytes(array)


class PageCounter:
    """Numbers the pages and writes the footer on each."""

    def __init__(self, title: str):
        self.title, self.number = title, 0

    def footer(self, painter: QPainter, page: Page) -> None:
        self.number += 1
        painter.setFont(font(10))
        painter.setPen(Qt.GlobalColor.darkGray)
        box = QRectF(MARGIN, page.height - MARGIN * 0.75, page.width - 2 * MARGIN, 20)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft, self.title)
        painter.drawText(box, Qt.AlignmentFlag.AlignRight, f"page {self.number}")


def text_document(html: str, report: Report) -> QTextDocument:
    """``html`` laid out on A4 pages (in page pixels), its images resolved from the report."""
    document = QTextDocument()
    document.setDefaultFont(font(13))
    document.setDefaultStyleSheet(STYLE)
    document.setDocumentMargin(0)
    for name, png in report.images.items():
        if f"src='{name}'" in html:  # decoding a picture nobody shows costs time
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                 QImage.fromData(png))
    document.setHtml(html)
    width, height = A4_PORTRAIT
    document.setPageSize(QSizeF(width - 2 * MARGIN, height - 2.2 * MARGIN))
    return document


def _print_document(painter: QPainter, writer, document: QTextDocument,
                    pages: PageCounter) -> None:
    page_height = document.pageSize().height()
    scale = writer.resolution() / PAGE_DPI
    page = Page(writer.width() / scale, writer.height() / scale, scale)
    for index in range(document.pageCount()):
        if index:
            writer.newPage()
        painter.save()
        painter.scale(scale, scale)
        painter.translate(MARGIN, MARGIN - index * page_height)
        document.drawContents(painter, QRectF(0, index * page_height,
                                              document.pageSize().width(), page_height))
        painter.restore()
        painter.save()
        painter.scale(scale, scale)
        pages.footer(painter, page)
        painter.restore()


def _map_page(painter: QPainter, writer, scene, name: str, pages: PageCounter) -> None:
    """The whole map on its own page, landscape or portrait as its shape needs."""
    rect = scene.map_rect()
    writer.setPageLayout(page_layout("A4", landscape=rect.width() >= rect.height()))
    writer.newPage()
    scale = writer.resolution() / PAGE_DPI
    page = Page(writer.width() / scale, writer.height() / scale, scale)
    painter.fillRect(0, 0, writer.width(), writer.height(), scene.theme.color("canvas"))
    above_footer = Page(page.width, page.height - MARGIN * 0.6, scale)
    draw_page(painter, scene, above_footer,
              ExportOptions(theme=scene.theme.key, transparent=True), name)
    painter.save()
    painter.scale(scale, scale)
    pages.footer(painter, page)
    painter.restore()
