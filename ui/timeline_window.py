"""Timeline: play the map's history in a workshop. A slider steps through the snapshots and
now, the map drawn at each with every piece in one place throughout; a chart shows the blocks'
shares and the health score over time; the whole timeline exports as a PDF. Steps are drawn,
and the states checked, in worker threads, so even the 10,000-node map never freezes the
window. Left/Right step, Space plays, Esc leaves."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QObject, QRectF, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.analysis import analyze
from app.domain import MapData
from app.history.timeline import State, timeline
from app.history.timeline_chart import timeline_chart
from app.safe_files import write_bytes
from ui.theme import Theme
from ui.timeline_pages import frame_of, heading, state_image, timeline_pdf

PLAY_MS = 1800  # a step every this many milliseconds while playing: time to see the change
CHART_SHARE = 0.36  # of the window's height
CHART_DPI = 100  # at the light theme's panel text size: the chart's words as large as the panels'


class _Relay(QObject):
    done = Signal(str, int, object)  # what was made ("step", "chart"), its ticket, the result


class _Work(QRunnable):
    def __init__(self, what: str, ticket: int, work, relay: _Relay):
        super().__init__()
        self.what, self.ticket, self.work, self.relay = what, ticket, work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # said in the window; the timeline stays usable
            result = error
        with suppress(RuntimeError):  # the window it was for has closed meanwhile
            self.relay.done.emit(self.what, self.ticket, result)


class StepNames(QWidget):
    """The steps' names, each under its tick of ``slider``."""

    def __init__(self, slider: QSlider, names: list[str], parent=None):
        super().__init__(parent, objectName="timeline_names")
        self.slider, self.names = slider, names
        self.setMinimumHeight(self.fontMetrics().height() + 4)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        left = self.slider.geometry().left() - self.geometry().left()
        handle = self.style().pixelMetric(QStyle.PixelMetric.PM_SliderLength, None, self.slider)
        span = self.slider.width() - handle
        metrics = self.fontMetrics()
        for i, name in enumerate(self.names):
            x = left + handle / 2 + span * (i / max(1, len(self.names) - 1))
            width = metrics.horizontalAdvance(name)
            x = max(0, min(self.width() - width, x - width / 2))
            painter.drawText(int(x), metrics.ascent() + 2, name)
        painter.end()


class Picture(QWidget):
    """Shows the picture of the step drawn last, scaled to fit until the next one is drawn."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="timeline_picture")
        self.image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def paintEvent(self, _event) -> None:
        if self.image is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                        size.width(), size.height())
        painter.drawImage(target, self.image)
        painter.end()


class TimelineWindow(QDialog):
    """The history of ``data`` (which keeps snapshots), step by step."""

    def __init__(self, parent, data: MapData, theme: Theme):
        states = timeline(data)  # first: a snapshot that cannot be read leaves no window
        super().__init__(parent, objectName="timeline_window",
                         windowTitle=f"Timeline — {data.name}")
        self.data, self.theme = data, theme
        self.states: list[State] = states
        self.scores: list[int | None] = [None] * len(self.states)
        self.frame = frame_of(self.states, theme)
        self.chart_png: bytes | None = None
        self.step = len(self.states) - 1
        self._tickets = {"step": 0, "checks": 0, "chart": 0}
        self.checked = False  # every step's health score known
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._player = QTimer(self, interval=PLAY_MS)
        self._player.timeout.connect(self._next_or_stop)
        self._redraw = QTimer(self, singleShot=True, interval=120)  # after a resize settles
        self._redraw.timeout.connect(self._draw_step)
        self._redraw.timeout.connect(self._draw_chart)
        self._build()
        self.resize(parent.size() * 0.92 if parent is not None else self.size())
        self.show_step(self.step)
        self._check_states()

    def _build(self) -> None:
        self.caption = QLabel(objectName="timeline_caption", wordWrap=True)
        self.picture = Picture(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="timeline_slider")
        self.slider.setRange(0, len(self.states) - 1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self.show_step)
        self.play_button = QPushButton("Play", objectName="timeline_play",
                                       toolTip="Step through the history (Space)")
        self.play_button.clicked.connect(self.toggle_play)
        export = QPushButton("Export PDF…", objectName="timeline_export",
                             toolTip="A page per step, then the chart")
        export.clicked.connect(self.export_dialog)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(export)
        self.chart = QLabel("Checking each step…", objectName="timeline_chart",
                            alignment=Qt.AlignmentFlag.AlignCenter)
        self.names = StepNames(self.slider, [s.name for s in self.states], self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.picture, 1)
        layout.addLayout(controls)
        layout.addWidget(self.names)
        layout.addWidget(self.chart)

    # --- stepping ----------------------------------------------------------------------------

    def show_step(self, index: int) -> None:
        """Show the map at step ``index`` (0: the oldest snapshot; the last: now)."""
        self.step = max(0, min(index, len(self.states) - 1))
        if self.slider.value() != self.step:
            self.slider.setValue(self.step)  # comes back here through valueChanged
            return
        state = self.states[self.step]
        self.caption.setText(heading(state, self.scores[self.step]) +
                             (f"\n{state.note}" if state.note else ""))
        self._draw_step()

    def _draw_step(self) -> None:
        self._tickets["step"] += 1
        size = self.picture.size() * self.devicePixelRatioF()
        state, frame, theme = self.states[self.step], self.frame, self.theme
        QThreadPool.globalInstance().start(_Work(
            "step", self._tickets["step"],
            lambda: state_image(state, frame, theme, size.width(), size.height()),
            self._relay))

    def toggle_play(self) -> None:
        if self._player.isActive():
            self._player.stop()
        else:
            if self.step == len(self.states) - 1:
                self.show_step(0)
            self._player.start()
        self.play_button.setText("Pause" if self._player.isActive() else "Play")

    def _next_or_stop(self) -> None:
        if self.step >= len(self.states) - 1:
            self.toggle_play()
        else:
            self.show_step(self.step + 1)

    # --- the chart -----------------------------------------------------------------------------

    def _check_states(self) -> None:
        self._tickets["checks"] += 1
        states = list(self.states)
        QThreadPool.globalInstance().start(_Work(
            "checks", self._tickets["checks"],
            lambda: [analyze(s.data).health.score for s in states], self._relay))

    def _draw_chart(self) -> None:
        """The chart at the size it is shown, its words as large as the panels' text."""
        if self.checked is False:
            return
        self._tickets["chart"] += 1
        states, scores = list(self.states), list(self.scores)
        dpi = CHART_DPI * (self.theme.panel_px / 13) ** 0.5 * self.devicePixelRatioF()
        width = max(300, self.width() - 40) * self.devicePixelRatioF() / dpi
        height = max(160, self.height() * CHART_SHARE) * self.devicePixelRatioF() / dpi
        QThreadPool.globalInstance().start(_Work(
            "chart", self._tickets["chart"],
            lambda: timeline_chart(states, scores, width, height, dpi), self._relay))

    def _done(self, what: str, ticket: int, result) -> None:
        if ticket != self._tickets[what]:
            return  # a newer one is on its way
        if isinstance(result, Exception):
            target = self.chart if what == "chart" else self.caption
            target.setText(f"This could not be drawn: {result}")
        elif what == "step":
            self.picture.show_image(result)
        elif what == "checks":
            self.scores, self.checked = result, True
            self._draw_chart()
            self.show_step(self.step)
        else:
            self.chart_png = result
            pixmap = QPixmap.fromImage(QImage.fromData(result))
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.chart.setPixmap(pixmap)

    # --- export --------------------------------------------------------------------------------

    def export_dialog(self) -> None:
        from ui.dialogs import map_file_dialog

        dialog = map_file_dialog(self, "Export the timeline", "")
        dialog.setAcceptMode(dialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("PDF (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"{self.data.name} timeline.pdf")
        if dialog.exec() and dialog.selectedFiles():
            self.export_pdf(dialog.selectedFiles()[0])

    def export_pdf(self, path) -> None:
        """Write the timeline to ``path``: a page per step and the chart (checked first if the
        chart is not drawn yet)."""
        from ui import background

        scores = self.scores if self.checked else None
        states, name, theme = list(self.states), self.data.name, self.theme

        def work() -> bytes:
            known = scores or [analyze(s.data).health.score for s in states]
            return timeline_pdf(name, states, known, timeline_chart(states, known), theme)

        write_bytes(path, background.wait_for(work))

    # --- Qt overrides --------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.show_step(self.step + (1 if key == Qt.Key.Key_Right else -1))
        elif key == Qt.Key.Key_Space:
            self.toggle_play()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.chart.setFixedHeight(max(160, round(self.height() * CHART_SHARE)))
        self._redraw.start()

    def closeEvent(self, event) -> None:
        self._player.stop()
        super().closeEvent(event)
