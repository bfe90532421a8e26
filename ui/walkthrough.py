"""Walk through the findings (W, or Workshop ▸ Walk through findings): one finding at a time on
the presenting canvas, then a closing slide with the score and the balance chart.

→ / PageDown go on, ← / PageUp go back, Esc ends the walk. Each step spotlights the pieces the
finding concerns (the rest faded, never hidden), frames them above a caption that gives the
finding's title and what could be done in large type. The findings, their order and their words
are the Health panel's; ``ecomap slides`` prints the same sequence.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF

from app.report.charts import balance_chart
from app.report.content import ordered_categories
from app.slides import balance_slide, chart_threshold, finding_slide, score_slide
from ui.presenting_overlays import EDGE, CaptionCard, ClosingCard

FRAME_MOST = 2.5  # a finding about one piece is not blown up beyond this zoom


class FindingsWalk(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.caption = CaptionCard(window.view)
        self.closing = ClosingCard(window.view)
        self.slides: list = []
        self.index = -1
        self.result = None  # the check the walk shows

    @property
    def active(self) -> bool:
        return self.index >= 0

    @property
    def at_end(self) -> bool:
        return self.index == len(self.slides)  # the closing slide

    def start(self) -> None:
        """Begin at the first finding (presenting first, if the window is not yet)."""
        window = self.window
        if window.document is None:
            return
        result = window.findings.runner.latest
        if result is None:
            window.editor.show_message("The map is still being checked: walk through the "
                                       "findings in a moment.")
            return
        presenter = window.workshop.presenter
        if not presenter.active:
            presenter.start()
        self.result = result
        data, analysis = result.data, result.analysis
        count = len(analysis.findings)
        self.slides = [finding_slide(data, i, count, f) for i, f in enumerate(analysis.findings)]
        self.closing_slides = (score_slide(analysis), balance_slide(data, analysis))
        self.chart = balance_chart(analysis.balance.categories, ordered_categories(data),
                                   chart_threshold(data), fmt="svg")
        self.go(0)

    def go(self, index: int) -> None:
        """Show step ``index``: a finding, or (after the last) the closing slide."""
        self.index = max(0, min(index, len(self.slides)))
        scene = self.window.scene
        if self.at_end:
            self.caption.hide()
            scene.emphasise(None)
            self.closing.show_closing(*self.closing_slides, self.chart)
            return
        self.closing.hide()
        self.window.view.show_legend = False  # the caption is where it was
        slide = self.slides[self.index]
        shown = [n for n in (slide.picture.emphasised if slide.picture else ()) if
                 n in scene.item_for_node]
        scene.emphasise(shown or None)
        self.caption.show_slide(slide)
        self._frame(shown)

    def _frame(self, node_ids) -> None:
        """The finding's pieces as large as fits above the caption (the whole map if none)."""
        view = self.window.view
        items = [self.window.scene.item_for_node[n] for n in node_ids] or list(
            self.window.scene.item_for_node.values())
        if not items:
            return
        rect = QRectF(items[0].sceneBoundingRect())
        for item in items[1:]:
            rect = rect.united(item.sceneBoundingRect())
        viewport = QRectF(view.viewport().rect())
        pad = 3 * EDGE * self.caption.unit
        area = viewport.adjusted(pad, pad, -pad, -(self.caption.height() + pad))
        presenter = self.window.workshop.presenter
        presenter.frame(rect, area, FRAME_MOST * presenter.screen_growth())

    def next(self) -> bool:
        """The next step; False at the closing slide (the presenter may go on to the views)."""
        if self.at_end:
            return False
        self.go(self.index + 1)
        return True

    def previous(self) -> None:
        self.go(self.index - 1)

    def end(self) -> None:
        if not self.active:
            return
        self.index = -1
        self.caption.hide()
        self.closing.hide()
        self.window.scene.emphasise(None)
        self.window.view.show_legend = True
        if self.window.workshop.presenter.active:
            self.window.workshop.presenter.fit()
