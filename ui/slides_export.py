"""``ecomap slides MAP OUT.pdf``: the findings walk as a 16:9 PDF deck, found by the command line
through the ``ecomap.exporters`` entry point ``slides-pdf``.

Title, the map, one slide per finding (its pieces spotlit, the rest faded, its title and what
could be done in large type), the balance of the building blocks and the health score, in the
theme asked for. Text stays text; the file is written whole or not at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize

from app import collector
from app.analysis import analyze
from app.domain import MapData
from app.report.charts import balance_chart
from app.report.content import ordered_categories
from app.safe_files import write_bytes
from app.slides import chart_threshold, deck
from ui.exporters import ensure_application, new_pdf_writer, painting
from ui.render import PAGE_DPI, build_scene, prepared_map
from ui.slide_drawing import SLIDE_H, SLIDE_W, draw_slide
from ui.theme import theme_named

DPI = 300


def export_slides_pdf(data: MapData, out: Path, theme: str = "projector") -> None:
    """The deck of ``data`` as a PDF at ``out``."""
    write_bytes(Path(out), slides_pdf_bytes(data, theme))


@collector.held()
def slides_pdf_bytes(data: MapData, theme: str = "projector") -> bytes:
    ensure_application()
    data = prepared_map(data)
    analysis = analyze(data)
    slides = deck(data, analysis)
    svg = balance_chart(analysis.balance.categories, ordered_categories(data),
                        chart_threshold(data), fmt="svg")
    scene = build_scene(data, theme_named(theme), paper=True)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, f"{data.name} — workshop slides", DPI)
    size = QPageSize(QSizeF(SLIDE_W / PAGE_DPI, SLIDE_H / PAGE_DPI), QPageSize.Unit.Inch,
                     "Slide 16:9")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF()))
    try:
        with painting(writer) as painter:
            painter.scale(DPI / PAGE_DPI, DPI / PAGE_DPI)
            for number, slide in enumerate(slides):
                if number:
                    writer.newPage()
                draw_slide(painter, scene, slide, svg)
    finally:
        scene.take_apart()
    buffer.close()
    return bytes(array)
