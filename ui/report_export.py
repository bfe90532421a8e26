"""The health report as a PDF (or one web page): ``app.report`` writes the content, this draws it.

The report is written in ``Step``s: checking the map, writing the text and charts, laying out
and drawing the pages, saving. All but the saving need no widget (the pictures are drawn with
``PaperMap`` figures onto the PDF or a ``QImage``), so the window runs them in a worker thread
and stays responsive, even while the report of a 10,000-node map is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.analysis import Analysis, analyze
from app.domain import MapData
from app.report import Block, Report, build_report, html_page
from app.safe_files import write_bytes
from ui.exporters import ensure_application
from ui.render import build_scene, prepared_map
from ui.report_pages import TEXT_HEIGHT, TEXT_WIDTH, report_pdf
from ui.report_pictures import picture_height, picture_png
from ui.theme import theme_named


def export_report_pdf(data: MapData, out: Path, theme: str = "light",
                      since: str | None = None) -> None:
    """The health report of ``data`` as a multi-page A4 PDF (what changed since the snapshot
    ``since``, or the latest, if the map keeps any)."""
    run_steps(report_steps(data, Path(out), theme, as_html=False, since=since))


def export_report_html(data: MapData, out: Path, theme: str = "light",
                       since: str | None = None) -> None:
    """The health report as one self-contained web page (images embedded)."""
    run_steps(report_steps(data, Path(out), theme, as_html=True, since=since))


@dataclass(frozen=True)
class Step:
    """One stage of an export: what the user is told meanwhile, and the work. Work marked
    ``in_worker`` touches no widget, so the window may run it in a worker thread. Work may
    return more steps, to be run next."""

    says: str
    work: Callable[[], list[Step] | None]
    in_worker: bool = False


def run_steps(steps: Sequence[Step]) -> None:
    """Run ``steps`` one after another, here (the command line's way)."""
    pending = list(steps)
    while pending:
        pending[:0] = pending.pop(0).work() or []


class ReportDraft:
    """The health report of one map, written in stages. What a stage no longer needs is let go
    of in the worker that made it, not left for the window to free."""

    def __init__(self, data: MapData, theme: str = "light", analysis: Analysis | None = None,
                 since: str | None = None):
        self.data, self.theme, self.since = data, theme, since
        self.analysis = analysis  # the window's own checks of this very map, if current
        self.report: Report | None = None
        self.output = b""  # the finished file

    def check(self) -> None:
        """Every node placed, and the map checked (unless it already was)."""
        self.data = prepared_map(self.data)
        if self.analysis is None:
            self.analysis = analyze(self.data)

    def compose(self) -> None:
        """The text, the tables and the balance chart."""
        self.report = build_report(self.data, self.analysis, since=self.since)
        self.analysis = None

    def lay_out_pdf(self) -> None:
        """The pages, their pictures drawn as vector."""
        ensure_application()
        scene = build_scene(self.data, theme_named(self.theme), paper=True)
        try:
            self.output = report_pdf(self.report, scene)
        finally:
            scene.take_apart()
            self.report = None

    def make_web_page(self) -> None:
        """One web page, its pictures as PNGs."""
        ensure_application()
        scene = build_scene(self.data, theme_named(self.theme), paper=True)
        try:
            pictures = {index: self._png(scene, block)
                        for index, block in enumerate(self.report.blocks)
                        if isinstance(block, Block) and block.picture is not None}
            self.output = html_page(self.report, pictures).encode("utf-8")
        finally:
            scene.take_apart()
            self.report = None

    def _png(self, scene, block: Block) -> bytes:
        room = TEXT_HEIGHT * (0.6 if block.picture.height >= 1 else block.picture.height)
        height = picture_height(scene, block.picture, TEXT_WIDTH, room)
        return picture_png(scene, block.picture, TEXT_WIDTH, height, self.report.numbers)


def report_steps(data: MapData, out: Path, theme: str, as_html: bool,
                 analysis: Analysis | None = None, since: str | None = None) -> list[Step]:
    """The stages of writing the report of ``data`` to ``out`` (checked already if
    ``analysis`` is given); the file is written whole, in the last step, so a report stopped
    on the way leaves none."""
    draft = ReportDraft(data, theme, analysis, since)
    finish = (Step("Drawing the pictures for the web page…", draft.make_web_page, True)
              if as_html else Step("Laying out the pages and drawing the pictures…",
                                   draft.lay_out_pdf, True))
    return [Step("Checking the map…", draft.check, in_worker=True),
            Step("Writing the text and the charts…", draft.compose, in_worker=True),
            finish, Step("Saving the report…", lambda: write_bytes(out, draft.output))]


def report_pdf_bytes(data: MapData, theme: str = "light", since: str | None = None) -> bytes:
    """The report of ``data`` as the bytes of a PDF (for tests and tools)."""
    draft = ReportDraft(data, theme, since=since)
    draft.check()
    draft.compose()
    draft.lay_out_pdf()
    return draft.output
