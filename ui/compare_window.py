"""Compare: two states of the map side by side in time. The canvas shows the later state with
the diff lens; beside it, the legend, the health before → after (checked in a worker), and a
list of every change — choosing one shows its piece. Esc leaves."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import collector
from app.domain import MapData
from app.errors import EcomapError
from app.files import laid_out
from app.history import diff as diffs
from app.history import snapshots
from app.history.diff_text import HEADINGS, change_line, summary
from app.history.lens import LENS, lens_color
from ui import background
from ui.canvas.diff_lens import DiffLens, positions
from ui.canvas.scene import MapScene
from ui.canvas.view import MapView
from ui.render import MapDataDocument
from ui.theme import Theme
from ui.wording import in_words

NOW = "Now"
HEALTH_AFTER_MS = 250
LARGE_MAP = 3000  # pieces and connections: as the main window, built while the window breathes
SIDE_WIDTH = 320


def _go_on() -> None:
    """No breath: a small map is drawn at once."""


class _Relay(QObject):
    done = Signal(int, object)


class _Collector(QObject):
    """Lets Python's cycle collector run again on the GUI thread once a health check is
    back, whether or not its window is still open (see app.collector)."""

    release = Signal()

    def __init__(self):
        super().__init__()
        self.release.connect(collector.release, Qt.ConnectionType.QueuedConnection)


_COLLECTOR: _Collector | None = None


def _collector() -> _Collector:
    global _COLLECTOR
    if _COLLECTOR is None:  # made on the GUI thread, the first time a window checks
        _COLLECTOR = _Collector()
    return _COLLECTOR


class _HealthJob(QRunnable):
    """Both states checked in a worker, with the collector held meanwhile: a full pass over
    two 10,000-node maps in the worker would hold Python's lock, and the window, for 0.1 s."""

    def __init__(self, ticket: int, before: MapData, after: MapData, relay: _Relay):
        super().__init__()
        self.ticket, self.before, self.after, self.relay = ticket, before, after, relay
        self.releaser = _collector()
        collector.hold()

    def run(self) -> None:
        try:
            result = diffs.compare_health(self.before, self.after)
        except Exception as error:  # said beside the map; the lens stays useful
            result = error
        finally:
            self.releaser.release.emit()
        with suppress(RuntimeError):  # the window it was for has closed meanwhile
            self.relay.done.emit(self.ticket, result)


class CompareWindow(QDialog):
    """Two states of ``data`` compared: a snapshot and now, or two snapshots."""

    def __init__(self, parent, data: MapData, theme: Theme):
        super().__init__(parent, objectName="compare_window", windowTitle="Compare")
        self.data = data
        self.theme = theme
        self.lens: DiffLens | None = None
        self.diff: diffs.Diff | None = None
        self.health: diffs.HealthDiff | None = None
        self._ticket = 0
        self._relay = _Relay(self)
        self._relay.done.connect(self._health_done)
        self.scene = MapScene(theme)
        self.view = MapView(self.scene, self)
        self.view.setInteractive(False)
        self._health_timer = QTimer(self, singleShot=True, interval=HEALTH_AFTER_MS)
        self._health_timer.timeout.connect(lambda: self._check_health(*self._to_check))
        self._to_check: tuple[MapData, MapData] | None = None
        self._build()
        self.resize(parent.size() * 0.92 if parent is not None else self.size())
        # A quarter of the width for the list (at least SIDE_WIDTH): on a 4K screen a fixed
        # 320 pixels cut every connection's name short.
        side = max(SIDE_WIDTH, self.width() // 4)
        self.split.setSizes([max(self.width() - side, 400), side])

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        names = [s.name for s in snapshots.in_order(self.data.snapshots)]
        self.before_box = QComboBox(objectName="compare_from")
        self.before_box.addItems(names)
        self.after_box = QComboBox(objectName="compare_to")
        self.after_box.addItems([*names, NOW])
        self.before_box.setCurrentIndex(len(names) - 1)
        self.after_box.setCurrentIndex(len(names))
        for box in (self.before_box, self.after_box):
            box.currentIndexChanged.connect(self._chosen)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Compare &from", buddy=self.before_box))
        choose.addWidget(self.before_box, 1)
        choose.addWidget(QLabel("&to", buddy=self.after_box))
        choose.addWidget(self.after_box, 1)
        choose.addWidget(QLabel("Esc leaves the comparison", objectName="compare_hint"))
        self.summary = QLabel(wordWrap=True, objectName="compare_summary")
        side = QWidget(objectName="compare_side")
        column = QVBoxLayout(side)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self._legend())
        self.health_label = QLabel(wordWrap=True, objectName="compare_health")
        self.health_label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.health_label)
        self.changes = QTreeWidget(objectName="compare_changes")
        self.changes.setHeaderHidden(True)
        self.changes.currentItemChanged.connect(self._show_change)
        column.addWidget(self.changes, 1)
        split = QSplitter(self)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        self.split = split
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def _legend(self) -> QWidget:
        legend = QWidget(objectName="compare_legend")
        rows = QVBoxLayout(legend)
        rows.setContentsMargins(0, 0, 0, 0)
        for what, style in LENS.items():
            row = QHBoxLayout()
            icon = QLabel()
            icon.setPixmap(lens_swatch(what, self.theme).pixmap(36, 36))
            row.addWidget(icon)
            text = QLabel(f"{style.mark} {style.word}: {style.meaning}", wordWrap=True)
            row.addWidget(text, 1)
            rows.addLayout(row)
        return legend

    # --- comparing ---------------------------------------------------------------------------

    def _chosen(self, *_args) -> None:
        self.compare(self.before_box.currentText(), self.after_box.currentText())

    def compare(self, before_name: str, after_name: str) -> bool:
        """Show what changed from ``before_name`` to ``after_name`` (a snapshot, or "Now")."""
        def states():  # reading a 10,000-node snapshot takes a third of a second: a worker's
            before = laid_out(snapshots.state(self.data, before_name))
            after = laid_out(snapshots.state(self.data, after_name))
            return before, after, diffs.compare(before, after)

        # Two states of a large map are 100,000s of new objects that live while they are
        # shown: the collector waits, then leaves them out of its passes (as the main window
        # does with an opened map; see app.collector), else a pass over them all freezes the
        # window for a fifth of a second while the lens is drawn.
        with collector.held():
            # The window just shown lays itself out and paints now, before the worker starts:
            # while it runs, every event waits its turn for Python's lock (a quarter second
            # for the burst a new window makes).
            QCoreApplication.processEvents()
            try:
                before, after, found = background.wait_for(states)
            except EcomapError as error:
                self.summary.setText(in_words(error))
                return False
            for box, name in ((self.before_box, before_name), (self.after_box, after_name)):
                box.blockSignals(True)
                box.setCurrentText(name)
                box.blockSignals(False)
            self.show_diff(found)
            collector.settle()
        self.setWindowTitle(f"Compare “{before_name}” with “{after_name}”")
        # Checked once the lens is on screen: both checks hold Python's lock now and then,
        # and the first picture of the comparison should not wait for them.
        # (one pending check: a comparison chosen at once after another checks only itself)
        self._to_check = (before, after)
        self._health_timer.start()
        return True

    def show_diff(self, diff: diffs.Diff) -> None:
        """Draw ``diff.after`` with the lens, and list every change."""
        if self.lens is not None:
            self.lens.remove()
        self.diff = diff
        if len(diff.after.nodes) + len(diff.after.edges) < LARGE_MAP:
            self._draw(diff, _go_on, _go_on)
        else:  # 40,000 items take a second or two to make: the window breathes meanwhile
            with background.Breather(quiet=[self.view],
                                     before_each=self.scene.index_now) as breathe:
                self._draw(diff, breathe, breathe.now)
        self.summary.setText(summary(diff))
        self.view.fit_to_window()

    def _draw(self, diff: diffs.Diff, breathe, breathe_now) -> None:
        """The later state, the lens and the list, with a breath between each."""
        self.scene.set_document(MapDataDocument(diff.after), breathe)
        breathe_now()
        self.lens = DiffLens(self.scene, diff, positions(diff.before))
        breathe_now()
        self._list_changes(diff)

    def _list_changes(self, diff: diffs.Diff) -> None:
        self.changes.clear()
        for part, word in (("nodes", "Pieces"), ("edges", "Connections")):
            for what in LENS:
                found = diff.of(what, part)
                if not found:
                    continue
                group = QTreeWidgetItem([f"{word} {HEADINGS[what]} ({len(found)})"])
                group.setIcon(0, lens_swatch(what, self.theme))
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for change in found:
                    row = QTreeWidgetItem([change_line(change, diff)])
                    row.setData(0, Qt.ItemDataRole.UserRole, (part, change.id))
                    row.setToolTip(0, change_line(change, diff))
                    group.addChild(row)
                self.changes.addTopLevelItem(group)
                group.setExpanded(True)
        if self.changes.topLevelItemCount() == 0:
            self.changes.addTopLevelItem(QTreeWidgetItem(["Nothing changed."]))

    def _show_change(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        """Centre the view on the piece (or connection) of the change chosen, and select it."""
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not key or self.lens is None:
            return
        part, item_id = key
        self.scene.clearSelection()
        if part == "nodes":
            at = self.lens.where.get(item_id)
            shown = self.scene.item_for_node.get(item_id)
        else:
            edge = next(e for e in (*self.diff.after.edges, *self.diff.before.edges)
                        if e.id == item_id)
            a, b = self.lens.where.get(edge.source), self.lens.where.get(edge.target)
            at = (a + b) / 2 if a is not None and b is not None else None
            shown = self.scene.item_for_edge.get(item_id)
        if shown is not None:
            shown.setSelected(True)
        if at is not None:
            self.view.centerOn(at)

    def _check_health(self, before: MapData, after: MapData) -> None:
        self._ticket += 1
        self.health = None
        self.health_label.setText("Checking the health of both…")
        QThreadPool.globalInstance().start(_HealthJob(self._ticket, before, after,
                                                      self._relay))

    def _health_done(self, ticket: int, result) -> None:
        if ticket != self._ticket:
            return  # a comparison chosen since has its own on the way
        if isinstance(result, Exception):
            self.health_label.setText(f"The health could not be compared: {result}")
            return
        self.health = result
        self.health_label.setText(health_words(result))


def health_words(health: diffs.HealthDiff) -> str:
    was, now = health.before.health.score, health.after.health.score
    lines = [f"Health {was} → {now}"]
    lines += [f"New: {f.title}" for f in health.came]
    lines += [f"Gone: {f.title}" for f in health.went]
    moved = [s for s in health.blocks if round(s.share_before * 100) != round(s.share_after * 100)]
    if moved:
        lines.append("Shares: " + ", ".join(
            f"{s.name} {round(s.share_before * 100)}% → {round(s.share_after * 100)}%"
            for s in moved))
    return "\n".join(lines)


def lens_swatch(what: str, theme: Theme) -> QIcon:
    """A small picture of the lens mark for ``what``, for the legend and the list."""
    size = 36
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(QColor(theme.canvas))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(lens_color(what, theme.dark))
    centre = QPointF(size / 2, size / 2)
    pen = QPen(color, 3)
    style = LENS[what].pattern
    if style == "ghost":
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(color, Qt.BrushStyle.BDiagPattern))
        painter.drawEllipse(centre, size * 0.3, size * 0.3)
    else:
        painter.setBrush(QColor(theme.muted_text))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(centre, size * 0.18, size * 0.18)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen.setStyle(Qt.PenStyle.SolidLine if style == "double" else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawEllipse(centre, size * 0.28, size * 0.28)
        if style == "double":
            pen.setWidthF(1.8)
            painter.setPen(pen)
            painter.drawEllipse(centre, size * 0.42, size * 0.42)
    painter.end()
    return QIcon(pixmap)
