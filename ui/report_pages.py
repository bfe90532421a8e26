"""The health report on A4 pages: each block kept whole on one page, long tables run over pages
with their headings repeated, a footer with the page number.

Text is laid out with ``QTextDocument`` (text stays text: selectable, searchable) and the
pictures are drawn as vector by the one renderer. Nothing here touches a widget or a
``QPixmap`` (Qt draws a document's images from ``QImage`` outside the GUI thread), so the whole
report is laid out and drawn in a worker thread while the window stays responsive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen, QTextDocument

from app.report import PAGE_REF, STYLE, Block, Report, Table
from ui.exporters import new_pdf_writer, page_layout, painting
from ui.render import PAGE_DPI
from ui.report_pictures import draw_picture, picture_height
from ui.theme import font

DPI = 300
PAGE_WIDTH, PAGE_HEIGHT = 793.7, 1122.5  # A4 portrait, page pixels (1/96 inch)
MARGIN = 60.0  # about 16 mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TEXT_HEIGHT = PAGE_HEIGHT - 2.2 * MARGIN  # the footer sits in the bottom margin
BLOCK_GAP = 26.0
PICTURE_GAP = 6.0
ROW_PX, HEAD_ROWS_KEPT = 11, 3  # table text size; rows kept with a table's heading
RULE = QColor("#C9CED6")
HEADING_FILL = QColor("#E4E7EB")
_REF = re.compile(re.escape(PAGE_REF).replace(r"\{\}", "([a-z0-9-]+)"))

Draw = Callable[[QPainter, QRectF], None]


@dataclass
class Placed:
    """Something drawn on a page: where its top is and how tall it is (page pixels)."""

    top: float
    height: float
    draw: Draw


@dataclass
class Pages:
    """The report laid out: what goes on each page, and on which page each anchor is."""

    pages: list[list[Placed]] = field(default_factory=lambda: [[]])
    anchors: dict[str, int] = field(default_factory=dict)  # anchor → page number from 1
    y: float = 0.0  # how far down the last page is filled

    def new_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])
        self.y = 0.0

    def room(self) -> float:
        return TEXT_HEIGHT - self.y

    def place(self, height: float, draw: Draw, gap: float = BLOCK_GAP) -> None:
        self.pages[-1].append(Placed(self.y, height, draw))
        self.y += height + gap


def report_pdf(report: Report, scene) -> bytes:
    """``report`` on A4 pages, its pictures drawn from ``scene`` (a ``PaperMap``)."""
    layout = ReportLayout(report, scene)
    for item in report.blocks:
        if isinstance(item, Table):
            layout.add_table(item)
        else:
            layout.add_block(item)
    return print_pages(report.title, layout.pages)


class ReportLayout:
    """Measures each block and table and decides its page."""

    def __init__(self, report: Report, scene):
        self.report, self.scene = report, scene
        self.pages = Pages()
        self.images = {name: QImage.fromData(png) for name, png in report.images.items()}

    def document(self, html: str, width: float = TEXT_WIDTH) -> QTextDocument:
        """``html`` laid out ``width`` page pixels wide, its images resolved."""
        document = QTextDocument()
        document.setDefaultFont(font(13))
        document.setDefaultStyleSheet(STYLE)
        document.setDocumentMargin(0)
        for name, image in self.images.items():
            if f"src='{name}'" in html:
                document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                     image)
        document.setHtml(html)
        document.setTextWidth(width)
        return document

    # --- blocks ----------------------------------------------------------------------------

    def add_block(self, block: Block) -> None:
        """``block`` whole on the page, or on the next if it does not fit; a block taller than
        a page (never a finding) starts a page and runs over as many as it needs."""
        pages = self.pages
        if block.new_page:
            pages.new_page()
        # Measured with the widest page reference; drawn with the real one, once known.
        text = self.document(_REF.sub("on page 00", block.html))
        text_h = text.size().height()
        caption = self.document(block.caption) if block.caption else None
        caption_h = caption.size().height() + PICTURE_GAP if caption else 0.0
        if block.picture is None and text_h > TEXT_HEIGHT:
            self._add_long(text)
            return
        picture_h = self._picture_height(block, text_h + caption_h, pages.room())
        height = text_h + caption_h + (picture_h + PICTURE_GAP if picture_h else 0.0)
        if height > pages.room() and pages.y > 0:
            pages.new_page()
            picture_h = self._picture_height(block, text_h + caption_h, pages.room())
            height = text_h + caption_h + (picture_h + PICTURE_GAP if picture_h else 0.0)
        if block.anchor:
            pages.anchors[block.anchor] = len(pages.pages)
        pages.place(height, lambda painter, box: self._draw_block(
            painter, box, block, text_h, picture_h, caption))

    def _picture_height(self, block: Block, words_h: float, room: float) -> float:
        """How tall the block's picture is: its share of a page, or (``height`` 1) all the
        ``room`` its words leave; never more than a page leaves beside its words."""
        picture = block.picture
        if picture is None:
            return 0.0
        most = (room if picture.height >= 1 else picture.height * TEXT_HEIGHT + words_h)
        most = min(most, TEXT_HEIGHT) - words_h - PICTURE_GAP
        return picture_height(self.scene, picture, TEXT_WIDTH, max(0.0, most))

    def _draw_block(self, painter: QPainter, box: QRectF, block: Block, text_h: float,
                    picture_h: float, caption: QTextDocument | None) -> None:
        html = _REF.sub(lambda m: f"on page {self.pages.anchors.get(m.group(1), '?')}",
                        block.html)
        _draw_document(painter, self.document(html), box.topLeft().x(), box.top())
        y = box.top() + text_h
        if picture_h:
            frame = QRectF(box.left(), y + PICTURE_GAP / 2, box.width(), picture_h)
            draw_picture(painter, self.scene, block.picture, frame, self.report.numbers)
            y += picture_h + PICTURE_GAP
        if caption is not None:
            _draw_document(painter, caption, box.left(), y + PICTURE_GAP / 2)

    def _add_long(self, text: QTextDocument) -> None:
        """A block taller than a page, split where the text allows."""
        self.pages.new_page()
        text.setPageSize(QSizeF(TEXT_WIDTH, TEXT_HEIGHT))
        for index in range(text.pageCount()):
            if index:
                self.pages.new_page()
            clip = QRectF(0, index * TEXT_HEIGHT, TEXT_WIDTH, TEXT_HEIGHT)
            self.pages.place(TEXT_HEIGHT, lambda painter, box, clip=clip: _draw_document(
                painter, text, box.left(), box.top() - clip.top(), clip))

    # --- tables ----------------------------------------------------------------------------

    def add_table(self, table: Table) -> None:
        """The heading with at least a few rows, then rows page after page, the column
        headings on top of each page's part."""
        pages = self.pages
        if table.new_page:
            pages.new_page()
        heading = self.document(table.heading)
        heading_h = heading.size().height()
        row_h = _row_height()
        if pages.y > 0 and heading_h + row_h * (1 + HEAD_ROWS_KEPT) > pages.room():
            pages.new_page()
        pages.place(heading_h, lambda painter, box: _draw_document(
            painter, heading, box.left(), box.top()), gap=PICTURE_GAP)
        rows = list(table.rows)
        while rows:
            fit = max(1, int(pages.room() // row_h) - 1)
            part, rows = rows[:fit], rows[fit:]
            pages.place(row_h * (len(part) + 1), lambda painter, box, part=part: _draw_rows(
                painter, box, table, part), gap=PICTURE_GAP)
            if rows:
                pages.new_page()
        if table.note:
            self.add_block(Block(table.note))


def _draw_document(painter: QPainter, document: QTextDocument, x: float, y: float,
                   clip: QRectF | None = None) -> None:
    painter.save()
    painter.translate(x, y)
    document.drawContents(painter, clip or QRectF())
    painter.restore()


def _row_height() -> float:
    return QFontMetricsF(font(ROW_PX)).height() + 8.0


def _draw_rows(painter: QPainter, box: QRectF, table: Table, rows: list) -> None:
    """The column headings, then ``rows``, one line each, cut short with "…" if too long."""
    row_h = _row_height()
    painter.save()
    painter.fillRect(QRectF(box.left(), box.top(), box.width(), row_h), HEADING_FILL)
    _draw_row(painter, box, box.top(), table, [c.title for c in table.columns], bold=True)
    painter.setPen(QPen(RULE, 0.8))
    for index, row in enumerate(rows, start=1):
        y = box.top() + index * row_h
        painter.setPen(QPen(RULE, 0.8))
        painter.drawLine(box.left(), y, box.right(), y)
        _draw_row(painter, box, y, table, row)
    bottom = box.top() + (len(rows) + 1) * row_h
    painter.drawLine(box.left(), bottom, box.right(), bottom)
    painter.restore()


def _draw_row(painter: QPainter, box: QRectF, y: float, table: Table, cells,
              bold: bool = False) -> None:
    text_font = font(ROW_PX, bold)
    metrics = QFontMetricsF(text_font)
    painter.setFont(text_font)
    painter.setPen(QColor("#1C2026"))
    x = box.left()
    for column, cell in zip(table.columns, cells, strict=True):
        width = column.width * box.width()
        inner = QRectF(x + 4, y, width - 8, _row_height())
        align = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
        shown = metrics.elidedText(cell, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(inner, align | Qt.AlignmentFlag.AlignVCenter, shown)
        x += width


# --- printing --------------------------------------------------------------------------------------


def print_pages(title: str, pages: Pages) -> bytes:
    """Draw the laid-out pages into a PDF, each with its footer."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, title, DPI)
    writer.setPageLayout(page_layout("A4", landscape=False))
    scale = DPI / PAGE_DPI
    with painting(writer) as painter:
        for number, placed in enumerate(pages.pages, start=1):
            if number > 1:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for piece in placed:
                piece.draw(painter, QRectF(MARGIN, MARGIN + piece.top, TEXT_WIDTH,
                                           piece.height))
            _footer(painter, title, number, len(pages.pages))
            painter.restore()
    buffer.close()
    return bytes(array)


def _footer(painter: QPainter, title: str, number: int, count: int) -> None:
    painter.setFont(font(10))
    painter.setPen(QColor("#5B6470"))
    box = QRectF(MARGIN, PAGE_HEIGHT - MARGIN * 0.75, TEXT_WIDTH, 20)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft, title)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight, f"page {number} of {count}")

