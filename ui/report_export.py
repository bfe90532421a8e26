"""The health report as a PDF (or one web page): ``app.report`` writes the content, this draws it.

The PDF is laid out here with ``QTextDocument`` on a ``QPdfWriter``, so its text stays text and
long tables flow over pages; the map page between the title page and the rest is drawn by the one
renderer (``ui.render``) as vector, and each finding gets a picture of its part of the map.
It is written in ``Step``s, so the window can run the ones that need no Qt in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument

from app.analysis import Analysis, analyze
from app.domain import MapData
from app.report import Pictures, Report, build_report, focus_nodes, html_page
from app.report.content import STYLE
from app.safe_files import write_bytes
from ui.canvas.scene import MapScene
from ui.exporters import ensure_application, new_pdf_writer, page_layout, painting, png_bytes
from ui.render import PAGE_DPI, ExportOptions, Page, build_scene, draw_page, prepared_map
from ui.report_pictures import MAX_PICTURES, finding_pictures
from ui.theme import font, theme_named

DPI = 300
MARGIN = 60.0  # page pixels (1/96 inch) around the text: about 16 mm
A4_PORTRAIT = (793.7, 1122.5)  # page pixels


def export_report_pdf(data: MapData, out: Path, theme: str = "light") -> None:
    """The health report of ``data`` as a multi-page A4 PDF."""
    run_steps(report_steps(data, Path(out), theme, as_html=False))


def export_report_html(data: MapData, out: Path, theme: str = "light") -> None:
    """The health report as one self-contained web page (images embedded)."""
    run_steps(report_steps(data, Path(out), theme, as_html=True))


@dataclass(frozen=True)
class Step:
    """One stage of an export: what the user is told meanwhile, and the work. Work marked
    ``in_worker`` touches no Qt, so the window may run it in a worker thread. Work may return
    more steps, to be run next (one per picture, say: the window repaints between steps)."""

    says: str
    work: Callable[[], list[Step] | None]
    in_worker: bool = False


def run_steps(steps: Sequence[Step]) -> None:
    """Run ``steps`` one after another, here (the command line's way)."""
    pending = list(steps)
    while pending:
        pending[:0] = pending.pop(0).work() or []


class ReportDraft:
    """The health report of one map, written in stages: the checks and the text need no Qt
    (``app``), the pictures do."""

    def __init__(self, data: MapData, theme: str = "light", map_picture: bool = True):
        self.data, self.theme, self.map_picture = data, theme, map_picture
        self.analysis: Analysis | None = None
        self.scene: MapScene | None = None
        self.map_png, self.finding_pngs = b"", {}  # pictures, the findings' by index
        self.report: Report | None = None
        self.output = b""  # the finished file

    def check(self) -> None:
        """Every node placed, and the map checked."""
        self.data = prepared_map(self.data)
        self.analysis = analyze(self.data)

    def draw(self) -> list[Step]:
        """The map as the canvas shows it, then a step for each finding's picture (Qt)."""
        ensure_application()
        self.scene = build_scene(self.data, theme_named(self.theme))
        if self.map_picture:  # the PDF draws the map itself, as vector
            self.map_png = png_bytes(self.data, ExportOptions(size="A4", dpi=150,
                                                              theme=self.theme, title=False))
        pictured = [i for i, f in enumerate(self.analysis.findings) if f.nodes][:MAX_PICTURES]
        return [Step(f"Drawing the pictures of the findings ({n} of {len(pictured)})…",
                     partial(self.draw_finding, index))
                for n, index in enumerate(pictured, start=1)]

    def draw_finding(self, index: int) -> None:
        """The picture of the part of the map finding ``index`` concerns (Qt)."""
        finding = self.analysis.findings[index]
        for png in finding_pictures(self.scene, self.data, [finding], focus_nodes).values():
            self.finding_pngs[index] = png

    def compose(self) -> None:
        """The text, the tables and the balance chart."""
        pictures = Pictures(self.map_png, self.finding_pngs)
        self.report = build_report(self.data, self.analysis, pictures)

    def lay_out_pdf(self) -> None:
        """The report on pages (Qt)."""
        self.output = report_pdf(self.report, self.scene, self.data)

    def make_web_page(self) -> None:
        self.output = html_page(self.report).encode("utf-8")


def report_steps(data: MapData, out: Path, theme: str, as_html: bool) -> list[Step]:
    """The stages of writing the report of ``data`` to ``out``; files are written whole."""
    draft = ReportDraft(data, theme, map_picture=as_html)
    steps = [Step("Checking the map…", draft.check, in_worker=True),
             Step("Drawing the pictures of the map…", draft.draw),
             Step("Writing the charts and tables…", draft.compose, in_worker=True)]
    finish = (Step("Making the web page…", draft.make_web_page, in_worker=True) if as_html
              else Step("Laying out the pages…", draft.lay_out_pdf))
    return steps + [finish, Step("Saving the report…",
                                 lambda: write_bytes(out, draft.output))]


def make_report(data: MapData, theme: str = "light", map_picture: bool = True):
    """The report's content with its pictures, the scene they were drawn from, and the map.

    The PDF draws the map itself, as vector, so it needs no ``map_picture``."""
    draft = ReportDraft(data, theme, map_picture)
    run_steps([Step("", draft.check), Step("", draft.draw), Step("", draft.compose)])
    return draft.report, draft.scene, draft.data


def report_pdf_bytes(data: MapData, theme: str = "light") -> bytes:
    return report_pdf(*make_report(data, theme, map_picture=False))


def report_pdf(report: Report, scene: MapScene, prepared: MapData) -> bytes:
    """``report`` on A4 pages, with the map from ``scene`` drawn on its own page."""
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
