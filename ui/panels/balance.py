"""The Balance panel: how the building blocks share the map, how even that is, how connected,
and which kinds of learning fill each block.

Four matplotlib charts drawn in the canvas theme's colours, larger in the projector theme:
category shares in each category's own colour, Pielou evenness as a gauge with a caption in
words, how many pieces have 0, 1, 2… connections, and the kinds inside each block. They sit
one under another in a column that scrolls (the wheel over a chart scrolls it too).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.analysis import Mix
from app.analysis.words import kind_noun
from app.domain import Category, default_category
from ui.analysis_runner import CheckResult
from ui.theme import DEFAULT_THEME, FONT_DIR, FONT_FAMILY, Theme, font

MOST_CONNECTIONS = 10  # pieces with more are counted together as "10+"
MOST_KINDS = 5  # kinds shown per block; the rest are counted together
KIND_LABEL = 20  # characters of a kind's name beside its bar
NOT_CONNECTED = "#D55E00"  # Okabe–Ito vermillion: the pieces nothing connects to


@cache
def chart_font() -> str:
    """Register the shipped font with matplotlib once; the family charts ask for."""
    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


def evenness_words(mix: Mix, names: dict[str, str]) -> str:
    """Pielou's J′ in words: "Evenness 0.73 — Content dominates (64% of the map)"."""
    if not mix.parts:
        return "Evenness — nothing on the map yet"
    if len(mix.parts) == 1:
        return "Evenness — the map has only one building block"
    top = names.get(mix.dominant, mix.dominant or "")
    share = f"{round(mix.dominance * 100)}% of the map"
    if mix.dominance >= 0.5:
        words = f"{top} dominates ({share})"
    elif mix.evenness >= 0.85:
        words = "the blocks are well balanced"
    elif mix.evenness >= 0.6:
        words = f"fairly even; {top} is the largest ({share})"
    else:
        words = f"uneven: {top} leads ({share})"
    return f"Evenness {mix.evenness:.2f} — {words}"


def connection_bins(counts: Counter) -> tuple[list[str], list[int]]:
    """Labels "0", "1", … "10+" and how many pieces have that many connections."""
    top = min(max(counts, default=0), MOST_CONNECTIONS)
    labels = [str(n) for n in range(top + 1)]
    values = [counts.get(n, 0) for n in range(top + 1)]
    if max(counts, default=0) >= MOST_CONNECTIONS:
        labels[-1] = f"{MOST_CONNECTIONS}+"
        values[-1] = sum(v for n, v in counts.items() if n >= MOST_CONNECTIONS)
    return labels, values


def kind_rows(mix: Mix) -> list[tuple[str, int, float]]:
    """The kinds of one block as (name, count, share), largest first; past ``MOST_KINDS`` the
    rest are one row, "3 other kinds"."""
    parts = sorted(mix.parts.items(), key=lambda item: (-item[1].count, item[0]))
    rows = [(_short(kind_noun(kind)), part.count, part.share) for kind, part in parts]
    if len(rows) > MOST_KINDS:
        rest = rows[MOST_KINDS - 1:]
        rows = rows[:MOST_KINDS - 1] + [(f"{len(rest)} other kinds", sum(r[1] for r in rest),
                                         sum(r[2] for r in rest))]
    return rows


def _short(text: str) -> str:
    return text if len(text) <= KIND_LABEL else text[:KIND_LABEL - 1].rstrip() + "…"


class ChartCanvas(FigureCanvasQTAgg):
    """A chart over which the wheel scrolls the panel it sits in (matplotlib's own canvas
    keeps the wheel for itself, so the charts under it could not be reached)."""

    def wheelEvent(self, event) -> None:
        area = self._scroll_area()
        if area is None:
            event.ignore()
            return
        viewport = area.viewport()
        at = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        QApplication.sendEvent(viewport, QWheelEvent(
            at, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
            event.buttons(), event.modifiers(), event.phase(), event.inverted()))
        event.accept()

    def _scroll_area(self) -> QAbstractScrollArea | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QAbstractScrollArea):
            widget = widget.parentWidget()
        return widget


class ChartLook:
    """Sizes and colours of the charts for one theme (sizes match the panel's own text)."""

    def __init__(self, theme: Theme, dpi: float):
        big = theme.key == "projector"
        self.text, self.muted, self.face = theme.text, theme.muted_text, theme.canvas
        self.grid, self.accent, self.outline = theme.grid, theme.accent, theme.outline
        self.size = (18 if big else 12.5) * 72 / dpi  # points, from the panel's pixels
        self.line = 2.2 if big else 0.9
        self.row = 44 if big else 30  # pixels per bar of the shares chart
        self.scale = 1.5 if big else 1.0

    def style(self, axes) -> None:
        axes.set_facecolor(self.face)
        axes.tick_params(colors=self.text, labelsize=self.size, width=self.line)
        for side, spine in axes.spines.items():
            spine.set_visible(side in ("left", "bottom"))
            spine.set_color(self.muted)
            spine.set_linewidth(self.line)


class Chart(QWidget):
    """One chart under a heading written in Qt, so headings wrap in a narrow panel."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.heading = QLabel(objectName=f"{name}_heading", wordWrap=True)
        self.figure = Figure(layout="constrained")
        self.canvas = ChartCanvas(self.figure)
        self.canvas.setObjectName(f"{name}_chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.canvas)

    def start(self, look: ChartLook, heading: str, height: int):
        """Clear the chart for a new drawing; return its one axes."""
        self.heading.setText(heading)
        self.canvas.setFixedHeight(height)
        self.figure.clear()
        self.figure.set_facecolor(look.face)
        return self.figure.add_subplot()


class KindCharts(QWidget):
    """The kinds inside each building block: a heading, then one small chart per block (made
    as blocks are added to the map, kept for the next drawing)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = QLabel("Kinds inside each building block", objectName="kinds_heading",
                              wordWrap=True)
        self.charts: list[Chart] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.heading)

    def for_blocks(self, count: int, heading_font) -> list[Chart]:
        """``count`` charts to draw on, the rest hidden."""
        while len(self.charts) < count:
            chart = Chart(f"kinds_{len(self.charts)}")
            self._layout.addWidget(chart)
            self.charts.append(chart)
        for i, chart in enumerate(self.charts):
            chart.setVisible(i < count)
            chart.heading.setFont(heading_font)
        return self.charts[:count]


class BalancePanel(QWidget):
    """The charts, redrawn when a new check arrives or the theme changes (only while shown)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.theme = DEFAULT_THEME
        self.result: CheckResult | None = None
        self.share_bars: list = []  # the category bars as drawn, in the map's order
        self.caption = ""
        self._dirty = True
        self.summary = QLabel(objectName="balance_summary", wordWrap=True)
        self.shares, self.gauge = Chart("shares"), Chart("evenness")
        self.degrees, self.kinds = Chart("connections"), KindCharts()
        self.charts = QWidget()
        self._lay_out()

    def _lay_out(self) -> None:
        inner = QVBoxLayout(self.charts)
        for widget in (self.summary, self.shares, self.gauge, self.degrees, self.kinds):
            inner.addWidget(widget)
        inner.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, objectName="balance_scroll")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.charts)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        big = theme.key == "projector"
        self.setFont(font(theme.panel_px))
        for chart in (self.shares, self.gauge, self.degrees, self.kinds):
            chart.heading.setFont(font(20 if big else 14, bold=True))
        self._changed()

    def charts_shown(self) -> list[Chart]:
        """Every chart drawn, top to bottom."""
        kinds = [chart for chart in self.kinds.charts if not chart.isHidden()]
        return [self.shares, self.gauge, self.degrees, *kinds]

    def show_result(self, result: CheckResult | None) -> None:
        self.result = result
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.redraw()

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the charts for the latest result in the current theme."""
        self._dirty = False
        self.share_bars = []
        empty = self.result is None or not self.result.data.nodes
        for chart in (self.shares, self.gauge, self.degrees, self.kinds):
            chart.setVisible(not empty)
        if empty:
            self.caption = ""
            self.summary.setText("The charts appear once the map has a few pieces on it.")
            return
        look = ChartLook(self.theme, self.shares.figure.dpi)
        with matplotlib.rc_context({"font.family": chart_font(), "font.size": look.size}):
            self._draw_charts(look)
        for chart in self.charts_shown():
            chart.canvas.draw_idle()

    def _draw_charts(self, look: ChartLook) -> None:
        mix = self.result.analysis.balance.categories
        names = {c.key: c.name for c in self.result.data.categories}
        self.caption = evenness_words(mix, names)
        self.summary.setText(
            f"Diversity (Shannon H′) {mix.shannon:.2f} · largest share (Berger–Parker) "
            f"{round(mix.dominance * 100)}%")
        self._draw_shares(mix, look)
        self._draw_gauge(mix, look)
        self._draw_degrees(look)
        self._draw_kinds(look)

    def _categories(self, mix: Mix) -> list[Category]:
        known = {c.key: c for c in self.result.data.categories}
        return [known.get(key) or default_category(key) for key in mix.parts]

    def _draw_shares(self, mix: Mix, look: ChartLook) -> None:
        categories = self._categories(mix)[::-1]  # barh draws bottom-up: keep the map's order
        axes = self.shares.start(look, "Share of the map by building block",
                                 look.row * len(categories) + 20)
        shares = [mix.parts[c.key].share * 100 for c in categories]
        bars = axes.barh([c.name for c in categories], shares, height=0.7,
                         color=[c.color for c in categories], edgecolor=look.outline,
                         linewidth=look.line)
        self.share_bars = list(bars)[::-1]
        for bar, category in zip(bars, categories, strict=True):
            part = mix.parts[category.key]
            axes.text(bar.get_width() + 2, bar.get_y() + bar.get_height() / 2,
                      f"{round(part.share * 100)}% ({part.count})", va="center",
                      color=look.text, fontsize=look.size)
        axes.set_xlim(0, 135)
        axes.set_xticks([])
        axes.axvline(50, color=look.muted, linewidth=look.line, linestyle=":")
        look.style(axes)
        axes.spines["bottom"].set_visible(False)

    def _draw_gauge(self, mix: Mix, look: ChartLook) -> None:
        axes = self.gauge.start(look, self.caption, round(58 * look.scale))
        axes.barh([0], [1], color=look.grid, height=0.7)
        axes.barh([0], [mix.evenness], color=look.accent, height=0.7)
        axes.axvline(mix.evenness, color=look.text, linewidth=look.line * 2.5)
        axes.set_xlim(0, 1)
        axes.set_yticks([])
        axes.set_xticks([0, 1], ["0 one block", "1 all even"])
        axes.get_xticklabels()[0].set_horizontalalignment("left")
        axes.get_xticklabels()[1].set_horizontalalignment("right")
        look.style(axes)
        axes.spines["left"].set_visible(False)

    def _draw_degrees(self, look: ChartLook) -> None:
        axes = self.degrees.start(look, "How many connections each piece has",
                                  round(190 * look.scale))
        labels, values = connection_bins(self.result.connections)
        colors = [NOT_CONNECTED if label == "0" else look.accent for label in labels]
        axes.bar(labels, values, color=colors, edgecolor=look.outline, linewidth=look.line)
        axes.set_xlabel("connections (0: not connected)", color=look.text, fontsize=look.size)
        axes.set_ylabel("pieces", color=look.text, fontsize=look.size)
        axes.yaxis.get_major_locator().set_params(integer=True)
        look.style(axes)

    def _draw_kinds(self, look: ChartLook) -> None:
        """Per block, its kinds' shares of the block: where one kind crowds out the rest."""
        kinds = self.result.analysis.balance.kinds
        blocks = [c for c in self._categories(self.result.analysis.balance.categories)
                  if c.key in kinds]
        big = self.theme.key == "projector"
        charts = self.kinds.for_blocks(len(blocks), font(18 if big else 13, bold=True))
        for chart, category in zip(charts, blocks, strict=True):
            self._draw_block_kinds(chart, category, kinds[category.key], look)

    def _draw_block_kinds(self, chart: Chart, category: Category, mix: Mix, look) -> None:
        rows = kind_rows(mix)[::-1]  # barh draws bottom-up: the largest kind on top
        count = len(mix.parts)
        heading = f"{category.name}: {count} kind{'s' if count != 1 else ''}"
        if count > 1:
            heading += f", evenness {mix.evenness:.2f}"
        axes = chart.start(look, heading, look.row * len(rows) + 12)
        bars = axes.barh([name for name, _c, _s in rows], [s * 100 for _n, _c, s in rows],
                         height=0.7, color=category.color, edgecolor=look.outline,
                         linewidth=look.line)
        for bar, (_name, number, share) in zip(bars, rows, strict=True):
            axes.text(bar.get_width() + 2, bar.get_y() + bar.get_height() / 2,
                      f"{round(share * 100)}% ({number})", va="center", color=look.text,
                      fontsize=look.size)
        axes.set_xlim(0, 135)
        axes.set_xticks([])
        look.style(axes)
        axes.spines["bottom"].set_visible(False)
