"""What floats over the map while presenting: the health score in a corner, a finding's caption,
the closing slide of the walk, and the workshop timer.

Each is a small widget on the canvas's viewport that paints itself with ``ui.slide_drawing``
(the deck's own drawing), sized from the viewport's height so it reads at the back of a room at
1024×768 and at 4K alike. None of them takes the keyboard: the canvas keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from app.slides import Slide
from ui.slide_drawing import caption_height, draw_caption, draw_card, draw_closing, text_block
from ui.theme import font

REFERENCE_HEIGHT = 760.0  # viewport pixels at which overlay sizes are the slide's own
EDGE = 16  # pixels between an overlay and the edge of the canvas, times the unit


def unit_of(widget: QWidget) -> float:
    """How large overlays are drawn on ``widget``: 1 at 760 pixels high, 2.8 at 4K."""
    return max(0.8, widget.height() / REFERENCE_HEIGHT)


class Overlay(QWidget):
    """A painted panel on the canvas that follows the canvas's size and theme."""

    def __init__(self, view, name: str):
        super().__init__(view.viewport())
        self.view = view
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        _Follower(view.viewport(), self)
        view.map_scene().contents_changed.connect(self.update)  # a new theme, say

    @property
    def theme(self):
        return self.view.map_scene().theme

    @property
    def unit(self) -> float:
        return unit_of(self.view.viewport())

    def place(self) -> None:
        """Take the size and place this overlay has on the viewport as it now is."""

    def appear(self) -> None:
        self.place()
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.draw(painter)
        painter.end()

    def draw(self, painter: QPainter) -> None:
        raise NotImplementedError


class _Follower(QObject):
    """Places an overlay again whenever the viewport changes size."""

    def __init__(self, viewport: QWidget, overlay: Overlay):
        super().__init__(overlay)
        self.overlay = overlay
        viewport.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and self.overlay.isVisible():
            self.overlay.place()
        return False


class ScoreCorner(Overlay):
    """"Health 42 / 100" in the top-right corner."""

    def __init__(self, view):
        super().__init__(view, "score_corner")
        self.words = ("Health", "…")

    def show_score(self, score: int | None, judged: bool = True) -> None:
        self.words = ("Health", f"{score} / 100" if score is not None and judged else
                      "not judged yet" if score is not None else "checking…")
        if self.isVisible():
            self.place()
            self.update()

    def place(self) -> None:
        unit = self.unit
        width = QFontMetricsF(font(round(34 * unit), True)).horizontalAdvance(self.words[1])
        width = max(width, 120 * unit) + 48 * unit
        height = 96 * unit
        viewport = self.parentWidget()
        self.setGeometry(round(viewport.width() - width - EDGE * unit), round(EDGE * unit),
                         round(width), round(height))

    def draw(self, painter: QPainter) -> None:
        unit, theme = self.unit, self.theme
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        draw_card(painter, theme, box, unit)
        inner = box.adjusted(18 * unit, 10 * unit, -18 * unit, 0)
        used = text_block(painter, inner, self.words[0], 20 * unit, theme.color("muted_text"))
        painter.setFont(font(round(34 * unit), True))
        painter.setPen(theme.color("text"))
        painter.drawText(inner.adjusted(0, used, 0, 0), int(Qt.AlignmentFlag.AlignLeft
                                                            | Qt.AlignmentFlag.AlignTop),
                         self.words[1])


class CaptionCard(Overlay):
    """A finding's title and what could be done, in large type along the bottom."""

    def __init__(self, view):
        super().__init__(view, "caption_card")
        self.slide: Slide | None = None

    def show_slide(self, slide: Slide) -> None:
        self.slide = slide
        self.appear()

    def width_for(self, viewport: QWidget) -> float:
        unit = self.unit
        return min(viewport.width() - 2 * EDGE * unit, 1500 * unit)

    def place(self) -> None:
        if self.slide is None:
            return
        viewport, unit = self.parentWidget(), self.unit
        width = self.width_for(viewport)
        height = min(caption_height(self.theme, self.slide, width, unit),
                     viewport.height() * 0.45)
        self.setGeometry(round((viewport.width() - width) / 2),
                         round(viewport.height() - height - EDGE * unit), round(width),
                         round(height))

    def draw(self, painter: QPainter) -> None:
        if self.slide is not None:
            box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
            draw_card(painter, self.theme, box, self.unit)
            draw_caption(painter, self.theme, box, self.slide, self.unit)


class ClosingCard(Overlay):
    """The walk's last slide: the health score beside the balance chart, over the whole map."""

    def __init__(self, view):
        super().__init__(view, "closing_card")
        self.slides: tuple[Slide, Slide] | None = None
        self.chart = b""

    def show_closing(self, score: Slide, balance: Slide, chart: bytes) -> None:
        self.slides, self.chart = (score, balance), chart
        self.appear()

    def place(self) -> None:
        self.setGeometry(self.parentWidget().rect())

    def draw(self, painter: QPainter) -> None:
        if self.slides is None:
            return
        unit = self.unit
        painter.fillRect(self.rect(), self.theme.color("canvas"))
        margin = 48 * unit
        inner = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        draw_closing(painter, self.theme, inner, *self.slides, self.chart, unit)


class TimerBadge(Overlay):
    """The workshop timer, large, in the top-left corner: "4:32", paused or time's up."""

    def __init__(self, view, timer):
        super().__init__(view, "timer_badge")
        self.timer = timer

    def place(self) -> None:
        unit = self.unit
        width, height = 230 * unit, 104 * unit
        self.setGeometry(round(EDGE * unit), round(EDGE * unit), round(width), round(height))

    def draw(self, painter: QPainter) -> None:
        unit, theme = self.unit, self.theme
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        draw_card(painter, theme, box, unit)
        over = self.timer.is_over()
        painter.setFont(font(round(54 * unit), True))
        painter.setPen(theme.color("accent") if over else theme.color("text"))
        face = box.adjusted(0, 4 * unit, 0, -30 * unit)
        painter.drawText(face, Qt.AlignmentFlag.AlignCenter, self.timer.clock_face())
        painter.setFont(font(round(18 * unit)))
        painter.setPen(theme.color("muted_text"))
        painter.drawText(box.adjusted(0, 0, 0, -8 * unit),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         self.timer.state_words())


class Toast(Overlay):
    """A message along the bottom while presenting (the status bar is hidden): what a command
    did or why it changed nothing."""

    def __init__(self, view):
        super().__init__(view, "toast")
        self.message = ""

    def say(self, message: str) -> None:
        self.message = message
        self.appear()

    def place(self) -> None:
        unit, viewport = self.unit, self.parentWidget()
        width = min(viewport.width() - 2 * EDGE * unit,
                    QFontMetricsF(font(round(20 * unit))).horizontalAdvance(self.message)
                    + 48 * unit)
        height = 52 * unit
        self.setGeometry(round((viewport.width() - width) / 2),
                         round(viewport.height() - height - 3 * EDGE * unit), round(width),
                         round(height))

    def draw(self, painter: QPainter) -> None:
        unit, theme = self.unit, self.theme
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        draw_card(painter, theme, box, unit)
        face = font(round(20 * unit))
        painter.setFont(face)
        painter.setPen(theme.color("text"))
        words = QFontMetricsF(face).elidedText(self.message, Qt.TextElideMode.ElideRight,
                                               box.width() - 32 * unit)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, words)
